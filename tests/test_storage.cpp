// Backends on real filesystems: btrfs subvolumes and snapshots on a btrfs
// made on a loop device (skipped where mkfs.btrfs is missing), "best", the
// tree removal that never crosses a mount, the start-up sweep.
#include "test_storage_util.h"

#include "backend.h"
#include "clone.h"
#include "destroy.h"
#include "fsops.h"
#include "staging.h"
#include "treedigest.h"
#include "busybox.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <btrfsutil.h>
#include <sys/mount.h>
#include <unistd.h>

using namespace hutch;
using namespace hutch::test;

class TestStorage : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (::geteuid() != 0)
            QSKIP("needs root (mounts, loop devices, device nodes)");
    }

    void removeTreeNeverCrossesMounts()
    {
        QTemporaryDir dir;
        const QString victim = dir.filePath(QStringLiteral("victim"));
        const QString keep = dir.filePath(QStringLiteral("keep"));
        QVERIFY(QDir().mkpath(victim + QStringLiteral("/mnt")));
        QVERIFY(QDir().mkpath(keep));
        QFile precious(keep + QStringLiteral("/precious"));
        QVERIFY(precious.open(QIODevice::WriteOnly));
        precious.close();
        // A symlink to the outside and a bind mount of it inside the tree.
        QVERIFY(QFile::link(keep, victim + QStringLiteral("/link")));
        QCOMPARE(::mount(QFile::encodeName(keep).constData(), QFile::encodeName(victim + QStringLiteral("/mnt")).constData(),
                         nullptr, MS_BIND, nullptr), 0);
        // Unmounted whatever happens below (a failed QVERIFY returns early).
        struct Unmount {
            QByteArray path;
            ~Unmount() { ::umount2(path.constData(), MNT_DETACH); }
        } unmount{QFile::encodeName(victim + QStringLiteral("/mnt"))};
        auto err = storage::removeTree(victim);
        QVERIFY(err);
        QVERIFY2(err->message.contains(QStringLiteral("mounted")), qPrintable(err->message));
        QVERIFY(QFileInfo::exists(keep + QStringLiteral("/precious")));
        QCOMPARE(::umount2(QFile::encodeName(victim + QStringLiteral("/mnt")).constData(), 0), 0);
        QVERIFY(!storage::removeTree(victim));
        QVERIFY(!QFileInfo::exists(victim));
        QVERIFY(QFileInfo::exists(keep + QStringLiteral("/precious")));
    }

    void sweepDetachesMountsAndRemovesLeftovers()
    {
        QTemporaryDir dir;
        const QString store = dir.filePath(QStringLiteral("store"));
        QVERIFY(QDir().mkpath(store + QStringLiteral("/.staging-web-abc123/rootfs")));
        QVERIFY(QDir().mkpath(store + QStringLiteral("/.destroy-old-xyz789/rootfs/etc")));
        QVERIFY(QDir().mkpath(store + QStringLiteral("/real/rootfs")));
        QVERIFY(QDir().mkpath(store + QStringLiteral("/real/snaps/.staging-snap0-q1w2e3")));
        // A killed helper may have left something mounted in staging.
        QCOMPARE(::mount("tmpfs", QFile::encodeName(store + QStringLiteral("/.staging-web-abc123/rootfs")).constData(),
                         "tmpfs", 0, "size=1m"), 0);
        const QStringList report = storage::sweepLeftovers(store);
        QCOMPARE(report.size(), 3);
        for (const QString &line : report)
            QVERIFY2(line.startsWith(QStringLiteral("removed ")), qPrintable(line));
        QCOMPARE(QDir(store).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList{QStringLiteral("real")});
        QVERIFY(QFileInfo(store + QStringLiteral("/real/rootfs")).isDir());
        QVERIFY(hiddenEntries(store + QStringLiteral("/real/snaps")).isEmpty());
    }

    void bestIsDirOffBtrfs()
    {
        LoopFs ext4(QStringLiteral("ext4"), 32 << 20);
        if (!ext4.ok())
            QSKIP(qPrintable(ext4.why()));
        QCOMPARE(*storage::resolveBackend(QStringLiteral("best"), ext4.mountPoint() + QStringLiteral("/store")),
                 storage::BackendKind::Dir);
        // btrfs asked for where there is none: a clear refusal.
        storage::Target t;
        t.name = QStringLiteral("x");
        t.stagingDir = ext4.mountPoint();
        t.finalDir = ext4.mountPoint() + QStringLiteral("/x");
        auto created = storage::makeBackend(storage::BackendKind::Btrfs)->create(t);
        QVERIFY(!created.ok());
        QVERIFY2(created.error().message.contains(QStringLiteral("not on btrfs")), qPrintable(created.error().message));
    }

    void btrfsSubvolumesSnapshotsAndDestroy()
    {
        if (const QString why = btrfsUnavailableReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        LoopFs fs(QStringLiteral("btrfs"), 512 << 20);
        QVERIFY2(fs.ok(), qPrintable(fs.why()));
        HelperSettings settings;
        settings.storePath = fs.mountPoint() + QStringLiteral("/store");
        QTemporaryDir run;
        settings.runtimePath = run.path();
        Runtime rt(settings, QString());
        QCOMPARE(*storage::resolveBackend(QStringLiteral("best"), settings.storePath), storage::BackendKind::Btrfs);

        // A container whose rootfs is a subvolume: a full copy into btrfs.
        QTemporaryDir other;
        QVERIFY(!templates::createBusybox(Store(other.path()), QStringLiteral("seed"), {}));
        QVERIFY(addAwkwardFiles(other.filePath(QStringLiteral("seed/rootfs"))).isEmpty());
        QVERIFY(QDir().mkpath(settings.storePath));
        // Move the seed into the btrfs store as a btrfs container.
        storage::Target t;
        t.name = QStringLiteral("base");
        t.stagingDir = settings.storePath + QStringLiteral("/base");
        t.finalDir = t.stagingDir;
        QVERIFY(QDir().mkpath(t.stagingDir));
        auto created = storage::makeBackend(storage::BackendKind::Btrfs)->create(t);
        QVERIFY2(created.ok(), created.ok() ? "" : qPrintable(created.error().message));
        QVERIFY(storage::copyTree(other.filePath(QStringLiteral("seed/rootfs")), created->fillPath).ok());
        QFile cfg(t.finalDir + QStringLiteral("/config"));
        QVERIFY(cfg.open(QIODevice::WriteOnly));
        cfg.write("lxc.uts.name = base\nlxc.rootfs.path = " + created->location.configValue().toUtf8() + "\nlxc.init.cmd = /sbin/init\n");
        cfg.close();
        QCOMPARE(btrfs_util_is_subvolume(QFile::encodeName(t.finalDir + QStringLiteral("/rootfs")).constData()), BTRFS_UTIL_OK);

        // A snapshot clone is a subvolume snapshot: quick, and equal.
        storage::CloneOptions snap;
        snap.snapshot = true;
        QElapsedTimer timer;
        timer.start();
        auto err = storage::cloneContainer(rt, QStringLiteral("base"), QStringLiteral("snapclone"), snap);
        QVERIFY2(!err, err ? qPrintable(err->message) : "");
        QVERIFY(timer.elapsed() < 5000);
        const QString snapRoot = settings.storePath + QStringLiteral("/snapclone/rootfs");
        QCOMPARE(btrfs_util_is_subvolume(QFile::encodeName(snapRoot).constData()), BTRFS_UTIL_OK);
        QFile c(settings.storePath + QStringLiteral("/snapclone/config"));
        QVERIFY(c.open(QIODevice::ReadOnly));
        QVERIFY(c.readAll().contains("lxc.rootfs.path = btrfs:" + QFile::encodeName(snapRoot)));

        // A full copy to btrfs: identical (keeping the hostname).
        storage::CloneOptions full;
        full.keepHostname = true;
        err = storage::cloneContainer(rt, QStringLiteral("base"), QStringLiteral("fullclone"), full);
        QVERIFY2(!err, err ? qPrintable(err->message) : "");
        auto a = storage::digestTree(t.finalDir + QStringLiteral("/rootfs"), {true});
        auto b = storage::digestTree(settings.storePath + QStringLiteral("/fullclone/rootfs"), {true});
        QVERIFY(a.ok() && b.ok());
        QVERIFY2(a->sha256 == b->sha256, qPrintable(storage::digestDifference(*a, *b).join(QLatin1Char('\n'))));

        // Destroy deletes the subvolumes.
        for (const char *n : {"snapclone", "fullclone", "base"}) {
            err = storage::destroyContainer(rt, QLatin1String(n));
            QVERIFY2(!err, err ? qPrintable(err->message) : "");
        }
        QVERIFY(QDir(settings.storePath).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestStorage)
#include "test_storage.moc"
