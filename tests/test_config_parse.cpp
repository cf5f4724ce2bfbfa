// The config loader on text in memory: LXC's syntax, lists and overrides,
// network indices, legacy keys and the diagnostics for bad lines and values.
#include "config.h"
#include "keys.h"

#include <QDir>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace hutch {

namespace {

const QString kFile = u"test.conf"_s;
const QString kUnset = u"(unset)"_s;

LoadResult load(const QByteArray &bytes)
{
    return loadConfigBytes(bytes, kFile, QDir::tempPath());
}

// All diagnostics, one a line, for failure messages.
QByteArray describe(const LoadResult &r)
{
    QStringList lines;
    for (const Diagnostic &d : r.diagnostics)
        lines.append(d.toString());
    return lines.isEmpty() ? QByteArray("(no diagnostics)") : lines.join(u'\n').toUtf8();
}

QList<Diagnostic> ofSeverity(const LoadResult &r, Diagnostic::Severity severity)
{
    QList<Diagnostic> out;
    for (const Diagnostic &d : r.diagnostics)
        if (d.severity == severity)
            out.append(d);
    return out;
}

QList<Diagnostic> errors(const LoadResult &r) { return ofSeverity(r, Diagnostic::Severity::Error); }
QList<Diagnostic> warnings(const LoadResult &r)
{
    return ofSeverity(r, Diagnostic::Severity::Warning);
}

bool hasDiagnosticAt(const QList<Diagnostic> &list, int line)
{
    return std::any_of(list.begin(), list.end(),
                       [&](const Diagnostic &d) { return d.line == line; });
}

}  // namespace

class TestConfigParse : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void syntax_data();
    void syntax();
    void lists_data();
    void lists();
    void clearNetworks();
    void clearCgroupKeepsCgroup2();
    void networkIndices_data();
    void networkIndices();
    void legacyKeys_data();
    void legacyKeys();
    void removedKeys_data();
    void removedKeys();
    void guideFixture();
    void unknownKey();
    void values_data();
    void values();
    void otherLines_data();
    void otherLines();
    void diagnosticToString();
    void applyDirectly();
    void withPrefix();
};

void TestConfigParse::syntax_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("expected");

    const QString uts = u"lxc.uts.name"_s;
    const QString aa = u"lxc.apparmor.profile"_s;
    QTest::newRow("spaces") << "lxc.uts.name = web\n"_ba << uts << u"web"_s;
    QTest::newRow("no spaces") << "lxc.uts.name=web\n"_ba << uts << u"web"_s;
    QTest::newRow("space before =") << "lxc.uts.name =web\n"_ba << uts << u"web"_s;
    QTest::newRow("space after =") << "lxc.uts.name= web\n"_ba << uts << u"web"_s;
    QTest::newRow("many spaces") << "lxc.uts.name     =     web\n"_ba << uts << u"web"_s;
    QTest::newRow("tabs") << "lxc.uts.name\t=\tweb\n"_ba << uts << u"web"_s;
    QTest::newRow("leading spaces") << "   lxc.uts.name = web\n"_ba << uts << u"web"_s;
    QTest::newRow("leading tab") << "\tlxc.uts.name = web\n"_ba << uts << u"web"_s;
    QTest::newRow("trailing spaces") << "lxc.uts.name = web   \n"_ba << uts << u"web"_s;
    QTest::newRow("trailing tab") << "lxc.uts.name = web\t\n"_ba << uts << u"web"_s;
    QTest::newRow("crlf") << "lxc.uts.name = web\r\nlxc.arch = amd64\r\n"_ba << uts << u"web"_s;
    QTest::newRow("no final newline") << "lxc.uts.name = web"_ba << uts << u"web"_s;
    QTest::newRow("comment after") << "lxc.uts.name = web\n# lxc.uts.name = other\n"_ba << uts
                                   << u"web"_s;
    QTest::newRow("indented comment") << "lxc.uts.name = web\n  \t# lxc.uts.name = other\n"_ba
                                      << uts << u"web"_s;
    QTest::newRow("blank lines") << "\n\n   \n\t\nlxc.uts.name = web\n\n"_ba << uts << u"web"_s;
    QTest::newRow("last wins") << "lxc.uts.name = a\nlxc.uts.name = b\nlxc.uts.name = c\n"_ba
                               << uts << u"c"_s;
    QTest::newRow("double quotes") << "lxc.uts.name = \"web\"\n"_ba << uts << u"web"_s;
    QTest::newRow("single quotes") << "lxc.uts.name = 'web'\n"_ba << uts << u"web"_s;
    QTest::newRow("quoted padding") << "lxc.apparmor.profile = \" padded \"\n"_ba << aa
                                    << u" padded "_s;
    QTest::newRow("mismatched quotes") << "lxc.apparmor.profile = \"abc'\n"_ba << aa
                                       << u"\"abc'"_s;
    QTest::newRow("one pair removed") << "lxc.apparmor.profile = \"\"abc\"\"\n"_ba << aa
                                      << u"\"abc\""_s;
    QTest::newRow("lone quote") << "lxc.apparmor.profile = \"\n"_ba << aa << u"\""_s;
    QTest::newRow("inner quotes") << "lxc.apparmor.profile = a\"b\"c\n"_ba << aa << u"a\"b\"c"_s;
    QTest::newRow("inner blanks") << "lxc.apparmor.profile = a  b\n"_ba << aa << u"a  b"_s;
    QTest::newRow("equals in value") << "lxc.apparmor.profile = a=b\n"_ba << aa << u"a=b"_s;
    // LXC has no comments after a value: the '#' is part of it.
    QTest::newRow("hash in value") << "lxc.apparmor.profile = unconfined # note\n"_ba << aa
                                   << u"unconfined # note"_s;
    QTest::newRow("utf-8 value") << "lxc.apparmor.profile = prøfile\n"_ba << aa << u"prøfile"_s;
}

void TestConfigParse::syntax()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, key);
    QFETCH(QString, expected);

    const LoadResult r = load(input);
    QVERIFY2(r.diagnostics.isEmpty(), describe(r));
    const std::optional<QString> v = r.config.value(key);
    QVERIFY(v.has_value());
    QCOMPARE(*v, expected);
    QCOMPARE(r.config.value(key, u"fallback"_s), expected);
    QCOMPARE(r.document.toBytes(), input);
}

void TestConfigParse::lists_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("cap.drop repeated")
        << "lxc.cap.drop = sys_admin\nlxc.cap.drop = net_raw mknod\n"_ba << u"lxc.cap.drop"_s
        << QStringList{u"sys_admin"_s, u"net_raw mknod"_s};
    QTest::newRow("cap.drop cleared")
        << "lxc.cap.drop = sys_admin\nlxc.cap.drop =\nlxc.cap.drop = mknod\n"_ba
        << u"lxc.cap.drop"_s << QStringList{u"mknod"_s};
    QTest::newRow("cap.drop cleared last") << "lxc.cap.drop = sys_admin\nlxc.cap.drop = \n"_ba
                                           << u"lxc.cap.drop"_s << QStringList{};
    QTest::newRow("mount.entry in order")
        << "lxc.mount.entry = proc proc proc defaults 0 0\n"
           "lxc.uts.name = web\n"
           "lxc.mount.entry = sysfs sys sysfs ro 0 0\n"_ba
        << u"lxc.mount.entry"_s
        << QStringList{u"proc proc proc defaults 0 0"_s, u"sysfs sys sysfs ro 0 0"_s};
    QTest::newRow("mount.entry cleared")
        << "lxc.mount.entry = proc proc proc defaults 0 0\nlxc.mount.entry =\n"
           "lxc.mount.entry = tmpfs tmp tmpfs defaults 0 0\n"_ba
        << u"lxc.mount.entry"_s << QStringList{u"tmpfs tmp tmpfs defaults 0 0"_s};
    QTest::newRow("idmap") << "lxc.idmap = u 0 100000 65536\nlxc.idmap = g 0 100000 65536\n"_ba
                           << u"lxc.idmap"_s
                           << QStringList{u"u 0 100000 65536"_s, u"g 0 100000 65536"_s};
    QTest::newRow("ipv4 addresses")
        << "lxc.net.0.type = veth\nlxc.net.0.ipv4.address = 10.0.3.5/24\n"
           "lxc.net.0.ipv4.address = 10.0.4.5/24\n"_ba
        << u"lxc.net.0.ipv4.address"_s << QStringList{u"10.0.3.5/24"_s, u"10.0.4.5/24"_s};
    const QByteArray twoNets = "lxc.net.0.type = veth\nlxc.net.0.ipv4.address = 10.0.3.5/24\n"
                               "lxc.net.1.type = veth\nlxc.net.1.ipv4.address = 10.0.4.5/24\n"
                               "lxc.net.0.ipv4.address =\n"
                               "lxc.net.0.ipv4.address = 10.0.5.5/24\n"_ba;
    QTest::newRow("ipv4 cleared") << twoNets << u"lxc.net.0.ipv4.address"_s
                                  << QStringList{u"10.0.5.5/24"_s};
    QTest::newRow("other net kept") << twoNets << u"lxc.net.1.ipv4.address"_s
                                    << QStringList{u"10.0.4.5/24"_s};
    QTest::newRow("environment") << "lxc.environment = A=1\nlxc.environment = B=2\n"_ba
                                 << u"lxc.environment"_s << QStringList{u"A=1"_s, u"B=2"_s};
    QTest::newRow("cgroup cleared")
        << "lxc.cgroup.devices.deny = a\nlxc.cgroup =\nlxc.cgroup.devices.allow = c 1:3 rwm\n"_ba
        << u"lxc.cgroup.devices.deny"_s << QStringList{};
}

void TestConfigParse::lists()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, key);
    QFETCH(QStringList, expected);

    const LoadResult r = load(input);
    QVERIFY2(!r.hasErrors(), describe(r));
    QCOMPARE(r.config.values(key), expected);
}

void TestConfigParse::clearNetworks()
{
    const LoadResult r = load("lxc.net.0.type = veth\nlxc.net.0.link = lxcbr0\n"
                              "lxc.net.1.type = empty\nlxc.uts.name = web\n"
                              "lxc.net =\n"
                              "lxc.net.0.type = macvlan\n"_ba);
    QVERIFY2(!r.hasErrors(), describe(r));
    QCOMPARE(r.config.networkIndices(), QList<int>{0});
    QCOMPARE(r.config.value(u"lxc.net.0.type"_s, kUnset), u"macvlan"_s);
    QVERIFY(!r.config.value(u"lxc.net.0.link"_s).has_value());
    QVERIFY(!r.config.value(u"lxc.net.1.type"_s).has_value());
    QCOMPARE(r.config.value(u"lxc.uts.name"_s, kUnset), u"web"_s);
}

void TestConfigParse::clearCgroupKeepsCgroup2()
{
    const LoadResult r = load("lxc.cgroup.memory.limit_in_bytes = 512M\n"
                              "lxc.cgroup2.memory.max = 1G\n"
                              "lxc.cgroup =\n"_ba);
    QVERIFY2(!r.hasErrors(), describe(r));
    QVERIFY(!r.config.value(u"lxc.cgroup.memory.limit_in_bytes"_s).has_value());
    QCOMPARE(r.config.value(u"lxc.cgroup2.memory.max"_s, kUnset), u"1G"_s);

    const LoadResult r2 = load("lxc.cgroup.memory.limit_in_bytes = 512M\n"
                               "lxc.cgroup2.memory.max = 1G\n"
                               "lxc.cgroup2 =\n"_ba);
    QVERIFY2(!r2.hasErrors(), describe(r2));
    QCOMPARE(r2.config.value(u"lxc.cgroup.memory.limit_in_bytes"_s, kUnset), u"512M"_s);
    QVERIFY(!r2.config.value(u"lxc.cgroup2.memory.max"_s).has_value());
}

void TestConfigParse::networkIndices_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QList<int>>("expected");

    QTest::newRow("none") << "lxc.uts.name = web\n"_ba << QList<int>{};
    QTest::newRow("sorted") << "lxc.net.0.type = veth\nlxc.net.2.type = veth\n"
                               "lxc.net.1.type = empty\n"_ba
                            << QList<int>{0, 1, 2};
    QTest::newRow("gap") << "lxc.net.12.type = veth\nlxc.net.12.ipv4.address = 10.0.3.5/24\n"
                            "lxc.net.3.type = veth\n"_ba
                         << QList<int>{3, 12};
    QTest::newRow("legacy two") << "lxc.network.type = veth\nlxc.network.link = br0\n"
                                   "lxc.network.type = empty\n"_ba
                                << QList<int>{0, 1};
    QTest::newRow("legacy restart") << "lxc.network.type = veth\nlxc.network =\n"
                                       "lxc.network.type = macvlan\n"_ba
                                    << QList<int>{0};
    QTest::newRow("cleared") << "lxc.net.0.type = veth\nlxc.net =\n"_ba << QList<int>{};
}

void TestConfigParse::networkIndices()
{
    QFETCH(QByteArray, input);
    QFETCH(QList<int>, expected);

    const LoadResult r = load(input);
    QVERIFY2(!r.hasErrors(), describe(r));
    QCOMPARE(r.config.networkIndices(), expected);
}

void TestConfigParse::legacyKeys_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("line");  // the legacy line
    QTest::addColumn<QString>("modern");
    QTest::addColumn<QString>("value");

    auto add = [](const char *legacy, const char *value, const QString &modern) {
        QTest::addRow("%s", legacy) << QByteArray(legacy) + " = " + value + "\n" << 1 << modern
                                    << QString::fromUtf8(value);
    };
    add("lxc.rootfs", "/var/lib/lxc/web/rootfs", u"lxc.rootfs.path"_s);
    add("lxc.utsname", "web", u"lxc.uts.name"_s);
    add("lxc.tty", "4", u"lxc.tty.max"_s);
    add("lxc.pts", "1024", u"lxc.pty.max"_s);
    add("lxc.devttydir", "lxc", u"lxc.tty.dir"_s);
    add("lxc.aa_profile", "unconfined", u"lxc.apparmor.profile"_s);
    add("lxc.aa_allow_incomplete", "1", u"lxc.apparmor.allow_incomplete"_s);
    add("lxc.console", "none", u"lxc.console.path"_s);
    add("lxc.mount", "/var/lib/lxc/web/fstab", u"lxc.mount.fstab"_s);
    add("lxc.id_map", "u 0 100000 65536", u"lxc.idmap"_s);
    add("lxc.haltsignal", "SIGPWR", u"lxc.signal.halt"_s);
    add("lxc.rebootsignal", "SIGINT", u"lxc.signal.reboot"_s);
    add("lxc.stopsignal", "SIGKILL", u"lxc.signal.stop"_s);
    add("lxc.loglevel", "DEBUG", u"lxc.log.level"_s);
    add("lxc.logfile", "/var/log/lxc/web.log", u"lxc.log.file"_s);
    add("lxc.syslog", "daemon", u"lxc.log.syslog"_s);
    add("lxc.init_cmd", "/sbin/init", u"lxc.init.cmd"_s);
    add("lxc.init_uid", "1000", u"lxc.init.uid"_s);
    add("lxc.init_gid", "1000", u"lxc.init.gid"_s);
    add("lxc.limit.nofile", "1024:4096", u"lxc.prlimit.nofile"_s);
    add("lxc.seccomp", "/usr/share/lxc/config/common.seccomp", u"lxc.seccomp.profile"_s);
    add("lxc.se_context", "system_u:system_r:lxc_t:s0:c22", u"lxc.selinux.context"_s);

    auto addNet = [](const char *member, const char *value, const QString &modern) {
        const QByteArray key = QByteArray("lxc.network.") + member;
        QTest::addRow("%s", key.constData())
            << "lxc.network.type = veth\n"_ba + key + " = " + value + "\n" << 2 << modern
            << QString::fromUtf8(value);
    };
    QTest::newRow("lxc.network.type") << "lxc.network.type = veth\n"_ba << 1 << u"lxc.net.0.type"_s
                                      << u"veth"_s;
    addNet("flags", "up", u"lxc.net.0.flags"_s);
    addNet("link", "lxcbr0", u"lxc.net.0.link"_s);
    addNet("name", "eth0", u"lxc.net.0.name"_s);
    addNet("hwaddr", "00:16:3e:xx:xx:xx", u"lxc.net.0.hwaddr"_s);
    addNet("mtu", "1500", u"lxc.net.0.mtu"_s);
    addNet("veth.pair", "vethweb", u"lxc.net.0.veth.pair"_s);
    addNet("ipv4", "10.0.3.5/24", u"lxc.net.0.ipv4.address"_s);
    addNet("ipv4.gateway", "10.0.3.1", u"lxc.net.0.ipv4.gateway"_s);
    addNet("ipv6", "fd00::5/64", u"lxc.net.0.ipv6.address"_s);
    addNet("ipv6.gateway", "fd00::1", u"lxc.net.0.ipv6.gateway"_s);
    addNet("script.up", "/usr/local/bin/up", u"lxc.net.0.script.up"_s);
    addNet("lxcscript.up", "/usr/local/bin/up", u"lxc.net.0.script.up"_s);
}

void TestConfigParse::legacyKeys()
{
    QFETCH(QByteArray, input);
    QFETCH(int, line);
    QFETCH(QString, modern);
    QFETCH(QString, value);

    const LoadResult r = load(input);
    QVERIFY2(!r.hasErrors(), describe(r));
    QVERIFY2(hasDiagnosticAt(warnings(r), line), describe(r));
    const auto info = keys::lookup(modern);
    QVERIFY2(info.has_value(), qPrintable(modern));
    if (info->multiplicity == keys::Multiplicity::List)
        QCOMPARE(r.config.values(modern), QStringList{value});
    else
        QCOMPARE(r.config.value(modern, kUnset), value);
    // Nothing is left under a legacy name, and the entry remembers how it was written.
    for (const ConfigEntry &e : r.config.entries()) {
        QVERIFY2(!keys::translateLegacy(e.key).has_value(), qPrintable(e.key));
        if (e.line == line) {
            QCOMPARE(e.key, modern);
            QCOMPARE(e.writtenKey.toUtf8(), input.split('\n')[line - 1].split(' ').first());
        }
    }
}

void TestConfigParse::removedKeys_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("pivotdir") << "lxc.pivotdir = lxc_putold\n"_ba;
    QTest::newRow("kmsg") << "lxc.kmsg = 0\n"_ba;
    QTest::newRow("rootfs.backend") << "lxc.rootfs.backend = dir\n"_ba;
}

void TestConfigParse::removedKeys()
{
    QFETCH(QByteArray, input);
    const LoadResult r = load(input);
    QVERIFY2(!r.hasErrors(), describe(r));
    QCOMPARE(warnings(r).size(), 1);
    QCOMPARE(warnings(r).first().line, 1);
    QVERIFY(r.config.entries().isEmpty());
}

void TestConfigParse::guideFixture()
{
    const QString path = QStringLiteral(HUTCH_TEST_DATA_DIR "/guide-2013.conf");
    const LoadResult r = loadConfigFile(path);
    QVERIFY2(!r.hasErrors(), describe(r));

    // One warning for each legacy line, none for the modern ones.
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    int legacyLines = 0;
    for (int i = 0; i < lines.size(); ++i) {
        const QByteArray key = lines[i].split('=').first().trimmed();
        if (!key.startsWith("lxc."))
            continue;
        const bool legacy = keys::translateLegacy(QString::fromUtf8(key)).has_value();
        legacyLines += legacy;
        QVERIFY2(hasDiagnosticAt(warnings(r), i + 1) == legacy,
                 qPrintable(u"line %1: "_s.arg(i + 1) + QString::fromUtf8(describe(r))));
    }
    QCOMPARE(legacyLines, 21);

    const Config &c = r.config;
    auto value = [&](const char *key) { return c.value(QString::fromUtf8(key), u"(unset)"_s); };
    QCOMPARE(c.networkIndices(), (QList<int>{0, 1}));
    QCOMPARE(value("lxc.net.0.type"), u"veth"_s);
    QCOMPARE(value("lxc.net.0.flags"), u"up"_s);
    QCOMPARE(value("lxc.net.0.link"), u"lxcbr0"_s);
    QCOMPARE(value("lxc.net.0.name"), u"eth0"_s);
    QCOMPARE(value("lxc.net.0.hwaddr"), u"00:16:3e:xx:xx:xx"_s);
    QCOMPARE(c.values(u"lxc.net.0.ipv4.address"_s), QStringList{u"10.0.3.5/24 10.0.3.255"_s});
    QCOMPARE(c.values(u"lxc.net.0.ipv6.address"_s), QStringList{u"fd00::5/64"_s});
    const QString up = u"/usr/local/bin/guide-net-up"_s;
    if (keys::lookup(u"lxc.net.0.script.up"_s)->multiplicity == keys::Multiplicity::List)
        QCOMPARE(c.values(u"lxc.net.0.script.up"_s), QStringList{up});
    else
        QCOMPARE(value("lxc.net.0.script.up"), up);
    QCOMPARE(value("lxc.net.1.type"), u"macvlan"_s);
    QCOMPARE(value("lxc.net.1.flags"), u"up"_s);
    QCOMPARE(value("lxc.net.1.link"), u"eth0"_s);
    QCOMPARE(value("lxc.net.1.name"), u"eth1"_s);
    QCOMPARE(value("lxc.net.1.hwaddr"), u"00:16:3e:12:34:56"_s);
    QVERIFY(c.values(u"lxc.net.1.ipv4.address"_s).isEmpty());
    QCOMPARE(value("lxc.rootfs.path"), u"/var/lib/lxc/guide/rootfs"_s);
    QCOMPARE(value("lxc.mount.fstab"), u"/var/lib/lxc/guide/fstab"_s);
    QCOMPARE(c.values(u"lxc.mount.entry"_s),
             (QStringList{u"proc proc proc nodev,noexec,nosuid 0 0"_s,
                          u"sysfs sys sysfs defaults 0 0"_s}));
    QCOMPARE(value("lxc.uts.name"), u"guide"_s);
    QCOMPARE(value("lxc.arch"), u"amd64"_s);
    QCOMPARE(value("lxc.tty.max"), u"4"_s);
    QCOMPARE(value("lxc.pty.max"), u"1024"_s);
    QCOMPARE(value("lxc.tty.dir"), u"lxc"_s);
    QCOMPARE(value("lxc.apparmor.profile"), u"lxc-container-default"_s);
    QCOMPARE(value("lxc.console.path"), u"/var/log/lxc/guide.console"_s);
    QCOMPARE(c.values(u"lxc.cap.drop"_s),
             QStringList{u"sys_module mac_admin mac_override sys_time"_s});
    QCOMPARE(value("lxc.cgroup.memory.limit_in_bytes"), u"320000000"_s);
    QCOMPARE(c.withPrefix(u"lxc.cgroup."_s).size(), 3);
    QVERIFY(!c.value(u"lxc.network.type"_s).has_value());
    QVERIFY(!c.value(u"lxc.utsname"_s).has_value());

    for (const ConfigEntry &e : c.entries()) {
        QCOMPARE(e.file, path);
        QVERIFY2(keys::lookup(e.key).has_value(), qPrintable(e.key));
        QVERIFY(e.line >= 6 && e.line <= 37);
    }
}

void TestConfigParse::unknownKey()
{
    const LoadResult r = load("lxc.uts.name = web\n\n"
                              "lxc.netwrk.type = veth\n"
                              "lxc.arch = amd64\n"_ba);
    QVERIFY(r.hasErrors());
    const QList<Diagnostic> errs = errors(r);
    QCOMPARE(errs.size(), 1);
    const Diagnostic &d = errs.first();
    QCOMPARE(d.file, kFile);
    QCOMPARE(d.line, 3);
    QVERIFY2(d.message.contains(u"\"lxc.netwrk.type\""_s), qPrintable(d.message));
    QVERIFY2(d.message.contains(u"did you mean \"lxc.network.type\""_s), qPrintable(d.message));
    QCOMPARE(d.toString(), u"test.conf:3: "_s + d.message);
    QVERIFY(r.firstError().has_value());
    QVERIFY(r.firstError()->message.contains(u"lxc.netwrk.type"_s));

    // The other lines are still read.
    QCOMPARE(r.config.value(u"lxc.uts.name"_s, kUnset), u"web"_s);
    QCOMPARE(r.config.value(u"lxc.arch"_s, kUnset), u"amd64"_s);
    for (const ConfigEntry &e : r.config.entries())
        QVERIFY(!e.key.contains(u"netwrk"_s));

    const LoadResult clean = load("lxc.uts.name = web\n"_ba);
    QVERIFY(!clean.hasErrors());
    QVERIFY(!clean.firstError().has_value());
}

void TestConfigParse::values_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("ok");

    auto add = [](const QString &key, const QString &value, bool ok) {
        QTest::addRow("%s %s = %s", ok ? "good" : "bad", qPrintable(key), qPrintable(value))
            << key << value << ok;
    };
    // A key, a good value and a bad value (nullptr: none).
    static const struct {
        const char *key, *good, *bad;
    } rows[] = {
        {"lxc.uts.name", "web", "bad host!"},
        {"lxc.net.0.type", "macvlan", "vethh"},
        {"lxc.net.0.flags", "up", "sideways"},
        {"lxc.net.0.link", "lxcbr0", "abcdefghijklmnop"},
        {"lxc.net.0.hwaddr", "00:16:3e:xx:xx:xx", "01:00:5e:00:00:01"},
        {"lxc.net.0.mtu", "1500", "70000"},
        {"lxc.net.0.vlan.id", "100", "5000"},
        {"lxc.net.0.macvlan.mode", "vepa", "hub"},
        {"lxc.net.0.ipv4.address", "10.0.3.5/24", "10.0.3.256/24"},
        {"lxc.net.0.ipv4.gateway", "auto", "10.0.3.999"},
        {"lxc.net.0.ipv6.address", "fd00::5/64", "fd00::5/129"},
        {"lxc.net.0.ipv6.gateway", "fd00::1", "fd00:::1"},
        {"lxc.mount.entry", "proc proc proc defaults 0 0", "proc proc"},
        {"lxc.mount.auto", "proc:mixed sys:ro", "proc:wrong"},
        {"lxc.idmap", "u 0 100000 65536", "x 0 100000 65536"},
        {"lxc.cap.drop", "sys_admin net_raw", "sys_adminn"},
        {"lxc.cap.keep", "none", nullptr},
        {"lxc.cap.drop", nullptr, "none"},
        {"lxc.signal.halt", "SIGPWR", "SIGFOO"},
        {"lxc.tty.max", "4", "four"},
        {"lxc.init.uid", "1000", "-1"},
        {"lxc.autodev", "1", "maybe"},
        {"lxc.log.level", "DEBUG", "LOUD"},
        {"lxc.arch", "x86_64", "z80"},
        {"lxc.tty.dir", "lxc", "a/b"},
        {"lxc.namespace.keep", "user net", "bogus"},
        {"lxc.hook.version", "1", "2"},
        {"lxc.console.path", "none", nullptr},
        {"lxc.rootfs.path", "dir:/var/lib/hutch/web/rootfs", nullptr},
        {"lxc.environment", "FOO=bar", nullptr},
        {"lxc.prlimit.nofile", "1024:4096", "lots"},
        {"lxc.cgroup.memory.limit_in_bytes", "512M", "lots"},
        {"lxc.cgroup.cpuset.cpus", "0-3", "3-1"},
        {"lxc.cgroup2.memory.max", "max", nullptr},
        {"lxc.cgroup2.cpu.max", "50000 100000", nullptr},
        {"lxc.cgroup2.cpu.weight", nullptr, "0"},
        {"lxc.sysctl.net.ipv4.ip_forward", "1", nullptr},
    };
    for (const auto &row : rows) {
        const QString key = QString::fromUtf8(row.key);
        if (row.good)
            add(key, QString::fromUtf8(row.good), true);
        if (row.bad)
            add(key, QString::fromUtf8(row.bad), false);
    }
}

// Each value on line 2, after a network type so that lxc.net.0.* keys have
// their network.
void TestConfigParse::values()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(bool, ok);

    const QByteArray input = "lxc.net.0.type = veth\n"_ba + key.toUtf8() + " = " + value.toUtf8()
                             + "\n";
    const LoadResult r = load(input);
    if (ok) {
        QVERIFY2(!r.hasErrors(), describe(r));
        const auto info = keys::lookup(key);
        QVERIFY(info.has_value());
        if (info->multiplicity == keys::Multiplicity::List)
            QCOMPARE(r.config.values(key), QStringList{value});
        else
            QCOMPARE(r.config.value(key, kUnset), value);
        return;
    }
    const QList<Diagnostic> errs = errors(r);
    QVERIFY2(errs.size() == 1, describe(r));
    QCOMPARE(errs.first().line, 2);
    QCOMPARE(errs.first().file, kFile);
    QVERIFY2(errs.first().message.contains(key), qPrintable(errs.first().message));
}

// Lines that are not entries: a warning when LXC ignores them (not "lxc."),
// an error when LXC refuses them ("lxc." without '='). Either way the
// lines around them are read.
void TestConfigParse::otherLines_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<bool>("error");
    QTest::newRow("words") << "this is not a config line"_ba << false;
    QTest::newRow("other key") << "foo.bar = baz"_ba << false;
    QTest::newRow("lxc without dot") << "lxcfoo = 1"_ba << false;
    QTest::newRow("upper case") << "LXC.uts.name = web"_ba << false;
    QTest::newRow("ini section") << "[container]"_ba << false;
    QTest::newRow("lxc.foo") << "lxc.foo"_ba << true;
    QTest::newRow("known key, no =") << "lxc.uts.name web"_ba << true;
    QTest::newRow("indented, no =") << "   lxc.arch"_ba << true;
    QTest::newRow("lxc. alone") << "lxc."_ba << true;
}

void TestConfigParse::otherLines()
{
    QFETCH(QByteArray, line);
    QFETCH(bool, error);

    const LoadResult r = load("lxc.arch = amd64\n"_ba + line + "\nlxc.tty.max = 2\n");
    const QList<Diagnostic> found = error ? errors(r) : warnings(r);
    QVERIFY2(r.diagnostics.size() == 1 && found.size() == 1, describe(r));
    QCOMPARE(found.first().line, 2);
    QCOMPARE(found.first().toString(),
             (error ? u"test.conf:2: "_s : u"test.conf:2: warning: "_s) + found.first().message);
    QCOMPARE(r.config.entries().size(), 2);
    QCOMPARE(r.config.value(u"lxc.arch"_s, kUnset), u"amd64"_s);
    QCOMPARE(r.config.value(u"lxc.tty.max"_s, kUnset), u"2"_s);
}

void TestConfigParse::diagnosticToString()
{
    Diagnostic d;
    d.severity = Diagnostic::Severity::Error;
    d.file = u"/var/lib/hutch/web/config"_s;
    d.line = 12;
    d.message = u"bad value"_s;
    QCOMPARE(d.toString(), u"/var/lib/hutch/web/config:12: bad value"_s);
    d.severity = Diagnostic::Severity::Warning;
    QCOMPARE(d.toString(), u"/var/lib/hutch/web/config:12: warning: bad value"_s);
}

void TestConfigParse::applyDirectly()
{
    Config c;
    auto entry = [](const char *key, const char *value) {
        ConfigEntry e;
        e.key = QString::fromUtf8(key);
        e.writtenKey = e.key;
        e.value = QString::fromUtf8(value);
        e.file = u"mem"_s;
        return e;
    };
    c.apply(entry("lxc.uts.name", "a"));
    c.apply(entry("lxc.cap.drop", "sys_admin"));
    c.apply(entry("lxc.uts.name", "b"));
    c.apply(entry("lxc.cap.drop", "mknod"));
    c.apply(entry("lxc.net.0.type", "veth"));
    QCOMPARE(c.value(u"lxc.uts.name"_s, kUnset), u"b"_s);
    QCOMPARE(c.values(u"lxc.cap.drop"_s), (QStringList{u"sys_admin"_s, u"mknod"_s}));
    QCOMPARE(c.entries().size(), 4);
    c.apply(entry("lxc.cap.drop", ""));
    QVERIFY(c.values(u"lxc.cap.drop"_s).isEmpty());
    c.apply(entry("lxc.net", ""));
    QVERIFY(c.networkIndices().isEmpty());
    QVERIFY(!c.value(u"lxc.net.0.type"_s).has_value());
    QCOMPARE(c.value(u"lxc.uts.name"_s, kUnset), u"b"_s);
    QCOMPARE(c.value(u"lxc.arch"_s, u"none"_s), u"none"_s);
}

void TestConfigParse::withPrefix()
{
    const LoadResult r = load("lxc.cgroup2.memory.max = 1G\nlxc.cgroup.cpu.shares = 512\n"
                              "lxc.uts.name = web\nlxc.cgroup2.cpu.weight = 50\n"_ba);
    QVERIFY2(!r.hasErrors(), describe(r));
    const QList<ConfigEntry> v2 = r.config.withPrefix(u"lxc.cgroup2."_s);
    QCOMPARE(v2.size(), 2);
    QCOMPARE(v2[0].key, u"lxc.cgroup2.memory.max"_s);
    QCOMPARE(v2[1].key, u"lxc.cgroup2.cpu.weight"_s);
    QCOMPARE(r.config.withPrefix(u"lxc.cgroup."_s).size(), 1);
    QVERIFY(r.config.withPrefix(u"lxc.net."_s).isEmpty());
}

}  // namespace hutch

QTEST_GUILESS_MAIN(hutch::TestConfigParse)
#include "test_config_parse.moc"
