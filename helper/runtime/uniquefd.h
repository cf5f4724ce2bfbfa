// The runtime uses core's fd owner (plain C++, no Qt) under its own namespace.
#pragma once

#include "../../core/uniquefd.h"

namespace hutch::rt {
using hutch::UniqueFd;
}  // namespace hutch::rt
