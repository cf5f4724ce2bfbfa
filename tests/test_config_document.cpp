// ConfigDocument: lossless reading and writing, edits that touch only their
// lines, value quoting, and the rewrite of legacy keys.
#include "config.h"
#include "configdocument.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(hutch::ConfigLine::Kind)

namespace hutch {

namespace {

LoadResult load(const QByteArray &bytes)
{
    return loadConfigBytes(bytes, u"doc.conf"_s, QDir::tempPath());
}

QByteArray describe(const LoadResult &r)
{
    QStringList lines;
    for (const Diagnostic &d : r.diagnostics)
        lines.append(d.toString());
    return lines.join(u'\n').toUtf8();
}

// The effective configuration as "key=value" lines, to compare two loads.
QStringList effective(const LoadResult &r)
{
    QStringList out;
    for (const ConfigEntry &e : r.config.entries())
        out.append(e.key + u'=' + e.value);
    return out;
}

}  // namespace

class TestConfigDocument : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void lineKinds_data();
    void lineKinds();
    void lineEndings();
    void setExisting_data();
    void setExisting();
    void setNewInGroup();
    void setNewAppends();
    void appendAfterLast();
    void remove();
    void indexedEdits();
    void encodeValue_data();
    void encodeValue();
    void updateLegacy();
    void updateLegacyRestartsNumbering();
    void updateLegacyKeepsMeaning_data();
    void updateLegacyKeepsMeaning();
};

void TestConfigDocument::roundTrip_data()
{
    QTest::addColumn<QByteArray>("input");

    QTest::newRow("empty") << QByteArray();
    QTest::newRow("one newline") << "\n"_ba;
    QTest::newRow("simple") << "lxc.uts.name = web\nlxc.arch = amd64\n"_ba;
    QTest::newRow("crlf") << "lxc.uts.name = web\r\nlxc.arch = amd64\r\n"_ba;
    QTest::newRow("mixed endings") << "lxc.uts.name = web\r\nlxc.arch = amd64\n# x\r\n"_ba;
    QTest::newRow("no final newline") << "lxc.uts.name = web\nlxc.arch = amd64"_ba;
    QTest::newRow("crlf, no final newline") << "# a\r\nlxc.arch = amd64"_ba;
    QTest::newRow("tabs") << "\tlxc.uts.name\t=\tweb\t\n"_ba;
    QTest::newRow("comments") << "# one\n#two\n   # three\n\t#\n"_ba;
    QTest::newRow("only comments, no newline") << "# only a comment"_ba;
    QTest::newRow("blank lines") << "\n\n\n   \n\t\n"_ba;
    QTest::newRow("weird spacing")
        << "lxc.uts.name=web\nlxc.arch     =amd64\nlxc.tty.max=   4\n"_ba;
    QTest::newRow("quoted values") << "lxc.uts.name = \"web\"\nlxc.apparmor.profile = ' x '\n"_ba;
    QTest::newRow("trailing whitespace") << "lxc.uts.name = web   \nlxc.arch = amd64 \t \n"_ba;
    QTest::newRow("empty values") << "lxc.cap.drop =\nlxc.net =   \n"_ba;
    QTest::newRow("invalid and foreign") << "lxc.foo\nhello world\n[x]\n= value\n"_ba;
    QTest::newRow("lone cr") << "lxc.uts.name = a\rlxc.arch = b\n"_ba;
    QTest::newRow("invalid utf-8") << "lxc.uts.name = \xff\xfe\n# \xc3\x28\n"_ba;
    QTest::newRow("nul byte") << QByteArray("lxc.uts.name = a\0b\n", 19);
    QTest::newRow("utf-8 bom") << "\xef\xbb\xbflxc.uts.name = web\n"_ba;
}

void TestConfigDocument::roundTrip()
{
    QFETCH(QByteArray, input);
    const ConfigDocument doc = ConfigDocument::fromBytes(input);
    QCOMPARE(doc.toBytes(), input);
    // Every line holds its own bytes: raw + eol concatenated give the input.
    QByteArray joined;
    for (const ConfigLine &line : doc.lines())
        joined += line.raw + line.eol;
    QCOMPARE(joined, input);
}

void TestConfigDocument::lineKinds_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<ConfigLine::Kind>("kind");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("modern");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QByteArray>("writtenValue");  // raw bytes of the value range

    using K = ConfigLine::Kind;
    auto entry = [](const char *tag, const QByteArray &line, const QString &key,
                    const QString &modern, const QString &value, const QByteArray &written) {
        QTest::newRow(tag) << line << K::Entry << key << modern << value << written;
    };
    auto other = [](const char *tag, const QByteArray &line, K kind) {
        QTest::newRow(tag) << line << kind << QString() << QString() << QString() << QByteArray();
    };
    const QString uts = u"lxc.uts.name"_s;
    entry("entry", "lxc.uts.name = web"_ba, uts, uts, u"web"_s, "web"_ba);
    entry("no spaces", "lxc.arch=amd64"_ba, u"lxc.arch"_s, u"lxc.arch"_s, u"amd64"_s, "amd64"_ba);
    entry("indented, trailing blanks", "  lxc.arch\t=  amd64  "_ba, u"lxc.arch"_s, u"lxc.arch"_s,
          u"amd64"_s, "amd64"_ba);
    entry("quoted", "lxc.apparmor.profile = \" x \""_ba, u"lxc.apparmor.profile"_s,
          u"lxc.apparmor.profile"_s, u" x "_s, "\" x \""_ba);
    entry("empty value", "lxc.cap.drop ="_ba, u"lxc.cap.drop"_s, u"lxc.cap.drop"_s, u""_s, ""_ba);
    entry("legacy key", "lxc.utsname = web"_ba, u"lxc.utsname"_s, uts, u"web"_s, "web"_ba);
    entry("legacy network", "lxc.network.type = veth"_ba, u"lxc.network.type"_s,
          u"lxc.net.0.type"_s, u"veth"_s, "veth"_ba);
    other("blank", ""_ba, K::Blank);
    other("blanks", " \t "_ba, K::Blank);
    other("comment", "# lxc.uts.name = web"_ba, K::Comment);
    other("indented comment", "   # x"_ba, K::Comment);
    other("invalid", "lxc.foo"_ba, K::Invalid);
    other("foreign", "foo = bar"_ba, K::Foreign);
}

void TestConfigDocument::lineKinds()
{
    QFETCH(QByteArray, line);
    QFETCH(ConfigLine::Kind, kind);
    QFETCH(QString, key);
    QFETCH(QString, modern);
    QFETCH(QString, value);
    QFETCH(QByteArray, writtenValue);

    const ConfigDocument doc = ConfigDocument::fromBytes(line + "\n");
    QCOMPARE(doc.size(), 1);
    const ConfigLine &l = doc.lines().first();
    QCOMPARE(int(l.kind), int(kind));
    QCOMPARE(l.raw, line);
    QCOMPARE(l.eol, "\n"_ba);
    if (kind != ConfigLine::Kind::Entry) {
        QVERIFY(l.modernKey.isEmpty());
        return;
    }
    QCOMPARE(l.key, key);
    QCOMPARE(l.value, value);
    QCOMPARE(l.raw.mid(l.keyBegin, l.keyEnd - l.keyBegin), key.toUtf8());
    QCOMPARE(l.raw.mid(l.valueBegin, l.valueEnd - l.valueBegin), writtenValue);
    QVERIFY(l.keyEnd <= l.valueBegin);
    QCOMPARE(l.modernKey, modern);
}

void TestConfigDocument::lineEndings()
{
    const ConfigDocument doc = ConfigDocument::fromBytes("a = 1\r\nlxc.arch = amd64\nlast"_ba);
    QCOMPARE(doc.size(), 3);
    QCOMPARE(doc.lines()[0].eol, "\r\n"_ba);
    QCOMPARE(doc.lines()[0].raw, "a = 1"_ba);
    QCOMPARE(doc.lines()[1].eol, "\n"_ba);
    QCOMPARE(doc.lines()[2].eol, QByteArray());
    QCOMPARE(doc.lines()[2].raw, "last"_ba);
    QCOMPARE(ConfigDocument::fromBytes(QByteArray()).toBytes(), QByteArray());
}

void TestConfigDocument::setExisting_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("keeps other lines")
        << "# head\nlxc.uts.name = old\n\n# tail\nlxc.arch = amd64\n"_ba
        << "# head\nlxc.uts.name = new\n\n# tail\nlxc.arch = amd64\n"_ba;
    QTest::newRow("keeps spacing") << "lxc.uts.name=old\n"_ba << "lxc.uts.name=new\n"_ba;
    QTest::newRow("keeps tabs") << "\tlxc.uts.name\t=\told\n"_ba << "\tlxc.uts.name\t=\tnew\n"_ba;
    QTest::newRow("keeps crlf") << "lxc.uts.name = old\r\nlxc.arch = amd64\r\n"_ba
                                << "lxc.uts.name = new\r\nlxc.arch = amd64\r\n"_ba;
    QTest::newRow("no final newline") << "lxc.arch = amd64\nlxc.uts.name = old"_ba
                                      << "lxc.arch = amd64\nlxc.uts.name = new"_ba;
    QTest::newRow("last occurrence") << "lxc.uts.name = a\n# x\nlxc.uts.name = b\n"_ba
                                     << "lxc.uts.name = a\n# x\nlxc.uts.name = new\n"_ba;
    QTest::newRow("was quoted") << "lxc.uts.name = \"old\"\n"_ba << "lxc.uts.name = new\n"_ba;
    QTest::newRow("legacy line") << "lxc.utsname = old\n# x\n"_ba << "lxc.utsname = new\n# x\n"_ba;
}

void TestConfigDocument::setExisting()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);

    ConfigDocument doc = ConfigDocument::fromBytes(input);
    doc.set(u"lxc.uts.name"_s, u"new"_s);
    QCOMPARE(doc.toBytes(), expected);
}

void TestConfigDocument::setNewInGroup()
{
    ConfigDocument doc = ConfigDocument::fromBytes("# networks\n"
                                                   "lxc.net.0.type = veth\n"
                                                   "lxc.net.0.flags = up\n"
                                                   "\n"
                                                   "lxc.net.1.type = veth\n"
                                                   "lxc.uts.name = web\n"_ba);
    doc.set(u"lxc.net.0.link"_s, u"lxcbr0"_s);
    QCOMPARE(doc.toBytes(), "# networks\n"
                            "lxc.net.0.type = veth\n"
                            "lxc.net.0.flags = up\n"
                            "lxc.net.0.link = lxcbr0\n"
                            "\n"
                            "lxc.net.1.type = veth\n"
                            "lxc.uts.name = web\n"_ba);
    doc.set(u"lxc.net.1.link"_s, u"br1"_s);
    QCOMPARE(doc.lines().at(6).raw, "lxc.net.1.link = br1"_ba);
    QCOMPARE(doc.lines().at(7).raw, "lxc.uts.name = web"_ba);

    const LoadResult r = load(doc.toBytes());
    QVERIFY2(!r.hasErrors(), describe(r));
    QCOMPARE(r.config.value(u"lxc.net.0.link"_s, u"(unset)"_s), u"lxcbr0"_s);
    QCOMPARE(r.config.value(u"lxc.net.1.link"_s, u"(unset)"_s), u"br1"_s);

    // Groups are found by modern name, legacy lines included.
    ConfigDocument legacy = ConfigDocument::fromBytes("lxc.network.type = veth\n"
                                                      "lxc.network.link = br0\n"
                                                      "lxc.utsname = web\n"_ba);
    legacy.set(u"lxc.net.0.flags"_s, u"up"_s);
    QCOMPARE(legacy.toBytes(), "lxc.network.type = veth\n"
                               "lxc.network.link = br0\n"
                               "lxc.net.0.flags = up\n"
                               "lxc.utsname = web\n"_ba);
}

void TestConfigDocument::setNewAppends()
{
    ConfigDocument doc = ConfigDocument::fromBytes("# c\nlxc.uts.name = web\n"_ba);
    doc.set(u"lxc.arch"_s, u"amd64"_s);
    QCOMPARE(doc.toBytes(), "# c\nlxc.uts.name = web\nlxc.arch = amd64\n"_ba);

    // Without a final newline the new line still begins a line of its own.
    ConfigDocument bare = ConfigDocument::fromBytes("lxc.uts.name = web"_ba);
    bare.set(u"lxc.arch"_s, u"amd64"_s);
    const LoadResult r = load(bare.toBytes());
    QVERIFY2(r.diagnostics.isEmpty(), describe(r));
    QCOMPARE(r.config.value(u"lxc.uts.name"_s, u"(unset)"_s), u"web"_s);
    QCOMPARE(r.config.value(u"lxc.arch"_s, u"(unset)"_s), u"amd64"_s);

    ConfigDocument empty;
    empty.set(u"lxc.uts.name"_s, u"web"_s);
    QCOMPARE(load(empty.toBytes()).config.value(u"lxc.uts.name"_s, u"(unset)"_s), u"web"_s);
}

void TestConfigDocument::appendAfterLast()
{
    ConfigDocument doc = ConfigDocument::fromBytes("lxc.cap.drop = sys_admin\n"
                                                   "lxc.uts.name = web\n"
                                                   "lxc.cap.drop = net_raw\n"
                                                   "# end\n"_ba);
    doc.append(u"lxc.cap.drop"_s, u"mknod"_s);
    QCOMPARE(doc.toBytes(), "lxc.cap.drop = sys_admin\n"
                            "lxc.uts.name = web\n"
                            "lxc.cap.drop = net_raw\n"
                            "lxc.cap.drop = mknod\n"
                            "# end\n"_ba);
    const LoadResult r = load(doc.toBytes());
    QCOMPARE(r.config.values(u"lxc.cap.drop"_s),
             (QStringList{u"sys_admin"_s, u"net_raw"_s, u"mknod"_s}));

    doc.append(u"lxc.mount.entry"_s, u"proc proc proc defaults 0 0"_s);
    QVERIFY(doc.toBytes().endsWith("# end\nlxc.mount.entry = proc proc proc defaults 0 0\n"));
}

void TestConfigDocument::remove()
{
    ConfigDocument doc = ConfigDocument::fromBytes("# keep\n"
                                                   "lxc.cap.drop = sys_admin\n"
                                                   "lxc.uts.name = web\n"
                                                   "  lxc.cap.drop=net_raw\n"
                                                   "# lxc.cap.drop = commented\n"_ba);
    QCOMPARE(doc.remove(u"lxc.cap.drop"_s), 2);
    QCOMPARE(doc.toBytes(), "# keep\nlxc.uts.name = web\n# lxc.cap.drop = commented\n"_ba);
    QCOMPARE(doc.remove(u"lxc.cap.drop"_s), 0);
    QCOMPARE(doc.remove(u"lxc.arch"_s), 0);
    QCOMPARE(doc.size(), 3);
}

void TestConfigDocument::indexedEdits()
{
    ConfigDocument doc = ConfigDocument::fromBytes("lxc.utsname  =  web # x\n"
                                                   "lxc.arch = amd64\n"
                                                   "lxc.arch = i686\n"_ba);
    QCOMPARE(doc.lastIndexOf(u"lxc.arch"_s), 2);
    // Looked up by modern name: the legacy line counts for lxc.uts.name.
    QCOMPARE(doc.lastIndexOf(u"lxc.uts.name"_s), 0);
    QCOMPARE(doc.lastIndexOf(u"lxc.utsname"_s), -1);
    QCOMPARE(doc.lastIndexOf(u"lxc.tty.max"_s), -1);

    doc.setKeyAt(0, u"lxc.uts.name"_s);
    QCOMPARE(doc.lines().at(0).raw, "lxc.uts.name  =  web # x"_ba);
    QCOMPARE(doc.lines().at(0).key, u"lxc.uts.name"_s);
    QCOMPARE(doc.lines().at(0).modernKey, u"lxc.uts.name"_s);
    QCOMPARE(doc.lastIndexOf(u"lxc.uts.name"_s), 0);
    doc.setValueAt(0, u"db"_s);
    QCOMPARE(doc.lines().at(0).raw, "lxc.uts.name  =  db"_ba);
    QCOMPARE(doc.lines().at(0).value, u"db"_s);
    doc.removeAt(1);
    QCOMPARE(doc.toBytes(), "lxc.uts.name  =  db\nlxc.arch = i686\n"_ba);
    doc.insertAt(1, u"lxc.tty.max"_s, u"4"_s);
    QCOMPARE(doc.toBytes(), "lxc.uts.name  =  db\nlxc.tty.max = 4\nlxc.arch = i686\n"_ba);
    doc.insertAt(doc.size(), u"lxc.pty.max"_s, u"1024"_s);
    QCOMPARE(doc.lines().last().raw, "lxc.pty.max = 1024"_ba);
    QCOMPARE(doc.lines().at(1).key, u"lxc.tty.max"_s);
    QCOMPARE(doc.lines().at(1).kind, ConfigLine::Kind::Entry);
}

void TestConfigDocument::encodeValue_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("quoted");

    QTest::newRow("plain") << u"plain"_s << false;
    QTest::newRow("inner blanks") << u"a b  c"_s << false;
    QTest::newRow("padded") << u" padded "_s << true;
    QTest::newRow("leading blank") << u" lead"_s << true;
    QTest::newRow("trailing blank") << u"trail "_s << true;
    QTest::newRow("leading tab") << u"\tlead"_s << true;
    QTest::newRow("double quoted") << u"\"quoted\""_s << true;
    QTest::newRow("single quoted") << u"'single'"_s << true;
    QTest::newRow("leading quote") << u"\"half"_s << true;
    QTest::newRow("mixed quotes") << u"'x\""_s << true;
    QTest::newRow("hash") << u"a # b"_s << false;
    QTest::newRow("equals") << u"a = b"_s << false;
    QTest::newRow("utf-8") << u"prøfile"_s << false;
    QTest::newRow("empty") << u""_s << false;
}

void TestConfigDocument::encodeValue()
{
    QFETCH(QString, value);
    QFETCH(bool, quoted);

    const QByteArray encoded = ConfigDocument::encodeValue(value);
    if (!quoted)
        QCOMPARE(encoded, value.toUtf8());
    else
        QVERIFY2(encoded != value.toUtf8(), encoded.constData());

    // Whatever the encoding, it reads back as the same value.
    ConfigDocument doc;
    doc.set(u"lxc.apparmor.profile"_s, value);
    const ConfigDocument back = ConfigDocument::fromBytes(doc.toBytes());
    QCOMPARE(back.size(), 1);
    QCOMPARE(back.lines().first().kind, ConfigLine::Kind::Entry);
    QCOMPARE(back.lines().first().value, value);

    ConfigDocument edited = ConfigDocument::fromBytes("lxc.apparmor.profile = old\n"_ba);
    edited.setValueAt(0, value);
    QCOMPARE(ConfigDocument::fromBytes(edited.toBytes()).lines().first().value, value);
}

void TestConfigDocument::updateLegacy()
{
    const QByteArray input = "# legacy config\n"
                             "lxc.utsname = web\n"
                             "lxc.network.type = veth\n"
                             "lxc.network.link  =  lxcbr0   \n"
                             "# the address\n"
                             "lxc.network.ipv4 = 10.0.3.5/24\n"
                             "lxc.network.type=empty\n"
                             "lxc.pivotdir = lxc_putold\n"
                             "lxc.tty\t=\t4\r\n"
                             "lxc.cgroup.memory.limit_in_bytes = 320000000\n"
                             "lxc.mount.entry = proc proc proc defaults 0 0"_ba;
    ConfigDocument doc = ConfigDocument::fromBytes(input);
    QCOMPARE(updateLegacyKeys(doc), 7);
    const QByteArray expected = "# legacy config\n"
                                "lxc.uts.name = web\n"
                                "lxc.net.0.type = veth\n"
                                "lxc.net.0.link  =  lxcbr0   \n"
                                "# the address\n"
                                "lxc.net.0.ipv4.address = 10.0.3.5/24\n"
                                "lxc.net.1.type=empty\n"
                                "lxc.tty.max\t=\t4\r\n"
                                "lxc.cgroup.memory.limit_in_bytes = 320000000\n"
                                "lxc.mount.entry = proc proc proc defaults 0 0"_ba;
    QCOMPARE(doc.toBytes(), expected);
    for (const ConfigLine &line : doc.lines())
        QCOMPARE(line.modernKey, line.key);

    const LoadResult r = load(doc.toBytes());
    QVERIFY2(r.diagnostics.isEmpty(), describe(r));

    // A second run finds nothing to do.
    QCOMPARE(updateLegacyKeys(doc), 0);
    QCOMPARE(doc.toBytes(), expected);
}

void TestConfigDocument::updateLegacyRestartsNumbering()
{
    ConfigDocument doc = ConfigDocument::fromBytes("lxc.network.type = veth\n"
                                                   "lxc.network.link = br0\n"
                                                   "lxc.network =\n"
                                                   "lxc.network.type = macvlan\n"
                                                   "lxc.network.link = eth0\n"_ba);
    QCOMPARE(updateLegacyKeys(doc), 5);
    QCOMPARE(doc.toBytes(), "lxc.net.0.type = veth\n"
                            "lxc.net.0.link = br0\n"
                            "lxc.net =\n"
                            "lxc.net.0.type = macvlan\n"
                            "lxc.net.0.link = eth0\n"_ba);
    const LoadResult r = load(doc.toBytes());
    QVERIFY2(r.diagnostics.isEmpty(), describe(r));
    QCOMPARE(r.config.networkIndices(), QList<int>{0});
    QCOMPARE(r.config.value(u"lxc.net.0.link"_s, u"(unset)"_s), u"eth0"_s);

    ConfigDocument modern = ConfigDocument::fromBytes("lxc.net.0.type = veth\n# c\n"_ba);
    QCOMPARE(updateLegacyKeys(modern), 0);
    QCOMPARE(modern.toBytes(), "lxc.net.0.type = veth\n# c\n"_ba);
}

void TestConfigDocument::updateLegacyKeepsMeaning_data()
{
    QTest::addColumn<QByteArray>("input");

    QTest::newRow("guide fixture") << [] {
        QFile f(QStringLiteral(HUTCH_TEST_DATA_DIR "/guide-2013.conf"));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    QTest::newRow("renames") << "lxc.rootfs = /srv/web\nlxc.pts = 1024\nlxc.devttydir = lxc\n"
                                "lxc.aa_profile = unconfined\nlxc.console = none\n"
                                "lxc.mount = /srv/fstab\nlxc.id_map = u 0 100000 65536\n"
                                "lxc.haltsignal = SIGPWR\nlxc.loglevel = 3\n"
                                "lxc.limit.nofile = 1024\nlxc.init_cmd = /sbin/init\n"_ba;
    QTest::newRow("networks") << "lxc.network.type = veth\nlxc.network.ipv6 = fd00::5/64\n"
                                 "lxc.network.type = veth\nlxc.network.hwaddr = 00:16:3e:xx:xx:xx\n"
                                 "lxc.network.type = empty\nlxc.network.flags = up\n"_ba;
    QTest::newRow("mixed with modern") << "lxc.utsname = a\nlxc.uts.name = b\nlxc.tty = 2\n"_ba;
}

void TestConfigDocument::updateLegacyKeepsMeaning()
{
    QFETCH(QByteArray, input);
    QVERIFY(!input.isEmpty());

    const LoadResult before = load(input);
    QVERIFY2(!before.hasErrors(), describe(before));
    ConfigDocument doc = ConfigDocument::fromBytes(input);
    QVERIFY(updateLegacyKeys(doc) > 0);
    const LoadResult after = load(doc.toBytes());
    QVERIFY2(after.diagnostics.isEmpty(), describe(after));
    QCOMPARE(effective(after), effective(before));
}

}  // namespace hutch

QTEST_GUILESS_MAIN(hutch::TestConfigDocument)
#include "test_config_document.moc"
