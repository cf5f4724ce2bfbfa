#include "hostnetwork.h"
#include "spawnenv.h"

#include "atomicfile.h"
#include "netlink.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTimer>

#include <arpa/inet.h>
#include <csignal>
#include <poll.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace hutch {

namespace {

quint32 maskOf(int prefix) { return prefix == 0 ? 0 : ~quint32(0) << (32 - prefix); }

QString ip(quint32 a)
{
    return QStringLiteral("%1.%2.%3.%4").arg(a >> 24).arg((a >> 16) & 255).arg((a >> 8) & 255).arg(a & 255);
}

Result<QByteArray> runNft(const QStringList &args, const QByteArray &input = {})
{
    QProcess nft;
    nft.setProcessEnvironment(cleanEnvironment());
    nft.start(QStringLiteral("nft"), args);
    if (!nft.waitForStarted(10000))
        return Error::failed(QStringLiteral("nft is not installed (Debian package nftables)"));
    nft.write(input);
    nft.closeWriteChannel();
    nft.waitForFinished(30000);
    if (nft.exitStatus() != QProcess::NormalExit || nft.exitCode() != 0)
        return Error::failed(QStringLiteral("nft %1: %2").arg(args.join(QLatin1Char(' ')),
                                                              QString::fromUtf8(nft.readAllStandardError()).trimmed()));
    return nft.readAllStandardOutput();
}

}  // namespace

bool IPv4Net::overlaps(const IPv4Net &o) const
{
    const int p = std::min(prefix, o.prefix);
    return (address & maskOf(p)) == (o.address & maskOf(p));
}

QString IPv4Net::toString() const
{
    return ip(address) + QLatin1Char('/') + QString::number(prefix);
}

std::optional<IPv4Net> IPv4Net::parse(const QString &cidr)
{
    const QStringList parts = cidr.split(QLatin1Char('/'));
    in_addr a{};
    if (parts.size() != 2 || inet_pton(AF_INET, parts[0].toLatin1().constData(), &a) != 1)
        return std::nullopt;
    bool ok = false;
    const int prefix = parts[1].toInt(&ok);
    if (!ok || prefix < 0 || prefix > 32)
        return std::nullopt;
    return IPv4Net{ntohl(a.s_addr), prefix};
}

std::optional<IPv4Net> chooseSubnet(const QList<IPv4Net> &used)
{
    // 10.0.3.0/24 first, as LXC's lxcbr0; then the rest of the private ranges.
    QList<IPv4Net> candidates;
    for (quint32 n = 3; n < 256; ++n)
        candidates.append({(10u << 24) | (n << 8), 24});
    for (quint32 n = 0; n < 256; ++n)
        candidates.append({(192u << 24) | (168u << 16) | (n << 8), 24});
    for (quint32 m = 16; m < 32; ++m)
        candidates.append({(172u << 24) | (m << 16) | (3u << 8), 24});
    for (const IPv4Net &candidate : candidates) {
        bool free = true;
        for (const IPv4Net &u : used)
            // A default route (prefix 0) says nothing about the subnet.
            if (u.prefix > 0 && u.overlaps(candidate))
                free = false;
        if (free)
            return candidate;
    }
    return std::nullopt;
}

QList<IPv4Net> usedIPv4Networks()
{
    QList<IPv4Net> used;
    QFile routes(QStringLiteral("/proc/net/route"));
    if (routes.open(QIODevice::ReadOnly)) {
        routes.readLine();  // header
        while (!routes.atEnd()) {
            const QList<QByteArray> f = routes.readLine().simplified().split(' ');
            if (f.size() < 8)
                continue;
            // Little-endian hex as the kernel prints it on x86.
            const quint32 dest = ntohl(quint32(f[1].toUInt(nullptr, 16)));
            const quint32 mask = ntohl(quint32(f[7].toUInt(nullptr, 16)));
            used.append({dest, int(__builtin_popcount(mask))});
        }
    }
    if (auto nl = rt::Netlink::open())
        if (auto addrs = nl->addresses())
            for (const auto &a : *addrs)
                if (auto net = IPv4Net::parse(QString::fromStdString(a.cidr)))
                    used.append(*net);
    return used;
}

QString randomUlaPrefix()
{
    quint8 id[5] = {};
    QFile random(QStringLiteral("/dev/urandom"));
    if (random.open(QIODevice::ReadOnly))
        random.read(reinterpret_cast<char *>(id), sizeof id);
    // In the canonical text (no leading zeros, "::" where it fits), as
    // checkUlaPrefix and the kernel write it.
    return checkUlaPrefix(QStringLiteral("fd%1:%2%3:%4%5::/64")
                              .arg(id[0], 2, 16, QLatin1Char('0'))
                              .arg(id[1], 2, 16, QLatin1Char('0')).arg(id[2], 2, 16, QLatin1Char('0'))
                              .arg(id[3], 2, 16, QLatin1Char('0')).arg(id[4], 2, 16, QLatin1Char('0')));
}

QString checkUlaPrefix(const QString &prefix)
{
    const QStringList parts = prefix.split(QLatin1Char('/'));
    in6_addr a{};
    if (parts.size() != 2 || parts[1] != QLatin1String("64") || inet_pton(AF_INET6, parts[0].toLatin1().constData(), &a) != 1
        || (a.s6_addr[0] & 0xfe) != 0xfc)
        return {};
    for (int i = 8; i < 16; ++i)
        a.s6_addr[i] = 0;  // the network only
    char text[INET6_ADDRSTRLEN] = {};
    inet_ntop(AF_INET6, &a, text, sizeof text);
    return QString::fromLatin1(text) + QStringLiteral("/64");
}

QStringList dnsmasqArguments(const BridgeOptions &o, const IPv4Net &subnet, const QString &ipv6Prefix)
{
    const quint32 base = subnet.address & maskOf(subnet.prefix);
    const quint32 last = base | ~maskOf(subnet.prefix);
    QStringList ra;
    if (!ipv6Prefix.isEmpty())
        // Router advertisements for the bridge's /64: SLAAC in the containers.
        ra = {QStringLiteral("--enable-ra"), QStringLiteral("--dhcp-range=::,constructor:%1,ra-only,64").arg(o.name)};
    return ra + QStringList{QStringLiteral("--keep-in-foreground"),
            QStringLiteral("--conf-file=/dev/null"),  // nothing of the host's dnsmasq.conf
            QStringLiteral("--strict-order"),
            QStringLiteral("--bind-interfaces"),
            QStringLiteral("--except-interface=lo"),
            QStringLiteral("--interface=") + o.name,
            QStringLiteral("--listen-address=") + ip(base + 1),
            QStringLiteral("--dhcp-range=%1,%2").arg(ip(base + 2), ip(last - 1)),
            QStringLiteral("--dhcp-lease-max=%1").arg(last - base - 2),
            QStringLiteral("--dhcp-no-override"),
            QStringLiteral("--dhcp-authoritative"),
            QStringLiteral("--dhcp-leasefile=") + o.stateDir + QStringLiteral("/dnsmasq.leases"),
            QStringLiteral("--pid-file=") + o.stateDir + QStringLiteral("/dnsmasq.pid"),
            QStringLiteral("--domain=") + o.domain,
            QStringLiteral("--local=/%1/").arg(o.domain),
            QStringLiteral("--expand-hosts")};
}

QString natTable(const QString &bridge, const IPv4Net &subnet, const QString &ipv6Prefix)
{
    const QString net = subnet.toString();
    const QString six = ipv6Prefix.isEmpty() ? QString() : QStringLiteral(
               "table ip6 hutch {\n"
               "  chain postrouting {\n"
               "    type nat hook postrouting priority srcnat; policy accept;\n"
               "    ip6 saddr %1 ip6 daddr != %1 masquerade\n"
               "  }\n"
               "  chain forward {\n"
               "    type filter hook forward priority filter; policy accept;\n"
               "    iifname \"%2\" accept\n"
               "    oifname \"%2\" ct state related,established accept\n"
               "  }\n"
               "}\n").arg(ipv6Prefix, bridge);
    return six + QStringLiteral(
               "table ip hutch {\n"
               "  chain postrouting {\n"
               "    type nat hook postrouting priority srcnat; policy accept;\n"
               "    ip saddr %1 ip daddr != %1 masquerade\n"
               "  }\n"
               "  chain forward {\n"
               "    type filter hook forward priority filter; policy accept;\n"
               "    iifname \"%2\" accept\n"
               "    oifname \"%2\" ct state related,established accept\n"
               "  }\n"
               "}\n")
        .arg(net, bridge);
}

HostNetwork::HostNetwork(QObject *parent) : QObject(parent) {}

HostNetwork::~HostNetwork()
{
    stopDnsmasq();
}

namespace {

// "add" then "delete" makes the table exist, so that the delete never
// fails: the definition that follows replaces whatever an earlier helper
// left, in one transaction.
const QByteArray kNoNat = "add table ip hutch\ndelete table ip hutch\nadd table ip6 hutch\ndelete table ip6 hutch\n";

Status applyNat(const BridgeOptions &options, const IPv4Net &subnet, const QString &ipv6Prefix)
{
    if (auto nft = runNft({QStringLiteral("-f"), QStringLiteral("-")}, kNoNat + natTable(options.name, subnet, ipv6Prefix).toUtf8());
        !nft)
        return nft.error().wrap(QStringLiteral("NAT for %1").arg(options.name));
    return std::nullopt;
}

// The inode of this process's network namespace: a record written in
// another namespace (a helper of a test, of a container) is not ours.
quint64 ownNetworkNamespace()
{
    struct stat st {};
    return ::stat("/proc/self/ns/net", &st) == 0 ? quint64(st.st_ino) : 0;
}

struct BridgeRecord {
    QString name;
    IPv4Net subnet;
    QString ipv6Prefix;
    quint64 netns = 0;
};

// STATEDIR/bridge: "NAME SUBNET [IPV6]" and a line "netns INODE".
std::optional<BridgeRecord> readRecord(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return std::nullopt;
    const QStringList lines = QString::fromUtf8(file.read(4096)).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    if (lines.isEmpty())
        return std::nullopt;
    const QStringList fields = lines.first().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (fields.size() != 2 && fields.size() != 3)
        return std::nullopt;
    const auto subnet = IPv4Net::parse(fields[1]);
    if (!subnet)
        return std::nullopt;
    BridgeRecord record{fields[0], *subnet, fields.size() == 3 ? checkUlaPrefix(fields[2]) : QString(), 0};
    for (const QString &line : lines.mid(1))
        if (line.startsWith(QLatin1String("netns ")))
            record.netns = line.mid(6).trimmed().toULongLong();
    return record;
}

// Undoes a bridge being made: no half bridge stays when a step fails.
void removeBridge(const BridgeOptions &options, const QString &recordPath)
{
    (void)runNft({QStringLiteral("-f"), QStringLiteral("-")}, kNoNat);
    if (auto nl = rt::Netlink::open())
        (void)nl->deleteLink(options.name.toStdString());
    QFile::remove(recordPath);
}

}  // namespace

bool HostNetwork::recordedHere(const BridgeOptions &options)
{
    const auto record = readRecord(options.stateDir + QStringLiteral("/bridge"));
    if (!record || record->name != options.name || record->netns != ownNetworkNamespace())
        return false;
    auto nl = rt::Netlink::open();
    return nl && nl->exists(options.name.toStdString());
}

Status HostNetwork::up(const BridgeOptions &options)
{
    if (m_state != State::Down)
        return std::nullopt;
    auto prepared = prepare(options);
    if (!prepared)
        return prepared.error();
    adopt(options, *prepared);
    return std::nullopt;
}

Result<HostNetwork::Prepared> HostNetwork::prepare(const BridgeOptions &options)
{
    const QString recordPath = options.stateDir + QStringLiteral("/bridge");
    auto nl = rt::Netlink::open();
    if (!nl)
        return Error::failed(QString::fromStdString(nl.error().message));
    const std::string bridge = options.name.toStdString();
    QDir().mkpath(options.stateDir);
    Prepared out;
    if (nl->exists(bridge)) {
        // Ours from an earlier helper in this namespace, or the user's.
        const auto record = readRecord(recordPath);
        if (!record || record->name != options.name || record->netns != ownNetworkNamespace()) {
            out.state = State::External;
            return out;
        }
        out.subnet = record->subnet;
        out.ipv6Prefix = record->ipv6Prefix;
        out.state = State::Up;
        if (auto err = applyNat(options, out.subnet, out.ipv6Prefix))
            return *err;
        return out;
    }
    std::optional<IPv4Net> subnet = options.subnet.isEmpty() ? chooseSubnet(usedIPv4Networks())
                                                              : IPv4Net::parse(options.subnet);
    if (!subnet)
        return Error::invalid(options.subnet.isEmpty() ? QStringLiteral("no free 10.0.N.0/24 for the bridge")
                                                       : QStringLiteral("bad subnet \"%1\"").arg(options.subnet));
    out.subnet = *subnet;
    if (!options.ipv6.isEmpty()) {
        out.ipv6Prefix = options.ipv6 == QLatin1String("auto") ? randomUlaPrefix() : checkUlaPrefix(options.ipv6);
        if (out.ipv6Prefix.isEmpty())
            return Error::invalid(QStringLiteral("bad IPv6 prefix \"%1\" (a /64 of fc00::/7, or auto)").arg(options.ipv6));
    }
    if (auto err = nl->addBridge(bridge))
        return Error::failed(QString::fromStdString(err->message));
    out.state = State::Up;
    auto made = [&]() -> Status {
        // Recorded at once: whatever fails next, the next helper knows the
        // bridge is ours, and in which network namespace.
        QString record = options.name + QLatin1Char(' ') + out.subnet.toString();
        if (!out.ipv6Prefix.isEmpty())
            record += QLatin1Char(' ') + out.ipv6Prefix;
        record += QStringLiteral("\nnetns %1\n").arg(ownNetworkNamespace());
        if (auto err = writeFileAtomically(recordPath, record.toUtf8()))
            return err->wrap(QStringLiteral("record the bridge %1").arg(options.name));
        const quint32 gateway = (out.subnet.address & maskOf(out.subnet.prefix)) + 1;
        rt::Netlink::Change upChange;
        upChange.up = true;
        if (auto err = nl->addAddress(bridge, (ip(gateway) + QLatin1Char('/') + QString::number(out.subnet.prefix)).toStdString()))
            return Error::failed(QString::fromStdString(err->message));
        if (!out.ipv6Prefix.isEmpty()) {
            const QString gateway6 = out.ipv6Prefix.section(QLatin1Char('/'), 0, 0) + QStringLiteral("1/64");
            if (auto err = nl->addAddress(bridge, gateway6.toStdString()))
                return Error::failed(QString::fromStdString(err->message));
        }
        if (auto err = nl->change(bridge, upChange))
            return Error::failed(QString::fromStdString(err->message));
        // Forwarding for the NAT (the namespace's own settings).
        QStringList knobs{QStringLiteral("/proc/sys/net/ipv4/ip_forward")};
        if (!out.ipv6Prefix.isEmpty())
            knobs << QStringLiteral("/proc/sys/net/ipv6/conf/all/forwarding");
        for (const QString &knob : std::as_const(knobs)) {
            QFile forward(knob);
            if (forward.open(QIODevice::WriteOnly))
                forward.write("1");
        }
        return applyNat(options, out.subnet, out.ipv6Prefix);
    }();
    if (made) {
        removeBridge(options, recordPath);
        return *made;
    }
    return out;
}

void HostNetwork::adopt(const BridgeOptions &options, const Prepared &prepared)
{
    if (m_state != State::Down)
        return;
    m_options = options;
    m_stopping = false;
    m_warning.clear();
    m_state = prepared.state;
    m_subnet = prepared.subnet;
    m_ipv6Prefix = prepared.ipv6Prefix;
    if (m_state != State::Up)
        return;
    endStaleDnsmasq();
    if (QStandardPaths::findExecutable(options.dnsmasq).isEmpty() && !QFile::exists(options.dnsmasq)) {
        m_warning = QStringLiteral("dnsmasq is not installed (Debian package dnsmasq-base): containers on %1 need static addresses")
                        .arg(options.name);
        return;
    }
    startDnsmasq();
}

void HostNetwork::endStaleDnsmasq()
{
    QFile pidFile(m_options.stateDir + QStringLiteral("/dnsmasq.pid"));
    if (!pidFile.open(QIODevice::ReadOnly))
        return;
    bool ok = false;
    const int pid = QString::fromLatin1(pidFile.readAll()).trimmed().toInt(&ok);
    if (!ok || pid <= 1)
        return;
    // Only the dnsmasq of this bridge: its command line says so.
    QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
    if (!cmdline.open(QIODevice::ReadOnly))
        return;
    const QList<QByteArray> args = cmdline.readAll().split('\0');
    const QByteArray ours = (QStringLiteral("--interface=") + m_options.name).toUtf8();
    if (args.isEmpty() || !args.contains(ours) || !args.constFirst().endsWith("dnsmasq"))
        return;
    const int pidfd = int(::syscall(SYS_pidfd_open, pid, 0));
    if (pidfd < 0)
        return;
    ::syscall(SYS_pidfd_send_signal, pidfd, SIGTERM, nullptr, 0);
    pollfd p{pidfd, POLLIN, 0};
    if (::poll(&p, 1, 5000) == 0)
        ::syscall(SYS_pidfd_send_signal, pidfd, SIGKILL, nullptr, 0);
    ::poll(&p, 1, 5000);
    ::close(pidfd);
}

void HostNetwork::startDnsmasq()
{
    m_dnsmasq = std::make_unique<QProcess>();
    m_dnsmasq->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_dnsmasq->setProcessEnvironment(cleanEnvironment());
    guardedByHelper(*m_dnsmasq);  // it ends with the helper, though it drops to its own user
    connect(m_dnsmasq.get(), &QProcess::finished, this, [this] {
        if (m_stopping)
            return;
        // Supervised: a dnsmasq that dies comes back (after a breath, so a
        // broken one does not spin).
        QTimer::singleShot(500, this, [this] {
            if (m_stopping)
                return;
            startDnsmasq();
            if (m_dnsmasq->waitForStarted(5000))
                Q_EMIT dnsmasqRestarted(m_dnsmasq->processId());
        });
    });
    m_dnsmasq->start(m_options.dnsmasq, dnsmasqArguments(m_options, m_subnet, m_ipv6Prefix));
    m_dnsmasq->waitForStarted(5000);
}

void HostNetwork::stopDnsmasq()
{
    m_stopping = true;
    if (!m_dnsmasq)
        return;
    m_dnsmasq->terminate();
    if (!m_dnsmasq->waitForFinished(5000))
        m_dnsmasq->kill();
    m_dnsmasq->waitForFinished(5000);
    m_dnsmasq.reset();
}

bool HostNetwork::dnsmasqRunning() const
{
    return m_dnsmasq && m_dnsmasq->state() == QProcess::Running;
}

qint64 HostNetwork::dnsmasqPid() const
{
    return dnsmasqRunning() ? m_dnsmasq->processId() : 0;
}

Status HostNetwork::down()
{
    stopDnsmasq();
    const bool own = m_state == State::Up;
    m_state = State::Down;
    if (!own)
        return std::nullopt;
    Status result;
    if (auto nft = runNft({QStringLiteral("-f"), QStringLiteral("-")}, kNoNat); !nft)
        result = nft.error();
    m_ipv6Prefix.clear();
    if (auto nl = rt::Netlink::open())
        if (auto err = nl->deleteLink(m_options.name.toStdString()); err && !result)
            result = Error::failed(QString::fromStdString(err->message));
    QFile::remove(recordPath());
    return result;
}

}  // namespace hutch
