// The source tree keeps the boundaries issue 15 drew: files stay under 800
// lines; the helper reaches monitors only through MonitorLink (requests are
// spelt in helper/monitorlink.cpp and parsed in the runtime, nowhere else);
// the D-Bus error names come from one table; Result<T> is defined once; the
// GUI calls the helper only through the generated proxy. Reads the sources
// as text (HUTCH_SOURCE_DIR); comments do not count.
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

#include <algorithm>

namespace {

const QString kSource = QStringLiteral(HUTCH_SOURCE_DIR);

bool isSource(const QString &path)
{
    static const QRegularExpression ending(QStringLiteral("\\.(cpp|h|c|cc|sh|py|cmake)$|/CMakeLists\\.txt$"));
    return ending.match(path).hasMatch();
}

// Every source file below the folders named (relative to the tree),
// relative paths; build directories and translations aside.
QStringList sources(const QStringList &folders)
{
    QStringList out;
    for (const QString &folder : folders) {
        QDirIterator it(kSource + QLatin1Char('/') + folder, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next().mid(kSource.size() + 1);
            if (isSource(path) && !path.startsWith(QLatin1String("build")) && !path.contains(QLatin1String("/build")))
                out << path;
        }
    }
    return out;
}

// The file's lines that are code (a line that starts a // comment is not).
QStringList codeLines(const QString &path)
{
    QFile f(kSource + QLatin1Char('/') + path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QStringList out;
    for (const QByteArray &line : f.readAll().split('\n')) {
        const QString s = QString::fromUtf8(line).trimmed();
        if (!s.startsWith(QLatin1String("//")) && !s.startsWith(QLatin1Char('*')) && !s.startsWith(QLatin1String("/*")))
            out << s;
    }
    return out;
}

// "path:line: text" of each code line matching `pattern` in `files`
// except those in `allowed` (paths or folder prefixes).
QStringList uses(const QStringList &files, const QRegularExpression &pattern, const QStringList &allowed)
{
    QStringList found;
    for (const QString &path : files) {
        if (std::any_of(allowed.begin(), allowed.end(), [&](const QString &a) { return path.startsWith(a); }))
            continue;
        const QStringList lines = codeLines(path);
        for (qsizetype i = 0; i < lines.size(); ++i)
            if (pattern.match(lines.at(i)).hasMatch())
                found << QStringLiteral("%1:%2: %3").arg(path).arg(i + 1).arg(lines.at(i));
    }
    return found;
}

const QStringList kProduct = {QStringLiteral("core"), QStringLiteral("cli"), QStringLiteral("helper"),
                              QStringLiteral("gui")};

}  // namespace

class TestBoundaries : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (!QFile::exists(kSource + QStringLiteral("/helper/monitorlink.cpp")))
            QSKIP("the source tree is not where it was built (HUTCH_SOURCE_DIR)");
    }

    void filesStaySmall()
    {
        const QStringList files = sources(kProduct + QStringList{QStringLiteral("tests"), QStringLiteral("bench")});
        QVERIFY(files.size() > 300);
        QStringList large;
        for (const QString &path : files) {
            QFile f(kSource + QLatin1Char('/') + path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const qsizetype lines = f.readAll().count('\n');
            if (lines > 800)
                large << QStringLiteral("%1: %2 lines").arg(path).arg(lines);
        }
        QVERIFY2(large.isEmpty(), qPrintable(large.join(QLatin1Char('\n'))));
    }

    // The runtime's client (runtime/protocol.h) is the link's own: nobody
    // else in the helper, hutchctl or the GUI opens a monitor's socket.
    void monitorsOnlyThroughTheLink()
    {
        const QStringList found = uses(sources(kProduct), QRegularExpression(QStringLiteral("\\bMonitorClient\\b")),
                                       {QStringLiteral("helper/runtime/"), QStringLiteral("helper/monitorlink.")});
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
        // The link is used: the pattern finds what it looks for.
        QVERIFY(!uses({QStringLiteral("helper/monitorlink.cpp")}, QRegularExpression(QStringLiteral("\\bMonitorClient\\b")), {})
                     .isEmpty());
    }

    void oneTableOfErrorNames()
    {
        const QRegularExpression literal(QStringLiteral("\"io\\.github\\.hutch\\.Error\\."));
        const QStringList found = uses(sources(kProduct), literal, {QStringLiteral("core/base/result.h")});
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
        QCOMPARE(uses({QStringLiteral("core/base/result.h")}, literal, {}).size(), 1);
    }

    void oneResult()
    {
        const QRegularExpression definition(QStringLiteral("^(template\\s*<.*>\\s*)?(class|struct)\\s+(\\[\\[nodiscard\\]\\]\\s+)?"
                                                           "(Basic)?Result\\b[^;]*$"));
        const QStringList found = uses(sources(kProduct), definition, {});
        QCOMPARE(found.size(), 1);
        QVERIFY2(found.first().startsWith(QLatin1String("core/base/result.h:")), qPrintable(found.first()));
    }

    // The proxy generated from the contract (Helper1Proxy) is the GUI's only
    // way to the helper: no hand-built method call.
    void guiOnlyThroughTheProxy()
    {
        const QRegularExpression raw(QStringLiteral("\\bcreateMethodCall\\b|\\bQDBusInterface\\b|\\basyncCall\\(|"
                                                    "\\bcallWithArgumentList\\("));
        const QStringList found = uses(sources({QStringLiteral("gui")}), raw, {});
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
    }
};

QTEST_GUILESS_MAIN(TestBoundaries)
#include "test_boundaries.moc"
