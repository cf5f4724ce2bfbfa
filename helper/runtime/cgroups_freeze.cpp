// Freezing a container's cgroup (lxc-freeze), through the backend chosen for
// the freezer: the v1 freezer hierarchy where there is one, else v2. Runs in
// hutch-monitor.
#include "cgroups.h"

#include "cgroups_p.h"

namespace hutch::rt {

Status Cgroup::freeze()
{
    return setFrozen(true);
}

Status Cgroup::thaw()
{
    return setFrozen(false);
}

Status Cgroup::setFrozen(bool frozen)
{
    const std::string ctx = (frozen ? "freeze cgroup \"" : "thaw cgroup \"") + d->name + "\"";
    if (auto err = d->alive())
        return err->wrap(ctx);
    if (!d->freezer)
        return Error::msg("neither the v1 freezer nor cgroup v2 is mounted").wrap(ctx);
    if (auto err = d->freezer.backend->setFrozen(*d->freezer.hier, frozen))
        return err->wrap(ctx);
    return std::nullopt;
}

bool Cgroup::isFrozen() const
{
    if (d->alive() || !d->freezer)
        return false;
    return d->freezer.backend->isFrozen(*d->freezer.hier);
}

}  // namespace hutch::rt
