// The reliability suite's long run (issue 17): 500 start/stop cycles of one
// container through the real helper and polkitd, the helper's open
// descriptors, its resident memory and the number of cgroups under every
// hierarchy's hutch/ read every 100 cycles and printed; after the first
// hundred (thread pool, caches and the allocator's arenas warmed) none of
// them may grow: descriptors and cgroups exactly flat, memory within a
// bound that a leak of one allocation per cycle would pass (500 cycles of
// a few kilobytes each would not).
#include "busfixture.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QTest>

#include <cstdio>

using hutch::test::BusFixture;

namespace {

constexpr int kCycles = 500;
constexpr int kEvery = 100;
// What the resident memory may still move after the warm-up: the heap's
// own slack, not a leak (a leak of 1 KiB a cycle is 400 KiB here).
constexpr qint64 kRssSlackKiB = 256;

int openFds(qint64 pid)
{
    return int(QDir(QStringLiteral("/proc/%1/fd").arg(pid)).entryList(QDir::System | QDir::NoDotAndDotDot).size());
}

qint64 rssKiB(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    return -1;
}

// Directories below hutch/ of every cgroup hierarchy (containers and
// anything they nest), counted.
int hutchCgroups()
{
    int n = 0;
    QDirIterator roots(QStringLiteral("/sys/fs/cgroup"), QDir::Dirs | QDir::NoDotAndDotDot);
    while (roots.hasNext()) {
        QDirIterator it(roots.next() + QStringLiteral("/hutch"), QDir::Dirs | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            it.next();
            ++n;
        }
    }
    return n;
}

}  // namespace

class TestServiceCycles : public QObject {
    Q_OBJECT
    std::unique_ptr<BusFixture> fx;

    QDBusMessage call(const QString &method, const QVariantList &args)
    {
        QDBusMessage m = QDBusMessage::createMethodCall(QStringLiteral("io.github.hutch.Helper1"), QStringLiteral("/io/github/hutch/Helper1"),
                                                        QStringLiteral("io.github.hutch.Helper1"), method);
        m.setArguments(args);
        return fx->bus().call(m, QDBus::Block, 60000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (const QString why = hutch::test::busUnavailableReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        fx = std::make_unique<BusFixture>();
        QString why;
        QVERIFY2(fx->start(&why), qPrintable(why));
        const auto made = fx->hutchctl({"create", "cyc", "-t", "busybox"}, false);
        QVERIFY2(made.exitCode == 0, qPrintable(made.text()));
    }

    void cleanupTestCase()
    {
        if (fx)
            fx->cleanup();
    }

    void fiveHundredStartStopCycles()
    {
        const qint64 helper = fx->helperPid();
        const int cgroupsBefore = hutchCgroups();
        struct Sample {
            int cycle, fds, cgroups;
            qint64 rss;
        };
        QList<Sample> samples;
        QElapsedTimer took;
        took.start();
        for (int i = 1; i <= kCycles; ++i) {
            const QDBusMessage start = call(QStringLiteral("Start"), {QStringLiteral("cyc"), QVariantMap()});
            QVERIFY2(start.type() == QDBusMessage::ReplyMessage,
                     qPrintable(QStringLiteral("cycle %1: start: %2").arg(i).arg(start.errorMessage())));
            const QDBusMessage stop = call(QStringLiteral("Stop"), {QStringLiteral("cyc"), QVariantMap()});
            QVERIFY2(stop.type() == QDBusMessage::ReplyMessage,
                     qPrintable(QStringLiteral("cycle %1: stop: %2").arg(i).arg(stop.errorMessage())));
            if (i % kEvery == 0)
                samples.append({i, openFds(helper), hutchCgroups(), rssKiB(helper)});
        }
        std::printf("fiveHundredStartStopCycles: %d cycles in %lld ms; cgroups below hutch/ before: %d\n", kCycles,
                    qint64(took.elapsed()), cgroupsBefore);
        for (const Sample &s : std::as_const(samples))
            std::printf("  after %3d cycles: helper fds %d, helper RSS %lld KiB, cgroups below hutch/ %d\n", s.cycle, s.fds,
                        s.rss, s.cgroups);
        const Sample &warm = samples.first();
        for (const Sample &s : std::as_const(samples)) {
            QVERIFY2(s.fds <= warm.fds, qPrintable(QStringLiteral("fds %1 after %2 cycles, %3 after %4").arg(s.fds).arg(s.cycle).arg(warm.fds).arg(warm.cycle)));
            QCOMPARE(s.cgroups, cgroupsBefore);
            QVERIFY2(s.rss <= warm.rss + kRssSlackKiB,
                     qPrintable(QStringLiteral("RSS %1 KiB after %2 cycles, %3 KiB after %4").arg(s.rss).arg(s.cycle).arg(warm.rss).arg(warm.cycle)));
        }
        QVERIFY(fx->call({"GetContainer", "s:cyc", "a{sv}:"}, false).text().contains(QLatin1String("state=STOPPED")));
    }
};

QTEST_GUILESS_MAIN(TestServiceCycles)
#include "test_service_cycles.moc"
