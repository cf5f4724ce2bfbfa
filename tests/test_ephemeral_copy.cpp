// hutchctl copy --ephemeral against the real helper, as the unprivileged
// user nobody through polkit: the command's output and exit status come
// back, and the copy is gone once it has run; the source is untouched.
#include "busfixture.h"

#include <QDir>
#include <QFile>
#include <QTest>

using hutch::test::BusFixture;

class TestEphemeralCopy : public QObject {
    Q_OBJECT
    std::unique_ptr<BusFixture> fx;

private Q_SLOTS:
    void initTestCase()
    {
        HUTCH_START_BUS_FIXTURE_WITH_BOX(fx, QStringLiteral("base"));
    }
    void cleanupTestCase()
    {
        if (fx)
            fx->cleanup();
    }

    void commandRunsAndCopyIsGone()
    {
        const auto r = fx->hutchctl({"copy", "base", "--ephemeral", "--name", "tmp1", "--", "/bin/sh", "-c",
                                     "echo inside-$(hostname); exit 7"});
        QVERIFY2(r.exitCode == 7, qPrintable(r.text()));
        QVERIFY2(r.out.contains("inside-"), qPrintable(r.text()));
        QVERIFY(!QFile::exists(fx->storePath() + QStringLiteral("/tmp1")));
        QVERIFY(fx->call({"GetContainer", "s:tmp1", "a{sv}:"}).text().contains(QLatin1String("NotFound")));
        // The source stays as it was, stopped.
        QVERIFY(fx->call({"GetContainer", "s:base", "a{sv}:"}).text().contains(QLatin1String("state=STOPPED")));
        const QStringList left = QDir(fx->storePath()).entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden);
        QCOMPARE(left, QStringList{QStringLiteral("base")});
    }

    void withoutCommandItRunsUntilStopped()
    {
        const auto r = fx->hutchctl({"copy", "base", "--ephemeral"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        const QString name = QString::fromUtf8(r.out).trimmed();
        QVERIFY2(name.startsWith(QLatin1String("base-")), qPrintable(r.text()));
        QVERIFY(fx->call({"GetContainer", "s:" + name, "a{sv}:"}).text().contains(QLatin1String("state=RUNNING")));
        const auto stop = fx->hutchctl({"stop", name});
        QVERIFY2(stop.exitCode == 0, qPrintable(stop.text()));
        QVERIFY(!QFile::exists(fx->storePath() + QLatin1Char('/') + name));
    }

    void refusedWithoutRule()
    {
        QVERIFY(fx->forbidNobody());
        const auto r = fx->hutchctl({"copy", "base", "--ephemeral", "--name", "tmp2"});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("not authorized"), r.err.constData());
        QVERIFY(!QFile::exists(fx->storePath() + QStringLiteral("/tmp2")));
    }
};

QTEST_GUILESS_MAIN(TestEphemeralCopy)
#include "test_ephemeral_copy.moc"
