// hutchctl --host through real ssh: two "hosts" in two network namespaces
// on this machine, the second with a real sshd (tests/twohosts.h).
#include "twohosts.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QTest>

#include <csignal>
#include <sys/stat.h>
#include <unistd.h>

using hutch::test::BusFixture;
using hutch::test::TwoHosts;

namespace {

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

// Paths, modes, owners, link targets and contents of every file under
// `root`, one line each, but those in `skip` (relative paths).
QStringList treeDigest(const QString &root, const QStringList &skip = {})
{
    QStringList paths, lines;
    QDirIterator it(root, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        paths << it.next();
    paths.sort();
    for (const QString &p : std::as_const(paths)) {
        const QString relative = QDir(root).relativeFilePath(p);
        if (skip.contains(relative))
            continue;
        struct stat st {};
        ::lstat(QFile::encodeName(p).constData(), &st);
        QCryptographicHash hash(QCryptographicHash::Sha256);
        if (S_ISLNK(st.st_mode)) {
            // The link's own text (QFile::symLinkTarget makes it absolute: a different store).
            char target[4096];
            const ssize_t n = ::readlink(QFile::encodeName(p).constData(), target, sizeof target);
            hash.addData(QByteArray(target, n > 0 ? int(n) : 0));
        } else if (S_ISREG(st.st_mode)) {
            QFile f(p);
            if (f.open(QIODevice::ReadOnly))
                while (!f.atEnd())
                    hash.addData(f.read(1 << 20));
        }
        lines << QStringLiteral("%1 %2 %3:%4 %5").arg(relative).arg(st.st_mode, 0, 8).arg(st.st_uid).arg(st.st_gid)
                     .arg(QString::fromLatin1(hash.result().toHex()));
    }
    return lines;
}

// Staging directories (.staging-*) left in a store.
QStringList leftovers(const QString &store)
{
    return QDir(store).entryList({QStringLiteral(".staging-*")}, QDir::AllEntries | QDir::Hidden);
}

}  // namespace

class TestRemote : public QObject {
    Q_OBJECT
    TwoHosts hosts;
    BusFixture *local = nullptr, *remote = nullptr;

    QString path(const QString &name) const { return hosts.path(name); }
    BusFixture::Result ctl(const QStringList &args, const QByteArray &input = {}, const QStringList &env = {}) const
    {
        return hosts.ctl(args, input, env);
    }

    bool run(const QString &program, const QStringList &args)
    {
        QProcess p;
        p.start(program, args);
        if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
            qWarning() << program << args << p.readAllStandardError();
            return false;
        }
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (const QString why = hutch::test::twoHostsUnavailableReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        QString why;
        QVERIFY2(hosts.start(&why), qPrintable(why));
        local = &hosts.local();
        remote = &hosts.remote();
    }

    void cleanupTestCase() { hosts.cleanup(); }

    void listStartAttachConsoleOnTheRemoteHost()
    {
        QCOMPARE(ctl({"--host", "remote", "create", "far", "-t", "busybox", "--", "--ttys", "1"}).exitCode, 0);
        QVERIFY(QFileInfo::exists(remote->storePath() + QStringLiteral("/far/config")));
        QVERIFY(!QFileInfo::exists(local->storePath() + QStringLiteral("/far")));
        auto list = ctl({"--host", "remote", "list", "--fancy"});
        QVERIFY2(list.exitCode == 0 && list.out.contains("far") && list.out.contains("STOPPED"), qPrintable(list.text()));
        QCOMPARE(ctl({"list"}).out, QByteArray());  // this computer has none
        // $HUTCH_HOST as --host.
        QCOMPARE(ctl({"start", "far"}, {}, {QStringLiteral("HUTCH_HOST=remote")}).exitCode, 0);
        auto running = ctl({"--host", "remote", "wait", "far", "--state", "RUNNING", "--timeout", "10"});
        QVERIFY2(running.exitCode == 0, qPrintable(running.text()));

        // attach: output, input and the exit status through ssh.
        auto piped = ctl({"--host", "remote", "attach", "far", "--", "sh", "-c", "tr a-z A-Z; echo oops >&2; exit 7"},
                         "shout\n");
        QCOMPARE(piped.exitCode, 7);
        QCOMPARE(piped.out, QByteArray("SHOUT\n"));
        QVERIFY2(piped.err.contains("oops"), piped.err.constData());
        auto host = ctl({"--host", "remote", "attach", "far", "--", "hostname"});
        QCOMPARE(host.out.trimmed(), QByteArray("far"));
        // The console: the template's shell, its bytes carried by ssh.
        auto console = ctl({"--host", "remote", "console", "far"}, "echo hutch-$((6*7))\n");
        QVERIFY2(console.exitCode == 0 && console.out.contains("hutch-42"), qPrintable(console.text()));
        QCOMPARE(ctl({"--host", "remote", "stop", "far", "--kill"}).exitCode, 0);
        auto stopped = ctl({"--host", "remote", "info", "far"});
        QVERIFY2(stopped.out.contains("STOPPED"), qPrintable(stopped.text()));
    }

    void remoteRefusalIsTheLocalTypedError()
    {
        // nobody is allowed nothing on either host: the same NotAuthorized.
        const QString buscall = QStringLiteral(HUTCH_BUSCALL_PATH);
        auto here = local->call({QStringLiteral("Start"), QStringLiteral("s:far"), QStringLiteral("a{sv}:")});
        QVERIFY2(here.out.startsWith("io.github.hutch.Error.NotAuthorized"), qPrintable(here.text()));
        QProcess p;
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.insert(QStringLiteral("HUTCH_HOST"), QStringLiteral("nobody@remote"));
        e.insert(QStringLiteral("HUTCH_SSH_CONFIG"), path(QStringLiteral("ssh_config")));
        p.setProcessEnvironment(e);
        p.start(QStringLiteral("/usr/bin/nsenter"), {QStringLiteral("--net=/proc/%1/ns/net").arg(local->helperPid()), buscall,
                                            QStringLiteral("Start"), QStringLiteral("s:far"), QStringLiteral("a{sv}:")});
        QVERIFY(p.waitForFinished(60000));
        const QByteArray there = p.readAllStandardOutput();
        QVERIFY2(there.startsWith("io.github.hutch.Error.NotAuthorized"), qPrintable(there + p.readAllStandardError()));
        // hutchctl says the same on both.
        auto remoteCtl = ctl({"--host", "nobody@remote", "start", "far"});
        QCOMPARE(remoteCtl.exitCode, 1);
        auto localCtl = local->hutchctl({QStringLiteral("start"), QStringLiteral("far")});
        QCOMPARE(QString::fromUtf8(remoteCtl.err).section(QLatin1Char(':'), 0, 1), QString::fromUtf8(localCtl.err).section(QLatin1Char(':'), 0, 1));
        QVERIFY2(remoteCtl.err.contains("not authorized") || remoteCtl.err.contains("authoriz"), remoteCtl.err.constData());
        QVERIFY(remote->hutchctl({QStringLiteral("info"), QStringLiteral("far")}, false).out.contains("STOPPED"));
    }

    void hutchBridgeWhereNoSystemdBridge()
    {
        auto list = ctl({"--host", "remote-bridge", "list"});
        QVERIFY2(list.exitCode == 0 && list.out.trimmed() == "far", qPrintable(list.text()));
        auto info = ctl({"--host", "remote-bridge", "info", "far"});
        QVERIFY2(info.exitCode == 0 && info.out.contains("STOPPED"), qPrintable(info.text()));
    }

    void missingPiecesAreNamed()
    {
        auto noSsh = ctl({"--host", "remote", "list"}, {}, {QStringLiteral("PATH=/nonexistent")});
        QCOMPARE(noSsh.exitCode, 1);
        QVERIFY2(noSsh.err.contains("ssh is not installed"), noSsh.err.constData());
        auto noBridge = ctl({"--host", "remote-bare", "list"});
        QCOMPARE(noBridge.exitCode, 1);
        QVERIFY2(noBridge.err.contains("neither systemd-stdio-bridge nor hutch-bridge is installed"), noBridge.err.constData());
        auto noHutchctl = ctl({"--host", "remote-bare", "console", "far"});
        QVERIFY(noHutchctl.exitCode != 0);
        QVERIFY2(noHutchctl.err.contains("hutchctl is not installed"), noHutchctl.err.constData());
        remote->killHelper();
        auto noHelper = ctl({"--host", "remote", "list"});
        QString why;
        QVERIFY2(remote->startHelper(&why), qPrintable(why));
        QCOMPARE(noHelper.exitCode, 1);
        QVERIFY2(noHelper.err.contains("hutch-helper is not running on the system bus of remote"), noHelper.err.constData());
    }

    void copyAndMoveBetweenHosts()
    {
        QCOMPARE(ctl({"create", "src", "-t", "busybox"}).exitCode, 0);
        QVERIFY(writeFile(local->storePath() + QStringLiteral("/src/rootfs/root/marker"), "made on the first host\n"));
        const QString rootfs = QStringLiteral("/src/rootfs");
        const QStringList digest = treeDigest(local->storePath() + rootfs);
        // Under its own name: the same tree.
        auto copied = ctl({"copy", "src", "remote:"});
        QVERIFY2(copied.exitCode == 0, qPrintable(copied.text()));
        QCOMPARE(treeDigest(remote->storePath() + rootfs), digest);
        QCOMPARE(ctl({"--host", "remote", "start", "src"}).exitCode, 0);
        auto marker = ctl({"--host", "remote", "attach", "src", "--", "cat", "/root/marker"});
        QCOMPARE(marker.out, QByteArray("made on the first host\n"));
        QCOMPARE(ctl({"--host", "remote", "stop", "src", "--kill"}).exitCode, 0);

        // move under a new name: the target started, then the source gone.
        auto moved = ctl({"move", "src", "remote:moved"});
        QVERIFY2(moved.exitCode == 0, qPrintable(moved.text()));
        QVERIFY(!QFileInfo::exists(local->storePath() + QStringLiteral("/src")));
        auto state = ctl({"--host", "remote", "info", "moved"});
        QVERIFY2(state.out.contains("RUNNING"), qPrintable(state.text()));
        QCOMPARE(ctl({"--host", "remote", "attach", "moved", "--", "hostname"}).out, QByteArray("moved\n"));
        QCOMPARE(ctl({"--host", "remote", "attach", "moved", "--", "cat", "/root/marker"}).out,
                 QByteArray("made on the first host\n"));
        QCOMPARE(ctl({"--host", "remote", "stop", "moved", "--kill"}).exitCode, 0);
        // And back under another name (a new hostname: /etc/hostname and
        // hosts differ), the tree as the moved one has it after its run.
        const QStringList renamed{QStringLiteral("etc/hostname"), QStringLiteral("etc/hosts")};
        auto back = ctl({"copy", "remote:moved", "back"});
        QVERIFY2(back.exitCode == 0, qPrintable(back.text()));
        QCOMPARE(treeDigest(local->storePath() + QStringLiteral("/back/rootfs"), renamed),
                 treeDigest(remote->storePath() + QStringLiteral("/moved/rootfs"), renamed));
        QVERIFY(leftovers(local->storePath()).isEmpty() && leftovers(remote->storePath()).isEmpty());
    }

    void killedTransferLeavesNothing()
    {
        QCOMPARE(ctl({"create", "big", "-t", "busybox"}).exitCode, 0);
        // Enough bytes that the transfer is still under way when killed.
        QVERIFY(run(QStringLiteral("dd"), {QStringLiteral("if=/dev/urandom"),
                                           QStringLiteral("of=%1/big/rootfs/root/blob").arg(local->storePath()),
                                           QStringLiteral("bs=1M"), QStringLiteral("count=256"), QStringLiteral("status=none")}));
        const auto entries = [](const QString &store) {
            return QDir(store).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
        };
        const QStringList before = entries(remote->storePath()), localBefore = entries(local->storePath());
        // SIGKILL while the first host exports, SIGINT (Ctrl-C) while the
        // second imports.
        for (const auto &[signal, store] : {std::pair{SIGKILL, local->storePath()}, std::pair{SIGINT, remote->storePath()}}) {
            auto proc = hosts.startCtl({QStringLiteral("copy"), QStringLiteral("big"), QStringLiteral("remote:bigcopy")});
            QProcess &copy = *proc;
            QVERIFY(copy.waitForStarted());
            QTRY_VERIFY_WITH_TIMEOUT(!leftovers(store).isEmpty(), 120000);
            ::kill(pid_t(copy.processId()), signal);
            QVERIFY(copy.waitForFinished(60000));
            QVERIFY2(copy.exitStatus() != QProcess::NormalExit || copy.exitCode() != 0, copy.readAllStandardError().constData());
            // Both ends give up: no staging, no container, the same stores.
            QTRY_VERIFY_WITH_TIMEOUT(leftovers(local->storePath()).isEmpty() && leftovers(remote->storePath()).isEmpty(), 60000);
            QCOMPARE(entries(remote->storePath()), before);
            QCOMPARE(entries(local->storePath()), localBefore);
        }
        QCOMPARE(ctl({"destroy", "big"}).exitCode, 0);
    }
};

QTEST_GUILESS_MAIN(TestRemote)
#include "test_remote.moc"
