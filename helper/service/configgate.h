// The one gate for config text reaching the store. SetConfigItem,
// SetConfig, CreateContainer (an image's metadata), ImportContainer,
// CloneContainer and RestoreSnapshot all ask it, before anything is
// written: which polkit actions the change from the text before to the
// text after needs, and whether every size the host pays for is within its
// cap (core/hostlimits.h). Runs in the helper, on the bus thread or a job's.
#pragma once

#include "backend.h"
#include "error.h"

#include <QByteArray>
#include <QStringList>

namespace hutch::service {

// The actions one entry needs: those of its key (actionsForKey) and those
// of its value — a network of type "none" (the host's namespace) or "phys"
// (a host interface) needs configure-privileged.
QStringList actionsForEntry(const QString &modernKey, const QString &value);

// The actions a change from `before` to `after` needs. Decided on the
// ordered entries of each text, never sorted values: for each action, the
// sequence of (key, value) of the lines that need it, legacy names
// translated, in file order; if the two sequences differ, the action is
// needed. So moving a clearing line ("lxc.cap.drop =") or an include
// counts. Includes are not read: lxc.include is itself privileged.
// Keys in `ignore` are left out (lxc.rootfs.path, which the storage code
// writes itself).
QStringList actionsForChange(const QByteArray &before, const QByteArray &after, const QStringList &ignore = {});

// Every entry of `text` within the host's caps; the error names the line.
Status checkHostCosts(const QByteArray &text);

// What a container new to the store may hold without the
// configure-privileged action: the config the helper's own templates
// start from (templates/image_p.h: mounts and dropped capabilities), so
// that importing an export of a container made with the manage action
// needs manage alone.
QByteArray newContainerBaseline();

class Authorizer;

// The gate the storage code asks (storage::ConfigGate) for a job of
// `caller` on `container`, whose call already passed the manage action:
// the host's caps on `after`; then, if the entries needing
// configure-privileged differ between `before` (empty: a container new to
// the store, compared with newContainerBaseline()) and `after` —
// lxc.rootfs.path aside, which the storage code writes itself — polkit is
// asked for configure-privileged, from the job's thread, naming the
// container. A refusal is NotAuthorized and nothing is written.
storage::ConfigGate makeConfigGate(Authorizer *auth, const QString &caller, const QString &container);

}  // namespace hutch::service
