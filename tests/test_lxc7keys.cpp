// The keys LXC 6 and 7 added, as core/ reads them: lxc.time.offset.*
// values, lxc.arch on this host and others (core/arch.h), and which of the
// newer keys the runtime honours or refuses (keys::runtimeRefusal).
#include "arch.h"
#include "keys.h"
#include "values.h"

#include <QTest>

using namespace hutch;

class TestLxc7Keys : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void timeOffset_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<qint64>("ns");
        QTest::newRow("seconds") << "3600s" << true << qint64(3600'000'000'000LL);
        QTest::newRow("no unit is seconds") << "10" << true << qint64(10'000'000'000LL);
        QTest::newRow("negative hours") << "-2h" << true << qint64(-7200'000'000'000LL);
        QTest::newRow("minutes") << "90min" << true << qint64(5400'000'000'000LL);
        QTest::newRow("milliseconds") << "1500ms" << true << qint64(1'500'000'000LL);
        QTest::newRow("microseconds") << "7us" << true << qint64(7000);
        QTest::newRow("nanoseconds") << "-3ns" << true << qint64(-3);
        QTest::newRow("days are not a unit") << "1d" << false << qint64(0);
        QTest::newRow("fraction") << "1.5s" << false << qint64(0);
        QTest::newRow("beyond a century") << "900000h" << false << qint64(0);
        QTest::newRow("empty") << "" << false << qint64(0);
    }

    void timeOffset()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QFETCH(qint64, ns);
        const auto r = values::parseTimeOffset(text);
        QCOMPARE(r.ok(), ok);
        if (ok)
            QCOMPARE(qint64(*r), ns);
        else
            QVERIFY2(r.error().message.contains(QStringLiteral("time offset")), qPrintable(r.error().message));
        // The key table checks the value with the same parser.
        const auto info = keys::lookup(QStringLiteral("lxc.time.offset.boot"));
        QVERIFY(info);
        if (!text.isEmpty())
            QCOMPARE(!keys::validateValue(QStringLiteral("lxc.time.offset.boot"), *info, text), ok);
    }

    void archPlan_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("binfmt");  // a qemu handler registered with F
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("debian");
        using K = arch::Plan::Kind;
        QTest::newRow("amd64 on amd64") << "amd64" << "amd64" << false << int(K::Native) << "amd64";
        QTest::newRow("x86_64 on amd64") << "x86_64" << "amd64" << false << int(K::Native) << "amd64";
        QTest::newRow("i686 on amd64") << "i686" << "amd64" << false << int(K::Linux32) << "i386";
        QTest::newRow("i386 on amd64") << "i386" << "amd64" << false << int(K::Linux32) << "i386";
        QTest::newRow("linux32 on amd64") << "linux32" << "amd64" << false << int(K::Linux32) << "i386";
        QTest::newRow("armhf on arm64") << "armhf" << "arm64" << false << int(K::Linux32) << "armhf";
        QTest::newRow("armv7l on arm64") << "armv7l" << "arm64" << false << int(K::Linux32) << "armhf";
        QTest::newRow("aarch64 on arm64") << "aarch64" << "arm64" << false << int(K::Native) << "arm64";
        QTest::newRow("arm64 on amd64, no qemu") << "arm64" << "amd64" << false << int(K::Unsupported) << "arm64";
        QTest::newRow("arm64 on amd64 with qemu") << "arm64" << "amd64" << true << int(K::Emulated) << "arm64";
        QTest::newRow("s390x on amd64 with qemu") << "s390x" << "amd64" << true << int(K::Emulated) << "s390x";
        QTest::newRow("i386 on arm64 with qemu") << "i386" << "arm64" << true << int(K::Emulated) << "i386";
        QTest::newRow("unknown") << "vax" << "amd64" << true << int(K::Unsupported) << "";
    }

    void archPlan()
    {
        QFETCH(QString, value);
        QFETCH(QString, host);
        QFETCH(bool, binfmt);
        QFETCH(int, kind);
        QFETCH(QString, debian);
        QStringList asked;
        const arch::Plan p = arch::plan(value, host, [&](const QString &qemu) {
            asked << qemu;
            return binfmt ? QString() : QStringLiteral("no binfmt_misc handler qemu-%1").arg(qemu);
        });
        QCOMPARE(int(p.kind), kind);
        QCOMPARE(p.debian, debian);
        if (p.kind == arch::Plan::Kind::Unsupported)
            QVERIFY(!p.why.isEmpty());
        // binfmt is consulted only for a foreign architecture.
        if (p.kind == arch::Plan::Kind::Native || p.kind == arch::Plan::Kind::Linux32)
            QVERIFY(asked.isEmpty());
        if (value == QLatin1String("arm64") && host == QLatin1String("amd64"))
            QCOMPARE(asked, QStringList{QStringLiteral("aarch64")});
    }

    // Honoured keys start; refused ones say why (the rule of the
    // confinement issue: never silently ignored).
    void newerKeys_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("refusal");  // empty: honoured
        QTest::newRow("environment.runtime") << "lxc.environment.runtime" << "FOO=bar" << "";
        QTest::newRow("environment.hooks") << "lxc.environment.hooks" << "FOO=bar" << "Hutch runs no hooks";
        QTest::newRow("hooks themselves") << "lxc.hook.start" << "/bin/true" << "lxc.hook.start is not supported";
        QTest::newRow("time.offset.boot") << "lxc.time.offset.boot" << "1h" << "";
        QTest::newRow("time.offset.monotonic") << "lxc.time.offset.monotonic" << "-10s" << "";
        QTest::newRow("sched.core") << "lxc.sched.core" << "1" << "";
        QTest::newRow("l2proxy") << "lxc.net.0.l2proxy" << "1" << "";
        QTest::newRow("veth.vlan.id") << "lxc.net.0.veth.vlan.id" << "10" << "";
        QTest::newRow("veth.vlan.tagged.id") << "lxc.net.0.veth.vlan.tagged.id" << "20" << "";
        if (arch::hostDebianName() == QLatin1String("amd64")) {
            QTest::newRow("arch i686") << "lxc.arch" << "i686" << "";
            QTest::newRow("arch x86_64") << "lxc.arch" << "x86_64" << "";
        }
        QTest::newRow("arch unknown") << "lxc.arch" << "linux128" << "lxc.arch = linux128: unknown architecture";
    }

    void newerKeys()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, refusal);
        const auto why = keys::runtimeRefusal(key, value);
        if (refusal.isEmpty())
            QVERIFY2(!why, why ? qPrintable(*why) : "");
        else
            QVERIFY2(why && why->contains(refusal), why ? qPrintable(*why) : "honoured");
    }
};

QTEST_GUILESS_MAIN(TestLxc7Keys)
#include "test_lxc7keys.moc"
