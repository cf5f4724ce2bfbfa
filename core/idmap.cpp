#include "idmap.h"

#include "config.h"
#include "values.h"

#include <tuple>

namespace hutch::idmap {

namespace {

std::optional<uint32_t> translate(const std::vector<Range> &ranges, uint32_t id, bool toHost)
{
    for (const Range &r : ranges) {
        const uint32_t from = toHost ? r.inside : r.outside;
        const uint32_t to = toHost ? r.outside : r.inside;
        if (id >= from && id - from < r.count)
            return to + (id - from);
    }
    return std::nullopt;
}

bool overlaps(const Range &a, const Range &b, bool inside)
{
    const uint64_t a0 = inside ? a.inside : a.outside, b0 = inside ? b.inside : b.outside;
    return a0 < b0 + b.count && b0 < a0 + a.count;
}

Status checkKind(const std::vector<Range> &ranges, const QString &kind)
{
    if (ranges.size() > 340)
        return Error::invalid(QStringLiteral("lxc.idmap: more than 340 %1 ranges").arg(kind));
    for (size_t i = 0; i < ranges.size(); ++i)
        for (size_t j = i + 1; j < ranges.size(); ++j)
            for (bool inside : {true, false})
                if (overlaps(ranges[i], ranges[j], inside))
                    return Error::invalid(QStringLiteral("lxc.idmap: two %1 ranges overlap %2 the container")
                                              .arg(kind, inside ? QStringLiteral("inside") : QStringLiteral("outside")));
    if (!ranges.empty() && !translate(ranges, 0, true))
        return Error::invalid(QStringLiteral("lxc.idmap: no %1 range maps the container's root (id 0)").arg(kind));
    return std::nullopt;
}

}  // namespace

std::optional<uint32_t> Map::hostUid(uint32_t inside) const { return translate(uids, inside, true); }
std::optional<uint32_t> Map::hostGid(uint32_t inside) const { return translate(gids, inside, true); }
std::optional<uint32_t> Map::containerUid(uint32_t host) const { return translate(uids, host, false); }
std::optional<uint32_t> Map::containerGid(uint32_t host) const { return translate(gids, host, false); }

Result<Map> fromLines(const QStringList &lines)
{
    Map m;
    for (const QString &line : lines) {
        auto one = values::parseIdMap(line);
        if (!one)
            return one.error().wrap(QStringLiteral("lxc.idmap"));
        const Range r{one->containerId, one->hostId, one->range};
        if (one->type != QLatin1Char('g'))
            m.uids.push_back(r);
        if (one->type != QLatin1Char('u'))
            m.gids.push_back(r);
    }
    if (m.privileged())
        return m;
    if (m.uids.empty() || m.gids.empty())
        return Error::invalid(QStringLiteral("lxc.idmap: maps %1 but no %2")
                                  .arg(m.uids.empty() ? QStringLiteral("gids") : QStringLiteral("uids"),
                                       m.uids.empty() ? QStringLiteral("uids") : QStringLiteral("gids")));
    if (auto err = checkKind(m.uids, QStringLiteral("uid")))
        return *err;
    if (auto err = checkKind(m.gids, QStringLiteral("gid")))
        return *err;
    return m;
}

Result<Map> fromConfig(const Config &config)
{
    return fromLines(config.values(QStringLiteral("lxc.idmap")));
}

QStringList configValues(uint32_t uidBase, uint32_t gidBase)
{
    return {QStringLiteral("u 0 %1 %2").arg(uidBase).arg(kRangeSize), QStringLiteral("g 0 %1 %2").arg(gidBase).arg(kRangeSize)};
}

QStringList configValuesSharing(uint32_t uidBase, uint32_t gidBase, uint32_t uid, uint32_t gid)
{
    QStringList out;
    for (auto [kind, base, id] : {std::tuple{'u', uidBase, uid}, std::tuple{'g', gidBase, gid}}) {
        if (id == 0 || id >= kRangeSize) {  // not inside the container's ids: nothing to share
            out << QStringLiteral("%1 0 %2 %3").arg(QLatin1Char(kind)).arg(base).arg(kRangeSize);
            continue;
        }
        out << QStringLiteral("%1 0 %2 %3").arg(QLatin1Char(kind)).arg(base).arg(id);
        out << QStringLiteral("%1 %2 %2 1").arg(QLatin1Char(kind)).arg(id);
        if (id + 1 < kRangeSize)
            out << QStringLiteral("%1 %2 %3 %4").arg(QLatin1Char(kind)).arg(id + 1).arg(base + id + 1).arg(kRangeSize - id - 1);
    }
    return out;
}

}  // namespace hutch::idmap
