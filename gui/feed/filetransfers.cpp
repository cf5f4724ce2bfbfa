#include "filetransfers.h"

#include "client.h"
#include "filetree.h"
#include "helperconnection.h"
#include "uniquefd.h"

#include <QDBusObjectPath>
#include <QDBusPendingReply>
#include <QDBusUnixFileDescriptor>
#include <QFile>
#include <QFileInfo>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace hutch;

struct FileTransfers::Transfer {
    QString name, operation, what;
    std::atomic_bool stop = false;
    hutch::Status local;   // the local side's outcome
    std::thread thread;
    QString job;
    ~Transfer()
    {
        stop = true;
        if (thread.joinable())
            thread.join();
    }
};

namespace {

QString quoted(const QString &arg)
{
    static const QString safe = QStringLiteral("-_./=:+@%,");
    for (const QChar c : arg)
        if (!c.isLetterOrNumber() && !safe.contains(c))
            return QLatin1Char('\'') + QString(arg).replace(QLatin1Char('\''), QStringLiteral("'\\''")) + QLatin1Char('\'');
    return arg.isEmpty() ? QStringLiteral("''") : arg;
}

// A pipe: our end non-blocking (the channel polls it), the other end for
// the helper, as a descriptor.
bool makePipe(bool weWrite, UniqueFd *ours, QDBusUnixFileDescriptor *theirs)
{
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) < 0)
        return false;
    UniqueFd readEnd(fds[0]), writeEnd(fds[1]);
    *theirs = QDBusUnixFileDescriptor(weWrite ? readEnd.get() : writeEnd.get());
    *ours = weWrite ? std::move(writeEnd) : std::move(readEnd);
    ::fcntl(ours->get(), F_SETFL, ::fcntl(ours->get(), F_GETFL) | O_NONBLOCK);
    return true;
}

QString withSlash(const QString &directory)
{
    return directory.endsWith(QLatin1Char('/')) ? directory : directory + QLatin1Char('/');
}

}  // namespace

FileTransfers::FileTransfers(HelperConnection *connection, QObject *parent)
    : QObject(parent), m_connection(connection)
{
    // A helper that stops reading is an error of the transfer, not a signal
    // that ends the GUI.
    std::signal(SIGPIPE, SIG_IGN);
    connect(connection->helper(), &Helper1Proxy::JobFinished, this, &FileTransfers::onJobFinished);
    connect(connection, &HelperConnection::disconnected, this, [this] {
        const auto active = m_active;
        for (const auto &t : active)
            end(t, false);
    });
}

FileTransfers::~FileTransfers() = default;

QString FileTransfers::pushCommand(const QString &name, const QString &localPath, const QString &directory)
{
    return QStringLiteral("hutchctl file push -r %1 %2").arg(quoted(localPath), quoted(name + withSlash(directory)));
}

QString FileTransfers::pullCommand(const QString &name, const QString &path, const QString &localDirectory)
{
    return QStringLiteral("hutchctl file pull -r %1 %2").arg(quoted(name + path), quoted(localDirectory));
}

void FileTransfers::push(const QString &name, const QStringList &localPaths, const QString &directory)
{
    for (const QString &local : localPaths) {
        const QString what = tr("Could not copy \"%1\" into \"%2\"").arg(QFileInfo(local).fileName(), name);
        UniqueFd source(::open(QFile::encodeName(local).constData(), O_PATH | O_CLOEXEC));
        if (!source) {
            Q_EMIT error(tr("%1: %2").arg(what, QString::fromLocal8Bit(std::strerror(errno))), false);
            continue;
        }
        UniqueFd ours;
        QDBusUnixFileDescriptor theirs;
        if (!makePipe(true, &ours, &theirs)) {
            Q_EMIT error(tr("%1: %2").arg(what, QString::fromLocal8Bit(std::strerror(errno))), false);
            continue;
        }
        auto t = std::make_shared<Transfer>();
        t->name = name;
        t->operation = QStringLiteral("push");
        files::PackOptions pack;
        pack.recursive = true;
        const QByteArray top = QFile::encodeName(QFileInfo(QFileInfo(local).absoluteFilePath()).fileName());
        const QVariantMap options{{QStringLiteral("size"), qulonglong(files::measure(source.get(), pack))}};
        t->thread = std::thread([t = t.get(), source = std::move(source), ours = std::move(ours), pack, top]() mutable {
            files::Channel channel(ours.get(), &t->stop);
            files::Writer w(channel);
            t->local = w.begin();
            if (!t->local)
                t->local = files::pack(w, source.get(), top, pack);
            if (!t->local)
                t->local = w.end();
            ours.reset();
        });
        m_starting << t;
        const QString target = withSlash(directory) + QFileInfo(QFileInfo(local).absoluteFilePath()).fileName();
        t->what = what;
        m_connection->watch(
            m_connection->helper()->PushFile(name, target, theirs, options), this,
            [this, t](const QDBusPendingCall &call) {
                const QDBusPendingReply<QDBusObjectPath> reply = call;
                m_starting.removeAll(t);
                t->job = reply.value().path();
                m_active.insert(t->job, t);
                Q_EMIT jobStarted(t->job, t->operation, t->name);
                for (const auto &[path, ok] : std::as_const(m_ended))
                    if (path == t->job)
                        return end(t, ok);
            },
            [this, t](const QString &message, bool refused) {
                m_starting.removeAll(t);
                t->stop = true;
                Q_EMIT error(refused ? message : tr("%1: %2").arg(t->what, message), refused);
            });
    }
}

void FileTransfers::pull(const QString &name, const QString &path, const QString &localDirectory)
{
    const QString what = tr("Could not copy \"%1\" out of \"%2\"").arg(path, name);
    UniqueFd dir(::open(QFile::encodeName(localDirectory).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    UniqueFd ours;
    QDBusUnixFileDescriptor theirs;
    if (!dir || !makePipe(false, &ours, &theirs)) {
        Q_EMIT error(tr("%1: %2").arg(what, QString::fromLocal8Bit(std::strerror(errno))), false);
        return;
    }
    auto t = std::make_shared<Transfer>();
    t->name = name;
    t->operation = QStringLiteral("pull");
    t->what = what;
    files::UnpackOptions unpack;
    unpack.chown = false;  // the user's own files
    unpack.modeMask = 0777;
    t->thread = std::thread([t = t.get(), dir = std::move(dir), ours = std::move(ours), unpack]() mutable {
        files::Channel channel(ours.get(), &t->stop);
        files::Reader r(channel);
        t->local = r.begin();
        if (!t->local)
            t->local = files::unpack(r, dir.get(), QByteArray(), unpack);
    });
    m_starting << t;
    m_connection->watch(
        m_connection->helper()->PullFile(name, path, theirs, {{QStringLiteral("recursive"), true}}), this,
        [this, t](const QDBusPendingCall &call) {
            const QDBusPendingReply<QDBusObjectPath> reply = call;
            m_starting.removeAll(t);
            t->job = reply.value().path();
            m_active.insert(t->job, t);
            Q_EMIT jobStarted(t->job, t->operation, t->name);
            for (const auto &[path, ok] : std::as_const(m_ended))
                if (path == t->job)
                    return end(t, ok);
        },
        [this, t](const QString &message, bool refused) {
            m_starting.removeAll(t);
            t->stop = true;
            Q_EMIT error(refused ? message : tr("%1: %2").arg(t->what, message), refused);
        });
}

void FileTransfers::onJobFinished(const QDBusObjectPath &job, bool success, const QString &, const QString &)
{
    if (const auto t = m_active.value(job.path()))
        return end(t, success);
    m_ended.append({job.path(), success});
    if (m_ended.size() > 20)
        m_ended.removeFirst();
}

void FileTransfers::end(const std::shared_ptr<Transfer> &t, bool success)
{
    m_active.remove(t->job);
    // A job that failed leaves our side waiting for bytes that never come.
    if (!success)
        t->stop = true;
    if (t->thread.joinable())
        t->thread.join();
    // The job's own failure is on the operations panel; ours is told here.
    if (success && t->local) {
        success = false;
        Q_EMIT error(tr("%1: %2").arg(t->what, t->local->message), false);
    }
    Q_EMIT finished(t->name, t->operation, success);
}
