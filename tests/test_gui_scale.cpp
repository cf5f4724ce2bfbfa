// The main window on a small screen at a high scale factor: a 1280×800
// laptop at 200 % (QT_SCALE_FACTOR=2) has 640×400 logical pixels. The
// window must open inside them, menus and toolbar included. Its own main():
// the scale and the offscreen screen's size must be set before QApplication.
#include "mainwindow.h"

#include <QApplication>
#include <QFile>
#include <QScreen>
#include <QTemporaryDir>
#include <QtTest>

class TestGuiScale : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fitsTheScreen()
    {
        const QScreen *screen = QGuiApplication::primaryScreen();
        QVERIFY(screen);
        QCOMPARE(screen->geometry().size() * screen->devicePixelRatio(), QSize(1280, 800));
        QVERIFY(qFuzzyCompare(screen->devicePixelRatio(), 2.0));
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QRect room = screen->availableGeometry();
        qInfo("window %dx%d on %dx%d logical pixels", w.width(), w.height(), room.width(), room.height());
        QVERIFY2(w.frameGeometry().width() <= room.width() && w.frameGeometry().height() <= room.height(),
                 qPrintable(QStringLiteral("%1x%2").arg(w.frameGeometry().width()).arg(w.frameGeometry().height())));
        // Still usable: the list gets most of it.
        auto *view = w.findChild<QWidget *>(QStringLiteral("containerView"));
        QVERIFY(view && view->height() >= room.height() / 3);
    }
};

int main(int argc, char *argv[])
{
    QTemporaryDir dir;
    const QString config = dir.filePath(QStringLiteral("screens.json"));
    QFile f(config);
    if (!dir.isValid() || !f.open(QIODevice::WriteOnly)
        || f.write(R"({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1280, "height": 800,
                      "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]})") <= 0)
        return 2;
    f.close();
    qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + QFile::encodeName(config));
    qputenv("QT_SCALE_FACTOR", "2");
    // No helper: the window is honestly disconnected.
    qputenv("HUTCH_BUS_ADDRESS", "unix:path=/nonexistent/hutch-test-bus");
    QApplication app(argc, argv);
    TestGuiScale test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_gui_scale.moc"
