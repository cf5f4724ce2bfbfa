// How a monitor starts its container: the cgroup, the terminals, init
// cloned into its namespaces, and what the monitor does on the host while
// init sets up its filesystem (monitor.h).
#include "monitor.h"

#include "container.h"
#include "devicerules.h"
#include "processattrs.h"
#include "seccompprofile.h"
#include "userns.h"

#include <fcntl.h>
#include <linux/sched.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <utility>

namespace hutch::rt {

pid_t cloneChild(uint64_t flags, int cgroupFd)
{
    clone_args args{};
    args.flags = flags;
    if (cgroupFd >= 0) {
        args.flags |= CLONE_INTO_CGROUP;
        args.cgroup = uint64_t(cgroupFd);
    }
    args.exit_signal = SIGCHLD;
    return pid_t(::syscall(SYS_clone3, &args, sizeof args));
}

void Monitor::useLayout(CgroupLayout layout)
{
    m_layout = std::move(layout);
    m_layoutKnown = true;
}

Result<pid_t> Monitor::start()
{
    setState(State::Starting);
    if (auto err = bindSocket())
        return *err;
    auto fail = [&](const Error &e) -> Result<pid_t> {
        setState(State::Aborting);
        log(5, "start failed: " + e.message);
        cleanup();
        return e;
    };
    if (m_logError)
        return fail(*m_logError);
    if (!m_layoutKnown) {
        auto layout = CgroupLayout::detect();
        if (!layout)
            return fail(layout.error().wrap("cgroups"));
        m_layout = *layout;
    }
    auto cg = Cgroup::create(m_layout, m_spec.name, m_spec.cgroupBase);
    if (!cg)
        return fail(cg.error());
    m_cgroup = std::move(*cg);
    // Applied by cloneInit, while init sets up its filesystem.
    for (const CgroupSetting &s : m_spec.cgroup)
        (isDeviceSetting(s) ? m_deviceRules : m_limits).push_back(s);
    // A container with its own user namespace gets ptys its root can own.
    if (m_spec.userns())
        if (auto err = privateDevpts())
            return fail(*err);
    Terminals::Options terms;
    terms.ttys = m_spec.ttys;
    terms.bufferSize = m_spec.consoleBufferSize;
    terms.logFile = m_spec.consoleLogFile;
    terms.containerDir = m_spec.containerDir;
    terms.logSize = m_spec.consoleLogSize;
    terms.rotate = m_spec.consoleRotate;
    if (auto err = m_terminals.open(terms))
        return fail(*err);
    if (m_spec.userns())
        for (int i = 0; i < m_terminals.count(); ++i)
            if (auto err = givePtyToContainer(m_terminals.slavePath(i), m_spec))
                return fail(*err);
    if (auto err = cloneInit())
        return fail(*err);
    setState(State::Running);
    log(3, "started, init pid " + std::to_string(m_init));
    return m_init;
}

Status Monitor::cloneInit()
{
    int sv[2];
    if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
        return Error::sys("socketpair");
    UniqueFd parentEnd(sv[0]), childEnd(sv[1]);
    ChildSetup setup;
    setup.spec = &m_spec;
    setup.layout = &m_layout;
    setup.consolePts = m_terminals.slavePath(0);
    for (int i = 1; i < m_terminals.count(); ++i)
        setup.ttyPts.push_back(m_terminals.slavePath(i));
    setup.syncFd = childEnd.get();
    setup.cgroup = m_cgroup.get();

    // The child joins the cgroup itself (Cgroup::joinSelf), in v2 already
    // at the clone where the kernel can (5.7 and later).
    const uint64_t flags = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWUTS | CLONE_NEWIPC
                           | (m_spec.shareHostNet ? 0 : CLONE_NEWNET) | (m_spec.userns() ? CLONE_NEWUSER : 0);
    if (m_spec.timeNamespace)
        if (auto err = prepareTimeNamespace(m_spec.bootOffsetNs, m_spec.monotonicOffsetNs))
            return err;
    setup.v2Joined = m_cgroup->v2Fd() >= 0;
    pid_t pid = cloneChild(flags, m_cgroup->v2Fd());
    if (pid < 0 && setup.v2Joined) {
        setup.v2Joined = false;
        pid = cloneChild(flags, -1);
    }
    if (pid < 0)
        return Error::sys("clone");
    if (pid == 0) {
        parentEnd.reset();
        runContainerInit(setup);  // never returns
    }
    childEnd.reset();
    m_init = pid;
    auto reap = [&](const Error &e) {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
        m_init = -1;
        releaseNetwork();
        return e;
    };
    // The child waits for its go: maps, the cgroup and the idmapped rootfs
    // are ready before it runs as the container's root.
    UniqueFd rootfsTree;
    if (m_spec.userns()) {
        if (auto err = writeIdMaps(pid, m_spec))
            return reap(*err);
        if (auto err = m_cgroup->delegateTo(m_spec.hostUid(0), m_spec.hostGid(0)))
            return reap(*err);
        if (m_spec.idmapRootfs) {
            auto tree = idmappedRootfs(m_spec, pid);
            if (!tree)
                return reap(tree.error());
            rootfsTree = std::move(*tree);
        }
    }
    if (!m_spec.shareHostNet) {
        // Held so that physical interfaces can be given back after init is gone.
        m_netns.reset(::open(("/proc/" + std::to_string(pid) + "/ns/net").c_str(), O_RDONLY | O_CLOEXEC));
        auto links = setupHostNetwork(m_spec.net, pid, m_spec.name);
        if (!links) {
            releaseNetwork();
            return reap(links.error());
        }
        m_hostLinks = *links;
        // Subscribers hear of a DHCP lease when it comes, not on the next poll.
        auto events = openAddressEvents(m_netns.get());
        if (events)
            m_addressEvents = std::move(*events);
        else
            log(4, events.error().message);
    }
    if (auto err = sendMessage(parentEnd.get(), "g", rootfsTree ? rootfsTree.get() : -1))
        return reap(err->wrap("start init"));
    rootfsTree.reset();
    // While init mounts its rootfs, /proc and /sys: the device rules ("d":
    // init waits for them before lxc.mount.entry and /dev), the other cgroup
    // settings, the seccomp filter ("s" and the program, loaded before exec;
    // "s" alone: none, or init builds it and says why that fails). What init
    // did not read (it failed first) leaves its reason below.
    if (auto err = applyLimits(true))
        return reap(*err);
    (void)sendMessage(parentEnd.get(), "d");
    if (auto err = applyLimits(false))
        return reap(*err);
    auto program = m_spec.seccompProfile.empty() ? Result<std::string>(std::string())
                                                 : compileSeccompProfile(m_spec.seccompProfile);
    (void)sendMessage(parentEnd.get(), "s" + (program ? *program : std::string()));
    // The child's end closes at exec (close-on-exec): no message means success.
    auto reply = receiveMessage(parentEnd.get());
    // A child that failed before it read the filter closed its end with the
    // filter unread, which the kernel reports first (ECONNRESET), before
    // the reason the child sent; the next read has that reason. An init
    // that exec'd read everything: the next read finds the end again.
    if (!reply && reply.error().sysErrno == ECONNRESET)
        if (auto reason = receiveMessage(parentEnd.get(), static_cast<UniqueFd *>(nullptr), 0))
            reply = std::move(reason);
    if (reply)
        return reap(parseErrorReply(*reply));
    if (reply.error().sysErrno != ECONNRESET)  // not merely closed at exec
        return reap(reply.error());
    return std::nullopt;
}

// Device rules go where the host keeps them (devicerules.h), the rest
// through the cgroup backend. Each list is applied once: a reboot keeps
// the cgroup and what is in force there.
Status Monitor::applyLimits(bool devices)
{
    if (!devices) {
        const std::vector<CgroupSetting> limits = std::exchange(m_limits, {});
        return m_cgroup->apply(limits);
    }
    const std::vector<CgroupSetting> rules = std::exchange(m_deviceRules, {});
    std::vector<std::string> skipped;
    if (auto err = applyDeviceSettings(*m_cgroup, m_layout, rules, &skipped))
        return err;
    for (const std::string &s : skipped)
        log(2, "skipped " + s);
    return std::nullopt;
}

}  // namespace hutch::rt
