// Clones with real files and real containers: a full copy is identical to
// its source by tree digest (hardlinks, devices, fifos, xattrs, ACLs, sparse
// files); an overlay snapshot clone starts and its writes stay out of the
// source; the clone's config is its own; cancel and a killed helper leave
// nothing visible; running out of space fails clearly and leaves nothing.
#include "runtimefixture.h"
#include "test_storage_util.h"

#include "archive.h"
#include "clone.h"
#include "config.h"
#include "destroy.h"
#include "ephemeral.h"
#include "fsops.h"
#include "snapshots.h"
#include "staging.h"
#include "treedigest.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <sys/stat.h>
#include <unistd.h>

using namespace hutch;
using namespace hutch::test;

namespace {

QString readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

QString configValue(const QString &configPath, const QString &key)
{
    const LoadResult loaded = loadConfigFile(configPath);
    return loaded.config.value(key, QString());
}

// The host uid of root inside a running container, from its console: "0"
// when privileged.
QString rootOnHost(ConsoleSession &console)
{
    return console.run(QStringLiteral("awk '$1==0{print $2}' /proc/self/uid_map")).value_or(QStringLiteral("?"));
}

}  // namespace

class TestClone : public QObject {
    Q_OBJECT

    std::optional<RuntimeFixture> fx;
    QStringList extra;  // containers made here, not by the fixture

    Runtime &rt() { return fx->runtime(); }
    QString store() const { return fx->store().path(); }
    bool unprivileged() const { return fx->kind() == RuntimeFixture::Kind::Unprivileged; }

    // A copy (clone, import) of container SOURCE: unprivileged, it has an id
    // range of its own, never the source's; privileged, none.
    QString checkOwnIdRange(const QString &source, const QString &copy) const
    {
        const QStringList a = loadConfigFile(store() + u'/' + source + QStringLiteral("/config")).config.values(QStringLiteral("lxc.idmap"));
        const QStringList b = loadConfigFile(store() + u'/' + copy + QStringLiteral("/config")).config.values(QStringLiteral("lxc.idmap"));
        if (a.isEmpty() == unprivileged() || b.size() != a.size() || (!a.isEmpty() && a == b))
            return QStringLiteral("%1: %2; %3: %4").arg(source, a.join(u','), copy, b.join(u','));
        return {};
    }

    void forget(const QString &name)
    {
        stopAndWait(rt(), name);
        storage::DestroyOptions force;
        force.force = true;
        (void)storage::destroyContainer(rt(), name, force);
    }

private Q_SLOTS:
    // Every test runs for both kinds of container (runtimefixture.h).
    void initTestCase_data() { addKindRows(); }

    void initTestCase()
    {
        HUTCH_START_RUNTIME_FIXTURE(fx);
    }

    void init()
    {
        if (fx)
            fx->setKind(currentKind());
    }

    void cleanup()
    {
        for (const QString &n : std::as_const(extra))
            stopAndWait(rt(), n);
        if (fx)
            fx->stopAll();
    }

    void cleanupTestCase()
    {
        if (!fx)
            return;
        for (const QString &n : std::as_const(extra))
            stopAndWait(rt(), n);
        fx.reset();
    }

    void fullCloneIsIdentical()
    {
        QVERIFY(!fx->create(QStringLiteral("full-src")));
        const QString srcRoot = store() + QStringLiteral("/full-src/rootfs");
        const QString why = addAwkwardFiles(srcRoot);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        // An fstab of its own that names the container's directory.
        QFile fstab(store() + QStringLiteral("/full-src/fstab"));
        QVERIFY(fstab.open(QIODevice::WriteOnly));
        fstab.write(QStringLiteral("tmpfs %1/rootfs/mnt tmpfs defaults 0 0\n").arg(store() + QStringLiteral("/full-src")).toUtf8());
        fstab.close();
        QVERIFY(!fx->setConfig(QStringLiteral("full-src"), QStringLiteral("lxc.mount.fstab"),
                               store() + QStringLiteral("/full-src/fstab")));
        QVERIFY(!fx->setConfig(QStringLiteral("full-src"), QStringLiteral("lxc.net.0.hwaddr"),
                               QStringLiteral("00:16:3e:12:34:56")));
        QVERIFY(!fx->setConfig(QStringLiteral("full-src"), QStringLiteral("lxc.log.file"),
                               store() + QStringLiteral("/full-src/full-src.log")));

        QStringList lines;
        extra << QStringLiteral("full-dst");
        auto err = storage::cloneContainer(rt(), QStringLiteral("full-src"), QStringLiteral("full-dst"), {},
                                           [&](const QString &l) { lines << l; });
        QVERIFY2(!err, err ? qPrintable(err->message) : "");

        auto a = storage::digestTree(srcRoot, {true});
        auto b = storage::digestTree(store() + QStringLiteral("/full-dst/rootfs"), {true});
        QVERIFY2(a.ok(), a.ok() ? "" : qPrintable(a.error().message));
        QVERIFY2(b.ok(), b.ok() ? "" : qPrintable(b.error().message));
        // Identical but for the hostname, which the clone writes into
        // /etc/hostname and /etc/hosts (as LXC's clone does).
        for (const QString &d : storage::digestDifference(*a, *b, 1000))
            QVERIFY2(d.mid(2).startsWith(QStringLiteral("/etc/hostname ")) || d.mid(2).startsWith(QStringLiteral("/etc/hosts ")),
                     qPrintable(storage::digestDifference(*a, *b).join(QLatin1Char('\n'))));
        QCOMPARE(readFile(store() + QStringLiteral("/full-dst/rootfs/etc/hostname")), QStringLiteral("full-dst\n"));
        QVERIFY(readFile(store() + QStringLiteral("/full-dst/rootfs/etc/hosts")).contains(QStringLiteral("127.0.1.1\tfull-dst\n")));
        // Keeping the hostname, the copy is identical, byte for byte and
        // attribute for attribute.
        storage::CloneOptions keep;
        keep.keepHostname = true;
        extra << QStringLiteral("full-same");
        err = storage::cloneContainer(rt(), QStringLiteral("full-src"), QStringLiteral("full-same"), keep);
        QVERIFY2(!err, err ? qPrintable(err->message) : "");
        auto same = storage::digestTree(store() + QStringLiteral("/full-same/rootfs"), {true});
        QVERIFY(same.ok());
        QVERIFY2(a->sha256 == same->sha256, qPrintable(storage::digestDifference(*a, *same).join(QLatin1Char('\n'))));
        QVERIFY(!storage::destroyContainer(rt(), QStringLiteral("full-same")));
        // The digest sees what matters: hardlink group, device, ACL, owners.
        const QString all = a->lines.join(QLatin1Char('\n'));
        QVERIFY(all.contains(QStringLiteral("/awk/second-name f")) && all.contains(QStringLiteral("link=/awk/original")));
        QVERIFY(all.contains(QStringLiteral("/awk/null c ")) && all.contains(QStringLiteral(" 0:0 1:3 ")));
        QVERIFY(all.contains(QStringLiteral("system.posix_acl_access=")));
        QVERIFY(all.contains(QStringLiteral("/awk/setuid f 4751 1234:5678")));
        QVERIFY(all.contains(QStringLiteral("/awk/abs-link l 0777 0:0 /etc/passwd [trusted.hutch=74]")));

        // Sparse stays sparse: 64 MiB apparent, a few KiB allocated.
        struct stat st {};
        QCOMPARE(::stat(QFile::encodeName(store() + QStringLiteral("/full-dst/rootfs/awk/sparse")).constData(), &st), 0);
        QCOMPARE(st.st_size, off_t(64 << 20));
        QVERIFY2(st.st_blocks * 512 < 1024 * 1024, qPrintable(QString::number(st.st_blocks * 512)));
        // Hardlinks are hardlinks.
        struct stat l1 {}, l2 {};
        ::stat(QFile::encodeName(store() + QStringLiteral("/full-dst/rootfs/awk/original")).constData(), &l1);
        ::stat(QFile::encodeName(store() + QStringLiteral("/full-dst/rootfs/awk/second-name")).constData(), &l2);
        QCOMPARE(l1.st_ino, l2.st_ino);

        // Its own config: hostname, MAC, paths.
        const QString cfg = store() + QStringLiteral("/full-dst/config");
        QCOMPARE(configValue(cfg, QStringLiteral("lxc.uts.name")), QStringLiteral("full-dst"));
        QCOMPARE(configValue(cfg, QStringLiteral("lxc.rootfs.path")), QStringLiteral("dir:") + store() + QStringLiteral("/full-dst/rootfs"));
        QCOMPARE(configValue(cfg, QStringLiteral("lxc.mount.fstab")), store() + QStringLiteral("/full-dst/fstab"));
        QCOMPARE(configValue(cfg, QStringLiteral("lxc.log.file")), store() + QStringLiteral("/full-dst/full-dst.log"));
        const QString mac = configValue(cfg, QStringLiteral("lxc.net.0.hwaddr"));
        QVERIFY(mac.startsWith(QStringLiteral("00:16:3e:")));
        QVERIFY(mac != QStringLiteral("00:16:3e:12:34:56"));
        QCOMPARE(readFile(store() + QStringLiteral("/full-dst/fstab")),
                 QStringLiteral("tmpfs %1/rootfs/mnt tmpfs defaults 0 0\n").arg(store() + QStringLiteral("/full-dst")));
        const QString ranges = checkOwnIdRange(QStringLiteral("full-src"), QStringLiteral("full-dst"));
        QVERIFY2(ranges.isEmpty(), qPrintable(ranges));
        // The source is untouched.
        QCOMPARE(configValue(store() + QStringLiteral("/full-src/config"), QStringLiteral("lxc.net.0.hwaddr")),
                 QStringLiteral("00:16:3e:12:34:56"));
        QVERIFY(hiddenEntries(store()).isEmpty());

        // The clone starts (its fstab mounts a tmpfs on /mnt).
        auto pid = rt().start(QStringLiteral("full-dst"));
        QVERIFY2(pid.ok(), pid.ok() ? "" : qPrintable(pid.error().message));
        auto console = ConsoleSession::open(rt(), QStringLiteral("full-dst"));
        QVERIFY(console);
        QCOMPARE(console->run(QStringLiteral("hostname")).value_or(QString()), QStringLiteral("full-dst"));
        QCOMPARE(console->run(QStringLiteral("cat /awk/second-name")).value_or(QString()), QStringLiteral("hardlinked content"));
        QCOMPARE(rootOnHost(*console) != QStringLiteral("0"), unprivileged());
        stopAndWait(rt(), QStringLiteral("full-dst"));
        forget(QStringLiteral("full-dst"));
        QVERIFY(!QFileInfo::exists(store() + QStringLiteral("/full-dst")));
    }

    void overlayCloneStartsAndKeepsWritesToItself()
    {
        QVERIFY(!fx->create(QStringLiteral("ovl-base")));
        storage::CloneOptions o;
        o.snapshot = true;
        extra << QStringLiteral("ovl-clone");
        auto err = storage::cloneContainer(rt(), QStringLiteral("ovl-base"), QStringLiteral("ovl-clone"), o);
        QVERIFY2(!err, err ? qPrintable(err->message) : "");
        const QString cdir = store() + QStringLiteral("/ovl-clone");
        QCOMPARE(configValue(cdir + QStringLiteral("/config"), QStringLiteral("lxc.rootfs.path")),
                 QStringLiteral("overlay:%1/ovl-base/rootfs:%2/delta0").arg(store(), cdir));
        QVERIFY(QFileInfo(cdir + QStringLiteral("/olwork")).isDir());

        auto pid = rt().start(QStringLiteral("ovl-clone"));
        QVERIFY2(pid.ok(), pid.ok() ? "" : qPrintable(pid.error().message));
        auto console = ConsoleSession::open(rt(), QStringLiteral("ovl-clone"));
        QVERIFY(console);
        QCOMPARE(console->run(QStringLiteral("hostname")).value_or(QString()), QStringLiteral("ovl-clone"));
        QCOMPARE(rootOnHost(*console) != QStringLiteral("0"), unprivileged());
        const QString ranges = checkOwnIdRange(QStringLiteral("ovl-base"), QStringLiteral("ovl-clone"));
        QVERIFY2(ranges.isEmpty(), qPrintable(ranges));
        QCOMPARE(console->run(QStringLiteral("echo written-in-clone > /root/new-file && rm /etc/profile && echo done"))
                     .value_or(QString()),
                 QStringLiteral("done"));
        QCOMPARE(console->run(QStringLiteral("cat /root/new-file; grep -c overlay /proc/mounts")).value_or(QString()),
                 QStringLiteral("written-in-clone\n1"));
        // The host sees no overlay mount: it lives in the container's namespace.
        QVERIFY(!readFile(QStringLiteral("/proc/self/mountinfo")).contains(cdir));
        // The write is in the clone's upper layer, not in the source.
        QCOMPARE(readFile(cdir + QStringLiteral("/delta0/root/new-file")), QStringLiteral("written-in-clone\n"));
        QVERIFY(!QFileInfo::exists(store() + QStringLiteral("/ovl-base/rootfs/root/new-file")));
        QVERIFY(QFileInfo::exists(store() + QStringLiteral("/ovl-base/rootfs/etc/profile")));
        stopAndWait(rt(), QStringLiteral("ovl-clone"));

        // A clone of the clone stacks both layers.
        extra << QStringLiteral("ovl-clone2");
        err = storage::cloneContainer(rt(), QStringLiteral("ovl-clone"), QStringLiteral("ovl-clone2"), o);
        QVERIFY2(!err, err ? qPrintable(err->message) : "");
        pid = rt().start(QStringLiteral("ovl-clone2"));
        QVERIFY2(pid.ok(), pid.ok() ? "" : qPrintable(pid.error().message));
        console = ConsoleSession::open(rt(), QStringLiteral("ovl-clone2"));
        QVERIFY(console);
        QCOMPARE(console->run(QStringLiteral("cat /root/new-file; ls /etc/profile 2>/dev/null | wc -l")).value_or(QString()),
                 QStringLiteral("written-in-clone\n0"));
        stopAndWait(rt(), QStringLiteral("ovl-clone2"));

        // A full copy of an overlay clone copies the merged view.
        extra << QStringLiteral("ovl-flat");
        err = storage::cloneContainer(rt(), QStringLiteral("ovl-clone2"), QStringLiteral("ovl-flat"), {});
        QVERIFY2(!err, err ? qPrintable(err->message) : "");
        QCOMPARE(configValue(store() + QStringLiteral("/ovl-flat/config"), QStringLiteral("lxc.rootfs.path")),
                 QStringLiteral("dir:%1/ovl-flat/rootfs").arg(store()));
        QCOMPARE(readFile(store() + QStringLiteral("/ovl-flat/rootfs/root/new-file")), QStringLiteral("written-in-clone\n"));
        QVERIFY(!QFileInfo::exists(store() + QStringLiteral("/ovl-flat/rootfs/etc/profile")));
        QVERIFY(QFileInfo(store() + QStringLiteral("/ovl-flat/rootfs/bin/busybox")).isFile());

        // The base cannot go while clones stack on it; the reason names them.
        auto refused = storage::destroyContainer(rt(), QStringLiteral("ovl-base"));
        QVERIFY(refused);
        QCOMPARE(refused->code, Error::Code::Conflict);  // lasting, not "right now"
        QVERIFY2(refused->message.contains(QStringLiteral("ovl-clone")), qPrintable(refused->message));
        QVERIFY(QFileInfo(store() + QStringLiteral("/ovl-base/rootfs/bin/busybox")).isFile());
        refused = storage::destroyContainer(rt(), QStringLiteral("ovl-clone"));
        QVERIFY(refused && refused->message.contains(QStringLiteral("ovl-clone2")));

        QVERIFY(!storage::destroyContainer(rt(), QStringLiteral("ovl-clone2")));
        QVERIFY(!storage::destroyContainer(rt(), QStringLiteral("ovl-clone")));
        QVERIFY(!storage::destroyContainer(rt(), QStringLiteral("ovl-flat")));
        QVERIFY(!storage::destroyContainer(rt(), QStringLiteral("ovl-base")));
        QVERIFY(QDir(store()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).filter(QStringLiteral("ovl")).isEmpty());
    }

    void snapshotCreateListRestoreDelete_data()
    {
        QTest::addColumn<bool>("overlay");
        QTest::newRow("dir") << false;
        QTest::newRow("overlay clone") << true;
    }

    void snapshotCreateListRestoreDelete()
    {
        QFETCH(bool, overlay);
        const QString name = overlay ? QStringLiteral("snap-ovl") : QStringLiteral("snap-dir");
        if (overlay) {
            QVERIFY(!fx->create(QStringLiteral("snap-lower")));
            storage::CloneOptions o;
            o.snapshot = true;
            extra << name;
            QVERIFY(!storage::cloneContainer(rt(), QStringLiteral("snap-lower"), name, o));
        } else {
            QVERIFY(!fx->create(name));
        }
        auto shell = [&](const QString &command) -> QString {
            auto pid = rt().start(name);
            if (!pid)
                return QStringLiteral("start failed: ") + pid.error().message;
            auto console = ConsoleSession::open(rt(), name);
            const QString out = console ? console->run(command).value_or(QStringLiteral("(timeout)")) : QStringLiteral("(no console)");
            stopAndWait(rt(), name);
            return out;
        };
        QCOMPARE(shell(QStringLiteral("echo one > /root/version && echo ok")), QStringLiteral("ok"));
        const QString dir = store() + QLatin1Char('/') + name;
        const QString view = overlay ? dir + QStringLiteral("/delta0") : dir + QStringLiteral("/rootfs");
        auto before = storage::digestTree(view, {true});
        QVERIFY(before.ok());

        auto snap0 = storage::createSnapshot(rt(), name, QStringLiteral("first version"));
        QVERIFY2(snap0.ok(), snap0.ok() ? "" : qPrintable(snap0.error().message));
        QCOMPARE(*snap0, QStringLiteral("snap0"));
        QVERIFY(QFileInfo(dir + QStringLiteral("/snaps/snap0/ts")).isFile());
        QCOMPARE(readFile(dir + QStringLiteral("/snaps/snap0/comment")), QStringLiteral("first version\n"));
        QVERIFY(QFileInfo(dir + QStringLiteral("/snaps/snap0/") + (overlay ? QStringLiteral("delta0") : QStringLiteral("rootfs"))).isDir());

        QCOMPARE(shell(QStringLiteral("echo two > /root/version && touch /root/later && rm /etc/profile && echo ok")),
                 QStringLiteral("ok"));
        auto snap1 = storage::createSnapshot(rt(), name);
        QVERIFY(snap1.ok() && *snap1 == QStringLiteral("snap1"));
        auto list = storage::listSnapshots(fx->store(), name);
        QVERIFY(list.ok());
        QCOMPARE(list->size(), 2);
        QCOMPARE(list->at(0).comment, QStringLiteral("first version"));
        QVERIFY(list->at(0).timestamp.contains(QRegularExpression(QStringLiteral("^\\d{4}:\\d\\d:\\d\\d \\d\\d:\\d\\d:\\d\\d$"))));
        QVERIFY(list->at(1).comment.isEmpty());

        // Restoring snap0 gives back the earlier rootfs, exactly.
        auto err = storage::restoreSnapshot(rt(), name, QStringLiteral("snap0"));
        QVERIFY2(!err, err ? qPrintable(err->message) : "");
        auto after = storage::digestTree(view, {true});
        QVERIFY(after.ok());
        QVERIFY2(before->sha256 == after->sha256, qPrintable(storage::digestDifference(*before, *after).join(QLatin1Char('\n'))));
        QVERIFY(hiddenEntries(dir).isEmpty());
        QCOMPARE(shell(QStringLiteral("cat /root/version; ls /root/later 2>/dev/null | wc -l; ls /etc/profile")),
                 QStringLiteral("one\n0\n/etc/profile"));
        // And snap1 the later one.
        QVERIFY(!storage::restoreSnapshot(rt(), name, QStringLiteral("snap1")));
        QCOMPARE(shell(QStringLiteral("cat /root/version")), QStringLiteral("two"));

        // Refusals change nothing.
        err = storage::restoreSnapshot(rt(), name, QStringLiteral("snap7"));
        QVERIFY(err && err->code == Error::Code::NotFound);
        err = storage::restoreSnapshot(rt(), name, QStringLiteral("../x"));
        QVERIFY(err && err->code == Error::Code::InvalidArgument);

        QVERIFY(!storage::deleteSnapshot(rt(), name, QStringLiteral("snap0")));
        list = storage::listSnapshots(fx->store(), name);
        QVERIFY(list.ok() && list->size() == 1 && list->at(0).name == QStringLiteral("snap1"));
        QVERIFY(hiddenEntries(dir + QStringLiteral("/snaps")).isEmpty());
        // Destroy takes the snapshots along.
        QVERIFY(!storage::destroyContainer(rt(), name));
        QVERIFY(!QFileInfo::exists(dir));
        if (overlay)
            QVERIFY(!storage::destroyContainer(rt(), QStringLiteral("snap-lower")));
    }

    void ephemeralContainerGoesAwayWhenItStops()
    {
        QVERIFY(!fx->create(QStringLiteral("eph-src")));
        auto started = storage::startEphemeral(rt(), QStringLiteral("eph-src"));
        QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().message));
        const QString name = started->name;
        extra << name;
        QVERIFY(name.startsWith(QStringLiteral("eph-src-")) && name.size() == 16);
        QCOMPARE(configValue(store() + QLatin1Char('/') + name + QStringLiteral("/config"), QStringLiteral("lxc.ephemeral")),
                 QStringLiteral("1"));
        auto console = ConsoleSession::open(rt(), name);
        QVERIFY(console);
        QCOMPARE(console->run(QStringLiteral("hostname; echo scratch > /root/scratch && echo ok")).value_or(QString()),
                 name + QStringLiteral("\nok"));
        // While it runs its source cannot go.
        auto refused = storage::destroyContainer(rt(), QStringLiteral("eph-src"));
        QVERIFY(refused && refused->message.contains(name));
        console->run(QStringLiteral("poweroff"), 500);
        QVERIFY(fx->waitForState(name, QStringLiteral("STOPPED")));
        // STOPPED is heard only once the monitor removed it.
        QVERIFY2(!QFileInfo::exists(store() + QLatin1Char('/') + name), qPrintable(name));
        QVERIFY2(hiddenEntries(store()).isEmpty(), qPrintable(hiddenEntries(store()).join(QLatin1Char(' '))));
        QVERIFY(!QFileInfo::exists(store() + QStringLiteral("/eph-src/rootfs/root/scratch")));
        QVERIFY(storage::overlayDependents(store(), QStringLiteral("eph-src")).isEmpty());

        // One whose monitor never ran (or died) is swept at the helper's start.
        storage::CloneOptions o;
        o.ephemeral = true;
        QVERIFY(!storage::cloneContainer(rt(), QStringLiteral("eph-src"), QStringLiteral("eph-left"), o));
        const QStringList swept = storage::sweepEphemeral(rt());
        QCOMPARE(swept, QStringList{QStringLiteral("destroyed the stopped ephemeral container \"eph-left\"")});
        QVERIFY(!QFileInfo::exists(store() + QStringLiteral("/eph-left")));
        QVERIFY(QFileInfo(store() + QStringLiteral("/eph-src/config")).isFile());
    }

    void exportThenImportGivesAnEqualContainerThatStarts()
    {
        QVERIFY(!fx->create(QStringLiteral("exp-src")));
        QVERIFY(addAwkwardFiles(store() + QStringLiteral("/exp-src/rootfs")).isEmpty());
        QTemporaryDir out;
        // A block device is exported, and an import refuses it (only the
        // character devices every container has come in: tarscan.h).
        const QString withBlock = out.filePath(QStringLiteral("with-block.tar"));
        QVERIFY(!storage::exportContainer(rt(), QStringLiteral("exp-src"), withBlock));
        storage::ImportOptions blockAs;
        blockAs.name = QStringLiteral("exp-block");
        auto blocked = storage::importContainer(rt(), withBlock, blockAs);
        QVERIFY2(!blocked.ok() && blocked.error().message.contains(QLatin1String("block device")),
                 blocked.ok() ? "imported" : qPrintable(blocked.error().message));
        QVERIFY(!QFileInfo::exists(store() + QStringLiteral("/exp-block")));
        QVERIFY(QFile::remove(withBlock));
        QVERIFY(QFile::remove(store() + QStringLiteral("/exp-src/rootfs/awk/blockdev")));
        const QString archive = out.filePath(QStringLiteral("exp-src.tar.xz"));
        auto err = storage::exportContainer(rt(), QStringLiteral("exp-src"), archive);
        QVERIFY2(!err, err ? qPrintable(err->message) : "");
        QVERIFY(QFileInfo(archive).size() > 0);
        QCOMPARE(QDir(out.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList{QStringLiteral("exp-src.tar.xz")});
        auto before = storage::digestTree(store() + QStringLiteral("/exp-src/rootfs"), {true});
        QVERIFY(before.ok());

        // Back under a new name: equal but for the hostname (and the
        // socket, which tar does not archive: it means nothing without its process).
        extra << QStringLiteral("exp-copy");
        storage::ImportOptions as;
        as.name = QStringLiteral("exp-copy");
        auto imported = storage::importContainer(rt(), archive, as);
        QVERIFY2(imported.ok(), imported.ok() ? "" : qPrintable(imported.error().message));
        auto after = storage::digestTree(store() + QStringLiteral("/exp-copy/rootfs"), {true});
        QVERIFY(after.ok());
        for (const QString &d : storage::digestDifference(*before, *after, 1000))
            QVERIFY2(d.mid(2).startsWith(QStringLiteral("/etc/hostname ")) || d.mid(2).startsWith(QStringLiteral("/etc/hosts "))
                         || d.mid(2).startsWith(QStringLiteral("/awk/sock ")),
                     qPrintable(storage::digestDifference(*before, *after).join(QLatin1Char('\n'))));
        QCOMPARE(configValue(store() + QStringLiteral("/exp-copy/config"), QStringLiteral("lxc.uts.name")), QStringLiteral("exp-copy"));
        QCOMPARE(configValue(store() + QStringLiteral("/exp-copy/config"), QStringLiteral("lxc.rootfs.path")),
                 QStringLiteral("dir:%1/exp-copy/rootfs").arg(store()));
        auto pid = rt().start(QStringLiteral("exp-copy"));
        QVERIFY2(pid.ok(), pid.ok() ? "" : qPrintable(pid.error().message));
        auto console = ConsoleSession::open(rt(), QStringLiteral("exp-copy"));
        QVERIFY(console);
        QCOMPARE(console->run(QStringLiteral("hostname; cat /awk/second-name")).value_or(QString()),
                 QStringLiteral("exp-copy\nhardlinked content"));
        QCOMPARE(rootOnHost(*console) != QStringLiteral("0"), unprivileged());
        const QString ranges = checkOwnIdRange(QStringLiteral("exp-src"), QStringLiteral("exp-copy"));
        QVERIFY2(ranges.isEmpty(), qPrintable(ranges));
        stopAndWait(rt(), QStringLiteral("exp-copy"));

        // Under the same name after the original is gone: identical.
        QVERIFY(!storage::destroyContainer(rt(), QStringLiteral("exp-src")));
        imported = storage::importContainer(rt(), archive);
        QVERIFY2(imported.ok() && *imported == QStringLiteral("exp-src"), imported.ok() ? "" : qPrintable(imported.error().message));
        auto same = storage::digestTree(store() + QStringLiteral("/exp-src/rootfs"), {true});
        QVERIFY(same.ok());
        for (const QString &d : storage::digestDifference(*before, *same, 1000))
            QVERIFY2(d.mid(2).startsWith(QStringLiteral("/awk/sock ")), qPrintable(d));
        // A name that is taken is refused, and nothing is left.
        auto refused = storage::importContainer(rt(), archive);
        QVERIFY(!refused.ok() && refused.error().code == Error::Code::Conflict);
        QVERIFY(hiddenEntries(store()).isEmpty());
    }

    void importRefusesBadArchives()
    {
        QTemporaryDir dir;
        // A tarball with a ".." member.
        QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("t/sub"))));
        QFile f(dir.filePath(QStringLiteral("t/sub/x")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        const QString evil = dir.filePath(QStringLiteral("evil.tar"));
        QString output;
        QCOMPARE(runProgram(QStringLiteral("tar"), {QStringLiteral("-cf"), evil, QStringLiteral("-C"), dir.filePath(QStringLiteral("t/sub")),
                                                    QStringLiteral("--transform=s,^,../,"), QStringLiteral("x")}, &output), 0);
        auto r = storage::importContainer(rt(), evil);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.contains(QStringLiteral("\"..\"")), qPrintable(r.error().message));
        // Not an export at all.
        const QString plain = dir.filePath(QStringLiteral("plain.tar"));
        QCOMPARE(runProgram(QStringLiteral("tar"), {QStringLiteral("-cf"), plain, QStringLiteral("-C"), dir.filePath(QStringLiteral("t")), QStringLiteral(".")}), 0);
        r = storage::importContainer(rt(), plain);
        QVERIFY(!r.ok() && r.error().message.contains(QStringLiteral("not a Hutch export")));
        QVERIFY(hiddenEntries(store()).isEmpty());
    }

    void destroyRefusesRunningUnlessForced()
    {
        QVERIFY(!fx->create(QStringLiteral("busy")));
        auto pid = rt().start(QStringLiteral("busy"));
        QVERIFY2(pid.ok(), pid.ok() ? "" : qPrintable(pid.error().message));
        auto err = storage::destroyContainer(rt(), QStringLiteral("busy"));
        QVERIFY(err);
        QCOMPARE(err->code, Error::Code::Busy);
        QVERIFY2(err->message.contains(QStringLiteral("running")), qPrintable(err->message));
        QVERIFY(QFileInfo(store() + QStringLiteral("/busy/config")).isFile());
        QCOMPARE(rt().state(QStringLiteral("busy")), QStringLiteral("RUNNING"));
        // Clone refuses a running source too, and leaves nothing.
        err = storage::cloneContainer(rt(), QStringLiteral("busy"), QStringLiteral("busy2"), {});
        QVERIFY(err && err->code == Error::Code::Busy);
        QVERIFY(!QFileInfo::exists(store() + QStringLiteral("/busy2")));

        storage::DestroyOptions force;
        force.force = true;
        err = storage::destroyContainer(rt(), QStringLiteral("busy"), force);
        QVERIFY2(!err, err ? qPrintable(err->message) : "");
        QVERIFY(!QFileInfo::exists(store() + QStringLiteral("/busy")));
        QCOMPARE(rt().state(QStringLiteral("busy")), QStringLiteral("STOPPED"));
        QVERIFY(hiddenEntries(store()).isEmpty());
        err = storage::destroyContainer(rt(), QStringLiteral("busy"));
        QVERIFY(err && err->code == Error::Code::NotFound);
    }

    void cancelLeavesNothing()
    {
        QVERIFY(!fx->create(QStringLiteral("cancel-src")));
        std::atomic_bool cancel = false;
        auto err = storage::cloneContainer(rt(), QStringLiteral("cancel-src"), QStringLiteral("cancel-dst"), {},
                                           [&](const QString &line) {
                                               if (line.startsWith(QStringLiteral("copying the rootfs")))
                                                   cancel = true;
                                           },
                                           &cancel);
        QVERIFY(err);
        QCOMPARE(err->code, Error::Code::Cancelled);
        QVERIFY(!QFileInfo::exists(store() + QStringLiteral("/cancel-dst")));
        QVERIFY2(hiddenEntries(store()).isEmpty(), qPrintable(hiddenEntries(store()).join(QLatin1Char(' '))));
    }

    void killedCloneLeavesOnlyStagingWhichIsSwept()
    {
        QVERIFY(!fx->create(QStringLiteral("kill-src")));
        // Enough files that the copy takes a moment.
        const QString bulk = store() + QStringLiteral("/kill-src/rootfs/bulk");
        QVERIFY(QDir().mkpath(bulk));
        for (int d = 0; d < 40; ++d) {
            QDir().mkpath(bulk + QStringLiteral("/d%1").arg(d));
            for (int f = 0; f < 100; ++f) {
                QFile file(bulk + QStringLiteral("/d%1/f%2").arg(d).arg(f));
                QVERIFY(file.open(QIODevice::WriteOnly));
                file.write(QByteArray(20000, char('a' + f % 26)));
            }
        }
        // Another process clones (this binary, see main()); it is killed
        // as soon as its staging directory has a rootfs in it.
        QProcess child;
        child.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("--clone-child"), store(), QStringLiteral("kill-src"), QStringLiteral("kill-dst")});
        QVERIFY(child.waitForStarted());
        QElapsedTimer t;
        t.start();
        bool seen = false;
        while (!seen && t.elapsed() < 20000 && child.state() == QProcess::Running) {
            for (const QString &h : hiddenEntries(store()))
                if (h.startsWith(QStringLiteral(".staging-kill-dst-"))
                    && QFileInfo::exists(store() + QLatin1Char('/') + h + QStringLiteral("/rootfs/bin")))
                    seen = true;
            if (!seen)
                QThread::usleep(500);
        }
        QVERIFY2(seen, "the child's staging directory never appeared");
        child.kill();  // SIGKILL to that one pid
        child.waitForFinished();
        QVERIFY(!QFileInfo::exists(store() + QStringLiteral("/kill-dst")));
        QVERIFY(fx->store().list().ok());
        for (const StoreEntry &e : *fx->store().list())
            QVERIFY(e.name != QStringLiteral("kill-dst") && !e.name.startsWith(QLatin1Char('.')));
        QVERIFY(!hiddenEntries(store()).isEmpty());
        // The helper's start-up sweep removes it.
        const QStringList swept = storage::sweepLeftovers(store());
        QVERIFY2(swept.size() == 1 && swept.front().startsWith(QStringLiteral("removed ")), qPrintable(swept.join(QLatin1Char('\n'))));
        QVERIFY(hiddenEntries(store()).isEmpty());
    }

    void outOfSpaceFailsClearlyAndLeavesNothing()
    {
        LoopFs small(QStringLiteral("ext4"), 16 << 20);
        if (!small.ok())
            QSKIP(qPrintable(small.why()));
        HelperSettings settings = rt().settings();
        settings.storePath = small.mountPoint() + QStringLiteral("/store");
        Runtime smallRt(settings, QStringLiteral(HUTCH_MONITOR_PATH));
        QVERIFY(!templates::createBusybox(smallRt.store(), QStringLiteral("fits"), {}));
        // 9 MiB of data that cannot be shared: a second copy does not fit.
        QFile big(settings.storePath + QStringLiteral("/fits/rootfs/big"));
        QVERIFY(big.open(QIODevice::WriteOnly));
        QByteArray chunk(1 << 20, '\0');
        for (int i = 0; i < 9; ++i) {
            for (qsizetype j = 0; j < chunk.size(); ++j)
                chunk[j] = char((j * 31 + i * 7) ^ (j >> 8));
            QVERIFY(big.write(chunk) == chunk.size());
        }
        big.close();
        auto err = storage::cloneContainer(smallRt, QStringLiteral("fits"), QStringLiteral("nope"), {});
        QVERIFY(err);
        QVERIFY2(err->message.contains(QStringLiteral("No space left on device")), qPrintable(err->message));
        QVERIFY2(err->message.startsWith(QStringLiteral("clone \"fits\" to \"nope\"")), qPrintable(err->message));
        QCOMPARE(err->sysErrno, ENOSPC);
        QVERIFY(!QFileInfo::exists(settings.storePath + QStringLiteral("/nope")));
        QVERIFY2(hiddenEntries(settings.storePath).isEmpty(), qPrintable(hiddenEntries(settings.storePath).join(QLatin1Char(' '))));
        QVERIFY(!storage::destroyContainer(smallRt, QStringLiteral("fits")));
    }
};

int main(int argc, char **argv)
{
    // The child of killedCloneLeavesOnlyStagingWhichIsSwept: a clone to be killed.
    if (argc == 5 && QByteArray(argv[1]) == "--clone-child") {
        QCoreApplication app(argc, argv);
        HelperSettings settings;
        settings.storePath = QString::fromLocal8Bit(argv[2]);
        settings.runtimePath = QDir::tempPath() + QStringLiteral("/hutch-clone-child-run");
        Runtime runtime(settings, QString());
        auto err = storage::cloneContainer(runtime, QString::fromLocal8Bit(argv[3]), QString::fromLocal8Bit(argv[4]), {},
                                           [](const QString &) { QThread::msleep(1); });
        return err ? 1 : 0;
    }
    QCoreApplication app(argc, argv);
    TestClone t;
    return QTest::qExec(&t, argc, argv);
}

#include "test_clone.moc"
