// bench_clone [MIB]: clone times and the space clones take, for a busybox
// rootfs with MIB MiB (default 1024) of data added: a full copy (dir), an
// overlay snapshot clone, and — where mkfs.btrfs exists — a btrfs snapshot
// clone on a btrfs made on a loop device. Root. Prints figures; not a test.
#include "busybox.h"
#include "clone.h"
#include "destroy.h"
#include "launch.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <cstdio>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <unistd.h>

using namespace hutch;

namespace {

qint64 usedBytes(const QString &path)
{
    struct statvfs s {};
    ::statvfs(QFile::encodeName(path).constData(), &s);
    return qint64(s.f_blocks - s.f_bfree) * qint64(s.f_frsize);
}

bool fill(const QString &rootfs, int mib)
{
    QDir().mkpath(rootfs + QStringLiteral("/data"));
    QByteArray chunk(1 << 20, '\0');
    for (int i = 0; i < mib; ++i) {
        for (qsizetype j = 0; j < chunk.size(); j += 64)
            chunk[j] = char(i + j);
        QFile f(rootfs + QStringLiteral("/data/f%1").arg(i));
        if (!f.open(QIODevice::WriteOnly) || f.write(chunk) != chunk.size())
            return false;
    }
    ::sync();
    return true;
}

void measure(Runtime &rt, const char *label, const storage::CloneOptions &o, const QString &source, const QString &name)
{
    const QString store = rt.store().path();
    ::sync();
    const qint64 before = usedBytes(store);
    QElapsedTimer t;
    t.start();
    auto err = storage::cloneContainer(rt, source, name, o);
    const qint64 ms = t.elapsed();
    ::sync();
    const qint64 grew = usedBytes(store) - before;
    if (err)
        std::printf("%-22s failed: %s\n", label, qPrintable(err->message));
    else
        std::printf("%-22s %8lld ms   filesystem grew by %8.1f MiB\n", label, (long long)ms, grew / 1048576.0);
    (void)storage::destroyContainer(rt, name);
}

int run(const QString &storePath, int mib, bool btrfs)
{
    HelperSettings s;
    s.storePath = storePath;
    QTemporaryDir runDir;
    s.runtimePath = runDir.path();
    Runtime rt(s, QString());
    if (auto err = templates::createBusybox(rt.store(), QStringLiteral("src"), {})) {
        std::fprintf(stderr, "busybox: %s\n", qPrintable(err->message));
        return 1;
    }
    if (btrfs) {
        // Make the source a btrfs container: a full copy into a subvolume.
        storage::CloneOptions toBtrfs;
        toBtrfs.backend = QStringLiteral("btrfs");
        if (auto err = storage::cloneContainer(rt, QStringLiteral("src"), QStringLiteral("src-b"), toBtrfs)) {
            std::fprintf(stderr, "%s\n", qPrintable(err->message));
            return 1;
        }
        (void)storage::destroyContainer(rt, QStringLiteral("src"));
    }
    const QString source = btrfs ? QStringLiteral("src-b") : QStringLiteral("src");
    if (!fill(rt.store().rootfsPath(source), mib)) {
        std::fprintf(stderr, "cannot write the data\n");
        return 1;
    }
    std::printf("source rootfs: busybox + %d MiB of data, store %s\n", mib, qPrintable(storePath));
    storage::CloneOptions full;
    measure(rt, btrfs ? "full copy (btrfs)" : "full copy (dir)", full, source, QStringLiteral("c1"));
    storage::CloneOptions snap;
    snap.snapshot = true;
    measure(rt, btrfs ? "btrfs snapshot clone" : "overlay snapshot clone", snap, source, QStringLiteral("c2"));
    return 0;
}

}  // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int mib = argc > 1 ? std::atoi(argv[1]) : 1024;
    if (::geteuid() != 0) {
        std::fprintf(stderr, "bench_clone: needs root\n");
        return 1;
    }
    QTemporaryDir dir(QDir::tempPath() + QStringLiteral("/bench_clone-XXXXXX"));
    if (int rc = run(dir.filePath(QStringLiteral("store")), mib, false))
        return rc;
    const QString mkfs = QStandardPaths::findExecutable(QStringLiteral("mkfs.btrfs"), {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin")});
    if (mkfs.isEmpty()) {
        std::printf("btrfs: skipped (mkfs.btrfs not installed (btrfs-progs))\n");
        return 0;
    }
    const QString image = dir.filePath(QStringLiteral("btrfs.img"));
    QFile img(image);
    if (!img.open(QIODevice::WriteOnly) || !img.resize(qint64(mib) * 3 * 1048576 + (512LL << 20)))
        return 1;
    img.close();
    const QString mnt = dir.filePath(QStringLiteral("btrfs"));
    QDir().mkpath(mnt);
    if (QProcess::execute(mkfs, {QStringLiteral("-q"), QStringLiteral("-f"), image}) != 0
        || QProcess::execute(QStringLiteral("mount"), {QStringLiteral("-o"), QStringLiteral("loop"), image, mnt}) != 0) {
        std::printf("btrfs: could not make the loop filesystem\n");
        return 1;
    }
    const int rc = run(mnt + QStringLiteral("/store"), mib, true);
    ::umount2(QFile::encodeName(mnt).constData(), 0);  // releases the loop device (autoclear)
    return rc;
}
