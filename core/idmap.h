// A container's user namespace map (lxc.idmap), read in one place for
// everyone who needs it: the runtime (uid_map/gid_map, the idmapped rootfs),
// the creation path (which host ids a new container gets) and file transfer
// (which host ids a file in the rootfs must have).
#pragma once

#include "error.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace hutch {
class Config;
}

namespace hutch::idmap {

// Ids per container, as LXC and Incus give one: uid and gid 0..65535.
inline constexpr uint32_t kRangeSize = 65536;

struct Range {
    uint32_t inside = 0, outside = 0, count = 0;  // container id, host id, how many
};

struct Map {
    std::vector<Range> uids, gids;

    // No lxc.idmap: a privileged container (root inside is root outside).
    bool privileged() const { return uids.empty() && gids.empty(); }
    // The host id of a container id; nullopt when it is not mapped.
    std::optional<uint32_t> hostUid(uint32_t inside) const;
    std::optional<uint32_t> hostGid(uint32_t inside) const;
    // The container id of a host id; nullopt when it is not mapped.
    std::optional<uint32_t> containerUid(uint32_t host) const;
    std::optional<uint32_t> containerGid(uint32_t host) const;
};

// Every lxc.idmap of a config ("u 0 100000 65536", "g ...", "b ..." for
// both). A map must give the container a root (uid 0 and gid 0), ranges of
// one kind must not overlap inside or outside, at most 340 ranges a kind (the
// kernel's limit). An empty map when the config has no lxc.idmap.
Result<Map> fromConfig(const Config &config);
Result<Map> fromLines(const QStringList &lines);

// The two lxc.idmap values of a new unprivileged container:
// "u 0 UIDBASE 65536" and "g 0 GIDBASE 65536".
QStringList configValues(uint32_t uidBase, uint32_t gidBase);
// The same with one host user shared: container uid UID and gid GID are the
// host's own (a bound user whose home is mounted in, as Incus's raw.idmap
// "both UID UID"); the rest of 0..65535 comes from the range.
QStringList configValuesSharing(uint32_t uidBase, uint32_t gidBase, uint32_t uid, uint32_t gid);

}  // namespace hutch::idmap
