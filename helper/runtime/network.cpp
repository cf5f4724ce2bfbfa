#include "network.h"

#include "netlink.h"

#include <fcntl.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sched.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <random>

namespace hutch::rt {

namespace {

std::string insideName(const NetDevice &d)
{
    if (!d.name.empty())
        return d.name;
    if (d.type == "phys")
        return d.link;
    return "eth" + std::to_string(d.index);
}

// LXC names host ends "vethXXXXXX"; ours say whose they are where it fits.
std::string vethHostName(const NetDevice &d)
{
    if (!d.vethPair.empty())
        return d.vethPair;
    static std::mt19937 rng{std::random_device{}()};
    char buf[16];
    std::snprintf(buf, sizeof buf, "vh%08x", unsigned(rng()));
    return buf;
}

// lxc.net.N.script.up/down: "SCRIPT NAME net up|down TYPE HOSTIF", with
// LXC_NAME, LXC_NET_TYPE, LXC_NET_PARENT, LXC_NET_PEER in the environment.
Status runScript(const std::string &script, const std::string &phase, const NetDevice &d,
                 const std::string &hostName, const std::string &container)
{
    const pid_t pid = ::fork();
    if (pid < 0)
        return Error::sys("fork for " + script);
    if (pid == 0) {
        // The script gets stdio and nothing else of the monitor's: not the
        // status fd to the helper, not its sockets or cgroup directories.
        ::syscall(SYS_close_range, 3U, ~0U, 0U);
        ::setenv("LXC_NAME", container.c_str(), 1);
        ::setenv("LXC_HOOK_TYPE", phase.c_str(), 1);
        ::setenv("LXC_HOOK_SECTION", "net", 1);
        ::setenv("LXC_NET_TYPE", d.type.c_str(), 1);
        ::setenv("LXC_NET_PARENT", d.link.c_str(), 1);
        ::setenv("LXC_NET_PEER", hostName.c_str(), 1);
        ::execl("/bin/sh", "sh", "-c", (script + " \"$@\"").c_str(), "sh", container.c_str(), "net", phase.c_str(),
                d.type.c_str(), hostName.c_str(), static_cast<char *>(nullptr));
        ::_exit(127);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return Error::msg("lxc.net." + std::to_string(d.index) + ".script." + phase + " (" + script + ") failed");
    return std::nullopt;
}

std::string readSysctl(const std::string &path)
{
    std::FILE *f = std::fopen(path.c_str(), "re");
    if (!f)
        return {};
    char buf[32] = {};
    const size_t n = std::fread(buf, 1, sizeof buf - 1, f);
    std::fclose(f);
    std::string v(buf, n);
    while (!v.empty() && (v.back() == '\n' || v.back() == ' '))
        v.pop_back();
    return v;
}

// lxc.net.N.l2proxy, as LXC does it: the host must already forward on the
// link (and proxy NDP for IPv6; Hutch does not change the host's sysctls
// behind its back), then each of the container's addresses gets a proxy
// neighbour entry on the link.
Status setupL2Proxy(Netlink &nl, const NetDevice &d, const std::string &what)
{
    if (d.link.empty())
        return Error::msg(what + ".l2proxy needs " + what + ".link");
    const std::string conf = "/proc/sys/net/";
    auto require = [&](const std::string &family, const std::string &knob) -> Status {
        const std::string path = conf + family + "/conf/" + d.link + "/" + knob;
        if (readSysctl(path) != "1")
            return Error::msg(what + ".l2proxy requires sysctl net." + family + ".conf." + d.link + "." + knob
                              + "=1 on the host");
        return std::nullopt;
    };
    if (!d.ipv4.empty())
        if (auto err = require("ipv4", "forwarding"))
            return err;
    if (!d.ipv6.empty()) {
        if (auto err = require("ipv6", "proxy_ndp"))
            return err;
        if (auto err = require("ipv6", "forwarding"))
            return err;
    }
    for (const auto *list : {&d.ipv4, &d.ipv6})
        for (const std::string &a : *list)
            if (auto err = nl.proxyNeighbour(d.link, a.substr(0, a.find(' ')), true))
                return err->wrap(what + ".l2proxy");
    return std::nullopt;
}

// lxc.net.N.veth.vlan.id / .tagged.id on a bridge that filters VLANs: the
// port's untagged PVID (instead of the bridge's default 1) and its tagged
// VLANs. Without filtering on the bridge the setting could not take effect,
// so the start is refused.
Status setupVethVlan(Netlink &nl, const NetDevice &d, const std::string &host, const std::string &what)
{
    if (d.vethVlanId < 0 && d.vethVlanTagged.empty())
        return std::nullopt;
    if (d.link.empty())
        return Error::msg(what + ".veth.vlan needs a bridge in " + what + ".link");
    const std::string filtering = "/sys/class/net/" + d.link + "/bridge/vlan_filtering";
    const std::string state = readSysctl(filtering);
    if (state.empty())
        return Error::msg(what + ".veth.vlan: \"" + d.link + "\" has no " + filtering
                          + " (not a bridge, or a kernel without bridge VLAN filtering, CONFIG_BRIDGE_VLAN_FILTERING)");
    if (state != "1")
        return Error::msg(what + ".veth.vlan: the bridge \"" + d.link
                          + "\" does not filter VLANs (ip link set " + d.link + " type bridge vlan_filtering 1)");
    if (d.vethVlanId >= 0) {
        // The bridge gives each new port VLAN 1 as its PVID: it is replaced.
        if (d.vethVlanId != 1)
            (void)nl.bridgeVlan(host, 1, false, false);
        if (auto err = nl.bridgeVlan(host, d.vethVlanId, true, true))
            return err->wrap(what + ".veth.vlan.id");
    }
    for (int id : d.vethVlanTagged)
        if (auto err = nl.bridgeVlan(host, id, false, true))
            return err->wrap(what + ".veth.vlan.tagged.id");
    return std::nullopt;
}

}  // namespace

Result<std::vector<std::string>> setupHostNetwork(const std::vector<NetDevice> &devices, pid_t init,
                                                  const std::string &containerName)
{
    std::vector<std::string> hostNames(devices.size());
    if (devices.empty())
        return hostNames;
    auto nl = Netlink::open();
    if (!nl)
        return nl.error();
    for (size_t i = 0; i < devices.size(); ++i) {
        const NetDevice &d = devices[i];
        const std::string what = "lxc.net." + std::to_string(d.index);
        if (d.type == "veth") {
            const std::string host = vethHostName(d);
            if (auto err = nl->addVeth(host, insideName(d), init))
                return err->wrap(what);
            hostNames[i] = host;
            Netlink::Change c;
            c.up = true;
            c.mtu = d.mtu;
            if (auto err = nl->change(host, c))
                return err->wrap(what);
            if (!d.link.empty())
                if (auto err = nl->enslave(host, d.link))
                    return err->wrap(what);
            if (auto err = setupVethVlan(*nl, d, host, what))
                return *err;
        } else if (d.type == "macvlan") {
            if (d.link.empty())
                return Error::msg(what + ": macvlan needs lxc.net." + std::to_string(d.index) + ".link");
            if (auto err = nl->addMacvlan(insideName(d), d.link, d.macvlanMode, init))
                return err->wrap(what);
        } else if (d.type == "phys") {
            if (d.link.empty())
                return Error::msg(what + ": phys needs lxc.net." + std::to_string(d.index) + ".link");
            if (auto err = nl->moveToPid(d.link, init))
                return err->wrap(what);
        } else if (d.type == "vlan" || d.type == "ipvlan") {
            if (d.link.empty())
                return Error::msg(what + ": " + d.type + " needs lxc.net." + std::to_string(d.index) + ".link");
            auto err = d.type == "vlan" ? nl->addVlan(insideName(d), d.link, d.vlanId, init)
                                        : nl->addIpvlan(insideName(d), d.link, d.ipvlanMode, init);
            if (err)
                return err->wrap(what);
        }
        if (d.l2proxy)
            if (auto err = setupL2Proxy(*nl, d, what))
                return *err;
        if (!d.scriptUp.empty())
            if (auto err = runScript(d.scriptUp, "up", d, hostNames[i], containerName))
                return *err;
    }
    return hostNames;
}

void removeProxyNeighbours(const std::vector<NetDevice> &devices)
{
    auto nl = Netlink::open();
    if (!nl)
        return;
    // Entries never added (a start that failed before) are fine to miss.
    for (const NetDevice &d : devices)
        if (d.l2proxy && !d.link.empty())
            for (const auto *list : {&d.ipv4, &d.ipv6})
                for (const std::string &a : *list)
                    (void)nl->proxyNeighbour(d.link, a.substr(0, a.find(' ')), false);
}

void returnPhysicalInterfaces(const std::vector<NetDevice> &devices, int containerNetns)
{
    bool any = false;
    for (const NetDevice &d : devices)
        any = any || d.type == "phys";
    if (!any || containerNetns < 0)
        return;
    // A netlink socket opened inside the container's namespace sends the
    // interfaces to the namespace this process came from.
    UniqueFd own(::open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC));
    if (!own || ::setns(containerNetns, CLONE_NEWNET) < 0)
        return;
    auto nl = Netlink::open();
    ::setns(own.get(), CLONE_NEWNET);
    if (!nl)
        return;
    for (const NetDevice &d : devices) {
        if (d.type != "phys")
            continue;
        // Under its own name again, then home.
        const std::string inside = insideName(d);
        if (inside != d.link) {
            Netlink::Change c;
            c.rename = d.link;
            (void)nl->change(inside, c);
        }
        (void)nl->moveToNsFd(d.link, own.get());
    }
}

void removeVethHostEnds(const std::vector<std::string> &hostNames)
{
    auto nl = Netlink::open();
    if (!nl)
        return;
    // Gone already (its peer's namespace went first) is fine.
    for (const std::string &host : hostNames)
        if (!host.empty())
            (void)nl->deleteLink(host);
}

void runDownScripts(const std::vector<NetDevice> &devices, const std::vector<std::string> &hostNames,
                    const std::string &containerName)
{
    for (size_t i = 0; i < devices.size(); ++i)
        if (!devices[i].scriptDown.empty())
            (void)runScript(devices[i].scriptDown, "down", devices[i], i < hostNames.size() ? hostNames[i] : "",
                            containerName);
}

Status configureContainerNetwork(const std::vector<NetDevice> &devices)
{
    if (devices.empty())
        return std::nullopt;
    auto nl = Netlink::open();
    if (!nl)
        return nl.error();
    for (const NetDevice &d : devices) {
        if (d.type == "empty" || d.type == "none")
            continue;
        const std::string what = "lxc.net." + std::to_string(d.index);
        std::string name = d.type == "phys" ? d.link : insideName(d);
        Netlink::Change c;
        if (d.type == "phys" && !d.name.empty() && d.name != d.link)
            c.rename = d.name;
        c.mac = d.hwaddr;
        if (d.type != "veth")
            c.mtu = d.mtu;
        if (auto err = nl->change(name, c))
            return err->wrap(what);
        if (!c.rename.empty())
            name = c.rename;
        for (const std::string &a : d.ipv4)
            if (auto err = nl->addAddress(name, a))
                return err->wrap(what);
        for (const std::string &a : d.ipv6)
            if (auto err = nl->addAddress(name, a))
                return err->wrap(what);
        // Up before the routes: the kernel wants a live link for a gateway.
        if (d.up || !d.ipv4Gateway.empty() || !d.ipv6Gateway.empty()) {
            Netlink::Change up;
            up.up = true;
            if (auto err = nl->change(name, up))
                return err->wrap(what);
        }
        if (!d.ipv4Gateway.empty() && d.ipv4Gateway != "auto")
            if (auto err = nl->addDefaultRoute(name, d.ipv4Gateway, false))
                return err->wrap(what);
        if (!d.ipv6Gateway.empty() && d.ipv6Gateway != "auto")
            if (auto err = nl->addDefaultRoute(name, d.ipv6Gateway, true))
                return err->wrap(what);
    }
    return std::nullopt;
}

Result<std::vector<std::string>> addressesIn(int netnsFd)
{
    UniqueFd own(::open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC));
    if (!own)
        return Error::sys("open own network namespace");
    if (::setns(netnsFd, CLONE_NEWNET) < 0)
        return Error::sys("enter the container's network namespace");
    auto nl = Netlink::open();
    ::setns(own.get(), CLONE_NEWNET);
    if (!nl)
        return nl.error();
    auto addrs = nl->addresses();
    if (!addrs)
        return addrs.error();
    std::vector<std::string> out;
    for (const auto &a : *addrs)
        out.push_back(a.link + " " + a.cidr);
    return out;
}

Result<UniqueFd> openAddressEvents(int netnsFd)
{
    // A socket belongs to the namespace it was made in: make it inside, then
    // come back (the monitor is single-threaded).
    UniqueFd own(::open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC));
    if (!own)
        return Error::sys("open own network namespace");
    if (::setns(netnsFd, CLONE_NEWNET) < 0)
        return Error::sys("enter the container's network namespace");
    UniqueFd fd(::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, NETLINK_ROUTE));
    const int made = errno;
    ::setns(own.get(), CLONE_NEWNET);
    if (!fd)
        return Error::sys(made, "address events: netlink socket");
    sockaddr_nl sa{};
    sa.nl_family = AF_NETLINK;
    sa.nl_groups = RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR;
    if (::bind(fd.get(), reinterpret_cast<sockaddr *>(&sa), sizeof sa) < 0)
        return Error::sys("address events: bind to the address groups");
    return fd;
}

}  // namespace hutch::rt
