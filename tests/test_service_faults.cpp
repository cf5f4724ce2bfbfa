// Faults and load through the real helper and polkitd (issue 17's
// reliability suite): a full filesystem under the store during config
// writes, clone and import loses nothing and leaves nothing half made; 50
// containers started and stopped at once by 50 clients, with nothing left
// behind (monitors, sockets, cgroups) and the helper's descriptors flat.
//
// For the full filesystem the store is a small tmpfs mounted by the test
// (the helper is restarted onto it), unmounted again at the end.
#include "busfixture.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTest>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sys/mount.h>
#include <unistd.h>

using hutch::test::BusFixture;

namespace {

constexpr int kMany = 50;
// create, clone, import, destroy in turn, each killed at a random moment.
constexpr int kKillRounds = 12;

// Every entry under `dir` (names and sizes), to compare before and after.
QStringList tree(const QString &dir)
{
    QStringList out;
    QDirIterator it(dir, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        out << it.filePath().mid(dir.size()) + QLatin1Char(' ') + QString::number(it.fileInfo().isFile() ? it.fileInfo().size() : 0);
    }
    out.sort();
    return out;
}

int openFds(qint64 pid)
{
    return int(QDir(QStringLiteral("/proc/%1/fd").arg(pid)).entryList(QDir::System | QDir::NoDotAndDotDot).size());
}

// cgroup directories named after one of `names` under any hierarchy's hutch/.
QStringList cgroupsOf(const QStringList &names)
{
    QStringList out;
    QDirIterator it(QStringLiteral("/sys/fs/cgroup"), QDir::Dirs | QDir::NoDotAndDotDot);
    while (it.hasNext()) {
        const QString base = it.next() + QStringLiteral("/hutch");
        for (const QString &n : names)
            if (QFileInfo::exists(base + QLatin1Char('/') + n))
                out << base + QLatin1Char('/') + n;
    }
    return out;
}

}  // namespace

class TestServiceFaults : public QObject {
    Q_OBJECT
    std::unique_ptr<BusFixture> fx;
    bool mounted = false;
    QTemporaryDir outside;  // archives, on the ordinary filesystem

    QByteArray config(const QString &name) const
    {
        QFile f(fx->storePath() + QLatin1Char('/') + name + QStringLiteral("/config"));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    // Fills the store's filesystem to the last byte.
    bool fill()
    {
        QFile filler(fx->storePath() + QStringLiteral("/.filler"));
        if (!filler.open(QIODevice::WriteOnly))
            return false;
        const QByteArray block(64 * 1024, 'x');
        while (filler.write(block) == block.size() && filler.flush()) {
        }
        const QByteArray byte(1, 'x');
        while (filler.write(byte) == 1 && filler.flush()) {
        }
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (const QString why = hutch::test::busUnavailableReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        fx = std::make_unique<BusFixture>();
        QString why;
        QVERIFY2(fx->start(&why), qPrintable(why));
        QVERIFY(fx->allowNobody({QStringLiteral("io.github.hutch.configure-privileged")}));
    }

    void cleanupTestCase()
    {
        if (fx)
            fx->cleanup();
        if (mounted)
            QVERIFY(::umount2(QFile::encodeName(fx->storePath()).constData(), MNT_DETACH) == 0);
        fx.reset();
    }

    // Item 11: programs the helper runs get a fixed PATH and LC_ALL=C,
    // nothing of its own environment (here dnsmasq, replaced by a script
    // that writes its environment down, started for a container on the
    // default bridge; the helper runs with TAR_OPTIONS and a probe set).
    void spawnedProgramsGetACleanEnvironment()
    {
        const QString out = outside.filePath(QStringLiteral("dnsmasq.env"));
        const QString fake = outside.filePath(QStringLiteral("fake-dnsmasq"));
        QFile script(fake);
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write("#!/bin/sh\nenv > " + out.toUtf8() + ".part && mv " + out.toUtf8() + ".part " + out.toUtf8()
                     + "\nexec sleep 600\n");
        script.close();
        QVERIFY(script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        QString why;
        QVERIFY2(fx->startHelper(&why, {QStringLiteral("HUTCH_DNSMASQ=") + fake, QStringLiteral("HUTCH_LEAK_PROBE=secret"),
                                         QStringLiteral("TAR_OPTIONS=--to-command=id"), QStringLiteral("LD_PRELOAD=")}),
                 qPrintable(why));
        for (const QStringList &args : {QStringList{"create", "envprobe", "-t", "busybox"},
                                        QStringList{"config", "envprobe", "lxc.net.0.type", "veth"},
                                        QStringList{"config", "envprobe", "lxc.net.0.link", "hutchbr0"},
                                        QStringList{"start", "envprobe"}}) {
            const auto r = fx->hutchctl(args, false);
            QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        }
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(out), 10000);
        QFile env(out);
        QVERIFY(env.open(QIODevice::ReadOnly));
        QStringList lines = QString::fromUtf8(env.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        lines.removeIf([](const QString &l) { return l.startsWith(QLatin1String("PWD=")) || l.startsWith(QLatin1String("SHLVL=")) || l.startsWith(QLatin1String("_=")); });
        lines.sort();
        QCOMPARE(lines, (QStringList{QStringLiteral("LC_ALL=C"), QStringLiteral("PATH=/usr/sbin:/usr/bin:/sbin:/bin")}));
        QVERIFY(fx->hutchctl({"stop", "--kill", "envprobe"}, false).exitCode == 0);
        QVERIFY(fx->hutchctl({"destroy", "envprobe"}, false).exitCode == 0);
    }

    // 50 containers started by 50 clients at once, then stopped at once:
    // every start and stop succeeds, and afterwards no monitor socket, no
    // cgroup of theirs, and the helper holds as many descriptors as before.
    void fiftyAtOnce()
    {
        QStringList names;
        for (int i = 0; i < kMany; ++i)
            names << QStringLiteral("load%1").arg(i);
        // Made ten at a time (each create is a job of its own).
        for (int i = 0; i < kMany; i += 10) {
            std::vector<std::unique_ptr<QProcess>> creates;
            for (int j = i; j < i + 10; ++j)
                creates.push_back(fx->startHutchctl({"create", names[j], "-t", "busybox"}, false));
            for (auto &p : creates) {
                QVERIFY(p->waitForFinished(120000));
                QVERIFY2(p->exitCode() == 0, p->readAllStandardError().constData());
            }
        }
        const qint64 helper = fx->helperPid();
        const int fdsBefore = openFds(helper);
        auto all = [&](const QString &verb, const QStringList &extra) {
            std::vector<std::unique_ptr<QProcess>> running;
            for (const QString &n : std::as_const(names))
                running.push_back(fx->startHutchctl(QStringList{verb} + extra + QStringList{n}));
            int failed = 0;
            QByteArray why;
            for (auto &p : running) {
                if (!p->waitForFinished(120000) || p->exitCode() != 0) {
                    ++failed;
                    why += p->readAllStandardError();
                }
            }
            return std::pair{failed, why};
        };
        const auto [startFailures, startWhy] = all(QStringLiteral("start"), {});
        QVERIFY2(startFailures == 0, startWhy.constData());
        const auto list = fx->hutchctl({"list", "--running"});
        QCOMPARE(list.out.count("load"), kMany);
        const auto [stopFailures, stopWhy] = all(QStringLiteral("stop"), {QStringLiteral("--kill")});
        QVERIFY2(stopFailures == 0, stopWhy.constData());

        QTRY_COMPARE_WITH_TIMEOUT(QDir(fx->runtimePath()).entryList({QStringLiteral("load*.sock")}, QDir::System).size(), 0, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(cgroupsOf(names), QStringList(), 10000);
        // Worker threads the 100 calls woke hold an event dispatcher's
        // descriptor each until the pool lets them expire (Qt's 30 s).
        QElapsedTimer settled;
        settled.start();
        QTRY_VERIFY_WITH_TIMEOUT(openFds(helper) <= fdsBefore, 90000);
        const auto stopped = fx->hutchctl({"list", "--running"});
        QCOMPARE(stopped.out.count("load"), 0);
        std::printf("fiftyAtOnce: %d containers started and stopped at once; helper fds %d before, %d after (flat after %lld ms)\n",
                    kMany, fdsBefore, openFds(helper), qint64(settled.elapsed()));
    }

    // SIGKILL of the helper at random points of create, clone, import and
    // destroy: after each, the restarted helper lists only whole
    // containers (a config that loads, a rootfs), no staging directory
    // stays, and the store keeps working.
    void helperKilledAtRandomPoints()
    {
        const auto base = fx->hutchctl({"create", "kbase", "-t", "busybox"}, false);
        QVERIFY2(base.exitCode == 0, qPrintable(base.text()));
        const QString archive = outside.filePath(QStringLiteral("kbase.tar.gz"));
        QVERIFY(fx->hutchctl({"export", "kbase", archive}, false).exitCode == 0);
        std::srand(unsigned(QDateTime::currentMSecsSinceEpoch()));
        QStringList delays;
        for (int i = 0; i < kKillRounds; ++i) {
            const QString name = QStringLiteral("k%1").arg(i);
            QStringList args;
            switch (i % 4) {
            case 0: args = {"create", name, "-t", "busybox"}; break;
            case 1: args = {"clone", "kbase", name}; break;
            case 2: args = {"import", archive, "--name", name}; break;
            default:
                QVERIFY(fx->hutchctl({"clone", "kbase", name}, false).exitCode == 0);
                args = {"destroy", name};
            }
            auto client = fx->startHutchctl(args, false);
            const int delay = std::rand() % 400;
            delays << QString::number(delay);
            QTest::qWait(delay);
            fx->killHelper();
            client->waitForFinished(20000);
            QString why;
            QVERIFY2(fx->startHelper(&why), qPrintable(why));
            QVERIFY(fx->hutchctl({"list"}).exitCode == 0);  // answered after the sweep
            const QStringList hidden = QDir(fx->storePath()).entryList({QStringLiteral(".*")}, QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot);
            QVERIFY2(hidden.isEmpty(), qPrintable(QStringLiteral("round %1 (%2 after %3 ms): %4").arg(i).arg(args.first()).arg(delay).arg(hidden.join(' '))));
            for (const QString &c : QDir(fx->storePath()).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
                const auto info = fx->call({"GetContainer", "s:" + c, "a{sv}:"}, false);
                QVERIFY2(info.text().startsWith(QLatin1String("ok")) && !info.text().contains(QLatin1String("broken=true")),
                         qPrintable(QStringLiteral("round %1: %2: %3").arg(i).arg(c, info.text())));
                QVERIFY2(QFileInfo(fx->storePath() + QLatin1Char('/') + c + QStringLiteral("/rootfs/bin/busybox")).isFile()
                             || c == QLatin1String("full1"),
                         qPrintable(QStringLiteral("round %1: %2 has no rootfs").arg(i).arg(c)));
            }
            if (QFileInfo::exists(fx->storePath() + QLatin1Char('/') + name))
                QVERIFY(fx->hutchctl({"destroy", name}, false).exitCode == 0);
        }
        QVERIFY(fx->hutchctl({"destroy", "kbase"}, false).exitCode == 0);
        std::printf("helperKilledAtRandomPoints: %d rounds, killed after %s ms\n", kKillRounds, qPrintable(delays.join(' ')));
    }

    // Config writes, a clone and an import on a full filesystem fail with
    // ENOSPC named, and nothing is lost or half made: the config is the
    // same bytes, no container appears, no staging directory stays.
    void fullFilesystemLosesNothing()
    {
        // The store on a 24 MiB tmpfs: the helper is restarted onto it.
        fx->killHelper();
        QVERIFY2(::mount("hutch-faults", QFile::encodeName(fx->storePath()).constData(), "tmpfs", 0, "size=24m,mode=0700") == 0,
                 std::strerror(errno));
        mounted = true;
        QString why;
        QVERIFY2(fx->startHelper(&why), qPrintable(why));
        const auto made = fx->hutchctl({"create", "full1", "-t", "busybox"}, false);
        QVERIFY2(made.exitCode == 0, qPrintable(made.text()));
        const QString archive = outside.filePath(QStringLiteral("full1.tar.xz"));
        const auto exported = fx->hutchctl({"export", "full1", archive}, false);
        QVERIFY2(exported.exitCode == 0, qPrintable(exported.text()));
        // hutchctl opens the archive as nobody.
        QVERIFY(QFile::setPermissions(outside.path(), QFile::Permissions(0x7755)));
        QVERIFY(QFile::setPermissions(archive, QFile::Permissions(0x6644)));
        QVERIFY(fill());
        const QByteArray before = config(QStringLiteral("full1"));
        const QStringList treeBefore = tree(fx->storePath());

        const auto item = fx->hutchctl({"config", "full1", "lxc.uts.name", "renamed"});
        QVERIFY2(item.exitCode != 0 && item.text().contains(QLatin1String("No space left on device")), qPrintable(item.text()));
        const auto limit = fx->hutchctl({"cgroup", "full1", "memory.limit_in_bytes", "64M"});
        QVERIFY2(limit.exitCode != 0 && limit.text().contains(QLatin1String("No space left on device")), qPrintable(limit.text()));
        const auto clone = fx->hutchctl({"clone", "full1", "full2"});
        QVERIFY2(clone.exitCode != 0, qPrintable(clone.text()));
        const auto imported = fx->hutchctl({"import", archive, "--name", "full3"});
        QVERIFY2(imported.exitCode != 0 && imported.text().contains(QLatin1String("No space left on device")),
                 qPrintable(imported.text()));

        QCOMPARE(config(QStringLiteral("full1")), before);
        QCOMPARE(tree(fx->storePath()), treeBefore);
        const auto list = fx->hutchctl({"list"});
        QVERIFY2(list.exitCode == 0 && !list.out.contains("full2") && !list.out.contains("full3"), qPrintable(list.text()));

        // Room again: the same container works, and the same calls succeed.
        QVERIFY(QFile::remove(fx->storePath() + QStringLiteral("/.filler")));
        QVERIFY(fx->hutchctl({"config", "full1", "lxc.uts.name", "renamed"}).exitCode == 0);
        const auto start = fx->hutchctl({"start", "full1"});
        QVERIFY2(start.exitCode == 0, qPrintable(start.text()));
        QVERIFY(fx->hutchctl({"stop", "--kill", "full1"}).exitCode == 0);
        const auto again = fx->hutchctl({"import", archive, "--name", "full3"});
        QVERIFY2(again.exitCode == 0, qPrintable(again.text()));
        QVERIFY(fx->hutchctl({"destroy", "full3"}).exitCode == 0);
    }
};

QTEST_GUILESS_MAIN(TestServiceFaults)
#include "test_service_faults.moc"
