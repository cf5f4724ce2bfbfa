// hutchctl check-config, run as a program: output format, exit status,
// --json and --update (atomic, with a backup).
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run {
    int exitCode = -1;
    QString out, err;
};

Run hutchctl(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(HUTCHCTL_PATH), args);
    if (!p.waitForFinished(60000))
        return {};
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void write(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(bytes);
}

const QByteArray kLegacy =
    "# an LXC 1.0 container\n"
    "lxc.utsname = old\n"
    "lxc.network.type = veth\n"
    "lxc.network.link = lxcbr0\n"
    "lxc.network.ipv4 = 10.0.3.7/24\n"
    "lxc.network.type = empty\n"
    "lxc.tty = 4\n"
    "lxc.pivotdir = lxc_putold\n"
    "\n"
    "lxc.cgroup.memory.limit_in_bytes   =   320000000\n";

}  // namespace

class TestCheckConfig : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void validFileExitsZero()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config"));
        write(path, "lxc.uts.name = web\nlxc.net.0.type = veth\nlxc.cap.drop = sys_admin\n");
        const Run r = hutchctl({QStringLiteral("check-config"), path});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
    }

    // Keys Hutch's runtime cannot apply are warnings here (the start refuses them).
    void unsupportedKeysWarn()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config"));
        write(path, "lxc.uts.name = web\nlxc.namespace.keep = user\nlxc.apparmor.profile = unconfined\n"
                    "lxc.apparmor.profile = lxc-container-default\n");
        const Run r = hutchctl({QStringLiteral("check-config"), path});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains(path + QStringLiteral(":2: warning: lxc.namespace.keep is not supported (Hutch will not start this container)")),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains(path + QStringLiteral(":4: warning: lxc.apparmor.profile = lxc-container-default: AppArmor")),
                 qPrintable(r.err));
        QVERIFY2(!r.err.contains(path + QStringLiteral(":3:")), qPrintable(r.err));
    }

    void problemsArePrintedWithFileAndLine()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config"));
        write(path, "lxc.uts.name = web\n# comment\nlxc.netwrk.type = veth\nlxc.tty.max = many\n");
        const Run r = hutchctl({QStringLiteral("check-config"), path});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(path + QStringLiteral(":3: unknown key \"lxc.netwrk.type\" (did you mean \"lxc.network.type\"?)")),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains(path + QStringLiteral(":4: lxc.tty.max: ")), qPrintable(r.err));
    }

    void missingFileFails()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("nope"));
        const Run r = hutchctl({QStringLiteral("check-config"), path});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(path + QStringLiteral(": no such file")), qPrintable(r.err));
    }

    void badUsageExitsTwo()
    {
        QCOMPARE(hutchctl({QStringLiteral("check-config")}).exitCode, 2);
        QCOMPARE(hutchctl({QStringLiteral("check-config"), QStringLiteral("--frobnicate"), QStringLiteral("x")}).exitCode, 2);
        QCOMPARE(hutchctl({QStringLiteral("no-such-command")}).exitCode, 2);
    }

    void jsonShowsEffectiveConfig()
    {
        QTemporaryDir dir;
        write(dir.filePath(QStringLiteral("common.conf")), "lxc.cap.drop = sys_module\nlxc.tty.max = 2\n");
        const QString path = dir.filePath(QStringLiteral("config"));
        write(path, "lxc.include = common.conf\n" + kLegacy + "lxc.cap.drop =\nlxc.cap.drop = mac_admin\n");
        const Run r = hutchctl({QStringLiteral("check-config"), QStringLiteral("--json"), path});
        QCOMPARE(r.exitCode, 0);  // legacy keys are warnings, not errors
        QJsonParseError perr;
        const QJsonObject root = QJsonDocument::fromJson(r.out.toUtf8(), &perr).object();
        QCOMPARE(perr.error, QJsonParseError::NoError);
        QCOMPARE(root.value(QStringLiteral("valid")).toBool(), true);
        QStringList keys, values;
        for (const QJsonValue &v : root.value(QStringLiteral("entries")).toArray()) {
            keys << v.toObject().value(QStringLiteral("key")).toString();
            values << v.toObject().value(QStringLiteral("value")).toString();
        }
        // Legacy names translated, in order; the include's tty.max overridden
        // by the later lxc.tty; its cap.drop cleared; lxc.pivotdir dropped.
        const QStringList expected = {
            QStringLiteral("lxc.uts.name"),      QStringLiteral("lxc.net.0.type"),
            QStringLiteral("lxc.net.0.link"),    QStringLiteral("lxc.net.0.ipv4.address"),
            QStringLiteral("lxc.net.1.type"),    QStringLiteral("lxc.tty.max"),
            QStringLiteral("lxc.cgroup.memory.limit_in_bytes"), QStringLiteral("lxc.cap.drop")};
        QCOMPARE(keys, expected);
        QCOMPARE(values.at(5), QStringLiteral("4"));
        QCOMPARE(values.last(), QStringLiteral("mac_admin"));
        // Warnings for the legacy keys are in the JSON too, with lines.
        const QJsonArray diags = root.value(QStringLiteral("diagnostics")).toArray();
        QVERIFY(!diags.isEmpty());
        QCOMPARE(diags.first().toObject().value(QStringLiteral("severity")).toString(), QStringLiteral("warning"));
        QCOMPARE(diags.first().toObject().value(QStringLiteral("line")).toInt(), 3);
    }

    void updateRewritesLegacyKeysKeepingBackup()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config"));
        write(path, kLegacy);
        QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner));
        const Run r = hutchctl({QStringLiteral("check-config"), QStringLiteral("--update"), path});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(readAll(path + QStringLiteral(".bak")), kLegacy);
        const QByteArray expected =
            "# an LXC 1.0 container\n"
            "lxc.uts.name = old\n"
            "lxc.net.0.type = veth\n"
            "lxc.net.0.link = lxcbr0\n"
            "lxc.net.0.ipv4.address = 10.0.3.7/24\n"
            "lxc.net.1.type = empty\n"
            "lxc.tty.max = 4\n"
            "\n"
            "lxc.cgroup2.memory.max   =   320000000\n";
        QCOMPARE(readAll(path), expected);
        // The mode of the file survived the atomic replacement.
        QCOMPARE(QFile::permissions(path) & 0x7077, QFile::ReadOwner | QFile::WriteOwner);
        // Nothing else was left in the directory (no temporary files).
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden, QDir::Name),
                 QStringList({QStringLiteral("config"), QStringLiteral("config.bak")}));
        // The result is clean: no warnings left.
        const Run again = hutchctl({QStringLiteral("check-config"), path});
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.err.isEmpty(), qPrintable(again.err));
    }

    // LXC 7 has no cgroup v1: each lxc.cgroup.* setting is a warning that
    // names its lxc.cgroup2 equivalent from the runtime's own table, or says
    // there is none.
    void cgroupV1KeysWarnForLxc7()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config"));
        write(path, "lxc.uts.name = web\n"
                    "lxc.cgroup.memory.limit_in_bytes = 512M\n"
                    "lxc.cgroup.cpu.shares = 2048\n"
                    "lxc.cgroup.memory.memsw.limit_in_bytes = 1G\n"
                    "lxc.cgroup2.memory.high = 400M\n");
        const Run r = hutchctl({QStringLiteral("check-config"), path});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains(path + QStringLiteral(":2: warning: lxc.cgroup.memory.limit_in_bytes will not work with LXC 7, "
                                                      "which has no cgroup v1 and no lxc.cgroup.* keys: use "
                                                      "lxc.cgroup2.memory.max = 536870912 (--update rewrites it)")),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains(path + QStringLiteral(":3: warning: lxc.cgroup.cpu.shares will not work with LXC 7")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("use lxc.cgroup2.cpu.weight = 79 (--update")), qPrintable(r.err));
        QVERIFY2(r.err.contains(path + QStringLiteral(":4: warning: lxc.cgroup.memory.memsw.limit_in_bytes will not work with LXC 7")),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("rewrite it as an lxc.cgroup2 key by hand")), qPrintable(r.err));
        QVERIFY2(!r.err.contains(path + QStringLiteral(":5:")), qPrintable(r.err));
    }

    void updateRewritesCgroupV1Keys()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config"));
        const QByteArray before = "lxc.uts.name = web\n"
                                  "lxc.cgroup.memory.limit_in_bytes = 512M\n"
                                  "lxc.cgroup.cpu.shares = 2048\n"
                                  "lxc.cgroup.blkio.weight = 500\n"
                                  "lxc.cgroup.devices.allow = c 1:3 rwm\n"
                                  "lxc.cgroup.pids.max = 100\n"
                                  "lxc.cgroup.memory.memsw.limit_in_bytes = 1G\n";
        write(path, before);
        const Run r = hutchctl({QStringLiteral("check-config"), QStringLiteral("--update"), path});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains(QStringLiteral("rewrote 5 lxc.cgroup key(s) as lxc.cgroup2")), qPrintable(r.err));
        QCOMPARE(readAll(path + QStringLiteral(".bak")), before);
        QCOMPARE(readAll(path), QByteArray("lxc.uts.name = web\n"
                                           "lxc.cgroup2.memory.max = 536870912\n"
                                           "lxc.cgroup2.cpu.weight = 79\n"
                                           "lxc.cgroup2.io.weight = default 4950\n"
                                           "lxc.cgroup2.devices.allow = c 1:3 rwm\n"
                                           "lxc.cgroup2.pids.max = 100\n"
                                           "lxc.cgroup.memory.memsw.limit_in_bytes = 1G\n"));
        // What is left is the one key without an equivalent, still warned about.
        const Run again = hutchctl({QStringLiteral("check-config"), path});
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(again.err.count(QStringLiteral("will not work with LXC 7")), 1);
    }

    void updateWithoutLegacyKeysChangesNothing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config"));
        const QByteArray modern = "lxc.uts.name = new\n";
        write(path, modern);
        const Run r = hutchctl({QStringLiteral("check-config"), QStringLiteral("--update"), path});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(readAll(path), modern);
        QVERIFY(!QFile::exists(path + QStringLiteral(".bak")));
    }
};

QTEST_GUILESS_MAIN(TestCheckConfig)
#include "test_checkconfig.moc"
