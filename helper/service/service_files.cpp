// Files in and out of a container: Service::PushFile, PullFile (jobs),
// ListFiles, MakeDirectory, DeleteFile. The work inside the container's
// root is storage/containerfs.h's; here: polkit's files action, the
// arguments checked, the caller's descriptor taken as it is.
#include "service.h"

#include "authorizer.h"
#include "containerfs.h"
#include "filestream.h"
#include "monitorlink.h"
#include "operationqueue.h"
#include "store.h"

#include <algorithm>
#include <fcntl.h>
#include <sys/stat.h>

#include <memory>

namespace hutch::service {

namespace {

Result<std::optional<quint32>> idOption(const QVariantMap &options, const QString &key, quint32 max)
{
    const auto it = options.find(key);
    if (it == options.end())
        return std::optional<quint32>();
    if (it->metaType().id() != QMetaType::UInt)
        return Error::invalid(QStringLiteral("option \"%1\" must be an unsigned 32-bit integer").arg(key));
    if (it->toUInt() > max)
        return Error::invalid(QStringLiteral("option \"%1\" is above %2").arg(key).arg(max));
    return std::optional<quint32>(it->toUInt());
}

// The caller's STREAM: a pipe, socket or regular file open for `access`;
// our own copy of it, non-blocking when it is a pipe or socket (the job
// polls it, so that Cancel is heard).
Result<std::shared_ptr<UniqueFd>> takeStream(const QDBusUnixFileDescriptor &stream, int access)
{
    struct stat st {};
    if (!stream.isValid() || ::fstat(stream.fileDescriptor(), &st) < 0
        || !(S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode) || S_ISREG(st.st_mode)))
        return Error::invalid(QStringLiteral("the stream must be a pipe, socket or regular file the caller opened"));
    const int flags = ::fcntl(stream.fileDescriptor(), F_GETFL);
    if ((flags & O_ACCMODE) != O_RDWR && (flags & O_ACCMODE) != access)
        return Error::invalid(access == O_WRONLY ? QStringLiteral("the stream is not open for writing")
                                                 : QStringLiteral("the stream is not open for reading"));
    auto fd = std::make_shared<UniqueFd>(::fcntl(stream.fileDescriptor(), F_DUPFD_CLOEXEC, 0));
    if (!*fd)
        return Error::system(errno, QStringLiteral("take the stream"));
    if (!S_ISREG(st.st_mode))
        ::fcntl(fd->get(), F_SETFL, flags | O_NONBLOCK);
    return fd;
}

// The running container's init (0 when stopped); Busy while it starts.
Result<qint64> rootPid(const HelperSettings &settings, const QString &name)
{
    const MonitorState state = monitorState(settings, name);
    if (state.running() && state.pid <= 0)
        return Error::busy(QStringLiteral("container \"%1\" is %2; try again once it runs").arg(name, state.state));
    return state.running() ? state.pid : 0;
}

Status inContainer(const HelperSettings &settings, const QString &name,
                   const std::function<Status(int root, const storage::IdMapping &ids)> &fn)
{
    auto pid = rootPid(settings, name);
    if (!pid)
        return pid.error();
    const Store store(settings.storePath);
    return storage::withContainerRoot(store.containerDir(name), store.configPath(name), *pid, fn);
}

QString mib(quint64 bytes)
{
    return QString::number(double(bytes) / (1 << 20), 'f', 1);
}

}  // namespace

QDBusObjectPath Service::PushFile(const QString &name, const QString &path, const QDBusUnixFileDescriptor &stream,
                                  const QVariantMap &options)
{
    const Call call = beginCall();
    m_auth->check(call, actions::files, name, [this, call, name, path, stream, options] {
        if (auto err = checkExisting(name))
            return call.fail(*err);
        if (auto err = storage::checkContainerPath(path))
            return call.fail(*err);
        storage::PushOptions push;
        auto uid = idOption(options, QStringLiteral("uid"), 0xfffffffe);
        auto gid = idOption(options, QStringLiteral("gid"), 0xfffffffe);
        auto mode = idOption(options, QStringLiteral("mode"), 07777);
        auto parents = boolOption(options, QStringLiteral("parents"), false);
        for (const Status &err : {uid ? Status() : uid.error(), gid ? Status() : gid.error(),
                                  mode ? Status() : mode.error(), parents ? Status() : parents.error()})
            if (err)
                return call.fail(*err);
        push.uid = *uid;
        push.gid = *gid;
        push.mode = *mode;
        push.parents = *parents;
        quint64 size = 0;
        if (const auto it = options.find(QStringLiteral("size")); it != options.end()) {
            if (it->metaType().id() != QMetaType::ULongLong)
                return call.fail(Error::invalid(QStringLiteral("option \"size\" must be an unsigned 64-bit integer")));
            size = it->toULongLong();
        }
        auto fd = takeStream(stream, O_RDONLY);
        if (!fd)
            return call.fail(fd.error());
        runJob(call, QStringLiteral("push"), name, {name},
               [settings = m_settings, name, path, push, size, fd = *fd](const StepReport &report,
                                                                        const std::atomic_bool *cancel) -> Status {
                   files::Channel channel(fd->get(), cancel, [&](quint64 n) {
                       report(QStringLiteral("%1 MiB").arg(mib(n)), size ? std::min(0.99, double(n) / double(size)) : -1);
                   });
                   Status result = inContainer(settings, name, [&](int root, const storage::IdMapping &ids) {
                       return storage::pushFiles(root, ids, path, channel, push);
                   });
                   fd->reset();
                   if (result)
                       return result->wrap(QStringLiteral("push into \"%1\" at \"%2\"").arg(name, path.left(200)));
                   report(QStringLiteral("pushed %1 MiB to %2").arg(mib(channel.transferred()), path.left(200)), 1.0);
                   return std::nullopt;
               },
               actions::files);
    });
    return {};
}

QDBusObjectPath Service::PullFile(const QString &name, const QString &path, const QDBusUnixFileDescriptor &stream,
                                  const QVariantMap &options)
{
    const Call call = beginCall();
    m_auth->check(call, actions::files, name, [this, call, name, path, stream, options] {
        if (auto err = checkExisting(name))
            return call.fail(*err);
        if (auto err = storage::checkContainerPath(path))
            return call.fail(*err);
        auto recursive = boolOption(options, QStringLiteral("recursive"), false);
        if (!recursive)
            return call.fail(recursive.error());
        auto fd = takeStream(stream, O_WRONLY);
        if (!fd)
            return call.fail(fd.error());
        runJob(call, QStringLiteral("pull"), name, {name},
               [settings = m_settings, name, path, recursive = *recursive, fd = *fd](
                   const StepReport &report, const std::atomic_bool *cancel) -> Status {
                   quint64 total = 0;
                   files::Channel channel(fd->get(), cancel, [&](quint64 n) {
                       report(QStringLiteral("%1 MiB").arg(mib(n)), total ? std::min(0.99, double(n) / double(total)) : -1);
                   });
                   Status result = inContainer(settings, name, [&](int root, const storage::IdMapping &ids) {
                       return storage::pullFiles(root, ids, path, recursive, channel,
                                                 [&](quint64 t) { total = t; },
                                                 [&](const QString &line) { report(line, -1); });
                   });
                   fd->reset();  // the caller's end sees the end of the stream
                   if (result)
                       return result->wrap(QStringLiteral("pull from \"%1\" at \"%2\"").arg(name, path.left(200)));
                   report(QStringLiteral("pulled %1 MiB from %2").arg(mib(channel.transferred()), path.left(200)), 1.0);
                   return std::nullopt;
               },
               actions::files);
    });
    return {};
}

QList<QVariantMap> Service::ListFiles(const QString &name, const QString &path, const QVariantMap &)
{
    const Call call = beginCall();
    m_auth->check(call, actions::files, name, [this, call, name, path] {
        if (auto err = checkExisting(name))
            return call.fail(*err);
        if (auto err = storage::checkContainerPath(path))
            return call.fail(*err);
        m_queue->run({name}, [settings = m_settings, call, name, path] {
            QList<QVariantMap> out;
            Status result = inContainer(settings, name, [&](int root, const storage::IdMapping &ids) -> Status {
                auto list = storage::listFiles(root, ids, path);
                if (!list)
                    return list.error();
                out = *list;
                return std::nullopt;
            });
            if (result)
                return call.fail(result->wrap(QStringLiteral("list \"%1\" in \"%2\"").arg(path.left(200), name)));
            call.reply({QVariant::fromValue(out)});
        });
    });
    return {};
}

void Service::MakeDirectory(const QString &name, const QString &path, const QVariantMap &options)
{
    const Call call = beginCall();
    m_auth->check(call, actions::files, name, [this, call, name, path, options] {
        if (auto err = checkExisting(name))
            return call.fail(*err);
        if (auto err = storage::checkContainerPath(path))
            return call.fail(*err);
        auto parents = boolOption(options, QStringLiteral("parents"), false);
        if (!parents)
            return call.fail(parents.error());
        m_queue->run({name}, [settings = m_settings, call, name, path, parents = *parents] {
            Status result = inContainer(settings, name, [&](int root, const storage::IdMapping &ids) {
                return storage::makeDirectory(root, ids, path, parents);
            });
            if (result)
                return call.fail(*result);
            call.reply();
        });
    });
}

void Service::DeleteFile(const QString &name, const QString &path, const QVariantMap &options)
{
    const Call call = beginCall();
    m_auth->check(call, actions::files, name, [this, call, name, path, options] {
        if (auto err = checkExisting(name))
            return call.fail(*err);
        if (auto err = storage::checkContainerPath(path))
            return call.fail(*err);
        if (QStringView(path).split(QLatin1Char('/'), Qt::SkipEmptyParts).isEmpty())
            return call.fail(Error::invalid(QStringLiteral("\"/\" is not removed")));
        auto recursive = boolOption(options, QStringLiteral("recursive"), false);
        if (!recursive)
            return call.fail(recursive.error());
        m_queue->run({name}, [settings = m_settings, call, name, path, recursive = *recursive] {
            Status result = inContainer(settings, name, [&](int root, const storage::IdMapping &) {
                return storage::removeFiles(root, path, recursive);
            });
            if (result)
                return call.fail(*result);
            call.reply();
        });
    });
}

}  // namespace hutch::service
