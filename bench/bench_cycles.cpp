// Start/stop cycles of one busybox container through the real helper and
// polkitd on a private bus (tests/busfixture.cpp), as root, with the
// helper's open descriptors, its resident memory and the cgroups below
// hutch/ printed before the first cycle and every EVERY cycles after it
// (tests/servicecycles.cpp; test_service_cycles asserts on the same counts).
// Run as root: build/bench/bench_cycles [CYCLES [EVERY]]   (500 and 100)
#include "benchutil.h"
#include "busfixture.h"
#include "servicecycles.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>

using hutch::test::CycleSample;

namespace {

// A whole positive number, or 0 for anything else.
int positive(const char *arg)
{
    bool ok = false;
    const int n = QString::fromLocal8Bit(arg).toInt(&ok);
    return ok && n > 0 ? n : 0;
}

}  // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int cycles = argc > 1 ? positive(argv[1]) : 500;
    const int every = argc > 2 ? positive(argv[2]) : 100;
    if (argc > 3 || cycles == 0 || every == 0) {
        std::fprintf(stderr, "usage: bench_cycles [CYCLES [EVERY]]   (whole numbers above 0; 500 and 100)\n");
        return 2;
    }
    if (const QString why = hutch::test::busUnavailableReason(); !why.isEmpty()) {
        std::fprintf(stderr, "bench_cycles: %s\n", qPrintable(why));
        return 1;
    }
    hutch::test::BusFixture fx;
    QString why;
    if (!fx.start(&why)) {
        std::fprintf(stderr, "bench_cycles: %s\n", qPrintable(why));
        return 1;
    }
    const auto made = fx.hutchctl({"create", "cyc", "-t", "busybox"}, false);
    if (made.exitCode != 0) {
        std::fprintf(stderr, "bench_cycles: create: %s\n", qPrintable(made.text()));
        return 1;
    }
    const qint64 helper = fx.helperPid();
    const CycleSample before{0, hutch::test::openFds(helper), hutch::test::rssKiB(helper), hutch::test::hutchCgroups()};
    std::printf("%d start/stop cycles of a busybox container through the helper (load %s)\n", cycles,
                qPrintable(hutch::bench::loadAverage()));
    std::printf("  cycle   helper fds   helper RSS KiB   cgroups below hutch/   ms per cycle\n");
    std::printf("  %5d   %10d   %14lld   %20d\n", before.cycle, before.fds, before.rssKiB, before.cgroups);
    std::fflush(stdout);
    QElapsedTimer took, stretch;
    took.start();
    stretch.start();
    QList<CycleSample> samples;
    const bool ran = hutch::test::runStartStopCycles(fx, QStringLiteral("cyc"), cycles, every, &samples, &why, [&](const CycleSample &s) {
        std::printf("  %5d   %10d   %14lld   %20d   %12.2f\n", s.cycle, s.fds, s.rssKiB, s.cgroups, double(stretch.elapsed()) / every);
        std::fflush(stdout);
        stretch.restart();
    });
    if (!ran) {
        std::fprintf(stderr, "bench_cycles: %s\n", qPrintable(why));
        fx.cleanup();
        return 1;
    }
    const double seconds = double(took.elapsed()) / 1000;
    if (!samples.isEmpty()) {
        const CycleSample &first = samples.first(), &last = samples.last();
        std::printf("%d cycles in %.1f s (%.1f ms each); from cycle %d to %d: fds %+d, RSS %+lld KiB, cgroups %+d\n", cycles,
                    seconds, seconds * 1000 / cycles, first.cycle, last.cycle, last.fds - first.fds, last.rssKiB - first.rssKiB,
                    last.cgroups - first.cgroups);
    }
    fx.cleanup();
    return 0;
}
