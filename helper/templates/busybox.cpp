// The busybox template. Runs in the helper (root), on a job thread: plain
// system calls relative to directory fds, so that nothing under the store
// is reached through a symlink, and one QProcess for the applet list.
//
// Order of work: every check that can refuse (name, options, store path,
// NAME taken, the busybox binary) comes before the first write; then the
// container is built in STORE/.staging-NAME-XXXXXX, synced, and renamed to
// STORE/NAME with RENAME_NOREPLACE. Any failure or cancel removes the staging
// directory, so the store only ever holds complete containers.
#include "busybox.h"
#include "spawnenv.h"

#include "atomicfile.h"
#include "config.h"
#include "configdocument.h"
#include "fdio.h"
#include "fsops.h"
#include "names.h"
#include "uniquefd.h"
#include "values.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QThread>
#include <QProcessEnvironment>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <map>
#include <vector>

#include <elf.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hutch::templates {

namespace {

constexpr int kMaxTtys = 63;                        // MAX_NR_CONSOLES
constexpr qint64 kMaxBusyboxSize = 256 * 1024 * 1024;
constexpr int kListTimeoutMs = 15000;
constexpr qsizetype kMaxListOutput = 1024 * 1024;
const char kBusyboxTarget[] = "/bin/busybox";  // symlink target, as seen inside the container



// ---------------------------------------------------------------------------
// The busybox binary: a static ELF executable that says it is BusyBox.

// Host order from the file's order.
template <typename T>
T fix(T v, bool swap)
{
    if (!swap)
        return v;
    if constexpr (sizeof(T) == 2)
        return T(__builtin_bswap16(uint16_t(v)));
    else if constexpr (sizeof(T) == 4)
        return T(__builtin_bswap32(uint32_t(v)));
    else if constexpr (sizeof(T) == 8)
        return T(__builtin_bswap64(uint64_t(v)));
    else
        return v;
}

// The interpreter string of a PT_INTERP, printable, for the message.
QString interpreterName(const unsigned char *data, size_t size, uint64_t offset, uint64_t length)
{
    if (offset >= size)
        return QStringLiteral("?");
    length = std::min<uint64_t>({length, size - offset, 200});
    QString out;
    for (uint64_t i = 0; i < length && data[offset + i]; ++i) {
        const unsigned char c = data[offset + i];
        out += (c >= 0x20 && c < 0x7f) ? QChar(char16_t(c)) : QChar(u'?');
    }
    return out;
}

// The ELF header and program headers of one class (32 or 64 bits): an
// executable (ET_EXEC, or ET_DYN for static-pie) with something to load and
// no PT_INTERP, i.e. no dynamic loader: it runs inside a rootfs with no /lib.
template <typename Ehdr, typename Phdr>
std::optional<QString> staticElfProblem(const unsigned char *data, size_t size, bool swap)
{
    Ehdr eh;
    if (size < sizeof eh)
        return QStringLiteral("is a truncated ELF file");
    std::memcpy(&eh, data, sizeof eh);
    const auto type = fix(eh.e_type, swap);
    if (type != ET_EXEC && type != ET_DYN)
        return QStringLiteral("is not an ELF executable (type %1)").arg(type);
    const uint64_t phoff = fix(eh.e_phoff, swap);
    const uint64_t phentsize = fix(eh.e_phentsize, swap);
    const uint64_t phnum = fix(eh.e_phnum, swap);
    if (phnum == PN_XNUM)  // more than 0xfffe headers: not a busybox
        return QStringLiteral("has too many program headers");
    if (phnum == 0)
        return QStringLiteral("has no program headers");
    if (phentsize < sizeof(Phdr) || phoff > size || (size - phoff) / phentsize < phnum)
        return QStringLiteral("has corrupt program headers");
    bool loads = false;
    for (uint64_t i = 0; i < phnum; ++i) {
        Phdr ph;
        std::memcpy(&ph, data + phoff + i * phentsize, sizeof ph);
        const auto ptype = fix(ph.p_type, swap);
        if (ptype == PT_INTERP)
            return QStringLiteral("is dynamically linked (it needs %1); install a static busybox (busybox-static)")
                .arg(interpreterName(data, size, fix(ph.p_offset, swap), fix(ph.p_filesz, swap)));
        loads = loads || ptype == PT_LOAD;
    }
    if (!loads)
        return QStringLiteral("has nothing to load");
    return std::nullopt;
}

std::optional<QString> staticElfProblem(const unsigned char *data, size_t size)
{
    if (size < EI_NIDENT || std::memcmp(data, ELFMAG, SELFMAG) != 0)
        return QStringLiteral("is not an ELF file");
    const unsigned char order = data[EI_DATA];
    if (order != ELFDATA2LSB && order != ELFDATA2MSB)
        return QStringLiteral("has an unknown ELF byte order");
    const bool swap = (order == ELFDATA2LSB) != (std::endian::native == std::endian::little);
    switch (data[EI_CLASS]) {
    case ELFCLASS64:
        return staticElfProblem<Elf64_Ehdr, Elf64_Phdr>(data, size, swap);
    case ELFCLASS32:
        return staticElfProblem<Elf32_Ehdr, Elf32_Phdr>(data, size, swap);
    default:
        return QStringLiteral("has an unknown ELF class");
    }
}

// Opens the busybox binary and checks it. The helper runs this binary as
// root (for its applet list), so beyond being static it must be a regular
// file that only root (or the helper's own user) can change, and it must
// contain BusyBox's banner. The fd is what gets copied, so the bytes checked
// are the bytes installed and run.
Result<UniqueFd> openBusybox(const QString &path)
{
    auto bad = [&](const QString &why, int err = 0) {
        return Error{Error::Code::InvalidArgument, err, QStringLiteral("busybox \"%1\" %2").arg(path, why)};
    };
    if (!path.startsWith(QLatin1Char('/')))
        return bad(QStringLiteral("is not an absolute path"));
    UniqueFd fd(::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC | O_NOCTTY));
    if (!fd)
        return bad(QStringLiteral("cannot be opened: %1").arg(QString::fromLocal8Bit(strerror(errno))), errno);
    struct stat st {};
    if (::fstat(fd.get(), &st) < 0)
        return bad(QStringLiteral("cannot be read: %1").arg(QString::fromLocal8Bit(strerror(errno))), errno);
    if (!S_ISREG(st.st_mode))
        return bad(QStringLiteral("is not a regular file"));
    if (st.st_uid != 0 && st.st_uid != ::geteuid())
        return bad(QStringLiteral("is owned by uid %1; it must belong to root").arg(st.st_uid));
    if (st.st_mode & (S_IWGRP | S_IWOTH))
        return bad(QStringLiteral("is writable by group or others"));
    if (st.st_size < EI_NIDENT || st.st_size > kMaxBusyboxSize)
        return bad(QStringLiteral("has an implausible size (%1 bytes)").arg(st.st_size));

    const size_t size = size_t(st.st_size);
    void *map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd.get(), 0);
    if (map == MAP_FAILED)
        return bad(QStringLiteral("cannot be read: %1").arg(QString::fromLocal8Bit(strerror(errno))), errno);
    const auto *data = static_cast<const unsigned char *>(map);
    std::optional<QString> problem = staticElfProblem(data, size);
    static const char banner[] = "BusyBox v";
    if (!problem && !::memmem(data, size, banner, sizeof banner - 1))
        problem = QStringLiteral("is not BusyBox (no \"BusyBox v\" banner in it)");
    ::munmap(map, size);
    if (problem)
        return bad(*problem);
    return fd;
}

// ---------------------------------------------------------------------------
// Files and directories, relative to directory fds of the staging tree.

// Opens a directory below rootFd one component at a time, refusing symlinks.
Result<UniqueFd> openDir(int rootFd, const QByteArray &relative)
{
    UniqueFd fd(::fcntl(rootFd, F_DUPFD_CLOEXEC, 0));
    if (!fd)
        return Error::system(errno, QStringLiteral("dup"));
    for (const QByteArray &part : relative.split('/')) {
        if (part.isEmpty())
            continue;
        UniqueFd next(::openat(fd.get(), part.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (!next)
            return Error::system(errno, QStringLiteral("open \"%1\"").arg(QFile::decodeName(relative)));
        fd = std::move(next);
    }
    return fd;
}

// Creates rootFd/RELATIVE (never replacing anything) with `mode` and `data`.
Status writeNewFile(int rootFd, const QByteArray &relative, const QByteArray &data, mode_t mode)
{
    const QString what = QStringLiteral("write \"%1\"").arg(QFile::decodeName(relative));
    const qsizetype slash = relative.lastIndexOf('/');
    auto dir = openDir(rootFd, slash < 0 ? QByteArray() : relative.left(slash));
    if (!dir)
        return dir.error().wrap(what);
    const QByteArray name = relative.mid(slash + 1);
    UniqueFd fd(::openat(dir->get(), name.constData(),
                         O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (!fd)
        return Error::system(errno, QStringLiteral("create")).wrap(what);
    if (::fchmod(fd.get(), mode) < 0)
        return Error::system(errno, QStringLiteral("chmod")).wrap(what);
    if (const int err = writeAll(fd.get(), data.constData(), size_t(data.size())))
        return Error::system(err, QStringLiteral("write")).wrap(what);
    return std::nullopt;
}

Status copyFile(int srcFd, int dirFd, const char *name, mode_t mode)
{
    const QString what = QStringLiteral("copy busybox");
    UniqueFd out(::openat(dirFd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (!out)
        return Error::system(errno, QStringLiteral("create")).wrap(what);
    std::vector<char> buffer(256 * 1024);
    off_t offset = 0;
    for (;;) {
        const ssize_t n = ::pread(srcFd, buffer.data(), buffer.size(), offset);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return Error::system(errno, QStringLiteral("read")).wrap(what);
        }
        if (n == 0)
            break;
        if (const int err = writeAll(out.get(), buffer.data(), size_t(n)))
            return Error::system(err, QStringLiteral("write")).wrap(what);
        offset += n;
    }
    if (::fchmod(out.get(), mode) < 0)
        return Error::system(errno, QStringLiteral("chmod")).wrap(what);
    return std::nullopt;
}

// mkdir -p of the store, each new directory 0755 but the store's own, 0700.
Status makeStore(const QString &path)
{
    const QString context = QStringLiteral("create store \"%1\"").arg(path);
    const QString store = QDir::cleanPath(path);
    if (auto err = storage::makePath(QFileInfo(store).path()))
        return err->wrap(context);
    if (auto err = storage::makePath(store, 0700))
        return err->wrap(context);
    return std::nullopt;
}

// ---------------------------------------------------------------------------
// The applets: `busybox --list-full` of the copy in the staging rootfs.

// Where busybox installs applets (BB_DIR_ROOT, BB_DIR_BIN, ...). Anything
// else in the list is refused rather than created.
const QList<QByteArray> &appletDirs()
{
    static const QList<QByteArray> dirs = {"", "bin", "sbin", "usr/bin", "usr/sbin"};
    return dirs;
}

struct Applet {
    QByteArray dir;   // one of appletDirs()
    QByteArray name;  // one path component
};

Result<QList<Applet>> listApplets(const QString &busybox)
{
    const QString what = QStringLiteral("list applets of busybox");
    QProcess process;
    // A clean environment and cwd: the binary runs as root.
    QProcessEnvironment env;
    env.insert(QStringLiteral("PATH"), QStringLiteral("/usr/sbin:/usr/bin:/sbin:/bin"));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    process.setProcessEnvironment(env);
    process.setWorkingDirectory(QStringLiteral("/"));
    process.setStandardInputFile(QProcess::nullDevice());
    process.setProcessChannelMode(QProcess::SeparateChannels);
    endWithHelper(process);
    // The copy was just written; a child another thread forks meanwhile
    // (a concurrent create, a spawned program) holds that write descriptor
    // until its own exec, and exec of the copy fails with ETXTBSY until then:
    // tried again for a while, as Go's os/exec does.
    for (int attempt = 0;; ++attempt) {
        process.start(busybox, {QStringLiteral("--list-full")});
        if (process.waitForStarted(kListTimeoutMs))
            break;
        if (attempt >= 50 || !process.errorString().contains(QLatin1String("Text file busy")))
            return Error::failed(QStringLiteral("%1: cannot run it: %2").arg(what, process.errorString()));
        QThread::msleep(20);
    }
    QByteArray out;
    while (process.state() != QProcess::NotRunning) {
        if (!process.waitForReadyRead(kListTimeoutMs) && process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished();
            return Error::failed(QStringLiteral("%1: no answer in %2 s").arg(what).arg(kListTimeoutMs / 1000));
        }
        out += process.readAllStandardOutput();
        if (out.size() > kMaxListOutput) {
            process.kill();
            process.waitForFinished();
            return Error::failed(QStringLiteral("%1: too much output").arg(what));
        }
    }
    out += process.readAllStandardOutput();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return Error::failed(QStringLiteral("%1: it failed (exit code %2): %3")
                                 .arg(what)
                                 .arg(process.exitCode())
                                 .arg(QString::fromLocal8Bit(process.readAllStandardError().left(300)).trimmed()));

    QList<Applet> applets;
    for (QByteArray line : out.split('\n')) {
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty())
            continue;
        const qsizetype slash = line.lastIndexOf('/');
        Applet a{slash < 0 ? QByteArray() : line.left(slash), line.mid(slash + 1)};
        const bool nameOk = !a.name.isEmpty() && a.name != "." && a.name != ".."
                            && std::none_of(a.name.begin(), a.name.end(),
                                            [](char c) { return uchar(c) < 0x20 || c == 0x7f; });
        if (!nameOk || !appletDirs().contains(a.dir))
            return Error::failed(QStringLiteral("%1: unexpected entry \"%2\"")
                                     .arg(what, QString::fromLatin1(line.left(100))));
        if (a.dir == "bin" && a.name == "busybox")
            continue;  // the binary itself
        applets.append(a);
    }
    if (applets.isEmpty())
        return Error::failed(QStringLiteral("%1: it lists none").arg(what));
    return applets;
}

Status installApplets(int rootFd, const QList<Applet> &applets, const std::atomic_bool *cancel)
{
    std::map<QByteArray, UniqueFd> dirs;
    for (const QByteArray &d : appletDirs()) {
        auto fd = openDir(rootFd, d);
        if (!fd)
            return fd.error();
        dirs.emplace(d, std::move(*fd));
    }
    for (const Applet &a : applets) {
        if (storage::isCancelled(cancel))
            return Error::cancelled();
        if (::symlinkat(kBusyboxTarget, dirs.at(a.dir).get(), a.name.constData()) < 0)
            return Error::system(errno, QStringLiteral("link applet \"%1/%2\"")
                                            .arg(QString::fromLatin1(a.dir), QString::fromLatin1(a.name)));
    }
    return std::nullopt;
}

// ---------------------------------------------------------------------------
// The files of the rootfs.

QByteArray inittab(const BusyboxOptions &o)
{
    QByteArray t =
        "# /etc/inittab of busybox init (no runlevels): id:runlevels:action:process,\n"
        "# where id is the tty to run on (empty: /dev/console).\n"
        "::sysinit:/etc/init.d/rcS\n";
    QList<QByteArray> terminals = {"console"};
    for (int i = 1; i <= o.ttys; ++i)
        terminals.append("tty" + QByteArray::number(i));
    for (const QByteArray &tty : terminals) {
        if (o.login)
            t += tty + "::respawn:/sbin/getty -L " + tty + " 115200 vt100\n";
        else
            t += tty + "::respawn:-/bin/sh\n";
    }
    t += "::ctrlaltdel:/sbin/reboot\n"
         "::shutdown:/bin/umount -a -r\n";
    return t;
}

// LXC has mounted /proc, /sys and the cgroups (lxc.mount.auto), /dev and
// /dev/pts (lxc.autodev) and set the hostname (lxc.uts.name) before init
// runs: rcS mounts none of these again.
const char kRcS[] = R"sh(#!/bin/sh
# /etc/init.d/rcS: run once by busybox init at boot (::sysinit in /etc/inittab).
# LXC has already mounted /proc, /sys, the cgroups, /dev and /dev/pts.
PATH=/usr/sbin:/usr/bin:/sbin:/bin
export PATH

[ -s /etc/hostname ] && hostname -F /etc/hostname

mkdir -p /run /tmp /var/log /root /home
chmod 1777 /tmp

# POSIX shared memory: LXC does not mount /dev/shm.
if ! grep -q ' /dev/shm ' /proc/mounts 2>/dev/null; then
    mkdir -p /dev/shm && mount -t tmpfs -o nosuid,nodev,mode=1777 shm /dev/shm
fi

if command -v ip >/dev/null 2>&1; then
    ip link set lo up
elif command -v ifconfig >/dev/null 2>&1; then
    ifconfig lo 127.0.0.1 up
fi

# A network interface without an address configured by LXC: ask DHCP,
# giving our hostname so that the bridge's DNS knows the container by name.
if [ -e /sys/class/net/eth0 ] && ! ip -4 addr show dev eth0 2>/dev/null | grep -q inet; then
    udhcpc -b -S -i eth0 -p /run/udhcpc.eth0.pid -s /usr/share/udhcpc/default.script -x "hostname:$(hostname)"
fi

# Filesystems the user lists in /etc/fstab, if any.
[ -f /etc/fstab ] && mount -a

# Scripts the user adds: /etc/init.d/S* in order, with "start".
for script in /etc/init.d/S*; do
    [ -x "$script" ] && "$script" start
done
exit 0
)sh";

const char kProfile[] = R"sh(# /etc/profile: read by login shells (the console and tty shells are login shells).
PATH=/usr/sbin:/usr/bin:/sbin:/bin
if [ "$(id -u)" = 0 ] && [ "${HOME:-/}" = / ]; then
    HOME=/root
    cd "$HOME"
fi
PS1='\u@\h:\w\$ '
export PATH HOME PS1
)sh";

// Busybox udhcpc's hook: $1 is deconfig, bound, renew, leasefail or nak; the
// lease comes in $interface, $ip, $mask (prefix length), $subnet, $broadcast,
// $router, $dns and $domain. Uses ip when busybox has it, ifconfig/route
// otherwise.
const char kUdhcpcScript[] = R"sh(#!/bin/sh
# /usr/share/udhcpc/default.script: called by udhcpc with deconfig, bound,
# renew, leasefail or nak, and the lease in the environment.
RESOLV_CONF=${RESOLV_CONF:-/etc/resolv.conf}

have_ip() { command -v ip >/dev/null 2>&1; }

set_address() {
    prefix=${mask:-$subnet}
    if have_ip; then
        if ! ip -4 addr show dev "$interface" | grep -q " $ip/"; then
            ip -4 addr flush dev "$interface"
            ip -4 addr add "$ip${prefix:+/$prefix}" ${broadcast:+broadcast "$broadcast"} dev "$interface"
        fi
        ip link set dev "$interface" up
    else
        ifconfig "$interface" "$ip" ${subnet:+netmask "$subnet"} ${broadcast:+broadcast "$broadcast"} up
    fi
}

set_routes() {
    [ -n "$router" ] || return 0
    if have_ip; then
        while ip -4 route del default dev "$interface" 2>/dev/null; do :; done
    else
        while route del default gw 0.0.0.0 dev "$interface" 2>/dev/null; do :; done
    fi
    metric=0
    for gateway in $router; do
        if have_ip; then
            ip -4 route add default via "$gateway" dev "$interface" metric "$metric"
        else
            route add default gw "$gateway" dev "$interface" metric "$metric"
        fi
        metric=$((metric + 1))
    done
}

set_resolv_conf() {
    [ -n "$dns" ] || return 0
    tmp="$RESOLV_CONF.udhcpc.$$"
    {
        [ -n "$domain" ] && echo "search $domain"
        for server in $dns; do
            echo "nameserver $server"
        done
    } > "$tmp" && mv -f "$tmp" "$RESOLV_CONF"
}

case "$1" in
deconfig)
    if have_ip; then
        ip -4 addr flush dev "$interface"
        ip link set dev "$interface" up
    else
        ifconfig "$interface" 0.0.0.0 up
    fi
    ;;
bound|renew)
    set_address
    set_routes
    set_resolv_conf
    ;;
leasefail|nak)
    ;;
esac
exit 0
)sh";

QByteArray hosts(const QString &hostname)
{
    const QByteArray h = hostname.toUtf8();
    QByteArray names = h;
    const qsizetype dot = h.indexOf('.');
    if (dot > 0)
        names += ' ' + h.left(dot);
    return "127.0.0.1\tlocalhost\n"
           "127.0.1.1\t" + names + "\n"
           "::1\tlocalhost ip6-localhost ip6-loopback\n";
}

// root's password. With login=true the ttys run getty + login, so root must
// be able to log in the first time: the password field is EMPTY (busybox
// login lets an empty field in without asking) and the user is expected to
// run `passwd`. With login=false the ttys run shells and no password is
// needed: root's is locked ("!"), so that a network login daemon started
// later does not let anyone in without one.
QByteArray shadow(bool login)
{
    return login ? "root::::::::\n" : "root:!:::::::\n";
}

struct RootfsFile {
    const char *path;
    QByteArray data;
    mode_t mode;
};

QList<RootfsFile> rootfsFiles(const BusyboxOptions &o, const QString &hostname)
{
    return {
        {"etc/inittab", inittab(o), 0644},
        {"etc/init.d/rcS", kRcS, 0755},
        {"etc/passwd", "root:x:0:0:root:/root:/bin/sh\n", 0644},
        {"etc/shadow", shadow(o.login), 0600},
        {"etc/group", "root:x:0:\n", 0644},
        {"etc/hostname", hostname.toUtf8() + '\n', 0644},
        {"etc/hosts", hosts(hostname), 0644},
        {"etc/profile", kProfile, 0644},
        {"etc/resolv.conf", QByteArray(), 0644},
        {"usr/share/udhcpc/default.script", kUdhcpcScript, 0755},
    };
}

struct RootfsDir {
    const char *path;
    mode_t mode;
};

// In creation order: parents first.
const RootfsDir kDirs[] = {
    {"bin", 0755}, {"sbin", 0755}, {"usr", 0755}, {"usr/bin", 0755}, {"usr/sbin", 0755},
    {"usr/share", 0755}, {"usr/share/udhcpc", 0755}, {"etc", 0755}, {"etc/init.d", 0755},
    {"dev", 0755}, {"proc", 0555}, {"sys", 0555}, {"tmp", 01777}, {"root", 0700}, {"run", 0755},
    {"var", 0755}, {"var/log", 0755}, {"home", 0755}, {"mnt", 0755}, {"lib", 0755},
};

Status makeRootfsDirs(int rootFd)
{
    for (const RootfsDir &d : kDirs) {
        const QByteArray path(d.path);
        const qsizetype slash = path.lastIndexOf('/');
        auto parent = openDir(rootFd, slash < 0 ? QByteArray() : path.left(slash));
        if (!parent)
            return parent.error();
        auto fd = storage::makeDirectoryAt(parent->get(), path.mid(slash + 1).constData(), d.mode);
        if (!fd)
            return fd.error();
    }
    // What programs expect beside the directories.
    if (::symlinkat("../run", rootFd, "var/run") < 0)
        return Error::system(errno, QStringLiteral("link \"var/run\""));
    if (::symlinkat("/proc/self/mounts", rootFd, "etc/mtab") < 0)
        return Error::system(errno, QStringLiteral("link \"etc/mtab\""));
    return std::nullopt;
}

// ---------------------------------------------------------------------------
// The container's config.

QByteArray configBytes(const QString &hostname, const QString &rootfs, int ttys)
{
    QByteArray c = "# Hutch busybox container, template busybox\n\n";
    auto line = [&](const char *key, const QString &value) {
        c += key + QByteArray(" = ") + ConfigDocument::encodeValue(value) + '\n';
    };
    line("lxc.uts.name", hostname);
    line("lxc.rootfs.path", QStringLiteral("dir:") + rootfs);
    c += "\n# busybox init: /sbin/init halts on SIGUSR1 and reboots on SIGTERM\n";
    line("lxc.init.cmd", QStringLiteral("/sbin/init"));
    line("lxc.signal.halt", QStringLiteral("SIGUSR1"));
    line("lxc.signal.reboot", QStringLiteral("SIGTERM"));
    c += '\n';
    line("lxc.tty.max", QString::number(ttys));
    line("lxc.pty.max", QStringLiteral("1024"));
    line("lxc.autodev", QStringLiteral("1"));
    line("lxc.mount.auto", QStringLiteral("proc:mixed sys:ro cgroup:mixed"));
    line("lxc.cap.drop", QStringLiteral("mac_admin mac_override sys_time sys_module sys_rawio"));
    c += "\n# no network device yet: only lo, in the container's own namespace\n";
    line("lxc.net.0.type", QStringLiteral("empty"));
    return c;
}

// Checks what will be written before anything is: the config must load
// with no diagnostic at all and say what we mean (the rootfs path comes from
// the store path, which must not smuggle in other lines).
Status checkConfig(const QByteArray &bytes, const QString &rootfs)
{
    if (auto err = values::validateNoControlChars(rootfs))
        return Error::invalid(QStringLiteral("store path: %1").arg(err->message));
    const LoadResult loaded = loadConfigBytes(bytes, QStringLiteral("config"), QString());
    if (!loaded.diagnostics.isEmpty())
        return Error::invalid(QStringLiteral("the config would not load cleanly: %1")
                                  .arg(loaded.diagnostics.first().toString()));
    if (loaded.config.value(QStringLiteral("lxc.rootfs.path"), QString()) != QStringLiteral("dir:") + rootfs)
        return Error::invalid(QStringLiteral("store path \"%1\" cannot be written in a config").arg(rootfs));
    return std::nullopt;
}

// ---------------------------------------------------------------------------

struct Job {
    const BusyboxOptions &options;
    QString hostname;
    QByteArray config;
    int busyboxFd;
    const Progress &progress;
    const std::atomic_bool *cancel;

    void say(const QString &line) const
    {
        if (progress)
            progress(line);
    }
};

// Fills the staging directory (stagingFd, at stagingPath): rootfs and config.
Status populate(const Job &job, int stagingFd, const QString &stagingPath)
{
    job.say(QStringLiteral("creating rootfs"));
    auto rootFd = storage::makeDirectoryAt(stagingFd, "rootfs", 0755);
    if (!rootFd)
        return rootFd.error();
    if (auto err = makeRootfsDirs(rootFd->get()))
        return err->wrap(QStringLiteral("create rootfs"));
    if (storage::isCancelled(job.cancel))
        return Error::cancelled();

    job.say(QStringLiteral("copying busybox"));
    {
        auto binFd = openDir(rootFd->get(), "bin");
        if (!binFd)
            return binFd.error();
        if (auto err = copyFile(job.busyboxFd, binFd->get(), "busybox", 0755))
            return err;
    }
    if (storage::isCancelled(job.cancel))
        return Error::cancelled();

    // The copy runs, not the original: it is the checked bytes, in a
    // directory only root can write.
    auto applets = listApplets(stagingPath + QStringLiteral("/rootfs/bin/busybox"));
    if (!applets)
        return applets.error();
    if (storage::isCancelled(job.cancel))
        return Error::cancelled();
    job.say(QStringLiteral("installing busybox applets (%1)").arg(applets->size()));
    if (auto err = installApplets(rootFd->get(), *applets, job.cancel))
        return err;
    if (storage::isCancelled(job.cancel))
        return Error::cancelled();

    job.say(QStringLiteral("writing /etc: inittab (console and %1 ttys), rcS, passwd, hosts, ...")
                .arg(job.options.ttys));
    for (const RootfsFile &f : rootfsFiles(job.options, job.hostname)) {
        if (auto err = writeNewFile(rootFd->get(), f.path, f.data, f.mode))
            return err;
    }
    if (storage::isCancelled(job.cancel))
        return Error::cancelled();

    job.say(QStringLiteral("writing config"));
    if (auto err = writeFileAtomically(stagingPath + QStringLiteral("/config"), job.config, 0644))
        return err;
    return std::nullopt;
}

}  // namespace

Status createBusybox(const Store &store, const QString &name, const BusyboxOptions &options,
                     const Progress &progress, const std::atomic_bool *cancel)
{
    const QString context = QStringLiteral("create \"%1\" from busybox").arg(name);

    // Checks, before anything is written.
    if (auto err = validateContainerName(name))
        return err->wrap(context);
    if (options.ttys < 0 || options.ttys > kMaxTtys)
        return Error::invalid(QStringLiteral("ttys must be 0 to %1, not %2").arg(kMaxTtys).arg(options.ttys))
            .wrap(context);
    const QString hostname = options.hostname.isEmpty() ? name : options.hostname;
    if (auto err = values::validateHostname(hostname)) {
        const QString hint = options.hostname.isEmpty()
            ? QStringLiteral(" (the container name is the default hostname; give one)") : QString();
        return Error::invalid(err->message + hint).wrap(context);
    }
    if (store.path().isEmpty())
        return Error::invalid(QStringLiteral("no store path")).wrap(context);
    const QString storePath = QDir(store.path()).absolutePath();
    const QString finalDir = storePath + QLatin1Char('/') + name;
    const QByteArray config = configBytes(hostname, finalDir + QStringLiteral("/rootfs"), options.ttys);
    if (auto err = checkConfig(config, finalDir + QStringLiteral("/rootfs")))
        return err->wrap(context);

    struct stat st {};
    if (::lstat(QFile::encodeName(finalDir).constData(), &st) == 0)
        return Error::conflict(QStringLiteral("a container \"%1\" exists in %2").arg(name, storePath)).wrap(context);
    if (errno != ENOENT && errno != ENOTDIR)
        return Error::system(errno, QStringLiteral("look at \"%1\"").arg(finalDir)).wrap(context);

    if (progress)
        progress(QStringLiteral("checking busybox \"%1\"").arg(options.busybox));
    auto busyboxFd = openBusybox(options.busybox);
    if (!busyboxFd)
        return busyboxFd.error().wrap(context);
    if (storage::isCancelled(cancel))
        return Error::cancelled().wrap(context);

    // Staging: a dot-directory, never listed by Store::list.
    if (auto err = makeStore(storePath))
        return err->wrap(context);
    UniqueFd storeFd(::open(QFile::encodeName(storePath).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!storeFd)
        return Error::system(errno, QStringLiteral("open store \"%1\"").arg(storePath)).wrap(context);
    QByteArray staging = QFile::encodeName(storePath) + "/.staging-" + name.toUtf8() + "-XXXXXX";
    if (!::mkdtemp(staging.data()))
        return Error::system(errno, QStringLiteral("create staging directory")).wrap(context);
    const QByteArray stagingName = staging.mid(staging.lastIndexOf('/') + 1);
    const QString stagingPath = QFile::decodeName(staging);

    // From here on every failure removes the staging directory.
    auto fail = [&](Error err) {
        if (auto rmErr = storage::removeTreeAt(storeFd.get(), stagingName))
            err.message += QStringLiteral(" (and cleaning up failed: %1)").arg(rmErr->message);
        return err.wrap(context);
    };

    UniqueFd stagingFd(::openat(storeFd.get(), stagingName.constData(),
                                O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!stagingFd)
        return fail(Error::system(errno, QStringLiteral("open staging directory")));
    const Job job{options, hostname, config, busyboxFd->get(), progress, cancel};
    if (auto err = populate(job, stagingFd.get(), stagingPath))
        return fail(*err);
    if (storage::isCancelled(cancel))
        return fail(Error::cancelled());

    if (progress)
        progress(QStringLiteral("moving \"%1\" into place").arg(name));
    // 0700, as LXC makes container directories: no host user reaches the
    // rootfs (its setuid programs, its devices).
    if (::fchmod(stagingFd.get(), 0700) < 0)
        return fail(Error::system(errno, QStringLiteral("chmod staging directory")));
    // Everything on disk before the name appears: a crash leaves a staging
    // directory or a complete container, never a partial one under NAME.
    if (::syncfs(stagingFd.get()) < 0)
        return fail(Error::system(errno, QStringLiteral("sync")));
    const QByteArray finalName = QFile::encodeName(name);
    if (::renameat2(storeFd.get(), stagingName.constData(), storeFd.get(), finalName.constData(),
                    RENAME_NOREPLACE) < 0) {
        const int err = errno;
        if (err == EEXIST)
            return fail(Error::conflict(QStringLiteral("a container \"%1\" appeared in %2 meanwhile").arg(name, storePath)));
        return fail(Error::system(err, QStringLiteral("rename into place")));
    }
    if (::fsync(storeFd.get()) < 0 && errno != EINVAL)
        return Error::system(errno, QStringLiteral("sync store")).wrap(context);
    if (progress)
        progress(QStringLiteral("created \"%1\"").arg(name));
    return std::nullopt;
}

}  // namespace hutch::templates
