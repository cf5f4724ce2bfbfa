// lxc.include of files and directories: order, relative paths, provenance of
// entries and diagnostics, and the errors for missing files, cycles and depth.
#include "config.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace hutch {

namespace {

QByteArray describe(const LoadResult &r)
{
    QStringList lines;
    for (const Diagnostic &d : r.diagnostics)
        lines.append(d.toString());
    return lines.isEmpty() ? QByteArray("(no diagnostics)") : lines.join(u'\n').toUtf8();
}

QList<Diagnostic> errors(const LoadResult &r)
{
    QList<Diagnostic> out;
    for (const Diagnostic &d : r.diagnostics)
        if (d.severity == Diagnostic::Severity::Error)
            out.append(d);
    return out;
}

bool samePath(const QString &a, const QString &b)
{
    return QFileInfo(a).canonicalFilePath() == QFileInfo(b).canonicalFilePath()
           && !QFileInfo(a).canonicalFilePath().isEmpty();
}

}  // namespace

class TestConfigInclude : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void includeFile();
    void includeOrder_data();
    void includeOrder();
    void includeDirectory();
    void includeEmptyDirectory();
    void missingInclude_data();
    void missingInclude();
    void cycle_data();
    void cycle();
    void depth_data();
    void depth();
    void relativeToIncludingFile();
    void relativeToBaseDir();
    void diagnosticsInIncludes();
    void legacyNetworksAcrossFiles();

private:
    QString path(const QString &name) const { return m_dir->filePath(name); }
    void write(const QString &name, const QByteArray &data);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestConfigInclude::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestConfigInclude::write(const QString &name, const QByteArray &data)
{
    const QString p = path(name);
    QVERIFY(QDir().mkpath(QFileInfo(p).absolutePath()));
    QFile f(p);
    QVERIFY2(f.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(p));
    QCOMPARE(f.write(data), data.size());
}

void TestConfigInclude::includeFile()
{
    const QByteArray main = "lxc.uts.name = web\nlxc.include = "_ba
                            + path(u"common.conf"_s).toUtf8() + "\nlxc.arch = amd64\n";
    write(u"main.conf"_s, main);
    write(u"common.conf"_s, "lxc.cap.drop = sys_admin\n# comment\nlxc.tty.max = 4\n"_ba);

    const LoadResult r = loadConfigFile(path(u"main.conf"_s));
    QVERIFY2(r.diagnostics.isEmpty(), describe(r));
    const QList<ConfigEntry> &e = r.config.entries();
    QCOMPARE(e.size(), 4);
    // Expanded in place, each entry with the file and line it comes from.
    QCOMPARE(e[0].key, u"lxc.uts.name"_s);
    QVERIFY(samePath(e[0].file, path(u"main.conf"_s)));
    QCOMPARE(e[0].line, 1);
    QCOMPARE(e[1].key, u"lxc.cap.drop"_s);
    QVERIFY2(samePath(e[1].file, path(u"common.conf"_s)), qPrintable(e[1].file));
    QCOMPARE(e[1].line, 1);
    QCOMPARE(e[2].key, u"lxc.tty.max"_s);
    QVERIFY(samePath(e[2].file, path(u"common.conf"_s)));
    QCOMPARE(e[2].line, 3);
    QCOMPARE(e[3].key, u"lxc.arch"_s);
    QVERIFY(samePath(e[3].file, path(u"main.conf"_s)));
    QCOMPARE(e[3].line, 3);
    // The document is the top-level file only.
    QCOMPARE(r.document.toBytes(), main);
}

void TestConfigInclude::includeOrder_data()
{
    QTest::addColumn<QByteArray>("main");
    QTest::addColumn<QString>("expected");
    QTest::newRow("include overrides earlier")
        << "lxc.uts.name = a\nlxc.include = inc.conf\n"_ba << u"b"_s;
    QTest::newRow("later overrides include")
        << "lxc.include = inc.conf\nlxc.uts.name = c\n"_ba << u"c"_s;
    QTest::newRow("quoted include path") << "lxc.include = \"inc.conf\"\n"_ba << u"b"_s;
}

void TestConfigInclude::includeOrder()
{
    QFETCH(QByteArray, main);
    QFETCH(QString, expected);
    write(u"main.conf"_s, main);
    write(u"inc.conf"_s, "lxc.uts.name = b\n"_ba);

    const LoadResult r = loadConfigFile(path(u"main.conf"_s));
    QVERIFY2(!r.hasErrors(), describe(r));
    QCOMPARE(r.config.value(u"lxc.uts.name"_s, u"(unset)"_s), expected);
}

void TestConfigInclude::includeDirectory()
{
    // Written out of order; read sorted by name.
    write(u"conf.d/20-c.conf"_s, "lxc.cap.drop = mknod\nlxc.uts.name = c\n"_ba);
    write(u"conf.d/02-a.conf"_s, "lxc.cap.drop = sys_admin\nlxc.uts.name = a\n"_ba);
    write(u"conf.d/10-b.conf"_s, "lxc.cap.drop = net_raw\n"_ba);
    // Not *.conf: ignored, though they would be errors if read.
    write(u"conf.d/readme.txt"_s, "lxc.bogus = 1\n"_ba);
    write(u"conf.d/30-d.conf.bak"_s, "lxc.bogus = 1\n"_ba);
    write(u"conf.d/conf"_s, "lxc.bogus = 1\n"_ba);
    write(u"main.conf"_s, "lxc.include = conf.d\nlxc.arch = amd64\n"_ba);

    const LoadResult r = loadConfigFile(path(u"main.conf"_s));
    QVERIFY2(r.diagnostics.isEmpty(), describe(r));
    QCOMPARE(r.config.values(u"lxc.cap.drop"_s),
             (QStringList{u"sys_admin"_s, u"net_raw"_s, u"mknod"_s}));
    QCOMPARE(r.config.value(u"lxc.uts.name"_s, u"(unset)"_s), u"c"_s);
    QCOMPARE(r.config.entries().last().key, u"lxc.arch"_s);
    for (const ConfigEntry &e : r.config.entries()) {
        if (e.key == u"lxc.cap.drop"_s && e.value == u"net_raw"_s) {
            QVERIFY2(samePath(e.file, path(u"conf.d/10-b.conf"_s)), qPrintable(e.file));
            QCOMPARE(e.line, 1);
        }
    }

    // The same with a trailing slash.
    write(u"main.conf"_s, "lxc.include = conf.d/\n"_ba);
    const LoadResult slash = loadConfigFile(path(u"main.conf"_s));
    QVERIFY2(slash.diagnostics.isEmpty(), describe(slash));
    QCOMPARE(slash.config.values(u"lxc.cap.drop"_s).size(), 3);
}

void TestConfigInclude::includeEmptyDirectory()
{
    QVERIFY(QDir(m_dir->path()).mkdir(u"empty.d"_s));
    write(u"main.conf"_s, "lxc.include = empty.d\nlxc.uts.name = web\n"_ba);
    const LoadResult r = loadConfigFile(path(u"main.conf"_s));
    QVERIFY2(!r.hasErrors(), describe(r));
    QCOMPARE(r.config.entries().size(), 1);
}

void TestConfigInclude::missingInclude_data()
{
    QTest::addColumn<bool>("absolute");
    QTest::newRow("absolute") << true;
    QTest::newRow("relative") << false;
}

void TestConfigInclude::missingInclude()
{
    QFETCH(bool, absolute);
    const QString target = absolute ? path(u"nothere.conf"_s) : u"nothere.conf"_s;
    write(u"main.conf"_s, "lxc.uts.name = web\n\nlxc.include = "_ba + target.toUtf8()
                              + "\nlxc.arch = amd64\n");

    const LoadResult r = loadConfigFile(path(u"main.conf"_s));
    const QList<Diagnostic> errs = errors(r);
    QCOMPARE(errs.size(), 1);
    QVERIFY2(errs[0].message.contains(target), qPrintable(errs[0].message));
    QVERIFY(samePath(errs[0].file, path(u"main.conf"_s)));
    QCOMPARE(errs[0].line, 3);
    // The rest of the file is still read.
    QCOMPARE(r.config.value(u"lxc.arch"_s, u"(unset)"_s), u"amd64"_s);
}

void TestConfigInclude::cycle_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::newRow("a -> b -> a") << "lxc.uts.name = a\nlxc.include = b.conf\n"_ba
                                 << "lxc.arch = amd64\nlxc.include = a.conf\n"_ba;
    QTest::newRow("a -> a") << "lxc.uts.name = a\nlxc.include = a.conf\n"_ba << QByteArray();
    QTest::newRow("a -> dir containing a") << "lxc.uts.name = a\nlxc.include = .\n"_ba
                                           << "lxc.arch = amd64\n"_ba;
}

void TestConfigInclude::cycle()
{
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    write(u"a.conf"_s, a);
    if (!b.isNull())
        write(u"b.conf"_s, b);

    const LoadResult r = loadConfigFile(path(u"a.conf"_s));
    QVERIFY2(r.hasErrors(), describe(r));
    QCOMPARE(r.config.value(u"lxc.uts.name"_s, u"(unset)"_s), u"a"_s);
    // Bounded: a cycle is reported, not followed to the depth limit many times over.
    QVERIFY2(r.diagnostics.size() <= 3, describe(r));
}

void TestConfigInclude::depth_data()
{
    QTest::addColumn<int>("files");
    QTest::addColumn<int>("maxDepth");  // 0: default options
    QTest::addColumn<bool>("ok");
    QTest::newRow("chain of 5") << 5 << 0 << true;
    QTest::newRow("chain of 40") << 40 << 0 << false;
    QTest::newRow("chain of 40, limit 64") << 40 << 64 << true;
    QTest::newRow("chain of 10, limit 4") << 10 << 4 << false;
}

void TestConfigInclude::depth()
{
    QFETCH(int, files);
    QFETCH(int, maxDepth);
    QFETCH(bool, ok);

    for (int i = 0; i + 1 < files; ++i)
        write(u"f%1.conf"_s.arg(i), "lxc.include = f"_ba + QByteArray::number(i + 1) + ".conf\n");
    write(u"f%1.conf"_s.arg(files - 1), "lxc.uts.name = deep\n"_ba);

    LoadOptions options;
    if (maxDepth > 0)
        options.maxIncludeDepth = maxDepth;
    const LoadResult r = loadConfigFile(path(u"f0.conf"_s), options);
    if (ok) {
        QVERIFY2(r.diagnostics.isEmpty(), describe(r));
        QCOMPARE(r.config.value(u"lxc.uts.name"_s, u"(unset)"_s), u"deep"_s);
    } else {
        QVERIFY2(r.hasErrors(), describe(r));
        QVERIFY(!r.config.value(u"lxc.uts.name"_s).has_value());
        QVERIFY2(r.diagnostics.size() <= 3, describe(r));
    }
}

void TestConfigInclude::relativeToIncludingFile()
{
    write(u"main.conf"_s, "lxc.include = sub/inc.conf\n"_ba);
    write(u"sub/inc.conf"_s, "lxc.arch = amd64\nlxc.include = other.conf\n"_ba);
    write(u"sub/other.conf"_s, "lxc.uts.name = right\n"_ba);
    write(u"other.conf"_s, "lxc.uts.name = wrong\n"_ba);

    const LoadResult r = loadConfigFile(path(u"main.conf"_s));
    QVERIFY2(r.diagnostics.isEmpty(), describe(r));
    QCOMPARE(r.config.value(u"lxc.uts.name"_s, u"(unset)"_s), u"right"_s);
    QCOMPARE(r.config.value(u"lxc.arch"_s, u"(unset)"_s), u"amd64"_s);
    const ConfigEntry &uts = r.config.entries().last();
    QVERIFY2(samePath(uts.file, path(u"sub/other.conf"_s)), qPrintable(uts.file));
}

void TestConfigInclude::relativeToBaseDir()
{
    write(u"other.conf"_s, "lxc.uts.name = base\n"_ba);
    write(u"sub/other.conf"_s, "lxc.uts.name = sub\n"_ba);

    const LoadResult r = loadConfigBytes("lxc.include = other.conf\n"_ba, u"memory"_s,
                                         path(u"sub"_s));
    QVERIFY2(r.diagnostics.isEmpty(), describe(r));
    QCOMPARE(r.config.value(u"lxc.uts.name"_s, u"(unset)"_s), u"sub"_s);
}

void TestConfigInclude::diagnosticsInIncludes()
{
    write(u"main.conf"_s, "lxc.arch = amd64\nlxc.include = inc.d\n"_ba);
    write(u"inc.d/net.conf"_s, "# network\nlxc.net.0.type = veth\nlxc.net.0.mtu = 99999\n"_ba);
    write(u"inc.d/old.conf"_s, "\nlxc.utsname = web\n"_ba);

    const LoadResult r = loadConfigFile(path(u"main.conf"_s));
    const QList<Diagnostic> errs = errors(r);
    QCOMPARE(errs.size(), 1);
    QVERIFY2(samePath(errs[0].file, path(u"inc.d/net.conf"_s)), qPrintable(errs[0].file));
    QCOMPARE(errs[0].line, 3);
    QVERIFY(errs[0].message.contains(u"lxc.net.0.mtu"_s));
    QVERIFY(errs[0].toString().startsWith(errs[0].file + u":3: "_s));

    bool legacyWarned = false;
    for (const Diagnostic &d : r.diagnostics)
        if (d.severity == Diagnostic::Severity::Warning && d.line == 2
            && samePath(d.file, path(u"inc.d/old.conf"_s)))
            legacyWarned = true;
    QVERIFY2(legacyWarned, describe(r));
}

void TestConfigInclude::legacyNetworksAcrossFiles()
{
    write(u"main.conf"_s, "lxc.network.type = veth\nlxc.include = inc.conf\n"
                          "lxc.network.link = br1\n"_ba);
    write(u"inc.conf"_s, "lxc.network.link = br0\nlxc.network.type = empty\n"_ba);

    const LoadResult r = loadConfigFile(path(u"main.conf"_s));
    QVERIFY2(!r.hasErrors(), describe(r));
    QCOMPARE(r.config.networkIndices(), (QList<int>{0, 1}));
    QCOMPARE(r.config.value(u"lxc.net.0.link"_s, u"(unset)"_s), u"br0"_s);
    QCOMPARE(r.config.value(u"lxc.net.1.type"_s, u"(unset)"_s), u"empty"_s);
    QCOMPARE(r.config.value(u"lxc.net.1.link"_s, u"(unset)"_s), u"br1"_s);
}

}  // namespace hutch

QTEST_GUILESS_MAIN(hutch::TestConfigInclude)
#include "test_config_include.moc"
