#include "container.h"

#include "capabilities.h"
#include "devices.h"
#include "init.h"
#include "mounts.h"
#include "network.h"
#include "processattrs.h"
#include "protocol.h"
#include "seccompprofile.h"
#include "userns.h"

#include <fcntl.h>
#include <linux/close_range.h>
#include <net/if.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <termios.h>
#include <unistd.h>

#include <csignal>
#include <cstring>

namespace hutch::rt {

namespace {

// Runs in the child: the monitor reads the error (code, errno, message) as
// the reason the start failed.
[[noreturn]] void fail(int syncFd, const Error &e)
{
    (void)sendMessage(syncFd, errorReply(e));
    ::_exit(1);
}

// The network namespace starts with lo down.
Status bringUpLoopback()
{
    UniqueFd s(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
    if (!s)
        return Error::sys("socket");
    ifreq ifr{};
    std::strncpy(ifr.ifr_name, "lo", IFNAMSIZ - 1);
    if (::ioctl(s.get(), SIOCGIFFLAGS, &ifr) < 0)
        return Error::sys("get lo flags");
    ifr.ifr_flags |= IFF_UP;
    if (::ioctl(s.get(), SIOCSIFFLAGS, &ifr) < 0)
        return Error::sys("bring lo up");
    return std::nullopt;
}

// Waits for the monitor's WORD (cloneInit's order); a monitor gone ends
// this process, as before the go.
void awaitMonitor(int syncFd, char word)
{
    auto got = receiveMessage(syncFd);
    if (!got || got->empty() || (*got)[0] != word)
        ::_exit(1);
}

// TREEFD: the idmapped rootfs the monitor made (userns.h), or -1.
Status setupFilesystem(const ChildSetup &s, int treeFd)
{
    const LaunchSpec &spec = *s.spec;
    auto root = prepareRootfs(spec, treeFd);
    if (!root)
        return root.error();
    const int rootFd = root->get();
    // The rootfs is open (its directory is the host root's, 0700): from here
    // on, in a user namespace, this process is the container's root, and
    // what it creates (/dev, the ptys) is the container's.
    if (spec.userns())
        if (auto err = becomeContainerRoot())
            return err;
    if (spec.autodev)
        if (auto err = mountDevTmpfs(rootFd))
            return err;
    if (auto err = mountAuto(rootFd, spec, *s.layout))
        return err.value().wrap("lxc.mount.auto");
    // The device rules are in force from here on: they govern what the
    // entries mount and what /dev holds.
    awaitMonitor(s.syncFd, 'd');
    if (auto err = mountEntries(rootFd, spec))
        return err.value().wrap("lxc.mount.entry");
    if (spec.autodev)
        if (auto err = populateDev(rootFd))
            return err.value().wrap("populate /dev");
    if (auto err = mountDevpts(rootFd, spec.ptyMax))
        return err;
    if (auto err = bindConsoles(rootFd, spec, s.consolePts, s.ttyPts))
        return err.value().wrap("console");
    return pivotInto(rootFd);
}

// CONTROLLING: the console becomes init's controlling terminal. Not in a
// user namespace: a getty on the console (busybox's with --login, agetty)
// must then take it from init, and stealing a controlling terminal needs
// CAP_SYS_ADMIN in the host's namespace (EPERM: "getty: console:
// TIOCSCTTY"). There init has none, as a booted kernel's init and LXC's.
Status attachConsole(bool controlling)
{
    if (::setsid() < 0)
        return Error::sys("setsid");
    UniqueFd console(::open("/dev/console", O_RDWR | O_NOCTTY | O_CLOEXEC));
    if (!console)
        return Error::sys("open /dev/console");
    if (controlling && ::ioctl(console.get(), TIOCSCTTY, 0) < 0)
        return Error::sys("make /dev/console the controlling terminal");
    for (int fd = 0; fd < 3; ++fd)
        if (::dup2(console.get(), fd) < 0)
            return Error::sys("dup2 console");
    return std::nullopt;
}

std::vector<std::string> environmentFor(const LaunchSpec &spec)
{
    std::vector<std::string> env = {"container=lxc", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                                    "TERM=linux", "HOME=/root"};
    for (const std::string &e : spec.env) {
        if (e.find('=') != std::string::npos) {
            env.push_back(e);
        } else if (const char *v = ::getenv(e.c_str())) {
            env.push_back(e + "=" + v);  // NAME alone: passed from the monitor's environment
        }
    }
    return env;
}

}  // namespace

void runContainerInit(const ChildSetup &s)
{
    const LaunchSpec &spec = *s.spec;
    // Until exec this process runs the monitor's binary: nothing in the
    // container may open it through /proc/1/exe (CVE-2019-5736).
    ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    // The monitor blocks signals for its signalfd; init starts clean.
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    for (int sig = 1; sig < NSIG; ++sig)
        ::signal(sig, SIG_DFL);
    // Init dies with its monitor (killed outright, nobody would tear the
    // container down otherwise; deadmonitor.h in the helper removes what is
    // left on the host). Set before the wait for "go": a monitor gone
    // before this line closes the sync socket, and the wait ends it.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
    // Wait until the monitor has set up the host side, then join the
    // container's cgroup (this process has one thread: see joinSelf).
    std::vector<UniqueFd> passed;
    auto go = receiveMessage(s.syncFd, &passed);
    if (!go || *go != "g")
        ::_exit(1);
    const int treeFd = passed.empty() ? -1 : passed.front().get();
    if (auto err = s.cgroup->joinSelf(s.v2Joined))
        fail(s.syncFd, *err);
    if (::unshare(CLONE_NEWCGROUP) < 0)
        fail(s.syncFd, Error::sys("unshare cgroup namespace"));
    // An executed command runs under our minimal init, from a sealed copy
    // of this binary made while the host's is still reachable.
    UniqueFd initCopy;
    if (spec.execute && spec.initFd >= 0) {
        initCopy.reset(::fcntl(spec.initFd, F_DUPFD_CLOEXEC, 3));
        if (!initCopy)
            fail(s.syncFd, Error::sys("the init binary's copy"));
    } else if (spec.execute) {
        auto copy = sealedCopyOfSelf();
        if (!copy)
            fail(s.syncFd, copy.error());
        initCopy = std::move(*copy);
    }
    if (auto err = setupFilesystem(s, treeFd))
        fail(s.syncFd, *err);
    if (!spec.hostname.empty() && ::sethostname(spec.hostname.data(), spec.hostname.size()) < 0)
        fail(s.syncFd, Error::sys("sethostname \"" + spec.hostname + "\""));
    if (!spec.shareHostNet) {
        if (auto err = bringUpLoopback())
            fail(s.syncFd, *err);
        // The monitor has moved the interfaces in before saying go.
        if (auto err = configureContainerNetwork(spec.net))
            fail(s.syncFd, *err);
    }
    for (const Prlimit &p : spec.prlimits) {
        const rlimit rl{p.soft, p.hard};
        if (::setrlimit(__rlimit_resource(p.resource), &rl) < 0)
            fail(s.syncFd, Error::sys("lxc.prlimit " + std::to_string(p.resource)));
    }
    if (auto err = attachConsole(!spec.userns()))
        fail(s.syncFd, *err);
    // Before the seccomp filter, which may not allow these calls.
    if (spec.schedCore)
        if (auto err = createCoreSchedulingCookie())
            fail(s.syncFd, *err);
    if (auto err = applyPersonality(spec.personality))
        fail(s.syncFd, *err);
    if (auto err = applyCapabilities(spec.capDrop, spec.capKeep, spec.capKeepSet))
        fail(s.syncFd, *err);
    // Again, before the filter (which might refuse prctl): a change of the
    // effective or filesystem ids above clears the parent-death signal.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
    // The cgroup settings are in force, and the filter the monitor built
    // meanwhile is here ("s" and the program; "s" alone: no profile, or it
    // could not, and this process builds it and says why that fails).
    auto program = receiveMessage(s.syncFd);
    if (!program || program->empty() || (*program)[0] != 's')
        ::_exit(1);  // the monitor is gone
    const std::string compiled = program->substr(1);
    if (auto err = applyNoNewPrivsAndSeccomp(spec, &compiled))
        fail(s.syncFd, *err);

    std::vector<std::string> env = environmentFor(spec);
    std::vector<char *> envp, argv;
    for (auto &e : env)
        envp.push_back(e.data());
    envp.push_back(nullptr);
    std::vector<std::string> args = spec.init;
    if (spec.execute)
        args.insert(args.begin(), {"hutch-init", "--init"});
    for (auto &a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);

    // No host fd reaches init: everything above 2 closes at exec, the sync
    // socket included (its closing tells the monitor exec succeeded).
    if (::syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC) < 0)
        fail(s.syncFd, Error::sys("close_range"));
    if (spec.execute) {
        ::execveat(initCopy.get(), "", argv.data(), envp.data(), AT_EMPTY_PATH);
        fail(s.syncFd, Error::sys("exec the minimal init"));
    }
    ::execve(argv[0], argv.data(), envp.data());
    fail(s.syncFd, Error::sys("exec " + spec.init.front()));
}

}  // namespace hutch::rt
