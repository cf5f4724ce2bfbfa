// The keys LXC 6 and 7 added, honoured by the runtime and seen from inside
// real busybox containers: lxc.environment.runtime, lxc.time.offset.* (a
// time namespace), lxc.sched.core, the nosymfollow and move mount options,
// lxc.net.N.l2proxy, lxc.net.N.veth.vlan.*, lxc.arch (PER_LINUX32), and a
// whole config as LXC 7 writes it. Runs in a network namespace of its own.
#include "runtimefixture.h"

#include "arch.h"
#include "config.h"
#include "keys.h"
#include "netlink.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <sched.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <linux/prctl.h>

using namespace hutch;
using namespace hutch::test;

namespace {

QString readText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

bool writeText(const QString &path, const QByteArray &text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(text) == text.size();
}

QString command(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(program, args);
    p.waitForFinished(10000);
    return QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
}

// "time:[4026531834]"
QString namespaceOf(const QString &link)
{
    char buf[64] = {};
    const ssize_t n = ::readlink(QFile::encodeName(link).constData(), buf, sizeof buf - 1);
    return n > 0 ? QString::fromLatin1(buf, int(n)) : QString();
}

double hostUptime() { return readText(QStringLiteral("/proc/uptime")).split(QLatin1Char(' ')).value(0).toDouble(); }

}  // namespace

class TestLxc7 : public QObject {
    Q_OBJECT

    std::optional<RuntimeFixture> fx;
    Runtime &rt() { return fx->runtime(); }

    // `sh -c command` inside NAME; its output, trimmed (exit 0 checked).
    QString run(const QString &name, const QString &cmd)
    {
        QByteArray out;
        const QString status = fx->exec(name, cmd, &out);
        if (status != QLatin1String("exit 0"))
            qWarning("%s: %s: %s", qPrintable(cmd), qPrintable(status), out.constData());
        return QString::fromUtf8(out).trimmed();
    }

    qint64 startOrFail(const QString &name)
    {
        auto pid = rt().start(name);
        if (!pid.ok())
            qWarning("start %s: %s", qPrintable(name), qPrintable(pid.error().message));
        return pid.ok() ? *pid : -1;
    }

    QString startError(const QString &name)
    {
        auto pid = rt().start(name);
        if (pid.ok()) {
            fx->stopAll();
            return QStringLiteral("(started)");
        }
        return pid.error().message;
    }

private Q_SLOTS:
    // Every key for both kinds of container (runtimefixture.h): new
    // containers are unprivileged by default, and a time namespace, a
    // personality, the mount options and l2proxy work from a user
    // namespace too.
    void initTestCase_data() { addKindRows(); }

    void initTestCase()
    {
        // Our own network namespace for everything below (runtimefixture.h).
        HUTCH_START_NETWORK_FIXTURE(fx, "br7", "10.77.0.1/24");
    }

    void init()
    {
        if (fx)
            fx->setKind(currentKind());
    }

    void cleanup()
    {
        if (fx)
            fx->stopAll();
    }

    void cleanupTestCase() { fx.reset(); }

    // lxc.environment.runtime reaches init (as lxc.environment does).
    void environmentRuntime()
    {
        const QString name = QStringLiteral("envrt");
        QVERIFY(!fx->create(name, {QStringLiteral("lxc.environment.runtime = HUTCH_RT=runtime only"),
                                   QStringLiteral("lxc.environment = HUTCH_BOTH=both")}));
        QVERIFY(startOrFail(name) > 0);
        QCOMPARE(run(name, QStringLiteral("tr '\\0' '\\n' < /proc/1/environ | grep ^HUTCH_ | sort")),
                 QStringLiteral("HUTCH_BOTH=both\nHUTCH_RT=runtime only"));
    }

    // lxc.time.offset.*: init runs in a time namespace of its own, and its
    // clocks (and those of an attached shell) are shifted by the offsets.
    void timeOffsets()
    {
        if (!QFileInfo::exists(QStringLiteral("/proc/self/ns/time")))
            QSKIP("the kernel has no time namespaces (CONFIG_TIME_NS)");
        const QString name = QStringLiteral("timens");
        QVERIFY(!fx->create(name, {QStringLiteral("lxc.time.offset.boot = 2880min"),
                                   QStringLiteral("lxc.time.offset.monotonic = 3600s")}));
        const double before = hostUptime();
        const qint64 pid = startOrFail(name);
        QVERIFY(pid > 0);
        QVERIFY(namespaceOf(QStringLiteral("/proc/%1/ns/time").arg(pid)).startsWith(QStringLiteral("time:[")));
        QVERIFY(namespaceOf(QStringLiteral("/proc/%1/ns/time").arg(pid)) != namespaceOf(QStringLiteral("/proc/self/ns/time")));
        // The row's kind: root inside is host root only in the privileged one.
        QCOMPARE(readText(QStringLiteral("/proc/%1/uid_map").arg(pid)).simplified().startsWith(QStringLiteral("0 0 ")),
                 fx->kind() == RuntimeFixture::Kind::Privileged);
        QCOMPARE(run(name, QStringLiteral("tr -s ' ' < /proc/1/timens_offsets")),
                 QStringLiteral("monotonic 3600 0\nboottime 172800 0"));
        // CLOCK_BOOTTIME as /proc/uptime shows it: two days ahead of the
        // host's. Within a second: /proc/uptime is coarse (here it was seen
        // 0.26 s behind clock_gettime's boot time, and a container's ahead of
        // the host's bounds by up to 0.3 s in a CI run).
        const double inside = run(name, QStringLiteral("cut -d' ' -f1 /proc/uptime")).toDouble();
        const double after = hostUptime();
        QVERIFY2(inside >= before + 172800 - 1 && inside <= after + 172800 + 1,
                 qPrintable(QStringLiteral("host %1..%2, inside %3").arg(before, 0, 'f', 2).arg(after, 0, 'f', 2).arg(inside, 0, 'f', 2)));
    }

    // lxc.sched.core: one core-scheduling cookie for the container.
    void schedCore()
    {
        const QString name = QStringLiteral("sched");
        QVERIFY(!fx->create(name, {QStringLiteral("lxc.sched.core = 1")}));
        unsigned long long own = 0;
        if (::prctl(PR_SCHED_CORE, PR_SCHED_CORE_GET, 0, PR_SCHED_CORE_SCOPE_THREAD, &own) < 0 && errno == EINVAL) {
            // Refused, naming why, rather than started without it.
            const QString err = startError(name);
            QVERIFY2(err.contains(QStringLiteral("lxc.sched.core: core scheduling (this kernel has no CONFIG_SCHED_CORE)")),
                     qPrintable(err));
            QCOMPARE(rt().state(name), QStringLiteral("STOPPED"));
            QSKIP("this kernel has no core scheduling (CONFIG_SCHED_CORE): the start is refused, as checked; "
                  "the cookie itself cannot be seen here");
        }
        const qint64 pid = startOrFail(name);
        QVERIFY(pid > 0);
        unsigned long long cookie = 0;
        QVERIFY(::prctl(PR_SCHED_CORE, PR_SCHED_CORE_GET, pid_t(pid), PR_SCHED_CORE_SCOPE_THREAD, &cookie) == 0);
        QVERIFY(cookie != 0);
        QVERIFY(cookie != own);
    }

    // nosymfollow on a new mount and on a bind mount: symlinks on them do
    // not resolve.
    void nosymfollow()
    {
        const QString name = QStringLiteral("nosym");
        QVERIFY(!fx->create(name, {QStringLiteral("lxc.mount.entry = tmpfs mnt/nsf tmpfs nosymfollow,create=dir 0 0"),
                                   QStringLiteral("lxc.mount.entry = home mnt/nsb none bind,relative,nosymfollow,create=dir 0 0")}));
        QVERIFY(startOrFail(name) > 0);
        QCOMPARE(run(name, QStringLiteral("for d in /mnt/nsf /home /mnt/nsb; do ln -s /etc/hostname $d/link 2>/dev/null; "
                                          "cat $d/link 2>/dev/null || echo refused; done")),
                 QStringLiteral("refused\n%1\nrefused").arg(name));
        QCOMPARE(run(name, QStringLiteral("grep -E ' /mnt/ns[fb] ' /proc/mounts | grep -c nosymfollow")), QStringLiteral("2"));
    }

    // move: a mount of the container moved elsewhere (MS_MOVE), not copied.
    void moveMount()
    {
        const QString name = QStringLiteral("move");
        QVERIFY(!fx->create(name, {QStringLiteral("lxc.mount.entry = tmpfs mnt/a tmpfs size=1m,create=dir 0 0"),
                                   QStringLiteral("lxc.mount.entry = mnt/a mnt/b none move,relative,create=dir 0 0")}));
        QVERIFY(startOrFail(name) > 0);
        QCOMPARE(run(name, QStringLiteral("grep -c ' /mnt/b tmpfs ' /proc/mounts; grep -c ' /mnt/a ' /proc/mounts || true")),
                 QStringLiteral("1\n0"));
        fx->stopAll();
        // What is not a mount cannot be moved: the start says so.
        const QString bad = QStringLiteral("movebad");
        QVERIFY(!fx->create(bad, {QStringLiteral("lxc.mount.entry = mnt mnt/b none move,relative,create=dir 0 0")}));
        QVERIFY(QDir().mkpath(fx->store().containerDir(bad) + QStringLiteral("/rootfs/mnt")));
        const QString err = startError(bad);
        QVERIFY2(err.contains(QStringLiteral("move mnt (it must be a mount point)")), qPrintable(err));
    }

    // l2proxy: the host answers ARP for the container's address on the
    // link (a proxy neighbour entry), once forwarding is on, and removes
    // the entry at the stop.
    void l2proxy()
    {
        const QString name = QStringLiteral("l2p");
        QVERIFY(writeText(QStringLiteral("/proc/sys/net/ipv4/conf/br7/forwarding"), "0"));
        QVERIFY(!fx->create(name, {QStringLiteral("lxc.net.0.type = veth"), QStringLiteral("lxc.net.0.link = br7"),
                                   QStringLiteral("lxc.net.0.flags = up"), QStringLiteral("lxc.net.0.l2proxy = 1"),
                                   QStringLiteral("lxc.net.0.ipv4.address = 10.77.0.5/24")}));
        // Hutch does not change the host's sysctls behind its back.
        const QString err = startError(name);
        QVERIFY2(err.contains(QStringLiteral("lxc.net.0.l2proxy requires sysctl net.ipv4.conf.br7.forwarding=1")), qPrintable(err));
        QVERIFY(writeText(QStringLiteral("/proc/sys/net/ipv4/conf/br7/forwarding"), "1"));
        QVERIFY(startOrFail(name) > 0);
        QVERIFY2(command(QStringLiteral("ip"), {QStringLiteral("neigh"), QStringLiteral("show"), QStringLiteral("proxy"),
                                                QStringLiteral("dev"), QStringLiteral("br7")})
                     .contains(QStringLiteral("10.77.0.5")),
                 "no proxy entry");
        QCOMPARE(run(name, QStringLiteral("ip addr show eth0 | grep -o '10.77.0.5/24'")), QStringLiteral("10.77.0.5/24"));
        fx->stopAll();
        QVERIFY(!command(QStringLiteral("ip"), {QStringLiteral("neigh"), QStringLiteral("show"), QStringLiteral("proxy"),
                                                QStringLiteral("dev"), QStringLiteral("br7")})
                     .contains(QStringLiteral("10.77.0.5")));
    }

    // veth.vlan.id / tagged.id: the veth's port on a VLAN-filtering bridge.
    void vethVlan()
    {
        const QString name = QStringLiteral("vlan");
        QVERIFY(!fx->create(name, {QStringLiteral("lxc.net.0.type = veth"), QStringLiteral("lxc.net.0.link = br7"),
                                   QStringLiteral("lxc.net.0.veth.pair = v7host"), QStringLiteral("lxc.net.0.flags = up"),
                                   QStringLiteral("lxc.net.0.veth.vlan.id = 10"),
                                   QStringLiteral("lxc.net.0.veth.vlan.tagged.id = 20")}));
        const QString filtering = QStringLiteral("/sys/class/net/br7/bridge/vlan_filtering");
        if (!QFileInfo::exists(filtering)) {
            // Refused, naming why, rather than started on an unfiltered port.
            const QString err = startError(name);
            QVERIFY2(err.contains(QStringLiteral("CONFIG_BRIDGE_VLAN_FILTERING")), qPrintable(err));
            QCOMPARE(rt().state(name), QStringLiteral("STOPPED"));
            QVERIFY(!rt::Netlink::open()->exists("v7host"));
            QSKIP("this kernel has no bridge VLAN filtering (CONFIG_BRIDGE_VLAN_FILTERING) and no 802.1q "
                  "(CONFIG_VLAN_8021Q): the start is refused, as checked; the VLAN itself cannot be seen here");
        }
        QVERIFY(writeText(filtering, "0"));
        QVERIFY2(startError(name).contains(QStringLiteral("does not filter VLANs")), "started on an unfiltered bridge");
        QVERIFY(writeText(filtering, "1"));
        QVERIFY(startOrFail(name) > 0);
        const QString vlans = command(QStringLiteral("bridge"), {QStringLiteral("vlan"), QStringLiteral("show"),
                                                                 QStringLiteral("dev"), QStringLiteral("v7host")});
        QVERIFY2(vlans.contains(QRegularExpression(QStringLiteral("\\b10 PVID Egress Untagged"))), qPrintable(vlans));
        QVERIFY2(vlans.contains(QRegularExpression(QStringLiteral("\\b20\\b"))), qPrintable(vlans));
        QVERIFY2(!vlans.contains(QRegularExpression(QStringLiteral("\\b1 PVID"))), qPrintable(vlans));
    }

    // lxc.arch = i686 on an amd64 host: PER_LINUX32 for init and attached
    // programs, so the (amd64, static) busybox says i686.
    void linux32Personality()
    {
        if (arch::hostDebianName() != QLatin1String("amd64"))
            QSKIP("the i686 personality is checked on amd64 hosts");
        const QString name = QStringLiteral("i686");
        QVERIFY(!fx->create(name, {QStringLiteral("lxc.arch = i686")}));
        QVERIFY(startOrFail(name) > 0);
        QCOMPARE(run(name, QStringLiteral("uname -m; cat /proc/1/personality")), QStringLiteral("i686\n00000008"));
        QCOMPARE(QSysInfo::currentCpuArchitecture(), QStringLiteral("x86_64"));  // the host is untouched
        fx->stopAll();
        // An architecture this host cannot run is refused, saying why.
        if (arch::binfmtProblem(QStringLiteral("s390x")).isEmpty())
            return;
        QVERIFY(!fx->setConfig(name, QStringLiteral("lxc.arch"), QStringLiteral("s390x")));
        const QString err = startError(name);
        QVERIFY2(err.contains(QStringLiteral("lxc.arch = s390x: s390x binaries do not run on this amd64 host")), qPrintable(err));
    }

    // A config as LXC 7 writes it (cgroup2 keys only, the newer keys) loads
    // without a problem and starts.
    void lxc7ConfigStarts()
    {
        const QString name = QStringLiteral("lxc7");
        QVERIFY(!fx->create(name));
        const QString dir = fx->store().containerDir(name);
        const QByteArray config =
            "# Template used to create this container: /usr/share/lxc/templates/lxc-busybox\n"
            "# Parameters passed to the template:\n"
            "# For additional config options, please look at lxc.container.conf(5)\n"
            "\n"
            "# Uncomment the following line to support nesting containers:\n"
            "#lxc.include = /usr/share/lxc/config/nesting.conf\n"
            "# (Be aware this has security implications)\n"
            "\n"
            "lxc.rootfs.path = dir:" + dir.toUtf8() + "/rootfs\n"
            "lxc.signal.halt = SIGUSR1\n"
            "lxc.signal.reboot = SIGTERM\n"
            "lxc.uts.name = lxc7\n"
            "lxc.tty.max = 1\n"
            "lxc.pty.max = 1\n"
            "lxc.cap.drop = sys_module mac_admin mac_override sys_time\n"
            "lxc.mount.auto = cgroup:mixed proc:mixed sys:mixed\n"
            "lxc.mount.entry = shm /dev/shm tmpfs defaults,nosymfollow,create=dir 0 0\n"
            "lxc.init.cmd = /sbin/init\n"
            "lxc.apparmor.profile = generated\n"
            "lxc.apparmor.allow_nesting = 1\n"
            "lxc.cgroup2.pids.max = 512\n"
            "lxc.cgroup2.memory.max = 256M\n"
            "lxc.cgroup2.devices.allow = c 1:3 rwm\n"
            "lxc.environment.runtime = LXC7=yes\n"
            "lxc.time.offset.boot = 1h\n"
            "lxc.sched.core = 0\n"
            "lxc.net.0.type = veth\n"
            "lxc.net.0.link = br7\n"
            "lxc.net.0.flags = up\n"
            "lxc.net.0.hwaddr = 00:16:3e:xx:xx:xx\n"
            "lxc.net.0.l2proxy = 0\n";
        QVERIFY(writeText(fx->store().configPath(name), config));
        const LoadResult loaded = loadConfigFile(fx->store().configPath(name));
        QVERIFY2(loaded.diagnostics.isEmpty(), qPrintable(loaded.diagnostics.value(0).toString()));
        for (const ConfigEntry &e : loaded.config.entries())
            QVERIFY2(!keys::runtimeRefusal(e.key, e.value), qPrintable(e.key));
        QVERIFY(startOrFail(name) > 0);
        QCOMPARE(run(name, QStringLiteral("hostname; tr '\\0' '\\n' < /proc/1/environ | grep ^LXC7=; "
                                          "grep -c ' /dev/shm tmpfs .*nosymfollow' /proc/mounts")),
                 QStringLiteral("lxc7\nLXC7=yes\n1"));
    }
};

QTEST_GUILESS_MAIN(TestLxc7)
#include "test_lxc7.moc"
