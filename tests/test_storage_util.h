// Shared by the storage, clone and template tests: small filesystems on
// loop devices, a rootfs full of awkward files, stopping containers.
#pragma once

#include "launch.h"

#include <QString>
#include <QTemporaryDir>

#include <optional>

namespace hutch::test {

// A filesystem image mounted on a directory through a loop device
// (mount -o loop: the device goes away with the unmount).
class LoopFs {
public:
    // mkfs TYPE (ext4, btrfs) on a SIZE-byte image file; mounted at
    // mountPoint(). ok() false with why() when it cannot be made.
    LoopFs(const QString &type, qint64 sizeBytes);
    ~LoopFs();
    bool ok() const { return m_mounted; }
    const QString &why() const { return m_why; }
    QString mountPoint() const { return m_dir.filePath(QStringLiteral("mnt")); }

private:
    QTemporaryDir m_dir;
    bool m_mounted = false;
    QString m_why;
};

// Why btrfs tests cannot run: "mkfs.btrfs not installed (btrfs-progs)", or empty.
QString btrfsUnavailableReason();

// Adds to `rootfs`: a hardlink pair, a character device, a fifo, a socket,
// xattrs (user.*, trusted.* on a symlink, a POSIX ACL), a setuid file of
// another owner, a sparse 64 MiB file with 4 KiB of data, an empty file,
// a deep directory with odd names. Returns an error message or empty.
QString addAwkwardFiles(const QString &rootfs);

// Stops NAME if it runs and waits until its monitor is gone.
void stopAndWait(Runtime &runtime, const QString &name, int timeoutMs = 20000);

// Runs a program; returns its exit code (-1 if it could not run) and
// stdout+stderr in *output.
int runProgram(const QString &program, const QStringList &args, QString *output = nullptr, int timeoutMs = 120000);

// Entries of a directory whose names start with '.', e.g. staging leftovers.
QStringList hiddenEntries(const QString &dir);

}  // namespace hutch::test
