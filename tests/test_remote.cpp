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
QStringList leftovers(const QString &store) { return hutch::test::stagingIn(store); }

QStringList entries(const QString &store)
{
    return QDir(store).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
}

// `roots` and every process below them.
QList<qint64> processTree(const QList<qint64> &roots)
{
    QHash<qint64, qint64> parent;
    for (const QString &entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        bool isPid = false;
        const qint64 pid = entry.toLongLong(&isPid);
        QFile stat(QStringLiteral("/proc/%1/stat").arg(entry));
        if (!isPid || !stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray text = stat.readAll();
        parent.insert(pid, text.mid(text.lastIndexOf(')') + 2).split(' ').value(1).toLongLong());
    }
    QList<qint64> tree;
    for (const qint64 root : roots)
        if (root > 0)
            tree << root;
    for (qsizetype i = 0; i < tree.size(); ++i)
        for (auto it = parent.cbegin(); it != parent.cend(); ++it)
            if (it.value() == tree.at(i) && !tree.contains(it.key()))
                tree << it.key();
    return tree;
}

// Processes below `root` whose command is `comm`.
QList<qint64> descendants(qint64 root, const QString &comm)
{
    QList<qint64> found;
    for (const qint64 pid : processTree({root})) {
        QFile f(QStringLiteral("/proc/%1/comm").arg(pid));
        if (pid != root && f.open(QIODevice::ReadOnly) && f.readAll().trimmed() == comm.toUtf8())
            found << pid;
    }
    return found;
}

// Files without a name (O_TMPFILE, or unlinked while open) that processes
// below `roots` hold, as "PID: link"; memfds aside (the helper's sealed
// monitor copy is one).
QStringList unnamedFiles(const QList<qint64> &roots)
{
    QStringList held;
    for (const qint64 pid : processTree(roots)) {
        const QString fdDir = QStringLiteral("/proc/%1/fd").arg(pid);
        for (const QString &fd : QDir(fdDir).entryList(QDir::System | QDir::NoDotAndDotDot)) {
            char target[4096];
            const ssize_t n = ::readlink(QFile::encodeName(fdDir + QLatin1Char('/') + fd).constData(), target, sizeof target);
            const QString text = QString::fromLocal8Bit(target, n > 0 ? int(n) : 0);
            if (text.endsWith(QLatin1String(" (deleted)")) && !text.startsWith(QLatin1String("/memfd:")))
                held << QStringLiteral("%1: %2").arg(pid).arg(text);
        }
    }
    return held;
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

    // The blob of "big" under way into a staging directory on the second host.
    bool blobArriving() const { return hutch::test::arrivingInStaging(remote->storePath(), QStringLiteral("root/blob")); }

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

    void filesAndLibvirtExportOverTheHost()
    {
        // push: a tree made here into the remote "far" (stopped); the
        // bytes go through ssh to `hutchctl file push --stream` there.
        const QString tree = path(QStringLiteral("pushed"));
        QVERIFY(QDir().mkpath(tree + QStringLiteral("/sub")));
        QVERIFY(writeFile(tree + QStringLiteral("/sub/note"), "from the first host\n"));
        QVERIFY(::chmod(QFile::encodeName(tree + QStringLiteral("/sub/note")).constData(), 0640) == 0);
        auto pushed = ctl({"--host", "remote", "file", "push", "-r", "--uid", "1000", tree, "far/root/"});
        QVERIFY2(pushed.exitCode == 0, qPrintable(pushed.text()));
        QFile arrived(remote->storePath() + QStringLiteral("/far/rootfs/root/pushed/sub/note"));
        QVERIFY2(arrived.open(QIODevice::ReadOnly), "not in the second host's store");
        QCOMPARE(arrived.readAll(), QByteArray("from the first host\n"));
        QVERIFY(!QFileInfo::exists(local->storePath() + QStringLiteral("/far")));
        // pull: back here, checked entry by entry on this side; owner and mode kept (we are root).
        const QString back = path(QStringLiteral("pulled"));
        auto pulled = ctl({"--host", "remote", "file", "pull", "-r", "far/root/pushed", back});
        QVERIFY2(pulled.exitCode == 0, qPrintable(pulled.text()));
        QFile note(back + QStringLiteral("/sub/note"));
        QVERIFY(note.open(QIODevice::ReadOnly));
        QCOMPARE(note.readAll(), QByteArray("from the first host\n"));
        struct stat st {};
        QVERIFY(::stat(QFile::encodeName(note.fileName()).constData(), &st) == 0);
        QCOMPARE(st.st_mode & 07777, mode_t(0640));
        QCOMPARE(st.st_uid, uid_t(1000));
        auto hostname = ctl({"--host", "remote", "file", "pull", "far/etc/hostname", path(QStringLiteral("hostname"))});
        QVERIFY2(hostname.exitCode == 0, qPrintable(hostname.text()));
        QFile name(path(QStringLiteral("hostname")));
        QVERIFY(name.open(QIODevice::ReadOnly));
        QCOMPARE(name.readAll(), QByteArray("far\n"));
        // The remote helper's refusal comes back as its message.
        auto missing = ctl({"--host", "remote", "file", "pull", "nosuch/etc/hostname", path(QStringLiteral("none"))});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains("nosuch"), missing.err.constData());
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("none"))));

        // create's files go to a helper as descriptors: refused by name over --host.
        auto keyed = ctl({"--host", "remote", "create", "keyed", "-t", "busybox", "--ssh-key", path(QStringLiteral("id.pub"))});
        QCOMPARE(keyed.exitCode, 1);
        QVERIFY2(keyed.err.contains("--ssh-key") && keyed.err.contains("descriptor does not cross"), keyed.err.constData());
        QVERIFY(!QFileInfo::exists(remote->storePath() + QStringLiteral("/keyed")));

        // export --libvirt: the remote config read over the bridge, the XML written here.
        auto xml = ctl({"--host", "remote", "export", "far", "--libvirt", path(QStringLiteral("far.xml"))});
        QVERIFY2(xml.exitCode == 0, qPrintable(xml.text()));
        QFile domain(path(QStringLiteral("far.xml")));
        QVERIFY(domain.open(QIODevice::ReadOnly));
        const QByteArray text = domain.readAll();
        QVERIFY2(text.contains("<domain type=\"lxc\">") && text.contains("<name>far</name>")
                     && text.contains(QFile::encodeName(remote->storePath() + QStringLiteral("/far/rootfs"))),
                 text.constData());
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

    void copyStoresNoCopyOfTheStream()
    {
        QCOMPARE(ctl({"create", "big", "-t", "busybox"}).exitCode, 0);
        QVERIFY(run(QStringLiteral("dd"), {QStringLiteral("if=/dev/urandom"),
                                           QStringLiteral("of=%1/big/rootfs/root/blob").arg(local->storePath()),
                                           QStringLiteral("bs=1M"), QStringLiteral("count=256"), QStringLiteral("status=none")}));
        const QStringList localBefore = entries(local->storePath());
        auto copy = hosts.startCtl({QStringLiteral("copy"), QStringLiteral("big"), QStringLiteral("remote:streamed")});
        QVERIFY(copy->waitForStarted());
        // Sampled while the bytes flow: the source's store as it was (the
        // export's tree is a tmpfs in a private mount namespace), on the
        // target only the new container's staging directory with no file
        // outside its rootfs bigger than a config, and no process of the
        // transfer (helpers, hutchctl, ssh, sshd's sessions) holding an
        // unnamed or deleted file.
        int samples = 0;
        bool sawBlob = false;
        while (copy->state() != QProcess::NotRunning) {
            QCOMPARE(entries(local->storePath()), localBefore);
            for (const QString &staging : leftovers(remote->storePath())) {
                const QString dir = remote->storePath() + QLatin1Char('/') + staging;
                QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
                while (it.hasNext()) {
                    const QString file = it.next();
                    if (file.startsWith(dir + QStringLiteral("/rootfs/"))) {
                        sawBlob = sawBlob || file.endsWith(QStringLiteral("/root/blob"));
                        continue;
                    }
                    QVERIFY2(it.fileInfo().size() < (1 << 20), qPrintable(file));
                }
            }
            const QStringList held = unnamedFiles({copy->processId(), hosts.sshdPid(), local->helperPid(), remote->helperPid()});
            QVERIFY2(held.isEmpty(), qPrintable(held.join(QLatin1Char('\n'))));
            ++samples;
            copy->waitForFinished(20);
        }
        QVERIFY2(copy->exitCode() == 0, copy->readAllStandardError().constData());
        QVERIFY2(sawBlob && samples > 5, "the transfer was not seen under way");
        QCOMPARE(treeDigest(remote->storePath() + QStringLiteral("/streamed/rootfs"), {QStringLiteral("etc/hostname"), QStringLiteral("etc/hosts")}),
                 treeDigest(local->storePath() + QStringLiteral("/big/rootfs"), {QStringLiteral("etc/hostname"), QStringLiteral("etc/hosts")}));
        QVERIFY(leftovers(remote->storePath()).isEmpty());
        QCOMPARE(ctl({"--host", "remote", "destroy", "streamed"}).exitCode, 0);
    }

    void killedOrCancelledTransferLeavesNothing()
    {
        // A killed transfer's staging directory once outlived it: the
        // importing helper removed it while its tar, not yet killed, was
        // still writing into it (test_storage_units
        // cancelledExtractionEndsTar shows the order now).
        const QStringList before = entries(remote->storePath()), localBefore = entries(local->storePath());
        // SIGKILL to hutchctl copy, SIGINT (Ctrl-C: both jobs cancelled),
        // SIGKILL to the ssh carrying the stream: each once the blob is
        // under way into the second host's staging directory.
        enum Victim { Copy, Ssh };
        for (const auto &[signal, victim] : {std::pair{SIGKILL, Copy}, std::pair{SIGINT, Copy}, std::pair{SIGKILL, Ssh}}) {
            // zst, not copy's default none: at none's pace the last 256 MiB
            // could pass between the blob's first bytes and the signal.
            auto copy = hosts.startCtl({QStringLiteral("copy"), QStringLiteral("big"), QStringLiteral("remote:bigcopy"),
                                        QStringLiteral("--compression"), QStringLiteral("zst")});
            QVERIFY(copy->waitForStarted());
            QTRY_VERIFY_WITH_TIMEOUT(blobArriving(), 120000);
            qint64 pid = copy->processId();
            if (victim == Ssh) {
                const QList<qint64> ssh = descendants(copy->processId(), QStringLiteral("ssh"));
                QCOMPARE(ssh.size(), 1);
                pid = ssh.first();
            }
            ::kill(pid_t(pid), signal);
            QVERIFY(copy->waitForFinished(60000));
            QVERIFY2(copy->exitStatus() != QProcess::NormalExit || copy->exitCode() != 0, copy->readAllStandardError().constData());
            // Both ends give up: no staging, no container, the same
            // stores, no unnamed file held by what remains.
            QTRY_VERIFY2_WITH_TIMEOUT(leftovers(local->storePath()).isEmpty() && leftovers(remote->storePath()).isEmpty(),
                                      qPrintable(QStringLiteral("after signal %1 to %2: %3 | %4 | second helper: %5")
                                                     .arg(signal).arg(victim == Ssh ? "ssh" : "hutchctl copy")
                                                     .arg(leftovers(local->storePath()).join(' '), leftovers(remote->storePath()).join(' '),
                                                          QString::fromUtf8(remote->helperLog().right(1500)))),
                                      60000);
            QCOMPARE(entries(remote->storePath()), before);
            QCOMPARE(entries(local->storePath()), localBefore);
            qInfo() << "signal" << signal << (victim == Ssh ? "to ssh" : "to hutchctl copy") << "left nothing";
            const QStringList held = unnamedFiles({hosts.sshdPid(), local->helperPid(), remote->helperPid()});
            QVERIFY2(held.isEmpty(), qPrintable(held.join(QLatin1Char('\n'))));
        }
        QCOMPARE(ctl({"destroy", "big"}).exitCode, 0);
    }

    void moveKeepsTheSourceUntilTheTargetStarts()
    {
        // A container that cannot start on the second host (its bridge is
        // not there): the move imports it, fails to start it, removes it
        // there and keeps the source as it was.
        QCOMPARE(ctl({"create", "stay", "-t", "busybox"}).exitCode, 0);
        QFile config(local->storePath() + QStringLiteral("/stay/config"));
        QVERIFY(config.open(QIODevice::Append));
        config.write("lxc.net.0.type = veth\nlxc.net.0.link = r23nobridge\n");
        config.close();
        const QStringList digest = treeDigest(local->storePath() + QStringLiteral("/stay"));
        const QStringList remoteBefore = entries(remote->storePath());
        auto moved = ctl({"move", "stay", "remote:"});
        QCOMPARE(moved.exitCode, 1);
        QVERIFY2(moved.err.contains("did not start on remote") && moved.err.contains("\"stay\" stays on this computer"),
                 moved.err.constData());
        QCOMPARE(treeDigest(local->storePath() + QStringLiteral("/stay")), digest);
        QCOMPARE(entries(remote->storePath()), remoteBefore);
        QCOMPARE(ctl({"destroy", "stay"}).exitCode, 0);
    }
};

QTEST_GUILESS_MAIN(TestRemote)
#include "test_remote.moc"
