// FilesView: the Files tab, a simple browser of one container's
// filesystem, running or stopped (ListFiles): go into directories and up,
// download (PullFile) and upload (PushFile) through FileTransfers, new
// folder (MakeDirectory), delete with confirmation (DeleteFile). Every
// path is resolved by the helper inside the container's root.
#pragma once

#include <QWidget>

class FileTransfers;
class HelperConnection;
class QLineEdit;
class QPushButton;
class QTreeWidget;

class FilesView : public QWidget
{
    Q_OBJECT

public:
    FilesView(HelperConnection *connection, FileTransfers *transfers, QWidget *parent = nullptr);

    void setContainer(const QString &name);
    QString container() const { return m_name; }
    QString directory() const { return m_directory; }
    // Lists DIRECTORY of the container.
    void open(const QString &directory);
    // The selected entry's full path ("" when none).
    QString selectedPath() const;

    // The verbs, as the buttons run them; the dialogs ask first.
    void upload();
    void download();
    void newFolder();
    void deleteSelected();

Q_SIGNALS:
    void error(const QString &message, bool refused);
    // A listing arrived (tests).
    void listed(const QString &directory);

private:
    void retranslate();
    void changeEvent(QEvent *event) override;
    void updateButtons();

    HelperConnection *m_connection;
    FileTransfers *m_transfers;
    QString m_name, m_directory = QStringLiteral("/root");
    QLineEdit *m_path;
    QTreeWidget *m_list;
    QPushButton *m_up, *m_upload, *m_download, *m_newFolder, *m_delete;
    quint64 m_generation = 0;  // answers to older listings are dropped
};
