// LXC interoperation with real Debian containers (label root), both ways:
// - a container made by LXC itself (`lxc-create -t debian`, Debian's lxc and
//   lxc-templates) starts under Hutch, systemd reaches running or degraded,
//   and LXC's confinement from its common.conf holds inside (seccomp
//   profile, dropped capabilities, device rules);
// - a Debian container made by Hutch's debootstrap template, unprivileged as
//   CreateContainer makes it (lxc.idmap, idmap=container), starts under
//   upstream lxc-start with systemd running or degraded and root mapped.
// Downloads come only from the Debian mirror apt uses here, into caches
// kept between runs under /var/cache/hutch-test: LXC's template cache in
// lxc/ (LXC_CACHE_PATH) and Hutch's debootstrap cache, the one
// test_gui_debian uses. A first run debootstraps (minutes); later runs
// copy from the caches (well under a minute). Skips, naming it, without
// the packages, or without a mirror while a cache is missing.
#include "runtimefixture.h"

#include "aptmirror.h"
#include "configdocument.h"
#include "idranges.h"
#include "image.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTest>
#include <QUrl>

using namespace hutch;
using namespace hutch::test;

namespace {

const QString kCache = QStringLiteral("/var/cache/hutch-test");
// LXC's debian template keeps its debootstrap in $LXC_CACHE_PATH/debian.
const QString kLxcCache = kCache + QStringLiteral("/lxc");
const QString kRelease = QStringLiteral("bookworm");

QString statusField(const QString &status, const QString &field)
{
    for (const QString &line : status.split(QLatin1Char('\n')))
        if (line.startsWith(field + QLatin1Char(':')))
            return line.mid(field.size() + 1).trimmed();
    return {};
}

// The LXC config with its network replaced by an empty one (these machines
// have no lxcbr0, and no packet may leave them).
QByteArray withoutNetwork(const QByteArray &config)
{
    ConfigDocument doc = ConfigDocument::fromBytes(config);
    for (qsizetype i = doc.size() - 1; i >= 0; --i)
        if (doc.lines().at(i).kind == ConfigLine::Kind::Entry && doc.lines().at(i).key.startsWith(QLatin1String("lxc.net.")))
            doc.removeAt(i);
    doc.append(QStringLiteral("lxc.net.0.type"), QStringLiteral("empty"));
    return doc.toBytes();
}

// Why MIRROR cannot be reached from here, or an empty string.
QString unreachable(const QString &mirror)
{
    if (mirror.isEmpty())
        return QStringLiteral("no Debian mirror in /etc/apt (sources.list or sources.list.d/*.sources)");
    const QUrl url(mirror);
    QTcpSocket probe;
    probe.connectToHost(url.host(), quint16(url.port(url.scheme() == QLatin1String("https") ? 443 : 80)));
    if (!probe.waitForConnected(10000))
        return QStringLiteral("the Debian mirror %1 cannot be reached: %2").arg(mirror, probe.errorString());
    return {};
}

hutch::templates::DebootstrapOptions hutchDebootstrap(const QString &mirror)
{
    hutch::templates::DebootstrapOptions o;  // test_gui_debian's: the same cache
    o.mirror = mirror;
    o.cachePath = kCache;
    return o;
}

bool lxcCached()
{
    return QFileInfo(QStringLiteral("%1/debian/rootfs-%2-amd64/etc/debian_version").arg(kLxcCache, kRelease)).isFile();
}

}  // namespace

class TestLxcInterop : public QObject {
    Q_OBJECT

    std::optional<RuntimeFixture> fx;
    QString mirror;

    QString run(const QString &name, const QString &command)
    {
        QByteArray out;
        const QString end = execIn(fx->settings(), name, command, &out, 90000);
        return end == QLatin1String("exit 0") ? QString::fromUtf8(out).trimmed() : end + QLatin1Char(' ') + QString::fromUtf8(out);
    }

    // LXC's commands need the writable devpts under the read-only one these
    // machines stack (DESIGN.md): they run in a mount namespace of their
    // own, under bash for its process substitution. Output and error merged.
    static QString lxcScript(const QString &script, int timeoutMs, const QProcessEnvironment &env = {})
    {
        QProcess p;
        if (!env.isEmpty())
            p.setProcessEnvironment(env);
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(QStringLiteral("unshare"), {QStringLiteral("-m"), QStringLiteral("--propagation"), QStringLiteral("private"),
                                            QStringLiteral("bash"), QStringLiteral("-c"),
                                            QStringLiteral("umount /dev/pts 2>/dev/null; ") + script});
        if (!p.waitForFinished(timeoutMs)) {
            p.kill();
            p.waitForFinished(5000);
            return QStringLiteral("(timed out after %1 s) ").arg(timeoutMs / 1000) + QString::fromUtf8(p.readAll());
        }
        return QString::fromUtf8(p.readAll()) + QStringLiteral("\nexit %1").arg(p.exitCode());
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (const QString why = runtimeUnavailableReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        for (const char *tool : {"lxc-create", "lxc-start", "lxc-attach", "unshare", "bash"})
            if (QStandardPaths::findExecutable(QLatin1String(tool)).isEmpty())
                QSKIP(qPrintable(QStringLiteral("%1 not found (Debian packages lxc, util-linux, bash)").arg(QLatin1String(tool))));
        if (!QFileInfo(QStringLiteral("/usr/share/lxc/templates/lxc-debian")).isFile())
            QSKIP("LXC's debian template is not installed (Debian package lxc-templates)");
        if (const QString why = hutch::templates::debootstrapUnavailableReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        mirror = aptMirror();
        const bool hutchCached =
            QFileInfo(hutch::templates::debootstrapCacheDir(hutch::templates::withDefaults(hutchDebootstrap(mirror)))
                      + QStringLiteral("/rootfs/etc/debian_version"))
                .isFile();
        if (!lxcCached() || !hutchCached)
            if (const QString why = unreachable(mirror); !why.isEmpty())
                QSKIP(qPrintable(why + QStringLiteral(" (and a Debian rootfs is not cached in %1 yet)").arg(kCache)));
        QVERIFY(QDir().mkpath(kLxcCache));
        QVERIFY(QFile::setPermissions(kCache, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        fx.emplace();
        QVERIFY(fx->ok());
    }

    void cleanupTestCase() { fx.reset(); }

    void lxcMadeDebianStartsUnderHutch()
    {
        const QString name = QStringLiteral("lxcdeb");
        const QString store = fx->store().path();
        QVERIFY(QDir().mkpath(store));
        // LXC makes the container in the fixture's store, as on any host
        // with lxcpath = the store.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("LXC_CACHE_PATH"), kLxcCache);
        env.insert(QStringLiteral("MIRROR"), mirror.isEmpty() ? QStringLiteral("http://deb.debian.org/debian") : mirror);
        const bool cached = lxcCached();
        QElapsedTimer made;
        made.start();
        const QString created =
            lxcScript(QStringLiteral("lxc-create -P %1 -n %2 -t debian -- -r %3").arg(store, name, kRelease), 900000, env);
        QVERIFY2(created.endsWith(QLatin1String("\nexit 0")), qPrintable(created.right(3000)));
        qInfo("lxc-create -t debian (%s): %lld s", cached ? "cached" : "first, with debootstrap", made.elapsed() / 1000);

        QFile f(fx->store().configPath(name));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray lxcConfig = f.readAll();
        QVERIFY2(lxcConfig.contains("lxc.include = /usr/share/lxc/config/debian.common.conf"), lxcConfig.constData());
        f.close();
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QVERIFY(f.write(withoutNetwork(lxcConfig)) > 0);
        f.close();

        QElapsedTimer booted;
        booted.start();
        auto pid = fx->runtime().start(name);
        QVERIFY2(pid, pid ? "" : qPrintable(pid.error().message));
        // systemd's getty prompts on the console once the manager runs its
        // jobs (Enter makes a getty already there prompt again); then
        // `is-system-running --wait` waits for systemd's StartupFinished.
        auto console = ConsoleSession::open(fx->runtime(), name);
        QVERIFY(console);
        QVERIFY(console->send("\r"));
        QVERIFY2(console->waitFor("login:", 90000), console->transcript().right(2000).constData());
        const QString state = run(name, QStringLiteral("systemctl is-system-running --wait || true"));
        qInfo("systemd under Hutch: %s after %lld ms", qPrintable(state), qint64(booted.elapsed()));
        QVERIFY2(state == QLatin1String("running") || state == QLatin1String("degraded"), qPrintable(state));
        // LXC's confinement from its common.conf: the seccomp profile, the
        // dropped capabilities (sys_module is bit 16), the device rules.
        const QString status = run(name, QStringLiteral("cat /proc/1/status"));
        QCOMPARE(statusField(status, QStringLiteral("Seccomp")), QStringLiteral("2"));
        QVERIFY((statusField(status, QStringLiteral("CapBnd")).toULongLong(nullptr, 16) & (1ULL << 16)) == 0);
        const QString disk = hostBlockDevice();
        QVERIFY(!disk.isEmpty());
        QCOMPARE(run(name, QStringLiteral("mknod /tmp/disk b %1 && dd if=/tmp/disk of=/dev/null bs=512 count=1 "
                                          "2>/dev/null && echo read || echo refused").arg(disk)),
                 QStringLiteral("refused"));
        QCOMPARE(run(name, QStringLiteral("head -c 1 /dev/urandom | wc -c")), QStringLiteral("1"));
        QVERIFY(!fx->ask(name, &MonitorLink::stop));
        QVERIFY(fx->waitForState(name, QStringLiteral("STOPPED")));
    }

    // A Debian container made by Hutch's template, unprivileged as
    // CreateContainer makes it, under upstream lxc-start.
    void hutchUnprivilegedDebianStartsUnderLxc()
    {
        const QString name = QStringLiteral("hutchdeb");
        QStringList lines;
        QElapsedTimer making;
        making.start();
        auto made = hutch::templates::createDebootstrap(fx->store(), name, hutchDebootstrap(mirror),
                                                        [&](const QString &l) { lines << l; });
        QVERIFY2(!made, made ? qPrintable(made->message + QLatin1Char('\n') + lines.mid(lines.size() - 20).join(QLatin1Char('\n'))) : "");
        qInfo("Hutch's debian template: %lld s", making.elapsed() / 1000);
        QVERIFY(!idranges::makeUnprivileged(fx->store(), name));
        const QString store = fx->store().path();
        // The console's output to a file (where the test sees the prompt).
        QFile config(fx->store().configPath(name));
        QVERIFY(config.open(QIODevice::Append));
        config.write("lxc.console.logfile = " + QFile::encodeName(store) + "/console.log\n");
        config.close();
        // lxc-start maps ids with newuidmap, which allows root only the
        // ranges of /etc/subuid and /etc/subgid: the helper's pool is named
        // there, in this mount namespace only, as an administrator would
        // name it for the machine (docs/security.md).
        // LXC's mapped root must reach the container's directory (LXC's
        // documented o+x), which the fixture's temporary directory is not.
        for (const QString &d : {QFileInfo(store).path(), store, store + QStringLiteral("/") + name})
            QVERIFY(QFile::setPermissions(d, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ExeGroup
                                                 | QFile::ExeOther));
        const idranges::Pool pool = idranges::pool();
        QFile subids(store + QStringLiteral("/subids"));
        QVERIFY(subids.open(QIODevice::WriteOnly));
        subids.write(QStringLiteral("root:%1:%2\n").arg(pool.uidStart).arg(pool.uidCount).toUtf8());
        subids.close();
        // The getty's prompt in the console log is the first wait (tail -F
        // follows the file with inotify; the prompt ends in no newline, so
        // the shell reads up to each ':'); then systemd's own wait for the
        // end of its start-up. The container is stopped whatever happened.
        QElapsedTimer booted;
        booted.start();
        const QString out = lxcScript(
            QStringLiteral("mount --bind %1/subids /etc/subuid && mount --bind %1/subids /etc/subgid || exit 1; "
                           "trap 'lxc-stop -P %1 -n %2 -k' EXIT; "
                           "lxc-start -P %1 -n %2 -l DEBUG -o %1/lxc.log -d || exit 1; "
                           "timeout 90 bash -c 'while IFS= read -r -d : s; do case $s in *login) exit 0;; esac; done; exit 1' "
                           "< <(exec tail -n +1 -F --pid=$$ %1/console.log 2>/dev/null) || exit 1; "
                           "echo \"systemd:$(lxc-attach -P %1 -n %2 -- systemctl is-system-running --wait)\"; "
                           "lxc-attach -P %1 -n %2 -- cat /proc/self/uid_map")
                .arg(store, name),
            150000);
        qInfo("systemd under lxc-start: %lld ms to the end of the checks", qint64(booted.elapsed()));
        auto tail = [&](const char *file) {
            QFile f(store + QLatin1Char('/') + QLatin1String(file));
            return QStringLiteral("\n--- %1 ---\n").arg(QLatin1String(file))
                   + (f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll().right(2000)) : QString());
        };
        QVERIFY2(out.contains(QLatin1String("systemd:running")) || out.contains(QLatin1String("systemd:degraded")),
                 qPrintable(out + tail("console.log") + tail("lxc.log")));
        QVERIFY2(out.contains(QRegularExpression(QStringLiteral("\\b0\\s+[1-9][0-9]*\\s+65536"))), qPrintable(out));
    }
};

QTEST_GUILESS_MAIN(TestLxcInterop)
#include "test_lxc_interop.moc"
