// The storage code that needs neither root nor kernel features:
// lxc.rootfs.path with LXC's prefixes, the runtime's mount of each kind, the
// lvm2 command lines and JSON reports, config rewriting for clones, MACs.
#include "archivestream.h"
#include "backend.h"
#include "clone.h"
#include "config.h"
#include "lvm.h"
#include "values.h"

#include <QDir>
#include <QProcess>
#include <QSet>

#include <QTemporaryDir>
#include <QTest>
#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

using namespace hutch;
using namespace hutch::storage;

namespace {

// The processes this one has started and not yet reaped (every thread's).
QStringList childProcesses()
{
    QStringList children;
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString &task : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile f(tasks.filePath(task) + QStringLiteral("/children"));
        if (f.open(QIODevice::ReadOnly))
            children += QString::fromLatin1(f.readAll()).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    }
    return children;
}

}  // namespace

class TestStorageUnits : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parsesRootfsPaths_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QStringList>("lowers");
        QTest::addColumn<QString>("configValue");
        const QString d = QStringLiteral("/var/lib/hutch/c");
        QTest::newRow("empty") << QString() << int(BackendKind::Dir) << d + QStringLiteral("/rootfs") << QStringList()
                               << QStringLiteral("dir:/var/lib/hutch/c/rootfs");
        QTest::newRow("plain") << QStringLiteral("/srv/r") << int(BackendKind::Dir) << QStringLiteral("/srv/r")
                               << QStringList() << QStringLiteral("dir:/srv/r");
        QTest::newRow("dir") << QStringLiteral("dir:/srv/r") << int(BackendKind::Dir) << QStringLiteral("/srv/r")
                             << QStringList() << QStringLiteral("dir:/srv/r");
        QTest::newRow("btrfs") << QStringLiteral("btrfs:/s/c/rootfs") << int(BackendKind::Btrfs) << QStringLiteral("/s/c/rootfs")
                               << QStringList() << QStringLiteral("btrfs:/s/c/rootfs");
        QTest::newRow("overlay") << QStringLiteral("overlay:/s/b/rootfs:/s/c/delta0") << int(BackendKind::Overlay)
                                 << QStringLiteral("/s/c/delta0") << QStringList{QStringLiteral("/s/b/rootfs")}
                                 << QStringLiteral("overlay:/s/b/rootfs:/s/c/delta0");
        QTest::newRow("overlayfs (old name)") << QStringLiteral("overlayfs:/s/b/rootfs:/s/c/delta0") << int(BackendKind::Overlay)
                                              << QStringLiteral("/s/c/delta0") << QStringList{QStringLiteral("/s/b/rootfs")}
                                              << QStringLiteral("overlay:/s/b/rootfs:/s/c/delta0");
        QTest::newRow("stacked overlay") << QStringLiteral("overlay:/s/b/delta0:/s/a/rootfs:/s/c/delta0") << int(BackendKind::Overlay)
                                         << QStringLiteral("/s/c/delta0")
                                         << QStringList{QStringLiteral("/s/b/delta0"), QStringLiteral("/s/a/rootfs")}
                                         << QStringLiteral("overlay:/s/b/delta0:/s/a/rootfs:/s/c/delta0");
        QTest::newRow("lvm") << QStringLiteral("lvm:/dev/lxc/web") << int(BackendKind::Lvm) << QStringLiteral("/dev/lxc/web")
                             << QStringList() << QStringLiteral("lvm:/dev/lxc/web");
    }

    void parsesRootfsPaths()
    {
        QFETCH(QString, value);
        QFETCH(int, kind);
        QFETCH(QString, path);
        QFETCH(QStringList, lowers);
        QFETCH(QString, configValue);
        auto loc = parseRootfsPath(value, QStringLiteral("/var/lib/hutch/c"));
        QVERIFY2(loc.ok(), loc.ok() ? "" : qPrintable(loc.error().message));
        QCOMPARE(int(loc->kind), kind);
        QCOMPARE(loc->path, path);
        QCOMPARE(loc->lowers, lowers);
        QCOMPARE(loc->configValue(), configValue);
    }

    void refusesBadRootfsPaths_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("relative") << QStringLiteral("rootfs") << QStringLiteral("neither an absolute path");
        QTest::newRow("unknown") << QStringLiteral("zfs:tank/c") << QStringLiteral("\"zfs\" is not supported");
        QTest::newRow("overlay one layer") << QStringLiteral("overlay:/a") << QStringLiteral("needs LOWER:UPPER");
        QTest::newRow("overlay comma") << QStringLiteral("overlay:/a,b:/c") << QStringLiteral("cannot be passed to overlayfs");
        QTest::newRow("overlay relative") << QStringLiteral("overlay:a:/c") << QStringLiteral("not an absolute path");
        QTest::newRow("control") << QStringLiteral("dir:/a\nlxc.x=1") << QStringLiteral("control character");
    }

    void refusesBadRootfsPaths()
    {
        QFETCH(QString, value);
        QFETCH(QString, message);
        auto loc = parseRootfsPath(value, QStringLiteral("/s/c"));
        QVERIFY(!loc.ok());
        QCOMPARE(loc.error().code, Error::Code::InvalidArgument);
        QVERIFY2(loc.error().message.contains(message), qPrintable(loc.error().message));
    }

    void overlayMountOptions()
    {
        QTemporaryDir dir;
        for (const char *d : {"b/rootfs", "c/delta0", "c/olwork", "c/rootfs"})
            QVERIFY(QDir().mkpath(dir.filePath(QLatin1String(d))));
        auto loc = parseRootfsPath(QStringLiteral("overlay:%1/b/rootfs:%1/c/delta0").arg(dir.path()), dir.filePath(QStringLiteral("c")));
        QVERIFY(loc.ok());
        QCOMPARE(loc->workDir(), dir.filePath(QStringLiteral("c/olwork")));
        auto m = rootfsMountFor(*loc, dir.filePath(QStringLiteral("c")));
        QVERIFY2(m.ok(), m.ok() ? "" : qPrintable(m.error().message));
        QCOMPARE(m->mountPoint, dir.filePath(QStringLiteral("c/rootfs")));
        QCOMPARE(m->type, QStringLiteral("overlay"));
        QCOMPARE(m->data, QStringLiteral("lowerdir=%1/b/rootfs,upperdir=%1/c/delta0,workdir=%1/c/olwork").arg(dir.path()));
        // A missing layer is reported by name.
        QVERIFY(QDir(dir.filePath(QStringLiteral("c/olwork"))).removeRecursively());
        m = rootfsMountFor(*loc, dir.filePath(QStringLiteral("c")));
        QVERIFY(!m.ok() && m.error().message.contains(QStringLiteral("olwork")));
        // A dir rootfs is bound as it is.
        auto dirLoc = parseRootfsPath(QString(), dir.filePath(QStringLiteral("b")));
        auto dm = rootfsMountFor(*dirLoc, dir.filePath(QStringLiteral("b")));
        QVERIFY(dm.ok() && dm->type.isEmpty() && dm->mountPoint == dir.filePath(QStringLiteral("b/rootfs")));
    }

    void resolvesBest()
    {
        QTemporaryDir dir;  // /tmp here is not btrfs
        auto k = resolveBackend(QStringLiteral("best"), dir.filePath(QStringLiteral("not/yet/there")));
        QVERIFY(k.ok());
        QCOMPARE(*k, isOnBtrfs(dir.path()) ? BackendKind::Btrfs : BackendKind::Dir);
        QCOMPARE(*resolveBackend(QStringLiteral("overlayfs"), dir.path()), BackendKind::Overlay);
        QVERIFY(!resolveBackend(QStringLiteral("zfs"), dir.path()).ok());
    }

    void lvmCommands()
    {
        QCOMPARE(lvm::createCommand(QStringLiteral("vg0"), QStringLiteral("web"), 2LL << 30),
                 (QStringList{QStringLiteral("lvcreate"), QStringLiteral("--yes"), QStringLiteral("--wipesignatures"),
                              QStringLiteral("y"), QStringLiteral("--size"), QStringLiteral("2147483648b"),
                              QStringLiteral("--name"), QStringLiteral("web"), QStringLiteral("vg0")}));
        QCOMPARE(lvm::createCommand(QStringLiteral("vg0"), QStringLiteral("web"), 0, QStringLiteral("pool")),
                 (QStringList{QStringLiteral("lvcreate"), QStringLiteral("--yes"), QStringLiteral("--thin"),
                              QStringLiteral("--virtualsize"), QStringLiteral("1073741824b"), QStringLiteral("--name"),
                              QStringLiteral("web"), QStringLiteral("vg0/pool")}));
        QCOMPARE(lvm::snapshotCommand(QStringLiteral("vg0"), QStringLiteral("web"), QStringLiteral("web2"), true, 0),
                 (QStringList{QStringLiteral("lvcreate"), QStringLiteral("--yes"), QStringLiteral("--snapshot"),
                              QStringLiteral("--name"), QStringLiteral("web2"), QStringLiteral("--setactivationskip"),
                              QStringLiteral("n"), QStringLiteral("vg0/web")}));
        QCOMPARE(lvm::snapshotCommand(QStringLiteral("vg0"), QStringLiteral("web"), QStringLiteral("web2"), false, 512LL << 20),
                 (QStringList{QStringLiteral("lvcreate"), QStringLiteral("--yes"), QStringLiteral("--snapshot"),
                              QStringLiteral("--name"), QStringLiteral("web2"), QStringLiteral("--size"),
                              QStringLiteral("536870912b"), QStringLiteral("vg0/web")}));
        QCOMPARE(lvm::removeCommand(QStringLiteral("vg0"), QStringLiteral("web")),
                 (QStringList{QStringLiteral("lvremove"), QStringLiteral("--yes"), QStringLiteral("--force"), QStringLiteral("vg0/web")}));
        QCOMPARE(lvm::mkfsCommand(QString(), QStringLiteral("/dev/vg0/web")),
                 (QStringList{QStringLiteral("mkfs.ext4"), QStringLiteral("-q"), QStringLiteral("-F"), QStringLiteral("/dev/vg0/web")}));
        QCOMPARE(lvm::mkfsCommand(QStringLiteral("xfs"), QStringLiteral("/dev/vg0/web")),
                 (QStringList{QStringLiteral("mkfs.xfs"), QStringLiteral("-q"), QStringLiteral("-f"), QStringLiteral("/dev/vg0/web")}));
        QVERIFY(lvm::lvsCommand(QStringLiteral("vg0")).contains(QStringLiteral("json")));
        QCOMPARE(lvm::lvsCommand(QStringLiteral("vg0")).last(), QStringLiteral("vg0"));
        QCOMPARE(lvm::devicePath(QStringLiteral("vg0"), QStringLiteral("web")), QStringLiteral("/dev/vg0/web"));
        QVERIFY(!lvm::validateName(QStringLiteral("web.1_a+b-c"), QStringLiteral("volume")));
        for (const char *bad : {"-x", "..", "a/b", "a b", "x_tmeta", ""})
            QVERIFY2(lvm::validateName(QLatin1String(bad), QStringLiteral("volume")), bad);
    }

    void lvmReports()
    {
        const QByteArray lvs = R"({
      "report": [
          {
              "lv": [
                  {"lv_name":"lxc", "vg_name":"vg0", "lv_attr":"twi-aotz--", "lv_size":"10737418240", "pool_lv":"", "origin":"", "lv_path":""},
                  {"lv_name":"web", "vg_name":"vg0", "lv_attr":"Vwi-a-tz--", "lv_size":"1073741824", "pool_lv":"lxc", "origin":"", "lv_path":"/dev/vg0/web"},
                  {"lv_name":"web2", "vg_name":"vg0", "lv_attr":"Vwi---tz-k", "lv_size":"1073741824", "pool_lv":"lxc", "origin":"web", "lv_path":"/dev/vg0/web2"},
                  {"lv_name":"old", "vg_name":"vg0", "lv_attr":"swi-a-s---", "lv_size":"536870912", "pool_lv":"", "origin":"base", "lv_path":"/dev/vg0/old"}
              ]
          }
      ]
  }
)";
        auto list = lvm::parseLvsReport(lvs);
        QVERIFY2(list.ok(), list.ok() ? "" : qPrintable(list.error().message));
        QCOMPARE(list->size(), 4);
        QVERIFY(list->at(0).isThinPool());
        QCOMPARE(list->at(0).sizeBytes, 10737418240LL);
        QVERIFY(list->at(1).isThinVolume() && !list->at(1).isSnapshot());
        QCOMPARE(list->at(1).pool, QStringLiteral("lxc"));
        QCOMPARE(list->at(1).path, QStringLiteral("/dev/vg0/web"));
        QVERIFY(list->at(2).isSnapshot() && list->at(2).origin == QStringLiteral("web"));
        QVERIFY(list->at(3).isSnapshot());

        // json_std gives numbers as numbers.
        auto std = lvm::parseLvsReport(R"({"report":[{"lv":[{"lv_name":"a","vg_name":"v","lv_attr":"-wi-a-----","lv_size":4194304}]}]})");
        QVERIFY(std.ok() && std->at(0).sizeBytes == 4194304);

        auto vgs = lvm::parseVgsReport(R"({"report":[{"vg":[{"vg_name":"vg0","vg_size":"21470642176","vg_free":"4290772992"}]}]})");
        QVERIFY(vgs.ok());
        QCOMPARE(vgs->size(), 1);
        QCOMPARE(vgs->at(0).name, QStringLiteral("vg0"));
        QCOMPARE(vgs->at(0).freeBytes, 4290772992LL);

        for (const char *bad : {"", "{", R"({"report":{}})", R"({"report":[{"vg":[]}]})",
                                R"({"report":[{"lv":[{"vg_name":"v"}]}]})", R"({"report":[{"lv":[{"lv_name":"a","lv_size":"lots"}]}]})"}) {
            auto r = lvm::parseLvsReport(QByteArray(bad));
            QVERIFY2(!r.ok(), bad);
            QCOMPARE(r.error().code, Error::Code::InvalidArgument);
        }
    }

    void lvmUnavailableSaysWhy()
    {
        const QString why = lvm::unavailableReason();
        const int control = ::open("/dev/mapper/control", O_RDWR | O_CLOEXEC);
        const int err = errno;
        if (control >= 0)
            ::close(control);
        if (!QFileInfo::exists(QStringLiteral("/dev/mapper/control")))
            QCOMPARE(why, QStringLiteral("device-mapper is not available (/dev/mapper/control is missing)"));
        else if (control < 0 && err == ENODEV)  // these machines: the node, no driver
            QCOMPARE(why, QStringLiteral("device-mapper is not available (/dev/mapper/control: No such device)"));
        else
            QVERIFY(why.isEmpty() || why.contains(QStringLiteral("lvm2")));
    }

    void detectsFilesystems()
    {
        QByteArray ext(0x10048, '\0');
        ext[0x438] = char(0x53);
        ext[0x439] = char(0xEF);
        QCOMPARE(lvm::detectFilesystemFromBytes(ext), QStringLiteral("ext4"));
        QByteArray xfs = "XFSB" + QByteArray(100, '\0');
        QCOMPARE(lvm::detectFilesystemFromBytes(xfs), QStringLiteral("xfs"));
        QByteArray btrfs(0x10048, '\0');
        btrfs.replace(0x10040, 8, "_BHRfS_M");
        QCOMPARE(lvm::detectFilesystemFromBytes(btrfs), QStringLiteral("btrfs"));
        QCOMPARE(lvm::detectFilesystemFromBytes(QByteArray(0x10048, '\0')), QString());
    }

    void rewritesPaths_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("prefix") << QStringLiteral("dir:/s/a/rootfs") << QStringLiteral("dir:/s/b/rootfs");
        QTest::newRow("exact") << QStringLiteral("/s/a") << QStringLiteral("/s/b");
        QTest::newRow("longer name kept") << QStringLiteral("/s/ab/rootfs") << QStringLiteral("/s/ab/rootfs");
        QTest::newRow("deeper kept") << QStringLiteral("/x/s/a/rootfs") << QStringLiteral("/x/s/a/rootfs");
        QTest::newRow("mount entry") << QStringLiteral("/srv/data /s/a/rootfs/mnt none bind 0 0")
                                     << QStringLiteral("/srv/data /s/b/rootfs/mnt none bind 0 0");
        QTest::newRow("overlay") << QStringLiteral("overlay:/s/base/rootfs:/s/a/delta0")
                                 << QStringLiteral("overlay:/s/base/rootfs:/s/b/delta0");
    }

    void rewritesPaths()
    {
        QFETCH(QString, value);
        QFETCH(QString, expected);
        QCOMPARE(rewritePaths(value, QStringLiteral("/s/a"), QStringLiteral("/s/b")), expected);
    }

    void rewritesConfigLosslessly()
    {
        const QByteArray config =
            "# my container\n"
            "lxc.utsname = a\n"          // legacy name: rewritten in place, key kept
            "lxc.rootfs.path = dir:/s/a/rootfs\n"
            "lxc.mount.fstab = /s/a/fstab\n"
            "lxc.log.file = /s/a/a.log\n"
            "\n"
            "lxc.net.0.type = veth\n"
            "lxc.net.0.hwaddr = 00:16:3e:aa:bb:cc\n"
            "lxc.net.1.type = veth\n"
            "lxc.net.1.hwaddr = 00:16:3e:xx:xx:xx\n"
            "lxc.mount.entry = /srv /s/a/rootfs/srv none bind 0 0\n"
            "lxc.ephemeral = 0\n";
        ConfigRewrite rw;
        rw.oldDir = QStringLiteral("/s/a");
        rw.newDir = QStringLiteral("/s/b");
        rw.newName = QStringLiteral("b");
        rw.rootfsValue = QStringLiteral("overlay:/s/a/rootfs:/s/b/delta0");
        rw.ephemeral = true;
        const QByteArray out = rewriteConfig(config, rw);
        const LoadResult loaded = loadConfigBytes(out, QStringLiteral("config"), QString());
        const Config &c = loaded.config;
        QCOMPARE(c.value(QStringLiteral("lxc.uts.name"), QString()), QStringLiteral("b"));
        QCOMPARE(c.value(QStringLiteral("lxc.rootfs.path"), QString()), QStringLiteral("overlay:/s/a/rootfs:/s/b/delta0"));
        QCOMPARE(c.value(QStringLiteral("lxc.mount.fstab"), QString()), QStringLiteral("/s/b/fstab"));
        QCOMPARE(c.value(QStringLiteral("lxc.log.file"), QString()), QStringLiteral("/s/b/a.log"));
        const QString mac0 = c.value(QStringLiteral("lxc.net.0.hwaddr"), QString());
        QVERIFY(mac0 != QStringLiteral("00:16:3e:aa:bb:cc"));
        QVERIFY2(!values::validateMac(mac0, false), qPrintable(mac0));
        QCOMPARE(c.value(QStringLiteral("lxc.net.1.hwaddr"), QString()), QStringLiteral("00:16:3e:xx:xx:xx"));
        QCOMPARE(c.values(QStringLiteral("lxc.mount.entry")), QStringList{QStringLiteral("/srv /s/b/rootfs/srv none bind 0 0")});
        QCOMPARE(c.value(QStringLiteral("lxc.ephemeral"), QString()), QStringLiteral("1"));
        QVERIFY(out.startsWith("# my container\nlxc.utsname = b\n"));
        QVERIFY(out.contains("\n\nlxc.net.0.type = veth\n"));

        // Keeping the hostname and MACs.
        rw.keepHostname = rw.keepMacs = true;
        rw.ephemeral = false;
        const Config kept = loadConfigBytes(rewriteConfig(config, rw), QStringLiteral("config"), QString()).config;
        QCOMPARE(kept.value(QStringLiteral("lxc.uts.name"), QString()), QStringLiteral("a"));
        QCOMPARE(kept.value(QStringLiteral("lxc.net.0.hwaddr"), QString()), QStringLiteral("00:16:3e:aa:bb:cc"));
        QVERIFY(!kept.value(QStringLiteral("lxc.ephemeral")));
    }

    // A cancelled import: when extractInto returns, its tar has ended, so
    // that nothing writes into the staging directory the caller removes
    // (a tar left running kept test_remote's staging directories).
    void cancelledExtractionEndsTar()
    {
        QTemporaryDir work;
        QVERIFY(work.isValid());
        QVERIFY(QDir().mkpath(work.filePath(QStringLiteral("src/rootfs/etc"))));
        QFile data(work.filePath(QStringLiteral("src/rootfs/etc/data")));
        QVERIFY(data.open(QIODevice::WriteOnly));
        data.write(QByteArray(20000, 'x'));
        data.close();
        QProcess tar;
        tar.start(QStringLiteral("tar"), {QStringLiteral("-C"), work.filePath(QStringLiteral("src")), QStringLiteral("-c"),
                                          QStringLiteral("-f"), QStringLiteral("-"), QStringLiteral(".")});
        QVERIFY(tar.waitForFinished());
        const QByteArray archive = tar.readAllStandardOutput();
        QVERIFY(archive.size() > 4096);

        // The archive without its end blocks, the writer kept open: tar
        // waits for more when the job is cancelled.
        int pipe[2];
        QCOMPARE(::pipe2(pipe, O_CLOEXEC), 0);
        const qsizetype part = archive.size() - 2048;
        QCOMPARE(::write(pipe[1], archive.constData(), size_t(part)), ssize_t(part));
        std::atomic_bool cancel = false;
        QStringList seen;
        {
            ArchiveStream stream(pipe[0], TarMemberRules([](const QString &) { return false; }), {},
                                 [&](const TarMember &m) -> Status {
                                     seen << m.name;
                                     cancel = true;  // the job cancelled as the first member passes
                                     return std::nullopt;
                                 },
                                 &cancel);
            QVERIFY(!stream.start(QStringLiteral("none")));
            QVERIFY(QDir().mkpath(work.filePath(QStringLiteral("into"))));
            const Status status = stream.extractInto(work.filePath(QStringLiteral("into")), {}, {});
            QVERIFY(status);
            QCOMPARE(status->code, Error::Code::Cancelled);
            QVERIFY(!seen.isEmpty());
            QVERIFY2(childProcesses().isEmpty(), qPrintable(childProcesses().join(QLatin1Char(' '))));
        }
        ::close(pipe[0]);
        ::close(pipe[1]);
    }

    void randomMacs()
    {
        QSet<QString> seen;
        for (int i = 0; i < 50; ++i) {
            const QString m = randomMac();
            QVERIFY(m.startsWith(QStringLiteral("00:16:3e:")));
            QVERIFY2(!values::validateMac(m, false), qPrintable(m));
            seen << m;
        }
        QVERIFY(seen.size() > 45);
    }
};

QTEST_GUILESS_MAIN(TestStorageUnits)
#include "test_storage_units.moc"
