// Seccomp filters through libseccomp, from profiles in LXC's format
// (lxc.seccomp.profile, read as LXC 5 reads them):
//
//   2                      version: 1 (syscall numbers, allowlist) or 2
//   denylist [ACTION]      or allowlist / blacklist / whitelist; ACTION is
//                          the default for calls without a rule
//   reject_force_umount    umount2(..., MNT_FORCE) fails with EACCES
//   [all]                  [x86] [x32] [x86_64] ...: the rules below apply
//                          to that ABI only; [all] (and no section) to every
//                          ABI the host runs, the 32-bit ones on x86_64 too
//   kexec_load errno 1     a syscall, an action (errno N, kill, trap, allow;
//   ioctl errno 1 [1,0x5412,SCMP_CMP_MASKED_EQ,0xffffffff]   notify needs a
//                          proxy and is refused), argument conditions
//
// The profile is parsed by the helper (errors name the line) and again by
// the container's init and attached processes, which load it right before
// exec (container.cpp, attach.cpp).
#pragma once

#include "rterror.h"
#include "spec.h"

#include <cstdint>
#include <string>
#include <vector>

namespace hutch::rt {

struct SeccompArg {
    unsigned index = 0;
    int op = 0;            // enum scmp_compare
    uint64_t value = 0;
    uint64_t mask = 0;     // SCMP_CMP_MASKED_EQ only
};

struct SeccompRule {
    int line = 0;
    std::string section;   // "all", "x86", "x32", "x86_64", ... (lower case)
    std::string syscall;   // a name (version 2) or a number (version 1)
    uint32_t action = 0;   // SCMP_ACT_*
    std::vector<SeccompArg> args;
};

struct SeccompProfile {
    int version = 2;
    bool denylist = true;
    uint32_t defaultAction = 0;  // for calls no rule matches
    bool rejectForceUmount = false;
    std::vector<SeccompRule> rules;
};

// Parses a profile; errors say "line N: ...".
Result<SeccompProfile> parseSeccompProfile(const std::string &text);

// Hutch's policy when a config names no profile: LXC's common.seccomp
// (module loading, kexec, open_by_handle_at, forced umount) plus the
// keyring, bpf, perf_event_open, userfaultfd and the TIOCSTI/TIOCLINUX
// ioctls. Calls fail with an errno, nothing is killed. In LXC's format.
const std::string &defaultSeccompProfile();

// Builds the filter and loads it into the calling process. Runs in the
// container's init (and in attached programs) right before exec. Syscalls
// the host's libseccomp does not know are skipped, as LXC skips them.
// allowNesting: also when this process is already under a filter
// (lxc.seccomp.allow_nesting); otherwise an existing filter is kept alone.
Status loadSeccompProfile(const std::string &text, bool allowNesting);
// The same in two steps, for a filter built in one process and loaded in
// another (the monitor builds it while the container's init sets up its
// filesystem): the BPF program (struct sock_filter each), then its load.
Result<std::string> compileSeccompProfile(const std::string &text);
Status loadSeccompFilter(const std::string &program, bool allowNesting);

// lxc.no_new_privs, then the container's profile (none when empty): the
// last step before exec of init and of every attached program.
// COMPILED: the profile's program from compileSeccompProfile, if built
// already (empty or null: built here).
Status applyNoNewPrivsAndSeccomp(const LaunchSpec &spec, const std::string *compiled = nullptr);

}  // namespace hutch::rt
