#include "filetree.h"

#include "uniquefd.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <string>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <vector>

namespace hutch::files {

namespace {

constexpr int kMaxDepth = 256;

QString shown(const QByteArray &name)
{
    return QString::fromUtf8(name.left(200));
}

// Opens what an O_PATH descriptor refers to, for reading (a descriptor's
// magic link in our own /proc: the object itself, no path walked again).
UniqueFd reopen(int fd, int flags)
{
    const std::string path = "/proc/self/fd/" + std::to_string(fd);
    return UniqueFd(::open(path.c_str(), flags | O_CLOEXEC | O_NOCTTY));
}

// The names in a directory, sorted (a stable stream order).
Result<std::vector<std::string>> listNames(int fd, const QByteArray &name)
{
    UniqueFd dir(::openat(fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!dir)
        return Error::system(errno, QStringLiteral("open directory \"%1\"").arg(shown(name)));
    DIR *d = ::fdopendir(dir.get());
    if (!d)
        return Error::system(errno, QStringLiteral("read directory \"%1\"").arg(shown(name)));
    dir.release();
    std::vector<std::string> out;
    errno = 0;
    while (const dirent *e = ::readdir(d)) {
        const std::string n = e->d_name;
        if (n != "." && n != "..")
            out.push_back(n);
    }
    const int err = errno;
    ::closedir(d);
    if (err)
        return Error::system(err, QStringLiteral("read directory \"%1\"").arg(shown(name)));
    std::sort(out.begin(), out.end());
    return out;
}

quint32 mapOut(const std::function<quint32(quint32)> &map, quint32 id)
{
    return map ? map(id) : id;
}

Status packAt(Writer &w, int fd, const struct stat &st, const QByteArray &name, const PackOptions &o, int depth)
{
    const bool top = depth == 0;
    auto leaveOut = [&](const QString &why) -> Status {
        if (top)
            return Error::invalid(QStringLiteral("\"%1\" %2").arg(shown(name), why));
        if (o.note)
            o.note(QStringLiteral("left out \"%1\": %2").arg(shown(name), why));
        return std::nullopt;
    };
    if (name.size() > 4096)
        return Error::invalid(QStringLiteral("\"%1...\": the path is longer than 4096 bytes").arg(shown(name)));
    Entry e;
    e.name = name;
    e.mode = st.st_mode & 07777;
    e.uid = mapOut(o.uidOut, st.st_uid);
    e.gid = mapOut(o.gidOut, st.st_gid);
    e.mtime = st.st_mtime;
    if (S_ISLNK(st.st_mode)) {
        char target[4097];
        const ssize_t n = ::readlinkat(fd, "", target, sizeof target);
        if (n < 0)
            return Error::system(errno, QStringLiteral("read link \"%1\"").arg(shown(name)));
        if (n == 0 || n > 4096)
            return leaveOut(QStringLiteral("is a link with a target longer than 4096 bytes"));
        e.type = Entry::Symlink;
        e.target = QByteArray(target, n);
        return w.add(e);
    }
    if (S_ISREG(st.st_mode)) {
        if (o.skipKernelFilesystems && isKernelFilesystem(fd))
            return leaveOut(QStringLiteral("is on a kernel filesystem"));
        UniqueFd data = reopen(fd, O_RDONLY | O_NONBLOCK);
        struct stat again {};
        if (!data || ::fstat(data.get(), &again) < 0)
            return Error::system(errno, QStringLiteral("open \"%1\"").arg(shown(name)));
        if (again.st_ino != st.st_ino || again.st_dev != st.st_dev)
            return Error::failed(QStringLiteral("\"%1\" changed while it was opened").arg(shown(name)));
        e.type = Entry::File;
        e.size = quint64(st.st_size);
        return w.add(e, data.get());
    }
    if (!S_ISDIR(st.st_mode))
        return leaveOut(QStringLiteral("is not a file, directory or symlink"));
    if (!o.recursive)
        return Error::invalid(QStringLiteral("\"%1\" is a directory (recursive copy not asked)").arg(shown(name)));
    if (o.skipKernelFilesystems && isKernelFilesystem(fd))
        return leaveOut(QStringLiteral("is on a kernel filesystem"));
    if (depth >= kMaxDepth)
        return Error::invalid(QStringLiteral("\"%1\": more than %2 levels of directories").arg(shown(name)).arg(kMaxDepth));
    e.type = Entry::Directory;
    if (auto err = w.add(e))
        return err;
    auto names = listNames(fd, name);
    if (!names)
        return names.error();
    for (const std::string &child : *names) {
        UniqueFd c(::openat(fd, child.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC));
        struct stat cst {};
        if (!c || ::fstat(c.get(), &cst) < 0) {
            if (errno == ENOENT)
                continue;  // gone since it was listed
            return Error::system(errno, QStringLiteral("open \"%1/%2\"").arg(shown(name), QString::fromStdString(child)));
        }
        if (auto err = packAt(w, c.get(), cst, name + '/' + QByteArray::fromStdString(child), o, depth + 1))
            return err;
    }
    return std::nullopt;
}

quint64 measureAt(int fd, int depth, const PackOptions &o)
{
    struct stat st {};
    if (::fstat(fd, &st) < 0 || depth > kMaxDepth)
        return 0;
    if (S_ISREG(st.st_mode))
        return quint64(st.st_size);
    if (!S_ISDIR(st.st_mode) || (depth > 0 && !o.recursive) || (o.skipKernelFilesystems && isKernelFilesystem(fd)))
        return 0;
    auto names = listNames(fd, QByteArray());
    quint64 sum = 0;
    for (const std::string &child : names ? *names : std::vector<std::string>()) {
        UniqueFd c(::openat(fd, child.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC));
        if (c)
            sum += measureAt(c.get(), depth + 1, o);
    }
    return sum;
}

Result<quint32> mapIn(const std::function<Result<quint32>(quint32)> &map, quint32 id)
{
    if (!map)
        return id;
    return map(id);
}

QByteArray temporaryName()
{
    return ".hutch-" + QByteArray::number(QRandomGenerator::system()->generate64(), 36);
}

// Makes one entry as `leaf` in the directory `parent`; a directory's
// descriptor goes to *made.
Status makeEntry(Reader &r, const Entry &e, int parent, const QByteArray &leaf, const UnpackOptions &o, UniqueFd *made)
{
    const QString where = shown(e.name);
    auto uid = mapIn(o.uidIn, o.uid.value_or(e.uid));
    if (!uid)
        return uid.error().wrap(QStringLiteral("\"%1\"").arg(where));
    auto gid = mapIn(o.gidIn, o.gid.value_or(e.gid));
    if (!gid)
        return gid.error().wrap(QStringLiteral("\"%1\"").arg(where));
    if (e.type == Entry::Directory) {
        const bool created = ::mkdirat(parent, leaf.constData(), 0700) == 0;
        if (!created && errno != EEXIST)
            return Error::system(errno, QStringLiteral("make directory \"%1\"").arg(where));
        UniqueFd dir(::openat(parent, leaf.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (!dir) {
            const int err = errno;
            return Error::system(err, QStringLiteral("open directory \"%1\" (it exists and is not one?)").arg(where),
                                 err == ENOTDIR || err == ELOOP ? Error::Code::InvalidArgument : Error::Code::Failed);
        }
        if (o.refuseKernelFilesystems && isKernelFilesystem(dir.get()))
            return Error::invalid(QStringLiteral("\"%1\" is on a kernel filesystem").arg(where));
        if (created) {
            if (o.chown && ::fchown(dir.get(), *uid, *gid) < 0)
                return Error::system(errno, QStringLiteral("set the owner of \"%1\"").arg(where));
            if (::fchmod(dir.get(), o.dirMode.value_or(e.mode) & o.modeMask) < 0)
                return Error::system(errno, QStringLiteral("set the mode of \"%1\"").arg(where));
        }
        *made = std::move(dir);
        return std::nullopt;
    }
    // Files and links are made under a temporary name and renamed over
    // their place: an existing symlink there is replaced, not followed.
    const QByteArray temp = temporaryName();
    Status result;
    if (e.type == Entry::File) {
        UniqueFd f(::openat(parent, temp.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
        if (!f)
            return Error::system(errno, QStringLiteral("create \"%1\"").arg(where));
        const timespec times[2] = {{0, UTIME_OMIT}, {time_t(e.mtime), 0}};
        if (auto err = r.data(e, f.get()))
            result = err;
        else if (o.chown && ::fchown(f.get(), *uid, *gid) < 0)
            result = Error::system(errno, QStringLiteral("set the owner of \"%1\"").arg(where));
        else if (::fchmod(f.get(), o.fileMode.value_or(e.mode) & o.modeMask) < 0)
            result = Error::system(errno, QStringLiteral("set the mode of \"%1\"").arg(where));
        else if (::futimens(f.get(), times) < 0)
            result = Error::system(errno, QStringLiteral("set the time of \"%1\"").arg(where));
    } else {
        if (::symlinkat(e.target.constData(), parent, temp.constData()) < 0)
            return Error::system(errno, QStringLiteral("make link \"%1\"").arg(where));
        if (o.chown && ::fchownat(parent, temp.constData(), *uid, *gid, AT_SYMLINK_NOFOLLOW) < 0)
            result = Error::system(errno, QStringLiteral("set the owner of \"%1\"").arg(where));
    }
    if (!result && ::renameat(parent, temp.constData(), parent, leaf.constData()) < 0) {
        const int err = errno;
        result = Error::system(err, QStringLiteral("put \"%1\" in place").arg(where),
                               err == EISDIR ? Error::Code::InvalidArgument : Error::Code::Failed);
    }
    if (result)
        ::unlinkat(parent, temp.constData(), 0);
    return result;
}

}  // namespace

bool isKernelFilesystem(int fd)
{
    struct statfs fs {};
    if (::fstatfs(fd, &fs) < 0)
        return true;  // unknown: treated as the worst
    switch (static_cast<unsigned long>(fs.f_type)) {
    case 0x9fa0:      // proc
    case 0x62656572:  // sysfs
    case 0x27e0eb:    // cgroup
    case 0x63677270:  // cgroup2
    case 0x64626720:  // debugfs
    case 0x73636673:  // securityfs
    case 0x74726163:  // tracefs
    case 0xcafe4a11:  // bpf
    case 0x62656570:  // configfs
    case 0xde5e81e4:  // efivarfs
    case 0x1cd1:      // devpts
    case 0x6165676c:  // pstore
    case 0x65735543:  // fusectl
    case 0x42494e4d:  // binfmt_misc
    case 0x6e736673:  // nsfs
    case 0x19800202:  // mqueue
    case 0x67596969:  // rpc_pipefs
    case 0xf97cff8c:  // selinuxfs
        return true;
    default:
        return false;
    }
}

Status pack(Writer &writer, int fd, const QByteArray &name, const PackOptions &options)
{
    if (auto err = checkName(name, true))
        return err;
    struct stat st {};
    if (::fstat(fd, &st) < 0)
        return Error::system(errno, QStringLiteral("stat \"%1\"").arg(shown(name)));
    return packAt(writer, fd, st, name, options, 0);
}

quint64 measure(int fd, const PackOptions &options)
{
    return measureAt(fd, 0, options);
}

Status unpack(Reader &reader, int parent, const QByteArray &leaf, const UnpackOptions &options)
{
    if (options.refuseKernelFilesystems && isKernelFilesystem(parent))
        return Error::invalid(QStringLiteral("the destination is on a kernel filesystem"));
    if (!leaf.isEmpty())
        if (auto err = checkName(leaf, true))
            return err.value().wrap(QStringLiteral("destination"));
    struct Level {
        QByteArray name;
        UniqueFd fd;
    };
    std::vector<Level> open;  // the directories of the stream around the next entry
    bool first = true;
    for (;;) {
        auto next = reader.next();
        if (!next)
            return next.error();
        if (!*next) {
            if (first)
                return Error::invalid(QStringLiteral("the stream holds no entry"));
            return std::nullopt;
        }
        const Entry &e = **next;
        int into = parent;
        QByteArray as = leaf.isEmpty() ? e.name : leaf;
        if (!first) {
            const qsizetype slash = e.name.lastIndexOf('/');
            const QByteArray dir = e.name.left(slash);
            while (!open.empty() && open.back().name != dir)
                open.pop_back();
            if (open.empty())
                return Error::invalid(QStringLiteral("the entry \"%1\" is not inside a directory before it").arg(shown(e.name)));
            into = open.back().fd.get();
            as = e.name.mid(slash + 1);
        }
        first = false;
        UniqueFd made;
        if (auto err = makeEntry(reader, e, into, as, options, &made))
            return err;
        if (made)
            open.push_back({e.name, std::move(made)});
    }
}

}  // namespace hutch::files
