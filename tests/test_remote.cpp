// hutchctl --host through real ssh: two "hosts" are two network namespaces
// on this machine, each with its own bus, polkitd, helper and store
// (BusFixture); a veth pair joins them, and the second runs Debian's sshd
// on its address (10.231.23.2) with keys made here. hutchctl runs in the
// first namespace. Nothing leaves the machine.
//
// sshd listens on three ports, each a remote machine of a different make:
// 22 with systemd-stdio-bridge and hutchctl on PATH, 2222 with only
// hutch-bridge and hutchctl, 2223 with neither. It runs in a mount
// namespace of its own where nobody's login shell is /bin/sh (Debian's is
// nologin), so that polkit can refuse a remote user that is not root.
#include "busfixture.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/stat.h>
#include <unistd.h>

using hutch::test::BusFixture;

namespace {

const QString kRemoteAddress = QStringLiteral("10.231.23.2");

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
    std::unique_ptr<BusFixture> local, remote;
    QTemporaryDir dir;
    std::unique_ptr<QProcess> sshd;
    bool madeRunSshd = false;

    QString path(const QString &name) const { return dir.filePath(name); }

    // hutchctl in the first host's namespace, as root.
    BusFixture::Result ctl(const QStringList &args, const QByteArray &input = {}, const QStringList &env = {},
                           int timeoutMs = 180000) const
    {
        QProcess p;
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.insert(QStringLiteral("HUTCH_BUS_ADDRESS"), local->address());
        e.insert(QStringLiteral("HUTCH_SSH_CONFIG"), path(QStringLiteral("ssh_config")));
        e.insert(QStringLiteral("HUTCH_DEFAULT_CONFIG"), QStringLiteral("/dev/null"));
        e.remove(QStringLiteral("HUTCH_HOST"));
        for (const QString &kv : env)
            e.insert(kv.section(QLatin1Char('='), 0, 0), kv.section(QLatin1Char('='), 1));
        p.setProcessEnvironment(e);
        p.setWorkingDirectory(QStringLiteral("/"));
        p.start(QStringLiteral("/usr/bin/nsenter"), QStringList{QStringLiteral("--net=/proc/%1/ns/net").arg(local->helperPid()),
                                                       QStringLiteral(HUTCHCTL_PATH)} + args);
        BusFixture::Result r;
        if (!p.waitForStarted(10000))
            return r;
        if (!input.isEmpty())
            p.write(input);
        p.closeWriteChannel();
        if (!p.waitForFinished(timeoutMs)) {
            p.kill();
            p.waitForFinished();
        }
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError();
        return r;
    }

    bool run(const QString &program, const QStringList &args, QByteArray *out = nullptr)
    {
        QProcess p;
        p.start(program, args);
        if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
            qWarning() << program << args << p.readAllStandardError();
            return false;
        }
        if (out)
            *out = p.readAllStandardOutput();
        return true;
    }

    // The two namespaces joined by a veth pair.
    bool linkHosts()
    {
        const QString remotePid = QString::number(remote->helperPid());
        auto l = local->run(QStringLiteral("ip"), {QStringLiteral("link"), QStringLiteral("add"), QStringLiteral("r23a"),
                                                   QStringLiteral("type"), QStringLiteral("veth"), QStringLiteral("peer"),
                                                   QStringLiteral("name"), QStringLiteral("r23b"), QStringLiteral("netns"), remotePid});
        if (l.exitCode != 0)
            return false;
        for (const auto &[fx, dev, addr] : {std::tuple{local.get(), "r23a", "10.231.23.1/24"},
                                            std::tuple{remote.get(), "r23b", "10.231.23.2/24"}}) {
            if (fx->run(QStringLiteral("ip"), {QStringLiteral("addr"), QStringLiteral("add"), QLatin1String(addr),
                                               QStringLiteral("dev"), QLatin1String(dev)}).exitCode != 0
                || fx->run(QStringLiteral("ip"), {QStringLiteral("link"), QStringLiteral("set"), QLatin1String(dev),
                                                  QStringLiteral("up")}).exitCode != 0
                || fx->run(QStringLiteral("ip"), {QStringLiteral("link"), QStringLiteral("set"), QStringLiteral("lo"),
                                                  QStringLiteral("up")}).exitCode != 0)
                return false;
        }
        return true;
    }

    bool startSshd(QString *why)
    {
        const QString bin = QFileInfo(QStringLiteral(HUTCHCTL_PATH)).absolutePath();
        QDir(dir.path()).mkpath(QStringLiteral("bridge-only"));
        QDir(dir.path()).mkpath(QStringLiteral("bare"));
        QFile::link(QStringLiteral(HUTCHCTL_PATH), path(QStringLiteral("bridge-only/hutchctl")));
        QFile::link(bin + QStringLiteral("/hutch-bridge"), path(QStringLiteral("bridge-only/hutch-bridge")));
        // Keys: the server's host key, the client's key, authorized.
        if (!run(QStringLiteral("ssh-keygen"), {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"), QStringLiteral("-N"),
                                                 QString(), QStringLiteral("-f"), path(QStringLiteral("host_key"))})
            || !run(QStringLiteral("ssh-keygen"), {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"), QStringLiteral("-N"),
                                                    QString(), QStringLiteral("-f"), path(QStringLiteral("id"))})) {
            *why = QStringLiteral("ssh-keygen failed");
            return false;
        }
        QFile pub(path(QStringLiteral("id.pub"))), hostPub(path(QStringLiteral("host_key.pub")));
        if (!pub.open(QIODevice::ReadOnly) || !hostPub.open(QIODevice::ReadOnly))
            return false;
        const QByteArray hostKey = hostPub.readAll().split(' ').mid(0, 2).join(' ');
        writeFile(path(QStringLiteral("authorized_keys")), pub.readAll());
        writeFile(path(QStringLiteral("known_hosts")), "hutch-test-remote " + hostKey + '\n');
        const QByteArray env = "HUTCH_BUS_ADDRESS=" + remote->address().toUtf8() + " DBUS_SYSTEM_BUS_ADDRESS="
                               + remote->address().toUtf8() + " HUTCH_DEFAULT_CONFIG=/dev/null";
        writeFile(path(QStringLiteral("sshd_config")),
                  "ListenAddress " + kRemoteAddress.toUtf8() + ":22\nListenAddress " + kRemoteAddress.toUtf8()
                      + ":2222\nListenAddress " + kRemoteAddress.toUtf8() + ":2223\n"
                      "HostKey " + path(QStringLiteral("host_key")).toUtf8() + "\n"
                      "AuthorizedKeysFile " + path(QStringLiteral("authorized_keys")).toUtf8() + "\n"
                      "PermitRootLogin prohibit-password\nStrictModes no\nPasswordAuthentication no\n"
                      "KbdInteractiveAuthentication no\nUsePAM no\nPidFile none\n"
                      "Match LocalPort 22\n  SetEnv PATH=" + bin.toUtf8() + ":/usr/sbin:/usr/bin:/sbin:/bin " + env + "\n"
                      "Match LocalPort 2222\n  SetEnv PATH=" + path(QStringLiteral("bridge-only")).toUtf8() + " " + env + "\n"
                      "Match LocalPort 2223\n  SetEnv PATH=" + path(QStringLiteral("bare")).toUtf8() + " " + env + "\n");
        QByteArray hosts;
        for (const auto &[name, port] : {std::pair{"remote", "22"}, std::pair{"remote-bridge", "2222"},
                                         std::pair{"remote-bare", "2223"}})
            hosts += QByteArray("Host ") + name + "\n  HostName " + kRemoteAddress.toUtf8() + "\n  Port " + port
                     + "\n  User root\n";
        writeFile(path(QStringLiteral("ssh_config")),
                  hosts + "Host *\n  IdentityFile " + path(QStringLiteral("id")).toUtf8() + "\n  IdentitiesOnly yes\n"
                          "  HostKeyAlias hutch-test-remote\n  UserKnownHostsFile " + path(QStringLiteral("known_hosts")).toUtf8()
                          + "\n  StrictHostKeyChecking yes\n  BatchMode yes\n  LogLevel ERROR\n");
        // nobody with a shell, in sshd's mount namespace only.
        QFile passwd(QStringLiteral("/etc/passwd"));
        if (!passwd.open(QIODevice::ReadOnly))
            return false;
        QByteArray users = passwd.readAll();
        users.replace(":/nonexistent:/usr/sbin/nologin", ":/:/bin/sh");
        writeFile(path(QStringLiteral("passwd")), users);
        // Neither account locked (sshd without PAM refuses a "!" password even for a key).
        QFile shadow(QStringLiteral("/etc/shadow"));
        if (!shadow.open(QIODevice::ReadOnly))
            return false;
        QString secrets = QString::fromUtf8(shadow.readAll());
        secrets.replace(QRegularExpression(QStringLiteral("^(root|nobody):[^:]*:"), QRegularExpression::MultilineOption),
                        QStringLiteral("\\1:*:"));
        writeFile(path(QStringLiteral("shadow")), secrets.toUtf8());
        QFile::setPermissions(path(QStringLiteral("shadow")), QFile::ReadOwner | QFile::WriteOwner);
        // nobody reads its authorized keys; sshd drops to it for that.
        QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadOther
                                              | QFile::ExeOther | QFile::ReadGroup | QFile::ExeGroup);
        QFile::setPermissions(path(QStringLiteral("authorized_keys")), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther
                                                                        | QFile::ReadGroup);
        if (!QFileInfo::exists(QStringLiteral("/run/sshd")))
            madeRunSshd = QDir().mkpath(QStringLiteral("/run/sshd"));
        sshd = std::make_unique<QProcess>();
        sshd->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        sshd->start(QStringLiteral("nsenter"),
                    {QStringLiteral("--net=/proc/%1/ns/net").arg(remote->helperPid()), QStringLiteral("unshare"),
                     QStringLiteral("-m"), QStringLiteral("--propagation"), QStringLiteral("private"), QStringLiteral("sh"),
                     QStringLiteral("-c"),
                     QStringLiteral("mount --bind \"$1\" /etc/passwd && mount --bind \"$2\" /etc/shadow"
                                    " && exec /usr/sbin/sshd -D -e -f \"$3\""),
                     QStringLiteral("sh"), path(QStringLiteral("passwd")), path(QStringLiteral("shadow")),
                     path(QStringLiteral("sshd_config"))});
        if (!sshd->waitForStarted(10000)) {
            *why = QStringLiteral("sshd did not start");
            return false;
        }
        // Listening once a connection gets through.
        for (int i = 0; i < 100; ++i) {
            if (ctl({QStringLiteral("--host"), QStringLiteral("remote"), QStringLiteral("settings")}).exitCode == 0)
                return true;
            QTest::qWait(100);
        }
        *why = QStringLiteral("sshd does not answer on %1").arg(kRemoteAddress);
        return false;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (const QString why = hutch::test::busUnavailableReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        if (!QFileInfo(QStringLiteral("/usr/sbin/sshd")).isExecutable())
            QSKIP("needs /usr/sbin/sshd (Debian package openssh-server)");
        for (const char *program : {"ssh", "ssh-keygen", "nsenter", "unshare", "systemd-stdio-bridge"})
            if (QStandardPaths::findExecutable(QLatin1String(program)).isEmpty())
                QSKIP(qPrintable(QStringLiteral("needs %1").arg(QLatin1String(program))));
        local = std::make_unique<BusFixture>();
        remote = std::make_unique<BusFixture>();
        QString why;
        QVERIFY2(local->start(&why), qPrintable(why));
        QVERIFY2(remote->start(&why), qPrintable(why));
        QVERIFY(linkHosts());
        QVERIFY2(startSshd(&why), qPrintable(why));
    }

    void cleanupTestCase()
    {
        if (sshd) {
            sshd->terminate();
            sshd->waitForFinished(5000);
            sshd.reset();
        }
        if (madeRunSshd)
            QDir().rmdir(QStringLiteral("/run/sshd"));
        if (remote)
            remote->cleanup();
        if (local)
            local->cleanup();
    }

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
            QProcess copy;
            QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
            e.insert(QStringLiteral("HUTCH_BUS_ADDRESS"), local->address());
            e.insert(QStringLiteral("HUTCH_SSH_CONFIG"), path(QStringLiteral("ssh_config")));
            copy.setProcessEnvironment(e);
            copy.start(QStringLiteral("/usr/bin/nsenter"),
                       {QStringLiteral("--net=/proc/%1/ns/net").arg(local->helperPid()), QStringLiteral(HUTCHCTL_PATH),
                        QStringLiteral("copy"), QStringLiteral("big"), QStringLiteral("remote:bigcopy")});
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
