// /etc/hutch/hutch.conf: defaults, each setting, and bad lines refused with
// the file and line named.
#include "settings.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using hutch::HelperSettings;

class TestHelperSettings : public QObject {
    Q_OBJECT

    QString write(QTemporaryDir &dir, const QByteArray &content)
    {
        const QString path = dir.filePath(QStringLiteral("hutch.conf"));
        QFile f(path);
        if (f.open(QIODevice::WriteOnly))
            f.write(content);
        return path;
    }

private Q_SLOTS:
    void missingFileGivesDefaults()
    {
        const auto s = HelperSettings::load(QStringLiteral("/nonexistent/hutch.conf"));
        QVERIFY(s.ok());
        QCOMPARE(s->storePath, QStringLiteral("/var/lib/hutch"));
        QCOMPARE(s->defaultBridge, QStringLiteral("hutchbr0"));
        QCOMPARE(s->defaultBackingStore, QStringLiteral("best"));
    }

    void readsEverySetting()
    {
        QTemporaryDir dir;
        const auto s = HelperSettings::load(write(dir,
            "# site settings\n"
            "store = /srv/hutch\n"
            "cache = /srv/cache\n"
            "runtime = /run/hutch-test\n"
            "default_bridge = br0\n"
            "default_backing_store = btrfs\n"
            "bridge_subnet = 172.30.8.0/24\n"
            "bridge_ipv6 = fd12:3456:789a::/64\n"));
        QVERIFY2(s.ok(), s.ok() ? "" : qPrintable(s.error().message));
        QCOMPARE(s->storePath, QStringLiteral("/srv/hutch"));
        QCOMPARE(s->cachePath, QStringLiteral("/srv/cache"));
        QCOMPARE(s->runtimePath, QStringLiteral("/run/hutch-test"));
        QCOMPARE(s->defaultBridge, QStringLiteral("br0"));
        QCOMPARE(s->defaultBackingStore, QStringLiteral("btrfs"));
        QCOMPARE(s->bridgeSubnet, QStringLiteral("172.30.8.0/24"));
        QCOMPARE(s->bridgeIPv6, QStringLiteral("fd12:3456:789a::/64"));
        QCOMPARE(s->networkStatePath(), QStringLiteral("/run/hutch-test/network"));
    }

    void badLinesAreRefused_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("relative store") << QByteArray("\nstore = var/lib\n") << QStringLiteral(":2: store must be an absolute path");
        QTest::newRow("unknown key") << QByteArray("stor = /x\n") << QStringLiteral(":1: unknown setting \"stor\"");
        QTest::newRow("no equals") << QByteArray("store\n") << QStringLiteral(":1: expected key = value");
        QTest::newRow("long bridge") << QByteArray("default_bridge = averyveryverylongbridge\n") << QStringLiteral("must be 1 to 15 bytes");
        QTest::newRow("subnet without prefix") << QByteArray("bridge_subnet = 10.9.0.0\n") << QStringLiteral("needs a prefix from /8 to /29");
        QTest::newRow("subnet too small") << QByteArray("bridge_subnet = 10.9.0.0/31\n") << QStringLiteral("needs a prefix from /8 to /29");
        QTest::newRow("subnet not an address") << QByteArray("bridge_subnet = 10.9.0/24\n") << QStringLiteral("10.9.0");
        QTest::newRow("global IPv6") << QByteArray("bridge_ipv6 = 2001:db8::/64\n") << QStringLiteral("is not auto, no or a /64 of fc00::/7");
        QTest::newRow("IPv6 /48") << QByteArray("bridge_ipv6 = fd00:1::/48\n") << QStringLiteral("is not auto, no or a /64");
        QTest::newRow("backing store") << QByteArray("default_backing_store = zfs\n") << QStringLiteral("unknown backing store \"zfs\"");
    }

    void badLinesAreRefused()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = write(dir, content);
        const auto s = HelperSettings::load(path);
        QVERIFY(!s.ok());
        QVERIFY2(s.error().message.contains(expected), qPrintable(s.error().message));
        QVERIFY2(s.error().message.startsWith(path), qPrintable(s.error().message));
    }
};

QTEST_GUILESS_MAIN(TestHelperSettings)
#include "test_helper_settings.moc"
