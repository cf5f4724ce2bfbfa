// What hutch-monitor needs to run one container, computed by the helper
// from the container's config (the helper has the Qt config library; the
// monitor has no Qt) and handed to the monitor through a pipe as text.
#pragma once

#include "cgroups.h"
#include "network.h"
#include "rterror.h"

#include <csignal>
#include <cstdint>
#include <string>
#include <vector>

namespace hutch::rt {

struct Prlimit {
    int resource = 0;          // RLIMIT_*
    uint64_t soft = 0, hard = 0;  // RLIM_INFINITY for unlimited
};

// One line of /proc/PID/uid_map or gid_map (from lxc.idmap).
struct IdRange {
    uint32_t inside = 0, outside = 0, count = 0;
};

struct LaunchSpec {
    std::string name;
    std::string containerDir;        // STORE/NAME
    std::string rootfs;              // host path of the rootfs directory (a mount point when rootfsType is set)
    // A filesystem mounted on `rootfs` inside the container's own mount
    // namespace (overlay: "overlay", "overlay", "lowerdir=...,upperdir=...,workdir=...";
    // a logical volume: device, fs type, options); an empty type binds rootfs as it is.
    std::string rootfsSource, rootfsType, rootfsData;
    // lxc.idmap: a user namespace with these maps; both empty: none (a
    // privileged container, root inside is root on the host).
    std::vector<IdRange> uidMap, gidMap;
    // lxc.rootfs.options idmap=container: the monitor mounts the rootfs
    // idmapped (files keep their plain ownership on disk); without it the
    // rootfs of a container with an idmap is taken as shifted on disk.
    bool idmapRootfs = false;
    bool userns() const { return !uidMap.empty(); }
    // The host id of a container id (the id itself without a user namespace;
    // the overflow id 65534 when unmapped).
    uint32_t hostUid(uint32_t inside) const;
    uint32_t hostGid(uint32_t inside) const;
    std::string hostname;
    std::vector<std::string> init;   // argv of init
    std::vector<std::string> env;    // NAME=value
    std::vector<std::string> mounts; // fstab lines: lxc.mount.entry, then lxc.mount.fstab's
    std::vector<std::string> mountAuto;  // proc:mixed sys:ro cgroup:mixed ...
    bool autodev = true;
    int ttys = 0;                    // lxc.tty.max
    int ptyMax = 0;                  // lxc.pty.max; 0: the kernel's limit
    std::string ttyDir;              // lxc.tty.dir
    std::vector<int> capDrop;
    std::vector<int> capKeep;
    bool capKeepSet = false;         // lxc.cap.keep given (possibly "none")
    std::string seccompProfile;      // the profile's text (seccomp.h); empty: no filter
    bool seccompAllowNesting = false;  // lxc.seccomp.allow_nesting
    bool noNewPrivs = false;         // lxc.no_new_privs
    std::vector<std::pair<std::string, std::string>> sysctls;  // "net.ipv4.ip_forward", "1"
    std::vector<Prlimit> prlimits;
    std::vector<CgroupSetting> cgroup;
    std::string cgroupBase = "hutch";
    int haltSignal = SIGPWR;
    int rebootSignal = SIGINT;
    int stopSignal = SIGKILL;
    std::string logFile;             // empty: no log file
    int logLevel = 3;                // 0 trace .. 8 fatal, as lxc.log.level (3 = NOTICE)
    uint64_t consoleBufferSize = 128 * 1024;
    std::string consoleLogFile;
    uint64_t consoleLogSize = 0;     // lxc.console.size: rotate or truncate past it; 0 = no limit
    bool consoleRotate = false;      // lxc.console.rotate
    std::string socketPath;          // the monitor's command socket
    bool execute = false;
    std::vector<NetDevice> net;      // lxc.net.N, in index order
    bool shareHostNet = false;       // lxc.net.N.type = none: no network namespace of its own            // init is a command run under a minimal init (lxc-execute)

    bool ephemeral = false;          // lxc.ephemeral: the monitor removes containerDir at the stop (ephemeral.h)
    // Not in the text: a sealed copy of hutch-monitor the monitor was handed
    // (--init-fd) for an executed command's init; -1: the child copies itself.
    int initFd = -1;
    int personality = -1;            // lxc.arch: PER_LINUX32 for a 32-bit sibling of the host's; -1 leaves it
    bool schedCore = false;          // lxc.sched.core: one core-scheduling cookie for the whole container
    bool timeNamespace = false;      // lxc.time.offset.*: a time namespace with these offsets (nanoseconds)
    int64_t bootOffsetNs = 0, monotonicOffsetNs = 0;

    std::string serialize() const;
    static Result<LaunchSpec> parse(const std::string &text);
};

}  // namespace hutch::rt
