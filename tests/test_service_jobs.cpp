// Jobs and concurrency of hutch-helper: clients at once, a long create while
// other clients list and start containers, cancelling, state signals, and
// the helper killed mid-job (no half container; a restarted helper serves
// on and finds the running containers through their monitors).
//
// HUTCH_TEST_JOB_STEP_MS makes each step of the helper's jobs take that long.
#include "busfixture.h"

#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusPendingCall>
#include <QDir>
#include <QElapsedTimer>
#include <QTest>

using hutch::test::BusFixture;

namespace {

constexpr int kStepMs = 400;  // a busybox create has 8 steps: about 3 s

// Counts the helper's JobProgress signals: a job reports one per step.
class ProgressCounter : public QObject {
    Q_OBJECT
public:
    int steps = 0;
public Q_SLOTS:
    void onProgress(const QDBusObjectPath &, double) { ++steps; }
};

QStringList stagingDirs(const QString &store)
{
    return QDir(store).entryList({QStringLiteral(".staging-*")}, QDir::Dirs | QDir::Hidden);
}

}  // namespace

class TestServiceJobs : public QObject {
    Q_OBJECT
    std::unique_ptr<BusFixture> fx;

    QString state(const QString &name)
    {
        const auto r = fx->call({"GetContainer", "s:" + name, "a{sv}:"}, false);
        return r.text().section(QLatin1String("state="), 1).section(QLatin1Char(' '), 0, 0);
    }

private Q_SLOTS:
    void initTestCase()
    {
        HUTCH_START_BUS_FIXTURE(fx);
        QVERIFY(fx->allowNobody());
        // Two containers made before jobs get slow.
        for (const char *name : {"one", "two"}) {
            const auto r = fx->hutchctl({"create", QString::fromLatin1(name), "-t", "busybox", "--", "--ttys", "1"});
            QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        }
        QString why;
        QVERIFY2(fx->startHelper(&why, {QStringLiteral("HUTCH_TEST_JOB_STEP_MS=%1").arg(kStepMs)}), qPrintable(why));
    }

    void cleanupTestCase()
    {
        if (fx)
            fx->cleanup();
    }

    void twoClientsAtOnce()
    {
        auto a = fx->startHutchctl({"start", "one"});
        auto b = fx->startHutchctl({"start", "two"});
        auto c = fx->startHutchctl({"list", "--fancy"}, false);
        for (QProcess *p : {a.get(), b.get(), c.get()}) {
            QVERIFY(p->waitForFinished(30000));
            QVERIFY2(p->exitCode() == 0, p->readAllStandardError().constData());
        }
        QCOMPARE(state(QStringLiteral("one")), QStringLiteral("RUNNING"));
        QCOMPARE(state(QStringLiteral("two")), QStringLiteral("RUNNING"));
        auto x = fx->startHutchctl({"stop", "--kill", "two"});
        auto y = fx->startHutchctl({"info", "one"});
        QVERIFY(x->waitForFinished(30000) && y->waitForFinished(30000));
        QCOMPARE(x->exitCode(), 0);
        QVERIFY(y->readAllStandardOutput().contains("RUNNING"));
        QCOMPARE(state(QStringLiteral("two")), QStringLiteral("STOPPED"));
    }

    void longCreateWhileOthersWork()
    {
        QElapsedTimer total;
        total.start();
        auto create = fx->startHutchctl({"create", "slow", "-t", "busybox"});
        QTRY_VERIFY_WITH_TIMEOUT(!stagingDirs(fx->storePath()).isEmpty(), 10000);
        // Meanwhile: another client lists (quickly) and starts a container.
        QElapsedTimer t;
        t.start();
        const auto list = fx->hutchctl({"list"});
        QCOMPARE(list.exitCode, 0);
        QVERIFY2(t.elapsed() < 1500, qPrintable(QStringLiteral("list took %1 ms during a create").arg(t.elapsed())));
        QVERIFY(!list.out.contains("slow"));  // not there before it is complete
        const auto start = fx->hutchctl({"start", "two"});
        QVERIFY2(start.exitCode == 0, qPrintable(start.text()));
        QVERIFY2(create->state() == QProcess::Running, "the create should still run");
        // Operations on the same name wait for the job: start comes after it.
        const auto startSlow = fx->hutchctl({"start", "slow"});
        QVERIFY2(startSlow.exitCode == 0, qPrintable(startSlow.text()));
        QVERIFY(create->waitForFinished(60000));
        QCOMPARE(create->exitCode(), 0);
        QVERIFY(total.elapsed() >= 8 * kStepMs - 500);
        QCOMPARE(state(QStringLiteral("slow")), QStringLiteral("RUNNING"));
        QVERIFY(fx->hutchctl({"stop", "--kill", "slow"}).exitCode == 0);
        QVERIFY(fx->hutchctl({"stop", "--kill", "two"}).exitCode == 0);
    }

    void cancelAJob()
    {
        const auto begun = fx->call({"CreateContainer", "s:cancelled", "s:busybox", "a{sv}:", "a{sv}:"});
        QVERIFY2(begun.text().startsWith(QLatin1String("ok /io/github/hutch/Job/")), qPrintable(begun.text()));
        const QString job = begun.text().mid(3).trimmed();
        QTRY_VERIFY_WITH_TIMEOUT(!stagingDirs(fx->storePath()).isEmpty(), 10000);
        // Someone else may not cancel it.
        QVERIFY(fx->forbidNobody());
        QVERIFY(fx->call({"--path", job, "--interface", "io.github.hutch.Job1", "Cancel"}).text().contains(QLatin1String("NotAuthorized")));
        QVERIFY(fx->allowNobody());
        QCOMPARE(fx->call({"--path", job, "--interface", "io.github.hutch.Job1", "Cancel"}).text().trimmed(), QStringLiteral("ok"));
        QTRY_VERIFY_WITH_TIMEOUT(fx->call({"--path", job, "--interface", "org.freedesktop.DBus.Properties", "Get",
                                           "s:io.github.hutch.Job1", "s:State"}).text().contains(QLatin1String("cancelled")),
                                 20000);
        QVERIFY(!QFile::exists(fx->storePath() + QStringLiteral("/cancelled")));
        QVERIFY(stagingDirs(fx->storePath()).isEmpty());
    }

    // Issue 17, item 10: Cancel of another user's job is a polkit question
    // naming the job and its owner's uid, which a rule can refuse; the
    // owner's own Cancel is not. Here nobody may do everything but touch
    // others' jobs: root's create goes on to the end.
    void cancelOfAnothersJobAsksNamingTheJob()
    {
        QVERIFY(fx->allowNobody({}, QStringLiteral("action.lookup(\"job-owner\") == undefined")));
        const auto rootJob = fx->call({"CreateContainer", "s:rootjob", "s:busybox", "a{sv}:", "a{sv}:"}, false);
        QVERIFY2(rootJob.text().startsWith(QLatin1String("ok /io/github/hutch/Job/")), qPrintable(rootJob.text()));
        const QString job = rootJob.text().mid(3).trimmed();
        const auto refused = fx->call({"--path", job, "--interface", "io.github.hutch.Job1", "Cancel"});
        QVERIFY2(refused.text().contains(QLatin1String("NotAuthorized")), qPrintable(refused.text()));
        // nobody's own job: its Cancel needs no more than the job's action.
        const auto own = fx->call({"CreateContainer", "s:nobodyjob", "s:busybox", "a{sv}:", "a{sv}:"});
        QVERIFY2(own.text().startsWith(QLatin1String("ok /io/github/hutch/Job/")), qPrintable(own.text()));
        const QString ownJob = own.text().mid(3).trimmed();
        QCOMPARE(fx->call({"--path", ownJob, "--interface", "io.github.hutch.Job1", "Cancel"}).text().trimmed(), QStringLiteral("ok"));
        auto jobState = [&](const QString &path) {
            return fx->call({"--path", path, "--interface", "org.freedesktop.DBus.Properties", "Get", "s:io.github.hutch.Job1",
                             "s:State"}, false).text();
        };
        QTRY_VERIFY_WITH_TIMEOUT(jobState(ownJob).contains(QLatin1String("cancelled")), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(jobState(job).contains(QLatin1String("succeeded")), 30000);
        QVERIFY(QFile::exists(fx->storePath() + QStringLiteral("/rootjob/config")));
        QVERIFY(!QFile::exists(fx->storePath() + QStringLiteral("/nobodyjob")));
        QVERIFY(fx->allowNobody());
        QVERIFY(fx->hutchctl({"destroy", "rootjob"}, false).exitCode == 0);
    }

    // Item 10: one caller cannot take every job slot of the helper: the
    // 17th unfinished job of a connection is Busy, naming the limit.
    void jobsPerCaller()
    {
        QDBusConnection bus = fx->bus();
        QList<QDBusPendingCall> calls;
        for (int i = 0; i < 17; ++i) {
            QDBusMessage m = QDBusMessage::createMethodCall(QStringLiteral("io.github.hutch.Helper1"), QStringLiteral("/io/github/hutch/Helper1"),
                                                            QStringLiteral("io.github.hutch.Helper1"), QStringLiteral("CreateContainer"));
            m << QStringLiteral("many%1").arg(i) << QStringLiteral("busybox") << QVariantMap() << QVariantMap();
            calls << bus.asyncCall(m, 30000);
        }
        QStringList jobs, busy;
        for (QDBusPendingCall &c : calls) {
            c.waitForFinished();
            const QDBusMessage reply = c.reply();
            if (reply.type() == QDBusMessage::ReplyMessage)
                jobs << reply.arguments().value(0).value<QDBusObjectPath>().path();
            else
                busy << reply.errorName() + QLatin1Char(' ') + reply.errorMessage();
        }
        QCOMPARE(jobs.size(), 16);
        QCOMPARE(busy.size(), 1);
        QVERIFY2(busy.first().startsWith(QLatin1String("io.github.hutch.Error.Busy")) && busy.first().contains(QLatin1String("at most 16")),
                 qPrintable(busy.first()));
        // Another caller is not held up by them.
        const auto other = fx->call({"CreateContainer", "s:another", "s:busybox", "a{sv}:", "a{sv}:"});
        QVERIFY2(other.text().startsWith(QLatin1String("ok /io/github/hutch/Job/")), qPrintable(other.text()));
        const QString otherJob = other.text().mid(3).trimmed();
        QCOMPARE(fx->call({"--path", otherJob, "--interface", "io.github.hutch.Job1", "Cancel"}).text().trimmed(), QStringLiteral("ok"));
        for (const QString &job : std::as_const(jobs)) {
            QDBusMessage cancel = QDBusMessage::createMethodCall(QStringLiteral("io.github.hutch.Helper1"), job,
                                                                 QStringLiteral("io.github.hutch.Job1"), QStringLiteral("Cancel"));
            QCOMPARE(bus.call(cancel, QDBus::Block, 30000).type(), QDBusMessage::ReplyMessage);
        }
        auto jobState = [&](const QString &path) {
            return fx->call({"--path", path, "--interface", "org.freedesktop.DBus.Properties", "Get", "s:io.github.hutch.Job1",
                             "s:State"}, false).text();
        };
        for (const QString &job : std::as_const(jobs) + QStringList{otherJob})
            QTRY_VERIFY_WITH_TIMEOUT(jobState(job).contains(QLatin1String("cancelled")), 30000);
        QVERIFY(stagingDirs(fx->storePath()).isEmpty());
    }

    void stateSignals()
    {
        auto monitor = fx->startHutchctl({"monitor", "tw.*"});
        // Subscribed: its three match rules (StateChanged, ContainerAdded,
        // ContainerRemoved) are on the bus.
        QTRY_VERIFY_WITH_TIMEOUT(fx->matchRules(monitor->processId()) >= 3, 10000);
        QVERIFY(fx->hutchctl({"start", "two"}).exitCode == 0);
        QVERIFY(fx->hutchctl({"stop", "--kill", "two"}).exitCode == 0);
        QVERIFY(fx->hutchctl({"start", "one"}).exitCode != 0);  // running already: no line for "one" either
        QTRY_VERIFY_WITH_TIMEOUT(monitor->peek(4096).contains("'two' changed state to [STOPPED]"), 10000);
        const QByteArray out = monitor->readAllStandardOutput();
        QVERIFY2(out.contains("'two' changed state to [RUNNING]"), out.constData());
        QVERIFY2(!out.contains("'one'"), out.constData());
        monitor->kill();
        monitor->waitForFinished();
    }

    void killedMidJobLeavesNoHalfContainer()
    {
        QCOMPARE(state(QStringLiteral("one")), QStringLiteral("RUNNING"));
        // Killed after two steps of the create, with six to go.
        QDBusConnection bus = fx->bus();
        ProgressCounter progress;
        QVERIFY(bus.connect(QStringLiteral("io.github.hutch.Helper1"), QStringLiteral("/io/github/hutch/Helper1"),
                            QStringLiteral("io.github.hutch.Helper1"), QStringLiteral("JobProgress"), &progress,
                            SLOT(onProgress(QDBusObjectPath,double))));
        QVERIFY(bus.interface()->isServiceRegistered(QStringLiteral("io.github.hutch.Helper1")));  // the match rule is in
        auto create = fx->startHutchctl({"create", "doomed", "-t", "busybox"});
        QTRY_VERIFY_WITH_TIMEOUT(progress.steps >= 2, 10000);
        QVERIFY(!stagingDirs(fx->storePath()).isEmpty());
        fx->killHelper();
        QVERIFY(create->state() == QProcess::Running);  // the job had not ended
        // The client learns that its helper went away.
        QVERIFY(create->waitForFinished(20000));
        QVERIFY(create->exitCode() != 0);
        QVERIFY2(create->readAllStandardError().contains("went away"), "hutchctl should say the helper went away");
        // No container appeared; only a hidden staging directory was left.
        QVERIFY(!QFile::exists(fx->storePath() + QStringLiteral("/doomed")));
        for (const QString &e : QDir(fx->storePath()).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
            QVERIFY2(e == QLatin1String("one") || e == QLatin1String("two") || e == QLatin1String("slow"), qPrintable(e));

        // A new helper sweeps the leftover, serves on, and finds "one" running.
        QString why;
        QVERIFY2(fx->startHelper(&why), qPrintable(why));
        // It sweeps once the name is its own, before it answers any call.
        QVERIFY(fx->hutchctl({"list"}).exitCode == 0);
        QVERIFY(stagingDirs(fx->storePath()).isEmpty());
        const auto list = fx->hutchctl({"list", "--fancy"});
        QVERIFY2(list.exitCode == 0 && list.out.contains("one") && list.out.contains("RUNNING"), qPrintable(list.text()));
        QCOMPARE(state(QStringLiteral("one")), QStringLiteral("RUNNING"));
        // It follows the monitor it did not start: the stop is seen, by a
        // subscriber whose match rules are on the bus before the stop.
        auto monitor = fx->startHutchctl({"monitor", "one"});
        QTRY_VERIFY_WITH_TIMEOUT(fx->matchRules(monitor->processId()) >= 3, 10000);
        auto wait = fx->startHutchctl({"wait", "one", "--state", "STOPPED", "--timeout", "20"});
        QVERIFY(fx->hutchctl({"stop", "one"}).exitCode == 0);
        QTRY_VERIFY_WITH_TIMEOUT(monitor->peek(4096).contains("'one' changed state to [STOPPED]"), 10000);
        monitor->kill();
        monitor->waitForFinished();
        QTRY_COMPARE_WITH_TIMEOUT(wait->state(), QProcess::NotRunning, 30000);  // it may have ended already
        QCOMPARE(wait->exitStatus(), QProcess::NormalExit);
        QCOMPARE(wait->exitCode(), 0);
        // And works: a create (slow steps) completes.
        const auto again = fx->hutchctl({"create", "doomed", "-t", "busybox"});
        QVERIFY2(again.exitCode == 0, qPrintable(again.text()));
    }
};

QTEST_GUILESS_MAIN(TestServiceJobs)
#include "test_service_jobs.moc"
