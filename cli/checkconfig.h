// hutchctl check-config: LXC's lxc-update-config plus a validator. Works
// offline on any file, as the user who runs it.
#pragma once

#include <QStringList>

namespace hutch::cli {

// Returns the exit status: 0 valid, 1 problems found, 2 bad usage.
int checkConfig(const QStringList &args);

}  // namespace hutch::cli
