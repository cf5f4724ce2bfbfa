// hutchctl against LXC's own tools, command for command, as a user who
// scripts containers sees them: each row runs a hutchctl command line and
// the lxc-* command line doing the same work, alternating which goes first,
// and prints the medians and their ratio (hutchctl / LXC).
//   hutchctl: a private system bus, the real polkitd (every call is
//   authorized) and the real hutch-helper (tests/busfixture.cpp), called
//   as root through $HUTCH_BUS_ADDRESS;
//   LXC: Debian's lxc tools on the same busybox container, in a store of
//   their own (-P), rows skipped with a note where lxc is not installed.
// Both run in a private mount namespace without the read-only devpts these
// machines stack on /dev/pts (DESIGN.md: lxc-start fails on it otherwise).
// Rows: a start/stop cycle, attach, info, execute, list --fancy with 100
// running, list with 1,000 containers (100 running, 900 stopped). Last,
// the resident memory of one hutch-monitor.
// Run as root: build/bench/bench_cli [ROUNDS] [--no-lists]
// (--no-lists: only the rows of one container, without the 100 running.)
// ($BENCH_HUTCHCTL: another hutchctl to measure, an older build for instance.)
#include "benchutil.h"
#include "busfixture.h"
#include "busybox.h"
#include "store.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QMap>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <functional>
#include <optional>
#include <sched.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

using hutch::bench::makeFakeContainer;
using hutch::bench::median;

namespace {

constexpr int kRunning = 100;
constexpr int kListed = 1000;

// Runs ARGV with stdin and stdout on /dev/null; true when it exits 0,
// else prints its stderr.
bool run(const QStringList &argv)
{
    QList<QByteArray> bytes;
    std::vector<char *> cargv;
    for (const QString &a : argv)
        bytes << a.toLocal8Bit();
    for (QByteArray &b : bytes)
        cargv.push_back(b.data());
    cargv.push_back(nullptr);
    const int err = ::memfd_create("stderr", MFD_CLOEXEC);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, err, 2);
    pid_t pid = -1;
    const int rc = ::posix_spawnp(&pid, cargv[0], &fa, nullptr, cargv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    int status = -1;
    if (rc == 0)
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
    const bool ok = rc == 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (!ok) {
        char buf[2048] = {};
        const ssize_t n = ::pread(err, buf, sizeof buf - 1, 0);
        std::fprintf(stderr, "bench_cli: %s failed (status %d): %s\n", qPrintable(argv.join(QLatin1Char(' '))),
                     status, n > 0 ? buf : "");
    }
    ::close(err);
    return ok;
}

// Each command line's own times, by its first words (tool and command),
// for the steps printed under the table: which one of a row costs.
QMap<QString, QList<double>> g_steps;
QStringList g_stepOrder;

QString stepName(const QStringList &c)
{
    QString tool = c.value(0).section(QLatin1Char('/'), -1);
    // lxc-* name the work in the tool; hutchctl in its first argument,
    // wait also in the state waited for.
    if (tool.startsWith(QLatin1String("lxc-")))
        return c.contains(QLatin1String("-s")) ? tool + QLatin1Char(' ') + c.value(c.indexOf(QLatin1String("-s")) + 1) : tool;
    QString step = tool + QLatin1Char(' ') + c.value(1);
    if (c.value(1) == QLatin1String("wait"))
        step += QLatin1Char(' ') + c.value(4);
    return step;
}

// The milliseconds the command lines take together, or nothing if one failed.
std::optional<double> timed(const QList<QStringList> &commands)
{
    QElapsedTimer t;
    t.start();
    qint64 last = 0;
    for (const QStringList &c : commands) {
        if (!run(c))
            return std::nullopt;
        const qint64 now = t.nsecsElapsed();
        if (commands.size() > 1) {
            const QString step = stepName(c);
            if (!g_steps.contains(step))
                g_stepOrder << step;
            g_steps[step] << double(now - last) / 1e6;
        }
        last = now;
    }
    return double(t.nsecsElapsed()) / 1e6;
}

// LXC's commands need the writable devpts under the read-only one.
bool privateMountsForLxc()
{
    if (::unshare(CLONE_NEWNS) != 0 || ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
        std::perror("bench_cli: private mount namespace");
        return false;
    }
    ::umount2("/dev/pts", MNT_DETACH);  // only the stacked one goes
    return true;
}

long monitorRssKb()
{
    // The monitors are the processes whose executable is hutch-monitor; the
    // one serving a container is its init's parent (a spare waiting for the
    // next start has no child yet, nor dropped what starting up touched).
    for (const QString &pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        QFile children(QStringLiteral("/proc/%1/task/%1/children").arg(pid));
        if (QFileInfo(QStringLiteral("/proc/%1/exe").arg(pid)).symLinkTarget().endsWith(QLatin1String("/hutch-monitor"))
            && children.open(QIODevice::ReadOnly) && !children.readAll().trimmed().isEmpty()) {
            QFile status(QStringLiteral("/proc/%1/status").arg(pid));
            if (!status.open(QIODevice::ReadOnly))
                continue;
            for (const QByteArray &l : status.readAll().split('\n'))
                if (l.startsWith("VmRSS:"))
                    return l.mid(6).trimmed().split(' ').front().toLong();
        }
    }
    return -1;
}

}  // namespace

int main(int argc, char **argv)
{
    // Before any thread exists: unshare(CLONE_NEWNS) is per thread.
    const bool lxcInstalled = !QStandardPaths::findExecutable(QStringLiteral("lxc-start")).isEmpty();
    if (::geteuid() != 0) {
        std::fprintf(stderr, "bench_cli: needs root\n");
        return 2;
    }
    if (!privateMountsForLxc())
        return 1;
    QCoreApplication app(argc, argv);
    int rounds = 15;
    bool lists = true;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--no-lists") == 0)
            lists = false;
        else
            rounds = std::max(1, QString::fromLocal8Bit(argv[i]).toInt());
    }
    if (const QString why = hutch::test::busUnavailableReason(); !why.isEmpty()) {
        std::fprintf(stderr, "bench_cli: %s\n", qPrintable(why));
        return 1;
    }
    hutch::test::BusFixture fx;
    QString why;
    if (!fx.start(&why)) {
        std::fprintf(stderr, "bench_cli: %s\n", qPrintable(why));
        return 1;
    }
    qputenv("HUTCH_BUS_ADDRESS", fx.address().toLocal8Bit());
    QDir().mkpath(fx.storePath());
    QTemporaryDir lxcDir;
    const QString lxcStore = lxcDir.filePath(QStringLiteral("store"));
    QDir().mkpath(lxcStore);
    const hutch::Store hutchStore(fx.storePath()), lxcStoreObj(lxcStore);
    auto name = [](int i) { return QStringLiteral("bcli%1").arg(i, 4, 10, QLatin1Char('0')); };
    for (const hutch::Store &s : {hutchStore, lxcStoreObj})
        if (auto err = hutch::templates::createBusybox(s, name(0), {})) {
            std::fprintf(stderr, "bench_cli: create: %s\n", qPrintable(err->message));
            return 1;
        }

    const QString ctl = qEnvironmentVariable("BENCH_HUTCHCTL", QStringLiteral(HUTCHCTL_PATH));
    auto hutchctl = [&](QStringList args) { return QStringList{ctl} + args; };
    auto lxc = [&](const char *tool, const QString &n, QStringList args) {
        return QStringList{QString::fromLatin1(tool), QStringLiteral("-P"), lxcStore, QStringLiteral("-n"), n} + args;
    };
    // LXC's containers are stopped again however the bench ends.
    QStringList lxcStarted;
    auto stopLxc = [&] {
        for (const QString &n : std::as_const(lxcStarted))
            run(lxc("lxc-stop", n, {QStringLiteral("-k")}));
        lxcStarted.clear();
    };
    struct Guard {
        std::function<void()> f;
        ~Guard() { f(); }
    } guard{stopLxc};

    struct Row {
        const char *label;
        QList<double> hutch, lxc;
        bool lxcFailed = false;
    };
    QList<Row> rows;
    // ROUNDS pairs, alternating which side goes first; false if hutchctl failed.
    auto measure = [&](const char *label, int n, const std::function<std::optional<double>()> &h,
                       const std::function<std::optional<double>()> &l) {
        Row row{label, {}, {}};
        for (int r = 0; r < n; ++r) {
            for (int side = 0; side < 2; ++side) {
                const bool hutchTurn = (side == 0) == (r % 2 == 0);
                if (hutchTurn) {
                    auto ms = h();
                    if (!ms)
                        return false;
                    row.hutch << *ms;
                } else if (lxcInstalled && !row.lxcFailed) {
                    auto ms = l();
                    if (ms)
                        row.lxc << *ms;
                    else
                        row.lxcFailed = true;
                }
            }
        }
        rows << row;
        return true;
    };
    const QString c = name(0);
    const QString running = QStringLiteral("RUNNING"), stopped = QStringLiteral("STOPPED");

    std::printf("bench_cli: %d rounds; hutchctl through D-Bus and polkit, LXC %s\n", rounds,
                lxcInstalled ? "installed" : "not installed (Debian package lxc): its rows are skipped");
    std::fflush(stdout);
    bool ok = measure(
        "start, wait RUNNING, stop --kill, wait STOPPED", rounds,
        [&] {
            return timed({hutchctl({QStringLiteral("start"), c}),
                          hutchctl({QStringLiteral("wait"), c, QStringLiteral("--state"), running}),
                          hutchctl({QStringLiteral("stop"), c, QStringLiteral("--kill")}),
                          hutchctl({QStringLiteral("wait"), c, QStringLiteral("--state"), stopped})});
        },
        [&] {
            return timed({lxc("lxc-start", c, {QStringLiteral("-d")}), lxc("lxc-wait", c, {QStringLiteral("-s"), running}),
                          lxc("lxc-stop", c, {QStringLiteral("-k")}), lxc("lxc-wait", c, {QStringLiteral("-s"), stopped})});
        });
    // Running ones for attach and info.
    ok = ok && run(hutchctl({QStringLiteral("start"), c}));
    if (ok && lxcInstalled && run(lxc("lxc-start", c, {QStringLiteral("-d")})))
        lxcStarted << c;
    ok = ok && measure(
        "attach -- true", rounds,
        [&] { return timed({hutchctl({QStringLiteral("attach"), c, QStringLiteral("--"), QStringLiteral("true")})}); },
        [&] { return timed({lxc("lxc-attach", c, {QStringLiteral("--"), QStringLiteral("true")})}); });
    ok = ok && measure(
        "info", rounds, [&] { return timed({hutchctl({QStringLiteral("info"), c})}); },
        [&] { return timed({lxc("lxc-info", c, {})}); });
    ok = ok && run(hutchctl({QStringLiteral("stop"), c, QStringLiteral("--kill")}))
         && run(hutchctl({QStringLiteral("wait"), c, QStringLiteral("--state"), stopped}));
    stopLxc();
    ok = ok && measure(
        "execute -- true", rounds,
        [&] { return timed({hutchctl({QStringLiteral("execute"), c, QStringLiteral("--"), QStringLiteral("true")})}); },
        [&] { return timed({lxc("lxc-execute", c, {QStringLiteral("--"), QStringLiteral("true")})}); });

    // 100 running on each side.
    for (int i = 1; ok && lists && i < kRunning; ++i)
        for (const hutch::Store &s : {hutchStore, lxcStoreObj})
            if (auto err = hutch::templates::createBusybox(s, name(i), {})) {
                std::fprintf(stderr, "bench_cli: create: %s\n", qPrintable(err->message));
                ok = false;
            }
    for (int i = 0; ok && lists && i < kRunning; ++i) {
        ok = run(hutchctl({QStringLiteral("start"), name(i)}));
        if (ok && lxcInstalled && run(lxc("lxc-start", name(i), {QStringLiteral("-d")})))
            lxcStarted << name(i);
    }
    auto lxcLs = [&] {
        return timed({{QStringLiteral("lxc-ls"), QStringLiteral("-P"), lxcStore, QStringLiteral("--fancy")}});
    };
    ok = ok && (!lists || measure(
        "list --fancy, 100 running", rounds,
        [&] { return timed({hutchctl({QStringLiteral("list"), QStringLiteral("--fancy")})}); }, lxcLs));
    for (int i = kRunning; ok && lists && i < kListed; ++i)
        ok = makeFakeContainer(fx.storePath(), name(i)) && makeFakeContainer(lxcStore, name(i));
    ok = ok && (!lists || measure(
        "list --fancy, 1,000 (100 running)", rounds,
        [&] { return timed({hutchctl({QStringLiteral("list"), QStringLiteral("--fancy")})}); }, lxcLs));
    if (ok && !lists)
        ok = run(hutchctl({QStringLiteral("start"), c}));
    const long rss = monitorRssKb();
    stopLxc();
    fx.cleanup();
    if (!ok) {
        std::fprintf(stderr, "bench_cli: a hutchctl command failed (above)\n");
        return 1;
    }

    std::printf("%-48s %12s %12s %7s\n", "work (median)", "hutchctl", "LXC", "ratio");
    for (const Row &r : std::as_const(rows)) {
        const double h = median(r.hutch);
        if (!lxcInstalled || r.lxcFailed || r.lxc.isEmpty()) {
            std::printf("%-48s %9.2f ms %12s %7s\n", r.label, h, r.lxcFailed ? "failed" : "-", "-");
            continue;
        }
        const double l = median(r.lxc);
        std::printf("%-48s %9.2f ms %9.2f ms %6.2fx\n", r.label, h, l, h / l);
    }
    for (const QString &step : std::as_const(g_stepOrder))
        std::printf("  step %-42s %9.2f ms\n", qPrintable(step), median(g_steps.value(step)));
    std::printf("hutch-monitor RSS: %ld kB (with %d containers running)\n", rss, lists ? kRunning : 1);
    QFile load(QStringLiteral("/proc/loadavg"));
    if (load.open(QIODevice::ReadOnly))
        std::printf("load average at the end: %s", load.readAll().constData());
    return 0;
}
