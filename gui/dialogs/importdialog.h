// ImportDialog: what to make of an archive before it is imported — an
// optional new name (checked as typed, as in the wizard; empty keeps the
// archive's, which is read from the archive and checked the same way) and the backing store — with the hutchctl line that does the
// same.
#pragma once

#include <QDialog>

class ContainerListModel;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProcess;
class QPushButton;

class ImportDialog : public QDialog
{
    Q_OBJECT

public:
    ImportDialog(const QString &file, const ContainerListModel *model, QWidget *parent = nullptr);
    ~ImportDialog() override;

    QString file() const { return m_file; }
    // Empty: the name stored in the archive.
    QString newName() const;
    // "best", "dir", "btrfs" or "lvm".
    QString backingStore() const;
    QString command() const;
    QPushButton *importButton() const { return m_import; }
    // The name stored in the archive, once read (tar, as the user); empty
    // before, or when the archive has none.
    QString archiveName() const { return m_archiveName; }

Q_SIGNALS:
    void archiveRead();

private:
    void check();
    void readArchiveName();

    QString m_file;
    QString m_archiveName;
    QProcess *m_tar = nullptr;  // reading the archive's name, until it ends
    const ContainerListModel *m_model;
    QLineEdit *m_name;
    QLabel *m_problem;
    QComboBox *m_storage;
    QLabel *m_command;
    QDialogButtonBox *m_buttons;
    QPushButton *m_import;
};
