// The lvm backend's pieces that can be tested without device-mapper: the
// lvm2 command lines it runs and the JSON reports (lvs/vgs --reportformat
// json) it reads. The backend itself (makeLvmBackend) runs them.
#pragma once

#include "error.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace hutch::storage::lvm {

struct LogicalVolume {
    QString name, volumeGroup, attributes, pool, origin, path;
    qint64 sizeBytes = 0;

    bool isThinPool() const { return attributes.startsWith(QLatin1Char('t')); }
    bool isThinVolume() const { return attributes.startsWith(QLatin1Char('V')); }
    bool isSnapshot() const { return attributes.startsWith(QLatin1Char('s')) || !origin.isEmpty(); }
};

struct VolumeGroup {
    QString name;
    qint64 sizeBytes = 0, freeBytes = 0;
};

// argv of the report commands (JSON, sizes in bytes without suffix).
QStringList lvsCommand(const QString &volumeGroup = {});
QStringList vgsCommand(const QString &volumeGroup = {});
// Parses their output; a malformed report is an error naming what is wrong.
Result<QList<LogicalVolume>> parseLvsReport(const QByteArray &json);
Result<QList<VolumeGroup>> parseVgsReport(const QByteArray &json);

// lvcreate of a new volume: thin in `thinPool` when given, else thick.
QStringList createCommand(const QString &volumeGroup, const QString &name, qint64 sizeBytes,
                          const QString &thinPool = {});
// lvcreate -s: a thin snapshot needs no size; a thick one gets sizeBytes of
// copy-on-write space.
QStringList snapshotCommand(const QString &volumeGroup, const QString &origin, const QString &name,
                            bool thin, qint64 sizeBytes);
QStringList removeCommand(const QString &volumeGroup, const QString &name);
QStringList mkfsCommand(const QString &fsType, const QString &device);
// /dev/VG/NAME
QString devicePath(const QString &volumeGroup, const QString &name);

// Names LVM accepts for groups and volumes (and that are safe in argv).
Status validateName(const QString &name, const QString &what);

// Why real LVM cannot work here, or an empty string: device-mapper missing
// (/dev/mapper/control) or the lvm2 programs not installed.
QString unavailableReason();

// The filesystem on a block device, from its superblock: "ext4" (ext2/3/4),
// "xfs" or "btrfs".
Result<QString> detectFilesystem(const QString &device);
QString detectFilesystemFromBytes(const QByteArray &firstBytes);

}  // namespace hutch::storage::lvm
