// Network links, addresses and routes through libnl-route-3 (no "ip"
// commands). Plain C++ for the monitor and the container's child: each
// call works in the network namespace the calling process is in.
#pragma once

#include "rterror.h"

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

struct nl_sock;

namespace hutch::rt {

class Netlink {
public:
    static Result<Netlink> open();
    Netlink(Netlink &&) noexcept;
    Netlink &operator=(Netlink &&) noexcept;
    ~Netlink();

    // ifindex of a link, or an error naming it.
    Result<int> index(const std::string &name);
    bool exists(const std::string &name);

    // A veth pair: `name` here, `peer` in the network namespace of `peerPid`.
    Status addVeth(const std::string &name, const std::string &peer, pid_t peerPid);
    // A macvlan on `parent`, created straight in the namespace of `pid`.
    Status addMacvlan(const std::string &name, const std::string &parent, const std::string &mode, pid_t pid);
    // A VLAN (802.1q) or an ipvlan on `parent`, straight in the namespace of `pid`.
    Status addVlan(const std::string &name, const std::string &parent, int id, pid_t pid);
    Status addIpvlan(const std::string &name, const std::string &parent, const std::string &mode, pid_t pid);
    Status addBridge(const std::string &name);
    Status deleteLink(const std::string &name);
    // Moves a link into the network namespace of a process, or of an ns fd.
    Status moveToPid(const std::string &name, pid_t pid);
    Status moveToNsFd(const std::string &name, int nsFd);
    Status enslave(const std::string &link, const std::string &master);

    // Changes applied in one request; empty/zero fields are left alone.
    struct Change {
        std::string rename;
        std::string mac;   // "00:16:3e:12:34:56"
        int mtu = 0;
        bool up = false;
    };
    Status change(const std::string &name, const Change &c);

    // "10.0.3.5/24", "10.0.3.5/24 10.0.3.255", "fd00::5/64"
    Status addAddress(const std::string &link, const std::string &cidr);
    // Default route through a gateway address, or through the link itself ("dev").
    Status addDefaultRoute(const std::string &link, const std::string &gateway, bool ipv6);

    // A proxy neighbour entry ("ip neigh add proxy ADDRESS dev LINK"): the
    // host answers ARP (IPv4) or NDP (IPv6) for ADDRESS on LINK. add=false
    // removes it.
    Status proxyNeighbour(const std::string &link, const std::string &address, bool add);
    // A VLAN of a bridge port ("bridge vlan add|del dev PORT vid ID [pvid untagged]").
    Status bridgeVlan(const std::string &port, int vid, bool pvidUntagged, bool add);

    struct Address {
        std::string link;
        std::string cidr;
    };
    // Every global address (not lo, not link-local).
    Result<std::vector<Address>> addresses();
    // Link names.
    Result<std::vector<std::string>> links();

private:
    Netlink() = default;
    nl_sock *m_sock = nullptr;
};

}  // namespace hutch::rt
