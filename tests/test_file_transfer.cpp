// hutchctl file push/pull against the real helper, as the unprivileged
// user nobody through the real polkitd: round trips (content, mode,
// owner) into a stopped and a running unprivileged container (an idmapped
// rootfs), lxc.idmap of a rootfs shifted on disk respected,
// symlinks inside the container pointing at the host's /etc never
// followed (the host unchanged), ListFiles, MakeDirectory, DeleteFile,
// a stream that breaks its format refused, and a caller without the files
// authorization refused with nothing written.
#include "busfixture.h"

#include "client.h"
#include "filestream.h"

#include <QDBusUnixFileDescriptor>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using hutch::test::BusFixture;

namespace {

constexpr uid_t kNobody = 65534;

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

void writeFile(const QString &path, const QByteArray &data, mode_t mode)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(data);
    f.close();
    QCOMPARE(::chmod(QFile::encodeName(path).constData(), mode), 0);
}

struct stat statOf(const QString &path)
{
    struct stat st {};
    ::lstat(QFile::encodeName(path).constData(), &st);
    return st;
}

}  // namespace

class TestFileTransfer : public QObject {
    Q_OBJECT
    std::unique_ptr<BusFixture> fx;
    QTemporaryDir work;  // sources readable by nobody, destinations nobody owns

    QString rootfs(const QString &name) const { return fx->storePath() + QLatin1Char('/') + name + QStringLiteral("/rootfs"); }
    QString dest(const QString &name) const
    {
        const QString d = work.filePath(name);
        QDir().mkpath(d);
        (void)::chown(QFile::encodeName(d).constData(), kNobody, kNobody);
        return d;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (const QString why = hutch::test::busUnavailableReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        if (!QFile::exists(QStringLiteral("/bin/busybox")))
            QSKIP("needs /bin/busybox (Debian package busybox-static)");
        QVERIFY(work.isValid());
        QCOMPARE(::chmod(QFile::encodeName(work.path()).constData(), 0755), 0);
        fx = std::make_unique<BusFixture>();
        QString why;
        QVERIFY2(fx->start(&why), qPrintable(why));
        // box: unprivileged as created by default (an idmapped rootfs, whose
        // files keep plain owners on disk); mapped: privileged, given a map
        // of ids shifted on disk by idmapRespected.
        const auto box = fx->hutchctl({"create", "box", "-t", "busybox"}, false);
        QVERIFY2(box.exitCode == 0, qPrintable(box.text()));
        QVERIFY(readAll(fx->storePath() + "/box/config").contains("idmap=container"));
        const auto mapped = fx->hutchctl({"create", "mapped", "-t", "busybox", "--privileged"}, false);
        QVERIFY2(mapped.exitCode == 0, qPrintable(mapped.text()));
        QVERIFY(fx->allowNobody());
    }
    void cleanupTestCase()
    {
        if (fx)
            fx->cleanup();
    }

    void roundTripStopped()
    {
        writeFile(work.filePath("hello.txt"), "hello from the host\n", 0754);
        auto r = fx->hutchctl({"file", "push", work.filePath("hello.txt"), "box/root/"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        const QString inside = rootfs("box") + "/root/hello.txt";
        QCOMPARE(readAll(inside), QByteArray("hello from the host\n"));
        QCOMPARE(statOf(inside).st_mode & 07777, 0754u);
        QCOMPARE(statOf(inside).st_uid, 0u);  // the container's root, not nobody
        QCOMPARE(statOf(inside).st_gid, 0u);

        r = fx->hutchctl({"file", "push", "--uid", "1000", "--gid", "1001", "--mode", "0640", "-p",
                          work.filePath("hello.txt"), "box/srv/new/dir/greeting"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        const QString owned = rootfs("box") + "/srv/new/dir/greeting";
        QCOMPARE(readAll(owned), QByteArray("hello from the host\n"));
        QCOMPARE(statOf(owned).st_mode & 07777, 0640u);
        QCOMPARE(statOf(owned).st_uid, 1000u);
        QCOMPARE(statOf(owned).st_gid, 1001u);
        QVERIFY(S_ISDIR(statOf(rootfs("box") + "/srv/new").st_mode));
        // Without -p a missing parent is an error.
        r = fx->hutchctl({"file", "push", work.filePath("hello.txt"), "box/nowhere/x"});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("nowhere"), r.err.constData());

        // ListFiles reports the owner as the container sees it.
        const auto listed = fx->call({"ListFiles", "s:box", "s:/srv/new/dir", "a{sv}:"});
        QVERIFY2(listed.text().contains("name=greeting") && listed.text().contains("uid=1000")
                     && listed.text().contains("gid=1001") && listed.text().contains("mode=416"),
                 qPrintable(listed.text()));

        const QString out = dest("pulled");
        r = fx->hutchctl({"file", "pull", "box/srv/new/dir/greeting", out + "/copy"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        QCOMPARE(readAll(out + "/copy"), QByteArray("hello from the host\n"));
        QCOMPARE(statOf(out + "/copy").st_mode & 07777, 0640u);
        QCOMPARE(statOf(out + "/copy").st_uid, kNobody);  // the caller's own file
        // A directory without -r is refused.
        r = fx->hutchctl({"file", "pull", "box/srv", out});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("recursive"), r.err.constData());
    }

    void recursiveRunning()
    {
        const QString tree = work.filePath("tree");
        QDir().mkpath(tree + "/sub");
        QCOMPARE(::chmod(QFile::encodeName(tree).constData(), 0755), 0);
        QCOMPARE(::chmod(QFile::encodeName(tree + "/sub").constData(), 0750), 0);
        (void)::chown(QFile::encodeName(tree + "/sub").constData(), 0, kNobody);
        writeFile(tree + "/a.txt", "alpha\n", 0644);
        writeFile(tree + "/sub/b.bin", QByteArray(300000, 'b'), 0600);
        (void)::chown(QFile::encodeName(tree + "/sub/b.bin").constData(), kNobody, kNobody);
        QCOMPARE(::symlink("/etc/hostname", QFile::encodeName(tree + "/link").constData()), 0);

        QCOMPARE(fx->hutchctl({"start", "box"}, false).exitCode, 0);
        auto r = fx->hutchctl({"file", "push", "-r", tree, "box/root/"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        // Seen from inside the running container.
        r = fx->hutchctl({"attach", "box", "--", "sh", "-c",
                          "cat /root/tree/a.txt; head -c 5 /root/tree/sub/b.bin; echo; readlink /root/tree/link; "
                          "stat -c '%a %u' /root/tree/sub /root/tree/sub/b.bin"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        QCOMPARE(r.out, QByteArray("alpha\nbbbbb\n/etc/hostname\n750 0\n600 0\n"));
        // Written through the idmapped rootfs as the container's root: plain
        // owners on disk, as the stopped container's pushes.
        QCOMPARE(statOf(rootfs("box") + "/root/tree/a.txt").st_uid, 0u);
        QCOMPARE(statOf(rootfs("box") + "/root/tree/sub").st_gid, 0u);

        const QString out = dest("tree-back");
        r = fx->hutchctl({"file", "pull", "-r", "box/root/tree", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        QCOMPARE(readAll(out + "/tree/a.txt"), QByteArray("alpha\n"));
        QCOMPARE(readAll(out + "/tree/sub/b.bin"), QByteArray(300000, 'b'));
        QCOMPARE(statOf(out + "/tree/sub").st_mode & 07777, 0750u);
        QVERIFY(S_ISLNK(statOf(out + "/tree/link").st_mode));
        QCOMPARE(QFile::symLinkTarget(out + "/tree/link"), QStringLiteral("/etc/hostname"));
    }

    void symlinksToTheHostAreNotFollowed()
    {
        // Made by the container's root (here the test, in its rootfs).
        const QString root = rootfs("box") + "/root";
        QFile::remove(root + "/etclink");
        QVERIFY(QFile::link("/etc", root + "/etclink"));
        QVERIFY(QFile::link("../../../../../../../etc", root + "/uplink"));
        QVERIFY(QFile::link("/etc/passwd", root + "/passwdlink"));
        const QByteArray hostPasswd = readAll("/etc/passwd");
        const QByteArray containerPasswd = readAll(rootfs("box") + "/etc/passwd");
        QVERIFY(hostPasswd != containerPasswd);
        writeFile(work.filePath("hutch-owned"), "x\n", 0644);

        for (const char *target : {"box/root/etclink/", "box/root/uplink/"}) {
            const auto r = fx->hutchctl({"file", "push", work.filePath("hutch-owned"), target});
            QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
            QVERIFY2(!QFile::exists("/etc/hutch-owned"), target);
        }
        QVERIFY(QFile::exists(rootfs("box") + "/etc/hutch-owned"));  // the container's /etc
        // Pushing onto a link replaces the link, never writes through it.
        auto r = fx->hutchctl({"file", "push", work.filePath("hutch-owned"), "box/root/passwdlink"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        QCOMPARE(readAll("/etc/passwd"), hostPasswd);
        QCOMPARE(readAll(rootfs("box") + "/etc/passwd"), containerPasswd);
        QVERIFY(!S_ISLNK(statOf(root + "/passwdlink").st_mode));
        // Pulling through the link gives the container's file.
        const QString out = dest("through-link");
        r = fx->hutchctl({"file", "pull", "box/root/uplink/passwd", out + "/passwd"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        QCOMPARE(readAll(out + "/passwd"), containerPasswd);
        // A running container's /proc is the kernel's: not written.
        r = fx->hutchctl({"file", "push", work.filePath("hutch-owned"), "box/proc/sys/kernel/hutch"});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("kernel filesystem"), r.err.constData());
    }

    void browseMakeAndDelete()
    {
        auto r = fx->call({"MakeDirectory", "s:box", "s:/root/made/deep", "a{sv}:parents=b:true"});
        QVERIFY2(r.text().startsWith("ok"), qPrintable(r.text()));
        QVERIFY(S_ISDIR(statOf(rootfs("box") + "/root/made/deep").st_mode));
        r = fx->call({"DeleteFile", "s:box", "s:/root/made", "a{sv}:"});
        QVERIFY2(r.text().contains("not empty"), qPrintable(r.text()));
        r = fx->call({"DeleteFile", "s:box", "s:/root/etclink", "a{sv}:recursive=b:true"});
        QVERIFY2(r.text().startsWith("ok"), qPrintable(r.text()));
        QVERIFY(QFile::exists("/etc/passwd"));  // the link went, not what it points to
        r = fx->call({"DeleteFile", "s:box", "s:/root/made", "a{sv}:recursive=b:true"});
        QVERIFY2(r.text().startsWith("ok"), qPrintable(r.text()));
        QVERIFY(!QFile::exists(rootfs("box") + "/root/made"));
        r = fx->call({"DeleteFile", "s:box", "s:/proc", "a{sv}:recursive=b:true"});
        QVERIFY2(!r.text().startsWith("ok"), qPrintable(r.text()));
        r = fx->call({"DeleteFile", "s:box", "s:/", "a{sv}:recursive=b:true"});
        QVERIFY2(r.text().contains("InvalidArgument"), qPrintable(r.text()));
        QCOMPARE(fx->hutchctl({"stop", "box", "--kill"}, false).exitCode, 0);
    }

    void idmapRespected()
    {
        QFile config(fx->storePath() + "/mapped/config");
        QVERIFY(config.open(QIODevice::Append));
        config.write("lxc.idmap = u 0 100000 65536\nlxc.idmap = g 0 200000 65536\n");
        config.close();
        writeFile(work.filePath("mapped.txt"), "mapped\n", 0644);
        auto r = fx->hutchctl({"file", "push", work.filePath("mapped.txt"), "mapped/root/"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        QCOMPARE(statOf(rootfs("mapped") + "/root/mapped.txt").st_uid, 100000u);
        QCOMPARE(statOf(rootfs("mapped") + "/root/mapped.txt").st_gid, 200000u);
        r = fx->hutchctl({"file", "push", "--uid", "33", "--gid", "44", work.filePath("mapped.txt"), "mapped/root/www.txt"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        QCOMPARE(statOf(rootfs("mapped") + "/root/www.txt").st_uid, 100033u);
        QCOMPARE(statOf(rootfs("mapped") + "/root/www.txt").st_gid, 200044u);
        const auto listed = fx->call({"ListFiles", "s:mapped", "s:/root", "a{sv}:"});
        QVERIFY2(listed.text().contains("uid=33"), qPrintable(listed.text()));
        r = fx->hutchctl({"file", "push", "--uid", "70000", work.filePath("mapped.txt"), "mapped/root/bad.txt"});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("not mapped"), r.err.constData());
    }

    void brokenStreamRefused()
    {
        // A symlink entry with a file "beneath" it: refused before the file is made.
        QTemporaryFile stream;
        QVERIFY(stream.open());
        hutch::files::Channel channel(stream.handle(), nullptr);
        hutch::files::Writer w(channel);
        QVERIFY(!w.begin());
        hutch::files::Entry link;
        link.type = hutch::files::Entry::Symlink;
        link.name = "evil";
        link.target = "/etc";
        QVERIFY(!w.add(link));
        QVERIFY(!w.end());
        QByteArray raw = readAll(stream.fileName());
        raw.chop(1);  // the end mark
        raw += QByteArray("f") + QByteArray(20, '\0') + QByteArray("\x00\x0a", 2) + "evil/owned" + QByteArray(7, '\0') + "\x02" + "x\n" + "E";
        QFile crafted(work.filePath("crafted.stream"));
        QVERIFY(crafted.open(QIODevice::WriteOnly));
        crafted.write(raw);
        crafted.close();
        ::chmod(QFile::encodeName(crafted.fileName()).constData(), 0644);
        const int fd = ::open(QFile::encodeName(crafted.fileName()).constData(), O_RDONLY);
        QVERIFY(fd >= 0);
        Helper1Proxy helper(hutch::client::kService, hutch::client::kPath, fx->bus());
        auto reply = helper.PushFile(QStringLiteral("box"), QStringLiteral("/root"), QDBusUnixFileDescriptor(fd), {});
        ::close(fd);
        reply.waitForFinished();
        QVERIFY2(!reply.isError(), qPrintable(reply.error().message()));
        auto job = hutch::client::job(fx->bus(), reply.value().path());
        QTRY_VERIFY_WITH_TIMEOUT(job->state() == QLatin1String("failed"), 20000);
        QVERIFY2(job->errorMessage().contains("not inside a directory"), qPrintable(job->errorMessage()));
        QVERIFY(!QFile::exists("/etc/owned"));
        QVERIFY(!QFile::exists(rootfs("box") + "/etc/owned"));
    }

    void refusedWithoutRule()
    {
        QVERIFY(fx->forbidNobody());
        writeFile(work.filePath("refused.txt"), "no\n", 0644);
        auto r = fx->hutchctl({"file", "push", work.filePath("refused.txt"), "box/root/"});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("not authorized"), r.err.constData());
        QVERIFY(!QFile::exists(rootfs("box") + "/root/refused.txt"));
        const QString out = dest("refused");
        r = fx->hutchctl({"file", "pull", "box/root/hello.txt", out + "/hello.txt"});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("not authorized"), r.err.constData());
        QVERIFY(!QFile::exists(out + "/hello.txt"));
        const auto listed = fx->call({"ListFiles", "s:box", "s:/root", "a{sv}:"});
        QVERIFY2(listed.text().contains("NotAuthorized"), qPrintable(listed.text()));
    }
};

QTEST_GUILESS_MAIN(TestFileTransfer)
#include "test_file_transfer.moc"
