// The reliability suite's long run (issue 17): 500 start/stop cycles of one
// container through the real helper and polkitd, the helper's open
// descriptors, its resident memory and the number of cgroups under every
// hierarchy's hutch/ read every 100 cycles and printed (servicecycles.h;
// bench_cycles prints the same for any count); after the first hundred
// (thread pool, caches and the allocator's arenas warmed) none of them may
// grow: descriptors and cgroups exactly flat, memory within a bound that a
// leak of one allocation per cycle would pass (500 cycles of a few
// kilobytes each would not).
#include "busfixture.h"
#include "servicecycles.h"

#include <QElapsedTimer>
#include <QTest>

#include <cstdio>

using hutch::test::BusFixture;
using hutch::test::CycleSample;

namespace {

constexpr int kCycles = 500;
constexpr int kEvery = 100;
// What the resident memory may still move after the warm-up: the heap's
// own slack, not a leak (a leak of 1 KiB a cycle is 400 KiB here).
constexpr qint64 kRssSlackKiB = 256;

}  // namespace

class TestServiceCycles : public QObject {
    Q_OBJECT
    std::unique_ptr<BusFixture> fx;

private Q_SLOTS:
    void initTestCase()
    {
        HUTCH_START_BUS_FIXTURE(fx);
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
        const int cgroupsBefore = hutch::test::hutchCgroups();
        QList<CycleSample> samples;
        QString why;
        QElapsedTimer took;
        took.start();
        QVERIFY2(hutch::test::runStartStopCycles(*fx, QStringLiteral("cyc"), kCycles, kEvery, &samples, &why), qPrintable(why));
        std::printf("fiveHundredStartStopCycles: %d cycles in %lld ms; cgroups below hutch/ before: %d\n", kCycles,
                    qint64(took.elapsed()), cgroupsBefore);
        for (const CycleSample &s : std::as_const(samples))
            std::printf("  after %3d cycles: helper fds %d, helper RSS %lld KiB, cgroups below hutch/ %d\n", s.cycle, s.fds,
                        s.rssKiB, s.cgroups);
        QCOMPARE(samples.size(), kCycles / kEvery);
        const CycleSample &warm = samples.first();
        for (const CycleSample &s : std::as_const(samples)) {
            QVERIFY2(s.fds <= warm.fds, qPrintable(QStringLiteral("fds %1 after %2 cycles, %3 after %4").arg(s.fds).arg(s.cycle).arg(warm.fds).arg(warm.cycle)));
            QCOMPARE(s.cgroups, cgroupsBefore);
            QVERIFY2(s.rssKiB <= warm.rssKiB + kRssSlackKiB,
                     qPrintable(QStringLiteral("RSS %1 KiB after %2 cycles, %3 KiB after %4").arg(s.rssKiB).arg(s.cycle).arg(warm.rssKiB).arg(warm.cycle)));
        }
        QVERIFY(fx->call({"GetContainer", "s:cyc", "a{sv}:"}, false).text().contains(QLatin1String("state=STOPPED")));
    }
};

QTEST_GUILESS_MAIN(TestServiceCycles)
#include "test_service_cycles.moc"
