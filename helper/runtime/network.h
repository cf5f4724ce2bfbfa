// A container's network interfaces (lxc.net.N.*). The host side runs in
// the monitor, after clone and before init continues: veth pairs with
// their peer created straight in the container's namespace, macvlans, and
// physical interfaces moved in. The container side runs in the child, in
// its own namespace: names, MACs, MTUs, addresses, routes, up.
#pragma once

#include "rterror.h"
#include "uniquefd.h"

#include <sys/types.h>

#include <string>
#include <vector>

namespace hutch::rt {

struct NetDevice {
    int index = 0;               // N of lxc.net.N
    std::string type;            // veth, macvlan, phys, empty, none, vlan, ipvlan
    std::string link;            // the bridge (veth), parent (macvlan), or the interface itself (phys)
    std::string name;            // inside the container
    std::string hwaddr;          // resolved: no "xx" left
    int mtu = 0;
    bool up = false;             // lxc.net.N.flags = up
    std::vector<std::string> ipv4, ipv6;
    std::string ipv4Gateway, ipv6Gateway;
    std::string vethPair;        // host-side name of a veth
    std::string macvlanMode;
    std::string ipvlanMode;
    int vlanId = 0;
    // lxc.net.N.l2proxy: the host answers ARP/NDP for the container's
    // addresses on the link (proxy neighbour entries, as LXC adds them).
    bool l2proxy = false;
    // lxc.net.N.veth.vlan.id / .tagged.id: the veth's port on a
    // VLAN-filtering bridge (untagged PVID, tagged members); -1: none.
    int vethVlanId = -1;
    std::vector<int> vethVlanTagged;
    std::string scriptUp, scriptDown;
};

// Host side, in the monitor. Returns the host-side names it created (veth
// ends), for the scripts and for logs.
Result<std::vector<std::string>> setupHostNetwork(const std::vector<NetDevice> &devices, pid_t init,
                                                  const std::string &containerName);
// Before the container's network namespace goes away: physical interfaces
// go back to the monitor's namespace (a veth end dies with the namespace).
void returnPhysicalInterfaces(const std::vector<NetDevice> &devices, int containerNetns);
// The veth host ends, deleted by the monitor itself: the kernel tears a
// namespace down asynchronously, so an end left to die with it can outlive
// the stop that the caller waited for.
void removeVethHostEnds(const std::vector<std::string> &hostNames);
// The proxy neighbour entries of lxc.net.N.l2proxy, removed at the stop.
void removeProxyNeighbours(const std::vector<NetDevice> &devices);
// lxc.net.N.script.down, with LXC's environment.
void runDownScripts(const std::vector<NetDevice> &devices, const std::vector<std::string> &hostNames,
                    const std::string &containerName);

// Container side, in the child: everything inside its own namespace.
Status configureContainerNetwork(const std::vector<NetDevice> &devices);

// Global addresses of the interfaces in a network namespace ("eth0 10.0.3.5/24").
Result<std::vector<std::string>> addressesIn(int netnsFd);
// A non-blocking rtnetlink socket in that namespace, joined to the IPv4 and
// IPv6 address groups: readable whenever an address comes or goes.
Result<UniqueFd> openAddressEvents(int netnsFd);

}  // namespace hutch::rt
