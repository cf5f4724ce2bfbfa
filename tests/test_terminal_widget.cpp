// TerminalWidget offscreen (CTest sets QT_QPA_PLATFORM=offscreen): pixels of
// rendered cells, selection and clipboard, keys and paste reaching the
// program, mouse reporting, scrolling, zoom, search, a real /bin/sh on a pty,
// and a 5 MB flood that must be painted in batches while the window stays
// responsive.
#include "terminalsearchbar.h"
#include "terminalsession.h"
#include "terminalwidget.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QElapsedTimer>
#include <QFontDatabase>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QScrollBar>
#include <QSignalSpy>
#include <QtTest>

#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

namespace {

QByteArray esc(const char *s)
{
    return QByteArray(s).replace("\\e", "\x1b");
}

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
        timeout = 20;
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

// A pty pair; the slave in raw mode unless told otherwise.
struct Pty
{
    int master = -1;
    int slave = -1;
    explicit Pty(bool raw)
    {
        master = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
        if (master < 0 || ::grantpt(master) != 0 || ::unlockpt(master) != 0)
            return;
        slave = ::open(::ptsname(master), O_RDWR | O_NOCTTY | O_CLOEXEC);
        if (slave >= 0 && raw) {
            termios t {};
            ::tcgetattr(slave, &t);
            ::cfmakeraw(&t);
            ::tcsetattr(slave, TCSANOW, &t);
        }
    }
};

// Kills and reaps a child this test started, by its PID.
struct Child
{
    pid_t pid = -1;
    ~Child()
    {
        if (pid > 0) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, nullptr, 0);
        }
    }
};

QColor pixelAt(TerminalWidget &w, int row, int column, QPoint offset = {})
{
    const QImage image = w.viewport()->grab().toImage();
    const QRect cell = w.cellRect(row, column);
    return image.pixelColor(cell.center() + offset);
}

bool cellHasColor(TerminalWidget &w, int row, int column, const QColor &color)
{
    const QImage image = w.viewport()->grab().toImage();
    const QRect cell = w.cellRect(row, column);
    for (int y = cell.top(); y <= cell.bottom(); ++y) {
        for (int x = cell.left(); x <= cell.right(); ++x) {
            if (image.pixelColor(x, y) == color)
                return true;
        }
    }
    return false;
}

void sendMouse(QWidget *target, QEvent::Type type, QPoint pos, Qt::MouseButton button,
               Qt::MouseButtons buttons, Qt::KeyboardModifiers mods = Qt::NoModifier)
{
    QMouseEvent event(type, QPointF(pos), QPointF(target->mapToGlobal(pos)), button, buttons, mods);
    QApplication::sendEvent(target, &event);
}

bool anyRowIs(const TerminalSession &s, const QString &text)
{
    for (int r = 0; r < s.rows(); ++r) {
        if (s.screenLineText(r).trimmed() == text)
            return true;
    }
    return false;
}

}  // namespace

class TestTerminalWidget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void rendersColours_data();
    void rendersColours();
    void rendersTextAndDecorations();
    void selectionByDragCopies();
    void doubleAndTripleClick();
    void pasteWithCtrlShiftV();
    void keysReachTheProgram();
    void ctrlKeysBeatWindowShortcuts();
    void mouseReporting();
    void scrollbackScrolling();
    void zoomChangesTheGrid();
    void searchBarFindsInScrollback();
    void titleAndBell();
    void contextMenu();
    void ptyRoundTrip();
    void floodIsPaintedInBatches();

private:
    std::unique_ptr<TerminalWidget> m_widget;
};

void TestTerminalWidget::init()
{
    m_widget = std::make_unique<TerminalWidget>();
    m_widget->resize(640, 400);
    m_widget->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_widget.get()));
}

// SGR, then a space: the colour in the middle of cell (0,0).
void TestTerminalWidget::rendersColours_data()
{
    QTest::addColumn<QByteArray>("sgr");
    QTest::addColumn<QColor>("expected");
    const TerminalPalette palette(QApplication::palette().color(QPalette::Text),
                                  QApplication::palette().color(QPalette::Base));
    QTest::newRow("16: red") << esc("\\e[41m") << palette.color(1);
    QTest::newRow("16: bright blue") << esc("\\e[104m") << palette.color(12);
    QTest::newRow("256") << esc("\\e[48;5;33m") << palette.color(33);
    QTest::newRow("256 grey") << esc("\\e[48;5;240m") << palette.color(240);
    QTest::newRow("24-bit") << esc("\\e[48;2;10;200;30m") << QColor(10, 200, 30);
    QTest::newRow("reverse") << esc("\\e[7m") << palette.defaultForeground();
    QTest::newRow("reverse red fg") << esc("\\e[31;7m") << palette.color(1);
    QTest::newRow("default") << esc("") << palette.defaultBackground();
    QTest::newRow("reverse video") << esc("\\e[?5h") << palette.defaultForeground();
}

void TestTerminalWidget::rendersColours()
{
    QFETCH(QByteArray, sgr);
    QFETCH(QColor, expected);
    TerminalWidget &w = *m_widget;
    w.session()->feed(sgr + " X" + esc("\\e[m"));
    w.session()->flushUpdates();
    QCOMPARE(pixelAt(w, 0, 0), expected);
    QCOMPARE(pixelAt(w, 0, 1, QPoint(-w.cellSize().width() / 2 + 1, -w.cellSize().height() / 2 + 1)),
             expected);
    // A cell nobody wrote is the background (or its reverse).
    const QColor background = sgr.contains("?5h") ? w.terminalPalette().defaultForeground()
                                                  : w.terminalPalette().defaultBackground();
    QCOMPARE(pixelAt(w, 0, 5), background);
    QCOMPARE(pixelAt(w, 3, 0), background);
}

void TestTerminalWidget::rendersTextAndDecorations()
{
    TerminalWidget &w = *m_widget;
    const TerminalPalette &p = w.terminalPalette();
    // A full block in green, an underlined space in red, a struck-out space
    // in blue, a wide character on magenta, then the cursor.
    w.session()->feed(QByteArray("\x1b[32m") + QStringLiteral(u"\u2588").toUtf8()
                      + esc("\\e[0;4;31m \\e[0;9;34m \\e[0;45m") + QStringLiteral(u"中").toUtf8()
                      + esc("\\e[m"));
    w.session()->flushUpdates();
    const QSize cell = w.cellSize();
    // Text is drawn in its colour.
    QCOMPARE(pixelAt(w, 0, 0), p.color(2));
    // The underline: red pixels in the cell, but not in its upper half.
    QVERIFY(cellHasColor(w, 0, 1, p.color(1)));
    QCOMPARE(pixelAt(w, 0, 1, QPoint(0, -cell.height() / 4)), p.defaultBackground());
    // The strike-out: blue pixels, but not near the bottom.
    QVERIFY(cellHasColor(w, 0, 2, p.color(4)));
    QCOMPARE(pixelAt(w, 0, 2, QPoint(0, cell.height() / 2 - 1)), p.defaultBackground());
    // The wide character's background covers both of its cells.
    const QPoint corner(-cell.width() / 2 + 1, -cell.height() / 2 + 1);
    QCOMPARE(pixelAt(w, 0, 3, corner), p.color(5));
    QCOMPARE(pixelAt(w, 0, 4, -corner), p.color(5));
    QCOMPARE(pixelAt(w, 0, 6, corner), p.defaultBackground());
    QCOMPARE(w.session()->cursorColumn(), 5);
    w.setFocus();
    QTRY_VERIFY(w.hasFocus());
    w.session()->feed(esc("\\e[?12l"));  // no blinking, so the grab sees it
    w.session()->flushUpdates();
    QCOMPARE(pixelAt(w, 0, 5), p.defaultForeground());
}

void TestTerminalWidget::selectionByDragCopies()
{
    TerminalWidget &w = *m_widget;
    w.session()->feed("hello world\r\nsecond line here");
    w.session()->flushUpdates();
    QWidget *vp = w.viewport();
    const QRect from = w.cellRect(0, 6);
    const QRect to = w.cellRect(1, 6);
    // Press on the left half of 'w', drag to the left half of cell (1,6).
    const QPoint start(from.left() + 1, from.center().y());
    const QPoint end(to.left() + 1, to.center().y());
    sendMouse(vp, QEvent::MouseButtonPress, start, Qt::LeftButton, Qt::LeftButton);
    sendMouse(vp, QEvent::MouseMove, (start + end) / 2, Qt::NoButton, Qt::LeftButton);
    sendMouse(vp, QEvent::MouseMove, end, Qt::NoButton, Qt::LeftButton);
    sendMouse(vp, QEvent::MouseButtonRelease, end, Qt::LeftButton, Qt::NoButton);
    QVERIFY(w.hasSelection());
    QCOMPARE(w.selectedText(), QStringLiteral("world\nsecond"));
    // Selected cells are painted in the highlight colour.
    QCOMPARE(pixelAt(w, 0, 8, QPoint(0, w.cellSize().height() / 2 - 1)),
             w.palette().color(QPalette::Active, QPalette::Highlight));
    QApplication::clipboard()->clear();
    QTest::keyClick(&w, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("world\nsecond"));

    // A click without a drag selects nothing.
    sendMouse(vp, QEvent::MouseButtonPress, start, Qt::LeftButton, Qt::LeftButton);
    sendMouse(vp, QEvent::MouseButtonRelease, start, Qt::LeftButton, Qt::NoButton);
    QVERIFY(!w.hasSelection());
}

void TestTerminalWidget::doubleAndTripleClick()
{
    TerminalWidget &w = *m_widget;
    w.session()->feed("ls /usr/share/doc and more");
    w.session()->flushUpdates();
    QWidget *vp = w.viewport();
    const QPoint inPath = w.cellRect(0, 9).center();
    sendMouse(vp, QEvent::MouseButtonPress, inPath, Qt::LeftButton, Qt::LeftButton);
    sendMouse(vp, QEvent::MouseButtonRelease, inPath, Qt::LeftButton, Qt::NoButton);
    sendMouse(vp, QEvent::MouseButtonDblClick, inPath, Qt::LeftButton, Qt::LeftButton);
    sendMouse(vp, QEvent::MouseButtonRelease, inPath, Qt::LeftButton, Qt::NoButton);
    QCOMPARE(w.selectedText(), QStringLiteral("/usr/share/doc"));
    sendMouse(vp, QEvent::MouseButtonPress, inPath, Qt::LeftButton, Qt::LeftButton);
    sendMouse(vp, QEvent::MouseButtonRelease, inPath, Qt::LeftButton, Qt::NoButton);
    QCOMPARE(w.selectedText(), QStringLiteral("ls /usr/share/doc and more"));
}

void TestTerminalWidget::pasteWithCtrlShiftV()
{
    TerminalWidget &w = *m_widget;
    SocketPair pair;
    QVERIFY(w.session()->attach(pair.session));
    QApplication::clipboard()->setText(QStringLiteral("echo one\necho two"));
    QTest::keyClick(&w, Qt::Key_V, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(readPeer(pair.peer), QByteArray("echo one\recho two"));
    // The program asks for bracketed paste.
    w.session()->feed(esc("\\e[?2004h"));
    QTest::keyClick(&w, Qt::Key_V, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(readPeer(pair.peer), esc("\\e[200~echo one\recho two\\e[201~"));
    QTest::keyClick(&w, Qt::Key_Insert, Qt::ShiftModifier);
    QCOMPARE(readPeer(pair.peer), esc("\\e[200~echo one\recho two\\e[201~"));

    // A paste guard sees the text and can refuse it: nothing reaches the program.
    QString asked;
    w.setPasteGuard([&asked](const QString &text) { asked = text; return false; });
    QTest::keyClick(&w, Qt::Key_V, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(asked, QStringLiteral("echo one\necho two"));
    QCOMPARE(readPeer(pair.peer), QByteArray());
    w.setPasteGuard([](const QString &) { return true; });
    QTest::keyClick(&w, Qt::Key_V, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(readPeer(pair.peer), esc("\\e[200~echo one\recho two\\e[201~"));
    w.setPasteGuard(nullptr);
}

void TestTerminalWidget::keysReachTheProgram()
{
    TerminalWidget &w = *m_widget;
    SocketPair pair;
    QVERIFY(w.session()->attach(pair.session));
    QTest::keyClicks(&w, QStringLiteral("ls -l"));
    QCOMPARE(readPeer(pair.peer), QByteArray("ls -l"));
    QTest::keyClick(&w, Qt::Key_Up);
    QCOMPARE(readPeer(pair.peer), esc("\\e[A"));
    w.session()->feed(esc("\\e[?1h"));
    QTest::keyClick(&w, Qt::Key_Up);
    QCOMPARE(readPeer(pair.peer), esc("\\eOA"));
    QTest::keyClick(&w, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(readPeer(pair.peer), QByteArray("\x03"));
    // Tab goes to the shell, not to the next widget.
    QTest::keyClick(&w, Qt::Key_Tab);
    QCOMPARE(readPeer(pair.peer), QByteArray("\t"));
    QTest::keyClick(&w, Qt::Key_F2);
    QCOMPARE(readPeer(pair.peer), esc("\\eOQ"));
    QTest::keyClick(&w, Qt::Key_B, Qt::AltModifier);
    QCOMPARE(readPeer(pair.peer), esc("\\eb"));
}

void TestTerminalWidget::ctrlKeysBeatWindowShortcuts()
{
    QMainWindow window;
    auto *w = new TerminalWidget;
    window.setCentralWidget(w);
    QAction closeTab(QStringLiteral("Close tab"));
    closeTab.setShortcut(QKeySequence(Qt::CTRL | Qt::Key_W));
    window.addAction(&closeTab);
    QSignalSpy triggered(&closeTab, &QAction::triggered);
    QAction menu(QStringLiteral("Menu"));
    menu.setShortcut(QKeySequence(Qt::Key_F10));
    window.addAction(&menu);
    QSignalSpy menuTriggered(&menu, &QAction::triggered);
    // Ctrl+Shift combinations stay the window's.
    QAction newTab(QStringLiteral("New tab"));
    newTab.setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    window.addAction(&newTab);
    QSignalSpy newTabTriggered(&newTab, &QAction::triggered);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    w->setFocus();
    QTRY_VERIFY(w->hasFocus());
    SocketPair pair;
    QVERIFY(w->session()->attach(pair.session));
    QTest::keyClick(w, Qt::Key_W, Qt::ControlModifier);
    QCOMPARE(readPeer(pair.peer), QByteArray("\x17"));
    QCOMPARE(triggered.count(), 0);
    QTest::keyClick(w, Qt::Key_F10);
    QCOMPARE(readPeer(pair.peer), esc("\\e[21~"));
    QCOMPARE(menuTriggered.count(), 0);
    QTest::keyClick(w, Qt::Key_T, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(newTabTriggered.count(), 1);
    QCOMPARE(readPeer(pair.peer), QByteArray());
}

void TestTerminalWidget::mouseReporting()
{
    TerminalWidget &w = *m_widget;
    SocketPair pair;
    QVERIFY(w.session()->attach(pair.session));
    w.session()->feed("some text");
    // Click reporting, SGR encoding.
    w.session()->feed(esc("\\e[?1000h\\e[?1006h"));
    const QPoint at = w.cellRect(2, 3).center();
    sendMouse(w.viewport(), QEvent::MouseButtonPress, at, Qt::LeftButton, Qt::LeftButton);
    sendMouse(w.viewport(), QEvent::MouseButtonRelease, at, Qt::LeftButton, Qt::NoButton);
    QCOMPARE(readPeer(pair.peer), esc("\\e[<0;4;3M\\e[<0;4;3m"));
    QVERIFY(!w.hasSelection());
    // Shift selects instead, and tells the program nothing.
    const QPoint a = w.cellRect(0, 0).topLeft() + QPoint(1, 2);
    const QPoint b = w.cellRect(0, 4).topLeft() + QPoint(1, 2);
    sendMouse(w.viewport(), QEvent::MouseButtonPress, a, Qt::LeftButton, Qt::LeftButton, Qt::ShiftModifier);
    sendMouse(w.viewport(), QEvent::MouseMove, b, Qt::NoButton, Qt::LeftButton, Qt::ShiftModifier);
    sendMouse(w.viewport(), QEvent::MouseButtonRelease, b, Qt::LeftButton, Qt::NoButton, Qt::ShiftModifier);
    QCOMPARE(w.selectedText(), QStringLiteral("some"));
    QCOMPARE(readPeer(pair.peer), QByteArray());
    // The wheel is reported as buttons 4 and 5 (64 and 65 in SGR).
    QWheelEvent up(QPointF(at), QPointF(w.viewport()->mapToGlobal(at)), QPoint(), QPoint(0, 120),
                   Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(w.viewport(), &up);
    QCOMPARE(readPeer(pair.peer), esc("\\e[<64;4;3M"));
    // Reporting off: clicks select again.
    w.session()->feed(esc("\\e[?1000l"));
    sendMouse(w.viewport(), QEvent::MouseButtonPress, at, Qt::LeftButton, Qt::LeftButton);
    sendMouse(w.viewport(), QEvent::MouseButtonRelease, at, Qt::LeftButton, Qt::NoButton);
    QCOMPARE(readPeer(pair.peer), QByteArray());
}

void TestTerminalWidget::scrollbackScrolling()
{
    TerminalWidget &w = *m_widget;
    for (int i = 0; i < 200; ++i)
        w.session()->feed(QByteArray("line ") + QByteArray::number(i) + "\r\n");
    w.session()->flushUpdates();
    const int rows = w.session()->rows();
    QCOMPARE(w.session()->history().size(), 201 - rows);
    QCOMPARE(w.scrollBackLines(), 0);
    QCOMPARE(w.verticalScrollBar()->value(), w.verticalScrollBar()->maximum());

    QTest::keyClick(&w, Qt::Key_PageUp, Qt::ShiftModifier);
    QCOMPARE(w.scrollBackLines(), rows - 1);
    QTest::keyClick(&w, Qt::Key_PageDown, Qt::ShiftModifier);
    QCOMPARE(w.scrollBackLines(), 0);

    const QPoint at = w.viewport()->rect().center();
    QWheelEvent up(QPointF(at), QPointF(w.viewport()->mapToGlobal(at)), QPoint(), QPoint(0, 120),
                   Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(w.viewport(), &up);
    QCOMPARE(w.scrollBackLines(), 3);
    // The top row now shows a line from the scrollback.
    QCOMPARE(w.cellRect(0, 0).top(), 3 * w.cellSize().height());
    QCOMPARE(w.verticalScrollBar()->value(), w.verticalScrollBar()->maximum() - 3);

    // New output does not move what the user is reading...
    w.session()->feed("more\r\n");
    w.session()->flushUpdates();
    QCOMPARE(w.scrollBackLines(), 4);
    // ...and typing returns to the bottom.
    QTest::keyClick(&w, Qt::Key_A);
    QCOMPARE(w.scrollBackLines(), 0);
}

void TestTerminalWidget::zoomChangesTheGrid()
{
    TerminalWidget &w = *m_widget;
    // The system monospace font.
    QCOMPARE(w.terminalFont().family(), QFontDatabase::systemFont(QFontDatabase::FixedFont).family());
    const QSize cell = w.cellSize();
    const int columns = w.session()->columns();
    QVERIFY(columns == w.viewport()->width() / cell.width());
    QTest::keyClick(&w, Qt::Key_Plus, Qt::ControlModifier);
    QTest::keyClick(&w, Qt::Key_Plus, Qt::ControlModifier);
    QCOMPARE(w.zoom(), 2);
    QVERIFY(w.cellSize().height() > cell.height());
    QVERIFY(w.session()->columns() < columns);
    QCOMPARE(w.session()->columns(), w.viewport()->width() / w.cellSize().width());
    QTest::keyClick(&w, Qt::Key_Minus, Qt::ControlModifier);
    QCOMPARE(w.zoom(), 1);
    QTest::keyClick(&w, Qt::Key_0, Qt::ControlModifier);
    QCOMPARE(w.zoom(), 0);
    QCOMPARE(w.cellSize(), cell);
    QCOMPARE(w.session()->columns(), columns);
}

void TestTerminalWidget::searchBarFindsInScrollback()
{
    TerminalWidget &w = *m_widget;
    for (int i = 0; i < 300; ++i)
        w.session()->feed(QByteArray("entry ") + QByteArray::number(i) + "\r\n");
    w.session()->flushUpdates();
    QTest::keyClick(&w, Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
    auto *bar = w.findChild<TerminalSearchBar *>();
    QVERIFY(bar && bar->isVisible());
    auto *field = bar->findChild<QLineEdit *>(QStringLiteral("searchField"));
    QVERIFY(field);
    QTRY_VERIFY(field->hasFocus());
    QTest::keyClicks(field, QStringLiteral("entry 12"));
    // Typing searches up from the bottom: the newest "entry 12…" is 129.
    TerminalMatch m = w.currentMatch();
    QVERIFY(m.isValid());
    QCOMPARE(w.session()->lineText(m.line), QStringLiteral("entry 129"));
    QVERIFY(m.line < w.session()->history().size());
    // The view scrolled to show it.
    QVERIFY(w.scrollBackLines() > 0);
    const int top = w.session()->history().size() - w.scrollBackLines();
    QVERIFY(m.line >= top && m.line < top + w.session()->rows());
    QTest::keyClick(field, Qt::Key_Return);  // previous: further up
    QCOMPARE(w.session()->lineText(w.currentMatch().line), QStringLiteral("entry 128"));
    QTest::keyClick(field, Qt::Key_Return, Qt::ShiftModifier);  // next: back down
    QCOMPARE(w.session()->lineText(w.currentMatch().line), QStringLiteral("entry 129"));
    field->setText(QStringLiteral("no such thing"));
    QVERIFY(!w.currentMatch().isValid());
    auto *status = bar->findChild<QLabel *>(QStringLiteral("searchStatus"));
    QCOMPARE(status->text(), QStringLiteral("No matches"));
    QTest::keyClick(field, Qt::Key_Escape);
    QVERIFY(!bar->isVisible());
}

void TestTerminalWidget::titleAndBell()
{
    TerminalWidget &w = *m_widget;
    QSignalSpy title(&w, &TerminalWidget::titleChanged);
    QSignalSpy bell(&w, &TerminalWidget::bell);
    w.session()->feed(esc("\\e]2;root@box: ~\a"));
    QCOMPARE(title.count(), 1);
    QCOMPARE(title.at(0).at(0).toString(), QStringLiteral("root@box: ~"));
    w.session()->feed("\a");
    QCOMPARE(bell.count(), 1);
    // The visual bell veils the whole view for a moment.
    const QColor flashed = pixelAt(w, 5, 5);
    QVERIFY(flashed != w.terminalPalette().defaultBackground());
    QTRY_COMPARE(pixelAt(w, 5, 5), w.terminalPalette().defaultBackground());
}

void TestTerminalWidget::contextMenu()
{
    TerminalWidget &w = *m_widget;
    for (int i = 0; i < 100; ++i)
        w.session()->feed("history\r\n");
    w.session()->flushUpdates();
    QVERIFY(w.session()->history().size() > 0);
    const QPoint at = w.viewport()->rect().center();
    QContextMenuEvent event(QContextMenuEvent::Mouse, at, w.viewport()->mapToGlobal(at));
    QApplication::sendEvent(w.viewport(), &event);
    auto *menu = w.findChild<QMenu *>(QStringLiteral("terminalContextMenu"));
    QVERIFY(menu);
    QStringList texts;
    QAction *clear = nullptr;
    for (QAction *a : menu->actions()) {
        if (a->isSeparator())
            continue;
        texts << a->text();
        if (a->text() == QStringLiteral("C&lear Scrollback"))
            clear = a;
        if (a->text() == QStringLiteral("&Copy"))
            QVERIFY(!a->isEnabled());  // nothing selected
    }
    QCOMPARE(texts, (QStringList { "&Copy", "&Paste", "Select &All", "&Find…", "Zoom &In", "Zoom &Out",
                                   "&Reset Zoom", "C&lear Scrollback" }));
    QVERIFY(clear);
    clear->trigger();
    QCOMPARE(w.session()->history().size(), 0);
    menu->close();
}

void TestTerminalWidget::ptyRoundTrip()
{
    TerminalWidget &w = *m_widget;
    Pty pty(false);
    QVERIFY(pty.master >= 0 && pty.slave >= 0);
    // Prepared before fork: the child only calls async-signal-safe functions.
    const char *argv[] = { "sh", nullptr };
    const char *envp[] = { "TERM=xterm-256color", "PS1=$ ", "PATH=/usr/bin:/bin", "HOME=/",
                           nullptr };
    Child child;
    child.pid = ::fork();
    QVERIFY(child.pid >= 0);
    if (child.pid == 0) {
        ::setsid();
        ::ioctl(pty.slave, TIOCSCTTY, 0);
        ::dup2(pty.slave, 0);
        ::dup2(pty.slave, 1);
        ::dup2(pty.slave, 2);
        ::execve("/bin/sh", const_cast<char **>(argv), const_cast<char **>(envp));
        ::_exit(127);
    }
    ::close(pty.slave);
    QVERIFY(w.session()->attach(pty.master));
    QVERIFY(w.session()->isTty());
    w.setFocus();
    QTRY_VERIFY_WITH_TIMEOUT(w.session()->screenLineText(0).startsWith(QLatin1Char('$')), 10000);

    QTest::keyClicks(&w, QStringLiteral("echo $((6*7))"));
    QTest::keyClick(&w, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(anyRowIs(*w.session(), QStringLiteral("42")), 10000);

    // Resizing the widget resizes the pty: the shell sees it.
    w.resize(w.cellSize().width() * 50 + w.verticalScrollBar()->width(), w.cellSize().height() * 12);
    QTRY_COMPARE(w.session()->columns(), 50);
    QCOMPARE(w.session()->rows(), 12);
    QTest::keyClicks(&w, QStringLiteral("stty size"));
    QTest::keyClick(&w, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(anyRowIs(*w.session(), QStringLiteral("12 50")), 10000);
}

void TestTerminalWidget::floodIsPaintedInBatches()
{
    TerminalWidget &w = *m_widget;
    Pty pty(true);
    QVERIFY(pty.master >= 0 && pty.slave >= 0);
    // 5 MB, one write() per line, as a program printing line by line does.
    constexpr int lineLength = 64;
    constexpr int lines = 5 * 1024 * 1024 / lineLength;
    Child child;
    child.pid = ::fork();
    QVERIFY(child.pid >= 0);
    if (child.pid == 0) {
        char line[lineLength + 1];
        for (int i = 0; i < lines; ++i) {
            for (int v = i, d = 0; d < 8; ++d, v /= 10)
                line[7 - d] = char('0' + v % 10);
            int n = 8;
            for (; n < lineLength - 2; ++n)
                line[n] = char('a' + (n + i) % 26);
            line[n++] = '\r';
            line[n++] = '\n';
            for (int done = 0; done < n;) {
                const ssize_t k = ::write(pty.slave, line + done, size_t(n - done));
                if (k <= 0)
                    ::_exit(1);
                done += int(k);
            }
        }
        ::_exit(0);
    }
    ::close(pty.slave);

    QSignalSpy updates(w.session(), &TerminalSession::contentUpdated);
    const int paintsBefore = w.paintCount();
    // The event loop must keep turning: a 5 ms timer measures its worst gap.
    QElapsedTimer sinceTick;
    qint64 worstGap = 0;
    QTimer ticker;
    ticker.setInterval(5);
    connect(&ticker, &QTimer::timeout, this, [&] {
        worstGap = qMax(worstGap, sinceTick.restart());
    });
    QElapsedTimer clock;
    clock.start();
    sinceTick.start();
    ticker.start();
    QVERIFY(w.session()->attach(pty.master));
    const qint64 total = qint64(lines) * lineLength;
    // A real event loop (QTRY_ sleeps between its rounds, which would hide
    // a stall and slow the reading).
    QEventLoop loop;
    connect(w.session(), &TerminalSession::contentUpdated, &loop, [&] {
        if (w.session()->bytesReceived() == total)
            loop.quit();
    });
    QTimer::singleShot(120000, &loop, &QEventLoop::quit);
    loop.exec();
    QCOMPARE(w.session()->bytesReceived(), total);
    const qint64 elapsed = clock.elapsed();
    ticker.stop();
    QTRY_VERIFY(w.paintCount() > paintsBefore);
    QTRY_COMPARE(w.session()->screenLineText(w.session()->rows() - 2).left(8),
                 QStringLiteral("%1").arg(lines - 1, 8, 10, QLatin1Char('0')));

    const int paints = w.paintCount() - paintsBefore;
    qInfo("flood: %lld bytes in %lld ms (%.1f MB/s), %d writes, %d updates, %d paints, "
          "worst event-loop gap %lld ms",
          total, elapsed, total / 1048576.0 / (elapsed / 1000.0), lines, int(updates.count()), paints,
          worstGap);
    // Batched: far fewer updates than writes, and no more than one per
    // interval (plus slack for the first and the last).
    QVERIFY2(updates.count() < lines / 100, "updates not coalesced");
    QVERIFY(updates.count() <= elapsed / w.session()->updateInterval() + 5);
    QVERIFY(paints <= updates.count() + 5);
    QVERIFY2(worstGap < 150, "the event loop stalled during the flood");
    QCOMPARE(w.session()->history().size(), w.session()->historyCapacity());
}

QTEST_MAIN(TestTerminalWidget)
#include "test_terminal_widget.moc"
