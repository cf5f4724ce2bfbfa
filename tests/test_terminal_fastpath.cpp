// The session's fast path for runs of printable ASCII (terminalsessionparse.cpp,
// TerminalTextScanner) at its boundaries. Each case is fed twice: in one
// piece, where long runs take the fast path, and one byte at a time, where
// every run is a single character and libvterm draws everything. Both
// terminals must end with the same cells (characters, widths, attributes,
// colours, combining marks), scrollback and cursor; where the fast path
// should have been taken, the test checks that it was.
#include "terminalsession.h"
#include "terminaltextscan.h"

#include <QtTest>

namespace {

QByteArray esc(const char *s)
{
    return QByteArray(s).replace("\\e", "\x1b");
}

QByteArray letters(int count, int offset = 0)
{
    QByteArray out;
    for (int i = 0; i < count; ++i)
        out += char('A' + (i + offset) % 58);  // A..z, with [\]^_` among them
    return out;
}

bool sameCell(const TerminalCell &a, const TerminalCell &b)
{
    return a.ch == b.ch && a.width == b.width && a.attrs == b.attrs && a.fg == b.fg && a.bg == b.bg;
}

// Empty when equal, else where they first differ.
QString difference(const TerminalSession &fast, const TerminalSession &reference)
{
    if (fast.lineCount() != reference.lineCount())
        return QStringLiteral("line count %1 vs %2").arg(fast.lineCount()).arg(reference.lineCount());
    if (fast.cursorRow() != reference.cursorRow() || fast.cursorColumn() != reference.cursorColumn())
        return QStringLiteral("cursor %1,%2 vs %3,%4")
            .arg(fast.cursorRow())
            .arg(fast.cursorColumn())
            .arg(reference.cursorRow())
            .arg(reference.cursorColumn());
    for (int i = 0; i < fast.lineCount(); ++i) {
        const TerminalLine &a = fast.line(i);
        const TerminalLine &b = reference.line(i);
        const QString where = QStringLiteral("line %1: \"%2\" vs \"%3\"").arg(i).arg(a.text(), b.text());
        if (a.size() != b.size() || a.marks != b.marks)
            return where;
        for (int c = 0; c < a.size(); ++c) {
            if (!sameCell(a.cells[size_t(c)], b.cells[size_t(c)]))
                return where + QStringLiteral(", column %1").arg(c);
        }
    }
    return {};
}

}  // namespace

class TestTerminalFastPath : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameAsLibvterm_data();
    void sameAsLibvterm();
    void splitAcrossReads_data();
    void splitAcrossReads();
    void scannerFindsTextOnlyOutsideSequences_data();
    void scannerFindsTextOnlyOutsideSequences();
};

void TestTerminalFastPath::sameAsLibvterm_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("fast");  // the fast path must have drawn some of it

    const QByteArray line = letters(30);
    QTest::newRow("short lines") << QByteArray(line + "\r\n" + line + "\r\n" + line) << true;
    QTest::newRow("wraps at the last column") << letters(200) << true;
    QTest::newRow("exactly the width, then a newline") << QByteArray(letters(40) + "\r\n" + letters(40) + "\r\nx")
                                                        << true;
    QTest::newRow("wide character before the run") << QByteArray("\xe4\xb8\xad" + letters(60)) << true;
    QTest::newRow("run starting at column 38") << QByteArray(esc("\\e[1;38H") + letters(50)) << true;
    QTest::newRow("autowrap off") << QByteArray(esc("\\e[?7l") + letters(100) + esc("\\e[?7h\r\n") + letters(50))
                                  << true;
    QTest::newRow("tabs") << QByteArray(letters(12) + "\t" + letters(20) + "\t\t" + letters(30) + "\tx") << true;
    QTest::newRow("attributes before the run")
        << QByteArray(esc("\\e[1;4;31;44m") + letters(25) + esc("\\e[38;2;10;20;30m") + letters(25) + esc("\\e[m")
                      + letters(10))
        << true;
    QTest::newRow("over existing text and colours")
        << QByteArray(esc("\\e[42m") + letters(120) + esc("\\e[m\\e[H") + letters(70, 3)) << true;
    QTest::newRow("protected (DECSCA), then selective erase")
        << QByteArray(esc("\\e[1\"q") + letters(20) + esc("\\e[0\"q") + letters(15) + esc("\\e[?2K")) << true;
    QTest::newRow("insert mode") << QByteArray(letters(25) + "\r" + esc("\\e[4h") + letters(20, 7) + esc("\\e[4l") + letters(9))
                                 << false;
    QTest::newRow("DEC graphics in G0") << QByteArray(esc("\\e(0") + "lqqqqqqqqqqqqqqqqqqqqk" + esc("\\e(B") + letters(20))
                                        << true;
    QTest::newRow("DEC graphics shifted in (SO)")
        << QByteArray(esc("\\e)0\x0e") + "tqqqqqqqqqqqqqqqqqqqqu" + "\x0f" + "qqqqqqqqqqqqqqqq") << true;
    // The first character of these runs is drawn the same in both sets: only
    // the scanner knows that the rest is not.
    QTest::newRow("DEC graphics, run starting with a letter")
        << QByteArray(esc("\\e(0") + "ABCDqqqqqqqqxxxxxxxx" + esc("\\e(B") + letters(20)) << true;
    QTest::newRow("UK set, run starting with a letter") << QByteArray(esc("\\e(A") + "A##########" + esc("\\e(B") + letters(20))
                                                         << true;
    QTest::newRow("UK set") << QByteArray(esc("\\e(A") + "###########" + esc("\\e(B") + "##########") << true;
    QTest::newRow("origin mode and margins")
        << QByteArray(esc("\\e[3;6r\\e[?6h\\e[?69h\\e[5;30s") + letters(60) + esc("\\e[?6l\\e[?69l") + letters(20))
        << true;
    QTest::newRow("REP repeats the run's last character") << QByteArray(letters(20) + esc("\\e[5b")) << true;
    QTest::newRow("combining mark after a run") << QByteArray(letters(20) + "e\xcc\x81" + letters(20)) << true;
    QTest::newRow("double-width line") << QByteArray(esc("\\e#6") + letters(70) + "\r\n" + letters(50)) << true;
    QTest::newRow("invalid UTF-8 before a run") << QByteArray("\xc3" + letters(20) + "\xff" + letters(20)) << true;
    QTest::newRow("scrolls into the scrollback") << [] {
        QByteArray out;
        for (int i = 0; i < 40; ++i)
            out += letters(i * 7 % 90, i) + (i % 3 ? "\r\n" : esc("\\e[33m\r\n"));
        return out;
    }() << true;
    const auto lines = [](int count, int seed) {
        QByteArray out;
        for (int i = 0; i < count; ++i)
            out += "\r\n" + letters((i * 13 + seed) % 45, i);  // empty, short, 39 and 40 wide, wrapping
        return out;
    };
    QTest::newRow("short lines scroll") << QByteArray(esc("\\e[10;1H") + letters(5) + lines(60, 1)) << true;
    QTest::newRow("short lines, coloured, then REP")
        << QByteArray(esc("\\e[10;1H\\e[32;41m") + letters(5) + lines(30, 2) + "\r\nxy" + esc("\\e[4b")) << true;
    QTest::newRow("short lines in a scroll region")
        << QByteArray(esc("\\e[3;7r\\e[7;1H") + letters(5) + lines(30, 3) + esc("\\e[r\\e[10;1H") + letters(3) + lines(30, 4))
        << true;
    QTest::newRow("short lines under a double-width line")
        << QByteArray(esc("\\e[2;1H\\e#6\\e[10;1H") + letters(5) + lines(20, 5)) << true;
    QTest::newRow("short lines on the alternate screen")
        << QByteArray(esc("\\e[?1049h\\e[10;1H") + letters(5) + lines(30, 6) + esc("\\e[?1049l")) << true;
    QTest::newRow("short protected lines, then selective erase")
        << QByteArray(esc("\\e[10;1H\\e[1\"q") + letters(5) + lines(30, 7) + esc("\\e[0\"q\\e[?2J")) << true;
    // Runs of many lines that all fit: most go straight to the scrollback.
    const auto fitting = [](int count, int seed) {
        QByteArray out;
        for (int i = 0; i < count; ++i)
            out += "\r\n" + letters((i * 7 + seed) % 39, i);  // empty to 38 wide
        return out;
    };
    QTest::newRow("many short lines") << QByteArray(esc("\\e[10;1H") + letters(5) + fitting(80, 1)) << true;
    QTest::newRow("many short lines, coloured background")
        << QByteArray(esc("\\e[10;1H\\e[32;41m") + letters(5) + fitting(80, 2)) << true;
    QTest::newRow("many short lines, bold and coloured foreground")
        << QByteArray(esc("\\e[10;1H\\e[1;35m") + letters(5) + fitting(80, 3)) << true;
    QTest::newRow("many short protected lines")
        << QByteArray(esc("\\e[10;1H\\e[1\"q") + letters(5) + fitting(80, 4) + esc("\\e[0\"q")) << true;
    QTest::newRow("many short lines on the alternate screen")
        << QByteArray(esc("\\e[?1049h\\e[10;1H") + letters(5) + fitting(80, 5) + esc("\\e[?1049l")) << true;
    QTest::newRow("a title between runs") << QByteArray(letters(20) + esc("\\e]0;") + letters(30) + "\x07" + letters(20))
                                          << true;
    QTest::newRow("CAN ends a sequence") << QByteArray(esc("\\e[1;2") + "\x18" + letters(20)) << true;
}

void TestTerminalFastPath::sameAsLibvterm()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, fast);
    TerminalSession whole(10, 40);
    TerminalSession reference(10, 40);
    whole.feed(bytes);
    for (char c : bytes)
        reference.feed(QByteArray(1, c));
    QCOMPARE(reference.asciiFastPathCount(), 0);
    QCOMPARE(difference(whole, reference), QString());
    if (fast)
        QVERIFY(whole.asciiFastPathCount() > 0);
}

// A character or a sequence split between two reads draws as if it came in one.
void TestTerminalFastPath::splitAcrossReads_data()
{
    QTest::addColumn<QByteArray>("first");
    QTest::addColumn<QByteArray>("second");
    QTest::addColumn<QString>("text");  // row 0

    QTest::newRow("UTF-8, two bytes") << QByteArray(letters(12) + "\xc3") << QByteArray("\xa9" + letters(12, 12))
                                      << QString::fromLatin1(letters(12)) + QStringLiteral(u"é")
            + QString::fromLatin1(letters(12, 12));
    QTest::newRow("UTF-8, three bytes after two") << QByteArray(letters(10) + "\xe4\xb8") << QByteArray("\xad" + letters(10))
                                                  << QString::fromLatin1(letters(10)) + QStringLiteral(u"中")
            + QString::fromLatin1(letters(10));
    QTest::newRow("UTF-8 after a short run") << QByteArray("ab\xc3") << QByteArray("\xa9" + letters(12))
                                             << QStringLiteral(u"abé") + QString::fromLatin1(letters(12));
    QTest::newRow("CSI") << QByteArray(letters(12) + "\x1b[3") << QByteArray("1m" + letters(12, 5))
                         << QString::fromLatin1(letters(12) + letters(12, 5));
    QTest::newRow("ESC alone") << QByteArray(letters(12) + "\x1b") << QByteArray("[1m" + letters(12, 5))
                               << QString::fromLatin1(letters(12) + letters(12, 5));
    QTest::newRow("OSC") << QByteArray(letters(12) + "\x1b]2;a title that") << QByteArray(" goes on\x07" + letters(12))
                         << QString::fromLatin1(letters(12) + letters(12));
}

void TestTerminalFastPath::splitAcrossReads()
{
    QFETCH(QByteArray, first);
    QFETCH(QByteArray, second);
    QFETCH(QString, text);
    TerminalSession s(5, 40);
    s.feed(first);
    s.feed(second);
    QCOMPARE(s.screenLineText(0), text);
    TerminalSession reference(5, 40);
    for (char c : first + second)
        reference.feed(QByteArray(1, c));
    QCOMPARE(difference(s, reference), QString());
    QVERIFY(s.asciiFastPathCount() > 0);
}

// Where the scanner stops: the first byte of text libvterm would draw.
void TestTerminalFastPath::scannerFindsTextOnlyOutsideSequences_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("stop");

    QTest::newRow("text at once") << QByteArray("abc") << 0;
    QTest::newRow("after controls") << QByteArray("\r\n\tabc") << 3;
    QTest::newRow("after SGR") << esc("\\e[1;31mabc") << 7;
    QTest::newRow("after a DEC mode") << esc("\\e[?25habc") << 6;
    QTest::newRow("after an OSC ended by BEL") << esc("\\e]0;title\aabc") << 10;
    QTest::newRow("after an OSC ended by ST") << esc("\\e]0;title\\e\\\\abc") << 11;
    QTest::newRow("after UTF-8") << QByteArray("\xc3\xa9x") << 2;
    QTest::newRow("a CSI cut short by a byte >= 0x80") << esc("\\e[1\xc3\xa9x") << 5;
    QTest::newRow("DEC graphics: none") << esc("\\e(0abc") << 6;
    QTest::newRow("back to ASCII") << esc("\\e(0ab\\e(Bc") << 8;
    QTest::newRow("origin mode: none") << esc("\\e[?6habc") << 8;
    QTest::newRow("origin mode off again") << esc("\\e[?6h\\e[?6labc") << 10;
    QTest::newRow("DECRST of a later parameter does not count") << esc("\\e[?6h\\e[?1;6labc") << 15;
    QTest::newRow("RIS resets") << esc("\\e(0\\ecabc") << 5;
}

void TestTerminalFastPath::scannerFindsTextOnlyOutsideSequences()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, stop);
    TerminalTextScanner scanner;
    QCOMPARE(int(scanner.scan(bytes.constData(), size_t(bytes.size()))), stop);
}

QTEST_GUILESS_MAIN(TestTerminalFastPath)
#include "test_terminal_fastpath.moc"
