// RenameDialog: the new name of a container, checked as typed against the
// rules and the list (the Rename button stays off while it is taken).
#pragma once

#include <QDialog>

class ContainerListModel;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

class RenameDialog : public QDialog
{
    Q_OBJECT

public:
    RenameDialog(const QString &name, const ContainerListModel *model, QWidget *parent = nullptr);

    QString newName() const;
    // Why the typed name cannot be used (empty when it can, or when it is
    // the current name: then there is nothing to do).
    QString problem() const;

private:
    void check();

    QString m_current;
    const ContainerListModel *m_model;
    QLineEdit *m_name;
    QLabel *m_problem;
    QPushButton *m_rename;
};
