// Ephemeral containers (lxc-copy -e, lxc-start-ephemeral): an overlay clone
// of a stopped container with lxc.ephemeral = 1, started at once, destroyed
// when it stops — by its monitor (runtime/ephemeral.h), or, if the monitor
// died first (killed, machine rebooted), by sweepEphemeral at the helper's
// next start. Helper process (root).
#pragma once

#include "clone.h"

namespace hutch::storage {

struct EphemeralStart {
    QString name;
    qint64 pid = 0;  // init's host pid
};

// Clones SOURCE as an ephemeral overlay container named NAME (empty:
// SOURCE-XXXXXXXX, as lxc-copy names them) and starts it. If the start
// fails the clone is destroyed.
Result<EphemeralStart> startEphemeral(Runtime &runtime, const QString &source, const QString &name = {},
                                      const Progress &progress = {});

// Destroys every container with lxc.ephemeral = 1 that is not running;
// one line per container.
QStringList sweepEphemeral(Runtime &runtime);

}  // namespace hutch::storage
