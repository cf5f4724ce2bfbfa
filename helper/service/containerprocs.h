// The processes of a running container (lxc-ps), read from /proc by the
// helper (root): every process in the pid namespace of the container's
// init, with its pid there and on the host. Runs on worker threads; only
// reads.
#pragma once

#include "error.h"
#include "settings.h"

#include <QList>
#include <QVariantMap>

namespace hutch::service {

// One ListProcesses entry each (io.github.hutch.Helper1.xml), sorted by the
// pid inside. NotFound when NAME does not run.
Result<QList<QVariantMap>> containerProcesses(const HelperSettings &settings, const QString &name);

}  // namespace hutch::service
