// GUI tests of the foundation main window, run offscreen (CTest sets
// QT_QPA_PLATFORM=offscreen). Widgets are found by object name, the way a
// user-facing regression would be noticed: by what the window shows.
#include "mainwindow.h"

#include <QAbstractItemModel>
#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QStatusBar>
#include <QTimer>
#include <QTranslator>
#include <QTreeView>
#include <QtTest>

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsWithTitle();
    void listHasColumnsButNoRows();
    void placeholderExplainsMissingHelper();
    void statusSaysNotConnected();
    void quitActionClosesWindow();
    void aboutShowsVersion();
    void germanTranslationLoads();
};

void TestMainWindow::showsWithTitle()
{
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.isVisible());
    QCOMPARE(w.windowTitle(), QStringLiteral("Hutch"));
}

void TestMainWindow::listHasColumnsButNoRows()
{
    MainWindow w;
    auto *view = w.findChild<QTreeView *>(QStringLiteral("containerView"));
    QVERIFY(view);
    QAbstractItemModel *model = view->model();
    QVERIFY(model);

    const QStringList expected = {
        QStringLiteral("Name"), QStringLiteral("State"), QStringLiteral("IP addresses"),
        QStringLiteral("CPU"), QStringLiteral("Memory"), QStringLiteral("Autostart"),
    };
    QCOMPARE(model->columnCount(), expected.size());
    for (int i = 0; i < expected.size(); ++i)
        QCOMPARE(model->headerData(i, Qt::Horizontal).toString(), expected.at(i));
    // No helper, no containers: the list must not invent any.
    QCOMPARE(model->rowCount(), 0);
}

void TestMainWindow::placeholderExplainsMissingHelper()
{
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    auto *label = w.findChild<QLabel *>(QStringLiteral("placeholderLabel"));
    QVERIFY(label);
    QVERIFY(label->isVisible());
    QVERIFY(label->text().contains(QStringLiteral("No connection to the Hutch helper service.")));
}

void TestMainWindow::statusSaysNotConnected()
{
    MainWindow w;
    auto *label = w.statusBar()->findChild<QLabel *>(QStringLiteral("connectionLabel"));
    QVERIFY(label);
    QCOMPARE(label->text(), QStringLiteral("Not connected to the helper"));
}

void TestMainWindow::quitActionClosesWindow()
{
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    auto *quit = w.findChild<QAction *>(QStringLiteral("actionQuit"));
    QVERIFY(quit);
    QCOMPARE(quit->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Q));
    auto *fileMenu = w.findChild<QMenu *>(QStringLiteral("menuFile"));
    QVERIFY(fileMenu);
    QVERIFY(fileMenu->actions().contains(quit));

    // Leave the application running: the test itself must survive Quit.
    QApplication::setQuitOnLastWindowClosed(false);
    quit->trigger();
    QVERIFY(!w.isVisible());
}

void TestMainWindow::aboutShowsVersion()
{
    MainWindow w;
    auto *about = w.findChild<QAction *>(QStringLiteral("actionAbout"));
    QVERIFY(about);

    // QMessageBox::about() is modal: read and close it from inside its loop.
    QString shownText;
    QTimer::singleShot(0, this, [&shownText] {
        for (QWidget *top : QApplication::topLevelWidgets()) {
            if (auto *box = qobject_cast<QMessageBox *>(top); box && box->isVisible()) {
                shownText = box->text();
                box->accept();
            }
        }
    });
    about->trigger();
    QVERIFY(shownText.contains(QStringLiteral(HUTCH_VERSION)));
    QVERIFY(shownText.contains(QStringLiteral("Hutch")));
}

void TestMainWindow::germanTranslationLoads()
{
    MainWindow w;
    auto *fileMenu = w.findChild<QMenu *>(QStringLiteral("menuFile"));
    auto *view = w.findChild<QTreeView *>(QStringLiteral("containerView"));
    auto *status = w.findChild<QLabel *>(QStringLiteral("connectionLabel"));
    QVERIFY(fileMenu && view && status);
    QCOMPARE(fileMenu->title(), QStringLiteral("&File"));

    // The .qm is built by lrelease and compiled into hutchgui; this fails if
    // either step is missing from the build.
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(":/i18n/hutch_de.qm")));
    QVERIFY(QCoreApplication::installTranslator(&translator));

    // Installing posts LanguageChange to the top-level widgets; the window
    // retranslates itself once the event loop delivers it.
    QTRY_COMPARE(fileMenu->title(), QStringLiteral("&Datei"));
    QCOMPARE(view->model()->headerData(1, Qt::Horizontal).toString(),
             QStringLiteral("Zustand"));
    QCOMPARE(status->text(), QStringLiteral("Nicht mit dem Hilfsdienst verbunden"));

    // And back, so the texts really follow the installed translators.
    QVERIFY(QCoreApplication::removeTranslator(&translator));
    QTRY_COMPARE(fileMenu->title(), QStringLiteral("&File"));
}

QTEST_MAIN(TestMainWindow)
#include "test_mainwindow.moc"
