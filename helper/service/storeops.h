// Operations on the store that the helper's jobs run and the storage
// library (helper/storage/) does not: templates (their option schemas and
// creation) and renaming. Clone and destroy are storage::cloneContainer and
// storage::destroyContainer. Worker threads, root. The store only ever
// holds complete containers: new ones are built in dot-directories and
// renamed into place.
#pragma once

#include "busybox.h"
#include "error.h"
#include "store.h"

#include <QVariantMap>

#include <atomic>
#include <functional>

namespace hutch::service {

// A log line for the job, and how far it is (0..1; negative: unchanged).
using StepReport = std::function<void(const QString &line, double fraction)>;

// ListTemplates: name, description and option schema of each template.
QList<QVariantMap> templateSchemas();
// CreateContainer's template and options, checked: the template exists,
// every option is known, of its type and in range.
Result<templates::BusyboxOptions> checkTemplateOptions(const QString &templateName, const QVariantMap &options);

Status createContainer(const Store &store, const QString &name, const templates::BusyboxOptions &options,
                       const StepReport &report, const std::atomic_bool *cancel);
// Renames the stopped container NAME: every path of its config in its
// directory follows, and the hostname when it was NAME. Busy when NEWNAME
// exists or overlay clones use NAME's rootfs as their lower layer.
Status renameContainer(const Store &store, const QString &name, const QString &newName);

}  // namespace hutch::service
