// The loader on hostile input: it must never crash, hang or grow without
// bound (this runs under ASan/UBSan). A config file can be written by the
// container's owner and is read by the root helper.
#include "config.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace hutch {

namespace {

constexpr qsizetype kTenMegabytes = 10 * 1024 * 1024;

QByteArray describe(const LoadResult &r)
{
    QStringList lines;
    for (const Diagnostic &d : r.diagnostics.mid(0, 20))
        lines.append(d.toString().left(200));
    return lines.isEmpty() ? QByteArray("(no diagnostics)") : lines.join(u'\n').toUtf8();
}

LoadResult load(const QByteArray &bytes, const LoadOptions &options = {})
{
    return loadConfigBytes(bytes, u"hostile.conf"_s, u"/nonexistent-hutch-dir"_s, options);
}

// What holds for any input: the document gives back the bytes, the
// diagnostics are capped and point into the file.
void checkInvariants(const QByteArray &input, const LoadResult &r, const LoadOptions &options = {})
{
    QVERIFY(r.document.toBytes() == input);
    QVERIFY2(r.diagnostics.size() <= options.maxDiagnostics + 1,
             qPrintable(QString::number(r.diagnostics.size())));
    const int lines = int(input.count('\n')) + 1;
    for (const Diagnostic &d : r.diagnostics) {
        QVERIFY(d.line >= 0 && d.line <= lines);
        QVERIFY(!d.message.isEmpty());
    }
}

}  // namespace

class TestConfigRobustness : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void randomGarbage_data();
    void randomGarbage();
    void randomConfigLike_data();
    void randomConfigLike();
    void hugeLine_data();
    void hugeLine();
    void hugeKey();
    void nulByte_data();
    void nulByte();
    void invalidUtf8_data();
    void invalidUtf8();
    void hugeIndex_data();
    void hugeIndex();
    void manyLines();
    void manyOverrides();
    void manyBadLines_data();
    void manyBadLines();
    void deepIncludes_data();
    void deepIncludes();
    void fileTooLarge();
    void includeTooLarge();
    void notARegularFile_data();
    void notARegularFile();
    void manyUnknownKeys();  // last: slow when it fails

private:
    void checkManyBadLines(const QByteArray &line, int maxDiagnostics);
};

void TestConfigRobustness::randomGarbage_data()
{
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<int>("size");
    for (quint32 seed : {1u, 2u, 42u, 20130101u})
        for (int size : {0, 1, 7, 100, 4096, 65536, 1 << 20})
            QTest::addRow("seed %u, %d bytes", seed, size) << seed << size;
}

void TestConfigRobustness::randomGarbage()
{
    QFETCH(quint32, seed);
    QFETCH(int, size);

    QRandomGenerator rng(seed);
    QByteArray bytes(size, Qt::Uninitialized);
    for (char &c : bytes)
        c = char(rng.bounded(256));
    const LoadResult r = load(bytes);
    checkInvariants(bytes, r);
}

void TestConfigRobustness::randomConfigLike_data()
{
    QTest::addColumn<quint32>("seed");
    for (quint32 seed = 1; seed <= 12; ++seed)
        QTest::addRow("seed %u", seed) << seed;
}

// Lines assembled from pieces of real configs, so that most of them reach
// the key table and the value parsers rather than stopping at "martian".
void TestConfigRobustness::randomConfigLike()
{
    QFETCH(quint32, seed);
    static const QList<QByteArray> keys = {
        "lxc.uts.name", "lxc.net.0.type", "lxc.net.1.ipv4.address", "lxc.net.0.hwaddr",
        "lxc.net", "lxc.network.type", "lxc.network.link", "lxc.network", "lxc.network.ipv4",
        "lxc.cap.drop", "lxc.cap.keep", "lxc.mount.entry", "lxc.idmap", "lxc.cgroup",
        "lxc.cgroup.memory.limit_in_bytes", "lxc.cgroup2.cpu.max", "lxc.prlimit.nofile",
        "lxc.signal.halt", "lxc.tty", "lxc.utsname", "lxc.pivotdir", "lxc.netwrk.type", "lxc.",
        "lxc..", "lxc.net.99999999999999999999.type", "lxc.net.-1.link", "lxc.cgroup2.",
        "lxc.sysctl.", "lxc.limit.", "lxc.environment", "lxc.log.level", "foo", "#", ""};
    static const QList<QByteArray> values = {
        "", "veth", "10.0.3.5/24", "00:16:3e:xx:xx:xx", "sys_admin", "none", "512M",
        "99999999999999999999G", "SIGRTMIN+99", "u 0 100000 65536", "proc proc proc",
        "\"", "'", "\"\"", "\" x \"", "=", "==", "max", "0-3,", "\xff\xfe", "\xc3", "\t",
        "\r", "\x01", "é漢", "1.5G", "-", "+", ":", "1024:", "unlimited"};
    static const QList<QByteArray> separators = {" = ", "=", " =", "\t=\t", " ", "", "=="};

    QRandomGenerator rng(seed);
    QByteArray bytes;
    const int lines = 2000;
    for (int i = 0; i < lines; ++i) {
        if (rng.bounded(8) == 0)
            bytes += QByteArray(rng.bounded(4), ' ');
        bytes += keys[rng.bounded(keys.size())];
        bytes += separators[rng.bounded(separators.size())];
        const int parts = rng.bounded(3);
        for (int p = 0; p < parts; ++p)
            bytes += values[rng.bounded(values.size())] + (rng.bounded(2) ? " " : "");
        bytes += rng.bounded(10) == 0 ? "\r\n" : "\n";
    }
    const LoadResult r = load(bytes);
    checkInvariants(bytes, r);
}

void TestConfigRobustness::hugeLine_data()
{
    QTest::addColumn<QByteArray>("prefix");
    QTest::addColumn<char>("fill");
    QTest::addColumn<int>("expectErrors");  // -1: not checked
    QTest::addColumn<bool>("expectWarnings");

    QTest::newRow("value") << "lxc.uts.name = "_ba << 'a' << 1 << false;
    QTest::newRow("list value") << "lxc.cap.drop = "_ba << 'x' << 1 << false;
    QTest::newRow("quoted value") << "lxc.apparmor.profile = \""_ba << 'q' << -1 << false;
    QTest::newRow("comment") << "# "_ba << 'c' << 0 << false;
    QTest::newRow("martian") << "martian "_ba << 'm' << 0 << true;
    QTest::newRow("blanks") << ""_ba << ' ' << 0 << false;
    QTest::newRow("equals signs") << "lxc.uts.name "_ba << '=' << 1 << false;
}

void TestConfigRobustness::hugeLine()
{
    QFETCH(QByteArray, prefix);
    QFETCH(char, fill);
    QFETCH(int, expectErrors);
    QFETCH(bool, expectWarnings);

    const QByteArray bytes = prefix + QByteArray(kTenMegabytes, fill) + "\nlxc.arch = amd64\n";
    const LoadResult r = load(bytes);
    checkInvariants(bytes, r);
    if (expectErrors >= 0) {
        int errors = 0;
        for (const Diagnostic &d : r.diagnostics)
            errors += d.severity == Diagnostic::Severity::Error;
        QCOMPARE(errors, expectErrors);
    }
    bool warned = false;
    for (const Diagnostic &d : r.diagnostics)
        warned |= d.severity == Diagnostic::Severity::Warning;
    QCOMPARE(warned, expectWarnings);
    QCOMPARE(r.config.value(u"lxc.arch"_s, u"(unset)"_s), u"amd64"_s);
    // A diagnostic quotes at most a reasonable part of the line.
    for (const Diagnostic &d : r.diagnostics)
        QVERIFY2(d.message.size() < 64 * 1024, qPrintable(QString::number(d.message.size())));
}

// An unknown 10 MB key: looking for a suggestion must not take forever.
void TestConfigRobustness::hugeKey()
{
    for (const QByteArray &line : {"lxc."_ba + QByteArray(kTenMegabytes, 'k') + " = 1\n",
                                   "lxc."_ba + QByteArray(kTenMegabytes, 'k') + "\n"}) {
        const LoadResult r = load(line);
        checkInvariants(line, r);
        QVERIFY(r.hasErrors());
        QVERIFY2(r.diagnostics.first().message.size() < 64 * 1024,
                 qPrintable(QString::number(r.diagnostics.first().message.size())));
    }
}

void TestConfigRobustness::nulByte_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("error");
    const char value[] = "lxc.apparmor.profile = ab\0cd\nlxc.arch = amd64\n";
    const char hostname[] = "lxc.uts.name = web\0\nlxc.arch = amd64\n";
    const char key[] = "lxc.uts\0.name = web\nlxc.arch = amd64\n";
    const char only[] = "\0\nlxc.arch = amd64\n";
    QTest::newRow("in a value") << QByteArray(value, sizeof(value) - 1) << true;
    QTest::newRow("ending a value") << QByteArray(hostname, sizeof(hostname) - 1) << true;
    QTest::newRow("in a key") << QByteArray(key, sizeof(key) - 1) << true;
    QTest::newRow("a line of NUL") << QByteArray(only, sizeof(only) - 1) << false;
}

void TestConfigRobustness::nulByte()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, error);

    const LoadResult r = load(input);
    checkInvariants(input, r);
    if (error) {
        QVERIFY2(r.hasErrors(), describe(r));
        QCOMPARE(r.firstError().has_value(), true);
        QCOMPARE(r.diagnostics.first().line, 1);
        for (const ConfigEntry &e : r.config.entries())
            QVERIFY2(!e.value.contains(QChar(0)) && !e.key.contains(QChar(0)), qPrintable(e.key));
    }
    QCOMPARE(r.config.value(u"lxc.arch"_s, u"(unset)"_s), u"amd64"_s);
}

void TestConfigRobustness::invalidUtf8_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("expect");  // 0: no diagnostics, 1: an error, -1: not checked

    QTest::newRow("in a hostname") << "lxc.uts.name = we\xff\xfe b\n"_ba << 1;
    QTest::newRow("in a key") << "lxc.uts\xc3.name = web\n"_ba << 1;
    QTest::newRow("overlong slash") << "lxc.mount.entry = /a \xc0\xaf etc none bind 0 0\n"_ba << -1;
    QTest::newRow("surrogate") << "lxc.apparmor.profile = \xed\xa0\x80\n"_ba << -1;
    QTest::newRow("truncated sequence") << "lxc.apparmor.profile = abc\xe6\x97\n"_ba << -1;
    QTest::newRow("in a comment") << "# caf\xe9 \xff\nlxc.arch = amd64\n"_ba << 0;
}

void TestConfigRobustness::invalidUtf8()
{
    QFETCH(QByteArray, input);
    QFETCH(int, expect);

    const LoadResult r = load(input);
    checkInvariants(input, r);
    if (expect == 0)
        QVERIFY2(r.diagnostics.isEmpty(), describe(r));
    else if (expect == 1)
        QVERIFY2(r.hasErrors(), describe(r));
}

void TestConfigRobustness::hugeIndex_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("past int") << "lxc.net.2147483648.type = veth\n"_ba;
    QTest::newRow("past int64") << "lxc.net.99999999999999999999.type = veth\n"_ba;
    QTest::newRow("legacy indexed") << "lxc.network.4294967296.type = veth\n"_ba;
}

// Network indices that overflow an int are refused, not wrapped (UBSan
// watches the arithmetic).
void TestConfigRobustness::hugeIndex()
{
    QFETCH(QByteArray, input);
    const LoadResult r = load(input);
    checkInvariants(input, r);
    QVERIFY2(r.hasErrors(), describe(r));
    for (int n : r.config.networkIndices())
        QVERIFY(n >= 0);
}

void TestConfigRobustness::manyLines()
{
    const int n = 100000;
    QByteArray bytes = "# many mounts\nlxc.uts.name = web\n";
    for (int i = 0; i < n; ++i)
        bytes += "lxc.mount.entry = /srv/d" + QByteArray::number(i) + " mnt/d"
                 + QByteArray::number(i) + " none bind,create=dir 0 0\n";
    const LoadResult r = load(bytes);
    QVERIFY2(r.diagnostics.isEmpty(), describe(r));
    QCOMPARE(r.config.entries().size(), n + 1);
    const QStringList mounts = r.config.values(u"lxc.mount.entry"_s);
    QCOMPARE(mounts.size(), n);
    QCOMPARE(mounts.last(), u"/srv/d99999 mnt/d99999 none bind,create=dir 0 0"_s);
    QCOMPARE(r.config.entries().last().line, n + 2);
    QCOMPARE(r.document.size(), n + 2);
}

void TestConfigRobustness::manyOverrides()
{
    const int n = 100000;
    QByteArray bytes;
    for (int i = 0; i < n; ++i)
        bytes += "lxc.uts.name = host" + QByteArray::number(i) + "\n";
    const LoadResult r = load(bytes);
    QVERIFY2(r.diagnostics.isEmpty(), describe(r));
    QCOMPARE(r.config.entries().size(), 1);
    QCOMPARE(r.config.value(u"lxc.uts.name"_s, u"(unset)"_s), u"host99999"_s);
    QCOMPARE(r.config.entries().first().line, n);
}

void TestConfigRobustness::manyBadLines_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<int>("maxDiagnostics");
    QTest::newRow("bad values") << "lxc.net.0.mtu = huge"_ba << 500;
    QTest::newRow("martian lines") << "this is not lxc"_ba << 500;
    QTest::newRow("no equals, cap 10") << "lxc.uts.name"_ba << 10;
    QTest::newRow("legacy keys, cap 1") << "lxc.utsname = web"_ba << 1;
}

void TestConfigRobustness::manyBadLines()
{
    QFETCH(QByteArray, line);
    QFETCH(int, maxDiagnostics);
    checkManyBadLines(line, maxDiagnostics);
}

// 100k misspelt keys: past the cap, no time goes into suggestions nobody
// will read (a config is user-writable and the root helper loads it).
void TestConfigRobustness::manyUnknownKeys()
{
    checkManyBadLines("lxc.bogus.key = 1"_ba, 500);
}

void TestConfigRobustness::checkManyBadLines(const QByteArray &line, int maxDiagnostics)
{
    const int n = 100000;
    QByteArray bytes;
    bytes.reserve(n * (line.size() + 1));
    for (int i = 0; i < n; ++i)
        bytes += line + '\n';
    LoadOptions options;
    options.maxDiagnostics = maxDiagnostics;
    const LoadResult r = load(bytes, options);
    checkInvariants(bytes, r, options);
    // The first problems in full, then one line with the count of the rest.
    QCOMPARE(r.diagnostics.size(), maxDiagnostics + 1);
    QCOMPARE(r.diagnostics.first().line, 1);
    QCOMPARE(r.diagnostics[maxDiagnostics - 1].line, maxDiagnostics);
    const QString more = QString::number(n - maxDiagnostics);
    QVERIFY2(r.diagnostics.last().message.contains(more),
             qPrintable(r.diagnostics.last().toString()));
}

void TestConfigRobustness::deepIncludes_data()
{
    QTest::addColumn<int>("files");
    QTest::addColumn<int>("maxDepth");
    QTest::addColumn<bool>("ok");
    QTest::newRow("200 files, default limit") << 200 << 0 << false;
    QTest::newRow("200 files, limit 250") << 200 << 250 << true;
}

void TestConfigRobustness::deepIncludes()
{
    QFETCH(int, files);
    QFETCH(int, maxDepth);
    QFETCH(bool, ok);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    for (int i = 0; i < files; ++i) {
        QFile f(dir.filePath(u"f%1.conf"_s.arg(i)));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("lxc.cap.drop = sys_admin\n");
        if (i + 1 < files)
            f.write("lxc.include = f" + QByteArray::number(i + 1) + ".conf\n");
    }
    LoadOptions options;
    if (maxDepth > 0)
        options.maxIncludeDepth = maxDepth;
    const LoadResult r = loadConfigFile(dir.filePath(u"f0.conf"_s), options);
    QCOMPARE(r.hasErrors(), !ok);
    QVERIFY2(r.diagnostics.size() <= 3, describe(r));
    if (ok)
        QCOMPARE(r.config.values(u"lxc.cap.drop"_s).size(), files);
    else
        QVERIFY(r.config.values(u"lxc.cap.drop"_s).size() < files);
}

void TestConfigRobustness::fileTooLarge()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"config"_s);
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    for (int i = 0; i < 200; ++i)
        f.write("lxc.cap.drop = sys_admin\n");
    f.close();

    LoadOptions options;
    options.maxFileSize = 1024;
    const LoadResult r = loadConfigFile(path, options);
    const std::optional<Error> error = r.firstError();
    QVERIFY(error.has_value());
    QVERIFY2(error->message.contains(u"too large"_s, Qt::CaseInsensitive),
             qPrintable(error->message));
    QCOMPARE(r.diagnostics.size(), 1);
    QCOMPARE(r.diagnostics.first().line, 0);
    QCOMPARE(r.diagnostics.first().file, path);
    QVERIFY(r.config.entries().isEmpty());

    // Within the limit it loads.
    options.maxFileSize = 1024 * 1024;
    const LoadResult fits = loadConfigFile(path, options);
    QVERIFY2(!fits.hasErrors(), describe(fits));
    QCOMPARE(fits.config.values(u"lxc.cap.drop"_s).size(), 200);
}

void TestConfigRobustness::includeTooLarge()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString big = dir.filePath(u"big.conf"_s);
    QFile f(big);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(8192, '#'));
    f.close();
    QFile main(dir.filePath(u"main.conf"_s));
    QVERIFY(main.open(QIODevice::WriteOnly));
    main.write("lxc.uts.name = web\nlxc.include = big.conf\n");
    main.close();

    LoadOptions options;
    options.maxFileSize = 1024;
    const LoadResult r = loadConfigFile(main.fileName(), options);
    QVERIFY(r.hasErrors());
    const Diagnostic d = r.diagnostics.first();
    QVERIFY2(d.message.contains(u"too large"_s, Qt::CaseInsensitive), qPrintable(d.message));
    QVERIFY2(d.file == big || d.message.contains(u"big.conf"_s), qPrintable(d.toString()));
    QCOMPARE(r.config.value(u"lxc.uts.name"_s, u"(unset)"_s), u"web"_s);
}

void TestConfigRobustness::notARegularFile_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("missing") << u"/nonexistent-hutch-dir/config"_s;
    QTest::newRow("directory") << QDir::tempPath();
    // Endless: the size limit must hold while reading, not only by stat().
    QTest::newRow("/dev/zero") << u"/dev/zero"_s;
}

void TestConfigRobustness::notARegularFile()
{
    QFETCH(QString, path);
    if (!QFileInfo::exists(path) && path.startsWith(u"/dev/"_s))
        QSKIP("no such device here");
    LoadOptions options;
    options.maxFileSize = 1024 * 1024;
    const LoadResult r = loadConfigFile(path, options);
    const std::optional<Error> error = r.firstError();
    QVERIFY(error.has_value());
    QVERIFY2(error->message.contains(path), qPrintable(error->message));
    QVERIFY(r.config.entries().isEmpty());
}

}  // namespace hutch

QTEST_GUILESS_MAIN(hutch::TestConfigRobustness)
#include "test_config_robustness.moc"
