// The key table of keys.h: lookup, legacy names, suggestions, clearing keys
// and the per-type value checks.
#include "keys.h"

#include <QTest>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(hutch::keys::LegacyTranslation::Kind)

namespace hutch {

using keys::LegacyTranslation;
using keys::Multiplicity;
using keys::ValueType;

namespace {

// The message of an error, or a placeholder: QVERIFY2 evaluates its
// message even when the check passes.
QByteArray messageOf(const Status &s)
{
    return s ? s->message.toUtf8() : QByteArray("(no error)");
}

template <typename T>
QByteArray messageOf(const Result<T> &r)
{
    return r.ok() ? QByteArray("(no error)") : r.error().message.toUtf8();
}

constexpr int kAny = -1;  // not checked
constexpr int kSingle = 0;  // multiplicities
constexpr int kList = 1;

}  // namespace

class TestKeys : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void lookupModern_data();
    void lookupModern();
    void lookupUnknown_data();
    void lookupUnknown();
    void legacy_data();
    void legacy();
    void notLegacy_data();
    void notLegacy();
    void legacyKeyNamesListed();
    void translator_data();
    void translator();
    void suggestions_data();
    void suggestions();
    void noSuggestion();
    void indexedSuggestion();
    void clearingKeys_data();
    void clearingKeys();
    void clearedBy_data();
    void clearedBy();
    void validateValue_data();
    void validateValue();
    void cgroupValue_data();
    void cgroupValue();
};

void TestKeys::lookupModern_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("type");  // kAny: a string type
    QTest::addColumn<int>("multiplicity");

    using VT = ValueType;

    QTest::newRow("net type") << u"lxc.net.0.type"_s << int(VT::NetType) << kSingle;
    QTest::newRow("net 12 ipv4") << u"lxc.net.12.ipv4.address"_s << int(VT::IPv4Address) << kList;
    QTest::newRow("net ipv6") << u"lxc.net.0.ipv6.address"_s << int(VT::IPv6Address) << kList;
    QTest::newRow("net ipv4 gw") << u"lxc.net.0.ipv4.gateway"_s << int(VT::IPv4Gateway) << kSingle;
    QTest::newRow("net ipv6 gw") << u"lxc.net.3.ipv6.gateway"_s << int(VT::IPv6Gateway) << kSingle;
    QTest::newRow("net link") << u"lxc.net.0.link"_s << int(VT::InterfaceName) << kSingle;
    QTest::newRow("net name") << u"lxc.net.1.name"_s << int(VT::InterfaceName) << kSingle;
    QTest::newRow("net hwaddr") << u"lxc.net.0.hwaddr"_s << int(VT::Mac) << kSingle;
    QTest::newRow("net mtu") << u"lxc.net.0.mtu"_s << int(VT::Mtu) << kSingle;
    QTest::newRow("net flags") << u"lxc.net.0.flags"_s << int(VT::NetFlags) << kSingle;
    QTest::newRow("net vlan") << u"lxc.net.0.vlan.id"_s << int(VT::VlanId) << kSingle;
    QTest::newRow("net macvlan") << u"lxc.net.0.macvlan.mode"_s << int(VT::MacvlanMode) << kSingle;
    QTest::newRow("net ipvlan") << u"lxc.net.0.ipvlan.mode"_s << int(VT::IpvlanMode) << kSingle;
    QTest::newRow("net veth mode") << u"lxc.net.0.veth.mode"_s << int(VT::VethMode) << kSingle;
    QTest::newRow("cgroup v1") << u"lxc.cgroup.memory.limit_in_bytes"_s << int(VT::CgroupValue)
                               << kAny;
    QTest::newRow("cgroup v2") << u"lxc.cgroup2.memory.max"_s << int(VT::CgroupValue) << kAny;
    QTest::newRow("sysctl") << u"lxc.sysctl.net.ipv4.ip_forward"_s << kAny << kSingle;
    QTest::newRow("prlimit") << u"lxc.prlimit.nofile"_s << int(VT::Prlimit) << kSingle;
    QTest::newRow("mount entry") << u"lxc.mount.entry"_s << int(VT::MountEntry) << kList;
    QTest::newRow("mount fstab") << u"lxc.mount.fstab"_s << int(VT::Path) << kSingle;
    QTest::newRow("mount auto") << u"lxc.mount.auto"_s << int(VT::MountAuto) << kAny;
    QTest::newRow("cap drop") << u"lxc.cap.drop"_s << int(VT::Capabilities) << kList;
    QTest::newRow("cap keep") << u"lxc.cap.keep"_s << int(VT::CapabilitiesKeep) << kList;
    QTest::newRow("uts name") << u"lxc.uts.name"_s << int(VT::Hostname) << kSingle;
    QTest::newRow("rootfs") << u"lxc.rootfs.path"_s << int(VT::RootfsPath) << kSingle;
    QTest::newRow("idmap") << u"lxc.idmap"_s << int(VT::IdMap) << kList;
    QTest::newRow("arch") << u"lxc.arch"_s << int(VT::Arch) << kSingle;
    QTest::newRow("log level") << u"lxc.log.level"_s << int(VT::LogLevel) << kSingle;
    QTest::newRow("signal") << u"lxc.signal.halt"_s << int(VT::Signal) << kSingle;
    QTest::newRow("console") << u"lxc.console.path"_s << int(VT::ConsolePath) << kSingle;
    QTest::newRow("tty dir") << u"lxc.tty.dir"_s << int(VT::TtyDir) << kSingle;
    QTest::newRow("environment") << u"lxc.environment"_s << int(VT::Environment) << kList;
    QTest::newRow("hook") << u"lxc.hook.start"_s << int(VT::Hook) << kList;
    QTest::newRow("hook version") << u"lxc.hook.version"_s << int(VT::HookVersion) << kSingle;
}

void TestKeys::lookupModern()
{
    QFETCH(QString, key);
    QFETCH(int, type);
    QFETCH(int, multiplicity);

    const auto info = keys::lookup(key);
    QVERIFY2(info.has_value(), qPrintable(key));
    if (type != kAny)
        QCOMPARE(int(info->type), type);
    else
        QVERIFY(info->type == ValueType::String || info->type == ValueType::NonEmpty);
    if (multiplicity != kAny)
        QCOMPARE(info->multiplicity == Multiplicity::List, multiplicity == kList);
    QVERIFY(!info->pattern.isEmpty());
}

void TestKeys::lookupUnknown_data()
{
    QTest::addColumn<QString>("key");
    QTest::newRow("lxc.foo") << u"lxc.foo"_s;
    QTest::newRow("misspelt") << u"lxc.netwrk.type"_s;
    QTest::newRow("unknown member") << u"lxc.net.0.foo"_s;
    QTest::newRow("non-numeric index") << u"lxc.net.x.type"_s;
    QTest::newRow("negative index") << u"lxc.net.-1.type"_s;
    QTest::newRow("missing index") << u"lxc.net..type"_s;
    QTest::newRow("extra component") << u"lxc.net.0.type.extra"_s;
    QTest::newRow("lxc alone") << u"lxc"_s;
    QTest::newRow("empty") << u""_s;
    QTest::newRow("not lxc") << u"foo.bar"_s;
    QTest::newRow("upper case") << u"LXC.UTS.NAME"_s;
    QTest::newRow("trailing dot") << u"lxc.uts.name."_s;
}

void TestKeys::lookupUnknown()
{
    QFETCH(QString, key);
    QVERIFY2(!keys::lookup(key).has_value(), qPrintable(key));
}

void TestKeys::legacy_data()
{
    QTest::addColumn<QString>("legacy");
    QTest::addColumn<LegacyTranslation::Kind>("kind");
    QTest::addColumn<QString>("modern");  // null: not checked

    using K = LegacyTranslation::Kind;
    QTest::newRow("network.type") << u"lxc.network.type"_s << K::NetworkNew << QString();
    QTest::newRow("network =") << u"lxc.network"_s << K::NetworkClear << QString();

    const QList<std::pair<QString, QString>> members = {
        {u"link"_s, u"link"_s},
        {u"flags"_s, u"flags"_s},
        {u"name"_s, u"name"_s},
        {u"hwaddr"_s, u"hwaddr"_s},
        {u"mtu"_s, u"mtu"_s},
        {u"veth.pair"_s, u"veth.pair"_s},
        {u"vlan.id"_s, u"vlan.id"_s},
        {u"macvlan.mode"_s, u"macvlan.mode"_s},
        {u"ipv4"_s, u"ipv4.address"_s},
        {u"ipv4.gateway"_s, u"ipv4.gateway"_s},
        {u"ipv6"_s, u"ipv6.address"_s},
        {u"ipv6.gateway"_s, u"ipv6.gateway"_s},
        {u"script.up"_s, u"script.up"_s},
        {u"script.down"_s, u"script.down"_s},
        {u"lxcscript.up"_s, u"script.up"_s},
    };
    for (const auto &[from, to] : members) {
        const QString key = u"lxc.network."_s + from;
        QTest::addRow("%s", qPrintable(key)) << key << K::NetworkMember << to;
    }
    QTest::newRow("network.0.type") << u"lxc.network.0.type"_s << K::NetworkIndexed
                                    << u"lxc.net.0.type"_s;
    QTest::newRow("network.1.link") << u"lxc.network.1.link"_s << K::NetworkIndexed
                                    << u"lxc.net.1.link"_s;

    const QList<std::pair<QString, QString>> renames = {
        {u"lxc.rootfs"_s, u"lxc.rootfs.path"_s},
        {u"lxc.utsname"_s, u"lxc.uts.name"_s},
        {u"lxc.tty"_s, u"lxc.tty.max"_s},
        {u"lxc.pts"_s, u"lxc.pty.max"_s},
        {u"lxc.devttydir"_s, u"lxc.tty.dir"_s},
        {u"lxc.aa_profile"_s, u"lxc.apparmor.profile"_s},
        {u"lxc.aa_allow_incomplete"_s, u"lxc.apparmor.allow_incomplete"_s},
        {u"lxc.console"_s, u"lxc.console.path"_s},
        {u"lxc.mount"_s, u"lxc.mount.fstab"_s},
        {u"lxc.id_map"_s, u"lxc.idmap"_s},
        {u"lxc.haltsignal"_s, u"lxc.signal.halt"_s},
        {u"lxc.rebootsignal"_s, u"lxc.signal.reboot"_s},
        {u"lxc.stopsignal"_s, u"lxc.signal.stop"_s},
        {u"lxc.loglevel"_s, u"lxc.log.level"_s},
        {u"lxc.logfile"_s, u"lxc.log.file"_s},
        {u"lxc.syslog"_s, u"lxc.log.syslog"_s},
        {u"lxc.init_cmd"_s, u"lxc.init.cmd"_s},
        {u"lxc.init_uid"_s, u"lxc.init.uid"_s},
        {u"lxc.init_gid"_s, u"lxc.init.gid"_s},
        {u"lxc.limit.nofile"_s, u"lxc.prlimit.nofile"_s},
        {u"lxc.limit.as"_s, u"lxc.prlimit.as"_s},
        {u"lxc.seccomp"_s, u"lxc.seccomp.profile"_s},
        {u"lxc.se_context"_s, u"lxc.selinux.context"_s},
    };
    for (const auto &[from, to] : renames)
        QTest::addRow("%s", qPrintable(from)) << from << K::Rename << to;

    for (const QString &key : {u"lxc.pivotdir"_s, u"lxc.kmsg"_s, u"lxc.rootfs.backend"_s})
        QTest::addRow("%s", qPrintable(key)) << key << K::Removed << QString();
}

void TestKeys::legacy()
{
    QFETCH(QString, legacy);
    QFETCH(LegacyTranslation::Kind, kind);
    QFETCH(QString, modern);

    const auto t = keys::translateLegacy(legacy);
    QVERIFY2(t.has_value(), qPrintable(legacy));
    QCOMPARE(int(t->kind), int(kind));
    if (!modern.isNull())
        QCOMPARE(t->modern, modern);
    // A plain rename leads to a key the table knows.
    if (kind == LegacyTranslation::Kind::Rename || kind == LegacyTranslation::Kind::NetworkIndexed)
        QVERIFY2(keys::lookup(t->modern).has_value(), qPrintable(t->modern));
    if (kind == LegacyTranslation::Kind::NetworkMember)
        QVERIFY2(keys::lookup(u"lxc.net.0."_s + t->modern).has_value(), qPrintable(t->modern));
}

void TestKeys::notLegacy_data()
{
    QTest::addColumn<QString>("key");
    // Modern keys, several of which begin with a legacy name.
    for (const QString &key :
         {u"lxc.net.0.type"_s, u"lxc.cgroup.memory.limit_in_bytes"_s, u"lxc.rootfs.path"_s,
          u"lxc.rootfs.mount"_s, u"lxc.rootfs.options"_s, u"lxc.uts.name"_s, u"lxc.mount.entry"_s,
          u"lxc.mount.auto"_s, u"lxc.mount.fstab"_s, u"lxc.tty.max"_s, u"lxc.tty.dir"_s,
          u"lxc.console.path"_s, u"lxc.console.logfile"_s, u"lxc.seccomp.profile"_s,
          u"lxc.log.level"_s, u"lxc.prlimit.nofile"_s, u"lxc.idmap"_s, u"lxc.arch"_s,
          u"lxc.cap.drop"_s})
        QTest::addRow("%s", qPrintable(key)) << key;
}

void TestKeys::notLegacy()
{
    QFETCH(QString, key);
    const auto t = keys::translateLegacy(key);
    QVERIFY2(!t.has_value(), qPrintable(key + u" taken for a legacy key"_s));
    QVERIFY2(keys::lookup(key).has_value(), qPrintable(key));
}

void TestKeys::legacyKeyNamesListed()
{
    const QStringList names = keys::legacyKeyNames();
    for (const QString &key :
         {u"lxc.network.type"_s, u"lxc.utsname"_s, u"lxc.rootfs"_s, u"lxc.tty"_s, u"lxc.pts"_s,
          u"lxc.aa_profile"_s, u"lxc.console"_s, u"lxc.mount"_s, u"lxc.id_map"_s,
          u"lxc.haltsignal"_s, u"lxc.pivotdir"_s})
        QVERIFY2(names.contains(key), qPrintable(key));
    QVERIFY(!names.contains(u"lxc.uts.name"_s));
    QVERIFY(!names.contains(u"lxc.mount.entry"_s));
}

void TestKeys::translator_data()
{
    // Keys in file order, and what each becomes: the modern name, "-" for
    // removed, "!" for an error, "*" for not checked.
    QTest::addColumn<QStringList>("keys");
    QTest::addColumn<QStringList>("expected");

    const QString type = u"lxc.network.type"_s;
    QTest::newRow("two networks")
        << QStringList{type, u"lxc.network.link"_s, type, u"lxc.network.ipv4"_s,
                       u"lxc.network.ipv6"_s}
        << QStringList{u"lxc.net.0.type"_s, u"lxc.net.0.link"_s, u"lxc.net.1.type"_s,
                       u"lxc.net.1.ipv4.address"_s, u"lxc.net.1.ipv6.address"_s};
    QTest::newRow("clear restarts at 0")
        << QStringList{type, type, u"lxc.network"_s, type, u"lxc.network.flags"_s}
        << QStringList{u"lxc.net.0.type"_s, u"lxc.net.1.type"_s, u"*"_s, u"lxc.net.0.type"_s,
                       u"lxc.net.0.flags"_s};
    QTest::newRow("member before any type") << QStringList{u"lxc.network.link"_s}
                                            << QStringList{u"!"_s};
    QTest::newRow("other keys between")
        << QStringList{type, u"lxc.utsname"_s, u"lxc.network.name"_s}
        << QStringList{u"lxc.net.0.type"_s, u"lxc.uts.name"_s, u"lxc.net.0.name"_s};
    QTest::newRow("modern unchanged") << QStringList{u"lxc.uts.name"_s, u"lxc.net.3.type"_s}
                                      << QStringList{u"lxc.uts.name"_s, u"lxc.net.3.type"_s};
    QTest::newRow("removed") << QStringList{u"lxc.pivotdir"_s, u"lxc.kmsg"_s}
                             << QStringList{u"-"_s, u"-"_s};
    QTest::newRow("indexed") << QStringList{u"lxc.network.1.link"_s}
                             << QStringList{u"lxc.net.1.link"_s};
}

void TestKeys::translator()
{
    QFETCH(QStringList, keys);
    QFETCH(QStringList, expected);
    QCOMPARE(keys.size(), expected.size());

    keys::KeyTranslator translator;
    for (qsizetype i = 0; i < keys.size(); ++i) {
        const auto out = translator.translate(keys[i]);
        const QByteArray where = keys[i].toUtf8() + " -> " + out.modern.toUtf8() + " "
                                 + out.error.toUtf8();
        if (expected[i] == u"*"_s)
            continue;
        if (expected[i] == u"!"_s) {
            QVERIFY2(!out.error.isEmpty(), where.constData());
            QVERIFY(out.modern.isEmpty());
            continue;
        }
        QVERIFY2(out.error.isEmpty(), where.constData());
        if (expected[i] == u"-"_s) {
            QVERIFY2(out.removed && out.legacy && out.modern.isEmpty(), where.constData());
            continue;
        }
        QCOMPARE(out.modern, expected[i]);
        QCOMPARE(out.legacy, keys[i] != expected[i]);
        QVERIFY(!out.removed);
    }
}

void TestKeys::suggestions_data()
{
    QTest::addColumn<QString>("misspelt");
    QTest::addColumn<QStringList>("accepted");

    QTest::newRow("netwrk") << u"lxc.netwrk.type"_s << QStringList{u"lxc.network.type"_s};
    QTest::newRow("utsnam") << u"lxc.utsnam"_s
                            << QStringList{u"lxc.utsname"_s, u"lxc.uts.name"_s};
    QTest::newRow("rootfs.pth") << u"lxc.rootfs.pth"_s << QStringList{u"lxc.rootfs.path"_s};
    QTest::newRow("cap.dorp") << u"lxc.cap.dorp"_s << QStringList{u"lxc.cap.drop"_s};
    QTest::newRow("mount.entyr") << u"lxc.mount.entyr"_s << QStringList{u"lxc.mount.entry"_s};
    QTest::newRow("apparmor.profil") << u"lxc.apparmor.profil"_s
                                     << QStringList{u"lxc.apparmor.profile"_s};
    QTest::newRow("uts.nmae") << u"lxc.uts.nmae"_s << QStringList{u"lxc.uts.name"_s};
}

void TestKeys::suggestions()
{
    QFETCH(QString, misspelt);
    QFETCH(QStringList, accepted);

    const auto s = keys::suggest(misspelt);
    QVERIFY2(s.has_value(), qPrintable(misspelt));
    QVERIFY2(accepted.contains(*s), qPrintable(u"%1 -> %2"_s.arg(misspelt, *s)));
}

void TestKeys::noSuggestion()
{
    QVERIFY(!keys::suggest(u"lxc.qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq"_s).has_value());
    QVERIFY(!keys::suggest(u"zzzzzzzzzzzzzzzzzzzzzzzzzzz.zzzzzzzzzzz"_s).has_value());
}

void TestKeys::indexedSuggestion()
{
    // If a suggestion is made for a misspelt network member, it keeps the
    // index rather than showing the table's pattern.
    const auto s = keys::suggest(u"lxc.net.0.lnik"_s);
    if (s)
        QCOMPARE(*s, u"lxc.net.0.link"_s);
}

void TestKeys::clearingKeys_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("clearing");

    for (const QString &key :
         {u"lxc.net"_s, u"lxc.cap.drop"_s, u"lxc.cap.keep"_s, u"lxc.cgroup"_s, u"lxc.cgroup2"_s,
          u"lxc.net.0.ipv4.address"_s, u"lxc.net.3.ipv6.address"_s, u"lxc.mount.entry"_s,
          u"lxc.idmap"_s, u"lxc.environment"_s})
        QTest::addRow("%s", qPrintable(key)) << key << true;
    for (const QString &key :
         {u"lxc.uts.name"_s, u"lxc.rootfs.path"_s, u"lxc.arch"_s, u"lxc.tty.max"_s,
          u"lxc.net.0.link"_s})
        QTest::addRow("%s", qPrintable(key)) << key << false;
}

void TestKeys::clearingKeys()
{
    QFETCH(QString, key);
    QFETCH(bool, clearing);
    QCOMPARE(keys::isClearingKey(key), clearing);
}

void TestKeys::clearedBy_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("clearKey");
    QTest::addColumn<bool>("cleared");

    auto add = [](const QString &key, const QString &clear, bool cleared) {
        QTest::addRow("%s by %s", qPrintable(key), qPrintable(clear)) << key << clear << cleared;
    };
    add(u"lxc.net.0.type"_s, u"lxc.net"_s, true);
    add(u"lxc.net.3.ipv4.address"_s, u"lxc.net"_s, true);
    add(u"lxc.net.12.link"_s, u"lxc.net"_s, true);
    add(u"lxc.cap.drop"_s, u"lxc.cap.drop"_s, true);
    add(u"lxc.cap.keep"_s, u"lxc.cap.drop"_s, false);
    add(u"lxc.cgroup.memory.limit_in_bytes"_s, u"lxc.cgroup"_s, true);
    add(u"lxc.cgroup.devices.allow"_s, u"lxc.cgroup"_s, true);
    add(u"lxc.cgroup2.memory.max"_s, u"lxc.cgroup"_s, false);
    add(u"lxc.cgroup2.memory.max"_s, u"lxc.cgroup2"_s, true);
    add(u"lxc.cgroup.memory.limit_in_bytes"_s, u"lxc.cgroup2"_s, false);
    add(u"lxc.net.0.ipv4.address"_s, u"lxc.net.0.ipv4.address"_s, true);
    add(u"lxc.net.0.ipv4.gateway"_s, u"lxc.net.0.ipv4.address"_s, false);
    add(u"lxc.net.1.ipv4.address"_s, u"lxc.net.0.ipv4.address"_s, false);
    add(u"lxc.net.0.ipv6.address"_s, u"lxc.net.0.ipv4.address"_s, false);
    add(u"lxc.uts.name"_s, u"lxc.net"_s, false);
    add(u"lxc.mount.entry"_s, u"lxc.mount.entry"_s, true);
    add(u"lxc.mount.fstab"_s, u"lxc.mount.entry"_s, false);
    add(u"lxc.idmap"_s, u"lxc.idmap"_s, true);
}

void TestKeys::clearedBy()
{
    QFETCH(QString, key);
    QFETCH(QString, clearKey);
    QFETCH(bool, cleared);
    QCOMPARE(keys::clearedBy(key, clearKey), cleared);
}

void TestKeys::validateValue_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("ok");

    auto add = [](const QString &key, const QString &value, bool ok) {
        QTest::addRow("%s %s = %s", ok ? "good" : "bad", qPrintable(key),
                      qPrintable(QString(value).replace(u'\n', u"\\n"_s)))
            << key << value << ok;
    };
    // A key, a good value and a bad value (nullptr: none).
    static const struct {
        const char *key, *good, *bad;
    } rows[] = {
        {"lxc.net.0.type", "veth", "bogus"},
        {"lxc.net.0.type", "macvlan", nullptr},
        {"lxc.net.0.type", "empty", nullptr},
        {"lxc.net.0.flags", "up", "sideways"},
        {"lxc.net.0.link", "lxcbr0", "abcdefghijklmnop"},
        {"lxc.net.0.hwaddr", "00:16:3e:xx:xx:xx", "01:00:5e:00:00:01"},
        {"lxc.net.0.mtu", "68", "67"},
        {"lxc.net.0.mtu", "65535", "65536"},
        {"lxc.net.0.vlan.id", "0", "4095"},
        {"lxc.net.0.vlan.id", "4094", nullptr},
        {"lxc.net.0.macvlan.mode", "bridge", "hub"},
        {"lxc.net.0.ipvlan.mode", "l3s", "l4"},
        {"lxc.net.0.ipvlan.isolation", "private", "public"},
        {"lxc.net.0.veth.mode", "router", "switch"},
        {"lxc.net.0.ipv4.address", "10.0.3.5/24 10.0.3.255", "10.0.3.5/33"},
        {"lxc.net.0.ipv4.gateway", "auto", "10.0.3.256"},
        {"lxc.net.0.ipv6.address", "fd00::5/64", "fd00:::1"},
        {"lxc.net.0.ipv6.gateway", "dev", nullptr},
        {"lxc.mount.entry", "proc proc proc defaults 0 0", "proc proc"},
        {"lxc.mount.auto", "proc:mixed sys:ro cgroup:mixed", "proc:bogus"},
        {"lxc.idmap", "u 0 100000 65536", "x 0 100000 65536"},
        {"lxc.uts.name", "web", "my host"},
        {"lxc.arch", "x86_64", "z80"},
        {"lxc.arch", "amd64", nullptr},
        {"lxc.log.level", "DEBUG", "LOUD"},
        {"lxc.log.level", "3", nullptr},
        {"lxc.namespace.keep", "user net", "bogus"},
        {"lxc.environment", "FOO=bar", "=bar"},
        {"lxc.environment", "FOO", nullptr},
        {"lxc.tty.dir", "lxc", "a/b"},
        {"lxc.signal.halt", "SIGPWR", "SIGFOO"},
        {"lxc.cap.drop", "sys_admin net_raw", "sys_adminn"},
        {"lxc.cap.drop", nullptr, "none"},
        {"lxc.cap.keep", "none", nullptr},
        {"lxc.prlimit.nofile", "1024:4096", "lots"},
        {"lxc.console.path", "none", nullptr},
        {"lxc.console.path", "/dev/console", nullptr},
        {"lxc.rootfs.path", "/var/lib/hutch/web/rootfs", nullptr},
        {"lxc.rootfs.path", "dir:/var/lib/hutch/web/rootfs", nullptr},
        {"lxc.tty.max", "4", "-1"},
        {"lxc.tty.max", nullptr, "four"},
        {"lxc.hook.version", "1", "2"},
        {"lxc.init.uid", "0", "root"},
        {"lxc.autodev", "1", "maybe"},
        {"lxc.apparmor.profile", "unconfined", "un\nconfined"},
        {"lxc.cgroup.memory.limit_in_bytes", "512M", "lots"},
        {"lxc.cgroup2.memory.max", "max", nullptr},
        {"lxc.cgroup2.cpu.weight", nullptr, "0"},
        {"lxc.sysctl.net.ipv4.ip_forward", "1", "1\n"},
    };
    for (const auto &row : rows) {
        const QString key = QString::fromUtf8(row.key);
        if (row.good)
            add(key, QString::fromUtf8(row.good), true);
        if (row.bad)
            add(key, QString::fromUtf8(row.bad), false);
    }
}

void TestKeys::validateValue()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(bool, ok);

    const auto info = keys::lookup(key);
    QVERIFY2(info.has_value(), qPrintable(key));
    const Status status = keys::validateValue(key, *info, value);
    if (ok) {
        QVERIFY2(!status, messageOf(status));
    } else {
        QVERIFY2(status.has_value(), qPrintable(u"accepted: "_s + value));
        QCOMPARE(status->code, Error::Code::InvalidArgument);
        QVERIFY(!status->message.isEmpty());
    }
}

void TestKeys::cgroupValue_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("v2");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("ok");

    auto add = [](const QString &file, bool v2, const QString &value, bool ok) {
        QTest::addRow("%s v%d %s = %s", ok ? "good" : "bad", v2 ? 2 : 1, qPrintable(file),
                      qPrintable(QString(value).replace(u'\n', u"\\n"_s)))
            << file << v2 << value << ok;
    };
    add(u"memory.limit_in_bytes"_s, false, u"512M"_s, true);
    add(u"memory.limit_in_bytes"_s, false, u"320000000"_s, true);
    add(u"memory.limit_in_bytes"_s, false, u"lots"_s, false);
    add(u"cpu.shares"_s, false, u"1024"_s, true);
    add(u"cpu.shares"_s, false, u"much"_s, false);
    add(u"cpuset.cpus"_s, false, u"0-3"_s, true);
    add(u"cpuset.cpus"_s, false, u"3-1"_s, false);
    add(u"cpuset.cpus"_s, false, u"all"_s, false);
    add(u"devices.allow"_s, false, u"c 1:3 rwm"_s, true);
    add(u"devices.deny"_s, false, u"a"_s, true);
    add(u"devices.allow"_s, false, u"c 1:3 rwx"_s, false);
    add(u"memory.max"_s, true, u"max"_s, true);
    add(u"memory.max"_s, true, u"512M"_s, true);
    add(u"memory.max"_s, true, u"lots"_s, false);
    add(u"memory.high"_s, true, u"1G"_s, true);
    add(u"memory.swap.max"_s, true, u"max"_s, true);
    add(u"cpu.max"_s, true, u"50000 100000"_s, true);
    add(u"cpu.max"_s, true, u"max"_s, true);
    add(u"cpu.max"_s, true, u"max 100000"_s, true);
    add(u"cpu.max"_s, true, u"half"_s, false);
    add(u"cpu.max"_s, true, u"50000 often"_s, false);
    add(u"cpu.weight"_s, true, u"100"_s, true);
    add(u"cpu.weight"_s, true, u"1"_s, true);
    add(u"cpu.weight"_s, true, u"10000"_s, true);
    add(u"cpu.weight"_s, true, u"0"_s, false);
    add(u"cpu.weight"_s, true, u"10001"_s, false);
    add(u"pids.max"_s, true, u"max"_s, true);
    add(u"pids.max"_s, true, u"100"_s, true);
    add(u"pids.max"_s, true, u"many"_s, false);
    add(u"cpuset.cpus"_s, true, u"0-1"_s, true);
    add(u"cpuset.cpus"_s, true, u"0-"_s, false);
    add(u"unknown.file"_s, false, u"anything at all"_s, true);
    add(u"unknown.file"_s, true, u"two\nlines"_s, false);
}

void TestKeys::cgroupValue()
{
    QFETCH(QString, file);
    QFETCH(bool, v2);
    QFETCH(QString, value);
    QFETCH(bool, ok);

    const Status status = keys::validateCgroupValue(file, v2, value);
    if (ok) {
        QVERIFY2(!status, messageOf(status));
    } else {
        QVERIFY2(status.has_value(), qPrintable(u"accepted: "_s + value));
        QCOMPARE(status->code, Error::Code::InvalidArgument);
    }
}

}  // namespace hutch

QTEST_GUILESS_MAIN(hutch::TestKeys)
#include "test_keys.moc"
