// FileTransfers: files between the desktop and a container (PushFile,
// PullFile, as jobs the operations panel shows with progress and Cancel).
// As hutchctl file does: the GUI reads and writes the user's files as the
// user, in a thread of its own per transfer, through a pipe whose other
// end the helper gets; what comes from the container is checked entry by
// entry and made without following a symlink (core/filetree.h).
#pragma once

#include <QHash>
#include <QObject>
#include <QStringList>

#include <memory>

class HelperConnection;
class QDBusObjectPath;

class FileTransfers : public QObject
{
    Q_OBJECT

public:
    explicit FileTransfers(HelperConnection *connection, QObject *parent = nullptr);
    ~FileTransfers() override;

    // Copies each of LOCALPATHS (directories with their contents) into the
    // directory DIRECTORY of the container NAME, under its own name.
    void push(const QString &name, const QStringList &localPaths, const QString &directory);
    // Copies PATH of the container NAME (a directory with its contents)
    // into the local directory LOCALDIRECTORY, under its own name.
    void pull(const QString &name, const QString &path, const QString &localDirectory);
    // Transfers whose jobs or local side have not ended.
    int activeCount() const { return int(m_active.size()); }

    // hutchctl's equivalents.
    static QString pushCommand(const QString &name, const QString &localPath, const QString &directory);
    static QString pullCommand(const QString &name, const QString &path, const QString &localDirectory);

    struct Transfer;

Q_SIGNALS:
    void jobStarted(const QString &path, const QString &operation, const QString &container);
    void error(const QString &message, bool refused);
    // A transfer ended (job and local side): NAME's files changed when a
    // push succeeded.
    void finished(const QString &name, const QString &operation, bool success);

private:
    void start(std::shared_ptr<Transfer> transfer, const QString &what);
    void onJobFinished(const QDBusObjectPath &job, bool success, const QString &error, const QString &message);
    void end(const std::shared_ptr<Transfer> &transfer, bool success);

    HelperConnection *m_connection;
    QHash<QString, std::shared_ptr<Transfer>> m_active;  // by job path
    QList<std::shared_ptr<Transfer>> m_starting;          // no job path yet
    QList<QPair<QString, bool>> m_ended;                  // ends heard before the reply
};
