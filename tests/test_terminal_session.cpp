// TerminalSession without any widget: tables of bytes → expected cells and
// attributes, in the spirit of libvterm's t/*.test files, plus the session's
// own work: scrollback, the alternate screen, the title, key encoding,
// bracketed paste, search, the fd and the batching of updates.
#include "terminalkeys.h"
#include "terminalsearch.h"
#include "terminalsession.h"

#include <QSignalSpy>
#include <QtTest>

#include <cerrno>
#include <thread>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

Q_DECLARE_METATYPE(TerminalColor)

namespace {

QByteArray esc(const char *s)
{
    return QByteArray(s).replace("\\e", "\x1b");
}

// Reads whatever the session wrote to the peer of its fd, waiting up to a
// second for the first byte.
QByteArray readPeer(int fd)
{
    QByteArray out;
    pollfd p { fd, POLLIN, 0 };
    int timeout = 1000;
    while (::poll(&p, 1, timeout) > 0) {
        char buf[4096];
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n <= 0)
            break;
        out.append(buf, n);
        timeout = 20;  // then only what is already on its way
    }
    return out;
}

struct SocketPair
{
    int session = -1;
    int peer = -1;
    SocketPair()
    {
        int fds[2];
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) == 0) {
            session = fds[0];
            peer = fds[1];
        }
    }
    ~SocketPair()
    {
        if (peer >= 0)
            ::close(peer);
    }
};

QStringList screenText(const TerminalSession &s)
{
    QStringList rows;
    for (int r = 0; r < s.rows(); ++r)
        rows << s.screenLineText(r);
    return rows;
}

}  // namespace

class TestTerminalSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void screen_data();
    void screen();
    void attributes_data();
    void attributes();
    void wideAndCombining();
    void reverseVideoIsScreenWide();
    void alternateScreen();
    void title();
    void cursorAndMouseModes();
    void bell();
    void scrollbackInOrderAndPoppedOnResize();
    void scrollbackCapacity();
    void scrollbackNotFromAlternateScreen();
    void keys_data();
    void keys();
    void bracketedPaste();
    void deviceStatusReply();
    void search();
    void sizeGoesToSocketAsSignal();
    void sizeGoesToPtyAsIoctl();
    void updatesAreBatched();
    void hangUpEmitsFinished();
    void erasedCellsKeepTheBackground();
    void floodThroughPtyLosesNothing();
};

// Bytes into a 5x10 terminal → the screen's rows as text and the cursor.
void TestTerminalSession::screen_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("rows");
    QTest::addColumn<QPoint>("cursor");  // (column, row)

    const QString e;
    QTest::newRow("text") << esc("hello") << QStringList { "hello", e, e, e, e } << QPoint(5, 0);
    QTest::newRow("CR LF") << esc("ab\r\ncd") << QStringList { "ab", "cd", e, e, e } << QPoint(2, 1);
    QTest::newRow("autowrap") << esc("0123456789ab")
                              << QStringList { "0123456789", "ab", e, e, e } << QPoint(2, 1);
    QTest::newRow("backspace") << esc("abc\bX") << QStringList { "abX", e, e, e, e } << QPoint(3, 0);
    QTest::newRow("tab") << esc("a\tb") << QStringList { "a       b", e, e, e, e } << QPoint(9, 0);
    QTest::newRow("CUP") << esc("\\e[3;4Hx") << QStringList { e, e, "   x", e, e } << QPoint(4, 2);
    QTest::newRow("CUP clamps") << esc("\\e[99;99H") << QStringList { e, e, e, e, e } << QPoint(9, 4);
    QTest::newRow("CUU CUD CUF CUB") << esc("\\e[3;3H\\e[2Aa\\e[3Bb\\e[2Cc\\e[5Dd")
                                     << QStringList { "  a", e, e, "  db  c", e } << QPoint(3, 3);
    QTest::newRow("CHA VPA") << esc("abc\\e[1Gx\\e[3dy") << QStringList { "xbc", e, " y", e, e }
                             << QPoint(2, 2);
    QTest::newRow("EL 0") << esc("abcdef\\e[1;3H\\e[K") << QStringList { "ab", e, e, e, e } << QPoint(2, 0);
    QTest::newRow("EL 1") << esc("abcdef\\e[1;3H\\e[1K") << QStringList { "   def", e, e, e, e }
                          << QPoint(2, 0);
    QTest::newRow("EL 2") << esc("abcdef\\e[2K") << QStringList { e, e, e, e, e } << QPoint(6, 0);
    const QByteArray three = esc("aaa\r\nbbb\r\nccc");
    QTest::newRow("ED 0") << three + esc("\\e[2;2H\\e[J") << QStringList { "aaa", "b", e, e, e }
                          << QPoint(1, 1);
    QTest::newRow("ED 1") << three + esc("\\e[2;2H\\e[1J") << QStringList { e, "  b", "ccc", e, e }
                          << QPoint(1, 1);
    QTest::newRow("ED 2") << three + esc("\\e[2J") << QStringList { e, e, e, e, e } << QPoint(3, 2);
    QTest::newRow("IL") << three + esc("\\e[2;1H\\e[L") << QStringList { "aaa", e, "bbb", "ccc", e }
                        << QPoint(0, 1);
    QTest::newRow("IL 2") << three + esc("\\e[1;1H\\e[2L")
                          << QStringList { e, e, "aaa", "bbb", "ccc" } << QPoint(0, 0);
    QTest::newRow("DL") << three + esc("\\e[1;1H\\e[M") << QStringList { "bbb", "ccc", e, e, e }
                        << QPoint(0, 0);
    QTest::newRow("ICH") << esc("abcd\\e[1;2H\\e[2@") << QStringList { "a  bcd", e, e, e, e }
                         << QPoint(1, 0);
    QTest::newRow("DCH") << esc("abcdef\\e[1;2H\\e[2P") << QStringList { "adef", e, e, e, e }
                         << QPoint(1, 0);
    QTest::newRow("ECH") << esc("abcdef\\e[1;2H\\e[2X") << QStringList { "a  def", e, e, e, e }
                         << QPoint(1, 0);
    const QByteArray five = esc("1\r\n2\r\n3\r\n4\r\n5");
    QTest::newRow("region LF scrolls region only") << five + esc("\\e[2;4r\\e[4;1H\nx")
                                                   << QStringList { "1", "3", "4", "x", "5" }
                                                   << QPoint(1, 3);
    QTest::newRow("region SU") << five + esc("\\e[2;4r\\e[S") << QStringList { "1", "3", "4", e, "5" }
                               << QPoint(0, 0);
    QTest::newRow("region SD") << five + esc("\\e[2;4r\\e[T") << QStringList { "1", e, "2", "3", "5" }
                               << QPoint(0, 0);
    QTest::newRow("region RI at top") << five + esc("\\e[2;4r\\e[2;1H\\eM")
                                      << QStringList { "1", e, "2", "3", "5" } << QPoint(0, 1);
    QTest::newRow("region IL") << five + esc("\\e[2;4r\\e[3;1H\\e[L")
                               << QStringList { "1", "2", e, "3", "5" } << QPoint(0, 2);
    QTest::newRow("full LF scrolls") << five + esc("\nz") << QStringList { "2", "3", "4", "5", " z" }
                                     << QPoint(2, 4);
    QTest::newRow("RI at the top scrolls the whole screen down")
        << five + esc("\\e[1;1H\\eM") << QStringList { e, "1", "2", "3", "4" } << QPoint(0, 0);
    QTest::newRow("many LF turn the screen round")
        << esc("1\r\n2\r\n3\r\n4\r\n5\r\n6\r\n7\r\n8\r\n9\r\n10\r\n11\r\n12")
        << QStringList { "8", "9", "10", "11", "12" } << QPoint(2, 4);
    QTest::newRow("DECSED keeps protected cells")
        << esc("\\e[1\"qab\\e[0\"qcd\\e[2;1Hxy\\e[?2J") << QStringList { "ab", e, e, e, e } << QPoint(2, 1);
    QTest::newRow("DCH after a wide character")
        << QStringLiteral(u"a中bcd\x1b[1;4H\x1b[P").toUtf8() << QStringList { QStringLiteral(u"a中cd"), e, e, e, e }
        << QPoint(3, 0);
    QTest::newRow("save restore cursor") << esc("ab\\e7\\e[4;4Hx\\e8c")
                                         << QStringList { "abc", e, e, "   x", e } << QPoint(3, 0);
}

void TestTerminalSession::screen()
{
    QFETCH(QByteArray, input);
    QFETCH(QStringList, rows);
    QFETCH(QPoint, cursor);
    TerminalSession s(5, 10);
    s.feed(input);
    QCOMPARE(screenText(s), rows);
    QCOMPARE(QPoint(s.cursorColumn(), s.cursorRow()), cursor);
}

// Bytes, then "X": the attributes of the cell holding X.
void TestTerminalSession::attributes_data()
{
    QTest::addColumn<QByteArray>("sgr");
    QTest::addColumn<TerminalColor>("fg");
    QTest::addColumn<TerminalColor>("bg");
    QTest::addColumn<int>("attrs");
    QTest::addColumn<int>("underline");

    const TerminalColor def;
    using C = TerminalColor;
    using A = TerminalCell;
    QTest::newRow("plain") << esc("") << def << def << 0 << 0;
    QTest::newRow("16 fg") << esc("\\e[31m") << C::indexed(1) << def << 0 << 0;
    QTest::newRow("16 bg") << esc("\\e[42m") << def << C::indexed(2) << 0 << 0;
    QTest::newRow("16 bright fg") << esc("\\e[94m") << C::indexed(12) << def << 0 << 0;
    QTest::newRow("16 bright bg") << esc("\\e[103m") << def << C::indexed(11) << 0 << 0;
    QTest::newRow("bold brightens") << esc("\\e[1;31m") << C::indexed(9) << def << int(A::Bold) << 0;
    QTest::newRow("256 fg") << esc("\\e[38;5;196m") << C::indexed(196) << def << 0 << 0;
    QTest::newRow("256 bg") << esc("\\e[48;5;22m") << def << C::indexed(22) << 0 << 0;
    QTest::newRow("256 grey") << esc("\\e[38;5;250m") << C::indexed(250) << def << 0 << 0;
    QTest::newRow("24-bit fg") << esc("\\e[38;2;10;20;30m") << C::rgb(10, 20, 30) << def << 0 << 0;
    QTest::newRow("24-bit bg") << esc("\\e[48;2;1;2;3m") << def << C::rgb(1, 2, 3) << 0 << 0;
    QTest::newRow("24-bit colon") << esc("\\e[38:2:200:100:50m") << C::rgb(200, 100, 50) << def << 0
                                  << 0;
    QTest::newRow("both") << esc("\\e[33;44m") << C::indexed(3) << C::indexed(4) << 0 << 0;
    QTest::newRow("default fg") << esc("\\e[31;42m\\e[39m") << def << C::indexed(2) << 0 << 0;
    QTest::newRow("default bg") << esc("\\e[31;42m\\e[49m") << C::indexed(1) << def << 0 << 0;
    QTest::newRow("bold") << esc("\\e[1m") << def << def << int(A::Bold) << 0;
    QTest::newRow("italic") << esc("\\e[3m") << def << def << int(A::Italic) << 0;
    QTest::newRow("underline") << esc("\\e[4m") << def << def << 0 << 1;
    QTest::newRow("double underline") << esc("\\e[21m") << def << def << 0 << 2;
    QTest::newRow("blink") << esc("\\e[5m") << def << def << int(A::Blink) << 0;
    QTest::newRow("reverse") << esc("\\e[7m") << def << def << int(A::Reverse) << 0;
    QTest::newRow("strike") << esc("\\e[9m") << def << def << int(A::Strike) << 0;
    QTest::newRow("all") << esc("\\e[1;3;4;5;7;9m") << def << def
                         << int(A::Bold | A::Italic | A::Blink | A::Reverse | A::Strike) << 1;
    QTest::newRow("each off") << esc("\\e[1;3;4;5;7;9m\\e[22;23;24;25;27;29m") << def << def << 0 << 0;
    QTest::newRow("reset") << esc("\\e[1;4;7;31;42m\\e[0m") << def << def << 0 << 0;
    QTest::newRow("reset empty") << esc("\\e[1;4;7;31;42m\\e[m") << def << def << 0 << 0;
}

void TestTerminalSession::attributes()
{
    QFETCH(QByteArray, sgr);
    QFETCH(TerminalColor, fg);
    QFETCH(TerminalColor, bg);
    QFETCH(int, attrs);
    QFETCH(int, underline);
    TerminalSession s(5, 10);
    s.feed("ab" + sgr + "X");
    const TerminalCell c = s.cell(0, 2);
    QCOMPARE(c.ch, char32_t('X'));
    QVERIFY2(c.fg == fg, qPrintable(QStringLiteral("fg kind %1 index %2").arg(c.fg.kind).arg(c.fg.index)));
    QVERIFY2(c.bg == bg, qPrintable(QStringLiteral("bg kind %1 index %2").arg(c.bg.kind).arg(c.bg.index)));
    QCOMPARE(c.attrs & ~TerminalCell::UnderlineMask, attrs);
    QCOMPARE(c.underline(), underline);
    // The cell before is untouched.
    const TerminalCell before = s.cell(0, 1);
    QVERIFY(before.fg == TerminalColor() && before.bg == TerminalColor());
    QCOMPARE(before.attrs, 0);
}

void TestTerminalSession::wideAndCombining()
{
    TerminalSession s(3, 10);
    // a, CJK (wide), e + COMBINING ACUTE, an emoji (wide), z
    s.feed(QStringLiteral(u"a中e\u0301").toUtf8() + QByteArray("\xf0\x9f\x98\x80") + "z");
    QCOMPARE(s.cell(0, 0).width, 1);
    QCOMPARE(s.cell(0, 1).ch, char32_t(0x4e2d));
    QCOMPARE(s.cell(0, 1).width, 2);
    QCOMPARE(s.cell(0, 2).width, 0);
    QCOMPARE(s.cellText(0, 2), QString());
    QCOMPARE(s.cellText(0, 3), QStringLiteral(u"e\u0301"));
    QCOMPARE(s.cell(0, 3).width, 1);
    QCOMPARE(s.cell(0, 4).ch, char32_t(0x1f600));
    QCOMPARE(s.cell(0, 4).width, 2);
    QCOMPARE(s.cell(0, 5).width, 0);
    QCOMPARE(s.cellText(0, 6), QStringLiteral("z"));
    QCOMPARE(s.cursorColumn(), 7);
    QCOMPARE(s.screenLineText(0), QStringLiteral(u"a中e\u0301\U0001F600z"));

    // A wide character that does not fit at the end of the line wraps whole.
    s.feed("\r\n123456789" + QStringLiteral(u"中").toUtf8());
    QCOMPARE(s.screenLineText(1), QStringLiteral("123456789"));
    QCOMPARE(s.cell(2, 0).width, 2);
    QCOMPARE(s.cellText(2, 0), QStringLiteral(u"中"));
}

void TestTerminalSession::reverseVideoIsScreenWide()
{
    // DECSCNM is a property of the screen, not folded into the cells: the
    // painter applies it to everything, the scrollback included.
    TerminalSession s(3, 10);
    s.feed(esc("\\e[?5hA\\e[7mB\\e[m"));
    QVERIFY(s.isReverseVideo());
    QVERIFY(!s.cell(0, 0).has(TerminalCell::Reverse));
    QVERIFY(s.cell(0, 1).has(TerminalCell::Reverse));
    s.feed("\r\n\r\n\r\n");
    QCOMPARE(s.history().size(), 1);
    QVERIFY(!s.history().at(0).cells[0].has(TerminalCell::Reverse));
    QVERIFY(s.history().at(0).cells[1].has(TerminalCell::Reverse));
    s.feed(esc("\\e[?5l"));
    QVERIFY(!s.isReverseVideo());
}

void TestTerminalSession::alternateScreen()
{
    TerminalSession s(4, 20);
    s.feed("primary\r\nsecond");
    QVERIFY(!s.isAltScreen());
    s.feed(esc("\\e[?1049h"));
    QVERIFY(s.isAltScreen());
    // 1049 starts with a clean screen, the cursor where it was.
    QCOMPARE(screenText(s), (QStringList { "", "", "", "" }));
    s.feed(esc("\\e[1;1Hfull screen\\e[4;1Hstatus"));
    QCOMPARE(s.screenLineText(0), QStringLiteral("full screen"));
    QCOMPARE(s.screenLineText(3), QStringLiteral("status"));
    s.feed(esc("\\e[?1049l"));
    QVERIFY(!s.isAltScreen());
    QCOMPARE(screenText(s), (QStringList { "primary", "second", "", "" }));
    QCOMPARE(QPoint(s.cursorColumn(), s.cursorRow()), QPoint(6, 1));
}

void TestTerminalSession::title()
{
    TerminalSession s;
    QSignalSpy spy(&s, &TerminalSession::titleChanged);
    s.feed(esc("\\e]2;hello world\a"));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("hello world"));
    QCOMPARE(s.title(), QStringLiteral("hello world"));
    s.feed(esc("\\e]0;") + QStringLiteral(u"grüße").toUtf8() + esc("\\e\\"));
    QCOMPARE(spy.count(), 2);
    QCOMPARE(s.title(), QStringLiteral(u"grüße"));
    // The title is not screen content.
    QCOMPARE(s.screenLineText(0), QString());
}

void TestTerminalSession::cursorAndMouseModes()
{
    using Shape = TerminalSession::CursorShape;
    using Mouse = TerminalSession::MouseMode;
    TerminalSession s;
    QVERIFY(s.isCursorVisible());
    QCOMPARE(s.cursorShape(), Shape::Block);
    s.feed(esc("\\e[?25l"));
    QVERIFY(!s.isCursorVisible());
    s.feed(esc("\\e[?25h"));
    QVERIFY(s.isCursorVisible());
    s.feed(esc("\\e[4 q"));  // DECSCUSR: steady underline
    QCOMPARE(s.cursorShape(), Shape::Underline);
    QVERIFY(!s.isCursorBlinking());
    s.feed(esc("\\e[5 q"));  // blinking bar
    QCOMPARE(s.cursorShape(), Shape::Bar);
    QVERIFY(s.isCursorBlinking());
    s.feed(esc("\\e[2 q"));  // steady block
    QCOMPARE(s.cursorShape(), Shape::Block);
    QVERIFY(!s.isCursorBlinking());
    s.feed(esc("\\e[?12h"));
    QVERIFY(s.isCursorBlinking());

    QCOMPARE(s.mouseMode(), Mouse::None);
    s.feed(esc("\\e[?1000h"));
    QCOMPARE(s.mouseMode(), Mouse::Click);
    s.feed(esc("\\e[?1002h"));
    QCOMPARE(s.mouseMode(), Mouse::Drag);
    s.feed(esc("\\e[?1003h"));
    QCOMPARE(s.mouseMode(), Mouse::Move);
    s.feed(esc("\\e[?1003l"));
    QCOMPARE(s.mouseMode(), Mouse::None);
}

void TestTerminalSession::bell()
{
    TerminalSession s;
    QSignalSpy spy(&s, &TerminalSession::bell);
    s.feed("a\ab\a");
    QCOMPARE(spy.count(), 2);
    QCOMPARE(s.screenLineText(0), QStringLiteral("ab"));
}

void TestTerminalSession::scrollbackInOrderAndPoppedOnResize()
{
    TerminalSession s(5, 10);
    for (int i = 1; i <= 8; ++i)
        s.feed(QByteArray("L") + QByteArray::number(i) + (i < 8 ? "\r\n" : ""));
    QCOMPARE(s.history().size(), 3);
    QCOMPARE(s.history().at(0).text(), QStringLiteral("L1"));
    QCOMPARE(s.history().at(1).text(), QStringLiteral("L2"));
    QCOMPARE(s.history().at(2).text(), QStringLiteral("L3"));
    QCOMPARE(screenText(s), (QStringList { "L4", "L5", "L6", "L7", "L8" }));
    QCOMPARE(s.lineCount(), 8);
    for (int i = 0; i < 8; ++i)
        QCOMPARE(s.lineText(i), QStringLiteral("L%1").arg(i + 1));

    // Colours survive the trip into the scrollback.
    s.feed(esc("\r\n\\e[31;48;2;1;2;3mR\\e[m\r\n\r\n\r\n\r\n\r\n"));
    const TerminalLine &red = s.history().at(s.history().size() - 1);
    QCOMPARE(red.text(), QStringLiteral("R"));
    QVERIFY(red.cells[0].fg == TerminalColor::indexed(1));
    QVERIFY(red.cells[0].bg == TerminalColor::rgb(1, 2, 3));

    // Taller: lines come back from the scrollback, newest first, in order.
    const int before = s.history().size();
    s.resize(8, 10);
    QCOMPARE(s.rows(), 8);
    QCOMPARE(s.history().size(), before - 3);
    QCOMPARE(s.lineText(s.history().size()), QStringLiteral("L7"));
    QCOMPARE(s.screenLineText(2), QStringLiteral("R"));
    QVERIFY(s.cell(2, 0).fg == TerminalColor::indexed(1));
    QVERIFY(s.cell(2, 0).bg == TerminalColor::rgb(1, 2, 3));
    for (int i = 0; i < 8; ++i)
        QCOMPARE(s.lineText(i), QStringLiteral("L%1").arg(i + 1));
}

void TestTerminalSession::scrollbackCapacity()
{
    TerminalSession s(2, 10);
    QCOMPARE(s.historyCapacity(), 10000);
    s.setHistoryCapacity(3);
    for (int i = 0; i < 20; ++i)
        s.feed(QByteArray::number(i) + "\r\n");
    // Lines 0..18 scrolled off (19 and the empty last line are on screen).
    QCOMPARE(s.history().size(), 3);
    QCOMPARE(s.history().dropped(), 16);
    QCOMPARE(s.history().at(0).text(), QStringLiteral("16"));
    QCOMPARE(s.history().at(2).text(), QStringLiteral("18"));
    s.setHistoryCapacity(1);
    QCOMPARE(s.history().size(), 1);
    QCOMPARE(s.history().at(0).text(), QStringLiteral("18"));
    s.clearHistory();
    QCOMPARE(s.history().size(), 0);
    QCOMPARE(s.lineCount(), 2);
}

void TestTerminalSession::scrollbackNotFromAlternateScreen()
{
    TerminalSession s(3, 10);
    s.feed(esc("\\e[?1049h"));
    for (int i = 0; i < 10; ++i)
        s.feed("alt\r\n");
    QCOMPARE(s.history().size(), 0);
    s.feed(esc("\\e[?1049l"));
    // A scroll region that does not start at the top keeps nothing either.
    s.feed(esc("\\e[2;3r\\e[3;1H"));
    for (int i = 0; i < 5; ++i)
        s.feed("r\n");
    QCOMPARE(s.history().size(), 0);
}

// A key (through the same mapping the widget uses) → bytes, in normal and
// in application cursor/keypad mode.
void TestTerminalSession::keys_data()
{
    QTest::addColumn<QByteArray>("mode");
    QTest::addColumn<int>("key");
    QTest::addColumn<int>("modifiers");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("expected");

    const QByteArray normal;
    const QByteArray app = esc("\\e[?1h");
    const int none = Qt::NoModifier;
    const int ctrl = Qt::ControlModifier;
    const int alt = Qt::AltModifier;
    const int shift = Qt::ShiftModifier;
    QTest::newRow("up") << normal << int(Qt::Key_Up) << none << QString() << esc("\\e[A");
    QTest::newRow("up, app") << app << int(Qt::Key_Up) << none << QString() << esc("\\eOA");
    QTest::newRow("left, app") << app << int(Qt::Key_Left) << none << QString() << esc("\\eOD");
    QTest::newRow("app mode off") << app + esc("\\e[?1l") << int(Qt::Key_Down) << none << QString()
                                  << esc("\\e[B");
    QTest::newRow("ctrl right") << normal << int(Qt::Key_Right) << ctrl << QString() << esc("\\e[1;5C");
    QTest::newRow("ctrl right, app") << app << int(Qt::Key_Right) << ctrl << QString()
                                     << esc("\\e[1;5C");
    QTest::newRow("shift up") << normal << int(Qt::Key_Up) << shift << QString() << esc("\\e[1;2A");
    QTest::newRow("home") << normal << int(Qt::Key_Home) << none << QString() << esc("\\e[H");
    QTest::newRow("home, app") << app << int(Qt::Key_Home) << none << QString() << esc("\\eOH");
    QTest::newRow("end") << normal << int(Qt::Key_End) << none << QString() << esc("\\e[F");
    QTest::newRow("page up") << normal << int(Qt::Key_PageUp) << none << QString() << esc("\\e[5~");
    QTest::newRow("delete") << normal << int(Qt::Key_Delete) << none << QString() << esc("\\e[3~");
    QTest::newRow("insert") << normal << int(Qt::Key_Insert) << none << QString() << esc("\\e[2~");
    QTest::newRow("F1") << normal << int(Qt::Key_F1) << none << QString() << esc("\\eOP");
    QTest::newRow("F5") << normal << int(Qt::Key_F5) << none << QString() << esc("\\e[15~");
    QTest::newRow("F12") << normal << int(Qt::Key_F12) << none << QString() << esc("\\e[24~");
    QTest::newRow("shift F5") << normal << int(Qt::Key_F5) << shift << QString() << esc("\\e[15;2~");
    QTest::newRow("enter") << normal << int(Qt::Key_Return) << none << QString("\r") << esc("\r");
    QTest::newRow("shift enter") << normal << int(Qt::Key_Return) << shift << QString("\r") << esc("\r");
    QTest::newRow("tab") << normal << int(Qt::Key_Tab) << none << QString("\t") << esc("\t");
    QTest::newRow("backtab") << normal << int(Qt::Key_Backtab) << shift << QString() << esc("\\e[Z");
    QTest::newRow("backspace") << normal << int(Qt::Key_Backspace) << none << QString() << esc("\x7f");
    QTest::newRow("ctrl backspace") << normal << int(Qt::Key_Backspace) << ctrl << QString() << esc("\b");
    QTest::newRow("alt backspace") << normal << int(Qt::Key_Backspace) << alt << QString()
                                   << esc("\\e\x7f");
    QTest::newRow("escape") << normal << int(Qt::Key_Escape) << none << QString() << esc("\\e");
    QTest::newRow("letter") << normal << int(Qt::Key_A) << none << QString("a") << esc("a");
    QTest::newRow("shifted") << normal << int(Qt::Key_A) << shift << QString("A") << esc("A");
    QTest::newRow("utf-8") << normal << int(Qt::Key_Odiaeresis) << none << QStringLiteral(u"ö")
                           << QStringLiteral(u"ö").toUtf8();
    QTest::newRow("ctrl c") << normal << int(Qt::Key_C) << ctrl << QString("c") << esc("\x03");
    QTest::newRow("ctrl c, control text") << normal << int(Qt::Key_C) << ctrl << QString("\x03")
                                          << esc("\x03");
    QTest::newRow("ctrl shift a") << normal << int(Qt::Key_A) << ctrl + shift << QString("A")
                                  << esc("\x01");
    QTest::newRow("ctrl space") << normal << int(Qt::Key_Space) << ctrl << QString(" ")
                                << QByteArray(1, '\0');
    QTest::newRow("ctrl [") << normal << int(Qt::Key_BracketLeft) << ctrl << QString("[") << esc("\\e");
    QTest::newRow("ctrl \\") << normal << int(Qt::Key_Backslash) << ctrl << QString("\\") << esc("\x1c");
    QTest::newRow("ctrl /") << normal << int(Qt::Key_Slash) << ctrl << QString("/") << esc("\x1f");
    QTest::newRow("ctrl 1 is 1") << normal << int(Qt::Key_1) << ctrl << QString("1") << esc("1");
    QTest::newRow("alt x") << normal << int(Qt::Key_X) << alt << QString("x") << esc("\\ex");
    QTest::newRow("meta x") << normal << int(Qt::Key_X) << int(Qt::MetaModifier) << QString("x")
                            << esc("\\ex");
    QTest::newRow("ctrl alt c") << normal << int(Qt::Key_C) << ctrl + alt << QString("c") << esc("\\e\x03");
    QTest::newRow("alt up") << normal << int(Qt::Key_Up) << alt << QString() << esc("\\e[1;3A");
    QTest::newRow("keypad 5") << normal << int(Qt::Key_5) << int(Qt::KeypadModifier) << QString("5")
                              << esc("5");
    QTest::newRow("keypad 5, app keypad") << esc("\\e=") << int(Qt::Key_5) << int(Qt::KeypadModifier)
                                          << QString("5") << esc("\\eOu");
    QTest::newRow("keypad enter") << normal << int(Qt::Key_Enter) << int(Qt::KeypadModifier)
                                  << QString("\r") << esc("\r");
}

void TestTerminalSession::keys()
{
    QFETCH(QByteArray, mode);
    QFETCH(int, key);
    QFETCH(int, modifiers);
    QFETCH(QString, text);
    QFETCH(QByteArray, expected);

    SocketPair pair;
    QVERIFY(pair.session >= 0);
    TerminalSession s;
    QVERIFY(s.attach(pair.session));
    s.feed(mode);
    s.sendKeyStroke(mapKey(key, Qt::KeyboardModifiers(modifiers), text));
    QCOMPARE(readPeer(pair.peer), expected);
}

void TestTerminalSession::bracketedPaste()
{
    SocketPair pair;
    TerminalSession s;
    QVERIFY(s.attach(pair.session));
    // Not asked for: plain, line ends as CR (what Enter sends).
    s.paste(QStringLiteral("ls\n-l\r\nx"));
    QCOMPARE(readPeer(pair.peer), QByteArray("ls\r-l\rx"));
    s.feed(esc("\\e[?2004h"));
    s.paste(QStringLiteral(u"grüß\n"));
    QCOMPARE(readPeer(pair.peer), esc("\\e[200~") + QStringLiteral(u"grüß\r").toUtf8() + esc("\\e[201~"));
    // A paste cannot close its own bracket and run the rest as typed.
    s.paste(QStringLiteral("a\x1b[201~rm -rf x\n"));
    QCOMPARE(readPeer(pair.peer), esc("\\e[200~a") + "rm -rf x\r" + esc("\\e[201~"));
    s.feed(esc("\\e[?2004l"));
    s.paste(QStringLiteral("y"));
    QCOMPARE(readPeer(pair.peer), QByteArray("y"));
}

void TestTerminalSession::deviceStatusReply()
{
    // Replies from the emulator go back to the program through the fd.
    SocketPair pair;
    TerminalSession s(24, 80);
    QVERIFY(s.attach(pair.session));
    s.feed(esc("\\e[5;7H\\e[6n"));
    QCOMPARE(readPeer(pair.peer), esc("\\e[5;7R"));
}

void TestTerminalSession::search()
{
    TerminalSession s(5, 40);
    for (int i = 0; i < 100; ++i)
        s.feed(QStringLiteral("line %1 of output\r\n").arg(i, 3, 10, QLatin1Char('0')).toUtf8());
    s.feed(QStringLiteral(u"中文 Needle here").toUtf8());
    QCOMPARE(s.history().size(), 96);
    const int last = s.lineCount() - 1;
    using TerminalSearch::Direction;

    // Backward from the end: the newest match first.
    TerminalMatch m = TerminalSearch::find(s, QStringLiteral("line 007"), last, 0, Direction::Backward);
    QVERIFY(m.isValid());
    QCOMPARE(m.line, 7);
    QVERIFY(m.line < s.history().size());  // in the scrollback
    QCOMPARE(m.column, 0);
    QCOMPARE(m.length, 8);

    m = TerminalSearch::find(s, QStringLiteral("OF OUTPUT"), last, 0, Direction::Backward);
    QCOMPARE(m.line, 99);
    QCOMPARE(m.column, 9);
    m = TerminalSearch::find(s, QStringLiteral("of output"), m.line, m.column, Direction::Backward);
    QCOMPARE(m.line, 98);
    m = TerminalSearch::find(s, QStringLiteral("of output"), m.line, m.column + 1, Direction::Forward);
    QCOMPARE(m.line, 99);
    // Case sensitive: no match.
    m = TerminalSearch::find(s, QStringLiteral("OF OUTPUT"), last, 0, Direction::Backward,
                             Qt::CaseSensitive);
    QVERIFY(!m.isValid());
    // Forward from the top wraps to the beginning.
    m = TerminalSearch::find(s, QStringLiteral("line 000"), 50, 0, Direction::Forward);
    QCOMPARE(m.line, 0);
    m = TerminalSearch::find(s, QStringLiteral("line 000"), 50, 0, Direction::Forward,
                             Qt::CaseInsensitive, false);
    QVERIFY(!m.isValid());
    // Columns count cells: the wide characters take two each.
    m = TerminalSearch::find(s, QStringLiteral("needle"), 0, 0, Direction::Forward);
    QCOMPARE(m.line, last);
    QCOMPARE(m.column, 5);
    QCOMPARE(m.length, 6);
    m = TerminalSearch::find(s, QStringLiteral(u"文"), 0, 0, Direction::Forward);
    QCOMPARE(m.column, 2);
    QCOMPARE(m.length, 2);
    QVERIFY(!TerminalSearch::find(s, QStringLiteral("absent"), 0, 0, Direction::Forward).isValid());
    QCOMPARE(TerminalSearch::countMatches(s, QStringLiteral("output")), 100);
}

void TestTerminalSession::sizeGoesToSocketAsSignal()
{
    SocketPair pair;
    TerminalSession s(24, 80);
    QSignalSpy spy(&s, &TerminalSession::sizeChanged);
    QVERIFY(s.attach(pair.session));
    QVERIFY(!s.isTty());
    // Told once on attach, then on every change.
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0), (QVariantList { 24, 80 }));
    s.resize(30, 100);
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.at(1), (QVariantList { 30, 100 }));
    s.resize(30, 100);
    QCOMPARE(spy.count(), 2);
    QCOMPARE(s.rows(), 30);
    QCOMPARE(s.columns(), 100);
}

void TestTerminalSession::sizeGoesToPtyAsIoctl()
{
    const int master = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    QVERIFY(master >= 0);
    QVERIFY(::grantpt(master) == 0 && ::unlockpt(master) == 0);
    const int slave = ::open(::ptsname(master), O_RDWR | O_NOCTTY | O_CLOEXEC);
    QVERIFY(slave >= 0);
    TerminalSession s(24, 80);
    QSignalSpy spy(&s, &TerminalSession::sizeChanged);
    QVERIFY(s.attach(master));
    QVERIFY(s.isTty());
    struct winsize ws = {};
    QCOMPARE(::ioctl(slave, TIOCGWINSZ, &ws), 0);
    QCOMPARE(int(ws.ws_row), 24);
    QCOMPARE(int(ws.ws_col), 80);
    s.resize(33, 91);
    QCOMPARE(::ioctl(slave, TIOCGWINSZ, &ws), 0);
    QCOMPARE(int(ws.ws_row), 33);
    QCOMPARE(int(ws.ws_col), 91);
    QCOMPARE(spy.count(), 0);
    ::close(slave);
}

void TestTerminalSession::updatesAreBatched()
{
    TerminalSession s(24, 80);
    QSignalSpy spy(&s, &TerminalSession::contentUpdated);
    for (int i = 0; i < 2000; ++i)
        s.feed(QByteArray("x"));
    QCOMPARE(spy.count(), 0);  // nothing until the interval ends
    QTRY_COMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toInt(), 0);
    QCOMPARE(spy.at(0).at(1).toInt(), 24);  // 2000 characters wrap over all rows
    QCOMPARE(s.updateCount(), 1);
    QVERIFY(!spy.wait(50));  // and nothing more
    s.feed(QByteArray("\r\n"));
    QVERIFY(spy.wait(1000));
    QCOMPARE(spy.count(), 2);
}

void TestTerminalSession::hangUpEmitsFinished()
{
    SocketPair pair;
    TerminalSession s;
    QSignalSpy finished(&s, &TerminalSession::finished);
    QVERIFY(s.attach(pair.session));
    QCOMPARE(::write(pair.peer, "bye", 3), 3);
    ::close(pair.peer);
    pair.peer = -1;
    QVERIFY(finished.wait(2000));
    QCOMPARE(s.screenLineText(0), QStringLiteral("bye"));
    QCOMPARE(s.bytesReceived(), 3);
    // Typing into a closed socket fails quietly (no SIGPIPE ends the test).
    s.sendText(QStringLiteral("still typing"));
    s.sendText(QStringLiteral("and more"));
    QVERIFY(s.isAttached());
    s.detach();
    QVERIFY(!s.isAttached());
}

void TestTerminalSession::erasedCellsKeepTheBackground()
{
    // Background colour erase, as xterm: erased and scrolled-in cells take
    // the current background (and nothing else of the pen).
    TerminalSession s(3, 10);
    s.feed(esc("abc\\e[1;44m\\e[1;2H\\e[K\\e[3;1H\n"));
    QCOMPARE(s.screenLineText(0), QString());  // scrolled up: row 0 was row 1
    QVERIFY(s.history().at(0).cells[0].bg == TerminalColor());
    QCOMPARE(s.history().at(0).cells[1].ch, char32_t(0));
    QVERIFY(s.history().at(0).cells[1].bg == TerminalColor::indexed(4));
    QCOMPARE(s.history().at(0).cells[1].attrs, 0);
    QVERIFY(s.cell(2, 5).bg == TerminalColor::indexed(4));  // the new bottom row
}

void TestTerminalSession::floodThroughPtyLosesNothing()
{
    // A few MB of lines of every length (wrapping ones too, some coloured)
    // through a real pty, read by the session as a console is: the screen
    // and the whole kept scrollback must be exactly what was sent, and the
    // count of dropped lines must match.
    const int columns = 80;
    QByteArray sent;
    QStringList rows;  // what the terminal's rows must show, oldest first
    QList<int> rowColors;  // their colour index, -1 for the default
    for (int i = 0; sent.size() < 3'000'000; ++i) {
        QByteArray text = QByteArray::number(i) + ':';
        const int length = (i * 37) % 190;
        for (int k = 0; k < length; ++k)
            text += char('!' + (i + k) % 94);
        sent += i % 5 == 0 ? esc("\\e[3") + QByteArray::number(i % 8) + 'm' + text + esc("\\e[m\n") : text + '\n';
        for (int from = 0; from == 0 || from < text.size(); from += columns) {
            rows << QString::fromLatin1(text.mid(from, columns));
            rowColors << (i % 5 == 0 ? i % 8 : -1);
        }
    }
    rows << QString();
    rowColors << -1;  // the cursor's row after the last newline

    int master = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    QVERIFY(master >= 0);
    QCOMPARE(::grantpt(master), 0);
    QCOMPARE(::unlockpt(master), 0);
    const int slave = ::open(ptsname(master), O_RDWR | O_NOCTTY | O_CLOEXEC);
    QVERIFY(slave >= 0);
    TerminalSession s(24, columns);
    QVERIFY(s.attach(master));
    // The writer blocks whenever the pty is full, as cat would.
    std::thread writer([&] {
        for (qsizetype done = 0; done < sent.size();) {
            const ssize_t n = ::write(slave, sent.constData() + done, size_t(sent.size() - done));
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                return;
            done += n;
        }
    });
    // ONLCR: each newline arrives as CR LF.
    const qint64 expected = sent.size() + sent.count('\n');
    QTRY_COMPARE_WITH_TIMEOUT(s.bytesReceived(), expected, 60000);
    writer.join();
    ::close(slave);

    const int kept = s.lineCount();
    QCOMPARE(s.history().size(), s.historyCapacity());
    QCOMPARE(s.history().dropped(), qint64(rows.size() - kept));
    for (int i = 0; i < kept; ++i)
        QCOMPARE(s.lineText(i), rows.at(rows.size() - kept + i));
    // Colours came through too.
    for (int i = 0; i < kept; ++i) {
        const int color = rowColors.at(rows.size() - kept + i);
        if (color >= 0)
            QVERIFY(s.line(i).cells.at(0).fg == TerminalColor::indexed(color));
        else if (s.line(i).size() > 0)
            QVERIFY(s.line(i).cells.at(0).fg == TerminalColor());
    }
}

QTEST_GUILESS_MAIN(TestTerminalSession)
#include "test_terminal_session.moc"
