#include "capabilities.h"

#include <sys/capability.h>
#include <sys/prctl.h>

#include <algorithm>
#include <string>

namespace hutch::rt {

Status applyCapabilities(const std::vector<int> &drop, const std::vector<int> &keep, bool keepSet)
{
    const int last = int(cap_max_bits()) - 1;
    cap_t inheritable = cap_get_proc();
    if (!inheritable)
        return Error::sys("read the capability sets");
    for (int cap = 0; cap <= last; ++cap) {
        const bool dropIt = keepSet ? std::find(keep.begin(), keep.end(), cap) == keep.end()
                                    : std::find(drop.begin(), drop.end(), cap) != drop.end();
        if (!dropIt)
            continue;
        const cap_value_t value = cap_value_t(cap);
        cap_set_flag(inheritable, CAP_INHERITABLE, 1, &value, CAP_CLEAR);
        if (cap_drop_bound(cap_value_t(cap)) < 0) {
            char *name = cap_to_name(cap_value_t(cap));
            Error e = Error::sys(std::string("drop capability ") + (name ? name : std::to_string(cap).c_str()));
            cap_free(name);
            cap_free(inheritable);
            return e;
        }
    }
    // Gone from the inheritable set as well, so that no file capability
    // can bring one back through it.
    const int set = cap_set_proc(inheritable);
    cap_free(inheritable);
    if (set < 0)
        return Error::sys("clear dropped capabilities from the inheritable set");
    // Nothing inherited or ambient survives either.
    if (::prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0 && errno != EINVAL)
        return Error::sys("clear ambient capabilities");
    return std::nullopt;
}

}  // namespace hutch::rt
