// Which containers start at boot and in what order, as lxc-autostart
// decides it: those with lxc.start.auto = 1; the ones in the "onboot"
// group (lxc.group) first, then the rest; within each, a lower
// lxc.start.order first (LXC 2.0's meaning), then by name; each followed by
// its lxc.start.delay in seconds before the next one starts.
#pragma once

#include "store.h"

#include <QList>
#include <QString>

namespace hutch::service {

struct AutostartEntry {
    QString name;
    int order = 0;
    int delaySeconds = 0;
    bool onboot = false;
};

// Broken containers and configs that do not load are left out.
QList<AutostartEntry> autostartPlan(const Store &store);

}  // namespace hutch::service
