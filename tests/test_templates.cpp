// Templates: option schemas, the image index and checksums, debootstrap's
// command line; `download` from an image server the test runs on
// 127.0.0.1 (python3 -m http.server, serving an image built here from a
// busybox rootfs) makes a container that starts, a wrong checksum is
// refused and leaves nothing; `local` from a tarball; a create that runs
// out of space on a small loop filesystem fails clearly and leaves nothing.
#include "aptmirror.h"
#include "runtimefixture.h"
#include "test_storage_util.h"

#include "idranges.h"
#include "image.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUrl>

using namespace hutch;
using namespace hutch::test;
using namespace hutch::templates;

namespace {

QString readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

QString sha256(const QString &path)
{
    QFile f(path);
    QCryptographicHash h(QCryptographicHash::Sha256);
    if (f.open(QIODevice::ReadOnly))
        h.addData(&f);
    return QString::fromLatin1(h.result().toHex());
}

}  // namespace

using hutch::test::aptMirror;

class TestTemplates : public QObject {
    Q_OBJECT

    std::optional<RuntimeFixture> fx;
    QTemporaryDir web;
    QProcess server;
    int port = 0;
    QString why;

    // An LXC image at images/busybox/REL/ARCH/default/BUILD/ with its
    // SHA256SUMS (wrong on purpose when `corrupt`).
    QString buildImage(const QString &release, bool corrupt)
    {
        const QString build = QStringLiteral("20240101_00:00");
        const QString rel = QStringLiteral("/images/busybox/%1/%2/default/%3/").arg(release, hostImageArch(), build);
        const QString dir = web.path() + rel;
        QDir().mkpath(dir);
        QTemporaryDir seed;
        if (auto err = createBusybox(Store(seed.path()), QStringLiteral("seed"), {}))
            return err->message;
        // LXC's images carry templated files: /etc/hostname says LXC_NAME.
        writeFile(seed.filePath(QStringLiteral("seed/rootfs/etc/hostname")), "LXC_NAME\n");
        QString out;
        if (runProgram(QStringLiteral("tar"), {QStringLiteral("-cJf"), dir + QStringLiteral("rootfs.tar.xz"), QStringLiteral("--numeric-owner"),
                                               QStringLiteral("-C"), seed.filePath(QStringLiteral("seed/rootfs")), QStringLiteral(".")}, &out) != 0)
            return out;
        // The image's /etc/hostname is a template.
        QTemporaryDir meta;
        writeFile(meta.filePath(QStringLiteral("config")),
                  "lxc.include = LXC_TEMPLATE_CONFIG/busybox.common.conf\n"
                  "lxc.arch = x86_64\n"
                  "lxc.init.cmd = /sbin/init\nlxc.signal.halt = SIGUSR1\nlxc.signal.reboot = SIGTERM\nlxc.tty.max = 2\n");
        writeFile(meta.filePath(QStringLiteral("templates")), "/etc/hostname\n/etc/missing\n");
        writeFile(meta.filePath(QStringLiteral("create-message")), "Welcome to the test image\n");
        if (runProgram(QStringLiteral("tar"), {QStringLiteral("-cJf"), dir + QStringLiteral("meta.tar.xz"), QStringLiteral("-C"), meta.path(),
                                               QStringLiteral(".")}, &out) != 0)
            return out;
        // A templated hostname inside the rootfs tarball is what LXC's images have.
        const QString rootSum = corrupt ? QString(64, QLatin1Char('0')) : sha256(dir + QStringLiteral("rootfs.tar.xz"));
        writeFile(dir + QStringLiteral("SHA256SUMS"),
                  (rootSum + QStringLiteral("  rootfs.tar.xz\n") + sha256(dir + QStringLiteral("meta.tar.xz")) + QStringLiteral("  meta.tar.xz\n")).toUtf8());
        QFile index(web.path() + QStringLiteral("/meta/1.0/index-system"));
        QDir().mkpath(QFileInfo(index).path());
        if (!index.open(QIODevice::Append))
            return QStringLiteral("index");
        index.write(QStringLiteral("busybox;%1;%2;default;%3;%4\n").arg(release, hostImageArch(), build, rel).toUtf8());
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        why = runtimeUnavailableReason();
        if (!why.isEmpty())
            return;
        fx.emplace();
        QVERIFY(fx->ok());
        QString err = buildImage(QStringLiteral("good"), false);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        err = buildImage(QStringLiteral("bad"), true);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        // A free port on loopback, then the server on it (bound to 127.0.0.1 only).
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
        probe.close();
        server.setProcessChannelMode(QProcess::MergedChannels);
        server.start(QStringLiteral("python3"), {QStringLiteral("-m"), QStringLiteral("http.server"), QString::number(port),
                                                 QStringLiteral("--bind"), QStringLiteral("127.0.0.1"),
                                                 QStringLiteral("--directory"), web.path()});
        if (!server.waitForStarted()) {
            why = QStringLiteral("python3 is not available for the test's image server");
            return;
        }
        QElapsedTimer t;
        t.start();
        bool up = false;
        while (!up && t.elapsed() < 10000) {
            QTcpSocket s;
            s.connectToHost(QHostAddress::LocalHost, quint16(port));
            up = s.waitForConnected(200);
            if (!up)
                QThread::msleep(50);
        }
        QVERIFY2(up, "the loopback image server did not come up");
    }

    void cleanupTestCase()
    {
        if (server.state() != QProcess::NotRunning) {
            server.kill();  // SIGKILL to that pid
            server.waitForFinished();
        }
        if (fx) {
            for (const char *n : {"dl", "dl2", "loc"})  // made here, not by the fixture
                stopAndWait(fx->runtime(), QLatin1String(n));
            fx->stopAll();
        }
        fx.reset();
    }

    void schemas()
    {
        QStringList names;
        for (const TemplateInfo &t : templateInfos()) {
            names << t.name;
            QVERIFY(!t.description.isEmpty());
            for (const TemplateOption &o : t.options) {
                QVERIFY2(QStringList({QStringLiteral("string"), QStringLiteral("int"), QStringLiteral("bool"), QStringLiteral("choice"),
                                      QStringLiteral("path"), QStringLiteral("url"), QStringLiteral("secret")}).contains(o.type),
                         qPrintable(o.name));
                if (o.type == QLatin1String("choice"))
                    QVERIFY2(o.choices.contains(o.defaultValue.toString()), qPrintable(t.name + QLatin1Char('.') + o.name));
            }
        }
        QCOMPARE(names, (QStringList{QStringLiteral("busybox"), QStringLiteral("local"), QStringLiteral("download"),
                                     QStringLiteral("debian"), QStringLiteral("ubuntu")}));
    }

    void indexAndSums()
    {
        auto idx = parseImageIndex("debian;bookworm;amd64;default;20240101_05:24;/images/debian/bookworm/amd64/default/20240101_05:24/\n"
                                   "alpine;3.19;arm64;default;20240102_13:00;/images/alpine/3.19/arm64/default/20240102_13:00/\n");
        QVERIFY(idx.ok());
        QCOMPARE(idx->size(), 2);
        QCOMPARE(idx->at(1).dist, QStringLiteral("alpine"));
        QCOMPARE(idx->at(0).path, QStringLiteral("/images/debian/bookworm/amd64/default/20240101_05:24/"));
        QVERIFY(!parseImageIndex("a;b;c\n").ok());
        QVERIFY(!parseImageIndex("a;b;c;d;e;/images/../../etc/\n").ok());
        // Issue 17, item 1: the server's fields become cache directories;
        // each must be one plain name (a build of "../.." left the cache,
        // and flush-cache then removed a host directory).
        for (const char *line : {"a;b;c;d;../../../../etc;/images/a/\n", "a;b;c;..;e;/images/a/\n", "a/x;b;c;d;e;/images/a/\n",
                                 "a;b;c;d;.hidden;/images/a/\n", "a;b;c;d;e;/images//a/\n", "a;b;c;d;e;images/a/\n",
                                 "a;b;c;d;e f;/images/a/\n", "a;b;c;d;e;/images/a/./\n"})
            QVERIFY2(!parseImageIndex(line).ok(), line);
        // https, or http for a mirror hutch.conf names.
        const auto https = imageServerUrl(QStringLiteral("images.linuxcontainers.org"), {});
        QVERIFY(https.ok() && *https == QUrl(QStringLiteral("https://images.linuxcontainers.org")));
        const auto plain = imageServerUrl(QStringLiteral("http://mirror.lan:8080"), {});
        QVERIFY(!plain.ok() && plain.error().message.contains(QLatin1String("download_http_mirrors = mirror.lan:8080")));
        QVERIFY(imageServerUrl(QStringLiteral("http://mirror.lan:8080"), {QStringLiteral("mirror.lan:8080")}).ok());
        QVERIFY(imageServerUrl(QStringLiteral("http://mirror.lan:8080"), {QStringLiteral("mirror.lan")}).ok());
        QVERIFY(!imageServerUrl(QStringLiteral("http://mirror.lan:8080"), {QStringLiteral("mirror.lan:80")}).ok());
        QVERIFY(!imageServerUrl(QStringLiteral("ftp://mirror.lan"), {QStringLiteral("mirror.lan")}).ok());
        QVERIFY(!imageServerUrl(QStringLiteral("https://user@mirror.lan"), {}).ok());
        const auto sums = parseSha256Sums(QByteArray(64, 'A') + "  rootfs.tar.xz\n" + QByteArray(64, 'b') + " *meta.tar.xz\nnoise\n");
        QCOMPARE(sums.value(QStringLiteral("rootfs.tar.xz")), QString(64, QLatin1Char('a')));
        QCOMPARE(sums.value(QStringLiteral("meta.tar.xz")), QString(64, QLatin1Char('b')));
        QCOMPARE(sums.size(), 2);
    }

    void debootstrapCommandLine()
    {
        DebootstrapOptions o;
        o.release = QStringLiteral("bookworm");
        o.arch = QStringLiteral("arm64");
        o.cachePath = QStringLiteral("/var/cache/hutch");
        QCOMPARE(debootstrapCommand(o, QStringLiteral("/c/rootfs")),
                 (QStringList{QStringLiteral("debootstrap"), QStringLiteral("--verbose"), QStringLiteral("--variant=minbase"),
                              QStringLiteral("--arch=arm64"), QStringLiteral("--include=init,ifupdown,iproute2,isc-dhcp-client,netbase,locales"),
                              QStringLiteral("bookworm"), QStringLiteral("/c/rootfs"), QStringLiteral("http://deb.debian.org/debian")}));
        QCOMPARE(debootstrapCacheDir(o), QStringLiteral("/var/cache/hutch/debian/bookworm-arm64-minbase"));
        DebootstrapOptions u;
        u.distribution = QStringLiteral("ubuntu");
        const QStringList ub = debootstrapCommand(u, QStringLiteral("/t"));
        QVERIFY(ub.contains(QStringLiteral("jammy")) && ub.last() == QStringLiteral("http://archive.ubuntu.com/ubuntu"));
    }

    // The real thing: debootstrap from the mirror apt uses here into a
    // cache, a container from it that starts with its systemd, and a second
    // container from the cache without debootstrap.
    void debootstrapMakesADebianContainerThatStarts()
    {
        if (!why.isEmpty())
            QSKIP(qPrintable(why));
        if (const QString reason = debootstrapUnavailableReason(); !reason.isEmpty())
            QSKIP(qPrintable(reason));
        const QString mirror = aptMirror();
        if (mirror.isEmpty())
            QSKIP("no Debian mirror in /etc/apt (sources.list or sources.list.d/*.sources)");
        const QUrl url(mirror);
        QTcpSocket probe;
        probe.connectToHost(url.host(), quint16(url.port(url.scheme() == QLatin1String("https") ? 443 : 80)));
        if (!probe.waitForConnected(10000))
            QSKIP(qPrintable(QStringLiteral("the Debian mirror %1 cannot be reached from this machine: %2")
                                 .arg(mirror, probe.errorString())));
        probe.abort();

        QTemporaryDir cache(QStringLiteral("/var/tmp/hutch-debootstrap-XXXXXX"));
        DebootstrapOptions o;
        o.release = QStringLiteral("bookworm");
        o.mirror = mirror;
        o.cachePath = cache.path();
        QStringList lines;
        QElapsedTimer timer;
        timer.start();
        auto err = createDebootstrap(fx->store(), QStringLiteral("deb"), o, [&](const QString &l) { lines << l; }, nullptr);
        QVERIFY2(!err, err ? qPrintable(err->message + QLatin1Char('\n') + lines.mid(lines.size() - 20).join(QLatin1Char('\n'))) : "");
        qInfo("debootstrap of bookworm minbase from %s: %lld s", qPrintable(mirror), timer.elapsed() / 1000);
        QVERIFY(QFileInfo(debootstrapCacheDir(o) + QStringLiteral("/rootfs/etc/debian_version")).isFile());
        QCOMPARE(readFile(fx->store().path() + QStringLiteral("/deb/rootfs/etc/hostname")), QStringLiteral("deb\n"));

        auto pid = fx->runtime().start(QStringLiteral("deb"));
        QVERIFY2(pid.ok(), pid.ok() ? "" : qPrintable(pid.error().message));
        QByteArray out;
        QCOMPARE(fx->exec(QStringLiteral("deb"), QStringLiteral("cat /etc/debian_version; readlink /proc/1/exe; hostname"), &out),
                 QStringLiteral("exit 0"));
        const QList<QByteArray> got = out.trimmed().split('\n');
        QVERIFY2(got.size() == 3 && got[0].startsWith("12.") && got[1].endsWith("systemd") && got[2] == "deb", out.constData());
        // systemd reaches its default target and powers off on the halt signal.
        QByteArray state;
        for (int i = 0; i < 120 && !state.startsWith("running") && !state.startsWith("degraded"); ++i) {
            state.clear();
            fx->exec(QStringLiteral("deb"), QStringLiteral("systemctl is-system-running 2>&1 || true"), &state);
            if (!state.startsWith("running") && !state.startsWith("degraded"))
                QThread::msleep(500);  // systemd has no event we can wait on from here
        }
        QVERIFY2(state.startsWith("running") || state.startsWith("degraded"), state.constData());
        QVERIFY(!fx->ask(QStringLiteral("deb"), [](MonitorLink &l) { return l.shutdown(60000); }));
        QVERIFY(fx->waitForState(QStringLiteral("deb"), QStringLiteral("STOPPED"), 90000));

        lines.clear();
        err = createDebootstrap(fx->store(), QStringLiteral("deb2"), o, [&](const QString &l) { lines << l; }, nullptr);
        QVERIFY2(!err, err ? qPrintable(err->message) : "");
        QVERIFY(lines.contains(QStringLiteral("using the cached debian bookworm %1 rootfs").arg(withDefaults(o).arch)));
    }

    // debootstrap --arch i386 on an amd64 host: the config says lxc.arch,
    // the runtime sets PER_LINUX32, and uname -m inside says i686. A first
    // debootstrap of i386 takes minutes; it is kept in /var/cache/hutch-tests,
    // from where every later run takes it quickly.
    void debootstrapI386ReportsI686()
    {
        if (!why.isEmpty())
            QSKIP(qPrintable(why));
        if (hostImageArch() != QLatin1String("amd64"))
            QSKIP("an i386 container is tried on amd64 hosts (this one is not)");
        if (QFileInfo::exists(QStringLiteral("/proc/config.gz"))
            && runProgram(QStringLiteral("sh"), {QStringLiteral("-c"), QStringLiteral("zcat /proc/config.gz | grep -q '^CONFIG_IA32_EMULATION=y'")}, nullptr) != 0)
            QSKIP("this kernel cannot run i386 binaries (CONFIG_IA32_EMULATION is not set)");
        if (const QString reason = debootstrapUnavailableReason(); !reason.isEmpty())
            QSKIP(qPrintable(reason));
        DebootstrapOptions o;
        o.release = QStringLiteral("bookworm");
        o.arch = QStringLiteral("i386");
        o.cachePath = QStringLiteral("/var/cache/hutch-tests");
        o.mirror = aptMirror();
        const bool cached = QFileInfo(debootstrapCacheDir(o) + QStringLiteral("/rootfs/etc/debian_version")).isFile();
        if (!cached && o.mirror.isEmpty())
            QSKIP("no Debian mirror in /etc/apt (sources.list or sources.list.d/*.sources)");
        QStringList lines;
        auto err = createDebootstrap(fx->store(), QStringLiteral("deb386"), o, [&](const QString &l) { lines << l; }, nullptr);
        QVERIFY2(!err, err ? qPrintable(err->message + QLatin1Char('\n') + lines.mid(lines.size() - 20).join(QLatin1Char('\n'))) : "");
        QVERIFY(readFile(fx->store().configPath(QStringLiteral("deb386"))).contains(QStringLiteral("\nlxc.arch = i386\n")));
        auto pid = fx->runtime().start(QStringLiteral("deb386"));
        QVERIFY2(pid.ok(), pid.ok() ? "" : qPrintable(pid.error().message));
        QByteArray out;
        QCOMPARE(fx->exec(QStringLiteral("deb386"), QStringLiteral("uname -m; dpkg --print-architecture; od -An -tx1 -j4 -N1 /bin/ls"),
                                  &out),
                 QStringLiteral("exit 0"));
        const QList<QByteArray> got = out.trimmed().split('\n');
        QVERIFY2(got.size() == 3 && got[0] == "i686" && got[1] == "i386" && got[2].trimmed() == "01",
                 out.constData());
        QVERIFY(!fx->ask(QStringLiteral("deb386"), &MonitorLink::stop));
        QVERIFY(fx->waitForState(QStringLiteral("deb386"), QStringLiteral("STOPPED"), 30000));
        // The same container as CreateContainer makes it by default:
        // unprivileged (a user namespace, the rootfs mounted idmapped). The
        // personality holds there too.
        QVERIFY(!idranges::makeUnprivileged(fx->store(), QStringLiteral("deb386")));
        auto unprivileged = fx->runtime().start(QStringLiteral("deb386"));
        QVERIFY2(unprivileged.ok(), unprivileged.ok() ? "" : qPrintable(unprivileged.error().message));
        out.clear();
        QCOMPARE(fx->exec(QStringLiteral("deb386"), QStringLiteral("uname -m; cat /proc/self/uid_map"), &out),
                 QStringLiteral("exit 0"));
        const QList<QByteArray> inside = out.simplified().split(' ');
        QVERIFY2(inside.size() >= 4 && inside[0] == "i686" && inside[1] == "0" && inside[2] != "0", out.constData());
        QVERIFY(!fx->ask(QStringLiteral("deb386"), &MonitorLink::stop));
        QVERIFY(fx->waitForState(QStringLiteral("deb386"), QStringLiteral("STOPPED"), 30000));
    }

    void downloadMakesAContainerThatStarts()
    {
        if (!why.isEmpty())
            QSKIP(qPrintable(why));
        DownloadOptions o;
        o.server = QStringLiteral("http://127.0.0.1:%1").arg(port);
        o.httpMirrors = {QStringLiteral("127.0.0.1:%1").arg(port)};
        o.dist = QStringLiteral("busybox");
        o.release = QStringLiteral("good");
        QTemporaryDir cache;
        o.cachePath = cache.path();
        QStringList lines;
        auto err = createDownload(fx->store(), QStringLiteral("dl"), o, [&](const QString &l) { lines << l; });
        QVERIFY2(!err, err ? qPrintable(err->message) : "");
        QVERIFY(lines.contains(QStringLiteral("Welcome to the test image")));
        QCOMPARE(readFile(fx->store().path() + QStringLiteral("/dl/rootfs/etc/hostname")), QStringLiteral("dl\n"));
        QVERIFY(lines.join(QLatin1Char('\n')).contains(QStringLiteral("skipping image config line \"lxc.include")));
        const QString cfg = readFile(fx->store().configPath(QStringLiteral("dl")));
        QVERIFY(cfg.contains(QStringLiteral("lxc.signal.halt = SIGUSR1")));
        auto pid = fx->runtime().start(QStringLiteral("dl"));
        QVERIFY2(pid.ok(), pid.ok() ? "" : qPrintable(pid.error().message));
        auto console = ConsoleSession::open(fx->runtime(), QStringLiteral("dl"));
        QVERIFY(console);
        QCOMPARE(console->run(QStringLiteral("hostname; readlink /proc/1/exe")).value_or(QString()), QStringLiteral("dl\n/bin/busybox"));
        stopAndWait(fx->runtime(), QStringLiteral("dl"));
        // A second container comes from the cache.
        lines.clear();
        QVERIFY(!createDownload(fx->store(), QStringLiteral("dl2"), o, [&](const QString &l) { lines << l; }));
        QVERIFY(lines.contains(QStringLiteral("using the cached rootfs.tar.xz")));
    }

    void downloadRefusesWrongChecksumAndLeavesNothing()
    {
        if (!why.isEmpty())
            QSKIP(qPrintable(why));
        DownloadOptions o;
        o.server = QStringLiteral("http://127.0.0.1:%1").arg(port);
        o.httpMirrors = {QStringLiteral("127.0.0.1:%1").arg(port)};
        o.dist = QStringLiteral("busybox");
        o.release = QStringLiteral("bad");
        QTemporaryDir cache;
        o.cachePath = cache.path();
        auto err = createDownload(fx->store(), QStringLiteral("bad"), o);
        QVERIFY(err);
        QVERIFY2(err->message.contains(QStringLiteral("rootfs.tar.xz does not match its checksum")), qPrintable(err->message));
        QVERIFY(!QFileInfo::exists(fx->store().containerDir(QStringLiteral("bad"))));
        QVERIFY(hiddenEntries(fx->store().path()).isEmpty());
        QDirIterator it(cache.path(), QDir::Files, QDirIterator::Subdirectories);
        QVERIFY2(!it.hasNext(), "a downloaded file was kept");
        // No such image: said so.
        o.release = QStringLiteral("nope");
        err = createDownload(fx->store(), QStringLiteral("bad"), o);
        QVERIFY(err && err->code == Error::Code::NotFound);
    }

    void localFromTarball()
    {
        if (!why.isEmpty())
            QSKIP(qPrintable(why));
        const QString dir = web.path() + QStringLiteral("/images/busybox/good/%1/default/20240101_00:00/").arg(hostImageArch());
        LocalOptions o;
        o.rootfsTarball = dir + QStringLiteral("rootfs.tar.xz");
        o.metadataTarball = dir + QStringLiteral("meta.tar.xz");
        o.hostname = QStringLiteral("local-host");
        auto err = createLocal(fx->store(), QStringLiteral("loc"), o);
        QVERIFY2(!err, err ? qPrintable(err->message) : "");
        QVERIFY(readFile(fx->store().configPath(QStringLiteral("loc"))).contains(QStringLiteral("lxc.uts.name = local-host")));
        o.rootfsTarball = dir + QStringLiteral("missing.tar.xz");
        err = createLocal(fx->store(), QStringLiteral("loc2"), o);
        QVERIFY(err && err->code == Error::Code::NotFound);
    }

    void createOutOfSpaceFailsClearlyAndLeavesNothing()
    {
        if (!why.isEmpty())
            QSKIP(qPrintable(why));
        LoopFs small(QStringLiteral("ext4"), 16 << 20);
        if (!small.ok())
            QSKIP(qPrintable(small.why()));
        // 24 MiB that do not compress: the rootfs cannot fit.
        QTemporaryDir src;
        QFile big(src.filePath(QStringLiteral("big")));
        QVERIFY(big.open(QIODevice::WriteOnly));
        QFile random(QStringLiteral("/dev/urandom"));
        QVERIFY(random.open(QIODevice::ReadOnly));
        for (int i = 0; i < 24; ++i)
            big.write(random.read(1 << 20));
        big.close();
        const QString tarball = src.filePath(QStringLiteral("big.tar"));
        QCOMPARE(runProgram(QStringLiteral("tar"), {QStringLiteral("-cf"), tarball, QStringLiteral("-C"), src.path(), QStringLiteral("big")}), 0);
        const Store store(small.mountPoint() + QStringLiteral("/store"));
        LocalOptions o;
        o.rootfsTarball = tarball;
        auto err = createLocal(store, QStringLiteral("huge"), o);
        QVERIFY(err);
        QVERIFY2(err->message.contains(QStringLiteral("No space left on device")), qPrintable(err->message));
        QCOMPARE(err->sysErrno, ENOSPC);
        QVERIFY2(err->message.startsWith(QStringLiteral("create \"huge\" from local")), qPrintable(err->message));
        QVERIFY(!QFileInfo::exists(store.containerDir(QStringLiteral("huge"))));
        QVERIFY(hiddenEntries(store.path()).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTemplates)
#include "test_templates.moc"
