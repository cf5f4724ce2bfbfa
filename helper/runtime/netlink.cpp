#include "netlink.h"

#include <netlink/netlink.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>
#include <netlink/route/link/bridge.h>
#include <netlink/route/link/ipvlan.h>
#include <netlink/route/link/macvlan.h>
#include <netlink/route/link/veth.h>
#include <netlink/route/link/vlan.h>
#include <netlink/route/neighbour.h>
#include <netlink/route/route.h>

#include <linux/if_bridge.h>
#include <linux/neighbour.h>

#include <net/if.h>
#include <netinet/in.h>

#include <functional>
#include <utility>

namespace hutch::rt {

namespace {

Error nlError(int err, const std::string &what)
{
    return Error{0, what + ": " + nl_geterror(err)};
}

// Owners for libnl objects, released with their own put functions.
struct LinkPtr {
    rtnl_link *p = nullptr;
    ~LinkPtr() { if (p) rtnl_link_put(p); }
};
struct AddrPtr {
    nl_addr *p = nullptr;
    ~AddrPtr() { if (p) nl_addr_put(p); }
};

}  // namespace

Result<Netlink> Netlink::open()
{
    Netlink n;
    n.m_sock = nl_socket_alloc();
    if (!n.m_sock)
        return Error::msg("netlink: out of memory");
    if (int err = nl_connect(n.m_sock, NETLINK_ROUTE); err < 0)
        return nlError(err, "netlink connect");
    return n;
}

Netlink::Netlink(Netlink &&o) noexcept : m_sock(std::exchange(o.m_sock, nullptr)) {}

Netlink &Netlink::operator=(Netlink &&o) noexcept
{
    std::swap(m_sock, o.m_sock);
    return *this;
}

Netlink::~Netlink()
{
    if (m_sock)
        nl_socket_free(m_sock);
}

Result<int> Netlink::index(const std::string &name)
{
    LinkPtr link;
    if (int err = rtnl_link_get_kernel(m_sock, 0, name.c_str(), &link.p); err < 0)
        return nlError(err, "link \"" + name + "\"");
    return rtnl_link_get_ifindex(link.p);
}

bool Netlink::exists(const std::string &name)
{
    return index(name).ok();
}

Status Netlink::addVeth(const std::string &name, const std::string &peer, pid_t peerPid)
{
    if (int err = rtnl_link_veth_add(m_sock, name.c_str(), peer.c_str(), peerPid); err < 0)
        return nlError(err, "create veth \"" + name + "\"");
    return std::nullopt;
}

Status Netlink::addMacvlan(const std::string &name, const std::string &parent, const std::string &mode, pid_t pid)
{
    auto parentIndex = index(parent);
    if (!parentIndex)
        return parentIndex.error().wrap("macvlan");
    LinkPtr link{rtnl_link_macvlan_alloc()};
    if (!link.p)
        return Error::msg("macvlan: out of memory");
    rtnl_link_set_link(link.p, *parentIndex);
    rtnl_link_set_name(link.p, name.c_str());
    const int m = rtnl_link_macvlan_str2mode(mode.empty() ? "private" : mode.c_str());
    if (m < 0)
        return Error::msg("macvlan: unknown mode \"" + mode + "\"");
    rtnl_link_macvlan_set_mode(link.p, uint32_t(m));
    rtnl_link_set_ns_pid(link.p, pid);
    if (int err = rtnl_link_add(m_sock, link.p, NLM_F_CREATE | NLM_F_EXCL); err < 0)
        return nlError(err, "create macvlan on \"" + parent + "\"");
    return std::nullopt;
}

namespace {

Status addOnParent(Netlink &nl, nl_sock *sock, rtnl_link *link, const std::string &name, const std::string &parent,
                   pid_t pid, const std::string &what)
{
    auto parentIndex = nl.index(parent);
    if (!parentIndex)
        return parentIndex.error().wrap(what);
    rtnl_link_set_link(link, *parentIndex);
    rtnl_link_set_name(link, name.c_str());
    rtnl_link_set_ns_pid(link, pid);
    if (int err = rtnl_link_add(sock, link, NLM_F_CREATE | NLM_F_EXCL); err < 0)
        return nlError(err, "create " + what + " on \"" + parent + "\"");
    return std::nullopt;
}

}  // namespace

Status Netlink::addVlan(const std::string &name, const std::string &parent, int id, pid_t pid)
{
    LinkPtr link{rtnl_link_vlan_alloc()};
    if (!link.p)
        return Error::msg("vlan: out of memory");
    rtnl_link_vlan_set_id(link.p, uint16_t(id));
    return addOnParent(*this, m_sock, link.p, name, parent, pid, "vlan " + std::to_string(id));
}

Status Netlink::addIpvlan(const std::string &name, const std::string &parent, const std::string &mode, pid_t pid)
{
    LinkPtr link{rtnl_link_ipvlan_alloc()};
    if (!link.p)
        return Error::msg("ipvlan: out of memory");
    const int m = rtnl_link_ipvlan_str2mode(mode.empty() ? "l3" : mode.c_str());
    if (m < 0)
        return Error::msg("ipvlan: unknown mode \"" + mode + "\"");
    rtnl_link_ipvlan_set_mode(link.p, uint16_t(m));
    return addOnParent(*this, m_sock, link.p, name, parent, pid, "ipvlan");
}

Status Netlink::addBridge(const std::string &name)
{
    if (int err = rtnl_link_bridge_add(m_sock, name.c_str()); err < 0)
        return nlError(err, "create bridge \"" + name + "\"");
    return std::nullopt;
}

Status Netlink::deleteLink(const std::string &name)
{
    LinkPtr link;
    if (int err = rtnl_link_get_kernel(m_sock, 0, name.c_str(), &link.p); err < 0)
        return nlError(err, "link \"" + name + "\"");
    if (int err = rtnl_link_delete(m_sock, link.p); err < 0)
        return nlError(err, "delete link \"" + name + "\"");
    return std::nullopt;
}

namespace {

Status changeLink(nl_sock *sock, const std::string &name, const std::function<void(rtnl_link *)> &fill,
                  const std::string &what)
{
    LinkPtr link;
    if (int err = rtnl_link_get_kernel(sock, 0, name.c_str(), &link.p); err < 0)
        return nlError(err, what + ": link \"" + name + "\"");
    LinkPtr change{rtnl_link_alloc()};
    fill(change.p);
    if (int err = rtnl_link_change(sock, link.p, change.p, 0); err < 0)
        return nlError(err, what + " \"" + name + "\"");
    return std::nullopt;
}

}  // namespace

Status Netlink::moveToPid(const std::string &name, pid_t pid)
{
    return changeLink(m_sock, name, [&](rtnl_link *c) { rtnl_link_set_ns_pid(c, pid); }, "move into the container");
}

Status Netlink::moveToNsFd(const std::string &name, int nsFd)
{
    return changeLink(m_sock, name, [&](rtnl_link *c) { rtnl_link_set_ns_fd(c, nsFd); }, "move back");
}

Status Netlink::enslave(const std::string &link, const std::string &master)
{
    auto l = index(link);
    auto m = index(master);
    if (!l)
        return l.error();
    if (!m)
        return m.error().wrap("bridge");
    if (int err = rtnl_link_enslave_ifindex(m_sock, *m, *l); err < 0)
        return nlError(err, "attach \"" + link + "\" to \"" + master + "\"");
    return std::nullopt;
}

Status Netlink::change(const std::string &name, const Change &c)
{
    AddrPtr mac;
    if (!c.mac.empty()) {
        if (int err = nl_addr_parse(c.mac.c_str(), AF_LLC, &mac.p); err < 0)
            return nlError(err, "MAC address \"" + c.mac + "\"");
    }
    return changeLink(m_sock, name,
                      [&](rtnl_link *l) {
                          if (!c.rename.empty())
                              rtnl_link_set_name(l, c.rename.c_str());
                          if (mac.p)
                              rtnl_link_set_addr(l, mac.p);
                          if (c.mtu > 0)
                              rtnl_link_set_mtu(l, unsigned(c.mtu));
                          if (c.up)
                              rtnl_link_set_flags(l, IFF_UP);
                      },
                      "configure");
}

Status Netlink::addAddress(const std::string &link, const std::string &cidr)
{
    auto ifindex = index(link);
    if (!ifindex)
        return ifindex.error();
    const size_t space = cidr.find(' ');
    const std::string local = cidr.substr(0, space);
    const int family = local.find(':') != std::string::npos ? AF_INET6 : AF_INET;
    AddrPtr addr, bcast;
    if (int err = nl_addr_parse(local.c_str(), family, &addr.p); err < 0)
        return nlError(err, "address \"" + local + "\"");
    rtnl_addr *a = rtnl_addr_alloc();
    rtnl_addr_set_ifindex(a, *ifindex);
    rtnl_addr_set_local(a, addr.p);
    if (space != std::string::npos) {
        if (int err = nl_addr_parse(cidr.substr(space + 1).c_str(), AF_INET, &bcast.p); err == 0)
            rtnl_addr_set_broadcast(a, bcast.p);
    }
    const int err = rtnl_addr_add(m_sock, a, 0);
    rtnl_addr_put(a);
    if (err < 0)
        return nlError(err, "add address " + local + " to \"" + link + "\"");
    return std::nullopt;
}

Status Netlink::proxyNeighbour(const std::string &link, const std::string &address, bool add)
{
    auto ifindex = index(link);
    if (!ifindex)
        return ifindex.error();
    const std::string bare = address.substr(0, address.find('/'));
    const int family = bare.find(':') != std::string::npos ? AF_INET6 : AF_INET;
    AddrPtr dst;
    if (int err = nl_addr_parse(bare.c_str(), family, &dst.p); err < 0)
        return nlError(err, "address \"" + bare + "\"");
    rtnl_neigh *n = rtnl_neigh_alloc();
    rtnl_neigh_set_ifindex(n, *ifindex);
    rtnl_neigh_set_family(n, family);
    rtnl_neigh_set_dst(n, dst.p);
    rtnl_neigh_set_flags(n, NTF_PROXY);
    const int err = add ? rtnl_neigh_add(m_sock, n, NLM_F_CREATE | NLM_F_REPLACE) : rtnl_neigh_delete(m_sock, n, 0);
    rtnl_neigh_put(n);
    if (err < 0)
        return nlError(err, std::string(add ? "add" : "remove") + " proxy neighbour " + bare + " on \"" + link + "\"");
    return std::nullopt;
}

Status Netlink::bridgeVlan(const std::string &port, int vid, bool pvidUntagged, bool add)
{
    auto ifindex = index(port);
    if (!ifindex)
        return ifindex.error();
    // libnl has no call for a port's VLANs: RTM_SETLINK/DELLINK of family
    // AF_BRIDGE with IFLA_AF_SPEC { IFLA_BRIDGE_VLAN_INFO }, as iproute2's
    // "bridge vlan" sends it.
    nl_msg *msg = nlmsg_alloc_simple(add ? RTM_SETLINK : RTM_DELLINK, NLM_F_REQUEST | NLM_F_ACK);
    if (!msg)
        return Error::msg("netlink: out of memory");
    ifinfomsg ifi{};
    ifi.ifi_family = AF_BRIDGE;
    ifi.ifi_index = *ifindex;
    bridge_vlan_info info{};
    info.vid = uint16_t(vid);
    if (pvidUntagged)
        info.flags = BRIDGE_VLAN_INFO_PVID | BRIDGE_VLAN_INFO_UNTAGGED;
    int err = nlmsg_append(msg, &ifi, sizeof ifi, NLMSG_ALIGNTO);
    nlattr *spec = err < 0 ? nullptr : nla_nest_start(msg, IFLA_AF_SPEC);
    if (!spec || nla_put(msg, IFLA_BRIDGE_VLAN_INFO, sizeof info, &info) < 0) {
        nlmsg_free(msg);
        return Error::msg("netlink: bridge vlan message too long");
    }
    nla_nest_end(msg, spec);
    err = nl_send_sync(m_sock, msg);  // frees msg
    if (err < 0)
        return nlError(err, std::string(add ? "add" : "remove") + " VLAN " + std::to_string(vid) + " on bridge port \""
                                + port + "\"");
    return std::nullopt;
}

Status Netlink::addDefaultRoute(const std::string &link, const std::string &gateway, bool ipv6)
{
    auto ifindex = index(link);
    if (!ifindex)
        return ifindex.error();
    const int family = ipv6 ? AF_INET6 : AF_INET;
    AddrPtr dst, gw;
    nl_addr_parse(ipv6 ? "::/0" : "0.0.0.0/0", family, &dst.p);
    rtnl_route *r = rtnl_route_alloc();
    rtnl_route_set_family(r, uint8_t(family));
    rtnl_route_set_dst(r, dst.p);
    rtnl_nexthop *nh = rtnl_route_nh_alloc();
    rtnl_route_nh_set_ifindex(nh, *ifindex);
    if (gateway != "dev") {
        if (int err = nl_addr_parse(gateway.c_str(), family, &gw.p); err < 0) {
            rtnl_route_nh_free(nh);
            rtnl_route_put(r);
            return nlError(err, "gateway \"" + gateway + "\"");
        }
        rtnl_route_nh_set_gateway(nh, gw.p);
    } else {
        rtnl_route_set_scope(r, RT_SCOPE_LINK);
    }
    rtnl_route_add_nexthop(r, nh);
    const int err = rtnl_route_add(m_sock, r, 0);
    rtnl_route_put(r);
    if (err < 0)
        return nlError(err, "default route via " + gateway);
    return std::nullopt;
}

Result<std::vector<std::string>> Netlink::links()
{
    nl_cache *cache = nullptr;
    if (int err = rtnl_link_alloc_cache(m_sock, AF_UNSPEC, &cache); err < 0)
        return nlError(err, "list links");
    std::vector<std::string> out;
    for (nl_object *o = nl_cache_get_first(cache); o; o = nl_cache_get_next(o))
        out.emplace_back(rtnl_link_get_name(reinterpret_cast<rtnl_link *>(o)));
    nl_cache_free(cache);
    return out;
}

Result<std::vector<Netlink::Address>> Netlink::addresses()
{
    nl_cache *links = nullptr, *addrs = nullptr;
    if (int err = rtnl_link_alloc_cache(m_sock, AF_UNSPEC, &links); err < 0)
        return nlError(err, "list links");
    if (int err = rtnl_addr_alloc_cache(m_sock, &addrs); err < 0) {
        nl_cache_free(links);
        return nlError(err, "list addresses");
    }
    std::vector<Address> out;
    for (nl_object *o = nl_cache_get_first(addrs); o; o = nl_cache_get_next(o)) {
        auto *a = reinterpret_cast<rtnl_addr *>(o);
        if (rtnl_addr_get_scope(a) != RT_SCOPE_UNIVERSE)
            continue;  // lo's 127.0.0.1 and link-local addresses
        char buf[128], name[IFNAMSIZ];
        nl_addr2str(rtnl_addr_get_local(a), buf, sizeof buf);
        rtnl_link_i2name(links, rtnl_addr_get_ifindex(a), name, sizeof name);
        out.push_back({name, buf});
    }
    nl_cache_free(addrs);
    nl_cache_free(links);
    return out;
}

}  // namespace hutch::rt
