// Round trip of ListContainers over D-Bus with 1, 100 and 1000 containers:
// a private system bus, the real polkitd (each call is authorized) and the
// real hutch-helper (tests/busfixture.cpp), called from this process as
// root. The containers are directories with a minimal valid config; they
// do not run (a stopped container costs a config parse and a failed
// connect to its monitor socket).
// Run as root: build/bench/bench_list [ROUNDS]
#include "benchutil.h"
#include "busfixture.h"
#include "client.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <algorithm>
#include <cstdio>

using hutch::bench::makeFakeContainer;
using hutch::bench::median;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int rounds = argc > 1 ? std::max(1, QString::fromLocal8Bit(argv[1]).toInt()) : 20;
    if (const QString why = hutch::test::busUnavailableReason(); !why.isEmpty()) {
        std::fprintf(stderr, "bench_list: %s\n", qPrintable(why));
        return 1;
    }
    hutch::test::BusFixture fx;
    QString why;
    if (!fx.start(&why)) {
        std::fprintf(stderr, "bench_list: %s\n", qPrintable(why));
        return 1;
    }
    hutch::client::registerTypes();
    Helper1Proxy helper(hutch::client::kService, hutch::client::kPath, fx.bus());
    helper.setTimeout(120000);
    QDir().mkpath(fx.storePath());
    std::printf("ListContainers round trip over D-Bus (polkit check included), median of %d:\n", rounds);
    int made = 0;
    for (const int count : {1, 100, 1000}) {
        for (; made < count; ++made)
            if (!makeFakeContainer(fx.storePath(), QStringLiteral("c%1").arg(made, 4, 10, QLatin1Char('0')))) {
                std::fprintf(stderr, "bench_list: cannot write the store\n");
                return 1;
            }
        QList<double> times;
        for (int r = 0; r <= rounds; ++r) {
            QElapsedTimer t;
            t.start();
            auto reply = helper.ListContainers({});
            reply.waitForFinished();
            const double ms = double(t.nsecsElapsed()) / 1e6;
            if (reply.isError() || reply.value().size() != count) {
                std::fprintf(stderr, "bench_list: %s\n", qPrintable(reply.isError() ? reply.error().message()
                                                                                     : QStringLiteral("wrong count")));
                return 1;
            }
            if (r > 0)  // the first warms caches
                times << ms;
        }
        const double m = median(times);
        std::printf("  %5d containers: %8.2f ms  (%.3f ms per container)\n", count, m, m / count);
    }
    // For scale: the authorization alone, with a container-less call.
    QList<double> auth;
    for (int r = 0; r < rounds; ++r) {
        QElapsedTimer t;
        t.start();
        auto reply = helper.ListTemplates({});
        reply.waitForFinished();
        auth << double(t.nsecsElapsed()) / 1e6;
    }
    std::printf("  ListTemplates (polkit check and bus only): %.2f ms\n", median(auth));
    fx.cleanup();
    return 0;
}
