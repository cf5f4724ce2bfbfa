#include "archivetransfers.h"

#include "client.h"
#include "helperconnection.h"

#include <QDBusObjectPath>
#include <QDBusPendingReply>
#include <QDBusUnixFileDescriptor>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

using namespace hutch;

namespace {

struct Kind {
    const char *compression;
    const char *suffix;
};
// Longest suffix first: ".tar" is the end of none of the others, but the
// order is also the dialogs' (xz, the helper's default, first).
constexpr Kind kKinds[] = {{"xz", ".tar.xz"}, {"gz", ".tar.gz"}, {"zst", ".tar.zst"}, {"none", ".tar"}};

QString quoted(const QString &arg)
{
    static const QString safe = QStringLiteral("-_./=:+@%,");
    for (const QChar c : arg)
        if (!c.isLetterOrNumber() && !safe.contains(c))
            return QLatin1Char('\'') + QString(arg).replace(QLatin1Char('\''), QStringLiteral("'\\''")) + QLatin1Char('\'');
    return arg.isEmpty() ? QStringLiteral("''") : arg;
}

}  // namespace

ArchiveTransfers::ArchiveTransfers(HelperConnection *connection, QObject *parent)
    : QObject(parent), m_connection(connection)
{
    connect(connection->helper(), &Helper1Proxy::JobFinished, this, &ArchiveTransfers::onJobFinished);
    // A helper that went away took its jobs with it: their files are incomplete.
    connect(connection, &HelperConnection::disconnected, this, [this] {
        for (const QString &file : std::as_const(m_exports))
            QFile::remove(file);
        m_exports.clear();
        m_ended.clear();
    });
}

QString ArchiveTransfers::compressionFor(const QString &file)
{
    for (const Kind &k : kKinds)
        if (file.endsWith(QLatin1String(k.suffix)))
            return QLatin1String(k.compression);
    return {};
}

QString ArchiveTransfers::suffixFor(const QString &compression)
{
    for (const Kind &k : kKinds)
        if (compression == QLatin1String(k.compression))
            return QLatin1String(k.suffix);
    return {};
}

QStringList ArchiveTransfers::compressions()
{
    QStringList out;
    for (const Kind &k : kKinds)
        out << QLatin1String(k.compression);
    return out;
}

QStringList ArchiveTransfers::nameFilters()
{
    return {tr("Archive compressed with xz") + QStringLiteral(" (*.tar.xz)"),
            tr("Archive compressed with gzip") + QStringLiteral(" (*.tar.gz)"),
            tr("Archive compressed with zstd") + QStringLiteral(" (*.tar.zst)"),
            tr("Uncompressed archive") + QStringLiteral(" (*.tar)")};
}

QString ArchiveTransfers::exportCommand(const QString &name, const QString &file)
{
    return QStringLiteral("hutchctl export %1 %2").arg(quoted(name), quoted(file));
}

QString ArchiveTransfers::importCommand(const QString &file, const QString &newName, const QString &backingStore)
{
    QString cmd = QStringLiteral("hutchctl import %1").arg(quoted(file));
    if (!newName.isEmpty())
        cmd += QStringLiteral(" --name ") + quoted(newName);
    if (!backingStore.isEmpty() && backingStore != QLatin1String("best"))
        cmd += QStringLiteral(" -B ") + quoted(backingStore);
    return cmd;
}

void ArchiveTransfers::exportContainer(const QString &name, const QString &file, const QString &compression)
{
    QString kind = compression.isEmpty() ? compressionFor(file) : compression;
    if (kind.isEmpty())
        kind = QStringLiteral("xz");
    const QString what = tr("Could not export \"%1\"").arg(name);
    // Opened here, as the user; the helper gets only the descriptor. The
    // save dialog asked before an existing file is replaced.
    const int fd = ::open(QFile::encodeName(file).constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        Q_EMIT error(tr("%1: cannot create %2: %3").arg(what, file, QString::fromLocal8Bit(std::strerror(errno))),
                     false);
        return;
    }
    const QDBusUnixFileDescriptor out(fd);
    ::close(fd);  // QDBusUnixFileDescriptor holds its own duplicate
    m_connection->watch(
        m_connection->helper()->ExportContainer(name, out, {{QStringLiteral("compression"), kind}}), this,
        [this, name, file](const QDBusPendingCall &call) {
            const QDBusPendingReply<QDBusObjectPath> reply = call;
            const QString path = reply.value().path();
            for (qsizetype i = 0; i < m_ended.size(); ++i)
                if (m_ended.at(i).first == path) {
                    const bool ok = m_ended.at(i).second;
                    if (!ok)
                        QFile::remove(file);
                    m_ended.removeAt(i);
                    Q_EMIT jobStarted(path, QStringLiteral("export"), name);
                    if (ok)
                        Q_EMIT exported(name, file);
                    return;
                }
            m_exports.insert(path, file);
            m_exportNames.insert(path, name);
            Q_EMIT jobStarted(path, QStringLiteral("export"), name);
        },
        [this, what, file](const QString &message, bool refused) {
            QFile::remove(file);
            Q_EMIT error(refused ? message : tr("%1: %2").arg(what, message), refused);
        });
}

void ArchiveTransfers::importArchive(const QString &file, const QString &newName, const QString &backingStore)
{
    const QString shown = QFileInfo(file).fileName();
    const QString what = tr("Could not import \"%1\"").arg(shown);
    const int fd = ::open(QFile::encodeName(file).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        Q_EMIT error(tr("%1: cannot read %2: %3").arg(what, file, QString::fromLocal8Bit(std::strerror(errno))), false);
        return;
    }
    const QDBusUnixFileDescriptor in(fd);
    ::close(fd);
    QVariantMap options;
    if (!newName.isEmpty())
        options.insert(QStringLiteral("name"), newName);
    if (!backingStore.isEmpty())
        options.insert(QStringLiteral("backing_store"), backingStore);
    m_connection->watch(
        m_connection->helper()->ImportContainer(in, options), this,
        [this, container = newName.isEmpty() ? shown : newName](const QDBusPendingCall &call) {
            const QDBusPendingReply<QDBusObjectPath> reply = call;
            Q_EMIT jobStarted(reply.value().path(), QStringLiteral("import"), container);
        },
        [this, what](const QString &message, bool refused) {
            Q_EMIT error(refused ? message : tr("%1: %2").arg(what, message), refused);
        });
}

void ArchiveTransfers::onJobFinished(const QDBusObjectPath &job, bool success, const QString &, const QString &)
{
    const QString path = job.path();
    if (m_exports.contains(path)) {
        const QString file = m_exports.take(path);
        const QString name = m_exportNames.take(path);
        // Failed or cancelled: what is in the file is incomplete and ours.
        if (!success)
            QFile::remove(file);
        else
            Q_EMIT exported(name, file);
        return;
    }
    m_ended.append({path, success});
    if (m_ended.size() > 20)
        m_ended.removeFirst();
}
