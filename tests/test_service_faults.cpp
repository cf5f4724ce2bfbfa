// Faults and load through the real helper and polkitd (issue 17's
// reliability suite): a full filesystem under the store during config
// writes, clone and import loses nothing and leaves nothing half made; 50
// containers started and stopped at once by 50 clients, with nothing left
// behind (monitors, sockets, cgroups) and the helper's descriptors flat.
//
// For the full filesystem the store is a small tmpfs mounted by the test
// (the helper is restarted onto it), unmounted again at the end.
#include "busfixture.h"

#include <QDBusArgument>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <csignal>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using hutch::test::BusFixture;

namespace {

constexpr int kMany = 50;
// create, clone, import, destroy and start in turn, each killed at a random moment.
constexpr int kKillRounds = 50;

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

// The pid of the process listening on a monitor's socket (SO_PEERCRED).
qint64 listenerOf(const QString &socketPath)
{
    const int fd = ::socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    const QByteArray p = QFile::encodeName(socketPath);
    std::memcpy(addr.sun_path, p.constData(), std::min<size_t>(size_t(p.size()), sizeof addr.sun_path - 1));
    ucred cred{};
    socklen_t len = sizeof cred;
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0
                    && ::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) == 0;
    ::close(fd);
    return ok ? cred.pid : -1;
}

// Whether `pid` is a live process (not gone, not a zombie awaiting its reaper).
bool alive(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray line = stat.readAll();
    const qsizetype at = line.lastIndexOf(") ");
    return at > 0 && at + 2 < line.size() && line[at + 2] != 'Z' && line[at + 2] != 'X';
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

    // A call to the helper from this process (cheaper than hutchctl).
    QDBusMessage helperCall(const QString &method, const QVariantList &args) const
    {
        QDBusMessage m = QDBusMessage::createMethodCall(QStringLiteral("io.github.hutch.Helper1"), QStringLiteral("/io/github/hutch/Helper1"),
                                                        QStringLiteral("io.github.hutch.Helper1"), method);
        m.setArguments(args);
        return fx->bus().call(m, QDBus::Block, 30000);
    }
    // GetContainer's answer, empty on an error.
    QVariantMap containerInfo(const QString &name) const
    {
        const QDBusMessage r = helperCall(QStringLiteral("GetContainer"), {name, QVariantMap()});
        if (r.type() != QDBusMessage::ReplyMessage || r.arguments().isEmpty())
            return {};
        return qdbus_cast<QVariantMap>(r.arguments().first());
    }

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

    // The real dnsmasq, started for a container on the default bridge,
    // drops root for its own user, which clears PR_SET_PDEATHSIG: a guard
    // the helper forks with it ends it when the helper is killed. The next
    // helper adopts the bridge of the running container and starts a new
    // dnsmasq.
    void dnsmasqEndsWithTheHelper()
    {
        QString why;
        QVERIFY2(fx->startHelper(&why, {QStringLiteral("HUTCH_DNSMASQ=dnsmasq")}), qPrintable(why));
        for (const QStringList &args : {QStringList{"create", "dnsm", "-t", "busybox"},
                                        QStringList{"config", "dnsm", "lxc.net.0.type", "veth"},
                                        QStringList{"config", "dnsm", "lxc.net.0.link", "hutchbr0"},
                                        QStringList{"start", "dnsm"}}) {
            const auto r = fx->hutchctl(args, false);
            QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        }
        const QString pidFile = fx->runtimePath() + QStringLiteral("/network/dnsmasq.pid");
        const auto dnsmasqPid = [&pidFile] {
            QFile f(pidFile);
            return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll()).trimmed().toLongLong() : 0;
        };
        QTRY_VERIFY_WITH_TIMEOUT(dnsmasqPid() > 0 && alive(dnsmasqPid()), 10000);
        const qint64 dnsmasq = dnsmasqPid();
        QFileInfo owner(QStringLiteral("/proc/%1").arg(dnsmasq));
        QVERIFY2(owner.ownerId() != 0, "dnsmasq still runs as root: this test would not show the guard");
        fx->killHelper();
        QTRY_VERIFY2_WITH_TIMEOUT(!alive(dnsmasq), qPrintable(QStringLiteral("dnsmasq %1 outlived the killed helper").arg(dnsmasq)),
                                  10000);
        QVERIFY2(fx->startHelper(&why), qPrintable(why));
        QTRY_VERIFY_WITH_TIMEOUT(dnsmasqPid() != dnsmasq && alive(dnsmasqPid()), 10000);
        QVERIFY(fx->hutchctl({"stop", "--kill", "dnsm"}, false).exitCode == 0);
        QVERIFY(fx->hutchctl({"destroy", "dnsm"}, false).exitCode == 0);
    }

    // SIGKILL of a monitor: its container's init dies with it (every
    // process of the container), the helper reports STOPPED at once and
    // removes what stayed on the host (the cgroup in every hierarchy, the
    // dead socket); the veth's host end went with the container's network
    // namespace. Then once more with no helper running at the kill: the
    // next helper's start finds and removes the same. The container starts
    // again afterwards.
    void monitorKilled()
    {
        for (const QStringList &args : {QStringList{"create", "mk", "-t", "busybox"},
                                        QStringList{"config", "mk", "lxc.net.0.type", "veth"},
                                        QStringList{"config", "mk", "lxc.net.0.veth.pair", "hutchmk0"}}) {
            const auto r = fx->hutchctl(args, false);
            QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        }
        const QString socket = fx->runtimePath() + QStringLiteral("/mk.sock");
        for (const bool helperRuns : {true, false}) {
            const auto started = fx->hutchctl({"start", "mk"}, false);
            QVERIFY2(started.exitCode == 0, qPrintable(started.text()));
            const auto info = fx->call({"GetContainer", "s:mk", "a{sv}:"}, false);
            QVERIFY2(info.text().contains(QLatin1String("state=RUNNING")), qPrintable(info.text()));
            const qint64 init = QRegularExpression(QStringLiteral("pid=(\\d+)")).match(info.text()).captured(1).toLongLong();
            const qint64 monitor = listenerOf(socket);
            QVERIFY2(init > 0 && monitor > 0, qPrintable(info.text()));
            QVERIFY(!cgroupsOf({QStringLiteral("mk")}).isEmpty());
            QVERIFY(fx->run(QStringLiteral("ip"), {"-o", "link", "show", "hutchmk0"}).exitCode == 0);

            if (!helperRuns)
                fx->killHelper();
            QCOMPARE(::kill(pid_t(monitor), SIGKILL), 0);
            if (!helperRuns) {
                QTRY_VERIFY_WITH_TIMEOUT(!alive(monitor), 10000);
                QVERIFY(QFileInfo::exists(socket));  // nobody removed it yet
                QString why;
                QVERIFY2(fx->startHelper(&why), qPrintable(why));
                QVERIFY2(fx->helperLog().contains("the dead monitor of \"mk\""), fx->helperLog().constData());
            }
            QTRY_VERIFY_WITH_TIMEOUT(fx->call({"GetContainer", "s:mk", "a{sv}:"}, false).text().contains(QLatin1String("state=STOPPED")),
                                     10000);
            QTRY_VERIFY_WITH_TIMEOUT(!alive(init), 10000);
            QTRY_VERIFY2_WITH_TIMEOUT(cgroupsOf({QStringLiteral("mk")}).isEmpty() && !QFileInfo::exists(socket),
                                      qPrintable(QStringLiteral("%1 the helper running: left %2 %3; the helper's log: %4")
                                                     .arg(helperRuns ? "with" : "without", cgroupsOf({QStringLiteral("mk")}).join(' '))
                                                     .arg(QFileInfo::exists(socket) ? socket : QString())
                                                     .arg(QString::fromUtf8(fx->helperLog().right(1500)))),
                                      10000);
            QTRY_VERIFY_WITH_TIMEOUT(fx->run(QStringLiteral("ip"), {"-o", "link", "show", "hutchmk0"}).exitCode != 0, 10000);
            QVERIFY2(fx->hutchctl({"list", "--running"}, false).out.count("mk") == 0, "mk is still listed as running");
        }
        const auto again = fx->hutchctl({"start", "mk"}, false);
        QVERIFY2(again.exitCode == 0, qPrintable(again.text()));
        QVERIFY(fx->hutchctl({"stop", "--kill", "mk"}, false).exitCode == 0);
        QVERIFY(fx->hutchctl({"destroy", "mk"}, false).exitCode == 0);
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
        // descriptor each until the pool lets them expire (5 s idle).
        QElapsedTimer settled;
        settled.start();
        QTRY_VERIFY_WITH_TIMEOUT(openFds(helper) <= fdsBefore, 90000);
        const auto stopped = fx->hutchctl({"list", "--running"});
        QCOMPARE(stopped.out.count("load"), 0);
        std::printf("fiftyAtOnce: %d containers started and stopped at once; helper fds %d before, %d after (flat after %lld ms)\n",
                    kMany, fdsBefore, openFds(helper), qint64(settled.elapsed()));
    }

    // SIGKILL of the helper at random points of create, clone, import,
    // destroy and start: after each, the restarted helper lists only whole
    // containers (a config that loads, a rootfs), no staging directory
    // stays, a container is either running (its monitor answers) or
    // stopped with nothing of it left (no cgroup, no socket), and the store
    // keeps working.
    void helperKilledAtRandomPoints()
    {
        const auto base = fx->hutchctl({"create", "kbase", "-t", "busybox"}, false);
        QVERIFY2(base.exitCode == 0, qPrintable(base.text()));
        const QString archive = outside.filePath(QStringLiteral("kbase.tar.gz"));
        QVERIFY(fx->hutchctl({"export", "kbase", archive}, false).exitCode == 0);
        QVERIFY(fx->hutchctl({"clone", "kbase", "kstart"}, false).exitCode == 0);
        const unsigned seed = unsigned(QDateTime::currentMSecsSinceEpoch());
        std::srand(seed);
        QStringList delays;
        QElapsedTimer took;
        took.start();
        for (int i = 0; i < kKillRounds; ++i) {
            const QString name = QStringLiteral("k%1").arg(i);
            QStringList args;
            switch (i % 5) {
            case 0: args = {"create", name, "-t", "busybox"}; break;
            case 1: args = {"clone", "kbase", name}; break;
            case 2: args = {"import", archive, "--name", name}; break;
            case 3:
                QVERIFY(fx->hutchctl({"clone", "kbase", name}, false).exitCode == 0);
                args = {"destroy", name};
                break;
            default: args = {"start", "kstart"};
            }
            auto client = fx->startHutchctl(args, false);
            // Each of these is over in well under 300 ms here: later kills
            // would find nothing under way.
            const int delay = std::rand() % 300;
            delays << args.first() + QLatin1Char('@') + QString::number(delay);
            QTest::qWait(delay);
            fx->killHelper();
            // The client would notice only at its next check of the bus (a
            // second); what it would say does not matter here.
            client->kill();
            client->waitForFinished(20000);
            QString why;
            QVERIFY2(fx->startHelper(&why), qPrintable(why));
            const QString round = QStringLiteral("round %1 (%2 after %3 ms, seed %4)").arg(i).arg(args.first()).arg(delay).arg(seed);
            const QDBusMessage list = helperCall(QStringLiteral("ListContainers"), {QVariantMap()});  // answered after the sweep
            QVERIFY2(list.type() == QDBusMessage::ReplyMessage, qPrintable(round + QStringLiteral(": ") + list.errorMessage()));
            const QStringList hidden = QDir(fx->storePath()).entryList({QStringLiteral(".*")}, QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot);
            QVERIFY2(hidden.isEmpty(), qPrintable(round + QStringLiteral(": ") + hidden.join(' ')));
            for (const QString &c : QDir(fx->storePath()).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
                const QVariantMap info = containerInfo(c);
                QVERIFY2(!info.isEmpty() && !info.value(QStringLiteral("broken")).toBool(),
                         qPrintable(round + QStringLiteral(": ") + c + QStringLiteral(" is broken or not listed")));
                QVERIFY2(QFileInfo(fx->storePath() + QLatin1Char('/') + c + QStringLiteral("/rootfs/bin/busybox")).isFile()
                             || c == QLatin1String("full1"),
                         qPrintable(round + QStringLiteral(": ") + c + QStringLiteral(" has no rootfs")));
            }
            if (args.first() == QLatin1String("start")) {
                // Running, or stopped with nothing of it on the host.
                const QString state = containerInfo(QStringLiteral("kstart")).value(QStringLiteral("state")).toString();
                if (state == QLatin1String("STOPPED")) {
                    QTRY_COMPARE_WITH_TIMEOUT(cgroupsOf({QStringLiteral("kstart")}), QStringList(), 10000);
                    QVERIFY2(!QFileInfo::exists(fx->runtimePath() + QStringLiteral("/kstart.sock")), qPrintable(round));
                } else {
                    QVERIFY2(state == QLatin1String("RUNNING"), qPrintable(round + QStringLiteral(": ") + state));
                    QVERIFY(fx->hutchctl({"stop", "--kill", "kstart"}, false).exitCode == 0);
                }
            }
            if (QFileInfo::exists(fx->storePath() + QLatin1Char('/') + name))
                QVERIFY(fx->hutchctl({"destroy", name}, false).exitCode == 0);
        }
        QVERIFY(fx->hutchctl({"destroy", "kstart"}, false).exitCode == 0);
        QVERIFY(fx->hutchctl({"destroy", "kbase"}, false).exitCode == 0);
        std::printf("helperKilledAtRandomPoints: %d rounds in %lld ms (seed %u), killed at %s\n", kKillRounds,
                    qint64(took.elapsed()), seed, qPrintable(delays.join(' ')));
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
