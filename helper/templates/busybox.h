// The busybox template: a container made from the host's static busybox
// (Debian's busybox-static), as LXC's lxc-busybox makes it. Built in a
// staging directory of the store and renamed into place at the end, so a
// half-created container never appears.
#pragma once

#include "error.h"
#include "store.h"

#include <QString>

#include <atomic>
#include <functional>

namespace hutch::templates {

struct BusyboxOptions {
    QString busybox = QStringLiteral("/bin/busybox");  // must be a static binary
    int ttys = 4;            // lxc.tty.max: /dev/tty1..N, each with a shell or getty
    bool login = false;      // getty + login on the ttys and console instead of a shell
    QString hostname;        // lxc.uts.name; the container name when empty
};

using Progress = std::function<void(const QString &line)>;

// Creates STORE/NAME. Fails with InvalidArgument for a bad name or option,
// Conflict when NAME exists, Cancelled when *cancel became true; in every
// failure nothing is left in the store.
Status createBusybox(const Store &store, const QString &name, const BusyboxOptions &options,
                     const Progress &progress = {}, const std::atomic_bool *cancel = nullptr);

}  // namespace hutch::templates
