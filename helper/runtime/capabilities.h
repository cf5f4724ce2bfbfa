// lxc.cap.drop / lxc.cap.keep applied to the bounding and inheritable sets
// (the ambient set is cleared), in the child right before exec: a
// capability gone from the bounding set can never be regained by anything
// the container runs.
#pragma once

#include "rterror.h"

#include <vector>

namespace hutch::rt {

Status applyCapabilities(const std::vector<int> &drop, const std::vector<int> &keep, bool keepSet);

}  // namespace hutch::rt
