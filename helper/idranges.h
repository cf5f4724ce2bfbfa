// Host id ranges for unprivileged containers. Each container gets its own
// range of 65536 uids and gids (Incus's "isolated" idmaps): the root of one
// container is nobody to the files of another.
//
// Where ranges come from: root's first range in /etc/subuid and /etc/subgid
// (as LXC takes them for root-owned unprivileged containers), else Hutch's
// own pool of host ids 1000000000 to 1268435455 (4096 ranges), which the
// helper records once, atomically, in STORE/.idranges and names in its log.
// An allocation is recorded in the same file under an flock of the store
// directory, so two creations never get the same range.
#pragma once

#include "error.h"
#include "store.h"

#include <QString>

#include <cstdint>
#include <optional>
#include <utility>

namespace hutch::idranges {

struct Pool {
    uint32_t uidStart = 0, uidCount = 0, gidStart = 0, gidCount = 0;
    QString source;  // "/etc/subuid and /etc/subgid", or "Hutch's own pool"
};

inline constexpr uint32_t kOwnPoolStart = 1000000000;
inline constexpr uint32_t kOwnPoolRanges = 4096;

// root's ranges in SUBUID and SUBGID (files in /etc/subuid's format), or
// Hutch's own pool when either has none of at least 65536 ids.
Pool pool(const QString &subuid = QStringLiteral("/etc/subuid"), const QString &subgid = QStringLiteral("/etc/subgid"));

struct Allocation {
    uint32_t uidBase = 0, gidBase = 0;
    bool newPool = false;  // Hutch's own pool was recorded by this call
};

// A range no container of the store uses (by record or by the lxc.idmap of
// its config) and none recorded in the last day for a container still
// being made, recorded for NAME.
Result<Allocation> allocate(const Store &store, const QString &name, const Pool &pool);

// Gives NAME (a config without lxc.idmap) a range: lxc.idmap u and g lines
// and lxc.rootfs.options = idmap=container appended to its config (the
// store's, or CONFIGPATH: a staged one), atomically. A message for the
// helper's log in *note when the pool was recorded.
// SHAREDUSER: a host user (uid, gid) whose ids stay the same inside
// (idmap::configValuesSharing), for a bound user's home.
Status makeUnprivileged(const Store &store, const QString &name, QString *note = nullptr,
                        const QString &configPath = {},
                        std::optional<std::pair<uint32_t, uint32_t>> sharedUser = std::nullopt);

// CONFIG without its lxc.idmap lines and without idmap=container in
// lxc.rootfs.options, when it has both (an unprivileged container whose
// rootfs keeps plain ownership on disk); *idmapped says whether it had.
// An import or a clone takes no range from its source: it gets one of its
// own (makeUnprivileged), so that no caller chooses host ids — a map onto
// host uid 0 is root — and no two containers share a range.
QByteArray withoutIdmap(const QByteArray &config, bool *idmapped);

}  // namespace hutch::idranges
