// The helper service's pieces that need neither root nor a bus: which keys
// need which polkit action, key and value checks, lossless config edits,
// limit keys, template options, the per-container operation queue, and
// the listing's cache of configs.
#include "autostart.h"
#include "configedit.h"
#include "inspect.h"
#include "operationqueue.h"
#include "templates.h"

#include <QDir>
#include <QFile>
#include <QMutex>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <fcntl.h>
#include <sys/stat.h>

using namespace hutch;
using namespace hutch::service;

namespace {

bool writeConfig(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

// Sets mtime an hour back: old enough for the cache to keep the entry.
bool age(const QString &path)
{
    timespec times[2] = {{::time(nullptr) - 3600, 0}, {::time(nullptr) - 3600, 0}};
    return ::utimensat(AT_FDCWD, QFile::encodeName(path).constData(), times, 0) == 0;
}

}  // namespace

class TestServiceUnits : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Listing entries follow their config through the cache: a rewrite in
    // place of the same size with an old mtime, a replacement by rename,
    // writes within the same second, and a config with an include (never
    // cached: the included file may change).
    void describeCacheFollowsTheConfig()
    {
        QTemporaryDir dir;
        HelperSettings settings;
        settings.storePath = dir.path();
        settings.runtimePath = dir.filePath(QStringLiteral("run"));
        QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("c1"))));
        const QString config = dir.filePath(QStringLiteral("c1/config"));
        auto limit = [&](DescribeCache &cache) { return cache.describe(settings, QStringLiteral("c1")).value(QStringLiteral("memory_limit")).toString(); };
        DescribeCache cache;
        QVERIFY(writeConfig(config, "lxc.uts.name = c1\nlxc.cgroup2.memory.max = 256M\n") && age(config));
        QCOMPARE(limit(cache), QStringLiteral("256M"));
        QCOMPARE(limit(cache), QStringLiteral("256M"));
        QVERIFY(writeConfig(config, "lxc.uts.name = c1\nlxc.cgroup2.memory.max = 128M\n") && age(config));
        QCOMPARE(limit(cache), QStringLiteral("128M"));
        const QString next = config + QStringLiteral(".new");
        QVERIFY(writeConfig(next, "lxc.uts.name = c1\nlxc.cgroup2.memory.max = 512M\n") && age(next));
        QVERIFY(::rename(QFile::encodeName(next).constData(), QFile::encodeName(config).constData()) == 0);
        QCOMPARE(limit(cache), QStringLiteral("512M"));
        QVERIFY(writeConfig(config, "lxc.uts.name = c1\nlxc.cgroup2.memory.max = 64M\n"));
        QCOMPARE(limit(cache), QStringLiteral("64M"));
        QVERIFY(writeConfig(config, "lxc.uts.name = c1\nlxc.cgroup2.memory.max = 32M\n"));
        QCOMPARE(limit(cache), QStringLiteral("32M"));
        const QString included = dir.filePath(QStringLiteral("c1/limits"));
        QVERIFY(writeConfig(included, "lxc.cgroup2.memory.max = 16M\n") && age(included));
        QVERIFY(writeConfig(config, "lxc.uts.name = c1\nlxc.include = " + included.toUtf8() + "\n") && age(config));
        QCOMPARE(limit(cache), QStringLiteral("16M"));
        QVERIFY(writeConfig(included, "lxc.cgroup2.memory.max = 8M\n") && age(included));
        QCOMPARE(limit(cache), QStringLiteral("8M"));
        // The state is asked for every time: no monitor here.
        QCOMPARE(cache.describe(settings, QStringLiteral("c1")).value(QStringLiteral("state")).toString(), QStringLiteral("STOPPED"));
    }

    void privilegedKeys_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("privileged");
        for (const char *k : {"lxc.hook.pre-start", "lxc.hook.version", "lxc.net.0.script.up", "lxc.include",
                              "lxc.mount.entry", "lxc.mount.auto", "lxc.mount.fstab", "lxc.idmap", "lxc.cap.keep",
                              "lxc.cap.drop", "lxc.apparmor.profile", "lxc.seccomp.profile", "lxc.log.file",
                              "lxc.rootfs.path", "lxc.namespace.share.net", "lxc.console.logfile",
                              "lxc.cgroup.devices.allow", "lxc.cgroup2.devices.allow", "lxc.cgroup.dir",
                              "lxc.cgroup.relative", "lxc.sysctl.net.ipv4.ip_forward", "lxc.cgroup.cgroup.procs",
                              "lxc.net.0.l2proxy", "lxc.net.1.veth.vlan.id", "lxc.net.0.veth.vlan.tagged.id"})
            QTest::newRow(k) << QString::fromLatin1(k) << true;
        for (const char *k : {"lxc.uts.name", "lxc.tty.max", "lxc.start.auto", "lxc.cgroup.memory.limit_in_bytes",
                              "lxc.cgroup2.memory.max", "lxc.cgroup.cpuset.cpus", "lxc.environment", "lxc.init.cmd",
                              "lxc.net.0.type", "lxc.log.level", "lxc.signal.halt", "lxc.prlimit.nofile",
                              "lxc.time.offset.boot", "lxc.sched.core", "lxc.arch", "lxc.environment.runtime"})
            QTest::newRow(k) << QString::fromLatin1(k) << false;
    }
    void privilegedKeys()
    {
        QFETCH(QString, key);
        QFETCH(bool, privileged);
        QCOMPARE(isPrivilegedKey(key), privileged);
        QCOMPARE(actionsForKey(key).contains(QStringLiteral("io.github.hutch.configure-privileged")), privileged);
        QCOMPARE(actionsForKey(key).contains(QStringLiteral("io.github.hutch.network")), key.startsWith(QLatin1String("lxc.net.")));
    }

    void keysAndValues()
    {
        QCOMPARE(checkKey(QStringLiteral("lxc.utsname")).value(), QStringLiteral("lxc.uts.name"));  // legacy
        QVERIFY(checkKey(QStringLiteral("lxc.uts.nmae")).error().message.contains(QLatin1String("lxc.uts.name")));
        QVERIFY(!checkKey(QStringLiteral("lxc.uts.name\nx")));
        QVERIFY(!checkKey(QStringLiteral("lxc.network.type")));  // legacy network keys: write lxc.net.N.*
        QVERIFY(!checkKey(QString()));
        QVERIFY(!checkValue(QStringLiteral("lxc.uts.name"), QStringLiteral("web")));
        QVERIFY(checkValue(QStringLiteral("lxc.uts.name"), QStringLiteral("a\nb")));
        QVERIFY(checkValue(QStringLiteral("lxc.tty.max"), QStringLiteral("many")));
        QVERIFY(checkValue(QStringLiteral("lxc.cgroup.memory.limit_in_bytes"), QStringLiteral("lots")));
        QVERIFY(!checkValue(QStringLiteral("lxc.cgroup.memory.limit_in_bytes"), QStringLiteral("512M")));
        QVERIFY(!parseEditMode(QStringLiteral("replace")));
    }

    void limitKeys_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("configKey");
        QTest::newRow("v1 file") << "memory.limit_in_bytes" << "lxc.cgroup.memory.limit_in_bytes";
        QTest::newRow("v2-only file") << "memory.max" << "lxc.cgroup2.memory.max";
        QTest::newRow("both: v1 name") << "pids.max" << "lxc.cgroup.pids.max";
        QTest::newRow("config key v2") << "lxc.cgroup2.cpu.weight" << "lxc.cgroup2.cpu.weight";
        QTest::newRow("config key v1") << "lxc.cgroup.cpu.shares" << "lxc.cgroup.cpu.shares";
        QTest::newRow("escape") << "../../escape" << "";
        QTest::newRow("slash") << "memory/max" << "";
        QTest::newRow("space") << "memory.max 1" << "";
        QTest::newRow("membership") << "cgroup.procs" << "";
        QTest::newRow("tasks") << "tasks" << "";
        QTest::newRow("freezer") << "freezer.state" << "";
        QTest::newRow("cgroup dir") << "lxc.cgroup.dir.container" << "";
    }
    void limitKeys()
    {
        QFETCH(QString, key);
        QFETCH(QString, configKey);
        auto k = parseLimitKey(key);
        if (configKey.isEmpty()) {
            QVERIFY(!k);
            QCOMPARE(k.error().code, Error::Code::InvalidArgument);
        } else {
            QVERIFY2(k, k ? "" : qPrintable(k.error().message));
            QCOMPARE(k->configKey, configKey);
        }
    }

    void editsAreLosslessAndChecked()
    {
        QTemporaryDir dir;
        const Store store(dir.path());
        QDir().mkpath(store.containerDir(QStringLiteral("c")));
        const QByteArray original = "# my container\nlxc.uts.name  =  c\n\nlxc.tty.max = 1\nlxc.tty.max = 2\n"
                                    "lxc.cap.drop = sys_module\n";
        QFile f(store.configPath(QStringLiteral("c")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(original);
        f.close();
        auto read = [&] {
            QFile r(store.configPath(QStringLiteral("c")));
            r.open(QIODevice::ReadOnly);
            return r.readAll();
        };
        QVERIFY(!editConfig(store, QStringLiteral("c"), {{QStringLiteral("lxc.tty.max"), QStringLiteral("4"), EditMode::Set}}));
        QCOMPARE(read(), QByteArray("# my container\nlxc.uts.name  =  c\n\nlxc.tty.max = 4\n"
                                    "lxc.cap.drop = sys_module\n"));
        QVERIFY(!editConfig(store, QStringLiteral("c"), {{QStringLiteral("lxc.cap.drop"), QStringLiteral("sys_time"), EditMode::Append}}));
        QVERIFY(read().endsWith("lxc.cap.drop = sys_module\nlxc.cap.drop = sys_time\n"));
        // Append on a single key, removing what is not there: refused, unchanged.
        const QByteArray before = read();
        QVERIFY(editConfig(store, QStringLiteral("c"), {{QStringLiteral("lxc.tty.max"), QStringLiteral("1"), EditMode::Append}}));
        QCOMPARE(editConfig(store, QStringLiteral("c"), {{QStringLiteral("lxc.start.auto"), QString(), EditMode::Remove}})->code,
                 Error::Code::NotFound);
        QCOMPARE(read(), before);
        QCOMPARE(editConfig(store, QStringLiteral("nope"), {})->code, Error::Code::NotFound);
    }

    void wholeConfigReplacement()
    {
        QTemporaryDir dir;
        const Store store(dir.path());
        QDir().mkpath(store.containerDir(QStringLiteral("c")));
        const QByteArray original = "# mine\nlxc.uts.name = c\nlxc.cap.drop = sys_module\n";
        QFile f(store.configPath(QStringLiteral("c")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(original);
        f.close();
        auto read = [&] {
            QFile r(store.configPath(QStringLiteral("c")));
            r.open(QIODevice::ReadOnly);
            return r.readAll();
        };
        QCOMPARE(*readConfig(store, QStringLiteral("c")), original);
        // Which keys a new text changes: values compared as lists, order aside.
        QCOMPARE(changedKeys(original, "# other comment\nlxc.cap.drop = sys_module\nlxc.uts.name = c\n"), QStringList());
        QCOMPARE(changedKeys(original, original + "lxc.hook.pre-start = /bin/true\n"), QStringList{QStringLiteral("lxc.hook.pre-start")});
        QStringList both = changedKeys(original, "lxc.uts.name = d\n");
        both.sort();
        QCOMPARE(both, (QStringList{QStringLiteral("lxc.cap.drop"), QStringLiteral("lxc.uts.name")}));
        QCOMPARE(changedKeys("lxc.utsname = c\n", "lxc.uts.name = c\n"), QStringList());  // legacy name, same key

        // Errors, each with its line; nothing written.
        const auto bad = replaceConfig(store, QStringLiteral("c"), "lxc.uts.name = c\nlxc.netwrk.type = veth\nlxc.tty.max = x\n", original);
        QVERIFY(bad);
        QVERIFY2(bad->message.contains(QLatin1String("config:2:")) && bad->message.contains(QLatin1String("config:3:")),
                 qPrintable(bad->message));
        QVERIFY(replaceConfig(store, QStringLiteral("c"), QByteArray("lxc.uts.name = c\x01\n"), original)->message.contains(QLatin1String("config:1: control character 0x01")));
        QCOMPARE(read(), original);
        // The file changed since the caller read it: Busy, nothing written.
        QCOMPARE(replaceConfig(store, QStringLiteral("c"), "lxc.uts.name = e\n", "something else")->code, Error::Code::Busy);
        QCOMPARE(read(), original);
        const QByteArray good = "# new\r\nlxc.uts.name = e\n\n\tlxc.tty.max = 2\n";
        const auto written = replaceConfig(store, QStringLiteral("c"), good, original);
        QVERIFY2(!written, written ? qPrintable(written->message) : "");
        QCOMPARE(read(), good);
    }

    void autostartOrder()
    {
        QTemporaryDir dir;
        const Store store(dir.path());
        auto make = [&](const char *name, const QByteArray &lines) {
            QDir().mkpath(store.containerDir(QLatin1String(name)));
            QFile f(store.configPath(QLatin1String(name)));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("lxc.uts.name = " + QByteArray(name) + "\n" + lines);
        };
        make("late", "lxc.start.auto = 1\nlxc.start.order = 9\n");
        make("early", "lxc.start.auto = 1\nlxc.start.order = -1\nlxc.start.delay = 5\n");
        make("boot", "lxc.start.auto = 1\nlxc.start.order = 50\nlxc.group = web,onboot\n");
        make("also0", "lxc.start.auto = 1\n");
        make("manual", "lxc.start.order = 1\n");
        make("broken", "lxc.start.auto = 1\nlxc.start.ordr = 1\n");
        QStringList names;
        for (const AutostartEntry &e : autostartPlan(store))
            names << e.name;
        QCOMPARE(names, (QStringList{QStringLiteral("boot"), QStringLiteral("early"), QStringLiteral("also0"), QStringLiteral("late")}));
        QCOMPARE(autostartPlan(store).at(1).delaySeconds, 5);
    }

    void templateOptions()
    {
        const HelperSettings settings;
        auto check = [&](const QString &t, const QVariantMap &o, const QVariantMap &create = {}) {
            return checkCreate(settings, t, o, create);
        };
        QVERIFY(check(QStringLiteral("busybox"), {}));
        QVERIFY(check(QStringLiteral("busybox"), {{QStringLiteral("ttys"), 2u}}));
        QVERIFY(!check(QStringLiteral("busybox"), {{QStringLiteral("ttys"), 64u}}));
        QVERIFY(!check(QStringLiteral("busybox"), {{QStringLiteral("ttys"), QStringLiteral("2")}}));
        QVERIFY(!check(QStringLiteral("busybox"), {{QStringLiteral("login"), 1}}));
        QVERIFY(!check(QStringLiteral("busybox"), {{QStringLiteral("hostname"), QStringLiteral("a b")}}));
        QVERIFY(!check(QStringLiteral("busybox"), {{QStringLiteral("release"), QStringLiteral("x")}}));
        QVERIFY(!check(QStringLiteral("busybox"), {}, {{QStringLiteral("backing_store"), QStringLiteral("lvm")}}));
        QVERIFY(!check(QStringLiteral("plan9"), {}));
        // Files only as descriptors; URLs only http(s); choices from the list.
        QVERIFY(!check(QStringLiteral("local"), {{QStringLiteral("rootfs"), QStringLiteral("/etc/shadow")}}));
        QVERIFY(!check(QStringLiteral("local"), {}));
        QVERIFY(!check(QStringLiteral("download"), {{QStringLiteral("server"), QStringLiteral("file:///etc")}}));
        QVERIFY(check(QStringLiteral("download"), {{QStringLiteral("server"), QStringLiteral("https://images.example")}}));
        QVERIFY(!check(QStringLiteral("debian"), {{QStringLiteral("release"), QStringLiteral("hamm")}}));
        QVERIFY(!check(QStringLiteral("debian"), {{QStringLiteral("mirror"), QStringLiteral("http://x\ny")}}));
        QVERIFY(check(QStringLiteral("debian"), {{QStringLiteral("release"), QStringLiteral("bookworm")}}));
        QVERIFY(templateSchemas().size() >= 5);
    }

    void queueSerializesPerContainer()
    {
        OperationQueue queue;
        QMutex mutex;
        QStringList log;
        auto note = [&](const QString &s) {
            QMutexLocker l(&mutex);
            log << s;
        };
        int done = 0;
        auto step = [&](const QString &name, int ms) {
            return [&, name, ms] {
                note(name + QStringLiteral("+"));
                QThread::msleep(ms);
                note(name + QStringLiteral("-"));
            };
        };
        queue.run({QStringLiteral("a")}, step(QStringLiteral("a1"), 300), [&] { ++done; });
        queue.run({QStringLiteral("a")}, step(QStringLiteral("a2"), 10), [&] { ++done; });
        queue.run({QStringLiteral("b")}, step(QStringLiteral("b1"), 10), [&] { ++done; });
        queue.run({QStringLiteral("a"), QStringLiteral("b")}, step(QStringLiteral("ab"), 10), [&] { ++done; });
        QTRY_COMPARE(done, 4);
        // b1 ran while a1 did; a2 after a1; ab after both a2 and b1.
        QCOMPARE(log.size(), 8);  // each step began and ended once
        QVERIFY(log.indexOf(QStringLiteral("b1-")) < log.indexOf(QStringLiteral("a1-")));
        QVERIFY(log.indexOf(QStringLiteral("a1-")) < log.indexOf(QStringLiteral("a2+")));
        QVERIFY(log.indexOf(QStringLiteral("a2-")) < log.indexOf(QStringLiteral("ab+")));
        QCOMPARE(queue.pending(QStringLiteral("a")), 0);
    }
};

QTEST_GUILESS_MAIN(TestServiceUnits)
#include "test_service_units.moc"
