// Help → Host Check: what this host offers containers, as the helper probes
// it (CheckHost; hutchctl check-host prints the same), one row per feature
// with its verdict, what was found and what a missing item costs.
#pragma once

#include <QDialog>

class QLabel;
class QTableWidget;

class HelperConnection;

class HostCheckDialog : public QDialog {
    Q_OBJECT
public:
    explicit HostCheckDialog(HelperConnection *connection, QWidget *parent = nullptr);

    // Asks the helper again.
    void refresh();

private:
    void showFeatures(const QList<QVariantMap> &features);

    HelperConnection *m_connection;
    QTableWidget *m_table;
    QLabel *m_status;
};
