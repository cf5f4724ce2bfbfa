// What a monitor killed outright (SIGKILL, the OOM killer) leaves on the
// host, and its removal by the helper. The container's init dies with its
// monitor (PR_SET_PDEATHSIG, runtime/container.cpp), and with init its
// namespaces: the mounts, the container's veth ends and with them the host
// ends. What stays is on the host's side: the cgroup directories (and any
// process a v1 hierarchy still holds) and the command socket nobody
// listens on. Helper process (root), on a worker thread under the
// container's key, so that no start of the same name runs meanwhile.
#pragma once

#include "settings.h"

#include <QStringList>

namespace hutch {

// True when NAME's command socket is still there after its monitor's
// connection ended: a monitor that stops removes its socket before it
// closes its connections, a killed one cannot (tearDownAfterDeadMonitor
// then makes sure nobody listens).
bool monitorLeftSocket(const HelperSettings &settings, const QString &name);

// Kills what is left in NAME's cgroup, removes the cgroup in every
// hierarchy and the dead socket; nothing when a monitor still answers on
// the socket after a second. One line per thing removed or failed.
QStringList tearDownAfterDeadMonitor(const HelperSettings &settings, const QString &name);

// The same for every dead socket in the runtime directory: at the helper's
// start, for monitors that died while no helper ran.
QStringList tearDownDeadMonitors(const HelperSettings &settings);

}  // namespace hutch
