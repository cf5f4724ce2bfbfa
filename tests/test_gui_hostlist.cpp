// The host list reads another machine's `hutchctl top --json` lines as
// untrusted data (RemoteHosts::parseRound): a table of lines taken, with
// what was read, and of lines refused whole (names the helper would
// refuse, unknown states, numbers no machine has, other shapes, too long).
#include "remotehosts.h"

#include <QTest>

class TestGuiHostList : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void taken_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<QStringList>("states");
        QTest::addColumn<double>("cpu");        // the first container's, -1 unknown
        QTest::addColumn<qulonglong>("memory");  // the first container's
        QTest::newRow("none") << QByteArray("{\"containers\":[]}") << QStringList() << QStringList() << -1.0 << 0ULL;
        QTest::newRow("stopped") << QByteArray("{\"containers\":[{\"name\":\"web\",\"state\":\"STOPPED\"}]}")
                                 << QStringList{"web"} << QStringList{"STOPPED"} << -1.0 << 0ULL;
        QTest::newRow("first round, no CPU % yet")
            << QByteArray("{\"containers\":[{\"name\":\"db\",\"state\":\"RUNNING\",\"cpu_ns\":5e9,\"memory\":1048576,\"pids\":3}]}")
            << QStringList{"db"} << QStringList{"RUNNING"} << -1.0 << 1048576ULL;
        QTest::newRow("running and stopped")
            << QByteArray("{\"containers\":[{\"name\":\"db\",\"state\":\"RUNNING\",\"cpu_percent\":12.5,\"memory\":4096},"
                          "{\"name\":\"web-2\",\"state\":\"FROZEN\"}]}")
            << QStringList{"db", "web-2"} << QStringList{"RUNNING", "FROZEN"} << 12.5 << 4096ULL;
        QTest::newRow("unknown keys are left") << QByteArray("{\"containers\":[{\"name\":\"a\",\"state\":\"RUNNING\",\"x\":[1]}],\"y\":2}")
                                             << QStringList{"a"} << QStringList{"RUNNING"} << -1.0 << 0ULL;
    }

    void taken()
    {
        QFETCH(QByteArray, line);
        QFETCH(QStringList, names);
        QFETCH(QStringList, states);
        QList<RemoteHosts::Container> out;
        QString why;
        QVERIFY2(RemoteHosts::parseRound(line, &out, &why), qPrintable(why));
        QStringList gotNames, gotStates;
        for (const RemoteHosts::Container &c : out) {
            gotNames << c.name;
            gotStates << c.state;
        }
        QCOMPARE(gotNames, names);
        QCOMPARE(gotStates, states);
        if (!out.isEmpty()) {
            QTEST(out.first().cpuPercent, "cpu");
            QTEST(qulonglong(out.first().memory), "memory");
        }
    }

    void refused_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("not JSON") << QByteArray("Connected to the console of web.");
        QTest::newRow("list --json's array") << QByteArray("[{\"name\":\"web\",\"state\":\"RUNNING\"}]");
        QTest::newRow("no containers") << QByteArray("{\"hosts\":[]}");
        QTest::newRow("containers not a list") << QByteArray("{\"containers\":{\"name\":\"web\"}}");
        QTest::newRow("a string for a container") << QByteArray("{\"containers\":[\"web\"]}");
        QTest::newRow("path in a name") << QByteArray("{\"containers\":[{\"name\":\"../etc\",\"state\":\"STOPPED\"}]}");
        QTest::newRow("empty name") << QByteArray("{\"containers\":[{\"name\":\"\",\"state\":\"STOPPED\"}]}");
        QTest::newRow("control character in a name")
            << QByteArray("{\"containers\":[{\"name\":\"we\\u001b[2Jb\",\"state\":\"STOPPED\"}]}");
        QTest::newRow("unknown state") << QByteArray("{\"containers\":[{\"name\":\"web\",\"state\":\"PWNED\"}]}");
        QTest::newRow("no state") << QByteArray("{\"containers\":[{\"name\":\"web\"}]}");
        QTest::newRow("negative memory")
            << QByteArray("{\"containers\":[{\"name\":\"web\",\"state\":\"RUNNING\",\"memory\":-1}]}");
        QTest::newRow("memory as text")
            << QByteArray("{\"containers\":[{\"name\":\"web\",\"state\":\"RUNNING\",\"memory\":\"4096\"}]}");
        QTest::newRow("memory no machine has")
            << QByteArray("{\"containers\":[{\"name\":\"web\",\"state\":\"RUNNING\",\"memory\":1e300}]}");
        QTest::newRow("CPU no machine has")
            << QByteArray("{\"containers\":[{\"name\":\"web\",\"state\":\"RUNNING\",\"cpu_percent\":1e12}]}");
        QTest::newRow("a good one, then a bad one")
            << QByteArray("{\"containers\":[{\"name\":\"a\",\"state\":\"RUNNING\"},{\"name\":\"/\",\"state\":\"RUNNING\"}]}");
        QByteArray huge = "{\"containers\":[{\"name\":\"a\",\"state\":\"RUNNING\",\"pad\":\"";
        huge += QByteArray(8 << 20, 'x') + "\"}]}";
        QTest::newRow("longer than 8 MiB") << huge;
    }

    void refused()
    {
        QFETCH(QByteArray, line);
        QList<RemoteHosts::Container> out(1);
        out.first().name = QStringLiteral("stale");
        QString why;
        QVERIFY(!RemoteHosts::parseRound(line, &out, &why));
        QVERIFY(!why.isEmpty());
        QVERIFY(out.isEmpty());  // nothing of a refused line is kept
    }
};

QTEST_GUILESS_MAIN(TestGuiHostList)
#include "test_gui_hostlist.moc"
