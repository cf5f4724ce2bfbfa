// The busybox template: the container it builds (rootfs, /etc, config), and
// every refusal leaving the store as it was (no container, no staging
// directory). Needs Debian's busybox-static at /bin/busybox; no root.
#include "templates/busybox.h"

#include "config.h"
#include "store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

#include <cstddef>
#include <cstring>

#include <elf.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using hutch::Error;
using hutch::Store;
using hutch::templates::BusyboxOptions;
using hutch::templates::createBusybox;

namespace {

const QString kBusybox = u"/bin/busybox"_s;

// Everything in a directory, dot-entries (staging areas) included.
QStringList entries(const QString &dir)
{
    QStringList list = QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    list.sort();
    return list;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
}

mode_t modeOf(const QString &path)
{
    struct stat st {};
    if (::lstat(QFile::encodeName(path).constData(), &st) < 0)
        return 0;
    return st.st_mode;
}

QString symlinkTarget(const QString &path)
{
    char buffer[4096];
    const ssize_t n = ::readlink(QFile::encodeName(path).constData(), buffer, sizeof buffer);
    return n < 0 ? QString() : QFile::decodeName(QByteArray(buffer, n));
}

// "bin/sh", "usr/bin/[", ... as the host's busybox lists them.
QStringList hostApplets()
{
    QProcess p;
    p.start(kBusybox, {u"--list-full"_s});
    p.waitForFinished();
    return QString::fromLatin1(p.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
}

QString errorText(const hutch::Status &s)
{
    return s ? s->message : u"success"_s;
}

}  // namespace

class TestTemplateBusybox : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (!QFileInfo(kBusybox).isFile())
            QSKIP("/bin/busybox is missing (install busybox-static)");
    }

    void createsContainer()
    {
        QTemporaryDir store;
        QVERIFY(store.isValid());
        QStringList lines;
        BusyboxOptions o;
        o.ttys = 2;
        const auto st = createBusybox(Store(store.path()), u"bb1"_s, o,
                                      [&](const QString &line) { lines << line; });
        QVERIFY2(!st, qPrintable(errorText(st)));

        // The store: exactly bb1, usable, nothing else (no staging directory).
        QCOMPARE(entries(store.path()), QStringList{u"bb1"_s});
        const auto list = Store(store.path()).list();
        QVERIFY(list.ok());
        QCOMPARE(list->size(), 1);
        QCOMPARE(list->first().name, u"bb1"_s);
        QVERIFY2(!list->first().broken, qPrintable(list->first().problem));
        const QString dir = store.filePath(u"bb1"_s);
        const QString rootfs = dir + u"/rootfs"_s;
        // root's alone, as LXC makes it: host users cannot reach setuid
        // programs or devices of the container through it.
        QCOMPARE(modeOf(dir) & 07777, mode_t(0700));

        // busybox itself and its applets.
        const mode_t bb = modeOf(rootfs + u"/bin/busybox"_s);
        QVERIFY(S_ISREG(bb));
        QCOMPARE(bb & 07777, mode_t(0755));
        QCOMPARE(readFile(rootfs + u"/bin/busybox"_s), readFile(kBusybox));
        for (const char *applet : {"sbin/init", "bin/sh", "usr/bin/[", "sbin/getty", "bin/login"}) {
            const QString path = rootfs + u'/' + QLatin1String(applet);
            QVERIFY2(S_ISLNK(modeOf(path)), applet);
            QCOMPARE(symlinkTarget(path), u"/bin/busybox"_s);
        }
        const QStringList applets = hostApplets();
        QVERIFY(applets.size() > 100);
        int links = 0;
        for (const QString &a : applets) {
            if (a == u"bin/busybox"_s)
                continue;
            QVERIFY2(symlinkTarget(rootfs + u'/' + a) == u"/bin/busybox"_s, qPrintable(a));
            ++links;
        }
        QVERIFY2(lines.contains(u"installing busybox applets (%1)"_s.arg(links)), qPrintable(lines.join(u" | ")));
        QVERIFY(lines.contains(u"creating rootfs"_s));

        // Directories and their modes.
        for (const char *d : {"sbin", "usr/sbin", "etc/init.d", "dev", "proc", "sys", "run", "var/log",
                              "home", "mnt", "lib", "usr/share/udhcpc"})
            QVERIFY2(S_ISDIR(modeOf(rootfs + u'/' + QLatin1String(d))), d);
        QCOMPARE(modeOf(rootfs + u"/tmp"_s) & 07777, mode_t(01777));
        QCOMPARE(modeOf(rootfs + u"/root"_s) & 07777, mode_t(0700));

        // inittab: rcS, then a shell on the console and on tty1..tty2 only.
        const QList<QByteArray> inittab = readFile(rootfs + u"/etc/inittab"_s).split('\n');
        QVERIFY(inittab.contains("::sysinit:/etc/init.d/rcS"));
        QVERIFY(inittab.contains("console::respawn:-/bin/sh"));
        QVERIFY(inittab.contains("tty1::respawn:-/bin/sh"));
        QVERIFY(inittab.contains("tty2::respawn:-/bin/sh"));
        QVERIFY(!readFile(rootfs + u"/etc/inittab"_s).contains("tty3"));
        QVERIFY(inittab.contains("::ctrlaltdel:/sbin/reboot"));
        QVERIFY(inittab.contains("::shutdown:/bin/umount -a -r"));

        // /etc.
        QCOMPARE(readFile(rootfs + u"/etc/hostname"_s), QByteArray("bb1\n"));
        QVERIFY(readFile(rootfs + u"/etc/hosts"_s).contains("127.0.1.1\tbb1\n"));
        QVERIFY(readFile(rootfs + u"/etc/hosts"_s).contains("127.0.0.1\tlocalhost\n"));
        QVERIFY(readFile(rootfs + u"/etc/passwd"_s).startsWith("root:x:0:0:root:/root:/bin/sh\n"));
        QVERIFY(readFile(rootfs + u"/etc/group"_s).startsWith("root:x:0:\n"));
        QVERIFY(readFile(rootfs + u"/etc/shadow"_s).startsWith("root:!:"));  // no login: locked
        QCOMPARE(modeOf(rootfs + u"/etc/shadow"_s) & 07777, mode_t(0600));
        QVERIFY(readFile(rootfs + u"/etc/profile"_s).contains("PS1='\\u@\\h"));
        QVERIFY(QFileInfo(rootfs + u"/etc/resolv.conf"_s).isFile());
        for (const char *script : {"etc/init.d/rcS", "usr/share/udhcpc/default.script"}) {
            const QString path = rootfs + u'/' + QLatin1String(script);
            QCOMPARE(modeOf(path) & 07777, mode_t(0755));
            QVERIFY(readFile(path).startsWith("#!/bin/sh\n"));
            // Busybox's own shell must parse it.
            QCOMPARE(QProcess::execute(kBusybox, {u"sh"_s, u"-n"_s, path}), 0);
        }
        const QByteArray rcS = readFile(rootfs + u"/etc/init.d/rcS"_s);
        QVERIFY(rcS.contains("hostname -F /etc/hostname"));
        QVERIFY(rcS.contains("ip link set lo up"));
        QVERIFY(!rcS.contains("mount -t proc") && !rcS.contains("mount -t sysfs"));

        // The config: loads with no diagnostic, says what the template means.
        const QByteArray configBytes = readFile(dir + u"/config"_s);
        QVERIFY(configBytes.startsWith("# Hutch busybox container, template busybox\n"));
        const hutch::LoadResult loaded = hutch::loadConfigFile(dir + u"/config"_s);
        QStringList diagnostics;
        for (const auto &d : loaded.diagnostics)
            diagnostics << d.toString();
        QVERIFY2(diagnostics.isEmpty(), qPrintable(diagnostics.join(u'\n')));
        const hutch::Config &c = loaded.config;
        QCOMPARE(c.value(u"lxc.uts.name"_s, {}), u"bb1"_s);
        QCOMPARE(c.value(u"lxc.rootfs.path"_s, {}), u"dir:"_s + QDir(store.path()).absolutePath() + u"/bb1/rootfs"_s);
        QVERIFY(!configBytes.contains(".staging"));
        QCOMPARE(c.value(u"lxc.init.cmd"_s, {}), u"/sbin/init"_s);
        QCOMPARE(c.value(u"lxc.signal.halt"_s, {}), u"SIGUSR1"_s);
        QCOMPARE(c.value(u"lxc.signal.reboot"_s, {}), u"SIGTERM"_s);
        QCOMPARE(c.value(u"lxc.tty.max"_s, {}), u"2"_s);
        QCOMPARE(c.value(u"lxc.pty.max"_s, {}), u"1024"_s);
        QCOMPARE(c.value(u"lxc.autodev"_s, {}), u"1"_s);
        QCOMPARE(c.values(u"lxc.mount.auto"_s), QStringList{u"proc:mixed sys:ro cgroup:mixed"_s});
        QCOMPARE(c.values(u"lxc.cap.drop"_s), QStringList{u"mac_admin mac_override sys_time sys_module sys_rawio"_s});
        QCOMPARE(c.value(u"lxc.net.0.type"_s, {}), u"empty"_s);
    }

    void loginUsesGettyAndHostname()
    {
        QTemporaryDir store;
        BusyboxOptions o;
        o.ttys = 1;
        o.login = true;
        o.hostname = u"box.example.org"_s;
        const auto st = createBusybox(Store(store.path()), u"my_box"_s, o);
        QVERIFY2(!st, qPrintable(errorText(st)));
        const QString rootfs = store.filePath(u"my_box/rootfs"_s);
        const QList<QByteArray> inittab = readFile(rootfs + u"/etc/inittab"_s).split('\n');
        QVERIFY(inittab.contains("console::respawn:/sbin/getty -L console 115200 vt100"));
        QVERIFY(inittab.contains("tty1::respawn:/sbin/getty -L tty1 115200 vt100"));
        QVERIFY(!readFile(rootfs + u"/etc/inittab"_s).contains("/bin/sh"));
        QVERIFY(!readFile(rootfs + u"/etc/inittab"_s).contains("tty2"));
        // Empty password field: root logs in once and sets one.
        QVERIFY(readFile(rootfs + u"/etc/shadow"_s).startsWith("root::"));
        QCOMPARE(readFile(rootfs + u"/etc/hostname"_s), QByteArray("box.example.org\n"));
        QVERIFY(readFile(rootfs + u"/etc/hosts"_s).contains("127.0.1.1\tbox.example.org box\n"));
        const auto loaded = hutch::loadConfigFile(store.filePath(u"my_box/config"_s));
        QVERIFY(loaded.diagnostics.isEmpty());
        QCOMPARE(loaded.config.value(u"lxc.uts.name"_s, {}), u"box.example.org"_s);
        QCOMPARE(loaded.config.value(u"lxc.tty.max"_s, {}), u"1"_s);
    }

    void zeroTtysMeansConsoleOnly()
    {
        QTemporaryDir store;
        BusyboxOptions o;
        o.ttys = 0;
        QVERIFY(!createBusybox(Store(store.path()), u"c0"_s, o));
        const QByteArray inittab = readFile(store.filePath(u"c0/rootfs/etc/inittab"_s));
        QVERIFY(inittab.contains("console::respawn:-/bin/sh\n"));
        QVERIFY(!inittab.contains("tty1"));
    }

    void missingStoreIsCreated()
    {
        QTemporaryDir base;
        const QString storePath = base.filePath(u"a/b/store"_s);
        QVERIFY(!createBusybox(Store(storePath), u"bb1"_s, {}));
        QCOMPARE(modeOf(storePath) & 07777, mode_t(0700));
        QCOMPARE(entries(storePath), QStringList{u"bb1"_s});
    }

    void existingNameIsAConflict()
    {
        QTemporaryDir store;
        QVERIFY(!createBusybox(Store(store.path()), u"bb1"_s, {}));
        const QString config = store.filePath(u"bb1/config"_s);
        const QByteArray before = readFile(config);
        const QStringList rootfsBefore = entries(store.filePath(u"bb1/rootfs/etc"_s));

        BusyboxOptions other;
        other.ttys = 7;
        other.hostname = u"other"_s;
        const auto st = createBusybox(Store(store.path()), u"bb1"_s, other);
        QVERIFY(st);
        QCOMPARE(st->code, Error::Code::Conflict);
        QVERIFY2(st->message.contains(u"bb1"_s), qPrintable(st->message));
        QCOMPARE(readFile(config), before);
        QCOMPARE(entries(store.filePath(u"bb1/rootfs/etc"_s)), rootfsBefore);
        QCOMPARE(entries(store.path()), QStringList{u"bb1"_s});
    }

    // NAME appearing while the container is built: RENAME_NOREPLACE refuses,
    // the other directory is untouched and the staging directory is gone.
    void nameTakenDuringCreationIsAConflict()
    {
        QTemporaryDir store;
        const QString intruder = store.filePath(u"bb1"_s);
        auto progress = [&](const QString &line) {
            if (line.startsWith(u"moving"_s)) {
                QDir().mkdir(intruder);
                QFile marker(intruder + u"/marker"_s);
                if (marker.open(QIODevice::WriteOnly))
                    marker.write("mine");
            }
        };
        const auto st = createBusybox(Store(store.path()), u"bb1"_s, {}, progress);
        QVERIFY(st);
        QCOMPARE(st->code, Error::Code::Conflict);
        QCOMPARE(entries(store.path()), QStringList{u"bb1"_s});
        QCOMPARE(entries(intruder), QStringList{u"marker"_s});
        QCOMPARE(readFile(intruder + u"/marker"_s), QByteArray("mine"));
    }

    void invalidArgumentsTouchNothing_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("ttys");
        QTest::addColumn<QString>("hostname");
        QTest::addColumn<QString>("busybox");
        QTest::addColumn<QString>("expected");  // in the message
        QTest::newRow("dot-dot name") << u"../x"_s << 1 << QString() << kBusybox << u"'/'"_s;
        QTest::newRow("empty name") << QString() << 1 << QString() << kBusybox << u"empty"_s;
        QTest::newRow("dot name") << u".hidden"_s << 1 << QString() << kBusybox << u"begin"_s;
        QTest::newRow("negative ttys") << u"bb"_s << -1 << QString() << kBusybox << u"ttys"_s;
        QTest::newRow("64 ttys") << u"bb"_s << 64 << QString() << kBusybox << u"ttys"_s;
        QTest::newRow("bad hostname") << u"bb"_s << 1 << u"bad_host"_s << kBusybox << u"bad_host"_s;
        QTest::newRow("name is no hostname") << u"my_box"_s << 1 << QString() << kBusybox << u"my_box"_s;
        QTest::newRow("dynamic binary") << u"bb"_s << 1 << QString() << u"/bin/ls"_s << u"\"/bin/ls\" is dynamically linked"_s;
        QTest::newRow("not ELF") << u"bb"_s << 1 << QString() << u"/etc/passwd"_s << u"\"/etc/passwd\" is not an ELF file"_s;
        QTest::newRow("missing binary") << u"bb"_s << 1 << QString() << u"/nonexistent/busybox"_s << u"/nonexistent/busybox"_s;
        QTest::newRow("relative binary") << u"bb"_s << 1 << QString() << u"busybox"_s << u"absolute"_s;
        QTest::newRow("directory") << u"bb"_s << 1 << QString() << u"/bin"_s << u"regular file"_s;
    }
    void invalidArgumentsTouchNothing()
    {
        QFETCH(QString, name);
        QFETCH(int, ttys);
        QFETCH(QString, hostname);
        QFETCH(QString, busybox);
        QFETCH(QString, expected);
        QTemporaryDir base;
        // A store that does not exist yet must not be created either.
        const QString storePath = base.filePath(u"store"_s);
        BusyboxOptions o;
        o.ttys = ttys;
        o.hostname = hostname;
        o.busybox = busybox;
        const auto st = createBusybox(Store(storePath), name, o);
        QVERIFY(st);
        QCOMPARE(st->code, Error::Code::InvalidArgument);
        QVERIFY2(st->message.contains(expected), qPrintable(st->message));
        QVERIFY(!QFileInfo::exists(storePath));
        QCOMPARE(entries(base.path()), QStringList());
    }

    // A copy of busybox that others may change is not run as root.
    void writableBusyboxIsRefused()
    {
        QTemporaryDir store, bin;
        const QString copy = bin.filePath(u"busybox"_s);
        QVERIFY(QFile::copy(kBusybox, copy));
        QVERIFY(::chmod(QFile::encodeName(copy).constData(), 0777) == 0);
        BusyboxOptions o;
        o.busybox = copy;
        const auto st = createBusybox(Store(store.path()), u"bb1"_s, o);
        QVERIFY(st);
        QCOMPARE(st->code, Error::Code::InvalidArgument);
        QVERIFY2(st->message.contains(u"writable"_s), qPrintable(st->message));
        QCOMPARE(entries(store.path()), QStringList());

        // The same copy, 0755, is fine: any static busybox may be used.
        QVERIFY(::chmod(QFile::encodeName(copy).constData(), 0755) == 0);
        const auto ok = createBusybox(Store(store.path()), u"bb1"_s, o);
        QVERIFY2(!ok, qPrintable(errorText(ok)));
    }

    // The ELF reader on damaged copies of busybox (64-bit, host order).
    void damagedElfIsRefused_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("expected");
        QTest::newRow("truncated") << u"truncated"_s << u"corrupt program headers"_s;
        QTest::newRow("interpreter") << u"interpreter"_s << u"is dynamically linked"_s;
        QTest::newRow("relocatable") << u"relocatable"_s << u"is not an ELF executable"_s;
        QTest::newRow("no program headers") << u"nophdrs"_s << u"has no program headers"_s;
        QTest::newRow("headers past the end") << u"phoff"_s << u"corrupt program headers"_s;
    }
    void damagedElfIsRefused()
    {
        QFETCH(QString, damage);
        QFETCH(QString, expected);
        QByteArray elf = readFile(kBusybox);
        if (elf.size() < qsizetype(sizeof(Elf64_Ehdr)) || elf[EI_CLASS] != ELFCLASS64 || elf[EI_DATA] != ELFDATA2LSB
            || QSysInfo::ByteOrder != QSysInfo::LittleEndian)
            QSKIP("the host's busybox is not a 64-bit little-endian ELF");
        Elf64_Ehdr eh;
        std::memcpy(&eh, elf.constData(), sizeof eh);
        if (damage == u"truncated"_s) {
            elf.truncate(qsizetype(eh.e_phoff + 8));
            elf.append("BusyBox v");
        } else if (damage == u"interpreter"_s) {
            const Elf64_Word interp = PT_INTERP;
            std::memcpy(elf.data() + eh.e_phoff + offsetof(Elf64_Phdr, p_type), &interp, sizeof interp);
        } else if (damage == u"relocatable"_s) {
            eh.e_type = ET_REL;
        } else if (damage == u"nophdrs"_s) {
            eh.e_phnum = 0;
        } else if (damage == u"phoff"_s) {
            eh.e_phoff = Elf64_Off(elf.size() - 10);
        }
        if (damage != u"interpreter"_s && damage != u"truncated"_s)
            std::memcpy(elf.data(), &eh, sizeof eh);

        QTemporaryDir store, bin;
        QFile f(bin.filePath(u"busybox"_s));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(elf);
        f.close();
        BusyboxOptions o;
        o.busybox = f.fileName();
        const auto st = createBusybox(Store(store.path()), u"bb1"_s, o);
        QVERIFY(st);
        QCOMPARE(st->code, Error::Code::InvalidArgument);
        QVERIFY2(st->message.contains(expected), qPrintable(st->message));
        QCOMPARE(entries(store.path()), QStringList());
    }

    void nonBusyboxStaticBinaryIsRefused()
    {
        // ldconfig is a static executable on Debian, but not busybox.
        const QString ldconfig = u"/sbin/ldconfig"_s;
        if (!QFileInfo(ldconfig).isFile())
            QSKIP("no /sbin/ldconfig here");
        QTemporaryDir store;
        BusyboxOptions o;
        o.busybox = ldconfig;
        const auto st = createBusybox(Store(store.path()), u"bb1"_s, o);
        QVERIFY(st);
        QCOMPARE(st->code, Error::Code::InvalidArgument);
        QVERIFY2(st->message.contains(u"BusyBox"_s) || st->message.contains(u"dynamically"_s),
                 qPrintable(st->message));
        QCOMPARE(entries(store.path()), QStringList());
    }

    void cancelledBeforeStartTouchesNothing()
    {
        QTemporaryDir store;
        const std::atomic_bool cancel{true};
        const auto st = createBusybox(Store(store.path()), u"bb1"_s, {}, {}, &cancel);
        QVERIFY(st);
        QCOMPARE(st->code, Error::Code::Cancelled);
        QCOMPARE(entries(store.path()), QStringList());
    }

    // Cancelled halfway through the applets: the staging tree, full of
    // symlinks to /bin/busybox and with a planted symlink to a directory
    // outside, is removed without following any of them.
    void cancelledMidwayRemovesStagingWithoutFollowingLinks()
    {
        QTemporaryDir store, outside;
        QFile precious(outside.filePath(u"precious"_s));
        QVERIFY(precious.open(QIODevice::WriteOnly));
        precious.write("keep");
        precious.close();
        const QByteArray hostBusybox = readFile(kBusybox);

        std::atomic_bool cancel{false};
        bool planted = false;
        auto progress = [&](const QString &line) {
            if (line.startsWith(u"installing busybox applets"_s)) {
                const QStringList staging = QDir(store.path()).entryList({u".staging-bb1-*"_s},
                                                                         QDir::Dirs | QDir::Hidden);
                if (staging.size() == 1) {
                    const QString root = store.filePath(staging.first()) + u"/rootfs"_s;
                    planted = QFile::link(outside.path(), root + u"/mnt/trap"_s)
                              && QFile::link(outside.filePath(u"precious"_s), root + u"/trapfile"_s);
                }
                cancel = true;
            }
        };
        const auto st = createBusybox(Store(store.path()), u"bb1"_s, {}, progress, &cancel);
        QVERIFY(planted);
        QVERIFY(st);
        QCOMPARE(st->code, Error::Code::Cancelled);
        QCOMPARE(entries(store.path()), QStringList());
        QCOMPARE(readFile(outside.filePath(u"precious"_s)), QByteArray("keep"));
        QVERIFY(S_ISREG(modeOf(kBusybox)));
        QCOMPARE(readFile(kBusybox), hostBusybox);
    }

    // The DHCP hook, run by busybox's shell with busybox's ip on a veth
    // "eth0" in a network namespace of its own (unshare -n): the test never
    // touches the host's interfaces, and the wrapper refuses to run unless
    // its namespace holds nothing but lo.
    void udhcpcScriptConfiguresTheLease()
    {
        if (::geteuid() != 0 || QProcess::execute(u"unshare"_s, {u"-n"_s, u"true"_s}) != 0)
            QSKIP("needs root and unshare -n (a private network namespace)");
        QTemporaryDir store, work;
        QVERIFY(!createBusybox(Store(store.path()), u"bb1"_s, {}));
        const QString script = store.filePath(u"bb1/rootfs/usr/share/udhcpc/default.script"_s);
        const QString resolv = work.filePath(u"resolv.conf"_s);
        const QString wrapper = work.filePath(u"wrapper.sh"_s);
        QFile w(wrapper);
        QVERIFY(w.open(QIODevice::WriteOnly));
        w.write(R"sh(
[ "$(ip -o link show | wc -l)" -eq 1 ] || { echo "not a fresh network namespace" >&2; exit 99; }
set -e
ip link add eth0 type veth
export interface=eth0 ip=10.0.3.5 mask=24 subnet=255.255.255.0 broadcast=10.0.3.255
export router=10.0.3.1 dns="10.0.3.1 9.9.9.9" domain=example.org RESOLV_CONF="$2"
sh "$1" deconfig
sh "$1" bound
echo "== bound"; ip -4 addr show dev eth0; ip -4 route
sh "$1" renew
echo "== renew"; ip -4 addr show dev eth0; ip -4 route
sh "$1" deconfig
echo "== deconfig"; ip -4 addr show dev eth0; ip -4 route
)sh");
        w.close();

        QProcess p;
        p.start(u"unshare"_s, {u"-n"_s, kBusybox, u"sh"_s, wrapper, script, resolv});
        QVERIFY(p.waitForFinished());
        const QString out = QString::fromLocal8Bit(p.readAllStandardOutput());
        const QString diagnostics = out + QString::fromLocal8Bit(p.readAllStandardError());
        QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, qPrintable(diagnostics));
        const QStringList phases = out.split(u"== "_s);
        QCOMPARE(phases.size(), 4);
        for (const QString &phase : {phases[1], phases[2]}) {
            QVERIFY2(phase.contains(u"inet 10.0.3.5/24 brd 10.0.3.255"_s), qPrintable(diagnostics));
            QVERIFY2(phase.contains(u"default via 10.0.3.1 dev eth0"_s), qPrintable(diagnostics));
            QCOMPARE(phase.count(u"inet "_s), 1);  // renew keeps the one address
        }
        QVERIFY2(phases[3].startsWith(u"deconfig"_s) && !phases[3].contains(u"inet "_s)
                     && !phases[3].contains(u"default"_s), qPrintable(diagnostics));
        QCOMPARE(readFile(resolv), QByteArray("search example.org\nnameserver 10.0.3.1\nnameserver 9.9.9.9\n"));
    }
};

QTEST_GUILESS_MAIN(TestTemplateBusybox)
#include "test_template_busybox.moc"
