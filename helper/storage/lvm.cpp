// The lvm backend: the rootfs is a logical volume with a filesystem,
// lxc.rootfs.path = lvm:/dev/VG/NAME, mounted by the runtime inside the
// container's mount namespace. Volumes are thin when the group has the
// thin pool, thick otherwise; snapshot clones are lvm snapshots. Runs the
// lvm2 programs (the JSON reports of lvs/vgs are the interface LVM keeps
// stable), in the helper, as root.
#include "lvm.h"
#include "spawnenv.h"

#include "backends_p.h"
#include "fsops.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mount.h>
#include <unistd.h>

namespace hutch::storage::lvm {

namespace {

constexpr qint64 kDefaultSize = 1024LL * 1024 * 1024;  // LXC's default, 1G
constexpr int kCommandTimeoutMs = 120000;

QString sizeArg(qint64 bytes) { return QString::number(bytes) + QLatin1Char('b'); }

// A report value: a string ("1073741824") with --reportformat json, a
// number with json_std.
QString text(const QJsonObject &o, const char *key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isDouble())
        return QString::number(qint64(v.toDouble()));
    return v.toString();
}

Result<qint64> number(const QJsonObject &o, const char *key)
{
    const QString t = text(o, key).trimmed();
    if (t.isEmpty())
        return qint64(0);
    bool ok = false;
    // --nosuffix with --units b gives whole bytes; older versions may add ".00".
    const double d = t.toDouble(&ok);
    if (!ok || d < 0)
        return Error::invalid(QStringLiteral("%1 \"%2\" is not a size in bytes").arg(QLatin1String(key), t));
    return qint64(d);
}

// The rows of the first report of the given kind ("lv", "vg").
Result<QJsonArray> rows(const QByteArray &json, const char *kind)
{
    QJsonParseError pe{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError)
        return Error::invalid(QStringLiteral("lvm report: %1 at offset %2").arg(pe.errorString()).arg(pe.offset));
    const QJsonValue report = doc.object().value(QStringLiteral("report"));
    if (!report.isArray())
        return Error::invalid(QStringLiteral("lvm report: no \"report\" array"));
    QJsonArray out;
    for (const QJsonValue &r : report.toArray()) {
        const QJsonValue list = r.toObject().value(QLatin1String(kind));
        if (!list.isArray())
            return Error::invalid(QStringLiteral("lvm report: no \"%1\" list").arg(QLatin1String(kind)));
        for (const QJsonValue &row : list.toArray()) {
            if (!row.isObject())
                return Error::invalid(QStringLiteral("lvm report: a \"%1\" row is not an object").arg(QLatin1String(kind)));
            out.append(row);
        }
    }
    return out;
}

Result<QByteArray> run(const QStringList &argv)
{
    QProcess p;
    QProcessEnvironment env = cleanEnvironment();
    env.insert(QStringLiteral("LVM_SUPPRESS_FD_WARNINGS"), QStringLiteral("1"));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    p.setProcessEnvironment(env);
    endWithHelper(p);
    p.start(argv.front(), argv.mid(1));
    if (!p.waitForStarted())
        return Error::failed(QStringLiteral("%1: %2").arg(argv.front(), p.errorString()));
    if (!p.waitForFinished(kCommandTimeoutMs)) {
        p.kill();
        p.waitForFinished();
        return Error::failed(QStringLiteral("%1: timed out").arg(argv.join(QLatin1Char(' '))));
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return Error::failed(QStringLiteral("%1: %2").arg(argv.join(QLatin1Char(' ')),
                                                          QString::fromLocal8Bit(p.readAllStandardError()).trimmed()));
    return p.readAllStandardOutput();
}

}  // namespace

QStringList lvsCommand(const QString &volumeGroup)
{
    QStringList argv = {QStringLiteral("lvs"), QStringLiteral("--reportformat"), QStringLiteral("json"),
                        QStringLiteral("--units"), QStringLiteral("b"), QStringLiteral("--nosuffix"),
                        QStringLiteral("-o"), QStringLiteral("lv_name,vg_name,lv_attr,lv_size,pool_lv,origin,lv_path")};
    if (!volumeGroup.isEmpty())
        argv << volumeGroup;
    return argv;
}

QStringList vgsCommand(const QString &volumeGroup)
{
    QStringList argv = {QStringLiteral("vgs"), QStringLiteral("--reportformat"), QStringLiteral("json"),
                        QStringLiteral("--units"), QStringLiteral("b"), QStringLiteral("--nosuffix"),
                        QStringLiteral("-o"), QStringLiteral("vg_name,vg_size,vg_free")};
    if (!volumeGroup.isEmpty())
        argv << volumeGroup;
    return argv;
}

Result<QList<LogicalVolume>> parseLvsReport(const QByteArray &json)
{
    auto list = rows(json, "lv");
    if (!list)
        return list.error();
    QList<LogicalVolume> out;
    for (const QJsonValue &v : *list) {
        const QJsonObject o = v.toObject();
        LogicalVolume lv;
        lv.name = text(o, "lv_name");
        lv.volumeGroup = text(o, "vg_name");
        lv.attributes = text(o, "lv_attr");
        lv.pool = text(o, "pool_lv");
        lv.origin = text(o, "origin");
        lv.path = text(o, "lv_path");
        auto size = number(o, "lv_size");
        if (!size)
            return size.error().wrap(QStringLiteral("lvm report: volume \"%1\"").arg(lv.name));
        lv.sizeBytes = *size;
        if (lv.name.isEmpty())
            return Error::invalid(QStringLiteral("lvm report: a volume without lv_name"));
        out << lv;
    }
    return out;
}

Result<QList<VolumeGroup>> parseVgsReport(const QByteArray &json)
{
    auto list = rows(json, "vg");
    if (!list)
        return list.error();
    QList<VolumeGroup> out;
    for (const QJsonValue &v : *list) {
        const QJsonObject o = v.toObject();
        VolumeGroup vg;
        vg.name = text(o, "vg_name");
        auto size = number(o, "vg_size");
        auto free = number(o, "vg_free");
        if (!size || !free)
            return (!size ? size.error() : free.error()).wrap(QStringLiteral("lvm report: group \"%1\"").arg(vg.name));
        vg.sizeBytes = *size;
        vg.freeBytes = *free;
        if (vg.name.isEmpty())
            return Error::invalid(QStringLiteral("lvm report: a group without vg_name"));
        out << vg;
    }
    return out;
}

QStringList createCommand(const QString &volumeGroup, const QString &name, qint64 sizeBytes, const QString &thinPool)
{
    const qint64 size = sizeBytes > 0 ? sizeBytes : kDefaultSize;
    if (!thinPool.isEmpty())
        return {QStringLiteral("lvcreate"), QStringLiteral("--yes"), QStringLiteral("--thin"),
                QStringLiteral("--virtualsize"), sizeArg(size), QStringLiteral("--name"), name,
                volumeGroup + QLatin1Char('/') + thinPool};
    return {QStringLiteral("lvcreate"), QStringLiteral("--yes"), QStringLiteral("--wipesignatures"),
            QStringLiteral("y"), QStringLiteral("--size"), sizeArg(size), QStringLiteral("--name"), name,
            volumeGroup};
}

QStringList snapshotCommand(const QString &volumeGroup, const QString &origin, const QString &name, bool thin,
                            qint64 sizeBytes)
{
    QStringList argv = {QStringLiteral("lvcreate"), QStringLiteral("--yes"), QStringLiteral("--snapshot"),
                        QStringLiteral("--name"), name};
    if (thin)
        argv << QStringLiteral("--setactivationskip") << QStringLiteral("n");  // thin snapshots skip activation by default
    else
        argv << QStringLiteral("--size") << sizeArg(sizeBytes > 0 ? sizeBytes : kDefaultSize);
    argv << volumeGroup + QLatin1Char('/') + origin;
    return argv;
}

QStringList removeCommand(const QString &volumeGroup, const QString &name)
{
    return {QStringLiteral("lvremove"), QStringLiteral("--yes"), QStringLiteral("--force"),
            volumeGroup + QLatin1Char('/') + name};
}

QStringList mkfsCommand(const QString &fsType, const QString &device)
{
    const QString type = fsType.isEmpty() ? QStringLiteral("ext4") : fsType;
    QStringList argv = {QStringLiteral("mkfs.") + type};
    if (type.startsWith(QLatin1String("ext")))
        argv << QStringLiteral("-q") << QStringLiteral("-F");
    else if (type == QLatin1String("xfs") || type == QLatin1String("btrfs"))
        argv << QStringLiteral("-q") << QStringLiteral("-f");
    argv << device;
    return argv;
}

QString devicePath(const QString &volumeGroup, const QString &name)
{
    return QStringLiteral("/dev/%1/%2").arg(volumeGroup, name);
}

Status validateName(const QString &name, const QString &what)
{
    // lvm's rules: [a-zA-Z0-9+_.-], not starting with '-', not "." or "..",
    // at most 127 characters; "snapshot"/"pvmove" inside names are reserved.
    if (name.isEmpty() || name.size() > 127)
        return Error::invalid(QStringLiteral("%1 \"%2\": 1 to 127 characters").arg(what, name));
    if (name.startsWith(QLatin1Char('-')) || name == QLatin1String(".") || name == QLatin1String(".."))
        return Error::invalid(QStringLiteral("%1 \"%2\" is not allowed").arg(what, name));
    for (const QChar c : name) {
        const char16_t u = c.unicode();
        const bool ok = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '+'
                        || u == '_' || u == '.' || u == '-';
        if (!ok)
            return Error::invalid(QStringLiteral("%1 \"%2\": only letters, digits, '+', '_', '.' and '-'").arg(what, name));
    }
    if (name.contains(QLatin1String("_mlog")) || name.contains(QLatin1String("_mimage"))
        || name.contains(QLatin1String("_pmspare")) || name.contains(QLatin1String("_tdata"))
        || name.contains(QLatin1String("_tmeta")) || name.contains(QLatin1String("_vorigin")))
        return Error::invalid(QStringLiteral("%1 \"%2\" contains a name lvm reserves").arg(what, name));
    return std::nullopt;
}

QString unavailableReason()
{
    if (!QFileInfo::exists(QStringLiteral("/dev/mapper/control")))
        return QStringLiteral("device-mapper is not available (/dev/mapper/control is missing)");
    // The node can be there while the kernel has no device-mapper (ENODEV).
    const int control = ::open("/dev/mapper/control", O_RDWR | O_CLOEXEC);
    if (control < 0 && errno != EACCES)
        return QStringLiteral("device-mapper is not available (/dev/mapper/control: %1)")
            .arg(QString::fromLocal8Bit(std::strerror(errno)));
    if (control >= 0)
        ::close(control);
    if (QStandardPaths::findExecutable(QStringLiteral("lvcreate"), {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin")})
            .isEmpty())
        return QStringLiteral("lvm2 is not installed (no lvcreate)");
    return {};
}

QString detectFilesystemFromBytes(const QByteArray &b)
{
    if (b.size() >= 4 && b.startsWith("XFSB"))
        return QStringLiteral("xfs");
    if (b.size() >= 0x438 + 2 && uchar(b[0x438]) == 0x53 && uchar(b[0x439]) == 0xEF)
        return QStringLiteral("ext4");  // ext2/3/4: ext4 mounts them all
    if (b.size() >= 0x10040 + 8 && b.mid(0x10040, 8) == "_BHRfS_M")
        return QStringLiteral("btrfs");
    return {};
}

Result<QString> detectFilesystem(const QString &device)
{
    QFile f(device);
    if (!f.open(QIODevice::ReadOnly))
        return Error::failed(QStringLiteral("open \"%1\": %2").arg(device, f.errorString()));
    const QString type = detectFilesystemFromBytes(f.read(0x10048));
    if (type.isEmpty())
        return Error::failed(QStringLiteral("\"%1\": no ext4, xfs or btrfs filesystem found").arg(device));
    return type;
}

}  // namespace hutch::storage::lvm

namespace hutch::storage {

namespace {

using namespace lvm;

class LvmBackend : public Backend {
public:
    BackendKind kind() const override { return BackendKind::Lvm; }

    Result<Created> create(const Target &t) override
    {
        if (const QString why = unavailableReason(); !why.isEmpty())
            return Error::failed(QStringLiteral("lvm: %1").arg(why));
        const QString vg = t.volumeGroup.isEmpty() ? QStringLiteral("lxc") : t.volumeGroup;
        const QString pool = t.thinPool.isEmpty() ? QStringLiteral("lxc") : t.thinPool;
        if (auto err = validateName(vg, QStringLiteral("volume group")))
            return *err;
        if (auto err = validateName(t.name, QStringLiteral("logical volume")))
            return *err;
        auto report = run(lvsCommand(vg));
        if (!report)
            return report.error();
        auto volumes = parseLvsReport(*report);
        if (!volumes)
            return volumes.error();
        bool thin = false;
        for (const LogicalVolume &lv : std::as_const(*volumes)) {
            if (lv.name == t.name)
                return Error{Error::Code::Conflict, 0, QStringLiteral("lvm: volume %1/%2 exists").arg(vg, t.name)};
            thin = thin || (lv.name == pool && lv.isThinPool());
        }
        if (auto out = run(createCommand(vg, t.name, t.sizeBytes, thin ? pool : QString())); !out)
            return out.error();
        const QString device = devicePath(vg, t.name);
        auto undo = [&](Error e) {
            (void)run(removeCommand(vg, t.name));
            return e;
        };
        if (auto out = run(mkfsCommand(t.fsType, device)); !out)
            return undo(out.error());
        const QString mountPoint = t.stagingDir + QStringLiteral("/rootfs");
        if (auto err = makePath(mountPoint))
            return undo(*err);
        const QString type = t.fsType.isEmpty() ? QStringLiteral("ext4") : t.fsType;
        if (::mount(QFile::encodeName(device).constData(), QFile::encodeName(mountPoint).constData(),
                    type.toUtf8().constData(), 0, nullptr) < 0)
            return undo(Error::system(errno, QStringLiteral("mount \"%1\"").arg(device)));
        Created c;
        c.location.kind = BackendKind::Lvm;
        c.location.path = device;
        c.fillPath = mountPoint;
        return c;
    }

    Status finish(const Created &c) override
    {
        if (::umount2(QFile::encodeName(c.fillPath).constData(), 0) < 0)
            return Error::system(errno, QStringLiteral("unmount \"%1\"").arg(c.fillPath));
        return std::nullopt;
    }

    Result<RootfsLocation> snapshot(const RootfsLocation &source, const Target &t) override
    {
        if (source.kind != BackendKind::Lvm)
            return Error::invalid(QStringLiteral("an lvm snapshot needs an lvm source"));
        if (const QString why = unavailableReason(); !why.isEmpty())
            return Error::failed(QStringLiteral("lvm: %1").arg(why));
        const QStringList parts = source.path.split(QLatin1Char('/'), Qt::SkipEmptyParts);  // dev, VG, LV
        if (parts.size() != 3)
            return Error::invalid(QStringLiteral("lvm: \"%1\" is not /dev/VG/LV").arg(source.path));
        auto report = run(lvsCommand(parts[1]));
        if (!report)
            return report.error();
        auto volumes = parseLvsReport(*report);
        if (!volumes)
            return volumes.error();
        bool thin = false;
        for (const LogicalVolume &lv : std::as_const(*volumes))
            if (lv.name == parts[2])
                thin = lv.isThinVolume();
        if (auto out = run(snapshotCommand(parts[1], parts[2], t.name, thin, t.sizeBytes)); !out)
            return out.error();
        if (auto err = makePath(t.stagingDir + QStringLiteral("/rootfs"))) {
            (void)run(removeCommand(parts[1], t.name));
            return *err;
        }
        RootfsLocation loc;
        loc.kind = BackendKind::Lvm;
        loc.path = devicePath(parts[1], t.name);
        return loc;
    }

    Status destroy(const RootfsLocation &location) override
    {
        const QStringList parts = location.path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
        if (parts.size() != 3)
            return Error::invalid(QStringLiteral("lvm: \"%1\" is not /dev/VG/LV").arg(location.path));
        if (auto out = run(removeCommand(parts[1], parts[2])); !out)
            return out.error();
        return std::nullopt;
    }
};

}  // namespace

std::unique_ptr<Backend> makeLvmBackend()
{
    return std::make_unique<LvmBackend>();
}

}  // namespace hutch::storage
