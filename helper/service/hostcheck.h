// What this host offers Hutch, lxc-checkconfig's job: one verdict per
// feature, probed for real where a probe is cheap and leaves nothing behind
// (links made in a throwaway network namespace, /dev/mapper/control opened,
// `criu check` run). Runs as root in the helper, on a worker thread: the
// probes start programs and wait for them.
#pragma once

#include <QList>
#include <QString>
#include <QVariantMap>

namespace hutch::service {

struct HostFeature {
    enum class Verdict { Ok, Limited, Missing };
    QString feature;  // "namespaces", "cgroups", "overlayfs", ...
    Verdict verdict = Verdict::Missing;
    QString detail;   // what was found, or the probe's error
    QString cost;     // what Hutch cannot do without it
};

QString verdictName(HostFeature::Verdict verdict);  // "ok", "limited", "missing"

// Every feature, in a fixed order.
QList<HostFeature> checkHost();

// The D-Bus form: feature, verdict, detail, cost (all s).
QVariantMap toVariantMap(const HostFeature &feature);

}  // namespace hutch::service
