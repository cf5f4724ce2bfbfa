#include "distsetup.h"

#include "fdio.h"
#include "fsops.h"
#include "fsutil.h"
#include "monitorlink.h"

#include <QFile>

#include <crypt.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <memory>

namespace hutch::templates {

namespace {

constexpr qint64 kMaxSystemFile = 1024 * 1024;  // a shadow or interfaces file bigger than this is not one

// The directory `dir` (relative to the rootfs) as an fd that stays inside.
Result<UniqueFd> directoryInRoot(int rootFd, const char *dir)
{
    auto fd = rt::openInRoot(rootFd, dir, rt::Create::No);
    if (!fd)
        return toError(fd.error());
    struct stat st {};
    if (::fstat(fd->get(), &st) < 0)
        return Error::system(errno, QStringLiteral("stat %1").arg(QLatin1String(dir)));
    if (!S_ISDIR(st.st_mode))
        return Error::invalid(QStringLiteral("%1 in the rootfs is not a directory").arg(QLatin1String(dir)));
    return std::move(*fd);
}

bool existsIn(int dirFd, const char *name)
{
    struct stat st {};
    return ::fstatat(dirFd, name, &st, AT_SYMLINK_NOFOLLOW) == 0;
}

// Replaces (or creates) dirFd/name with `content`: a temporary file beside
// it, synced and renamed over it, with the mode and owner given.
Status writeAtomically(int dirFd, const QByteArray &name, const QByteArray &content, mode_t mode, uid_t uid, gid_t gid)
{
    const QByteArray temp = "." + name + ".hutch-new";
    ::unlinkat(dirFd, temp.constData(), 0);
    UniqueFd fd(::openat(dirFd, temp.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (!fd)
        return Error::system(errno, QStringLiteral("create %1").arg(QString::fromUtf8(temp)));
    auto fail = [&](const QString &what) {
        const int saved = errno;
        ::unlinkat(dirFd, temp.constData(), 0);
        return Error::system(saved, what);
    };
    if (const int err = writeAll(fd.get(), content.constData(), size_t(content.size()))) {
        errno = err;
        return fail(QStringLiteral("write %1").arg(QString::fromUtf8(name)));
    }
    if (::fchown(fd.get(), uid, gid) < 0 || ::fchmod(fd.get(), mode) < 0)
        return fail(QStringLiteral("set the owner and mode of %1").arg(QString::fromUtf8(name)));
    if (::fsync(fd.get()) < 0)
        return fail(QStringLiteral("sync %1").arg(QString::fromUtf8(name)));
    if (::renameat(dirFd, temp.constData(), dirFd, name.constData()) < 0)
        return fail(QStringLiteral("replace %1").arg(QString::fromUtf8(name)));
    return std::nullopt;
}

// Whether some file of ifupdown's configuration already names eth0.
bool ifupdownConfigures(int rootFd, const char *iface)
{
    const QByteArray stanza = QByteArray("iface ") + iface + ' ';
    auto mentions = [&](int dirFd, const QByteArray &name) {
        auto text = storage::readFileAt(dirFd, name, kMaxSystemFile);
        return text && text->contains(stanza);
    };
    if (auto etc = directoryInRoot(rootFd, "etc/network"); etc && mentions(etc->get(), "interfaces"))
        return true;
    auto dir = directoryInRoot(rootFd, "etc/network/interfaces.d");
    if (!dir)
        return false;
    UniqueFd listing(::openat(dir->get(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    DIR *d = listing ? ::fdopendir(listing.release()) : nullptr;
    if (!d)
        return false;
    bool found = false;
    while (dirent *e = ::readdir(d))
        if (e->d_type == DT_REG && mentions(::dirfd(d), e->d_name))
            found = true;
    ::closedir(d);
    return found;
}

// Whether systemd-networkd has any .network file: images made for
// containers (LXC's) bring theirs.
bool networkdConfigured(int rootFd)
{
    auto dir = directoryInRoot(rootFd, "etc/systemd/network");
    if (!dir)
        return false;
    UniqueFd listing(::openat(dir->get(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    DIR *d = listing ? ::fdopendir(listing.release()) : nullptr;
    if (!d)
        return false;
    bool found = false;
    while (dirent *e = ::readdir(d))
        if (QByteArray(e->d_name).endsWith(".network"))
            found = true;
    ::closedir(d);
    return found;
}

Status setUpDhcp(int rootFd, const std::function<void(const QString &)> &say)
{
    if (networkdConfigured(rootFd)) {
        say(QStringLiteral("network: the image configures systemd-networkd itself"));
        return std::nullopt;
    }
    // ifupdown, as debootstrap's Debian has it: interfaces sources interfaces.d.
    if (auto etc = directoryInRoot(rootFd, "etc/network"); etc && existsIn(etc->get(), "interfaces")) {
        if (ifupdownConfigures(rootFd, "eth0")) {
            say(QStringLiteral("network: eth0 is configured by the image's ifupdown files"));
            return std::nullopt;
        }
        auto dir = rt::openInRoot(rootFd, "etc/network/interfaces.d", rt::Create::Dir);
        if (!dir)
            return toError(dir.error()).wrap(QStringLiteral("network"));
        say(QStringLiteral("network: DHCP on eth0 through ifupdown (/etc/network/interfaces.d/eth0)"));
        return writeAtomically(dir->get(), "eth0", "auto eth0\niface eth0 inet dhcp\n", 0644, 0, 0);
    }
    // Otherwise systemd-networkd, enabled.
    auto unitDir = directoryInRoot(rootFd, "lib/systemd/system");
    if (!unitDir || !existsIn(unitDir->get(), "systemd-networkd.service")) {
        say(QStringLiteral("network: neither ifupdown nor systemd-networkd in the image; eth0 left to it"));
        return std::nullopt;
    }
    auto dir = rt::openInRoot(rootFd, "etc/systemd/network", rt::Create::Dir);
    if (!dir)
        return toError(dir.error()).wrap(QStringLiteral("network"));
    if (auto err = writeAtomically(dir->get(), "eth0.network", "[Match]\nName=eth0\n\n[Network]\nDHCP=yes\n", 0644, 0, 0))
        return err->wrap(QStringLiteral("network"));
    auto wants = rt::openInRoot(rootFd, "etc/systemd/system/multi-user.target.wants", rt::Create::Dir);
    if (!wants)
        return toError(wants.error()).wrap(QStringLiteral("network"));
    if (!existsIn(wants->get(), "systemd-networkd.service")
        && ::symlinkat("/lib/systemd/system/systemd-networkd.service", wants->get(), "systemd-networkd.service") < 0)
        return Error::system(errno, QStringLiteral("network: enable systemd-networkd"));
    say(QStringLiteral("network: DHCP on eth0 through systemd-networkd"));
    return std::nullopt;
}

Status setRootPasswordHash(int rootFd, const QByteArray &hash)
{
    auto etc = directoryInRoot(rootFd, "etc");
    if (!etc)
        return etc.error();
    struct stat st {};
    if (::fstatat(etc->get(), "shadow", &st, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISREG(st.st_mode))
        return Error::invalid(QStringLiteral("the rootfs has no /etc/shadow to hold the password"));
    auto text = storage::readFileAt(etc->get(), "shadow", kMaxSystemFile);
    if (!text)
        return text.error();
    QList<QByteArray> lines = text->split('\n');
    bool replaced = false;
    for (QByteArray &line : lines) {
        if (!line.startsWith("root:"))
            continue;
        const qsizetype end = line.indexOf(':', 5);
        if (end < 0)
            return Error::invalid(QStringLiteral("root's line in /etc/shadow has no password field"));
        line = "root:" + hash + line.mid(end);
        replaced = true;
        break;
    }
    if (!replaced)
        return Error::invalid(QStringLiteral("/etc/shadow has no line for root"));
    return writeAtomically(etc->get(), "shadow", lines.join('\n'), st.st_mode & 07777, st.st_uid, st.st_gid);
}

}  // namespace

Result<QByteArray> hashPassword(const QByteArray &password)
{
    if (password.isEmpty())
        return Error::invalid(QStringLiteral("the password is empty"));
    if (password.contains('\0') || password.contains('\n'))
        return Error::invalid(QStringLiteral("the password holds a NUL or newline character"));
    char salt[CRYPT_GENSALT_OUTPUT_SIZE];
    if (!::crypt_gensalt_rn("$y$", 0, nullptr, 0, salt, sizeof salt))
        return Error::system(errno, QStringLiteral("make a salt for yescrypt"));
    auto data = std::make_unique<crypt_data>();
    std::memset(data.get(), 0, sizeof(crypt_data));
    const char *hash = ::crypt_r(password.constData(), salt, data.get());
    QByteArray out = hash ? QByteArray(hash) : QByteArray();
    // crypt_data holds the password's trace: do not leave it on the heap.
    ::explicit_bzero(data.get(), sizeof(crypt_data));
    if (!out.startsWith("$y$"))
        return Error::failed(QStringLiteral("yescrypt refused to hash the password"));
    return out;
}

Status setUpDistribution(const QString &rootfs, const DistributionSetup &setup,
                         const std::function<void(const QString &)> &say)
{
    auto root = storage::openDirectory(rootfs);
    if (!root)
        return root.error().wrap(QStringLiteral("set up the rootfs"));
    if (auto err = setUpDhcp(root->get(), say))
        return err->wrap(QStringLiteral("set up the rootfs"));
    if (!setup.rootPassword.isEmpty()) {
        auto hash = hashPassword(setup.rootPassword);
        if (!hash)
            return hash.error().wrap(QStringLiteral("set the root password"));
        if (auto err = setRootPasswordHash(root->get(), *hash))
            return err->wrap(QStringLiteral("set the root password"));
        say(QStringLiteral("root password set"));
    }
    return std::nullopt;
}

QString rootLoginState(const QString &rootfs)
{
    auto root = storage::openDirectory(rootfs);
    if (!root)
        return QStringLiteral("unknown");
    auto etc = directoryInRoot(root->get(), "etc");
    if (!etc)
        return QStringLiteral("unknown");
    auto text = storage::readFileAt(etc->get(), "shadow", kMaxSystemFile);
    if (!text)
        return QStringLiteral("unknown");
    for (const QByteArray &line : text->split('\n')) {
        if (!line.startsWith("root:"))
            continue;
        const QByteArray field = line.mid(5, line.indexOf(':', 5) - 5);
        if (field.isEmpty())
            return QStringLiteral("empty");
        return field.startsWith('*') || field.startsWith('!') ? QStringLiteral("locked") : QStringLiteral("password");
    }
    return QStringLiteral("unknown");
}

}  // namespace hutch::templates
