// CloneDialog: the name of the copy (proposed, checked as typed) and, where
// the source's storage allows it, a copy-on-write snapshot instead of a copy.
#pragma once

#include <QDialog>

class ContainerListModel;
class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

class CloneDialog : public QDialog
{
    Q_OBJECT

public:
    CloneDialog(const QString &source, const ContainerListModel *model, QWidget *parent = nullptr);

    QString newName() const;
    bool snapshot() const;

private:
    void check();

    const ContainerListModel *m_model;
    QLineEdit *m_name;
    QLabel *m_problem;
    QCheckBox *m_snapshot;
    QDialogButtonBox *m_buttons;
};
