// Internal to the cgroup manager: a container's cgroup in one hierarchy, the
// small interface each cgroup version implements (as crun's
// libcrun_cgroup_manager), and Cgroup's state. Runs in hutch-monitor.
//
// Files: cgroups.cpp (layout, create, join, destroy, the hybrid choice),
// cgroups_settings.cpp (settings, translated between the versions),
// cgroups_v1.cpp and cgroups_v2.cpp (the two backends),
// cgroups_freeze.cpp, cgroups_stats.cpp, cgroups_kill.cpp.
#pragma once

#include "cgroups.h"
#include "uniquefd.h"

#include <set>
#include <string>
#include <vector>

namespace hutch::rt {

// BASE/NAME in one hierarchy.
struct CgroupHier {
    bool v2 = false;
    std::vector<std::string> controllers;  // v1
    std::string basePath, path;            // MOUNT/BASE, MOUNT/BASE/NAME
    UniqueFd base, dir;                    // closed once destroyed
};

// What differs between cgroup v1 and v2 beyond file names: freezing, where
// usage is read, what a kill must undo first. Each call is on one hierarchy
// of the container's cgroup, chosen once (Cgroup::Impl::choose). Settings
// need no backend: a file is written as is in its own version, and
// cgroups_settings.cpp translates a name of one version into the other's.
class CgroupBackend {
public:
    virtual ~CgroupBackend() = default;

    // Freezes or thaws every task and waits until done, 5 s at most (a
    // freeze not done by then is undone).
    virtual Status setFrozen(const CgroupHier &h, bool frozen) const = 0;
    virtual bool isFrozen(const CgroupHier &h) const = 0;
    // Before SIGKILL reaches everyone: tasks frozen by v1 die only once
    // thawed; a v2 freeze flag would freeze whatever joins next.
    virtual void unfreezeForKill(const CgroupHier &h) const = 0;
    // Kills the whole subtree at once where the version can (v2's
    // cgroup.kill, 5.14+). The caller signals each pid after it all the
    // same, for v1-only members and older kernels.
    virtual void killSubtree(const CgroupHier &h) const = 0;

    // Usage, each from the hierarchy that serves its controller. A missing
    // or unreadable file counts as 0: stats are for display.
    virtual uint64_t cpuUsageNs(const CgroupHier &h) const = 0;
    virtual void memory(const CgroupHier &h, CgroupStats &s) const = 0;
    virtual void io(const CgroupHier &h, CgroupStats &s) const = 0;
};

const CgroupBackend &cgroupV1();
const CgroupBackend &cgroupV2();

// A concern (freezer, a controller's usage) served by one hierarchy through
// its version's backend; empty when the machine has neither.
struct CgroupServer {
    const CgroupBackend *backend = nullptr;
    const CgroupHier *hier = nullptr;
    explicit operator bool() const { return hier && hier->dir; }
};

// Small readers shared by the backends (cgroupfs.h reads and writes).
namespace cgroupread {
std::string text(const CgroupHier &h, const char *file);                     // "" when unreadable
uint64_t number(const CgroupHier &h, const char *file);                      // 0 when not a number
uint64_t keyed(const CgroupHier &h, const char *file, const std::string &key);  // "key N" or "key=N", summed
}

struct Cgroup::Impl {
    struct Write {
        std::string file;
        bool v2;
        std::string value;
    };
    using Plan = std::vector<Write>;

    CgroupLayout layout;
    std::string name;
    std::vector<CgroupHier> hiers;  // the v2 one first (it tracks every process), then v1; fixed once made

    // The hybrid choice, made once by choose() after the hierarchies exist:
    // a concern goes to v1 where its controller is on a v1 hierarchy, else to v2.
    CgroupServer freezer, cpu, memory, pids, io;
    void choose();

    const CgroupHier *v2Hier() const { return !hiers.empty() && hiers[0].v2 ? &hiers[0] : nullptr; }
    const CgroupHier *v1For(const std::string &ctrl) const;
    bool availableIn(const std::string &ctrl, bool v2) const;
    // Where FILE, named for version v2, is written as is; null when its
    // controller is not in that version here.
    const CgroupHier *native(const std::string &file, bool v2) const;
    Status alive() const;
    // Refuses a controller in neither version.
    Status known(const std::string &file, bool v2) const;

    Result<std::string> readRaw(const std::string &file, bool v2) const;
    Status writeRaw(const Write &w) const;
    Result<Plan> planSet(const std::string &file, bool v2, const std::string &value) const;
    Result<Plan> planV2OnV1(const std::string &file, const std::string &value) const;
    Result<Plan> planV1OnV2(const std::string &file, const std::string &value) const;
    Result<std::string> get(const std::string &file, bool v2) const;
    Status make(CgroupHier &h, const std::string &mount, const std::vector<std::string> &segs, bool adopt,
                std::vector<std::pair<UniqueFd, std::string>> &made);
    Status collectAll(std::set<pid_t> &pids) const;
};

}  // namespace hutch::rt
