#include "processattrs.h"

#include "uniquefd.h"

#include <fcntl.h>
#include <sched.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <linux/prctl.h>

#include <string>

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

namespace hutch::rt {

namespace {

// "CLOCK SECONDS NANOSECONDS": the kernel takes nanoseconds 0..999999999
// only, so a negative offset is whole seconds further back plus a positive
// rest (-1.5 s is -2 s + 0.5 s).
std::string offsetLine(const char *clock, int64_t ns)
{
    constexpr int64_t kSecond = 1'000'000'000;
    int64_t sec = ns / kSecond, rest = ns % kSecond;
    if (rest < 0) {
        rest += kSecond;
        sec -= 1;
    }
    return std::string(clock) + " " + std::to_string(sec) + " " + std::to_string(rest) + "\n";
}

}  // namespace

Status prepareTimeNamespace(int64_t bootNs, int64_t monotonicNs)
{
    if (::unshare(CLONE_NEWTIME) < 0)
        return Error::sys(errno == EINVAL ? "lxc.time.offset: a time namespace (this kernel has no CONFIG_TIME_NS)"
                                          : "lxc.time.offset: unshare the time namespace");
    // One write per clock: the kernel applies a write whole or not at all.
    for (const std::string &line : {offsetLine("monotonic", monotonicNs), offsetLine("boottime", bootNs)}) {
        UniqueFd f(::open("/proc/self/timens_offsets", O_WRONLY | O_CLOEXEC));
        if (!f)
            return Error::sys("lxc.time.offset: open /proc/self/timens_offsets");
        if (::write(f.get(), line.data(), line.size()) != ssize_t(line.size()))
            return Error::sys("lxc.time.offset: write \"" + line.substr(0, line.size() - 1) + "\" to /proc/self/timens_offsets");
    }
    return std::nullopt;
}

Status createCoreSchedulingCookie()
{
    if (::prctl(PR_SCHED_CORE, PR_SCHED_CORE_CREATE, 0, PR_SCHED_CORE_SCOPE_THREAD_GROUP, 0) < 0)
        return Error::sys(errno == EINVAL ? "lxc.sched.core: core scheduling (this kernel has no CONFIG_SCHED_CORE)"
                                          : "lxc.sched.core: create a core scheduling cookie");
    return std::nullopt;
}

Status shareCoreSchedulingCookie(pid_t init)
{
    if (::prctl(PR_SCHED_CORE, PR_SCHED_CORE_SHARE_FROM, init, PR_SCHED_CORE_SCOPE_THREAD, 0) < 0)
        return Error::sys("lxc.sched.core: take init's core scheduling cookie");
    return std::nullopt;
}

Status applyPersonality(int persona)
{
    if (persona < 0)
        return std::nullopt;
    if (::personality(static_cast<unsigned long>(persona)) < 0)
        return Error::sys("lxc.arch: personality " + std::to_string(persona));
    return std::nullopt;
}

}  // namespace hutch::rt
