// PropertiesDialog: what the helper knows of one container (its
// ListContainers entry) and its effective configuration (GetConfig).
#pragma once

#include <QDialog>
#include <QVariantMap>

class HelperConnection;

class PropertiesDialog : public QDialog
{
    Q_OBJECT

public:
    PropertiesDialog(HelperConnection *connection, const QVariantMap &entry, QWidget *parent = nullptr);
};
