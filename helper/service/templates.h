// The templates as the bus sees them (ListTemplates, CreateContainer): the
// schemas of helper/templates (busybox, local, download, debian, ubuntu),
// and a caller's options checked against them before anything is made.
// Files are never named by path across the trust boundary: a "path" option
// arrives as a file descriptor the caller opened, so the helper (root)
// reads only what the caller could.
#pragma once

#include "backend.h"
#include "error.h"
#include "settings.h"
#include "store.h"

#include <QVariantMap>

#include <atomic>
#include <functional>

namespace hutch::service {

// A log line for the job, and how far it is (0..1; negative: unchanged).
using StepReport = std::function<void(const QString &line, double fraction)>;

// ListTemplates: name, description, options (name, type, default,
// description, choices).
QList<QVariantMap> templateSchemas();

// A create, checked and ready to run on a job thread.
struct TemplateCreate {
    QString templateName;
    // `gate`: for an image's own config lines (its metadata), asked
    // before the config is written (configgate.h).
    std::function<Status(const Store &store, const QString &name, const StepReport &report,
                         const std::atomic_bool *cancel, const storage::ConfigGate &gate)> run;
};

// Checks TEMPLATE and OPTIONS (every option known, of its type, in its
// choices; URLs http or https; files as descriptors) and CreateContainer's
// own options ("backing_store"). InvalidArgument says which and why.
Result<TemplateCreate> checkCreate(const HelperSettings &settings, const QString &templateName,
                                   const QVariantMap &templateOptions, const QVariantMap &options);

}  // namespace hutch::service
