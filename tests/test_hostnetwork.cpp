// The default bridge: subnet choice, dnsmasq command line, the NAT table's
// lifetime, and (where dnsmasq is installed) DHCP and DNS for containers.
// Everything that touches links runs in a network namespace of its own.
#include "runtimefixture.h"

#include "hostnetwork.h"
#include "netlink.h"

#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sched.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace hutch;
using namespace hutch::test;

namespace {

bool nftTableExists(const QString &family = QStringLiteral("ip"))
{
    QProcess nft;
    nft.start(QStringLiteral("nft"), {QStringLiteral("list"), QStringLiteral("table"), family, QStringLiteral("hutch")});
    return nft.waitForFinished(10000) && nft.exitStatus() == QProcess::NormalExit && nft.exitCode() == 0;
}

}  // namespace

class TestHostNetwork : public QObject {
    Q_OBJECT

    bool m_inNamespace = false;

private Q_SLOTS:
    void initTestCase()
    {
        m_inNamespace = ::geteuid() == 0 && ::unshare(CLONE_NEWNET) == 0;
        if (m_inNamespace) {
            auto nl = rt::Netlink::open();
            rt::Netlink::Change up;
            up.up = true;
            if (nl)
                (void)nl->change("lo", up);
        }
    }

    void choosesAFreeSubnet_data()
    {
        QTest::addColumn<QStringList>("used");
        QTest::addColumn<QString>("expected");
        QTest::newRow("nothing used") << QStringList{} << QStringLiteral("10.0.3.0/24");
        QTest::newRow("lxcbr0 taken") << QStringList{QStringLiteral("10.0.3.0/24")} << QStringLiteral("10.0.4.0/24");
        QTest::newRow("a wider route") << QStringList{QStringLiteral("10.0.0.0/22")} << QStringLiteral("10.0.4.0/24");
        QTest::newRow("default route ignored") << QStringList{QStringLiteral("0.0.0.0/0")} << QStringLiteral("10.0.3.0/24");
        QTest::newRow("all of 10/8") << QStringList{QStringLiteral("10.0.0.0/8")} << QStringLiteral("192.168.0.0/24");
        QTest::newRow("host address") << QStringList{QStringLiteral("10.0.3.77/32")} << QStringLiteral("10.0.4.0/24");
    }

    void choosesAFreeSubnet()
    {
        QFETCH(QStringList, used);
        QFETCH(QString, expected);
        QList<IPv4Net> nets;
        for (const QString &u : used)
            nets.append(*IPv4Net::parse(u));
        const auto chosen = chooseSubnet(nets);
        QVERIFY(chosen);
        QCOMPARE(chosen->toString(), expected);
    }

    void dnsmasqCommandLine()
    {
        BridgeOptions o;
        o.name = QStringLiteral("hutchbr0");
        o.stateDir = QStringLiteral("/run/hutch/network");
        const QStringList args = dnsmasqArguments(o, *IPv4Net::parse(QStringLiteral("10.0.3.0/24")));
        QVERIFY(args.contains(QStringLiteral("--listen-address=10.0.3.1")));
        QVERIFY(args.contains(QStringLiteral("--dhcp-range=10.0.3.2,10.0.3.254")));
        QVERIFY(args.contains(QStringLiteral("--interface=hutchbr0")));
        QVERIFY(args.contains(QStringLiteral("--bind-interfaces")));
        QVERIFY(args.contains(QStringLiteral("--conf-file=/dev/null")));
        QVERIFY(args.contains(QStringLiteral("--dhcp-leasefile=/run/hutch/network/dnsmasq.leases")));
    }

    void ulaPrefixes()
    {
        const QString r1 = randomUlaPrefix(), r2 = randomUlaPrefix();
        QVERIFY2(r1.startsWith(QLatin1String("fd")) && r1.endsWith(QLatin1String("::/64")), qPrintable(r1));
        QCOMPARE(checkUlaPrefix(r1), r1);
        QVERIFY(r1 != r2);  // 40 random bits
        QCOMPARE(checkUlaPrefix(QStringLiteral("fd12:3456:789a:1::9/64")), QStringLiteral("fd12:3456:789a:1::/64"));
        QCOMPARE(checkUlaPrefix(QStringLiteral("fd9c:0117:be48::/64")), QStringLiteral("fd9c:117:be48::/64"));
        for (int i = 0; i < 200; ++i) {  // any random prefix is already canonical
            const QString r = randomUlaPrefix();
            QCOMPARE(checkUlaPrefix(r), r);
        }
        QCOMPARE(checkUlaPrefix(QStringLiteral("2001:db8::/64")), QString());  // not unique local
        QCOMPARE(checkUlaPrefix(QStringLiteral("fd12::/48")), QString());      // not a /64
        QCOMPARE(checkUlaPrefix(QStringLiteral("fd12::zz/64")), QString());
        BridgeOptions o;
        const QStringList args = dnsmasqArguments(o, *IPv4Net::parse(QStringLiteral("10.0.3.0/24")), r1);
        QVERIFY(args.contains(QStringLiteral("--enable-ra")));
        QVERIFY(args.contains(QStringLiteral("--dhcp-range=::,constructor:hutchbr0,ra-only,64")));
        QVERIFY(!dnsmasqArguments(o, *IPv4Net::parse(QStringLiteral("10.0.3.0/24"))).contains(QStringLiteral("--enable-ra")));
        QVERIFY(natTable(QStringLiteral("hutchbr0"), *IPv4Net::parse(QStringLiteral("10.0.3.0/24")), r1)
                    .contains(QStringLiteral("ip6 saddr %1 ip6 daddr != %1 masquerade").arg(r1)));
    }

    // A unique local /64 on the bridge: containers configure themselves
    // from dnsmasq's router advertisements and reach the bridge over IPv6.
    void ipv6BySlaac()
    {
        if (!m_inNamespace)
            QSKIP("needs root and a network namespace of its own (unshare CLONE_NEWNET)");
        if (QStandardPaths::findExecutable(QStringLiteral("dnsmasq")).isEmpty())
            QSKIP("dnsmasq is not installed (Debian package dnsmasq-base)");
        if (const QString why = runtimeUnavailableReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        QTemporaryDir state;
        HostNetwork net;
        BridgeOptions o;
        o.name = QStringLiteral("hutchbr6");
        o.stateDir = state.path();
        o.ipv6 = QStringLiteral("auto");
        QVERIFY(!net.up(o));
        const QString prefix = net.ipv6Prefix();
        QVERIFY2(!checkUlaPrefix(prefix).isEmpty(), qPrintable(prefix));
        const QString gateway = prefix.section(QLatin1Char('/'), 0, 0) + QStringLiteral("1");
        QVERIFY(nftTableExists(QStringLiteral("ip6")));
        RuntimeFixture fx;
        QVERIFY(!fx.create(QStringLiteral("six"), {QStringLiteral("lxc.net.0.type = veth"), QStringLiteral("lxc.net.0.link = hutchbr6"),
                                                   QStringLiteral("lxc.net.0.flags = up")}));
        QVERIFY(fx.runtime().start(QStringLiteral("six")).ok());
        // SLAAC happens in the container's kernel; nothing tells the host.
        const QString net64 = prefix.section(QLatin1String("::"), 0, 0) + QLatin1Char(':');
        QByteArray out;
        QTRY_COMPARE_WITH_TIMEOUT(fx.exec(QStringLiteral("six"), QStringLiteral("ip -6 addr show dev eth0 scope global | grep -q 'inet6 %1'").arg(net64),
                                          &out),
                                  QStringLiteral("exit 0"), 30000);
        out.clear();
        const QString ping = fx.exec(QStringLiteral("six"), QStringLiteral("ping6 -c 1 -W 5 ") + gateway, &out);
        QVERIFY2(ping == QLatin1String("exit 0"), out.constData());
        fx.stopAll();
        QVERIFY(!net.down());
        QVERIFY(!nftTableExists(QStringLiteral("ip6")));
    }

    void natTableLivesWithTheBridge()
    {
        if (!m_inNamespace)
            QSKIP("needs root and a network namespace of its own (unshare CLONE_NEWNET)");
        if (QStandardPaths::findExecutable(QStringLiteral("nft")).isEmpty())
            QSKIP("nft is not installed (Debian package nftables)");
        // 10.0.3.0/24 is in use here: the bridge must take another.
        auto nl = rt::Netlink::open();
        QVERIFY(nl);
        QVERIFY(!nl->addVeth("busy0", "busy1", ::getpid()));
        QVERIFY(!nl->addAddress("busy0", "10.0.3.9/24"));
        rt::Netlink::Change up;
        up.up = true;
        QVERIFY(!nl->change("busy0", up));
        QTemporaryDir state;
        HostNetwork net;
        BridgeOptions o;
        o.name = QStringLiteral("hutchbrt");
        o.stateDir = state.path();
        o.dnsmasq = QStringLiteral("/nonexistent/dnsmasq");  // this test is about the bridge and the table
        QVERIFY(!net.up(o));
        QCOMPARE(net.subnet().toString(), QStringLiteral("10.0.4.0/24"));
        QVERIFY(nl->exists("hutchbrt"));
        auto addrs = nl->addresses();
        QVERIFY(addrs);
        bool found = false;
        for (const auto &a : *addrs)
            found = found || (a.link == "hutchbrt" && a.cidr == "10.0.4.1/24");
        QVERIFY(found);
        QVERIFY(nftTableExists());
        QVERIFY(!net.warning().isEmpty());  // no dnsmasq: said so
        QVERIFY(!net.down());
        QVERIFY(!nftTableExists());
        QVERIFY(!nl->exists("hutchbrt"));
        QVERIFY(!nl->deleteLink("busy0"));
    }

    void dhcpAndNamesThroughDnsmasq()
    {
        if (!m_inNamespace)
            QSKIP("needs root and a network namespace of its own (unshare CLONE_NEWNET)");
        if (QStandardPaths::findExecutable(QStringLiteral("dnsmasq")).isEmpty())
            QSKIP("dnsmasq is not installed (Debian package dnsmasq-base)");
        if (const QString why = runtimeUnavailableReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        QTemporaryDir state;
        HostNetwork net;
        BridgeOptions o;
        o.name = QStringLiteral("hutchbrd");
        o.stateDir = state.path();
        QVERIFY(!net.up(o));
        QVERIFY(net.dnsmasqRunning());
        RuntimeFixture fx;
        const QStringList config = {QStringLiteral("lxc.net.0.type = veth"), QStringLiteral("lxc.net.0.link = hutchbrd"),
                                    QStringLiteral("lxc.net.0.flags = up")};
        for (const QString &name : {QStringLiteral("d1"), QStringLiteral("d2")}) {
            QVERIFY(!fx.create(name, config));
            QVERIFY(fx.runtime().start(name).ok());
        }
        // Their init asks DHCP at boot (with the hostname); nothing signals
        // the lease to the host, so this looks until eth0 has an address.
        for (const QString &name : {QStringLiteral("d1"), QStringLiteral("d2")}) {
            QByteArray out;
            QTRY_COMPARE_WITH_TIMEOUT(fx.exec(name, QStringLiteral("ip -4 addr show dev eth0 | grep -q inet"), &out),
                                      QStringLiteral("exit 0"), 20000);
        }
        const auto sub = net.subnet();
        const QString gateway = IPv4Net{sub.address + 1, 32}.toString().section(QLatin1Char('/'), 0, 0);
        QByteArray out;
        QCOMPARE(fx.exec(QStringLiteral("d1"), QStringLiteral("ping -c 1 -W 3 ") + gateway, &out),
                 QStringLiteral("exit 0"));
        out.clear();
        const QString byName = fx.exec(QStringLiteral("d2"), QStringLiteral("cat /etc/resolv.conf; nslookup d1; ping -c 1 -W 3 d1"), &out);
        QVERIFY2(byName == QLatin1String("exit 0"), out.constData());
        // dnsmasq killed: restarted, and leases keep working.
        const qint64 before = net.dnsmasqPid();
        QSignalSpy restarted(&net, &HostNetwork::dnsmasqRestarted);
        ::kill(pid_t(before), SIGKILL);
        QVERIFY(restarted.wait(10000));
        QVERIFY(net.dnsmasqPid() != before);
        out.clear();
        QCOMPARE(fx.exec(QStringLiteral("d1"), QStringLiteral("udhcpc -i eth0 -n -q -t 5"), &out),
                 QStringLiteral("exit 0"));
        fx.stopAll();
        QVERIFY(!net.down());
    }
};

QTEST_GUILESS_MAIN(TestHostNetwork)
#include "test_hostnetwork.moc"
