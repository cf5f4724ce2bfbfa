// Container cgroups on cgroup v1, v2 and the hybrid layout (v1 controllers
// under /sys/fs/cgroup/CONTROLLER, v2 at /sys/fs/cgroup/unified). Cgroup is
// the one interface callers see; inside, a v1 and a v2 backend (CgroupBackend
// in cgroups_p.h, as crun's cgroup manager) do what differs between the
// versions, and on a hybrid host the backend of each concern (freezer, the
// usage of cpu, memory, pids, io) is chosen once, when the cgroup is made.
// Plain C++: runs in hutch-monitor, which creates the cgroup before the
// container's init runs and removes it after init is gone.
//
// A container NAME gets BASE/NAME in every hierarchy, where BASE is "hutch"
// below the hierarchy's root unless the caller chooses another parent.
#pragma once

#include "rterror.h"

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace hutch::rt {

// One lxc.cgroup.FILE / lxc.cgroup2.FILE setting, e.g. {"memory.limit_in_bytes", "512M", false}.
struct CgroupSetting {
    std::string file;   // "memory.max", "cpu.shares", "devices.allow"
    std::string value;
    bool v2 = false;    // written as lxc.cgroup2.*
};

// What the machine has, read from /proc/self/mountinfo.
struct CgroupLayout {
    enum class Kind { V1, Hybrid, V2 };
    Kind kind = Kind::V2;
    std::string unifiedMount;                  // empty when there is no v2 mount
    // The v1 hierarchy named "systemd" (no controller) of hybrid and v1
    // hosts, or empty. A container gets a cgroup in it too, so that a
    // systemd inside finds its hierarchy at /sys/fs/cgroup/systemd.
    std::string systemdMount;
    std::vector<std::string> v2Controllers;     // from cgroup.controllers of the v2 root
    struct V1Hierarchy {
        std::string mount;                      // /sys/fs/cgroup/cpu,cpuacct
        std::vector<std::string> controllers;   // {"cpu", "cpuacct"}
    };
    std::vector<V1Hierarchy> v1;

    static Result<CgroupLayout> detect();
    // What detect() makes of a mountinfo text, without reading v2Controllers
    // from the v2 root: lets tests cover layouts this machine does not have.
    static Result<CgroupLayout> fromMountinfo(const std::string &mountinfo);
    // Whether a controller ("memory", "io") is on a v1 hierarchy, or in the
    // cgroup.controllers of the v2 root. Named v1 hierarchies (name=systemd)
    // are not listed at all.
    bool hasV1(const std::string &controller) const;
    bool hasV2(const std::string &controller) const;
};

struct CgroupStats {
    uint64_t cpuUsageNs = 0;      // cpuacct.usage or cpu.stat usage_usec * 1000
    uint64_t memoryBytes = 0;     // memory.usage_in_bytes or memory.current
    uint64_t memoryLimit = 0;     // 0 when unlimited
    uint64_t pids = 0;            // pids.current or the number of cgroup.procs
    uint64_t ioReadBytes = 0, ioWriteBytes = 0;
    uint64_t oomKills = 0;        // "oom_kill" of memory.oom_control (v1) or memory.events (v2)
};

class Cgroup {
public:
    // Creates BASE/NAME in every hierarchy (v1 cpuset gets its parent's cpus
    // and mems so that tasks may join). Fails if it exists already, unless
    // `adopt` (a monitor finding its own cgroup again).
    static Result<std::unique_ptr<Cgroup>> create(const CgroupLayout &layout, const std::string &name,
                                                  const std::string &base = "hutch", bool adopt = false);
    ~Cgroup();

    // Applies settings in order, translating between v1 and v2 names when
    // the controller lives in the other version (memory.limit_in_bytes ↔
    // memory.max, cpu.shares ↔ cpu.weight, cpu.cfs_quota_us ↔ cpu.max,
    // blkio.weight ↔ io.weight, memory.memsw.limit_in_bytes ↔ memory.swap.max).
    // The error names the setting and the file.
    Status apply(const std::vector<CgroupSetting> &settings);
    Status set(const CgroupSetting &setting);
    // Reads back one file (translated as set does).
    Result<std::string> get(const std::string &file, bool v2) const;

    // Moves a process into every hierarchy of the cgroup.
    Status addProcess(pid_t pid);
    // Moves the calling process, which must have one thread, into every
    // hierarchy but the v2 one when `v2Joined` (clone3 put it there): "0"
    // into v1's `tasks` moves one thread without the kernel's system-wide
    // threadgroup lock, whose writer waits for an RCU grace period
    // (milliseconds, more under load) — what writing a pid to
    // cgroup.procs costs, once per start.
    Status joinSelf(bool v2Joined);
    // Gives the cgroup to a container's root (a user namespace): the
    // directory and the files LXC delegates (cgroup.procs, tasks,
    // cgroup.subtree_control, cgroup.threads, cgroup.clone_children), so
    // that an init inside can make and fill its own sub-cgroups.
    Status delegateTo(uid_t uid, gid_t gid);
    // The v2 directory for clone3's CLONE_INTO_CGROUP, or -1 without v2.
    int v2Fd() const;
    // The pids in the cgroup and its sub-cgroups (the container may nest its
    // own), sorted, from the first hierarchy that has the cgroup (v2 first).
    Result<std::vector<pid_t>> processes() const;

    Status freeze();   // v1 freezer.state FROZEN, or v2 cgroup.freeze 1; waits until frozen
    Status thaw();
    bool isFrozen() const;

    Result<CgroupStats> stats() const;

    // SIGKILLs every process (cgroup.kill where present; a v1-frozen
    // cgroup is thawed so that its tasks can die) and waits until every
    // hierarchy is empty, up to 10 s. Safe to call twice.
    Status killAll();
    // Removes BASE/NAME (and any sub-cgroups) in every hierarchy; BASE stays
    // (other containers share it). The cgroup must be empty: killAll first.
    // Safe to call twice. The destructor does not destroy: the monitor decides.
    Status destroy();

    // The directories, for logs and tests.
    std::vector<std::string> paths() const;

    // Removes BASE in every hierarchy where it is empty (no container uses
    // it). For tidying up when the last user is known to be gone: a
    // concurrent create could lose its parent otherwise.
    static void removeBaseIfEmpty(const CgroupLayout &layout, const std::string &base = "hutch");

private:
    Cgroup() = default;
    Status setFrozen(bool frozen);
    struct Impl;
    std::unique_ptr<Impl> d;
};

}  // namespace hutch::rt
