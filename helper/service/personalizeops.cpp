#include "personalizeops.h"

#include "authorizer.h"
#include "backend.h"
#include "config.h"
#include "configedit.h"
#include "destroy.h"
#include "launch.h"
#include "store.h"

#include <QDBusUnixFileDescriptor>

#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <vector>

namespace hutch::service {

namespace {

QString s(const char *text) { return QString::fromLatin1(text); }

// The file behind option KEY: a descriptor of a regular file open for
// reading, at most `limit` bytes, read from its start.
Result<QByteArray> readFileOption(const QVariantMap &options, const QString &key, qint64 limit)
{
    const QVariant v = options.value(key);
    const QString where = QStringLiteral("option \"%1\"").arg(key);
    if (v.metaType() != QMetaType::fromType<QDBusUnixFileDescriptor>() || !v.value<QDBusUnixFileDescriptor>().isValid())
        return Error::invalid(QStringLiteral("%1 must be a file descriptor (h) of the file, opened by the caller").arg(where));
    const int fd = v.value<QDBusUnixFileDescriptor>().fileDescriptor();
    const int flags = ::fcntl(fd, F_GETFL);
    struct stat st {};
    if (flags < 0 || (flags & O_PATH) || ((flags & O_ACCMODE) != O_RDONLY && (flags & O_ACCMODE) != O_RDWR))
        return Error::invalid(QStringLiteral("%1: the descriptor is not open for reading").arg(where));
    if (::fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
        return Error::invalid(QStringLiteral("%1: the descriptor is not of a regular file").arg(where));
    if (st.st_size > limit)
        return Error::invalid(QStringLiteral("%1: the file is larger than %2 KiB").arg(where).arg(limit / 1024));
    QByteArray data(qsizetype(st.st_size), Qt::Uninitialized);
    qsizetype got = 0;
    while (got < data.size()) {
        const ssize_t n = ::pread(fd, data.data() + got, size_t(data.size() - got), got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return Error::system(errno, QStringLiteral("%1: read").arg(where), Error::Code::InvalidArgument);
        if (n == 0)
            break;
        got += n;
    }
    data.truncate(got);
    return data;
}

// The uid the bus daemon knows for the caller's unique name.
Result<uint> callerUid(const Call &call)
{
    QDBusMessage ask = QDBusMessage::createMethodCall(s("org.freedesktop.DBus"), s("/org/freedesktop/DBus"),
                                                      s("org.freedesktop.DBus"), s("GetConnectionUnixUser"));
    ask << call.caller();
    const QDBusMessage answer = call.bus.call(ask, QDBus::Block, 10000);
    if (answer.type() != QDBusMessage::ReplyMessage || answer.arguments().isEmpty())
        return Error::notAuthorized(QStringLiteral("who is calling is not known: %1").arg(answer.errorMessage()));
    return answer.arguments().constFirst().toUInt();
}

// The account name of UID on this host (empty if it has none).
QString callerName(uint uid)
{
    std::vector<char> buffer(1 << 16);
    struct passwd pw {}, *pwp = nullptr;
    if (::getpwuid_r(uid_t(uid), &pw, buffer.data(), buffer.size(), &pwp) != 0 || !pwp)
        return {};
    return QString::fromUtf8(pw.pw_name);
}

}  // namespace

Result<PersonalizeRequest> checkPersonalizeOptions(const QVariantMap &options, const QString &backend)
{
    PersonalizeRequest r;
    if (options.contains(s("bind_user"))) {
        const QVariant v = options.value(s("bind_user"));
        if (v.metaType().id() != QMetaType::QString)
            return Error::invalid(s("option \"bind_user\" must be a string"));
        if (auto err = templates::validateUserName(v.toString()))
            return err->wrap(s("option \"bind_user\""));
        r.bindUser = v.toString();
    }
    if (options.contains(s("ssh_key"))) {
        auto keys = readFileOption(options, s("ssh_key"), 64 * 1024);
        if (!keys)
            return keys.error();
        if (auto err = templates::validateAuthorizedKeys(*keys))
            return err->wrap(s("option \"ssh_key\""));
        r.authorizedKeys = *keys;
    }
    if (options.contains(s("user_data"))) {
        auto data = readFileOption(options, s("user_data"), 1 << 20);
        if (!data)
            return data.error();
        if (auto err = templates::validateUserData(*data))
            return err->wrap(s("option \"user_data\""));
        r.userData = *data;
    }
    if (!r.empty() && backend == QLatin1String("lvm"))
        return Error::invalid(s("bind_user, ssh_key and user_data need a directory rootfs (dir, btrfs), not lvm"));
    return r;
}

Result<templates::Personalization> authorizePersonalization(const PersonalizeRequest &request, const Call &call,
                                                            Authorizer *auth, const QString &container)
{
    templates::Personalization p;
    p.authorizedKeys = request.authorizedKeys;
    p.userData = request.userData;
    if (request.bindUser.isEmpty())
        return p;
    auto uid = callerUid(call);
    if (!uid)
        return uid.error();
    // Another user's account and home: an administrator's decision, asked
    // before the name is looked up, so that a caller without it learns
    // nothing of which users this host has (the same refusal for all).
    if (callerName(*uid) != request.bindUser)
        if (auto refused = auth->askAndWait(call.caller(), actions::configurePrivileged, container))
            return refused->wrap(QStringLiteral("bind the host user \"%1\", who is not you").arg(request.bindUser));
    auto user = templates::lookupHostUser(request.bindUser);
    if (!user)
        return user.error().wrap(s("bind_user"));
    p.user = *user;
    return p;
}

Status personalizeContainer(const HelperSettings &settings, const QString &monitorPath, const QString &name,
                            const templates::Personalization &personalization, const StepReport &report)
{
    if (personalization.empty())
        return std::nullopt;
    const Store store(settings.storePath);
    auto work = [&]() -> Status {
        const LoadResult loaded = loadConfigFile(store.configPath(name));
        if (auto err = loaded.firstError())
            return *err;
        auto location = storage::parseRootfsPath(loaded.config.value(s("lxc.rootfs.path"), QString()),
                                                 store.containerDir(name));
        if (!location)
            return location.error();
        if (location->kind != storage::BackendKind::Dir && location->kind != storage::BackendKind::Btrfs)
            return Error::invalid(s("the rootfs is not a directory (dir or btrfs)"));
        const bool idmapped = !loaded.config.values(s("lxc.idmap")).isEmpty();
        auto lines = templates::personalizeRootfs(location->path, name, loaded.config.value(s("lxc.uts.name"), name),
                                                  personalization, idmapped,
                                                  [&](const QString &line) { report(line, -1); });
        if (!lines)
            return lines.error();
        QList<ConfigEdit> edits;
        for (const QString &line : std::as_const(*lines))
            edits << ConfigEdit{s("lxc.mount.entry"), line, EditMode::Append};
        return edits.isEmpty() ? std::nullopt : editConfig(store, name, edits);
    };
    if (auto err = work()) {
        Runtime runtime(settings, monitorPath);
        if (auto gone = storage::destroyContainer(runtime, name))
            err->message += QStringLiteral(" (and removing \"%1\" again failed: %2)").arg(name, gone->message);
        return *err;
    }
    return std::nullopt;
}

}  // namespace hutch::service
