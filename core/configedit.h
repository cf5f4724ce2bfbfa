// The rules of changing a container's config: which polkit actions a key
// needs, the checks of keys and values, and the edit itself — lossless
// (ConfigDocument) and atomic (write temp, fsync, rename). The helper runs
// the edits, as root, on a worker thread; every check comes before the write.
#pragma once

#include "error.h"
#include "store.h"

#include <QList>
#include <QStringList>

namespace hutch {

// Keys that run host code or widen what the container may do: hooks and
// network scripts, includes, mounts, id maps, capabilities, LSM and seccomp
// profiles, log and console files on the host, the rootfs, shared
// namespaces, sysctls, device access and cgroup placement.
bool isPrivilegedKey(const QString &modernKey);
// The polkit actions changing `modernKey` needs, in the order to ask them:
// configure; network for lxc.net.*; manage for lxc.ephemeral (the monitor
// destroys the container at its stop); configure-privileged for the above.
QStringList actionsForKey(const QString &modernKey);

// A key as a caller wrote it, checked: no control characters, known to
// LXC (else InvalidArgument with a suggestion), legacy names translated.
// Returns the modern key.
Result<QString> checkKey(const QString &key);
// A value for a modern key: no newline or control character, valid for the
// key's type.
Status checkValue(const QString &modernKey, const QString &value);

enum class EditMode { Set, Append, Remove };
Result<EditMode> parseEditMode(const QString &mode);

// One change of STORE/NAME/config; the file must still load without error
// afterwards, else nothing is written.
struct ConfigEdit {
    QString key;  // modern
    QString value;
    EditMode mode = EditMode::Set;
};
Status editConfig(const Store &store, const QString &name, const QList<ConfigEdit> &edits);

// A whole new text for STORE/NAME/config (SetConfig), checked before the
// write: at most 4 MiB, no control character but tab and line ends, and it
// must load without error (the errors, one "config:LINE: message" per line,
// are the InvalidArgument). `expected`: the file's bytes when the caller
// was authorized for the change; if the file differs now, nothing is
// written (Busy).
Status replaceConfig(const Store &store, const QString &name, const QByteArray &text, const QByteArray &expected);
// The current bytes of STORE/NAME/config.
Result<QByteArray> readConfig(const Store &store, const QString &name);
// The modern keys whose lines differ between two config texts (added,
// removed or changed values), for authorizing a whole-file change.
QStringList changedKeys(const QByteArray &before, const QByteArray &after);

// A cgroup limit as SetLimits/GetLimits take it: a config key
// ("lxc.cgroup2.memory.max") or a bare controller file ("memory.max",
// stored as lxc.cgroup2.* when it exists only in cgroup v2).
struct LimitKey {
    QString configKey;  // lxc.cgroup.FILE or lxc.cgroup2.FILE
    QString file;       // memory.max
    bool v2 = false;
};
Result<LimitKey> parseLimitKey(const QString &key);

}  // namespace hutch
