// Killing everything in a container's cgroup, at the stop. Runs in
// hutch-monitor, after init is gone or when the stop is forced.
#include "cgroups.h"

#include "cgroupfs.h"
#include "cgroups_p.h"

#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <chrono>
#include <thread>

namespace hutch::rt {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

Status Cgroup::killAll()
{
    const std::string ctx = "kill cgroup \"" + d->name + "\"";
    const auto deadline = Clock::now() + 10s;
    for (;;) {
        std::set<pid_t> pids;
        if (auto err = d->collectAll(pids))
            return err->wrap(ctx);
        if (pids.empty())
            return std::nullopt;
        if (Clock::now() >= deadline)
            return Error::msg(ctx + ": " + std::to_string(pids.size()) + " processes still there after 10 s");
        if (const CgroupHier *h = d->v2Hier(); h && h->dir)
            cgroupV2().killSubtree(*h);
        // Then one by one, for v1-only members and older kernels. A pidfd is
        // opened before membership is checked again, so that a pid reused
        // meanwhile by a process outside the cgroup is never signalled.
        struct Victim {
            pid_t pid;
            UniqueFd fd;
            bool gone;
        };
        std::vector<Victim> victims;
        for (pid_t pid : pids) {
#ifdef SYS_pidfd_open
            UniqueFd fd(int(::syscall(SYS_pidfd_open, pid, 0)));
#else
            UniqueFd fd;
            errno = ENOSYS;
#endif
            const bool gone = !fd && errno == ESRCH;
            victims.push_back({pid, std::move(fd), gone});
        }
        std::set<pid_t> still;
        if (auto err = d->collectAll(still))
            return err->wrap(ctx);
        for (const auto &v : victims) {
            if (v.gone || !still.count(v.pid))
                continue;
#ifdef SYS_pidfd_send_signal
            if (v.fd) {
                ::syscall(SYS_pidfd_send_signal, v.fd.get(), SIGKILL, nullptr, 0);
                continue;
            }
#endif
            ::kill(v.pid, SIGKILL);  // no pidfd on this kernel
        }
        // A freeze would keep the killed from dying (v1) or freeze whoever
        // joins next (v2), whichever backend froze them.
        if (d->freezer)
            d->freezer.backend->unfreezeForKill(*d->freezer.hier);
        if (const CgroupHier *h = d->v2Hier(); h && h->dir && h != d->freezer.hier)
            cgroupV2().unfreezeForKill(*h);
        std::this_thread::sleep_for(10ms);
    }
}

}  // namespace hutch::rt
