// hutchctl end to end as an unprivileged user allowed by a polkit rule:
// create, start, limits, console, stop, destroy on a real busybox container;
// and every kind of bad input answered with a typed error while nothing
// changes on disk.
#include "busfixture.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QFileInfo>
#include <QTest>

#include <unistd.h>

using hutch::test::BusFixture;
using hutch::test::storeState;

namespace {

// The memory limit of container NAME as the kernel has it: cgroup v1's
// memory controller where there is one (hybrid machines), else v2.
QString kernelMemoryLimit(const QString &name)
{
    for (const QString &path : {QStringLiteral("/sys/fs/cgroup/memory/hutch/%1/memory.limit_in_bytes").arg(name),
                                QStringLiteral("/sys/fs/cgroup/hutch/%1/memory.max").arg(name),
                                QStringLiteral("/sys/fs/cgroup/unified/hutch/%1/memory.max").arg(name)}) {
        QFile f(path);
        if (f.open(QIODevice::ReadOnly))
            return QString::fromLatin1(f.readAll().trimmed());
    }
    return {};
}

}  // namespace

class TestServiceCli : public QObject {
    Q_OBJECT
    std::unique_ptr<BusFixture> fx;

#define CTL_OK(...)                                                                   \
    do {                                                                              \
        const auto r_ = fx->hutchctl(__VA_ARGS__);                                    \
        QVERIFY2(r_.exitCode == 0, qPrintable(r_.text()));                            \
    } while (0)

private Q_SLOTS:
    void initTestCase()
    {
        HUTCH_START_BUS_FIXTURE(fx);
        // nobody may do anything but the never-kept admin action.
        QVERIFY(fx->allowNobody({QStringLiteral("io.github.hutch.configure-privileged")}));
    }

    void cleanupTestCase()
    {
        if (fx)
            fx->cleanup();
    }

    void endToEndAsNobody()
    {
        CTL_OK({"create", "web", "-t", "busybox", "--", "--ttys", "2"});
        auto list = fx->hutchctl({"list", "--fancy"});
        QVERIFY2(list.exitCode == 0 && list.out.contains("web") && list.out.contains("STOPPED"), qPrintable(list.text()));
        CTL_OK({"start", "web"});
        CTL_OK({"wait", "web", "--state", "RUNNING", "--timeout", "10"});
        auto json = fx->hutchctl({"list", "--json"});
        QVERIFY2(json.out.contains("\"state\": \"RUNNING\""), json.out.constData());

        // A program inside: its output, and its exit status as hutchctl's.
        auto cmdline = fx->hutchctl({"attach", "web", "--", "cat", "/proc/1/cmdline"});
        QVERIFY2(cmdline.exitCode == 0, qPrintable(cmdline.text()));
        // The container's init (busybox's, argv[0] as the runtime gives it).
        QVERIFY2(cmdline.out.split('\0').constFirst().endsWith("init"), cmdline.out.constData());
        auto piped = fx->hutchctl({"attach", "web", "-v", "GREETING=hi", "--", "sh", "-c", "echo $GREETING; tr a-z A-Z; echo oops >&2; exit 7"},
                                  true, "shout\n");
        QCOMPARE(piped.exitCode, 7);
        QCOMPARE(piped.out, QByteArray("hi\nSHOUT\n"));
        QCOMPARE(piped.err, QByteArray("oops\n"));
        auto tty = fx->hutchctl({"attach", "web", "--pty", "--", "tty"});
        QVERIFY2(tty.exitCode == 0 && tty.out.startsWith("/dev/pts/"), qPrintable(tty.text()));

        // A memory limit, live and in the config.
        CTL_OK({"cgroup", "web", "memory.limit_in_bytes", "128M"});
        QCOMPARE(kernelMemoryLimit(QStringLiteral("web")), QString::number(128 * 1024 * 1024));
        auto read = fx->hutchctl({"cgroup", "web", "memory.limit_in_bytes"});
        QCOMPARE(read.out.trimmed(), QByteArray::number(128 * 1024 * 1024));
        auto configured = fx->hutchctl({"config", "web", "lxc.cgroup.memory.limit_in_bytes"});
        QCOMPARE(configured.out.trimmed(), QByteArray("128M"));

        // The console: the busybox template runs a shell on it.
        auto console = fx->hutchctl({"console", "web"}, true, "echo hutch-$((6*7))\n");
        QVERIFY2(console.exitCode == 0, qPrintable(console.text()));
        QVERIFY2(console.out.contains("hutch-42"), console.out.constData());
        QVERIFY2(console.out.contains("# "), console.out.constData());  // the shell's prompt
        // A tty, and the escape sequence detaching before the input ends.
        auto tty1 = fx->hutchctl({"console", "web", "--tty", "1"}, true, "echo tty-$((6*7))\n\x01q echo never\n");
        QVERIFY2(tty1.exitCode == 0 && !tty1.out.contains("never"), qPrintable(tty1.text()));

        auto info = fx->hutchctl({"info", "web"});
        QVERIFY2(info.out.contains("State:          RUNNING") && info.out.contains("Memory limit:"), qPrintable(info.text()));
        // hutchctl info is one call: GetContainer with "stats"; any other option is refused.
        const auto withStats = fx->call({"GetContainer", "s:web", "a{sv}:stats=b:true"});
        QVERIFY2(withStats.text().contains("stats=") && withStats.text().contains("cpu_ns"), qPrintable(withStats.text()));
        QVERIFY(!fx->call({"GetContainer", "s:web", "a{sv}:"}).text().contains("cpu_ns"));
        QVERIFY(fx->call({"GetContainer", "s:web", "a{sv}:statz=b:true"}, false).text().contains("InvalidArgument"));
        CTL_OK({"freeze", "web"});
        CTL_OK({"wait", "web", "--state", "FROZEN", "--timeout", "10"});
        CTL_OK({"unfreeze", "web"});
        CTL_OK({"stop", "web"});
        auto stopped = fx->hutchctl({"wait", "web", "--state", "STOPPED", "--timeout", "1"});
        QCOMPARE(stopped.exitCode, 0);
        // Clones: a full copy and an overlay snapshot; the source of a
        // snapshot cannot go while the snapshot needs it.
        CTL_OK({"clone", "web", "copy"});
        CTL_OK({"clone", "web", "snap", "--snapshot"});
        auto config = fx->hutchctl({"config", "snap", "lxc.rootfs.path"});
        QVERIFY2(config.out.startsWith("overlay:"), config.out.constData());
        CTL_OK({"start", "snap"});
        auto inSnap = fx->hutchctl({"attach", "snap", "--", "hostname"});
        QCOMPARE(inSnap.out.trimmed(), QByteArray("snap"));
        CTL_OK({"stop", "--kill", "snap"});
        auto refused = fx->hutchctl({"destroy", "web"});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("snap"), refused.err.constData());
        CTL_OK({"rename", "copy", "copy2"});
        QCOMPARE(fx->hutchctl({"config", "copy2", "lxc.uts.name"}).out.trimmed(), QByteArray("copy2"));
        CTL_OK({"start", "copy2"});
        CTL_OK({"destroy", "--force", "copy2"});
        CTL_OK({"destroy", "snap"});
        CTL_OK({"destroy", "web"});
        QCOMPARE(fx->hutchctl({"list"}).out, QByteArray());
        QVERIFY(!QFile::exists(fx->storePath() + QStringLiteral("/web")));
    }

    void snapshotsCreateListRestoreDelete()
    {
        CTL_OK({"create", "sn", "-t", "busybox"});
        const QString rootfs = fx->storePath() + QStringLiteral("/sn/rootfs");
        auto made = fx->hutchctl({"snapshot", "sn", "-c", "before the marker\nsecond line"});
        QVERIFY2(made.exitCode == 0, qPrintable(made.text()));
        QCOMPARE(made.out.trimmed(), QByteArray("snap0"));
        // A change after the snapshot: a file, and a config line.
        QFile marker(rootfs + QStringLiteral("/marker"));
        QVERIFY(marker.open(QIODevice::WriteOnly));
        marker.write("after\n");
        marker.close();
        CTL_OK({"config", "sn", "lxc.tty.max", "3"});
        const auto list = fx->hutchctl({"snapshot", "sn", "--list", "--comments"});
        QVERIFY2(list.exitCode == 0 && list.out.startsWith("snap0 ") && list.out.contains("    before the marker\n    second line"),
                 qPrintable(list.text()));

        // Bad names and comments never reach the store.
        const auto badName = fx->hutchctl({"snapshot", "sn", "--restore", "../sn"});
        QVERIFY2(badName.exitCode != 0 && badName.text().contains(QLatin1String("not a snapshot name")), qPrintable(badName.text()));
        const auto badComment = fx->hutchctl({"snapshot", "sn", "-c", QStringLiteral("bell\x07")});
        QVERIFY2(badComment.exitCode != 0 && badComment.text().contains(QLatin1String("control character")), qPrintable(badComment.text()));
        QVERIFY(fx->hutchctl({"snapshot", "sn", "--restore", "snap9"}).exitCode != 0);

        // Not while it runs.
        CTL_OK({"start", "sn"});
        const auto busy = fx->hutchctl({"snapshot", "sn"});
        QVERIFY2(busy.exitCode != 0 && busy.text().contains(QLatin1String("running")), qPrintable(busy.text()));
        CTL_OK({"stop", "sn"});

        CTL_OK({"snapshot", "sn", "--restore", "snap0"});
        QVERIFY(!QFileInfo::exists(rootfs + QStringLiteral("/marker")));
        QCOMPARE(fx->hutchctl({"config", "sn", "lxc.tty.max"}).out.trimmed(), QByteArray("4"));
        CTL_OK({"snapshot", "sn", "--destroy", "snap0"});
        QCOMPARE(fx->hutchctl({"snapshot", "sn", "--list"}).out, QByteArray());
        CTL_OK({"destroy", "sn"});
    }

    void exportImportAsNobody()
    {
        CTL_OK({"create", "ex", "-t", "busybox"});
        QFile marker(fx->storePath() + QStringLiteral("/ex/rootfs/root/marker"));
        QVERIFY(marker.open(QIODevice::WriteOnly));
        marker.write("exported\n");
        marker.close();
        // Where nobody may write: the archive is nobody's file.
        QTemporaryDir out;
        QFile::setPermissions(out.path(), QFile::Permissions(0x7777));
        const QString archive = out.filePath(QStringLiteral("ex.tar.xz"));
        CTL_OK({"export", "ex", archive});
        QFileInfo info(archive);
        QVERIFY(info.size() > 0);
        QCOMPARE(info.ownerId(), uint(65534));  // created by hutchctl as nobody, filled by the helper
        // Exporting again does not overwrite; a name tar cannot compress by is refused.
        QVERIFY(fx->hutchctl({"export", "ex", archive}).exitCode != 0);
        QVERIFY(fx->hutchctl({"export", "ex", out.filePath(QStringLiteral("ex.zip"))}).exitCode != 0);

        const auto imported = fx->hutchctl({"import", archive, "--name", "ex2"});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.text()));
        QFile copy(fx->storePath() + QStringLiteral("/ex2/rootfs/root/marker"));
        QVERIFY(copy.open(QIODevice::ReadOnly));
        QCOMPARE(copy.readAll(), QByteArray("exported\n"));
        QCOMPARE(fx->hutchctl({"config", "ex2", "lxc.uts.name"}).out.trimmed(), QByteArray("ex2"));
        CTL_OK({"start", "ex2"});
        QCOMPARE(fx->hutchctl({"attach", "ex2", "--", "cat", "/root/marker"}).out, QByteArray("exported\n"));
        CTL_OK({"stop", "ex2"});
        // Under a name that exists: refused, nothing changes.
        QVERIFY(fx->hutchctl({"import", archive, "--name", "ex"}).text().contains(QLatin1String("exists")));

        // Not an archive: refused, nothing left in the store.
        const QString junk = out.filePath(QStringLiteral("junk.tar"));
        QFile j(junk);
        QVERIFY(j.open(QIODevice::WriteOnly));
        j.write(QByteArray(4096, 'x'));
        j.close();
        QFile::setPermissions(junk, QFile::Permissions(0x6666));
        const QByteArray before = storeState(fx->storePath());
        const auto bad = fx->hutchctl({"import", junk, "--name", "junk"});
        QVERIFY2(bad.exitCode != 0, qPrintable(bad.text()));
        QCOMPARE(storeState(fx->storePath()), before);
        CTL_OK({"destroy", "ex"});
        CTL_OK({"destroy", "ex2"});
    }

    void autostartOncePerBoot()
    {
        CTL_OK({"create", "auto1", "-t", "busybox"});
        CTL_OK({"create", "auto2", "-t", "busybox"});
        CTL_OK({"create", "manual", "-t", "busybox"});
        CTL_OK({"config", "auto1", "lxc.start.auto", "1"});
        CTL_OK({"config", "auto1", "lxc.start.order", "2"});
        CTL_OK({"config", "auto2", "lxc.start.auto", "1"});
        CTL_OK({"config", "auto2", "lxc.start.order", "1"});
        CTL_OK({"config", "auto2", "lxc.start.delay", "1"});
        // A boot: no helper has run since (the runtime directory is tmpfs).
        fx->killHelper();
        QVERIFY(QFile::remove(fx->runtimePath() + QStringLiteral("/autostarted")));
        QString why;
        QVERIFY2(fx->startHelper(&why), qPrintable(why));
        CTL_OK({"wait", "auto1", "--state", "RUNNING", "--timeout", "20"});
        CTL_OK({"wait", "auto2", "--state", "RUNNING", "--timeout", "20"});
        QVERIFY(fx->hutchctl({"info", "manual"}).out.contains("STOPPED"));
        // auto2 (order 1) first, auto1 its one-second delay later.
        auto startTicks = [this](const char *name) {
            const QByteArray info = fx->hutchctl({"info", name}).out;
            const qsizetype at = info.indexOf("PID:");
            const QByteArray pid = info.mid(at + 4, info.indexOf('\n', at) - at - 4).trimmed();
            QFile stat(QStringLiteral("/proc/%1/stat").arg(QString::fromLatin1(pid)));
            if (!stat.open(QIODevice::ReadOnly))
                return -1LL;
            const QByteArray line = stat.readAll();
            return line.mid(line.lastIndexOf(')') + 2).split(' ').value(19).toLongLong();  // starttime, field 22
        };
        const qint64 first = startTicks("auto2"), second = startTicks("auto1");
        QVERIFY2(first > 0 && second - first >= ::sysconf(_SC_CLK_TCK) * 9 / 10,
                 qPrintable(QStringLiteral("%1 %2").arg(first).arg(second)));
        // The same boot: a restarted helper starts nothing again.
        CTL_OK({"stop", "auto1"});
        fx->killHelper();
        QVERIFY2(fx->startHelper(&why), qPrintable(why));
        // (A negative: given the time auto2's start took above, several times over.)
        QVERIFY(fx->hutchctl({"wait", "auto1", "--state", "RUNNING", "--timeout", "3"}).exitCode != 0);
        QVERIFY(fx->hutchctl({"info", "auto1"}).out.contains("STOPPED"));
        CTL_OK({"stop", "auto2"});
        for (const char *n : {"auto1", "auto2", "manual"})
            CTL_OK({"destroy", n});
    }

    // hutchctl create adds the default config (as lxc-create its
    // default.conf): the shipped one puts a veth on the default bridge;
    // -f FILE replaces it, -f /dev/null adds nothing.
    void createAddsTheDefaultConfig()
    {
        const QString shipped = QStringLiteral(HUTCH_TEST_DATA_DIR "/../../resources/default.conf");
        QVERIFY(QFileInfo::exists(shipped));
        qputenv("HUTCH_DEFAULT_CONFIG", QFile::encodeName(shipped));
        auto configOf = [this](const char *name) {
            QFile f(fx->storePath() + QLatin1Char('/') + QLatin1String(name) + QStringLiteral("/config"));
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        };
        const auto netted = fx->hutchctl({"create", "netted", "-t", "busybox"});
        const auto bare = fx->hutchctl({"create", "bare", "-t", "busybox", "-f", "/dev/null"});
        QTemporaryDir dir;
        QFile own(dir.filePath(QStringLiteral("isolated.conf")));
        QVERIFY(own.open(QIODevice::WriteOnly) && own.write("# none\nlxc.net.0.type = empty\nlxc.start.auto = 1\n") > 0);
        own.close();
        QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::ExeOwner | QFileDevice::ReadOther
                                              | QFileDevice::ExeOther);
        QFile::setPermissions(own.fileName(), QFileDevice::ReadOwner | QFileDevice::ReadOther);
        const auto custom = fx->hutchctl({"create", "custom", "-t", "busybox", "-f", own.fileName()});
        qunsetenv("HUTCH_DEFAULT_CONFIG");
        QVERIFY2(netted.exitCode == 0 && bare.exitCode == 0 && custom.exitCode == 0,
                 qPrintable(netted.text() + bare.text() + custom.text()));
        QVERIFY2(configOf("netted").contains("lxc.net.0.type = veth\n") && configOf("netted").contains("lxc.net.0.link = hutchbr0\n")
                     && configOf("netted").contains("lxc.net.0.flags = up\n"),
                 configOf("netted").constData());
        QVERIFY2(!configOf("bare").contains("veth"), configOf("bare").constData());
        QVERIFY2(configOf("custom").contains("lxc.net.0.type = empty\n") && configOf("custom").contains("lxc.start.auto = 1\n")
                     && !configOf("custom").contains("veth"),
                 configOf("custom").constData());
        // A file that is not KEY = VALUE is refused before anything is made.
        QFile junk(dir.filePath(QStringLiteral("junk.conf")));
        QVERIFY(junk.open(QIODevice::WriteOnly) && junk.write("lxc.net.0.type veth\n") > 0);
        junk.close();
        QFile::setPermissions(junk.fileName(), QFileDevice::ReadOwner | QFileDevice::ReadOther);
        const auto refused = fx->hutchctl({"create", "junk", "-t", "busybox", "-f", junk.fileName()});
        QVERIFY2(refused.exitCode != 0 && refused.err.contains("KEY = VALUE"), qPrintable(refused.text()));
        QVERIFY(!QFileInfo::exists(fx->storePath() + QStringLiteral("/junk")));
        for (const char *name : {"netted", "bare", "custom"})
            CTL_OK({"destroy", name});
    }

    void executeRunsOneCommand()
    {
        CTL_OK({"create", "job", "-t", "busybox"});
        // Its output comes back, and its status is hutchctl's.
        auto seven = fx->hutchctl({"execute", "job", "--", "sh", "-c", "echo ran-$((6*7)); exit 7"});
        QCOMPARE(seven.exitCode, 7);
        QVERIFY2(seven.out.contains("ran-42"), qPrintable(seven.text()));
        // Nothing of it stays: not running, no cgroup.
        QVERIFY2(fx->hutchctl({"info", "job"}).out.contains("STOPPED"), qPrintable(fx->hutchctl({"info", "job"}).text()));
        for (const char *h : {"memory", "pids", "freezer", "unified"})
            QVERIFY(!QFileInfo::exists(QStringLiteral("/sys/fs/cgroup/%1/hutch/job").arg(QLatin1String(h))));
        // A signal ends it as 128 + N.
        QCOMPARE(fx->hutchctl({"execute", "job", "--", "sh", "-c", "kill -TERM $$"}).exitCode, 128 + 15);
        // Not while it runs as a container.
        CTL_OK({"start", "job"});
        auto busy = fx->hutchctl({"execute", "job", "--", "true"});
        QVERIFY2(busy.exitCode != 0 && busy.err.contains("is running"), qPrintable(busy.text()));
        CTL_OK({"stop", "job"});
        CTL_OK({"destroy", "job"});
    }

    void badInputs_data()
    {
        QTest::addColumn<QStringList>("call");
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("message");
        auto row = [](const char *name, QStringList call, const char *error, const char *message) {
            QTest::newRow(name) << call << QStringLiteral("io.github.hutch.Error.") + QLatin1String(error)
                                << QString::fromUtf8(message);
        };
        row("name ../x", {"Start", "s:../x", "a{sv}:"}, "InvalidArgument", "container name contains '/'");
        row("create ../x", {"CreateContainer", "s:../x", "s:busybox", "a{sv}:", "a{sv}:"}, "InvalidArgument", "'/'");
        row("name with newline", {"Start", "s:a\nb", "a{sv}:"}, "InvalidArgument", "control character");
        row("no such container", {"Start", "s:ghost", "a{sv}:"}, "NotFound", "no container \"ghost\"");
        row("newline in a value", {"SetConfigItem", "s:box", "s:lxc.uts.name", "s:a\nlxc.hook.pre-start = /bin/evil",
                                   "a{sv}:"}, "InvalidArgument", "line break");
        row("newline in a key", {"SetConfigItem", "s:box", "s:lxc.uts.name\nlxc.hook.pre-start", "s:x", "a{sv}:"},
            "InvalidArgument", "line break");
        row("unknown key", {"SetConfigItem", "s:box", "s:lxc.uts.nmae", "s:x", "a{sv}:"}, "InvalidArgument",
            "did you mean \"lxc.uts.name\"");
        row("bad value", {"SetConfigItem", "s:box", "s:lxc.tty.max", "s:many", "a{sv}:"}, "InvalidArgument", "lxc.tty.max");
        row("privileged key", {"SetConfigItem", "s:box", "s:lxc.mount.entry", "s:/ host none bind 0 0", "a{sv}:"},
            "NotAuthorized", "io.github.hutch.configure-privileged");
        row("tty 99", {"OpenConsole", "s:box", "u:99", "a{sv}:"}, "InvalidArgument", "tty 99");
        row("tty 5 of 2", {"OpenConsole", "s:box", "u:5", "a{sv}:"}, "InvalidArgument", "has 2 ttys");
        row("bad size", {"SetLimits", "s:box", "a{sv}:memory.limit_in_bytes=s:lots", "a{sv}:"}, "InvalidArgument", "size");
        row("not a cgroup file", {"SetLimits", "s:box", "a{sv}:../../escape=s:1", "a{sv}:"}, "InvalidArgument", "not a cgroup file");
        row("cgroup.procs", {"SetLimits", "s:box", "a{sv}:cgroup.procs=s:1", "a{sv}:"}, "InvalidArgument", "not a limit");
        row("limit not a string", {"SetLimits", "s:box", "a{sv}:memory.max=u:5", "a{sv}:"}, "InvalidArgument", "must be a string");
        row("unknown template", {"CreateContainer", "s:n", "s:plan9", "a{sv}:", "a{sv}:"}, "InvalidArgument", "unknown template");
        row("unknown template option", {"CreateContainer", "s:n", "s:busybox", "a{sv}:release=s:x", "a{sv}:"},
            "InvalidArgument", "unknown option \"release\"");
        row("ttys out of range", {"CreateContainer", "s:n", "s:busybox", "a{sv}:ttys=u:500", "a{sv}:"},
            "InvalidArgument", "0 to 63");
        row("path as a string", {"CreateContainer", "s:n", "s:local", "a{sv}:rootfs=s:/etc/shadow", "a{sv}:"},
            "InvalidArgument", "file descriptor");
        row("file URL", {"CreateContainer", "s:n", "s:download", "a{sv}:server=s:file:///etc", "a{sv}:"},
            "InvalidArgument", "only http and https");
        row("not a choice", {"CreateContainer", "s:n", "s:debian", "a{sv}:release=s:hamm", "a{sv}:"},
            "InvalidArgument", "not one of");
        row("existing name", {"CreateContainer", "s:box", "s:busybox", "a{sv}:", "a{sv}:"}, "Conflict", "exists");
        row("unknown state", {"WaitForState", "s:box", "s:SLEEPING", "u:1", "a{sv}:"}, "InvalidArgument", "not a state");
        row("timeout too long", {"Shutdown", "s:box", "u:999999", "a{sv}:"}, "InvalidArgument", "longer than a day");
        row("stop a stopped one", {"Stop", "s:box", "a{sv}:"}, "NotFound", "is not running");
        row("option of a wrong type", {"DestroyContainer", "s:box", "a{sv}:force=s:yes"}, "InvalidArgument",
            "must be a boolean");
        row("rename onto itself", {"RenameContainer", "s:box", "s:box", "a{sv}:"}, "Conflict", "exists");
        row("attach nothing", {"Attach", "s:box", "as:", "as:", "a{sv}:"}, "InvalidArgument", "needs a program");
        row("attach bad env", {"Attach", "s:box", "as:true", "as:not a variable", "a{sv}:"}, "InvalidArgument", "NAME=value");
        row("attach bad rows", {"Attach", "s:box", "as:true", "as:", "a{sv}:rows=u:0"}, "InvalidArgument", "1 to 65535");
        row("attach stopped", {"Attach", "s:box", "as:true", "as:", "a{sv}:"}, "NotFound", "is not running");
        row("rename to ..", {"RenameContainer", "s:box", "s:..", "a{sv}:"}, "InvalidArgument", "not a container name");
    }
    void badInputs()
    {
        QFETCH(QStringList, call);
        QFETCH(QString, error);
        QFETCH(QString, message);
        if (!QFile::exists(fx->storePath() + QStringLiteral("/box")))
            CTL_OK({"create", "box", "-t", "busybox", "--", "--ttys", "2"});
        const QByteArray before = storeState(fx->storePath());
        const auto r = fx->call(call);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.text().startsWith(error + QStringLiteral(": ")), qPrintable(r.text()));
        QVERIFY2(r.text().contains(message), qPrintable(r.text()));
        QCOMPARE(storeState(fx->storePath()), before);
    }

    void localTemplateReadsOnlyWhatTheCallerCan()
    {
        // A rootfs tarball of box's rootfs, readable by everyone.
        QTemporaryDir dir;
        QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadOther
                                              | QFile::ExeOther);
        const QString tarball = dir.filePath(QStringLiteral("rootfs.tar"));
        QCOMPARE(QProcess::execute(QStringLiteral("tar"), {QStringLiteral("-C"), fx->storePath() + QStringLiteral("/box/rootfs"),
                                                          QStringLiteral("-cf"), tarball, QStringLiteral(".")}), 0);
        QFile::setPermissions(tarball, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther);
        auto made = fx->hutchctl({"create", "imported", "-t", "local", "--", "--rootfs", tarball});
        QVERIFY2(made.exitCode == 0, qPrintable(made.text()));
        QVERIFY(fx->hutchctl({"list"}).out.contains("imported\n"));
        QVERIFY(fx->hutchctl({"destroy", "imported"}).exitCode == 0);
        // A file nobody may read: the helper never sees it, hutchctl cannot open it.
        QFile::setPermissions(tarball, QFile::ReadOwner | QFile::WriteOwner);
        const QByteArray before = storeState(fx->storePath());
        auto refused = fx->hutchctl({"create", "secret", "-t", "local", "--", "--rootfs", tarball});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("Permission denied"), refused.err.constData());
        // Metadata holds plain files only (a rootfs with links is refused
        // before anything is read from it); its privileged config lines
        // need the admin action (test_service_trust).
        QFile::setPermissions(tarball, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther);
        auto meta = fx->hutchctl({"create", "withmeta", "-t", "local", "--", "--rootfs", tarball, "--metadata", tarball});
        QCOMPARE(meta.exitCode, 1);
        QVERIFY2(meta.err.contains("must be a plain file or directory"), meta.err.constData());
        QCOMPARE(storeState(fx->storePath()), before);
    }

    void badInputsThroughHutchctl()
    {
        const QByteArray before = storeState(fx->storePath());
        auto r = fx->hutchctl({"config", "box", "lxc.mount.entry", "/ host none bind 0 0"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("io.github.hutch.configure-privileged"), r.err.constData());
        r = fx->hutchctl({"console", "box", "--tty", "99"});
        QCOMPARE(r.exitCode, 1);
        r = fx->hutchctl({"start", "../x"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("'/'"), r.err.constData());
        r = fx->hutchctl({"stop"});
        QCOMPARE(r.exitCode, 2);  // usage
        r = fx->hutchctl({"attach", "box", "--", "true"});  // box is not running
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("is not running"), r.err.constData());
        QCOMPARE(storeState(fx->storePath()), before);
    }
};

QTEST_GUILESS_MAIN(TestServiceCli)
#include "test_service_cli.moc"
