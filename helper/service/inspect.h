// What a container is and does, read from its config, its monitor and
// /proc: the entries of ListContainers, GetStats. Runs on worker threads;
// every function here only reads.
#pragma once

#include "error.h"
#include "settings.h"

#include <QStringList>
#include <QVariantMap>

namespace hutch::service {

struct MonitorState {
    QString state = QStringLiteral("STOPPED");
    qint64 pid = 0;
    bool running() const { return state != QLatin1String("STOPPED"); }
};
// Asks NAME's monitor; STOPPED when none answers.
MonitorState monitorState(const HelperSettings &settings, const QString &name);

// The container directories of the store (dot-directories are staging
// areas, never containers), sorted. Fails only if the store cannot be read.
Result<QStringList> containerNames(const QString &storePath);
// Whether STORE/NAME is a container directory.
bool containerExists(const HelperSettings &settings, const QString &name);

// One ListContainers entry (see io.github.hutch.Helper1.xml).
QVariantMap describeContainer(const HelperSettings &settings, const QString &name);

// Addresses in the network namespace of `pid` (from /proc/PID/net):
// loopback and link-local left out.
QStringList ipv4Addresses(qint64 pid);
QStringList ipv6Addresses(qint64 pid);

// GetStats of a running container.
Result<QVariantMap> containerStats(const HelperSettings &settings, const QString &name);

}  // namespace hutch::service
