// The cgroup v2 backend: cgroup.freeze and cgroup.events, cgroup.kill,
// cpu.stat, memory.* and io.stat of the unified hierarchy. Runs in
// hutch-monitor.
#include "cgroupfs.h"
#include "cgroups_p.h"

#include <fcntl.h>
#include <poll.h>

#include <algorithm>
#include <chrono>

namespace hutch::rt {

using namespace cgroupfs;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

// cgroup.events: "populated 0|1" and "frozen 0|1".
struct Events {
    bool populated = false, frozen = false;
};

Result<Events> readEvents(int fd, const std::string &path)
{
    auto text = readFd(fd, path);
    if (!text)
        return text.error();
    Events e;
    for (const auto &line : split(*text, '\n')) {
        const auto w = splitWs(line);
        if (w.size() == 2 && w[0] == "populated")
            e.populated = w[1] == "1";
        else if (w.size() == 2 && w[0] == "frozen")
            e.frozen = w[1] == "1";
    }
    return e;
}

class V2 final : public CgroupBackend {
public:
    // cgroup.events signals POLLPRI when "frozen" changes (each read re-arms
    // it). An empty cgroup may keep a stale "frozen 1" after being thawed
    // (seen on 6.18 when its last tasks die while frozen: the kernel
    // re-evaluates the parent only when all its descendants count as
    // frozen); new tasks follow cgroup.freeze, so thawing an empty cgroup
    // has nothing to wait for.
    Status setFrozen(const CgroupHier &h, bool frozen) const override
    {
        if (auto err = writeAt(h.dir.get(), h.path, "cgroup.freeze", frozen ? "1" : "0"))
            return err;
        const std::string events = h.path + "/cgroup.events";
        UniqueFd fd(::openat(h.dir.get(), "cgroup.events", O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
        if (!fd)
            return Error::sys("open " + events);
        const auto deadline = Clock::now() + 5s;
        for (;;) {
            auto state = readEvents(fd.get(), events);
            if (!state)
                return state.error();
            if (state->frozen == frozen || (!frozen && !state->populated))
                return std::nullopt;
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
            if (left <= 0) {
                if (frozen)
                    (void)writeAt(h.dir.get(), h.path, "cgroup.freeze", "0");
                return Error::msg(events + ": not " + (frozen ? "frozen" : "thawed") + " after 5 s");
            }
            pollfd p{fd.get(), POLLPRI, 0};
            ::poll(&p, 1, int(std::min<long long>(left, 100)));  // bounded: a missed event costs 100 ms
        }
    }

    // Asked to freeze, and done (a stale "frozen 1" without the ask is not
    // frozen: see setFrozen).
    bool isFrozen(const CgroupHier &h) const override
    {
        if (trim(cgroupread::text(h, "cgroup.freeze")) != "1")
            return false;
        UniqueFd fd(::openat(h.dir.get(), "cgroup.events", O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
        auto state = fd ? readEvents(fd.get(), h.path + "/cgroup.events") : Result<Events>(Events{});
        return state && state->frozen;
    }

    // Frozen v2 tasks do die, but the flag would freeze whatever joins next.
    void unfreezeForKill(const CgroupHier &h) const override
    {
        auto flag = readAt(h.dir.get(), h.path, "cgroup.freeze");
        if (flag && trim(*flag) == "1")
            (void)writeAt(h.dir.get(), h.path, "cgroup.freeze", "0");
    }

    // cgroup.kill (5.14+) kills the subtree at once, racing forks included.
    void killSubtree(const CgroupHier &h) const override
    {
        (void)writeAt(h.dir.get(), h.path, "cgroup.kill", "1");  // absent before 5.14
    }

    // cpu.stat's usage_usec exists in every v2 cgroup, controller or not.
    uint64_t cpuUsageNs(const CgroupHier &h) const override
    {
        return cgroupread::keyed(h, "cpu.stat", "usage_usec") * 1000;
    }

    void memory(const CgroupHier &h, CgroupStats &s) const override
    {
        s.memoryBytes = cgroupread::number(h, "memory.current");
        s.memoryLimit = cgroupread::number(h, "memory.max");  // "max" reads as 0
        s.oomKills = cgroupread::keyed(h, "memory.events", "oom_kill");
    }

    void io(const CgroupHier &h, CgroupStats &s) const override
    {
        s.ioReadBytes = cgroupread::keyed(h, "io.stat", "rbytes");
        s.ioWriteBytes = cgroupread::keyed(h, "io.stat", "wbytes");
    }
};

}  // namespace

const CgroupBackend &cgroupV2()
{
    static const V2 backend;
    return backend;
}

}  // namespace hutch::rt
