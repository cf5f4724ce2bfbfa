#include "containerfs.h"

#include "backend.h"
#include "config.h"
#include "filetree.h"
#include "store.h"

#include <QFile>

#include <algorithm>
#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/openat2.h>
#include <sched.h>
#include <sys/fsuid.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace hutch::storage {

namespace {

QList<QByteArray> components(const QString &path)
{
    QList<QByteArray> out;
    for (const QByteArray &c : QFile::encodeName(path).split('/'))
        if (!c.isEmpty())
            out << c;
    return out;
}

// Opens `relative` (components joined) inside the root, symlinks resolved
// as the container would resolve them, never out of it.
UniqueFd openInside(int root, const QByteArray &relative, int flags)
{
    open_how how{};
    how.flags = quint64(flags | O_CLOEXEC);
    how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
    const char *p = relative.isEmpty() ? "." : relative.constData();
    return UniqueFd(int(::syscall(SYS_openat2, root, p, &how, sizeof how)));
}

QString shown(const QString &path)
{
    return QStringLiteral("\"%1\"").arg(path.left(200));
}

Error openError(int err, const QString &path)
{
    return Error::system(err, QStringLiteral("open %1 in the container").arg(shown(path)),
                         err == ENOENT ? Error::Code::NotFound
                         : err == ENOTDIR || err == ELOOP ? Error::Code::InvalidArgument : Error::Code::Failed);
}

struct Parent {
    UniqueFd fd;
    QByteArray leaf;
};

// PATH's directory (made, owned by uid:gid, when `create`) and its last component.
Result<Parent> openParent(int root, const QString &path, bool create, quint32 uid, quint32 gid)
{
    const QList<QByteArray> parts = components(path);
    if (parts.isEmpty())
        return Error::invalid(QStringLiteral("\"/\" has no parent"));
    QByteArray sofar;
    UniqueFd dir = openInside(root, QByteArray(), O_PATH | O_DIRECTORY);
    for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
        const QByteArray next = sofar.isEmpty() ? parts[i] : sofar + '/' + parts[i];
        UniqueFd fd = openInside(root, next, O_PATH | O_DIRECTORY);
        if (!fd && errno == ENOENT && create) {
            if (::mkdirat(dir.get(), parts[i].constData(), 0755) < 0 && errno != EEXIST)
                return Error::system(errno, QStringLiteral("make directory \"/%1\" in the container").arg(QString::fromUtf8(next)));
            if (::fchownat(dir.get(), parts[i].constData(), uid, gid, AT_SYMLINK_NOFOLLOW) < 0)
                return Error::system(errno, QStringLiteral("set the owner of \"/%1\"").arg(QString::fromUtf8(next)));
            fd = openInside(root, next, O_PATH | O_DIRECTORY);
        }
        if (!fd) {
            const int err = errno;
            return openError(err, QLatin1Char('/') + QString::fromUtf8(next));
        }
        dir = std::move(fd);
        sofar = next;
    }
    return Parent{std::move(dir), parts.last()};
}

Status removeTree(int parent, const QByteArray &leaf, dev_t device, const QString &shownPath, int depth)
{
    UniqueFd dir(::openat(parent, leaf.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    struct stat st {};
    if (!dir || ::fstat(dir.get(), &st) < 0)
        return Error::system(errno, QStringLiteral("open %1").arg(shownPath));
    if (st.st_dev != device)
        return Error::invalid(QStringLiteral("%1 is a mount point; it is not removed").arg(shownPath));
    if (depth > 256)
        return Error::invalid(QStringLiteral("%1: more than 256 levels of directories").arg(shownPath));
    DIR *d = ::fdopendir(::dup(dir.get()));
    if (!d)
        return Error::system(errno, QStringLiteral("read %1").arg(shownPath));
    std::vector<QByteArray> names;
    while (const dirent *e = ::readdir(d))
        if (qstrcmp(e->d_name, ".") != 0 && qstrcmp(e->d_name, "..") != 0)
            names.emplace_back(e->d_name);
    ::closedir(d);
    for (const QByteArray &n : names) {
        struct stat cst {};
        if (::fstatat(dir.get(), n.constData(), &cst, AT_SYMLINK_NOFOLLOW) < 0)
            continue;
        if (S_ISDIR(cst.st_mode)) {
            if (auto err = removeTree(dir.get(), n, device, shownPath + QLatin1Char('/') + QString::fromUtf8(n), depth + 1))
                return err;
        } else if (::unlinkat(dir.get(), n.constData(), 0) < 0 && errno != ENOENT) {
            return Error::system(errno, QStringLiteral("remove %1/%2").arg(shownPath, QString::fromUtf8(n)));
        }
    }
    if (::unlinkat(parent, leaf.constData(), AT_REMOVEDIR) < 0)
        return Error::system(errno, QStringLiteral("remove %1").arg(shownPath));
    return std::nullopt;
}

// Runs fn in a thread of its own mount namespace with the rootfs mounted
// read-write on its mount point (the container's own mount, made here).
Status withMountedRootfs(const RootfsMount &m, const std::function<Status(int root)> &fn)
{
    Status result;
    std::thread view([&] {
        if (::unshare(CLONE_NEWNS) < 0) {
            result = Error::system(errno, QStringLiteral("unshare mount namespace"));
            return;
        }
        if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) < 0) {
            result = Error::system(errno, QStringLiteral("make mounts private"));
            return;
        }
        const QByteArray point = QFile::encodeName(m.mountPoint);
        if (::mount(QFile::encodeName(m.source).constData(), point.constData(), m.type.toUtf8().constData(), 0,
                    m.data.isEmpty() ? nullptr : m.data.toUtf8().constData())
            < 0) {
            result = Error::system(errno, QStringLiteral("mount the %1 rootfs on \"%2\"").arg(m.type, m.mountPoint));
            return;
        }
        UniqueFd root(::open(point.constData(), O_PATH | O_DIRECTORY | O_CLOEXEC));
        result = root ? fn(root.get()) : Error::system(errno, QStringLiteral("open the rootfs"));
        root.reset();
        ::umount2(point.constData(), MNT_DETACH);
    });
    view.join();
    return result;
}

// Runs fn in a thread of its own that acts on files as the container's
// root (host ids ROOTUID, ROOTGID) while keeping the helper's capabilities.
// An idmapped rootfs (idmap=container) creates nothing for a filesystem id
// its map leaves out (EOVERFLOW), and host root is such an id. fsuid and
// fsgid are per thread; setting fsuid clears the file capabilities from the
// effective set, and capset makes them effective again from the permitted
// set (CAP_CHOWN for the owners asked, CAP_DAC_OVERRIDE to reach any path).
Status asContainerRoot(quint32 rootUid, quint32 rootGid, const std::function<Status()> &fn)
{
    Status result;
    std::thread actor([&] {
        ::setfsgid(rootGid);
        ::setfsuid(rootUid);
        if (quint32(::setfsuid(quint32(-1))) != rootUid || quint32(::setfsgid(quint32(-1))) != rootGid) {
            result = Error::failed(QStringLiteral("act as the container's root (fsuid %1, fsgid %2)").arg(rootUid).arg(rootGid));
            return;
        }
        __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
        __user_cap_data_struct caps[_LINUX_CAPABILITY_U32S_3]{};
        if (::syscall(SYS_capget, &header, caps) < 0) {
            result = Error::system(errno, QStringLiteral("capget"));
            return;
        }
        for (auto &c : caps)
            c.effective = c.permitted;
        if (::syscall(SYS_capset, &header, caps) < 0) {
            result = Error::system(errno, QStringLiteral("capset"));
            return;
        }
        result = fn();
    });
    actor.join();
    return result;
}

}  // namespace

Result<quint32> IdMapping::toHost(QChar kind, quint32 id) const
{
    bool any = false;
    for (const values::IdMap &m : maps) {
        if (m.type != kind && m.type != QLatin1Char('b'))
            continue;
        any = true;
        if (id >= m.containerId && id - m.containerId < m.range)
            return m.hostId + (id - m.containerId);
    }
    if (!any)
        return id;
    return Error::invalid(QStringLiteral("%1 %2 is not mapped in the container (lxc.idmap)")
                              .arg(kind == QLatin1Char('u') ? QStringLiteral("uid") : QStringLiteral("gid"))
                              .arg(id));
}

quint32 IdMapping::toContainer(QChar kind, quint32 id) const
{
    bool any = false;
    for (const values::IdMap &m : maps) {
        if (m.type != kind && m.type != QLatin1Char('b'))
            continue;
        any = true;
        if (id >= m.hostId && id - m.hostId < m.range)
            return m.containerId + (id - m.hostId);
    }
    return any ? 65534 : id;
}

Status checkContainerPath(const QString &path)
{
    if (!path.startsWith(QLatin1Char('/')))
        return Error::invalid(QStringLiteral("the path %1 is not absolute").arg(shown(path)));
    if (path.contains(QChar(0)) || QFile::encodeName(path).size() > 4096)
        return Error::invalid(QStringLiteral("the path %1 holds a NUL or is longer than 4096 bytes").arg(shown(path)));
    for (const QByteArray &c : components(path))
        if (c == "." || c == "..")
            return Error::invalid(QStringLiteral("the path %1 has a \".\" or \"..\" component").arg(shown(path)));
    return std::nullopt;
}

Status withContainerRoot(const QString &containerDir, const QString &configPath, qint64 pid,
                         const std::function<Status(int root, const IdMapping &ids)> &fn)
{
    // A config that is a symlink or not root's is refused, as a start does.
    if (auto err = checkConfigFile(configPath))
        return *err;
    const LoadResult loaded = loadConfigFile(configPath);
    if (auto err = loaded.firstError())
        return *err;
    const Config &c = loaded.config;
    IdMapping ids;
    for (const QString &line : c.values(QStringLiteral("lxc.idmap"))) {
        auto map = values::parseIdMap(line);
        if (!map)
            return map.error().wrap(QStringLiteral("lxc.idmap"));
        ids.maps << *map;
    }
    // lxc.rootfs.options = idmap=container: files on disk keep plain
    // ownership, and the running container's root is a mount idmapped to
    // its user namespace, through which host ids are the mapped ones.
    // (It is the runtime's word, no mount option: never passed to mount.)
    QStringList rootfsOptions = c.value(QStringLiteral("lxc.rootfs.options"), QString()).split(u',', Qt::SkipEmptyParts);
    const bool idmappedRootfs = rootfsOptions.removeAll(QStringLiteral("idmap=container")) > 0 && !ids.maps.isEmpty();
    if (pid > 0) {
        // The root init sees, with every mount the container made.
        const QByteArray procRoot = "/proc/" + QByteArray::number(pid) + "/root";
        UniqueFd root(::open(procRoot.constData(), O_PATH | O_DIRECTORY | O_CLOEXEC));
        if (!root)
            return Error::system(errno, QStringLiteral("open the running container's root"));
        if (!idmappedRootfs)
            return fn(root.get(), ids);
        auto rootUid = ids.toHost(QLatin1Char('u'), 0);
        auto rootGid = ids.toHost(QLatin1Char('g'), 0);
        if (!rootUid || !rootGid)
            return (rootUid ? rootGid.error() : rootUid.error()).wrap(QStringLiteral("the container's root"));
        return asContainerRoot(*rootUid, *rootGid, [&] { return fn(root.get(), ids); });
    }
    if (idmappedRootfs)  // stopped: the files as they are on disk
        ids.maps.clear();
    auto location = parseRootfsPath(c.value(QStringLiteral("lxc.rootfs.path"), QString()), containerDir);
    if (!location)
        return location.error();
    auto mount = rootfsMountFor(*location, containerDir, c.value(QStringLiteral("lxc.rootfs.mount"), QString()),
                                rootfsOptions.join(u','));
    if (!mount)
        return mount.error();
    if (!mount->type.isEmpty())
        return withMountedRootfs(*mount, [&](int root) { return fn(root, ids); });
    UniqueFd root(::open(QFile::encodeName(mount->mountPoint).constData(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!root)
        return Error::system(errno, QStringLiteral("open the rootfs \"%1\"").arg(mount->mountPoint));
    return fn(root.get(), ids);
}

Status pushFiles(int root, const IdMapping &ids, const QString &path, files::Channel &channel, const PushOptions &o)
{
    files::Reader reader(channel);
    if (auto err = reader.begin())
        return err;
    files::UnpackOptions u;
    u.uid = o.uid.value_or(0);
    u.gid = o.gid.value_or(0);
    u.uidIn = [&ids](quint32 id) { return ids.toHost(QLatin1Char('u'), id); };
    u.gidIn = [&ids](quint32 id) { return ids.toHost(QLatin1Char('g'), id); };
    u.fileMode = o.mode;
    u.refuseKernelFilesystems = true;
    auto rootUid = ids.toHost(QLatin1Char('u'), 0);
    auto rootGid = ids.toHost(QLatin1Char('g'), 0);
    if (!rootUid || !rootGid)
        return (rootUid ? rootGid.error() : rootUid.error()).wrap(QStringLiteral("the container's root"));
    // An existing directory receives the tree under its own name.
    const QByteArray relative = components(path).join('/');
    UniqueFd target = openInside(root, relative, O_RDONLY | O_DIRECTORY);
    const int err = errno;
    if (target)
        return files::unpack(reader, target.get(), QByteArray(), u);
    if (err != ENOENT && err != ENOTDIR)
        return openError(err, path);
    auto parent = openParent(root, path, o.parents, *rootUid, *rootGid);
    if (!parent)
        return parent.error();
    return files::unpack(reader, parent->fd.get(), parent->leaf, u);
}

Status pullFiles(int root, const IdMapping &ids, const QString &path, bool recursive, files::Channel &channel,
                 const std::function<void(quint64)> &total, const std::function<void(const QString &)> &note)
{
    const QList<QByteArray> parts = components(path);
    UniqueFd fd = openInside(root, parts.join('/'), O_PATH);
    if (!fd) {
        const int err = errno;
        return openError(err, path);
    }
    files::PackOptions p;
    p.recursive = recursive;
    p.skipKernelFilesystems = true;
    p.uidOut = [&ids](quint32 id) { return ids.toContainer(QLatin1Char('u'), id); };
    p.gidOut = [&ids](quint32 id) { return ids.toContainer(QLatin1Char('g'), id); };
    p.note = note;
    if (total)
        total(files::measure(fd.get(), p));
    files::Writer writer(channel);
    if (auto err = writer.begin())
        return err;
    if (auto err = files::pack(writer, fd.get(), parts.isEmpty() ? QByteArray("rootfs") : parts.last(), p))
        return err;
    return writer.end();
}

Result<QList<QVariantMap>> listFiles(int root, const IdMapping &ids, const QString &path)
{
    UniqueFd dir = openInside(root, components(path).join('/'), O_RDONLY | O_DIRECTORY);
    if (!dir) {
        const int err = errno;
        return openError(err, path);
    }
    DIR *d = ::fdopendir(::dup(dir.get()));
    if (!d)
        return Error::system(errno, QStringLiteral("read %1").arg(shown(path)));
    std::vector<QByteArray> names;
    while (const dirent *e = ::readdir(d))
        if (qstrcmp(e->d_name, ".") != 0 && qstrcmp(e->d_name, "..") != 0 && names.size() < 10000)
            names.emplace_back(e->d_name);
    ::closedir(d);
    std::sort(names.begin(), names.end());
    QList<QVariantMap> out;
    for (const QByteArray &n : names) {
        struct stat st {};
        if (::fstatat(dir.get(), n.constData(), &st, AT_SYMLINK_NOFOLLOW) < 0)
            continue;
        QString type = QStringLiteral("other");
        QString target;
        if (S_ISREG(st.st_mode))
            type = QStringLiteral("file");
        else if (S_ISDIR(st.st_mode))
            type = QStringLiteral("directory");
        else if (S_ISLNK(st.st_mode)) {
            type = QStringLiteral("symlink");
            char buf[4097];
            const ssize_t len = ::readlinkat(dir.get(), n.constData(), buf, sizeof buf - 1);
            if (len > 0)
                target = QFile::decodeName(QByteArray(buf, len));
        }
        out << QVariantMap{{QStringLiteral("name"), QFile::decodeName(n)},
                           {QStringLiteral("type"), type},
                           {QStringLiteral("size"), quint64(st.st_size)},
                           {QStringLiteral("mode"), quint32(st.st_mode & 07777)},
                           {QStringLiteral("uid"), ids.toContainer(QLatin1Char('u'), st.st_uid)},
                           {QStringLiteral("gid"), ids.toContainer(QLatin1Char('g'), st.st_gid)},
                           {QStringLiteral("mtime"), qint64(st.st_mtime)},
                           {QStringLiteral("target"), target}};
    }
    return out;
}

Status makeDirectory(int root, const IdMapping &ids, const QString &path, bool parents)
{
    auto uid = ids.toHost(QLatin1Char('u'), 0);
    auto gid = ids.toHost(QLatin1Char('g'), 0);
    if (!uid || !gid)
        return (uid ? gid.error() : uid.error()).wrap(QStringLiteral("the container's root"));
    auto parent = openParent(root, path, parents, *uid, *gid);
    if (!parent)
        return parent.error();
    if (files::isKernelFilesystem(parent->fd.get()))
        return Error::invalid(QStringLiteral("%1 is on a kernel filesystem").arg(shown(path)));
    if (::mkdirat(parent->fd.get(), parent->leaf.constData(), 0755) < 0) {
        const int err = errno;
        return Error::system(err, QStringLiteral("make directory %1").arg(shown(path)),
                             err == EEXIST ? Error::Code::Conflict : Error::Code::Failed);
    }
    if (::fchownat(parent->fd.get(), parent->leaf.constData(), *uid, *gid, AT_SYMLINK_NOFOLLOW) < 0)
        return Error::system(errno, QStringLiteral("set the owner of %1").arg(shown(path)));
    return std::nullopt;
}

Status removeFiles(int root, const QString &path, bool recursive)
{
    auto parent = openParent(root, path, false, 0, 0);
    if (!parent)
        return parent.error();
    const int dir = parent->fd.get();
    const QByteArray leaf = parent->leaf;
    struct stat st {}, parentStat {};
    if (::fstatat(dir, leaf.constData(), &st, AT_SYMLINK_NOFOLLOW) < 0) {
        const int err = errno;
        return openError(err, path);
    }
    if (::fstat(dir, &parentStat) < 0)
        return Error::system(errno, QStringLiteral("stat the parent of %1").arg(shown(path)));
    if (files::isKernelFilesystem(dir))
        return Error::invalid(QStringLiteral("%1 is on a kernel filesystem").arg(shown(path)));
    if (!S_ISDIR(st.st_mode)) {
        if (::unlinkat(dir, leaf.constData(), 0) < 0)
            return Error::system(errno, QStringLiteral("remove %1").arg(shown(path)));
        return std::nullopt;
    }
    if (!recursive) {
        if (::unlinkat(dir, leaf.constData(), AT_REMOVEDIR) < 0) {
            const int err = errno;
            return Error::system(err, QStringLiteral("remove %1").arg(shown(path)),
                                 err == ENOTEMPTY ? Error::Code::InvalidArgument : Error::Code::Failed);
        }
        return std::nullopt;
    }
    return removeTree(dir, leaf, parentStat.st_dev, shown(path), 0);
}

}  // namespace hutch::storage
