// A container's usage (CPU, memory, pids, I/O), each figure from the
// hierarchy and backend chosen for its controller. Runs in hutch-monitor,
// when the helper asks for stats.
#include "cgroups.h"

#include "cgroupfs.h"
#include "cgroups_p.h"

#include <string_view>

namespace hutch::rt {

using namespace cgroupfs;

namespace cgroupread {

std::string text(const CgroupHier &h, const char *file)
{
    auto r = readAt(h.dir.get(), h.path, file);
    return r ? *r : std::string();
}

uint64_t number(const CgroupHier &h, const char *file)
{
    uint64_t n = 0;
    return parseU64(trim(text(h, file)), n) ? n : 0;
}

// "key value" lines (cpu.stat) or "key=value" words (io.stat).
uint64_t keyed(const CgroupHier &h, const char *file, const std::string &key)
{
    uint64_t sum = 0, n = 0;
    const auto w = splitWs(text(h, file));
    for (size_t i = 0; i < w.size(); ++i) {
        if (w[i] == key && i + 1 < w.size() && parseU64(w[i + 1], n))
            sum += n;
        else if (w[i].starts_with(key + "=") && parseU64(std::string_view(w[i]).substr(key.size() + 1), n))
            sum += n;
    }
    return sum;
}

}  // namespace cgroupread

Result<CgroupStats> Cgroup::stats() const
{
    if (auto err = d->alive())
        return err->wrap("stats of cgroup \"" + d->name + "\"");
    CgroupStats s;
    if (d->cpu)
        s.cpuUsageNs = d->cpu.backend->cpuUsageNs(*d->cpu.hier);
    if (d->memory)
        d->memory.backend->memory(*d->memory.hier, s);
    if (d->pids)  // pids.current in either version
        s.pids = cgroupread::number(*d->pids.hier, "pids.current");
    else if (auto procs = processes())
        s.pids = procs->size();
    if (d->io)
        d->io.backend->io(*d->io.hier, s);
    return s;
}

}  // namespace hutch::rt
