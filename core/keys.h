// The table of LXC configuration keys: their value types, whether they hold
// one value or a list, and the legacy (pre-2.1) names with their modern
// equivalents. The one place that knows what a key means.
#pragma once

#include "error.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace hutch::keys {

enum class ValueType {
    String,          // any text without control characters
    NonEmpty,        // a string that may not be empty
    Path,            // absolute or relative path
    Integer,         // signed decimal
    UnsignedInteger, // >= 0
    Size,            // bytes with optional unit
    Bool,            // 0/1
    Signal,          // name or number
    Capabilities,    // space-separated capability names
    CapabilitiesKeep,// the same, or "none"
    NetType,         // veth, macvlan, ipvlan, vlan, phys, empty, none
    NetFlags,        // "up"
    InterfaceName,
    Mac,             // with xx wildcards
    Mtu,             // 68..65535
    VlanId,          // 0..4094
    MacvlanMode,     // private, vepa, bridge, passthru
    IpvlanMode,      // l2, l3, l3s
    IpvlanIsolation, // bridge, private, vepa
    VethMode,        // bridge, router
    IPv4Address,
    IPv4Gateway,
    IPv6Address,
    IPv6Gateway,
    MountEntry,      // fstab line
    MountAuto,       // proc:mixed sys:ro cgroup:mixed ...
    IdMap,
    Hostname,
    Arch,
    LogLevel,        // TRACE..FATAL or 0..8
    Namespaces,      // space-separated namespace names
    Environment,     // NAME=value or NAME
    Hook,            // a command line
    TtyDir,          // one path component under /dev
    CgroupValue,     // checked per controller file, see validateCgroupValue
    Prlimit,
    ConsolePath,     // a path or "none"
    RootfsPath,      // a path, optionally with a backend prefix
    HookVersion,     // 0 or 1
    ClearOnly,       // "lxc.net =": only an empty value, which clears a group
    TimeOffset,      // lxc.time.offset.*: "-2h", "90min", "1500ms" (values::parseTimeOffset)
};

enum class Multiplicity { Single, List };

struct KeyInfo {
    QString pattern;        // "lxc.net.N.type", "lxc.cgroup.*"
    ValueType type = ValueType::String;
    Multiplicity multiplicity = Multiplicity::Single;
};

// Whether Hutch's runtime can apply `key` with `value` (a modern name):
// nullopt when it does, or what it cannot do. A config with such a key does
// not start (never a container that quietly lacks what its config asked
// for); hutchctl check-config warns about it.
std::optional<QString> runtimeRefusal(const QString &key, const QString &value);

// Looks up a modern key ("lxc.net.0.type", "lxc.cgroup.memory.max").
std::optional<KeyInfo> lookup(const QString &key);

// Whether an empty value of this key clears a list or a group of keys
// ("lxc.net =", "lxc.cap.drop =", "lxc.cgroup =", "lxc.net.0.ipv4.address =").
bool isClearingKey(const QString &key);
// Whether `key` is removed by a clear of `clearKey` (`lxc.net` clears
// `lxc.net.0.type`, `lxc.cap.drop` clears `lxc.cap.drop`).
bool clearedBy(const QString &key, const QString &clearKey);

// A legacy key and how to read it.
struct LegacyTranslation {
    enum class Kind {
        Rename,          // a plain rename: modern holds the new name
        NetworkNew,      // lxc.network.type: begins a new network
        NetworkMember,   // lxc.network.X: modern is the suffix after lxc.net.N.
        NetworkIndexed,  // lxc.network.N.X: modern is lxc.net.N.X already
        NetworkClear,    // lxc.network =
        Removed,         // ignored by modern LXC (lxc.pivotdir)
    };
    Kind kind = Kind::Rename;
    QString modern;
};
std::optional<LegacyTranslation> translateLegacy(const QString &key);

// Translates keys in file order. Legacy network keys depend on what came
// before them: each lxc.network.type begins a new network (the next free
// index), the lxc.network.X keys after it belong to it, and "lxc.network ="
// clears them all and starts again at 0.
class KeyTranslator {
public:
    struct Outcome {
        QString modern;       // the modern key; empty when removed or on error
        bool legacy = false;  // the key was a legacy name
        bool removed = false; // a legacy key modern LXC ignores
        QString error;        // why the key cannot be read
    };
    Outcome translate(const QString &key);

private:
    int m_next = 0;      // next free network index
    int m_current = -1;  // the network legacy members apply to
};

// Checks a value against the key's type; the Error names what is wrong.
Status validateValue(const QString &key, const KeyInfo &info, const QString &value);

// Values of lxc.cgroup.CONTROLLER.FILE and lxc.cgroup2.CONTROLLER.FILE: the
// files Hutch knows are checked by type (sizes, weights, cpu lists), others
// only for control characters.
Status validateCgroupValue(const QString &file, bool v2, const QString &value);

// The closest known key to a misspelt one (legacy names included), if any is
// close enough to be a useful suggestion.
std::optional<QString> suggest(const QString &unknownKey);

// Every legacy key name, for documentation and tests.
QStringList legacyKeyNames();

}  // namespace hutch::keys
