// The helper's trust boundary, the parts that need no root: the archive
// reader and its rules (tarscan), the gate's decision on ordered entries
// (configgate), the host's caps (hostlimits).
#include "authorizer.h"
#include "configgate.h"
#include "hostlimits.h"
#include "tarscan.h"
#include "tarwriter.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace hutch;
using namespace hutch::test;

namespace {

storage::TarScanner scan(const QByteArray &archive, const QStringList &capture = {})
{
    storage::TarScanner s(capture);
    // Fed in odd pieces, as a pipe gives them.
    for (qsizetype at = 0; at < archive.size(); at += 77)
        if (auto err = s.feed(archive.constData() + at, std::min<qsizetype>(77, archive.size() - at)))
            qWarning() << err->message;
    return s;
}

}  // namespace

class TestTrustUnits : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void scannerReadsMembersAndCaptures()
    {
        const QByteArray a = tarArchive({tarDir("./"), tarFile("./config", "lxc.uts.name = x\n"),
                                         tarDir("./rootfs/"), tarSymlink("./rootfs/sh", "/bin/busybox"),
                                         tarFile("./rootfs/big", QByteArray(5000, 'b'), 04755)});
        const auto s = scan(a, {QStringLiteral("./config"), QStringLiteral("./rootfs/sh")});
        QVERIFY(!s.finish());
        QCOMPARE(s.members().size(), 5);
        QCOMPARE(s.members().at(3).type, '2');
        QCOMPARE(s.members().at(3).link, QStringLiteral("/bin/busybox"));
        QCOMPARE(s.members().at(4).mode, 04755u);
        QCOMPARE(s.members().at(4).size, 5000);
        QCOMPARE(*s.captured(QStringLiteral("./config")), QByteArray("lxc.uts.name = x\n"));
        QVERIFY(!s.captured(QStringLiteral("./rootfs/sh")));  // a link is never "the file"
    }

    void scannerAgreesWithGnuTar()
    {
        // What GNU tar writes (long names, pax, sparse) is read the same.
        QTemporaryDir dir;
        const QString tree = dir.filePath(QStringLiteral("t"));
        QVERIFY(QDir().mkpath(tree + QStringLiteral("/") + QString(120, QLatin1Char('d'))));
        QFile f(tree + QStringLiteral("/") + QString(120, QLatin1Char('d')) + QStringLiteral("/") + QString(150, QLatin1Char('f')));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("x");
        f.close();
        QFile sparse(tree + QStringLiteral("/sparse"));
        QVERIFY(sparse.open(QIODevice::WriteOnly));
        sparse.seek(50 << 20);
        sparse.write("end");
        sparse.close();
        QFile::link(QStringLiteral("/etc/passwd"), tree + QStringLiteral("/link"));
        for (const char *format : {"gnu", "pax", "ustar"}) {
            const QString out = dir.filePath(QLatin1String(format) + QStringLiteral(".tar.gz"));
            QStringList args = {QStringLiteral("--format=") + QLatin1String(format), QStringLiteral("-C"), tree,
                                QStringLiteral("-czf"), out, QStringLiteral(".")};
            if (qstrcmp(format, "ustar") != 0)
                args.prepend(QStringLiteral("--sparse"));
            else
                QDir(tree + QStringLiteral("/") + QString(120, QLatin1Char('d'))).removeRecursively();  // ustar cannot name it
            QCOMPARE(QProcess::execute(QStringLiteral("tar"), args), 0);
            auto s = storage::scanArchive(out, {QStringLiteral("./sparse")});
            QVERIFY2(s, qPrintable(QLatin1String(format) + QStringLiteral(": ") + (s ? QString() : s.error().message)));
            QStringList names;
            for (const auto &m : s->members())
                names << m.name;
            QVERIFY2(names.contains(QStringLiteral("./link")) && names.contains(QStringLiteral("./sparse")), qPrintable(names.join(u' ')));
            if (qstrcmp(format, "ustar") != 0)
                QVERIFY2(names.contains(QStringLiteral("./") + QString(120, QLatin1Char('d')) + QStringLiteral("/")
                                        + QString(150, QLatin1Char('f'))), qPrintable(names.join(u' ')));
        }
    }

    void memberRules_data()
    {
        QTest::addColumn<QByteArray>("archive");
        QTest::addColumn<QString>("refusal");  // empty: accepted
        auto row = [](const char *name, QList<TarEntry> e, const char *refusal) {
            QTest::newRow(name) << tarArchive(e) << QString::fromLatin1(refusal);
        };
        const TarEntry config = tarFile("./config", "lxc.uts.name = x\n");
        row("plain export", {tarDir("./"), config, tarDir("./rootfs/"), tarSymlink("./rootfs/bin", "usr/bin"),
                             tarFile("./rootfs/su", "x", 04755), {"./rootfs/dev/null", '3', {}, {}, 0666, 1, 3}}, "");
        row("config is a symlink", {tarDir("./"), tarSymlink("./config", "/etc/shadow"), tarDir("./rootfs/")},
            "must be a plain file");
        row("config is setuid", {tarDir("./"), tarFile("./config", "x", 04644), tarDir("./rootfs/")}, "must be a plain file");
        row("block device", {tarDir("./"), config, {"./rootfs/sda", '4', {}, {}, 0666, 8, 0}}, "block device");
        row("host memory device", {tarDir("./"), config, {"./rootfs/mem", '3', {}, {}, 0666, 1, 1}}, "device 1:1");
        row("beneath a symlink", {tarDir("./"), config, tarSymlink("./rootfs/etc", "/etc"),
                                  tarFile("./rootfs/etc/cron.d/x", "* * * * * root id\n")}, "beneath the link");
        row("beneath a symlink made again as a dir", {tarDir("./"), config, tarSymlink("./rootfs/etc", "/etc"),
                                                      tarDir("./rootfs/etc/"), tarFile("./rootfs/etc/x", "x")}, "beneath the link");
        row("hard link out", {tarDir("./"), config, {"./rootfs/shadow", '1', {}, "../../etc/shadow", 0644}}, "\"..\"");
        row("hard link absolute", {tarDir("./"), config, {"./rootfs/shadow", '1', {}, "/etc/shadow", 0644}}, "absolute");
        row("hard link to nothing earlier", {tarDir("./"), config, {"./rootfs/a", '1', {}, "./rootfs/b", 0644}}, "not earlier");
        row("dotdot name", {tarDir("./"), config, tarFile("./rootfs/../../x", "x")}, "\"..\"");
        row("absolute name", {tarDir("./"), config, tarFile("/etc/x", "x")}, "absolute");
    }
    void memberRules()
    {
        QFETCH(QByteArray, archive);
        QFETCH(QString, refusal);
        const auto s = scan(archive);
        QVERIFY(!s.finish());
        QStringList plain;
        for (const auto &m : s.members())
            if (!m.name.startsWith(QLatin1String("./rootfs/")) && m.name != QLatin1String("./"))
                plain << m.name;
        const Status verdict = storage::checkTarMembers(s.members(), plain);
        if (refusal.isEmpty())
            QVERIFY2(!verdict, qPrintable(verdict ? verdict->message : QString()));
        else
            QVERIFY2(verdict && verdict->message.contains(refusal), qPrintable(verdict ? verdict->message : QStringLiteral("accepted")));
    }

    void malformedHeadersRefused()
    {
        QByteArray a = tarArchive({tarFile("./config", "x")});
        a[150] = 'X';  // checksum
        storage::TarScanner s;
        QVERIFY(s.feed(a.constData(), a.size()));
        // A directory that claims data would put tar and the reader out of step.
        QByteArray b = tarArchive({tarDir("./d/")});
        std::snprintf(b.data() + 124, 12, "%011o", 512u);
        std::memset(b.data() + 148, ' ', 8);
        unsigned sum = 0;
        for (int i = 0; i < 512; ++i)
            sum += static_cast<unsigned char>(b[i]);
        std::snprintf(b.data() + 148, 8, "%06o", sum);
        storage::TarScanner t;
        const Status err = t.feed(b.constData(), b.size());
        QVERIFY2(err && err->message.contains(QLatin1String("has data")), qPrintable(err ? err->message : QString()));
        // Cut short.
        storage::TarScanner u;
        const QByteArray c = tarArchive({tarFile("./f", QByteArray(2000, 'x'))});
        QVERIFY(!u.feed(c.constData(), 1024));
        QVERIFY(u.finish());
    }

    void gateOnOrderedEntries_data()
    {
        QTest::addColumn<QByteArray>("before");
        QTest::addColumn<QByteArray>("after");
        QTest::addColumn<bool>("privileged");
        auto row = [](const char *name, const char *b, const char *a, bool p) { QTest::newRow(name) << QByteArray(b) << QByteArray(a) << p; };
        row("ordinary key", "lxc.cap.drop = sys_time\n", "lxc.cap.drop = sys_time\nlxc.start.auto = 1\n", false);
        row("comment and order of ordinary keys", "lxc.start.auto = 1\nlxc.cap.drop = sys_time\nlxc.start.delay = 2\n",
            "# c\nlxc.start.delay = 2\nlxc.cap.drop = sys_time\nlxc.start.auto = 1\n", false);
        row("clearing line moved after", "lxc.cap.drop =\nlxc.cap.drop = sys_admin\n",
            "lxc.cap.drop = sys_admin\nlxc.cap.drop =\n", true);
        row("include moved after", "lxc.include = /usr/share/lxc/config/common.conf\nlxc.cap.drop = sys_admin\n",
            "lxc.cap.drop = sys_admin\nlxc.include = /usr/share/lxc/config/common.conf\n", true);
        row("legacy name of a script", "lxc.network.type = veth\n", "lxc.network.type = veth\nlxc.network.script.up = /bin/true\n", true);
        row("net type none", "lxc.net.0.type = empty\n", "lxc.net.0.type = none\n", true);
        row("net type phys", "lxc.net.0.type = empty\n", "lxc.net.0.type = phys\nlxc.net.0.link = eth0\n", true);
        row("net type veth", "lxc.net.0.type = empty\n", "lxc.net.0.type = veth\nlxc.net.0.link = hutchbr0\n", false);
    }
    void gateOnOrderedEntries()
    {
        QFETCH(QByteArray, before);
        QFETCH(QByteArray, after);
        QFETCH(bool, privileged);
        QCOMPARE(service::actionsForChange(before, after).contains(service::actions::configurePrivileged), privileged);
    }

    void ephemeralNeedsManage()
    {
        QVERIFY(service::actionsForChange("", "lxc.ephemeral = 1\n").contains(service::actions::manage));
        QVERIFY(!service::actionsForChange("", "lxc.start.auto = 1\n").contains(service::actions::manage));
    }

    void newContainerBaselineIsTheTemplates()
    {
        // An export of a container the busybox template made needs no more
        // than manage: its privileged lines are the baseline's.
        const QByteArray made = "lxc.uts.name = c\nlxc.rootfs.path = dir:/var/lib/hutch/c/rootfs\nlxc.autodev = 1\n"
                                "lxc.mount.auto = proc:mixed sys:ro cgroup:mixed\n"
                                "lxc.cap.drop = mac_admin mac_override sys_time sys_module sys_rawio\nlxc.net.0.type = empty\n";
        QVERIFY(!service::actionsForChange(service::newContainerBaseline(), made, {QStringLiteral("lxc.rootfs.path")})
                     .contains(service::actions::configurePrivileged));
        QVERIFY(service::actionsForChange(service::newContainerBaseline(), made + "lxc.net.0.script.up = /bin/sh -c id\n",
                                          {QStringLiteral("lxc.rootfs.path")})
                    .contains(service::actions::configurePrivileged));
    }

    void hostCostsCapped_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("refusal");
        QTest::newRow("buffer default") << "lxc.console.buffer.size" << "auto" << "";
        QTest::newRow("buffer 1M") << "lxc.console.buffer.size" << "1M" << "";
        QTest::newRow("buffer 2^62") << "lxc.console.buffer.size" << "4611686018427387904" << "at most 16 MiB";
        QTest::newRow("buffer 1G") << "lxc.console.buffer.size" << "1G" << "at most 16 MiB";
        QTest::newRow("log 10G") << "lxc.console.size" << "10G" << "at most 256 MiB";
        QTest::newRow("ttys 4") << "lxc.tty.max" << "4" << "";
        QTest::newRow("ttys INT32_MAX") << "lxc.tty.max" << "2147483647" << "at most 64";
        QTest::newRow("ttys 2^70") << "lxc.tty.max" << "1180591620717411303424" << "at most 64";
        // Not a number: the value validator names it, with the file's other errors.
        QTest::newRow("ttys many") << "lxc.tty.max" << "many" << "";
        QTest::newRow("buffer lots") << "lxc.console.buffer.size" << "lots" << "";
    }
    void hostCostsCapped()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, refusal);
        const Status verdict = hostlimits::checkHostCost(key, value);
        if (refusal.isEmpty())
            QVERIFY2(!verdict, qPrintable(verdict ? verdict->message : QString()));
        else
            QVERIFY2(verdict && verdict->message.contains(refusal) && verdict->code == Error::Code::InvalidArgument,
                     qPrintable(verdict ? verdict->message : QStringLiteral("accepted")));
        const QByteArray text = (key + QStringLiteral(" = ") + value + QLatin1Char('\n')).toUtf8();
        QCOMPARE(bool(service::checkHostCosts(text)), !refusal.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTrustUnits)
#include "test_trust_units.moc"
