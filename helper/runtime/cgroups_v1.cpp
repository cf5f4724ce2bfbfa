// The cgroup v1 backend: the freezer hierarchy's freezer.state, cpuacct,
// memory and blkio files. Runs in hutch-monitor.
#include "cgroupfs.h"
#include "cgroups_p.h"

#include <chrono>
#include <thread>

namespace hutch::rt {

using namespace cgroupfs;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

class V1 final : public CgroupBackend {
public:
    // v1 has no event for "frozen": poll freezer.state, which reads FREEZING
    // until every task is stopped. Writing FROZEN again makes the kernel retry
    // the tasks it could not freeze yet.
    Status setFrozen(const CgroupHier &h, bool frozen) const override
    {
        const std::string want = frozen ? "FROZEN" : "THAWED";
        const auto deadline = Clock::now() + 5s;
        for (;;) {
            if (auto err = writeAt(h.dir.get(), h.path, "freezer.state", want))
                return err;
            auto state = readAt(h.dir.get(), h.path, "freezer.state");
            if (!state)
                return state.error();
            if (trim(*state) == want)
                return std::nullopt;
            if (Clock::now() >= deadline) {
                if (frozen)  // not left half frozen
                    (void)writeAt(h.dir.get(), h.path, "freezer.state", "THAWED");
                return Error::msg(h.path + "/freezer.state is still " + trim(*state) + " after 5 s");
            }
            std::this_thread::sleep_for(10ms);
        }
    }

    bool isFrozen(const CgroupHier &h) const override
    {
        return trim(cgroupread::text(h, "freezer.state")) == "FROZEN";
    }

    void unfreezeForKill(const CgroupHier &h) const override
    {
        // The SIGKILL is pending by now, so thawed tasks do not run again.
        auto state = readAt(h.dir.get(), h.path, "freezer.state");
        if (state && trim(*state) != "THAWED")
            (void)writeAt(h.dir.get(), h.path, "freezer.state", "THAWED");
    }

    void killSubtree(const CgroupHier &) const override {}  // v1 has no such file

    uint64_t cpuUsageNs(const CgroupHier &h) const override { return cgroupread::number(h, "cpuacct.usage"); }

    void memory(const CgroupHier &h, CgroupStats &s) const override
    {
        s.memoryBytes = cgroupread::number(h, "memory.usage_in_bytes");
        s.memoryLimit = cgroupread::number(h, "memory.limit_in_bytes");
        if (s.memoryLimit >= kUnlimited)
            s.memoryLimit = 0;
        s.oomKills = cgroupread::keyed(h, "memory.oom_control", "oom_kill");
    }

    void io(const CgroupHier &h, CgroupStats &s) const override
    {
        // "8:0 Read 4096" lines per device; _recursive counts the container's sub-cgroups too.
        std::string t = cgroupread::text(h, "blkio.throttle.io_service_bytes_recursive");
        if (t.empty())
            t = cgroupread::text(h, "blkio.throttle.io_service_bytes");
        const auto w = splitWs(t);
        uint64_t n = 0;
        for (size_t i = 0; i + 2 < w.size(); ++i) {
            if (w[i].find(':') == std::string::npos || !parseU64(w[i + 2], n))
                continue;
            if (w[i + 1] == "Read")
                s.ioReadBytes += n;
            else if (w[i + 1] == "Write")
                s.ioWriteBytes += n;
        }
    }
};

}  // namespace

const CgroupBackend &cgroupV1()
{
    static const V1 backend;
    return backend;
}

}  // namespace hutch::rt
