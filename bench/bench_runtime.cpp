// Container lifecycle timings with real namespaces and cgroups (root):
//   start → RUNNING, start → first command answered inside, stop → STOPPED,
// and the memory (RSS) of one hutch-monitor. Where upstream LXC is
// installed (lxc-start on PATH) it runs the same busybox container from the
// same store (the layout is LXC's) for comparison, in a private mount
// namespace without the read-only devpts these machines stack on /dev/pts
// (DESIGN.md), taking turns with Hutch round by round so that a busy
// machine weighs on both alike, and prints the ratio of the starts. Last, the start latency
// a veth network on a bridge adds over "empty" (only lo), and what
// confinement adds: privileged without seccomp, privileged with Hutch's
// default filter, unprivileged with it (the default), beside LXC's
// privileged start of the same run. Everything runs
// in a network namespace of its own: the bridge and the veths never reach
// the host's network.
// Run: build/bench/bench_runtime [ROUNDS] [--sequential] [--settle] [--warm-lock]
// (--sequential: all of Hutch's rounds, then all of LXC's, as before the
// turns: each then starts after its own previous stop; --settle: a pause
// after every stop; --warm-lock: LXC's best case, see LockWarmer.)
#include "benchutil.h"
#include "busybox.h"
#include "cgroups.h"
#include "idranges.h"
#include "launch.h"
#include "netlink.h"
#include "monitorlink.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <poll.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace hutch;

using hutch::bench::median;

namespace {

// Types a command on the console shell and waits for its computed answer.
bool consoleRoundTrip(Runtime &rt, const QString &name)
{
    auto link = MonitorLink::connect(rt.settings(), name);
    auto console = link ? link->openConsole() : Result<UniqueFd>(link.error());
    if (!console)
        return false;
    const UniqueFd fd = std::move(*console);
    const QByteArray line = "echo bench-$((6*7))\n";
    if (::send(fd.get(), line.constData(), size_t(line.size()), MSG_NOSIGNAL) < 0)
        return false;
    QByteArray seen;
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 10000) {
        pollfd p{fd.get(), POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0)
            continue;
        char buf[4096];
        const ssize_t n = ::read(fd.get(), buf, sizeof buf);
        if (n <= 0)
            return false;
        seen.append(buf, n);
        if (seen.contains("bench-42"))
            return true;
    }
    return false;
}

bool waitStopped(Runtime &rt, const QString &name)
{
    auto link = MonitorLink::connect(rt.settings(), name);
    if (!link || !link->subscribe())
        return true;
    for (;;) {
        auto e = link->nextEvent(10000);
        if (!e)
            return e.error().sysErrno != ETIMEDOUT;  // closed: the monitor is gone
        if (e->kind == MonitorEvent::Kind::State && e->state == QLatin1String("STOPPED"))
            return true;
    }
}

long monitorRssKb(Runtime &rt, const QString &name)
{
    const MonitorState state = monitorState(rt.settings(), name);
    if (!state.running())
        return -1;
    // The monitor is init's parent.
    QFile status(QStringLiteral("/proc/%1/status").arg(state.pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    long ppid = -1;
    for (const QByteArray &l : status.readAll().split('\n'))
        if (l.startsWith("PPid:"))
            ppid = l.mid(5).trimmed().toLong();
    QFile mon(QStringLiteral("/proc/%1/status").arg(ppid));
    if (!mon.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &l : mon.readAll().split('\n'))
        if (l.startsWith("VmRSS:"))
            return l.mid(6).trimmed().split(' ').front().toLong();
    return -1;
}

// Median start -> RUNNING of NAME, stopped after each round.
std::optional<double> startToRunning(Runtime &rt, const QString &name, int rounds)
{
    QList<double> times;
    for (int i = 0; i < rounds; ++i) {
        QElapsedTimer t;
        t.start();
        auto pid = rt.start(name);
        if (!pid) {
            std::fprintf(stderr, "bench_runtime: start %s: %s\n", qPrintable(name), qPrintable(pid.error().message));
            return std::nullopt;
        }
        times << t.nsecsElapsed() / 1e6;
        if (auto link = MonitorLink::connect(rt.settings(), name))
            (void)link->stop();
        waitStopped(rt, name);
    }
    return median(times);
}

// The same busybox container with "empty" and with a veth on a bridge.
bool benchNetwork(Runtime &rt, int rounds)
{
    auto nl = rt::Netlink::open();
    rt::Netlink::Change up;
    up.up = true;
    if (!nl || nl->addBridge("benchbr0") || nl->change("benchbr0", up)) {
        std::fprintf(stderr, "bench_runtime: cannot make the bridge benchbr0\n");
        return false;
    }
    for (const char *n : {"netempty", "netveth"})
        if (auto err = templates::createBusybox(rt.store(), QString::fromLatin1(n), {})) {
            std::fprintf(stderr, "bench_runtime: create: %s\n", qPrintable(err->message));
            return false;
        }
    QFile config(rt.store().configPath(QStringLiteral("netveth")));
    if (!config.open(QIODevice::Append)
        || config.write("lxc.net.0.type = veth\nlxc.net.0.link = benchbr0\nlxc.net.0.flags = up\n"
                        "lxc.net.0.ipv4.address = 10.200.0.2/24\n") < 0)
        return false;
    config.close();
    const auto empty = startToRunning(rt, QStringLiteral("netempty"), rounds);
    const auto veth = startToRunning(rt, QStringLiteral("netveth"), rounds);
    if (!empty || !veth)
        return false;
    std::printf("hutch: network empty: start -> RUNNING median %7.2f ms\n", *empty);
    std::printf("hutch: network veth:  start -> RUNNING median %7.2f ms (on a bridge, static address)\n", *veth);
    std::printf("hutch: a veth network adds %7.2f ms to a start\n", *veth - *empty);
    return true;
}

// What confinement costs a start: the same busybox container privileged
// without a seccomp filter, privileged with Hutch's default filter, and
// unprivileged (a user namespace, idmapped rootfs) with the filter — the
// default for new containers. Returns the last median.
std::optional<double> benchConfinement(Runtime &rt, int rounds)
{
    struct Kind {
        const char *name, *label;
        bool unprivileged;
        const char *extra;
    };
    const Kind kinds[] = {{"plain", "privileged, no seccomp filter  ", false, "lxc.seccomp.profile =\n"},
                          {"sec", "privileged, seccomp            ", false, ""},
                          {"unpriv", "unprivileged, seccomp (default)", true, ""}};
    QList<double> medians;
    for (const Kind &k : kinds) {
        const QString name = QString::fromLatin1(k.name);
        if (auto err = templates::createBusybox(rt.store(), name, {})) {
            std::fprintf(stderr, "bench_runtime: create: %s\n", qPrintable(err->message));
            return std::nullopt;
        }
        if (k.unprivileged)
            if (auto err = idranges::makeUnprivileged(rt.store(), name)) {
                std::fprintf(stderr, "bench_runtime: %s\n", qPrintable(err->message));
                return std::nullopt;
            }
        QFile config(rt.store().configPath(name));
        if (!config.open(QIODevice::Append) || config.write(k.extra) < 0)
            return std::nullopt;
        config.close();
        const auto m = startToRunning(rt, name, rounds);
        if (!m)
            return std::nullopt;
        std::printf("hutch: %s start -> RUNNING median %7.2f ms\n", k.label, *m);
        medians << *m;
    }
    std::printf("hutch: confinement (user namespace + seccomp) adds %7.2f ms to a start\n", medians.back() - medians.front());
    return medians.back();
}

// What an LXC start pays and Hutch's does not: a process moved into a
// cgroup by its pid (cgroup.procs) goes under the kernel's system-wide
// threadgroup lock, and the first writer after a quiet spell waits for an
// RCU grace period; right after another move it is cheap. Hutch clones
// init into its v2 cgroup and init joins the v1 ones by writing "0" to
// tasks, which takes no such lock. Prints one move cold and one warm.
void printCgroupLockCost()
{
    auto layout = rt::CgroupLayout::detect();
    if (!layout)
        return;
    auto cg = rt::Cgroup::create(*layout, "lock", "hutch-bench");
    if (!cg) {
        std::fprintf(stderr, "bench_runtime: a cgroup for the lock figure: %s\n", cg.error().message.c_str());
        return;
    }
    const pid_t child = ::fork();
    if (child == 0) {
        ::pause();
        ::_exit(0);
    }
    ::usleep(250 * 1000);
    QElapsedTimer t;
    t.start();
    const bool moved = child > 0 && !(*cg)->addProcess(child);
    const double cold = t.nsecsElapsed() / 1e6;
    t.restart();
    const bool again = moved && !(*cg)->addProcess(child);
    const double warm = t.nsecsElapsed() / 1e6;
    if (child > 0) {
        ::kill(child, SIGKILL);
        ::waitpid(child, nullptr, 0);
    }
    (void)(*cg)->destroy();
    rt::Cgroup::removeBaseIfEmpty(*layout, "hutch-bench");
    if (moved && again)
        std::printf("kernel: a process moved by pid into a cgroup (cgroup.procs, each hierarchy): %.2f ms after a "
                    "quiet spell, %.2f ms right after another move; LXC's start moves its init so\n",
                    cold, warm);
}

// --warm-lock: LXC's best case. A process is moved by pid between two
// cgroups every 3 ms while the rounds run, so that the lock above is
// always warm (on a busy host, other cgroup moves would do the same).
class LockWarmer {
public:
    bool start()
    {
        auto layout = rt::CgroupLayout::detect();
        if (!layout)
            return false;
        for (const char *n : {"warm-a", "warm-b"}) {
            auto cg = rt::Cgroup::create(*layout, n, "hutch-bench");
            if (!cg)
                return false;
            m_cgroups.push_back(std::move(*cg));
        }
        m_layout = *layout;
        m_child = ::fork();
        if (m_child == 0) {
            ::pause();
            ::_exit(0);
        }
        m_thread = std::thread([this] {
            for (size_t i = 0; !m_stop; ++i) {
                (void)m_cgroups[i % 2]->addProcess(m_child);
                ::usleep(3000);
            }
        });
        return m_child > 0;
    }
    ~LockWarmer()
    {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
        if (m_child > 0) {
            ::kill(m_child, SIGKILL);
            ::waitpid(m_child, nullptr, 0);
        }
        for (auto &cg : m_cgroups)
            (void)cg->destroy();
        if (!m_cgroups.empty())
            rt::Cgroup::removeBaseIfEmpty(m_layout, "hutch-bench");
    }

private:
    std::vector<std::unique_ptr<rt::Cgroup>> m_cgroups;
    rt::CgroupLayout m_layout;
    pid_t m_child = -1;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

}  // namespace

int main(int argc, char **argv)
{
    if (::geteuid() != 0) {
        std::fprintf(stderr, "bench_runtime: needs root (namespaces, cgroups)\n");
        return 2;
    }
    // Before any thread: LXC's commands need the writable devpts under the
    // read-only one (the stacked one goes in this namespace only).
    if (::unshare(CLONE_NEWNS) != 0 || ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
        std::perror("bench_runtime: private mount namespace");
        return 2;
    }
    // The machine as the bench found it, whichever way it ends: no empty
    // "hutch" cgroup parents left (LXC's own lxc.pivot is LXC's to leave).
    struct LeaveNoBase {
        ~LeaveNoBase()
        {
            if (auto layout = hutch::rt::CgroupLayout::detect())
                hutch::rt::Cgroup::removeBaseIfEmpty(*layout);
        }
    } leaveNoBase;
    ::umount2("/dev/pts", MNT_DETACH);
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const bool sequential = args.contains(QStringLiteral("--sequential"));
    const bool settle = args.contains(QStringLiteral("--settle"));
    const int rounds = args.size() > 1 && !args.at(1).startsWith(QLatin1String("--")) ? std::max(1, args.at(1).toInt()) : 20;
    // --settle: a pause after every stop, so that what a stop leaves the
    // kernel to finish (a network namespace is torn down by a kernel worker
    // after its last process left) is done before the next start, whoever's.
    auto settleDown = [&] {
        if (settle)
            ::usleep(250 * 1000);
    };
    if (::unshare(CLONE_NEWNET) != 0) {
        std::fprintf(stderr, "bench_runtime: cannot make a network namespace\n");
        return 2;
    }
    QTemporaryDir dir;
    HelperSettings settings;
    settings.storePath = dir.filePath(QStringLiteral("store"));
    settings.runtimePath = dir.filePath(QStringLiteral("run"));
    Runtime rt(settings, QCoreApplication::applicationDirPath() + QStringLiteral("/../helper/hutch-monitor"));
    const QString name = QStringLiteral("bench");
    if (auto err = templates::createBusybox(rt.store(), name, {})) {
        std::fprintf(stderr, "bench_runtime: create: %s\n", qPrintable(err->message));
        return 1;
    }
    // The same container, from the same store: Hutch writes LXC's layout.
    const bool haveLxc = !QStandardPaths::findExecutable(QStringLiteral("lxc-start")).isEmpty();
    auto lxc = [&](const QString &tool, QStringList args) {
        args = QStringList{QStringLiteral("-P"), settings.storePath, QStringLiteral("-n"), name} + args;
        QProcess p;
        p.start(tool, args);
        return p.waitForFinished(30000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    };
    // Hutch and LXC take turns, round by round, so that whatever else the
    // machine does weighs on both alike (--sequential: one after the other).
    QList<double> toRunning, toCommand, toStopped;
    QList<double> lxcRunning, lxcCommand, lxcStopped;
    QString lxcFailed = haveLxc ? QString() : QStringLiteral("lxc-start not found (Debian package lxc)");
    long rss = -1;
    // One round of each; false: the bench ends (a Hutch failure), or
    // lxcFailed says why LXC's rounds stop.
    auto hutchRound = [&](int i) {
        QElapsedTimer t;
        t.start();
        auto pid = rt.start(name);
        if (!pid) {
            std::fprintf(stderr, "bench_runtime: start: %s\n", qPrintable(pid.error().message));
            return false;
        }
        toRunning << t.nsecsElapsed() / 1e6;
        if (!consoleRoundTrip(rt, name)) {
            std::fprintf(stderr, "bench_runtime: no answer from the console\n");
            return false;
        }
        toCommand << t.nsecsElapsed() / 1e6;
        if (i == 0)
            rss = monitorRssKb(rt, name);
        QElapsedTimer s;
        s.start();
        if (auto link = MonitorLink::connect(rt.settings(), name))
            (void)link->stop();
        waitStopped(rt, name);
        toStopped << s.nsecsElapsed() / 1e6;
        settleDown();
        return true;
    };
    auto lxcRound = [&] {
        if (!lxcFailed.isEmpty())
            return;
        QElapsedTimer t;
        t.start();
        if (!lxc(QStringLiteral("lxc-start"), {QStringLiteral("-d")})
            || !lxc(QStringLiteral("lxc-wait"), {QStringLiteral("-s"), QStringLiteral("RUNNING")})) {
            lxcFailed = QStringLiteral("lxc-start failed on the Hutch-made container");
            return;
        }
        lxcRunning << t.nsecsElapsed() / 1e6;
        if (!lxc(QStringLiteral("lxc-attach"), {QStringLiteral("--"), QStringLiteral("true")})) {
            lxcFailed = QStringLiteral("lxc-attach failed on the running container");
            lxc(QStringLiteral("lxc-stop"), {QStringLiteral("-k")});
            return;
        }
        lxcCommand << t.nsecsElapsed() / 1e6;
        QElapsedTimer s;
        s.start();
        lxc(QStringLiteral("lxc-stop"), {QStringLiteral("-k")});
        lxcStopped << s.nsecsElapsed() / 1e6;
        settleDown();
    };
    LockWarmer warmer;
    if (args.contains(QStringLiteral("--warm-lock")) && !warmer.start()) {
        std::fprintf(stderr, "bench_runtime: --warm-lock: cannot move a process between two cgroups\n");
        return 1;
    }
    for (int i = 0; i < rounds; ++i) {
        if (!hutchRound(i))
            return 1;
        if (!sequential)
            lxcRound();
    }
    for (int i = 0; sequential && i < rounds; ++i)
        lxcRound();
    std::printf("hutch: %d rounds, busybox container, %s; load %s\n", rounds,
                sequential ? "then LXC's rounds" : "taking turns with LXC", qPrintable(hutch::bench::loadAverage()));
    std::printf("hutch: start -> RUNNING        median %7.2f ms\n", median(toRunning));
    std::printf("hutch: start -> first command  median %7.2f ms (a command typed on the console answered)\n", median(toCommand));
    std::printf("hutch: stop -> STOPPED         median %7.2f ms\n", median(toStopped));
    std::printf("hutch: hutch-monitor RSS       %ld kB (upstream LXC's monitor: about 2900 kB on these machines)\n", rss);
    const bool compared = lxcFailed.isEmpty();
    if (compared) {
        std::printf("lxc:   start -> RUNNING        median %7.2f ms (lxc-start -d + lxc-wait)\n", median(lxcRunning));
        std::printf("lxc:   start -> first command  median %7.2f ms (lxc-attach -- true)\n", median(lxcCommand));
        std::printf("lxc:   stop -> STOPPED         median %7.2f ms (lxc-stop -k)\n", median(lxcStopped));
        printCgroupLockCost();
    } else {
        std::printf("lxc: %s: LXC's start is not measured in this run\n", qPrintable(lxcFailed));
    }
    if (!benchNetwork(rt, rounds))
        return 1;
    const auto unprivileged = benchConfinement(rt, rounds);
    if (!unprivileged)
        return 1;
    if (!compared)
        return 0;
    std::printf("start -> RUNNING, hutch / lxc: %.2fx\n", median(toRunning) / median(lxcRunning));
    std::printf("start -> RUNNING: hutch privileged %.2f ms, hutch unprivileged with seccomp %.2f ms, "
                "lxc privileged %.2f ms\n",
                median(toRunning), *unprivileged, median(lxcRunning));
    return 0;
}
