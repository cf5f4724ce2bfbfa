// Container networking (lxc.net.N.*) with real veth pairs, bridges and
// macvlans. The whole test runs in a network namespace of its own, made in
// initTestCase: no packet reaches the machine's real interfaces.
#include "runtimefixture.h"

#include "attach.h"
#include "netlink.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <poll.h>
#include <sched.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace hutch;
using namespace hutch::test;

namespace {

// Runs a command in a container; returns "exit N" and the output.
std::pair<QString, QByteArray> run(Runtime &runtime, const QString &name, const QString &command)
{
    QByteArray out;
    const QString status = execIn(runtime.settings(), name, command, &out, 30000);
    return {status, out};
}

QStringList hostLinks()
{
    auto nl = rt::Netlink::open();
    QStringList out;
    if (!nl)
        return out;
    if (auto links = nl->links())
        for (const auto &l : *links)
            out << QString::fromStdString(l);
    return out;
}

}  // namespace

class TestNetwork : public QObject {
    Q_OBJECT

    std::optional<RuntimeFixture> fx;
    QTemporaryDir scratch;
    Runtime &rt() { return fx->runtime(); }

    void start(const QString &name, const QStringList &config)
    {
        QVERIFY(!fx->create(name, config));
        auto pid = rt().start(name);
        QVERIFY2(pid.ok(), pid.ok() ? "" : qPrintable(pid.error().message));
    }

private Q_SLOTS:
    // Every test runs for both kinds of container (runtimefixture.h).
    void initTestCase_data() { addKindRows(); }

    void initTestCase()
    {
        // Our own network namespace for everything below (runtimefixture.h).
        HUTCH_START_NETWORK_FIXTURE(fx, "brtest", "10.99.0.1/24");
    }

    void init()
    {
        if (fx)
            fx->setKind(currentKind());
    }

    void cleanup()
    {
        if (fx)
            fx->stopAll();
    }

    void cleanupTestCase() { fx.reset(); }

    void vethOnABridge()
    {
        const QStringList common = {QStringLiteral("lxc.net.0.type = veth"), QStringLiteral("lxc.net.0.link = brtest"),
                                    QStringLiteral("lxc.net.0.flags = up"),
                                    QStringLiteral("lxc.net.0.hwaddr = 00:16:3e:xx:xx:xx"),
                                    QStringLiteral("lxc.net.0.ipv4.gateway = 10.99.0.1")};
        start(QStringLiteral("va"), common + QStringList{QStringLiteral("lxc.net.0.ipv4.address = 10.99.0.10/24")});
        start(QStringLiteral("vb"), common + QStringList{QStringLiteral("lxc.net.0.ipv4.address = 10.99.0.11/24"),
                                                         QStringLiteral("lxc.net.0.veth.pair = vbhost")});
        QVERIFY(hostLinks().contains(QStringLiteral("vbhost")));
        auto toBridge = run(rt(), QStringLiteral("va"), QStringLiteral("ping -c 1 -W 3 10.99.0.1"));
        QCOMPARE(toBridge.first, QStringLiteral("exit 0"));
        auto toPeer = run(rt(), QStringLiteral("va"), QStringLiteral("ping -c 1 -W 3 10.99.0.11"));
        QCOMPARE(toPeer.first, QStringLiteral("exit 0"));
        auto route = run(rt(), QStringLiteral("vb"), QStringLiteral("ip route | grep default"));
        QVERIFY2(route.second.contains("default via 10.99.0.1 dev eth0"), route.second.constData());
        // The addresses, as the monitor reports them.
        auto addrs = fx->ask(QStringLiteral("va"), &MonitorLink::addresses);
        QVERIFY(addrs);
        QCOMPARE(*addrs, QStringList{QStringLiteral("eth0 10.99.0.10/24")});
        // The MAC keeps its prefix, its xx are filled, and it is the same after a restart.
        auto mac = run(rt(), QStringLiteral("va"), QStringLiteral("cat /sys/class/net/eth0/address"));
        QVERIFY2(mac.second.startsWith("00:16:3e:") && mac.second.trimmed().size() == 17, mac.second.constData());
        QVERIFY(!fx->ask(QStringLiteral("va"), &MonitorLink::stop));
        QVERIFY(fx->waitForState(QStringLiteral("va"), QStringLiteral("STOPPED")));
        QVERIFY(rt().start(QStringLiteral("va")).ok());
        QCOMPARE(run(rt(), QStringLiteral("va"), QStringLiteral("cat /sys/class/net/eth0/address")).second, mac.second);
        // Stop removes the host ends.
        fx->stopAll();
        QTRY_VERIFY(!hostLinks().contains(QStringLiteral("vbhost")));
        QTRY_VERIFY(hostLinks().filter(QRegularExpression(QStringLiteral("^vh"))).isEmpty());
    }

    void macvlanConnectsTwoContainers()
    {
        auto nl = rt::Netlink::open();
        QVERIFY(nl);
        QVERIFY(!nl->addVeth("mvparent", "mvpeer", ::getpid()));
        rt::Netlink::Change up;
        up.up = true;
        QVERIFY(!nl->change("mvparent", up));
        QVERIFY(!nl->change("mvpeer", up));
        const QStringList common = {QStringLiteral("lxc.net.0.type = macvlan"), QStringLiteral("lxc.net.0.link = mvparent"),
                                    QStringLiteral("lxc.net.0.macvlan.mode = bridge"), QStringLiteral("lxc.net.0.flags = up")};
        start(QStringLiteral("ma"), common + QStringList{QStringLiteral("lxc.net.0.ipv4.address = 10.98.0.10/24")});
        start(QStringLiteral("mb"), common + QStringList{QStringLiteral("lxc.net.0.ipv4.address = 10.98.0.11/24")});
        auto ping = run(rt(), QStringLiteral("ma"), QStringLiteral("ping -c 1 -W 3 10.98.0.11"));
        QCOMPARE(ping.first, QStringLiteral("exit 0"));
        fx->stopAll();
        QVERIFY(!nl->deleteLink("mvparent"));
    }

    void vlanAndIpvlan_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("extra");
        QTest::newRow("vlan") << QStringLiteral("vlan") << QStringLiteral("lxc.net.0.vlan.id = 42");
        QTest::newRow("ipvlan") << QStringLiteral("ipvlan") << QStringLiteral("lxc.net.0.ipvlan.mode = l2");
    }

    void vlanAndIpvlan()
    {
        QFETCH(QString, type);
        QFETCH(QString, extra);
        auto nl = rt::Netlink::open();
        QVERIFY(nl);
        // Does this kernel have it? Try one on a veth of the test's own.
        QVERIFY(!nl->addVeth("vlparent", "vlpeer", ::getpid()));
        auto probe = type == QLatin1String("vlan") ? nl->addVlan("vlprobe", "vlparent", 7, ::getpid())
                                                   : nl->addIpvlan("vlprobe", "vlparent", "l2", ::getpid());
        if (probe) {
            (void)nl->deleteLink("vlparent");
            QSKIP(qPrintable(QStringLiteral("the kernel cannot make a %1 link (%2): %3")
                                 .arg(type, type == QLatin1String("vlan") ? QStringLiteral("8021q") : QStringLiteral("ipvlan"),
                                      QString::fromStdString(probe->message))));
        }
        (void)nl->deleteLink("vlprobe");
        const QString name = QStringLiteral("v") + type;
        start(name, {QStringLiteral("lxc.net.0.type = ") + type, QStringLiteral("lxc.net.0.link = vlparent"), extra,
                     QStringLiteral("lxc.net.0.flags = up"), QStringLiteral("lxc.net.0.ipv4.address = 10.96.0.2/24")});
        auto inside = run(rt(), name, QStringLiteral("ip -d link show eth0"));
        QVERIFY2(inside.second.contains(type.toUtf8()), inside.second.constData());
        fx->stopAll();
        QVERIFY(!nl->deleteLink("vlparent"));
    }

    void emptyHasOnlyLoopback()
    {
        start(QStringLiteral("em"), {});  // the template's lxc.net.0.type = empty
        auto links = run(rt(), QStringLiteral("em"), QStringLiteral("ls /sys/class/net | tr '\\n' ' '"));
        QCOMPARE(links.second.trimmed(), QByteArray("lo"));
    }

    void noneSharesTheHostNetwork()
    {
        start(QStringLiteral("no"), {QStringLiteral("lxc.net.0.type = none")});
        // The links through netlink: an unprivileged container sharing the
        // network gets the host's /sys bound (it may not mount a sysfs),
        // whose view is the host's first namespace, not this test's.
        auto links = run(rt(), QStringLiteral("no"), QStringLiteral("ip -o link show"));
        QVERIFY2(links.second.contains("brtest"), links.second.constData());
        auto addrs = fx->ask(QStringLiteral("no"), &MonitorLink::addresses);
        QVERIFY(addrs);
    }

    void physIsMovedInAndGivenBack()
    {
        auto nl = rt::Netlink::open();
        QVERIFY(nl);
        QVERIFY(!nl->addVeth("physx", "physy", ::getpid()));
        start(QStringLiteral("ph"), {QStringLiteral("lxc.net.0.type = phys"), QStringLiteral("lxc.net.0.link = physx"),
                                     QStringLiteral("lxc.net.0.name = eth5"), QStringLiteral("lxc.net.0.flags = up"),
                                     QStringLiteral("lxc.net.0.ipv4.address = 10.97.0.2/24")});
        QVERIFY(!hostLinks().contains(QStringLiteral("physx")));
        auto inside = run(rt(), QStringLiteral("ph"), QStringLiteral("ls /sys/class/net | tr '\\n' ' '; ip -4 addr show eth5"));
        QVERIFY2(inside.second.startsWith("eth5 lo") && inside.second.contains("10.97.0.2/24"), inside.second.constData());
        fx->stopAll();
        QTRY_VERIFY(hostLinks().contains(QStringLiteral("physx")));
        QVERIFY(!nl->deleteLink("physx"));
    }

    void scriptsGetLxcEnvironment()
    {
        const QString log = scratch.filePath(QStringLiteral("script.log"));
        QFile::remove(log);  // the other kind's run wrote one
        const QString script = scratch.filePath(QStringLiteral("net-script"));
        QFile f(script);
        QVERIFY(f.open(QIODevice::WriteOnly));
        // Its own descriptors too (issue 17, item 11): stdio and nothing of
        // the monitor's (the status fd to the helper, sockets, cgroups).
        // Python, so that no shell's own descriptors (the script it reads, a
        // saved stdout) are in the list: only the listing's own, 3.
        f.write("#!/usr/bin/python3\nimport os, sys\n"
                "fds = ' '.join(sorted(os.listdir('/proc/self/fd'), key=int))\n"
                "log = '" + log.toUtf8() + "'\n"
                "with open(log, 'a') as out:\n"
                "    out.write(' '.join(sys.argv[1:]) + ' name=%s peer=%s\\n' % (os.environ['LXC_NAME'], os.environ['LXC_NET_PEER']))\n"
                "with open(log + '.fds-' + sys.argv[3], 'w') as out:\n"
                "    out.write(fds)\n");
        f.close();
        QVERIFY(f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        start(QStringLiteral("sc"), {QStringLiteral("lxc.net.0.type = veth"), QStringLiteral("lxc.net.0.link = brtest"),
                                     QStringLiteral("lxc.net.0.veth.pair = schost"),
                                     QStringLiteral("lxc.net.0.script.up = ") + script,
                                     QStringLiteral("lxc.net.0.script.down = ") + script});
        fx->stopAll();
        QFile l(log);
        QVERIFY(l.open(QIODevice::ReadOnly));
        QCOMPARE(l.readAll(), QByteArray("sc net up veth schost name=sc peer=schost\n"
                                         "sc net down veth schost name=sc peer=schost\n"));
        for (const char *phase : {"up", "down"}) {
            QFile fds(log + QStringLiteral(".fds-") + QLatin1String(phase));
            QVERIFY(fds.open(QIODevice::ReadOnly));
            QCOMPARE(fds.readAll(), QByteArray("0 1 2 3"));
        }
    }
};

QTEST_GUILESS_MAIN(TestNetwork)
#include "test_network.moc"
