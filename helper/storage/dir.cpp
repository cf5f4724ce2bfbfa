// The dir backend: the rootfs is a plain directory, CONTAINERDIR/rootfs.
// Snapshots of a dir rootfs are overlay clones (overlay.cpp), as LXC does.
#include "backends_p.h"
#include "fsops.h"

#include <QFile>

#include <cerrno>
#include <sys/stat.h>

namespace hutch::storage {

namespace {

class DirBackend : public Backend {
public:
    BackendKind kind() const override { return BackendKind::Dir; }

    Result<Created> create(const Target &target) override
    {
        auto staging = openDirectory(target.stagingDir);
        if (!staging)
            return staging.error();
        auto fd = makeDirectoryAt(staging->get(), "rootfs", 0755);
        if (!fd)
            return fd.error().wrap(QStringLiteral("dir backend"));
        Created c;
        c.location.kind = BackendKind::Dir;
        c.location.path = target.finalDir + QStringLiteral("/rootfs");
        c.fillPath = target.stagingDir + QStringLiteral("/rootfs");
        return c;
    }

    Result<RootfsLocation> snapshot(const RootfsLocation &, const Target &) override
    {
        return Error::invalid(QStringLiteral("a dir rootfs cannot be a snapshot; "
                                             "a snapshot clone of a dir container is an overlay"));
    }

    Status destroy(const RootfsLocation &location) override { return removeTree(location.path); }
};

}  // namespace

std::unique_ptr<Backend> makeDirBackend()
{
    return std::make_unique<DirBackend>();
}

}  // namespace hutch::storage
