// The GUI against the real helper on a private bus (tests/busfixture.cpp:
// the real dbus-daemon, polkitd and hutch-helper) with fake container
// directories, as bench_list does: the time from creating the main window
// to a painted list, the time to update it, and the GUI's memory.
//   - 100 containers: window shown and listed, resident memory (VmRSS).
//   - 1,000 containers: window shown and listed; a refresh (ListContainers
//     again, the model updated in place, repainted); one container added
//     to the store until its row appears (the helper's store watch,
//     ContainerAdded, GetContainer); a stats batch for all 1,000 rows with
//     their sparklines, repainted.
// Run as root: build/bench/bench_gui [ROUNDS]  (offscreen unless a display is set)
#include "benchutil.h"
#include "busfixture.h"
#include "containerfeed.h"
#include "containerlistmodel.h"
#include "helperconnection.h"
#include "mainwindow.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QTimer>
#include <QTreeView>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>

using hutch::bench::makeFakeContainer;
using hutch::bench::median;

namespace {

// Runs the event loop until `done` holds (checked on every event-loop
// turn that `signal` wakes, and every 5 ms), at most `timeoutMs`.
bool waitFor(const std::function<bool()> &done, int timeoutMs = 60000)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QEventLoop loop;
        QTimer::singleShot(5, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

qint64 residentKiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    return -1;
}

QTreeView *listOf(MainWindow &w)
{
    return w.findChild<QTreeView *>(QStringLiteral("containerView"));
}

// A new main window until its list holds `count` rows and is painted; ms.
double showWindow(std::unique_ptr<MainWindow> &w, int count)
{
    QElapsedTimer t;
    t.start();
    w = std::make_unique<MainWindow>();
    w->resize(1000, 700);
    w->show();
    if (!waitFor([&] { return w->model()->rowCount() == count; }))
        return -1;
    listOf(*w)->viewport()->repaint();
    return double(t.nsecsElapsed()) / 1e6;
}

bool fill(const QString &store, int &made, int count)
{
    for (; made < count; ++made)
        if (!makeFakeContainer(store, QStringLiteral("c%1").arg(made, 4, 10, QLatin1Char('0'))))
            return false;
    return true;
}

}  // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY")
        && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int rounds = argc > 1 ? std::max(1, QString::fromLocal8Bit(argv[1]).toInt()) : 5;
    if (const QString why = hutch::test::busUnavailableReason(); !why.isEmpty()) {
        std::fprintf(stderr, "bench_gui: %s\n", qPrintable(why));
        return 1;
    }
    hutch::test::BusFixture fx;
    QString why;
    if (!fx.start(&why)) {
        std::fprintf(stderr, "bench_gui: %s\n", qPrintable(why));
        return 1;
    }
    qputenv("HUTCH_BUS_ADDRESS", fx.address().toUtf8());
    QDir().mkpath(fx.storePath());
    int made = 0;
    const qint64 baseline = residentKiB();

    // 100 containers: show, then memory once the window has settled.
    if (!fill(fx.storePath(), made, 100)) {
        std::fprintf(stderr, "bench_gui: cannot write the store\n");
        return 1;
    }
    std::unique_ptr<MainWindow> w;
    const double show100 = showWindow(w, 100);
    if (show100 < 0) {
        std::fprintf(stderr, "bench_gui: the list did not reach 100 rows\n");
        return 1;
    }
    waitFor([] { return false; }, 500);
    const qint64 rss100 = residentKiB();
    w.reset();

    // 1,000 containers.
    if (!fill(fx.storePath(), made, 1000)) {
        std::fprintf(stderr, "bench_gui: cannot write the store\n");
        return 1;
    }
    QList<double> shows, refreshes, adds, stats;
    for (int r = 0; r <= rounds; ++r) {
        const double ms = showWindow(w, 1000);
        if (ms < 0) {
            std::fprintf(stderr, "bench_gui: the list did not reach 1000 rows\n");
            return 1;
        }
        if (r > 0)  // the first warms the helper's caches
            shows << ms;
        w.reset();
    }
    showWindow(w, 1000);
    QTreeView *view = listOf(*w);
    for (int r = 0; r < rounds; ++r) {
        QElapsedTimer t;
        t.start();
        int listed = -1;
        auto c = QObject::connect(w->feed(), &ContainerFeed::listed, [&listed](int n) { listed = n; });
        w->feed()->refresh();
        waitFor([&] { return listed >= 0; });
        QObject::disconnect(c);
        view->viewport()->repaint();
        refreshes << double(t.nsecsElapsed()) / 1e6;

        const QString name = QStringLiteral("added%1").arg(r);
        t.restart();
        makeFakeContainer(fx.storePath(), name);
        if (!waitFor([&] { return w->model()->rowOf(name) >= 0; }, 10000)) {
            std::fprintf(stderr, "bench_gui: the added container did not appear\n");
            return 1;
        }
        view->viewport()->repaint();
        adds << double(t.nsecsElapsed()) / 1e6;
    }
    // Stats for every row (as if all ran), histories full, then one more
    // batch timed with its repaint.
    QStringList names;
    for (int i = 0; i < w->model()->rowCount(); ++i) {
        const QString n = w->model()->nameAt(i);
        names << n;
        w->model()->setState(n, QStringLiteral("RUNNING"));
    }
    QHash<QString, ContainerListModel::Stats> batch;
    for (int round = 0; round <= ContainerListModel::kHistoryLength + rounds; ++round) {
        for (int i = 0; i < names.size(); ++i)
            batch[names.at(i)] = {quint64(round) * quint64(i % 7 + 1) * 1000000ull, 1ull << 20};
        QElapsedTimer t;
        t.start();
        w->model()->setStats(batch);
        view->viewport()->repaint();
        if (round > ContainerListModel::kHistoryLength)
            stats << double(t.nsecsElapsed()) / 1e6;
        waitFor([] { return false; }, 2);
    }

    std::printf("GUI against the real helper on a private bus (median of %d):\n", rounds);
    std::printf("  100 containers: window shown and listed in %.1f ms; resident memory %.1f MiB "
                "(%.1f MiB before the window)\n",
                show100, double(rss100) / 1024.0, double(baseline) / 1024.0);
    std::printf("  1000 containers: window shown and listed in %.1f ms\n", median(shows));
    std::printf("  1000 containers: refresh (ListContainers, update, repaint) %.1f ms\n", median(refreshes));
    std::printf("  1000 containers: one container added to the store until its row shows: %.1f ms\n",
                median(adds));
    std::printf("  1000 containers: stats batch with sparklines, repainted: %.1f ms\n", median(stats));
    w.reset();
    fx.cleanup();
    return 0;
}
