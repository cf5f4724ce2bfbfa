// Start/stop cycles of one container through the real helper on a
// BusFixture's private bus, with what the helper holds read every so many
// cycles: its open descriptors, its resident memory and the cgroups below
// hutch/ of every hierarchy. test_service_cycles asserts that none of them
// grows; bench_cycles prints them for any number of cycles.
// No Qt Test here: the benchmark uses it too.
#pragma once

#include "busfixture.h"

#include <QList>
#include <QString>

#include <functional>

namespace hutch::test {

struct CycleSample {
    int cycle = 0;
    int fds = 0;       // entries of /proc/HELPER/fd, once settled (servicecycles.cpp)
    qint64 rssKiB = 0;  // VmRSS of the helper
    int cgroups = 0;   // directories below hutch/ of every hierarchy
};

// The helper's (or any process's) open descriptors and resident memory.
int openFds(qint64 pid);
qint64 rssKiB(qint64 pid);
// Directories below hutch/ of every cgroup hierarchy (containers and
// anything they nest), counted.
int hutchCgroups();

// Runs `cycles` Start/Stop pairs of container `name` (created, stopped)
// through `fx`'s bus; after every `every` cycles it samples the helper and
// appends the sample to *samples and calls `onSample` (may be empty).
// False with *why naming the cycle and the helper's error when a call fails.
bool runStartStopCycles(const BusFixture &fx, const QString &name, int cycles, int every, QList<CycleSample> *samples,
                        QString *why, const std::function<void(const CycleSample &)> &onSample = {});

}  // namespace hutch::test
