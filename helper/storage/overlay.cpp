// The overlay backend: snapshot clones. The source's rootfs is the lower
// layer, read-only for the clone; the clone writes to CONTAINERDIR/delta0
// (upper) through the work dir CONTAINERDIR/olwork, and CONTAINERDIR/rootfs
// is the empty mount point. The runtime mounts the overlay inside the
// container's own mount namespace (runtime/mounts.cpp prepareRootfs), so
// nothing stays mounted on the host when the container stops.
// A clone of an overlay clone stacks: its lowers are the source's upper,
// then the source's lowers.
#include "backends_p.h"
#include "fsops.h"

#include <QFile>

namespace hutch::storage {

namespace {

class OverlayBackend : public Backend {
public:
    BackendKind kind() const override { return BackendKind::Overlay; }

    Result<Created> create(const Target &) override
    {
        return Error::invalid(QStringLiteral("overlay is for snapshot clones: create the container "
                                             "with dir or btrfs and clone it with a snapshot"));
    }

    Result<RootfsLocation> snapshot(const RootfsLocation &source, const Target &target) override
    {
        RootfsLocation loc;
        loc.kind = BackendKind::Overlay;
        switch (source.kind) {
        case BackendKind::Dir:
        case BackendKind::Btrfs:
            loc.lowers = {source.path};
            break;
        case BackendKind::Overlay:
            loc.lowers = QStringList{source.path} + source.lowers;
            break;
        case BackendKind::Lvm:
            return Error::invalid(QStringLiteral("an lvm rootfs cannot be an overlay's lower layer; "
                                                 "use an lvm snapshot"));
        }
        for (const QString &p : std::as_const(loc.lowers))
            if (p.contains(QLatin1Char(',')) || p.contains(QLatin1Char(':')) || p.contains(QLatin1Char('\\')))
                return Error::invalid(QStringLiteral("\"%1\" cannot be an overlay lower dir (',', ':' or '\\' in it)").arg(p));
        loc.path = target.finalDir + QStringLiteral("/delta0");

        auto staging = openDirectory(target.stagingDir);
        if (!staging)
            return staging.error();
        auto lower = openDirectory(loc.lowers.front());
        if (!lower)
            return lower.error().wrap(QStringLiteral("overlay lower dir"));
        // The merged root takes the upper dir's owner and mode: the source's.
        auto upper = makeDirectoryAt(staging->get(), "delta0", 0755);
        if (!upper)
            return upper.error();
        if (auto err = copyDirectoryMetadata(lower->get(), upper->get()))
            return err->wrap(QStringLiteral("overlay upper dir"));
        if (auto work = makeDirectoryAt(staging->get(), "olwork", 0700); !work)
            return work.error();
        if (auto mountPoint = makeDirectoryAt(staging->get(), "rootfs", 0755); !mountPoint)
            return mountPoint.error();
        return loc;
    }

    Status destroy(const RootfsLocation &location) override
    {
        Status first;
        for (const QString &p : location.ownedPaths())
            if (auto err = removeTree(p); err && !first)
                first = err;
        return first;
    }
};

}  // namespace

std::unique_ptr<Backend> makeOverlayBackend()
{
    return std::make_unique<OverlayBackend>();
}

}  // namespace hutch::storage
