// The GUI against the real helper on a private bus (busfixture.h), shared by
// test_gui_backend, test_gui_store, test_gui_screenshots, test_gui_files and
// test_gui_hostcheck.
#pragma once

#include "busfixture.h"
#include "containerfeed.h"
#include "containerlistmodel.h"
#include "mainwindow.h"
#include "terminalsession.h"
#include "terminalwidget.h"

#include <QObject>
#include <QStandardPaths>
#include <QStringList>
#include <QTest>

#include <unistd.h>

#include <memory>

namespace hutch::test {

// What a terminal widget shows, line by line.
inline QString screen(const TerminalWidget *w)
{
    const TerminalSession *s = w->session();
    QStringList lines;
    for (int i = 0; i < s->lineCount(); ++i)
        lines << s->lineText(i);
    return lines.join(QLatin1Char('\n'));
}

// The state a test class of the GUI against the helper keeps: the fixture,
// the main window, and their end.
class GuiBackendTest : public QObject {
protected:
    std::unique_ptr<BusFixture> fx;
    std::unique_ptr<MainWindow> w;

    QString stateOf(const QString &name) const { return w->model()->stateOf(name); }
    // cleanupTestCase: the window first (it talks to the bus), then the fixture.
    void stopGui()
    {
        w.reset();
        if (fx)
            fx->cleanup();
    }
};

// The kind of the container "web" these tests drive: unprivileged, as
// CreateContainer makes it by default, or privileged when the environment
// says HUTCH_TEST_KIND=privileged (ctest runs test_gui_backend once per
// kind: a column of the whole class, whose functions follow one another).
inline bool privilegedRun() { return qEnvironmentVariable("HUTCH_TEST_KIND") == QLatin1String("privileged"); }

}  // namespace hutch::test

// Makes the main window `w` as the user nobody, connected: the bus and
// polkit take the uid of the connecting process.
#define HUTCH_MAIN_WINDOW_AS_NOBODY(w)                                                                             \
    do {                                                                                                           \
        QCOMPARE(::setegid(65534), 0);                                                                             \
        QCOMPARE(::seteuid(65534), 0);                                                                             \
        w = std::make_unique<MainWindow>();                                                                        \
        const bool connected_ = QTest::qWaitFor([&] { return w->connection()->isConnected(); }, 5000);            \
        QCOMPARE(::seteuid(0), 0);                                                                                 \
        QCOMPARE(::setegid(0), 0);                                                                                 \
        QVERIFY(connected_);                                                                                       \
    } while (0)

// initTestCase: the fixture (HUTCH_START_BUS_FIXTURE), the GUI pointed at its
// bus with preferences (QSettings) in a test location, not ~/.config, the
// container "web" (busybox, two ttys; of the run's kind, privilegedRun()) made,
// and the main window `w` shown, polling stats every 200 ms.
#define HUTCH_START_GUI_BACKEND(fx, w)                                                                             \
    do {                                                                                                           \
        HUTCH_START_BUS_FIXTURE(fx);                                                                               \
        qputenv("HUTCH_BUS_ADDRESS", fx->address().toUtf8());                                                      \
        QStandardPaths::setTestModeEnabled(true);                                                                  \
        QStringList create_{QStringLiteral("create"), QStringLiteral("web"), QStringLiteral("-t"),                \
                            QStringLiteral("busybox")};                                                            \
        if (hutch::test::privilegedRun())                                                                          \
            create_ << QStringLiteral("--privileged");                                                             \
        const auto made_ = fx->hutchctl(create_ + QStringList{QStringLiteral("--"), QStringLiteral("--ttys"),      \
                                                              QStringLiteral("2")}, false);                        \
        QVERIFY2(made_.exitCode == 0, qPrintable(made_.text()));                                                   \
        w = std::make_unique<MainWindow>();                                                                        \
        w->feed()->setStatsInterval(200);                                                                          \
        w->show();                                                                                                 \
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));                                                            \
    } while (0)
