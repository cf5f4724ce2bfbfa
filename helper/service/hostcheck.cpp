#include "hostcheck.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QProcess>
#include <QStandardPaths>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <linux/magic.h>
#include <sys/prctl.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

namespace hutch::service {

namespace {

using Verdict = HostFeature::Verdict;

QString s(const char *text) { return QString::fromUtf8(text); }

QString errnoText(int err) { return QString::fromLocal8Bit(std::strerror(err)); }

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Programs live in sbin too, which an unprivileged PATH may lack.
QString findProgram(const QString &name)
{
    QString found = QStandardPaths::findExecutable(name);
    if (found.isEmpty())
        found = QStandardPaths::findExecutable(name, {s("/usr/local/sbin"), s("/usr/sbin"), s("/sbin"),
                                                      s("/usr/local/bin"), s("/usr/bin"), s("/bin")});
    return found;
}

struct Ran {
    bool started = false;
    int exitCode = -1;
    QString output;  // stdout and stderr together
};

Ran run(const QString &program, const QStringList &args, int timeoutMs = 30000)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    Ran r;
    r.started = p.waitForStarted(5000);
    if (!r.started)
        return r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(2000);
        r.output = QStringLiteral("did not finish within %1 s").arg(timeoutMs / 1000);
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.output = QString::fromLocal8Bit(p.readAll()).trimmed();
    return r;
}

bool kernelHasFilesystem(const QString &name)
{
    const QList<QByteArray> lines = readFile(s("/proc/filesystems")).split('\n');
    for (const QByteArray &line : lines)
        if (QString::fromLatin1(line).section(QLatin1Char('\t'), -1).trimmed() == name)
            return true;
    return false;
}

HostFeature namespaces()
{
    HostFeature f{s("namespaces"), Verdict::Ok, {}, {}};
    QStringList have, missing;
    for (const char *ns : {"mnt", "pid", "uts", "ipc", "net", "cgroup", "user", "time"})
        (QFileInfo::exists(s("/proc/self/ns/") + s(ns)) ? have : missing) << s(ns);
    const int maxUser = QString::fromLatin1(readFile(s("/proc/sys/user/max_user_namespaces"))).trimmed().toInt();
    if (have.contains(s("user")) && maxUser == 0) {
        have.removeAll(s("user"));
        missing << s("user (user.max_user_namespaces = 0)");
    }
    f.detail = missing.isEmpty() ? have.join(s(" ")) : s("missing: ") + missing.join(s(", "));
    for (const char *essential : {"mnt", "pid", "uts", "ipc", "net"})
        if (!have.contains(s(essential)))
            f.verdict = Verdict::Missing;
    if (f.verdict == Verdict::Ok && !missing.isEmpty())
        f.verdict = Verdict::Limited;
    f.cost = s("no containers without mnt, pid, uts, ipc and net; without user no unprivileged containers; "
               "without cgroup the container sees the host's cgroup tree");
    return f;
}

HostFeature cgroups()
{
    HostFeature f{s("cgroups"), Verdict::Ok, {}, {}};
    f.cost = s("no resource limits or accounting for the controllers missing (memory, cpu, pids, ...), "
               "no freezing without freezer");
    struct statfs st{};
    if (statfs("/sys/fs/cgroup", &st) != 0) {
        f.verdict = Verdict::Missing;
        f.detail = s("statfs /sys/fs/cgroup: ") + errnoText(errno);
        return f;
    }
    QStringList controllers;
    QString layout;
    QStringList wanted = {s("cpu"), s("memory"), s("pids"), s("cpuset")};
    if (st.f_type == CGROUP2_SUPER_MAGIC) {
        layout = s("v2 (unified)");
        controllers = QString::fromLatin1(readFile(s("/sys/fs/cgroup/cgroup.controllers"))).simplified().split(
            QLatin1Char(' '), Qt::SkipEmptyParts);
    } else {
        struct statfs unified{};
        layout = statfs("/sys/fs/cgroup/unified", &unified) == 0 && unified.f_type == CGROUP2_SUPER_MAGIC
                     ? s("hybrid (v1 controllers, v2 at /sys/fs/cgroup/unified)")
                     : s("v1 (legacy)");
        // /proc/cgroups: name, hierarchy, count, enabled; hierarchy 0 is
        // not mounted on v1 (or bound to v2).
        const QList<QByteArray> lines = readFile(s("/proc/cgroups")).split('\n');
        for (const QByteArray &line : lines) {
            const QStringList cols = QString::fromLatin1(line).split(QLatin1Char('\t'));
            if (cols.size() == 4 && !cols.at(0).startsWith(QLatin1Char('#')) && cols.at(1) != s("0")
                && cols.at(3).trimmed() == s("1"))
                controllers << cols.at(0);
        }
        wanted << s("devices") << s("freezer");
    }
    QStringList missing;
    for (const QString &c : std::as_const(wanted))
        if (!controllers.contains(c))
            missing << c;
    f.detail = layout + s("; controllers: ") + controllers.join(s(" "));
    if (!missing.isEmpty()) {
        f.verdict = controllers.isEmpty() ? Verdict::Missing : Verdict::Limited;
        f.detail += s("; missing: ") + missing.join(s(" "));
    }
    return f;
}

HostFeature idmappedMounts()
{
    HostFeature f{s("idmapped mounts"), Verdict::Ok, {}, {}};
    f.cost = s("an unprivileged container's rootfs is shifted (chowned) once at creation instead of mounted "
               "idmapped");
    // mount_setattr (5.12) with no valid fd: EBADF when the kernel has it.
    errno = 0;
    const long rc = syscall(SYS_mount_setattr, -1, "", AT_EMPTY_PATH, nullptr, size_t(0));
    struct utsname u{};
    uname(&u);
    const QString kernel = s("kernel ") + s(u.release);
    if (rc != 0 && errno == ENOSYS) {
        f.verdict = Verdict::Missing;
        f.detail = kernel + s(": no mount_setattr system call");
    } else {
        f.detail = kernel + s(": mount_setattr present (each filesystem must support it too)");
    }
    return f;
}

HostFeature seccomp()
{
    HostFeature f{s("seccomp"), Verdict::Ok, {}, {}};
    f.cost = s("containers run without a system call filter (no default deny list, lxc.seccomp.profile refused)");
    if (prctl(PR_GET_SECCOMP, 0, 0, 0, 0) < 0) {
        f.verdict = Verdict::Missing;
        f.detail = s("prctl PR_GET_SECCOMP: ") + errnoText(errno);
        return f;
    }
    const QString actions = QString::fromLatin1(readFile(s("/proc/sys/kernel/seccomp/actions_avail"))).trimmed();
    if (actions.isEmpty()) {
        f.verdict = Verdict::Missing;
        f.detail = s("no seccomp filter mode (/proc/sys/kernel/seccomp/actions_avail absent)");
    } else {
        f.detail = s("filter actions: ") + actions;
    }
    return f;
}

// Ranges delegated to root in an /etc/subuid-style file: "root:100000:65536".
qint64 rootRange(const QString &path, QString *why)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *why = path + s(": ") + file.errorString();
        return 0;
    }
    qint64 total = 0;
    for (const QByteArray &line : file.readAll().split('\n')) {
        const QStringList parts = QString::fromUtf8(line).trimmed().split(QLatin1Char(':'));
        if (parts.size() == 3 && (parts.at(0) == s("root") || parts.at(0) == s("0")))
            total += parts.at(2).toLongLong();
    }
    if (total == 0)
        *why = path + s(": no range for root");
    return total;
}

HostFeature subordinateIds()
{
    HostFeature f{s("subuid/subgid ranges"), Verdict::Ok, {}, {}};
    f.cost = s("no id ranges for root: unprivileged containers (own user namespace and idmap) cannot be made");
    QString uidWhy, gidWhy;
    const qint64 uids = rootRange(s("/etc/subuid"), &uidWhy);
    const qint64 gids = rootRange(s("/etc/subgid"), &gidWhy);
    if (uids == 0 || gids == 0) {
        f.verdict = Verdict::Missing;
        QStringList why;
        for (const QString &w : {uidWhy, gidWhy})
            if (!w.isEmpty())
                why << w;
        f.detail = why.join(s("; "));
        return f;
    }
    f.detail = QStringLiteral("root: %1 uids, %2 gids").arg(uids).arg(gids);
    if (uids < 65536 || gids < 65536) {
        f.verdict = Verdict::Limited;
        f.detail += s(" (fewer than 65536: not even one full container)");
    }
    return f;
}

HostFeature filesystem(const QString &feature, const QString &fs, const QString &program, const QString &cost)
{
    HostFeature f{feature, Verdict::Ok, {}, cost};
    const bool kernel = kernelHasFilesystem(fs);
    const QString path = program.isEmpty() ? QString() : findProgram(program);
    if (!kernel) {
        f.verdict = Verdict::Missing;
        f.detail = fs + s(" not in /proc/filesystems");
    } else if (!program.isEmpty() && path.isEmpty()) {
        f.verdict = Verdict::Limited;
        f.detail = s("kernel has ") + fs + s("; ") + program + s(" not installed");
    } else {
        f.detail = s("kernel has ") + fs + (path.isEmpty() ? QString() : s("; ") + path);
    }
    return f;
}

HostFeature deviceMapper()
{
    HostFeature f{s("device-mapper"), Verdict::Ok, {}, {}};
    f.cost = s("no lvm backing store (logical volumes and their snapshots)");
    const int fd = open("/dev/mapper/control", O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        f.verdict = Verdict::Missing;
        f.detail = s("open /dev/mapper/control: ") + errnoText(errno);
        return f;
    }
    close(fd);
    const QString lvm = findProgram(s("lvm"));
    if (lvm.isEmpty()) {
        f.verdict = Verdict::Limited;
        f.detail = s("/dev/mapper/control opens; lvm (lvm2) not installed");
    } else {
        f.detail = s("/dev/mapper/control opens; ") + lvm;
    }
    return f;
}

// Makes each kind of link, and an nftables table, in a network namespace
// of its own that goes away with the shell: nothing is left on the host.
QList<HostFeature> networking()
{
    struct Probe {
        const char *feature;
        const char *command;
        const char *cost;
    };
    static const Probe probes[] = {
        {"veth", "ip link add hc-va type veth peer name hc-vb",
         "no lxc.net.N.type = veth: containers get no network on a bridge"},
        {"bridge", "ip link add hc-br type bridge", "no default bridge (hutchbr0) and no lxc.net.N.link bridges"},
        {"macvlan", "ip link add hc-mv link hc-va type macvlan mode bridge", "no lxc.net.N.type = macvlan"},
        {"vlan", "ip link add link hc-va name hc-vl type vlan id 7", "no lxc.net.N.type = vlan"},
        {"nftables", "nft add table inet hutch_check",
         "no NAT for the default bridge: containers on it do not reach beyond the host"},
    };
    QString script;
    for (const Probe &p : probes)
        script += QStringLiteral("out=$(%1 2>&1); echo \"%2 $? $out\"\n").arg(s(p.command), s(p.feature));
    const Ran r = run(findProgram(s("unshare")).isEmpty() ? s("unshare") : findProgram(s("unshare")),
                      {s("--net"), s("/bin/sh"), s("-c"), script});
    QHash<QString, QPair<int, QString>> results;
    for (const QString &line : r.output.split(QLatin1Char('\n'))) {
        const QString feature = line.section(QLatin1Char(' '), 0, 0);
        results.insert(feature, {line.section(QLatin1Char(' '), 1, 1).toInt(), line.section(QLatin1Char(' '), 2)});
    }
    QList<HostFeature> out;
    for (const Probe &p : probes) {
        HostFeature f{s(p.feature), Verdict::Ok, {}, s(p.cost)};
        const QString program = s(p.command).section(QLatin1Char(' '), 0, 0);
        if (!r.started || r.exitCode != 0) {
            f.verdict = Verdict::Missing;
            f.detail = s("unshare --net: ") + (r.output.isEmpty() ? s("did not run") : r.output);
        } else if (!results.contains(f.feature)) {
            f.verdict = Verdict::Missing;
            f.detail = s("probe gave no answer");
        } else if (results.value(f.feature).first != 0) {
            f.verdict = Verdict::Missing;
            f.detail = program + s(": ") + results.value(f.feature).second;
        } else {
            f.detail = s("made one in a scratch network namespace (") + s(p.command) + s(")");
        }
        out << f;
    }
    return out;
}

HostFeature program(const QString &feature, const QString &name, const QStringList &versionArgs, const QString &cost)
{
    HostFeature f{feature, Verdict::Ok, {}, cost};
    const QString path = findProgram(name);
    if (path.isEmpty()) {
        f.verdict = Verdict::Missing;
        f.detail = name + s(" not installed");
        return f;
    }
    f.detail = path;
    if (!versionArgs.isEmpty()) {
        const Ran r = run(path, versionArgs, 10000);
        const QString first = r.output.section(QLatin1Char('\n'), 0, 0);
        if (r.exitCode == 0 && !first.isEmpty())
            f.detail += s(": ") + first;
    }
    return f;
}

// CRIU is only useful when `criu check` passes; its last complaint is the
// reason when not (Debian 12's 3.17 on a 6.x kernel: "vdso: Failed to fill
// self vdso symtable").
HostFeature criu()
{
    HostFeature f{s("criu"), Verdict::Ok, {}, s("no checkpoint and restore of running containers")};
    const QString path = findProgram(s("criu"));
    if (path.isEmpty()) {
        f.verdict = Verdict::Missing;
        f.detail = s("criu not installed");
        return f;
    }
    // "Version: 3.17.1"
    const QString version = s("criu ") + run(path, {s("--version")}, 10000).output.section(QLatin1Char('\n'), 0, 0).section(s(": "), 1);
    const Ran check = run(path, {s("check")});
    if (check.exitCode == 0) {
        f.detail = version + s(": criu check passed");
        return f;
    }
    f.verdict = Verdict::Missing;
    // Its lines run from the symptom ("exited, status=1") to the cause and
    // its consequences; the first "Failed to ..." is the cause.
    const QStringList lines = check.output.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QString reason = lines.isEmpty() ? s("no output") : lines.constLast().trimmed();
    for (const QString &line : lines)
        if (line.contains(s("Failed to"))) {
            reason = line.trimmed();
            break;
        }
    // "Error (criu/vdso.c:613): vdso: ..." → "vdso: ..."
    if (reason.startsWith(s("Error (")) && reason.contains(s("): ")))
        reason = reason.section(s("): "), 1).trimmed();
    f.detail = version + s(": criu check failed: ") + reason;
    return f;
}

}  // namespace

QString verdictName(HostFeature::Verdict verdict)
{
    switch (verdict) {
    case Verdict::Ok:
        return s("ok");
    case Verdict::Limited:
        return s("limited");
    case Verdict::Missing:
        break;
    }
    return s("missing");
}

QList<HostFeature> checkHost()
{
    QList<HostFeature> out = {namespaces(), cgroups(), idmappedMounts(), seccomp(), subordinateIds()};
    out << filesystem(s("overlayfs"), s("overlay"), QString(),
                      s("no overlay snapshot clones and no throwaway (ephemeral) copies"));
    out << filesystem(s("btrfs"), s("btrfs"), s("btrfs"), s("no btrfs backing store (subvolumes and their snapshots)"));
    out << deviceMapper();
    out << networking();
    out << program(s("dnsmasq"), s("dnsmasq"), {s("--version")},
                   s("no DHCP or DNS on the default bridge: containers need static addresses"));
    out << program(s("debootstrap"), s("debootstrap"), {s("--version")},
                   s("no debian template (busybox still works)"));
    out << criu();
    return out;
}

QVariantMap toVariantMap(const HostFeature &feature)
{
    return {{s("feature"), feature.feature},
            {s("verdict"), verdictName(feature.verdict)},
            {s("detail"), feature.detail},
            {s("cost"), feature.cost}};
}

}  // namespace hutch::service
