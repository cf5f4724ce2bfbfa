// The host side of the default network, as lxcbr0 is in the guide: a
// bridge (hutchbr0) with a private IPv4 /24 that collides with no route the
// host has, dnsmasq on it for DHCP and DNS (supervised: restarted when it
// dies), and NAT through an nftables table of our own that goes away with
// the bridge. Runs in the helper (root), in its network namespace.
//
// The bridge outlives the helper, as lxcbr0 outlives lxc-net's start: a
// helper that exits (or is killed) leaves the bridge and the NAT table, so
// running containers stay connected, and records them in STATEDIR/bridge;
// the next helper adopts them from there and starts a new dnsmasq (on the
// same lease file, so leases carry over). down() is the explicit teardown.
#pragma once

#include "error.h"

#include <QList>
#include <QObject>
#include <QPair>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <memory>

namespace hutch {

struct BridgeOptions {
    QString name = QStringLiteral("hutchbr0");
    QString subnet;                          // "10.0.3.0/24"; chosen when empty
    QString stateDir = QStringLiteral("/run/hutch/network");  // leases, pid file
    QString dnsmasq = QStringLiteral("dnsmasq");
    QString domain = QStringLiteral("hutch");  // container names resolve as NAME and NAME.hutch
    // IPv6: empty for none, "auto" for a random unique local /64 (RFC 4193,
    // kept in the bridge record), or a /64 of fc00::/7. Containers get
    // addresses by SLAAC from dnsmasq's router advertisements; NAT66 out.
    QString ipv6;
};

struct IPv4Net {
    quint32 address = 0;  // host order
    int prefix = 0;
    bool overlaps(const IPv4Net &other) const;
    QString toString() const;  // "10.0.3.0/24"
    static std::optional<IPv4Net> parse(const QString &cidr);
};

// The first 10.0.N.0/24 (N from 3, as LXC's lxcbr0) that overlaps none of `used`.
std::optional<IPv4Net> chooseSubnet(const QList<IPv4Net> &used);
// The host's IPv4 routes and addresses (/proc/net/route and netlink).
QList<IPv4Net> usedIPv4Networks();

// A random unique local /64: "fdXX:XXXX:XXXX::/64" (40 random bits).
QString randomUlaPrefix();
// "fdXX:...::/64" checked: a /64 of fc00::/7; the canonical text, or empty.
QString checkUlaPrefix(const QString &prefix);

// The dnsmasq command line for a bridge (tested on its own: dnsmasq may
// not be installed where the tests run). `ipv6Prefix`: router
// advertisements for it too.
QStringList dnsmasqArguments(const BridgeOptions &options, const IPv4Net &subnet, const QString &ipv6Prefix = {});
// The nftables tables: "ip hutch" (inet family is not enough for NAT in
// older kernels), and "ip6 hutch" with an IPv6 prefix.
QString natTable(const QString &bridge, const IPv4Net &subnet, const QString &ipv6Prefix = {});

class HostNetwork : public QObject {
    Q_OBJECT
public:
    enum class State { Down, Up, External };

    explicit HostNetwork(QObject *parent = nullptr);
    // Stops dnsmasq; the bridge and the NAT table stay (see above).
    ~HostNetwork() override;

    // Creates the bridge if needed, its address, the NAT table, and starts
    // dnsmasq (unless dnsmasq is not installed: then static addresses only,
    // and warning() says so). A bridge an earlier helper made (STATEDIR/bridge
    // names it) is adopted; any other existing bridge is the user's (br0,
    // virbr0) and is used as it is: no address, NAT or dnsmasq of ours.
    Status up(const BridgeOptions &options);

    // up() in two halves, so that the slow half (netlink, nft) runs on a
    // worker thread and the helper's bus thread only starts dnsmasq, its
    // supervised child. prepare() touches no member: any thread; when a
    // step fails, a bridge it made is removed again. adopt(): this object's
    // thread, once prepare() succeeded.
    struct Prepared {
        State state = State::Down;
        IPv4Net subnet;
        QString ipv6Prefix;
    };
    static Result<Prepared> prepare(const BridgeOptions &options);
    void adopt(const BridgeOptions &options, const Prepared &prepared);
    // True when STATEDIR/bridge names options.name, was written in this
    // network namespace, and that bridge exists here.
    static bool recordedHere(const BridgeOptions &options);
    // Stops dnsmasq, removes the NAT table and the bridge (if we made it).
    Status down();

    State state() const { return m_state; }
    QString bridge() const { return m_options.name; }
    IPv4Net subnet() const { return m_subnet; }
    QString ipv6Prefix() const { return m_ipv6Prefix; }
    bool dnsmasqRunning() const;
    qint64 dnsmasqPid() const;
    QString warning() const { return m_warning; }

Q_SIGNALS:
    void dnsmasqRestarted(qint64 pid);

private:
    void startDnsmasq();
    void stopDnsmasq();
    // A dnsmasq an earlier helper left on our bridge (its pid file), ended.
    void endStaleDnsmasq();
    QString recordPath() const { return m_options.stateDir + QStringLiteral("/bridge"); }

    BridgeOptions m_options;
    IPv4Net m_subnet;
    QString m_ipv6Prefix;  // "fd..::/64" or empty
    State m_state = State::Down;
    bool m_stopping = false;
    std::unique_ptr<QProcess> m_dnsmasq;
    QString m_warning;
};

}  // namespace hutch
