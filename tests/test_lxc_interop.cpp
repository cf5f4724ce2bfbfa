// LXC interoperation with real Debian containers (label root): an
// LXC-made Debian container (lxc-create -t debian, Debian's lxc and
// lxc-templates) starts under Hutch with systemd reaching running or
// degraded and LXC's confinement in force; a Hutch-made unprivileged
// config for the same rootfs starts under upstream lxc-start. Making a
// Debian rootfs takes minutes, so the test uses one made beforehand:
// HUTCH_LXC_DEBIAN names its directory (e.g. /var/lib/lxc/deb, made by
// `lxc-create -n deb -t debian -- -r bookworm`); without it the test skips.
#include "runtimefixture.h"

#include "configdocument.h"
#include "idranges.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

using namespace hutch;
using namespace hutch::test;

namespace {

QString lxcDir() { return qEnvironmentVariable("HUTCH_LXC_DEBIAN"); }

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

}  // namespace

class TestLxcInterop : public QObject {
    Q_OBJECT

    std::optional<RuntimeFixture> fx;

    QString run(const QString &name, const QString &command)
    {
        QByteArray out;
        const QString end = execIn(fx->settings(), name, command, &out, 30000);
        return end == QLatin1String("exit 0") ? QString::fromUtf8(out).trimmed() : end + QLatin1Char(' ') + QString::fromUtf8(out);
    }

    // A container NAME in the fixture's store whose config is CONFIG.
    bool place(const QString &name, const QByteArray &config)
    {
        const QString dir = fx->store().containerDir(name);
        QFile f(dir + QStringLiteral("/config"));
        return QDir().mkpath(dir) && f.open(QIODevice::WriteOnly) && f.write(config) == config.size();
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (const QString why = runtimeUnavailableReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        if (lxcDir().isEmpty() || !QFileInfo::exists(lxcDir() + QStringLiteral("/config")))
            QSKIP("set HUTCH_LXC_DEBIAN to a container made by lxc-create -t debian (Debian's lxc-templates)");
        fx.emplace();
        QVERIFY(fx->ok());
    }

    void cleanupTestCase() { fx.reset(); }

    void lxcMadeDebianStartsUnderHutch()
    {
        QFile f(lxcDir() + QStringLiteral("/config"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString name = QStringLiteral("lxcdeb");
        QVERIFY(place(name, withoutNetwork(f.readAll())));
        auto pid = fx->runtime().start(name);
        QVERIFY2(pid, pid ? "" : qPrintable(pid.error().message));
        // systemd boots: running or degraded, within a minute.
        QString state;
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 60000) {
            state = run(name, QStringLiteral("systemctl is-system-running || true"));
            if (state == QLatin1String("running") || state == QLatin1String("degraded"))
                break;
            QTest::qWait(500);
        }
        qInfo("systemd: %s after %lld ms", qPrintable(state), qint64(t.elapsed()));
        QVERIFY2(state == QLatin1String("running") || state == QLatin1String("degraded"), qPrintable(state));
        // LXC's confinement from its common.conf: the seccomp profile, the
        // dropped capabilities (sys_module is bit 16), the device rules.
        const QString status = run(name, QStringLiteral("cat /proc/1/status"));
        QCOMPARE(statusField(status, QStringLiteral("Seccomp")), QStringLiteral("2"));
        QVERIFY((statusField(status, QStringLiteral("CapBnd")).toULongLong(nullptr, 16) & (1ULL << 16)) == 0);
        const QString disk = hostBlockDevice();
        if (!disk.isEmpty())
            QCOMPARE(run(name, QStringLiteral("mknod /tmp/disk b %1 && dd if=/tmp/disk of=/dev/null bs=512 count=1 "
                                              "2>/dev/null && echo read || echo refused").arg(disk)),
                     QStringLiteral("refused"));
        QVERIFY(!fx->ask(name, &MonitorLink::stop));
        QVERIFY(fx->waitForState(name, QStringLiteral("STOPPED")));
    }

    // The same rootfs, as Hutch configures an unprivileged container
    // (lxc.idmap, idmap=container), under upstream lxc-start.
    void hutchUnprivilegedDebianStartsUnderLxc()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("lxc-start")).isEmpty())
            QSKIP("lxc-start not found (Debian package lxc)");
        const QString name = QStringLiteral("hutchdeb");
        const QByteArray config = "lxc.uts.name = hutchdeb\nlxc.rootfs.path = dir:" + lxcDir().toUtf8()
                                  + "/rootfs\nlxc.include = /usr/share/lxc/config/debian.common.conf\n"
                                    "lxc.include = /usr/share/lxc/config/debian.userns.conf\n"
                                    "lxc.tty.max = 2\nlxc.net.0.type = empty\n";
        QVERIFY(place(name, config));
        QVERIFY(!idranges::makeUnprivileged(fx->store(), name));
        const QString store = fx->store().path();
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
        // LXC's commands need the writable devpts under the read-only one
        // these machines stack (DESIGN.md): in a mount namespace of their own.
        const QString script =
            QStringLiteral("umount /dev/pts; mount --bind %1/subids /etc/subuid && mount --bind %1/subids /etc/subgid && "
                           "lxc-start -P %1 -n %2 -l DEBUG -o %1/lxc.log -d && "
                           "lxc-wait -P %1 -n %2 -s RUNNING -t 30 && "
                           "for i in $(seq 60); do s=$(lxc-attach -P %1 -n %2 -- systemctl is-system-running); "
                           "case $s in running|degraded) break;; esac; sleep 1; done; echo \"systemd:$s\"; "
                           "lxc-attach -P %1 -n %2 -- cat /proc/self/uid_map; lxc-stop -P %1 -n %2 -k")
                .arg(store, name);
        QProcess p;
        p.start(QStringLiteral("unshare"), {QStringLiteral("-m"), QStringLiteral("--propagation"), QStringLiteral("private"),
                                            QStringLiteral("sh"), QStringLiteral("-c"), script});
        QVERIFY(p.waitForFinished(150000));
        const QString out = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
        QFile log(store + QStringLiteral("/lxc.log"));
        const QString lxcLog = log.open(QIODevice::ReadOnly) ? QString::fromUtf8(log.readAll().right(3000)) : QString();
        QVERIFY2(out.contains(QLatin1String("systemd:running")) || out.contains(QLatin1String("systemd:degraded")),
                 qPrintable(out + QStringLiteral("\n--- lxc.log ---\n") + lxcLog));
        QVERIFY2(out.contains(QRegularExpression(QStringLiteral("\\b0\\s+[1-9][0-9]*\\s+65536"))), qPrintable(out));
    }
};

QTEST_GUILESS_MAIN(TestLxcInterop)
#include "test_lxc_interop.moc"
