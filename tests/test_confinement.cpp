// Confinement of a container, checked from inside real busybox containers:
// the seccomp filter (Hutch's default, LXC's profiles, sections and
// argument conditions), lxc.no_new_privs, the dropped capabilities. A
// static probe (confine/probe.cpp) makes the calls busybox cannot.
#include "confine/probecontainer.h"
#include "runtimefixture.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <sys/capability.h>

#include <algorithm>

using namespace hutch;
using namespace hutch::test;

namespace {

QString statusField(const QString &status, const QString &field)
{
    for (const QString &line : status.split(QLatin1Char('\n')))
        if (line.startsWith(field + QLatin1Char(':')))
            return line.mid(field.size() + 1).trimmed();
    return {};
}

}  // namespace

class TestConfinement : public QObject {
    Q_OBJECT

    std::optional<RuntimeFixture> fx;

    Runtime &rt() { return fx->runtime(); }

    bool createWithProbe(const QString &name, const QStringList &extraConfig = {})
    {
        return hutch::test::createWithProbe(*fx, name, extraConfig);
    }

    QString run(const QString &name, const QString &command) { return runIn(*fx, name, command); }

    void startOrFail(const QString &name)
    {
        auto pid = rt().start(name);
        QVERIFY2(pid.ok(), pid.ok() ? "" : qPrintable(pid.error().message));
    }

    // A profile file in the container's directory, named by its config.
    QString writeProfile(const QString &name, const QByteArray &text)
    {
        const QString path = fx->store().containerDir(name) + QStringLiteral("/test.seccomp");
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size())
            return {};
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        HUTCH_START_RUNTIME_FIXTURE(fx);
    }

    // Containers a test leaves running are its own (defaultSeccompPolicy's
    // rows share two); a failure stops everything.
    void cleanup()
    {
        if (fx && QTest::currentTestFailed())
            fx->stopAll();
    }

    void cleanupTestCase() { fx.reset(); }

    // Hutch's default policy: each call fails with its errno, nothing is
    // killed; the i386 ABI and junk in the upper bits of an ioctl command
    // do not get around it. Without a filter ("lxc.seccomp.profile =") the
    // same calls get the kernel's own answer.
    void defaultSeccompPolicy_data()
    {
        QTest::addColumn<QString>("probe");
        QTest::addColumn<QString>("filtered");
        QTest::addColumn<QString>("unfiltered");
        QTest::newRow("keyctl") << "keyctl" << "errno 38" << "";
        QTest::newRow("keyctl, i386 ABI") << "keyctl-i386" << "errno 38" << "";
        QTest::newRow("add_key") << "add_key" << "errno 38" << "";
        QTest::newRow("request_key") << "request_key" << "errno 38" << "";
        QTest::newRow("kexec_load") << "kexec_load" << "errno 1" << "";
        QTest::newRow("open_by_handle_at") << "open_by_handle_at" << "errno 1" << "";
        QTest::newRow("init_module") << "init_module" << "errno 1" << "";
        QTest::newRow("finit_module") << "finit_module" << "errno 1" << "";
        QTest::newRow("delete_module") << "delete_module" << "errno 1" << "";
        QTest::newRow("bpf") << "bpf" << "errno 1" << "";
        QTest::newRow("perf_event_open") << "perf_event_open" << "errno 1" << "";
        QTest::newRow("userfaultfd") << "userfaultfd" << "errno 1" << "";
        // Through a socket as stdin, an unfiltered ioctl says ENOTTY.
        QTest::newRow("TIOCSTI") << "tiocsti" << "errno 1" << "errno 25";
        QTest::newRow("TIOCSTI, upper bits set") << "tiocsti-high" << "errno 1" << "errno 25";
        QTest::newRow("TIOCLINUX") << "tioclinux" << "errno 1" << "errno 25";
        QTest::newRow("umount -f") << "umount-force /proc" << "errno 13" << "";
    }

    void defaultSeccompPolicy()
    {
        QFETCH(QString, probe);
        QFETCH(QString, filtered);
        QFETCH(QString, unfiltered);
        if (rt().state(QStringLiteral("sc-default")) != QLatin1String("RUNNING")) {
            QVERIFY(createWithProbe(QStringLiteral("sc-default")));
            // Every capability too, so that only the filter makes the difference.
            QVERIFY(createWithProbe(QStringLiteral("sc-none"),
                                    {QStringLiteral("lxc.seccomp.profile ="), QStringLiteral("lxc.cap.drop =")}));
            startOrFail(QStringLiteral("sc-default"));
            startOrFail(QStringLiteral("sc-none"));
        }
        QCOMPARE(run(QStringLiteral("sc-default"), QStringLiteral("hutch-probe ") + probe), filtered);
        const QString without = run(QStringLiteral("sc-none"), QStringLiteral("hutch-probe ") + probe);
        QVERIFY2(without != filtered, qPrintable(without));
        if (!unfiltered.isEmpty())
            QCOMPARE(without, unfiltered);
        // Both containers stay up: nothing was killed.
        QCOMPARE(rt().state(QStringLiteral("sc-default")), QStringLiteral("RUNNING"));
        if (QByteArray(QTest::currentDataTag()) == "umount -f")  // the last row
            fx->stopAll();
    }

    // init (pid 1) and attached programs run under the filter; no_new_privs
    // only where the config asks for it.
    void seccompAndNoNewPrivsInStatus_data()
    {
        QTest::addColumn<QStringList>("config");
        QTest::addColumn<QString>("seccomp");
        QTest::addColumn<QString>("noNewPrivs");
        QTest::newRow("default") << QStringList() << "2" << "0";
        QTest::newRow("no_new_privs") << QStringList{QStringLiteral("lxc.no_new_privs = 1")} << "2" << "1";
        QTest::newRow("no profile") << QStringList{QStringLiteral("lxc.seccomp.profile =")} << "0" << "0";
        QTest::newRow("LXC's common.seccomp")
            << QStringList{QStringLiteral("lxc.seccomp.profile = /usr/share/lxc/config/common.seccomp")} << "2" << "0";
    }

    void seccompAndNoNewPrivsInStatus()
    {
        QFETCH(QStringList, config);
        QFETCH(QString, seccomp);
        QFETCH(QString, noNewPrivs);
        const QString name = QStringLiteral("sc-status");
        QVERIFY(createWithProbe(name, config));
        startOrFail(name);
        const QString init = run(name, QStringLiteral("cat /proc/1/status"));
        QCOMPARE(statusField(init, QStringLiteral("Seccomp")), seccomp);
        QCOMPARE(statusField(init, QStringLiteral("NoNewPrivs")), noNewPrivs);
        const QString self = run(name, QStringLiteral("cat /proc/self/status"));
        QCOMPARE(statusField(self, QStringLiteral("Seccomp")), seccomp);
        QCOMPARE(statusField(self, QStringLiteral("NoNewPrivs")), noNewPrivs);
        fx->stopAll();
        QVERIFY(QDir(fx->store().containerDir(name)).removeRecursively());
    }

    // LXC's format: sections per ABI, a default action, argument
    // conditions, LXC's own common.seccomp.
    void lxcProfiles_data()
    {
        QTest::addColumn<QByteArray>("profile");
        QTest::addColumn<QStringList>("probes");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("common.seccomp") << QByteArray()
                                        << QStringList{"kexec_load", "finit_module", "umount-force /proc", "userfaultfd"}
                                        << QStringList{"errno 1", "errno 1", "errno 13", "ok"};
        QTest::newRow("sections")
            << QByteArray("2\ndenylist\n[x86_64]\nkeyctl errno 5\n[x86]\nkeyctl errno 7\n[all]\nadd_key errno 9\n")
            << QStringList{"keyctl", "keyctl-i386", "add_key"} << QStringList{"errno 5", "errno 7", "errno 9"};
        QTest::newRow("blacklist, conditions")
            << QByteArray("2\nblacklist\n# TIOCSTI only\nioctl errno 11 [1,0x5412,SCMP_CMP_EQ]\n")
            << QStringList{"tiocsti", "tioclinux"} << QStringList{"errno 11", "errno 25"};
        QTest::newRow("allowlist with errno default")
            << QByteArray("2\nallowlist errno 38\n[all]\n"
                          "read\nwrite\nexit\nexit_group\nexecve\nbrk\nmmap\nmunmap\nmprotect\narch_prctl\n"
                          "set_tid_address\nset_robust_list\nrseq\nprlimit64\nreadlinkat\nreadlink\ngetrandom\n"
                          "uname\nioctl\nfstat\nnewfstatat\nclose\nopenat\nrt_sigaction\nrt_sigprocmask\n"
                          "rt_sigreturn\nwait4\nclone\nclone3\nfork\nvfork\ngetpid\ngetppid\nsetsid\nsetpgid\n"
                          "getuid\ngeteuid\ngetgid\ngetegid\ndup2\ndup3\nfcntl\npoll\nppoll\nselect\npselect6\n"
                          "nanosleep\nclock_nanosleep\nchdir\ngetcwd\nsocket\nconnect\nsendto\nrecvfrom\n"
                          "kill\nreboot\nsync\nstatx\nlseek\nsysinfo\nmount\ngetdents64\naccess\nfaccessat\n"
                          "faccessat2\nexecveat\nclose_range\ndup\npipe2\npipe\nsetuid\nsetgid\nsetgroups\n"
                          "getpgrp\nstat\nlstat\nvhangup\nsigaltstack\nfutex\ngetrlimit\nsetrlimit\numask\n")
            << QStringList{"keyctl", "userfaultfd"} << QStringList{"errno 38", "errno 38"};
    }

    void lxcProfiles()
    {
        QFETCH(QByteArray, profile);
        QFETCH(QStringList, probes);
        QFETCH(QStringList, expected);
        const QString name = QStringLiteral("sc-lxc");
        QVERIFY(createWithProbe(name));
        const QString path = profile.isEmpty() ? QStringLiteral("/usr/share/lxc/config/common.seccomp")
                                               : writeProfile(name, profile);
        QVERIFY(!path.isEmpty());
        QVERIFY(!fx->setConfig(name, QStringLiteral("lxc.seccomp.profile"), path));
        startOrFail(name);
        for (int i = 0; i < probes.size(); ++i)
            QCOMPARE(run(name, QStringLiteral("hutch-probe ") + probes[i]), expected[i]);
        fx->stopAll();
        QVERIFY(QDir(fx->store().containerDir(name)).removeRecursively());
    }

    // A profile Hutch cannot apply stops the start, naming the line; the
    // container does not run without the filter it asked for.
    void badProfilesRefused_data()
    {
        QTest::addColumn<QByteArray>("profile");
        QTest::addColumn<QString>("message");
        QTest::newRow("version") << QByteArray("3\ndenylist\n") << "line 1: the first line must be the format version";
        QTest::newRow("style") << QByteArray("2\nmaybelist\n") << "line 2: expected \"allowlist\" or \"denylist\"";
        QTest::newRow("action") << QByteArray("2\ndenylist\nkeyctl explode\n") << "line 3: unknown action \"explode\"";
        QTest::newRow("notify") << QByteArray("2\ndenylist\nkeyctl notify\n") << "line 3: the notify action needs";
        QTest::newRow("condition") << QByteArray("2\ndenylist\nioctl errno 1 [7,1,==]\n") << "line 3: bad argument index";
        QTest::newRow("section") << QByteArray("2\ndenylist\n[vax]\n") << "line 3: unknown architecture section";
    }

    void badProfilesRefused()
    {
        QFETCH(QByteArray, profile);
        QFETCH(QString, message);
        const QString name = QStringLiteral("sc-bad");
        QVERIFY(createWithProbe(name));
        const QString path = writeProfile(name, profile);
        QVERIFY(!fx->setConfig(name, QStringLiteral("lxc.seccomp.profile"), path));
        auto pid = rt().start(name);
        QVERIFY(!pid.ok());
        QVERIFY2(pid.error().message.contains(QStringLiteral("lxc.seccomp.profile: ") + path + QStringLiteral(": ") + message),
                 qPrintable(pid.error().message));
        QCOMPARE(rt().state(name), QStringLiteral("STOPPED"));
        QVERIFY(QDir(fx->store().containerDir(name)).removeRecursively());
    }

    // LXC's default drop list applies when the config names none; "=" with
    // nothing drops nothing; drop and keep together is refused.
    void capabilities_data()
    {
        QTest::addColumn<QString>("drop");  // the config's lxc.cap.drop line, or "-" for none
        QTest::addColumn<QStringList>("gone");
        QTest::newRow("LXC's default")
            << "-" << QStringList{"mac_admin", "mac_override", "sys_time", "sys_module", "sys_rawio"};
        QTest::newRow("cleared") << "lxc.cap.drop =" << QStringList();
        QTest::newRow("own list") << "lxc.cap.drop = net_raw sys_boot" << QStringList{"net_raw", "sys_boot"};
    }

    void capabilities()
    {
        QFETCH(QString, drop);
        QFETCH(QStringList, gone);
        const QString name = QStringLiteral("caps");
        QDir(fx->store().containerDir(name)).removeRecursively();  // a failed row's
        QVERIFY(!fx->create(name));
        // The template's own drop list out, the row's in.
        const QString configPath = fx->store().configPath(name);
        QFile f(configPath);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
        f.close();
        lines.removeIf([](const QString &l) { return l.startsWith(QLatin1String("lxc.cap.drop")); });
        if (drop != QLatin1String("-"))
            lines << drop;
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(lines.join(QLatin1Char('\n')).toUtf8() + '\n');
        f.close();
        startOrFail(name);
        bool ok = false;
        const quint64 bounding = statusField(run(name, QStringLiteral("cat /proc/1/status")), QStringLiteral("CapBnd")).toULongLong(&ok, 16);
        QVERIFY(ok);
        // What the host gave us is the most a container can have.
        QFile self(QStringLiteral("/proc/self/status"));
        QVERIFY(self.open(QIODevice::ReadOnly));
        const quint64 host = statusField(QString::fromUtf8(self.readAll()), QStringLiteral("CapBnd")).toULongLong(&ok, 16);
        QVERIFY(ok);
        const int last = int(cap_max_bits()) - 1;
        for (int cap = 0; cap <= last; ++cap) {
            if (!(host & (1ULL << cap)))
                continue;
            char *n = cap_to_name(cap_value_t(cap));
            const QString capName = QString::fromLatin1(n).remove(QStringLiteral("cap_"));
            cap_free(n);
            QVERIFY2(bool(bounding & (1ULL << cap)) != gone.contains(capName), qPrintable(capName));
        }
        fx->stopAll();
        QVERIFY(QDir(fx->store().containerDir(name)).removeRecursively());
    }

    // Device rules: LXC's common.conf by default (mknod of anything, use of
    // the few harmless nodes), lxc.cgroup.* on the v1 devices hierarchy,
    // lxc.cgroup2.* as a BPF program on the container's v2 cgroup (this
    // hybrid host has both), a Debian LXC config's include of common.conf.
    void deviceRules_data()
    {
        QTest::addColumn<QStringList>("config");
        QTest::addColumn<QString>("expected");
        const QString essentials = QStringLiteral("c 136:* rwm,c 5:* rwm,c 1:3 rwm,c *:* m,b *:* m");
        auto v2 = [&](const QString &extra) {
            QStringList lines{QStringLiteral("lxc.cgroup2.devices.deny = a")};
            for (const QString &r : (essentials + extra).split(QLatin1Char(',')))
                lines << QStringLiteral("lxc.cgroup2.devices.allow = ") + r;
            return lines;
        };
        QTest::newRow("default") << QStringList() << "mknod:yes disk:no null:yes zeroR:yes zeroW:yes full:ENOSPC";
        QTest::newRow("v1 allows all") << QStringList{QStringLiteral("lxc.cgroup.devices.allow = a")}
                                       << "mknod:yes disk:yes null:yes zeroR:yes zeroW:yes full:ENOSPC";
        QTest::newRow("v1 rules") << QStringList{QStringLiteral("lxc.cgroup.devices.deny = a"),
                                                 QStringLiteral("lxc.cgroup.devices.allow = c 136:* rwm"),
                                                 QStringLiteral("lxc.cgroup.devices.allow = c 5:* rwm"),
                                                 QStringLiteral("lxc.cgroup.devices.allow = c 1:3 rwm"),
                                                 QStringLiteral("lxc.cgroup.devices.allow = c 1:5 r")}
                                  << "mknod:no disk:no null:yes zeroR:yes zeroW:no full:EPERM";
        QTest::newRow("BPF") << v2(QString()) << "mknod:yes disk:no null:yes zeroR:no zeroW:no full:EPERM";
        QTest::newRow("BPF, read only") << v2(QStringLiteral(",c 1:5 r,c 1:7 rw,c 1:7 w"))
                                        << "mknod:yes disk:no null:yes zeroR:yes zeroW:no full:ENOSPC";
        QTest::newRow("BPF, later deny wins") << v2(QStringLiteral(",c 1:5 rw,c 1:7 rw")) + QStringList{QStringLiteral("lxc.cgroup2.devices.deny = c 1:5 w")}
                                              << "mknod:yes disk:no null:yes zeroR:yes zeroW:no full:ENOSPC";
        QTest::newRow("LXC's common.conf") << QStringList{QStringLiteral("lxc.include = /usr/share/lxc/config/common.conf")}
                                           << "mknod:yes disk:no null:yes zeroR:yes zeroW:yes full:ENOSPC";
    }

    void deviceRules()
    {
        QFETCH(QStringList, config);
        QFETCH(QString, expected);
        const QString disk = hostBlockDevice();
        if (disk.isEmpty())
            QSKIP("the host has no block device it can read itself");
        if (config.join(QLatin1Char(' ')).contains(QLatin1String("common.conf"))
            && !QFileInfo::exists(QStringLiteral("/usr/share/lxc/config/common.conf")))
            QSKIP("LXC's common.conf is not installed (Debian's lxc package)");
        const QString name = QStringLiteral("devices");
        QDir(fx->store().containerDir(name)).removeRecursively();
        QVERIFY(!fx->create(name, config));
        startOrFail(name);
        const QString probe = QStringLiteral(
            "t() { if \"$@\" >/dev/null 2>&1; then echo -n yes; else echo -n no; fi; }; "
            "full=$(sh -c 'echo x > /dev/full' 2>&1); case \"$full\" in *space*) full=ENOSPC;; *permitted*) full=EPERM;; esac; "
            "echo \"mknod:$(t mknod /tmp/d b %1) disk:$(t dd if=/tmp/d of=/dev/null bs=512 count=1) "
            "null:$(t sh -c 'echo x > /dev/null') zeroR:$(t dd if=/dev/zero of=/dev/null bs=1 count=1) "
            "zeroW:$(t sh -c 'echo x > /dev/zero') full:$full\"; "
            "[ -e /tmp/d ] || mknod /tmp/d b %1; dd if=/tmp/d of=/dev/null bs=512 count=1 2>/dev/null; true").arg(disk);
        QCOMPARE(run(name, probe), expected);
        fx->stopAll();
        QVERIFY(QDir(fx->store().containerDir(name)).removeRecursively());
    }

    // proc:mixed and sys:mixed as LXC mounts them, and what runc masks.
    void maskedPaths_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("expected");
        // Files the kernel has are empty, directories have nothing in them.
        for (const char *file : {"kcore", "keys", "timer_list", "sched_debug", "latency_stats"}) {
            const QString path = QStringLiteral("/proc/") + QLatin1String(file);
            QTest::addRow("%s", file) << QStringLiteral("if [ -e %1 ]; then wc -c < %1; else echo absent; fi").arg(path)
                                      << (QFileInfo::exists(path) ? "0" : "absent");
        }
        for (const char *dir : {"acpi", "scsi"}) {
            const QString path = QStringLiteral("/proc/") + QLatin1String(dir);
            QTest::addRow("%s", dir) << QStringLiteral("if [ -e %1 ]; then ls -A %1 | wc -l; else echo absent; fi").arg(path)
                                     << (QFileInfo::exists(path) ? "0" : "absent");
        }
        QTest::newRow("firmware") << "ls -A /sys/firmware | wc -l" << "0";
        if (QFileInfo::exists(QStringLiteral("/proc/sysrq-trigger")))
            QTest::newRow("sysrq-trigger") << "echo h 2>/dev/null > /proc/sysrq-trigger || echo refused" << "refused";
        QTest::newRow("proc/sys") << "echo 1 2>/dev/null > /proc/sys/vm/drop_caches || echo refused" << "refused";
        QTest::newRow("proc/sys/net writable") << "echo 1 > /proc/sys/net/ipv4/ip_forward && cat /proc/sys/net/ipv4/ip_forward" << "1";
        QTest::newRow("read-only parts")
            << "for p in /proc/bus /proc/fs /proc/irq /proc/sys /sys; do grep -q \" $p [^ ]* ro,\" /proc/mounts && echo -n ro; echo -n ' '; done"
            << "ro ro ro ro ro";
        QTest::newRow("sys/devices/virtual/net writable")
            << "grep ' /sys/devices/virtual/net ' /proc/mounts | tail -1 | cut -d' ' -f4 | cut -d, -f1" << "rw";
    }

    void maskedPaths()
    {
        QFETCH(QString, command);
        QFETCH(QString, expected);
        const QString name = QStringLiteral("masked");
        if (rt().state(name) != QLatin1String("RUNNING")) {
            QDir(fx->store().containerDir(name)).removeRecursively();
            QVERIFY(!fx->create(name));
            QVERIFY(!fx->setConfig(name, QStringLiteral("lxc.mount.auto"), QStringLiteral("proc:mixed sys:mixed cgroup:mixed")));
            startOrFail(name);
        }
        QCOMPARE(run(name, command), expected);
        if (QByteArray(QTest::currentDataTag()) == "sys/devices/virtual/net writable")  // the last row
            fx->stopAll();
    }

    // A key the runtime cannot apply stops the start, naming its line; the
    // ones it can are accepted.
    void unsupportedKeysRefused_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("message");  // empty: starts
        QTest::newRow("pre-start hook") << "lxc.hook.pre-start = /bin/true" << "lxc.hook.pre-start is not supported";
        QTest::newRow("namespace.keep") << "lxc.namespace.keep = user" << "lxc.namespace.keep is not supported";
        QTest::newRow("apparmor profile") << "lxc.apparmor.profile = lxc-container-default"
                                          << "lxc.apparmor.profile = lxc-container-default: AppArmor is not available";
        QTest::newRow("apparmor unconfined") << "lxc.apparmor.profile = unconfined" << "";
        QTest::newRow("apparmor generated") << "lxc.apparmor.profile = generated" << "";
        QTest::newRow("clone hook (not a start key)") << "lxc.hook.clone = /usr/share/lxc/hooks/clonehostname" << "";
    }

    void unsupportedKeysRefused()
    {
        QFETCH(QString, line);
        QFETCH(QString, message);
        const QString name = QStringLiteral("keys");
        QDir(fx->store().containerDir(name)).removeRecursively();
        QVERIFY(!fx->create(name, {line}));
        QFile f(fx->store().configPath(name));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const int lineNo = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n')).indexOf(line) + 1;
        auto pid = rt().start(name);
        if (message.isEmpty()) {
            QVERIFY2(pid.ok(), pid.ok() ? "" : qPrintable(pid.error().message));
            fx->stopAll();
        } else {
            QVERIFY(!pid.ok());
            QVERIFY2(pid.error().message.contains(QStringLiteral("config:%1: %2").arg(lineNo).arg(message)),
                     qPrintable(pid.error().message));
            QCOMPARE(rt().state(name), QStringLiteral("STOPPED"));
        }
        QVERIFY(QDir(fx->store().containerDir(name)).removeRecursively());
    }

    // lxc.pty.max limits the container's own devpts instance.
    void ptyMax()
    {
        const QString name = QStringLiteral("ptymax");
        QDir(fx->store().containerDir(name)).removeRecursively();
        QVERIFY(!fx->create(name));
        QVERIFY(!fx->setConfig(name, QStringLiteral("lxc.pty.max"), QStringLiteral("7")));
        startOrFail(name);
        QCOMPARE(run(name, QStringLiteral("grep ' /dev/pts ' /proc/mounts | grep -o 'max=[0-9]*'")), QStringLiteral("max=7"));
        fx->stopAll();
        QVERIFY(QDir(fx->store().containerDir(name)).removeRecursively());
    }

    void capDropWithKeepRefused()
    {
        const QString name = QStringLiteral("caps-both");
        QVERIFY(!fx->create(name, {QStringLiteral("lxc.cap.keep = sys_admin")}));
        auto pid = rt().start(name);
        QVERIFY(!pid.ok());
        QVERIFY2(pid.error().message.contains(QStringLiteral("lxc.cap.drop and lxc.cap.keep are both set")),
                 qPrintable(pid.error().message));
        QCOMPARE(rt().state(name), QStringLiteral("STOPPED"));
        QVERIFY(QDir(fx->store().containerDir(name)).removeRecursively());
    }
};

QTEST_GUILESS_MAIN(TestConfinement)
#include "test_confinement.moc"
