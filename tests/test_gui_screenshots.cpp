// Pictures of the GUI against the real hutch-helper on a private bus
// (guibackend.h): the main window with a few containers, its panels, a
// console window, the config editor, the log, the settings and the wizard,
// once in light colours and once in dark (-dark.png), each set checked to
// be as light or dark as named. Every window renders in the test; the PNGs are kept where
// HUTCH_SCREENSHOT_DIR asks for them (docs/screenshots/render.sh).
#include "busfixture.h"
#include "configeditor.h"
#include "consoletab.h"
#include "consolewindow.h"
#include "containeractions.h"
#include "containerlistmodel.h"
#include "createwizard.h"
#include "detailspanel.h"
#include "guibackend.h"
#include "historygraph.h"
#include "logview.h"
#include "modalanswer.h"
#include "mainwindow.h"
#include "preferences.h"
#include "propertiesdialog.h"
#include "resourcespanel.h"
#include "settingsdialog.h"
#include "usageslider.h"

#include <QApplication>
#include <QColor>
#include <QDockWidget>
#include <QImage>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

using hutch::test::answerNextMenu;
using hutch::test::screen;

class TestGuiScreenshots : public hutch::test::GuiBackendTest
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { HUTCH_START_GUI_BACKEND(fx, w); }

    void cleanupTestCase() { stopGui(); }

    // With HUTCH_SCREENSHOT_DIR set: the main window with a few containers
    // and a console window, as PNG (for docs/screenshots and for looking).
    void screenshots()
    {
        // Every window renders either way; the pictures are kept only where
        // HUTCH_SCREENSHOT_DIR asks for them (docs/screenshots/render.sh).
        QTemporaryDir scratch;
        QString dir = qEnvironmentVariable("HUTCH_SCREENSHOT_DIR");
        if (dir.isEmpty())
            dir = scratch.path();
        for (const char *name : {"db", "cache"}) {
            const auto r = fx->hutchctl({QStringLiteral("create"), QString::fromLatin1(name), QStringLiteral("-t"),
                                         QStringLiteral("busybox")}, false);
            QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        }
        for (const char *name : {"web", "cache"})
            fx->hutchctl({QStringLiteral("start"), QString::fromLatin1(name)}, false);
        fx->hutchctl({QStringLiteral("freeze"), QStringLiteral("cache")}, false);
        QTRY_COMPARE(stateOf(QStringLiteral("cache")), QStringLiteral("FROZEN"));
        QTRY_COMPARE(stateOf(QStringLiteral("web")), QStringLiteral("RUNNING"));
        // Two stats rounds: CPU % needs a previous sample, then the cell shows it.
        QTRY_VERIFY(!w->model()->index(w->model()->rowOf(QStringLiteral("web")), ContainerListModel::Cpu)
                         .data().toString().isEmpty());
        // Once in light colours, once in dark: each set must look as named.
        w->preferences()->setTheme(Preferences::Theme::Light);
        shoot(dir, QString());
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(meanLightness(dir + QStringLiteral("/main-window-resources.png")) > 150,
                 qPrintable(QString::number(meanLightness(dir + QStringLiteral("/main-window-resources.png")))));
        w->preferences()->setTheme(Preferences::Theme::Dark);
        shoot(dir, QStringLiteral("-dark"));
        w->preferences()->setTheme(Preferences::Theme::System);
        if (QTest::currentTestFailed())
            return;
        for (const char *picture : {"main-window-resources", "main-window-details", "properties-config", "settings", "wizard-2"}) {
            const int mean = meanLightness(dir + QLatin1Char('/') + QLatin1String(picture) + QStringLiteral("-dark.png"));
            QVERIFY2(mean < 100, qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(picture)).arg(mean)));
        }

        fx->hutchctl({QStringLiteral("unfreeze"), QStringLiteral("cache")}, false);
        for (const char *name : {"web", "cache"})
            fx->hutchctl({QStringLiteral("stop"), QString::fromLatin1(name), QStringLiteral("--kill")}, false);
    }

private:
    // The average lightness (0-255) of a saved picture: light colours give
    // a light picture, dark ones a dark picture.
    static int meanLightness(const QString &file)
    {
        const QImage image(file);
        if (image.isNull())
            return -1;
        qint64 sum = 0, count = 0;
        for (int y = 0; y < image.height(); y += 3)
            for (int x = 0; x < image.width(); x += 3, ++count)
                sum += QColor(image.pixel(x, y)).lightness();
        return count ? int(sum / count) : -1;
    }

    // Every picture of the set, the file names ending in SUFFIX.
    void shoot(const QString &dir, const QString &suffix)
    {
        QVERIFY(w->selectContainer(QStringLiteral("web")));
        QVERIFY(w->grab().save(dir + QStringLiteral("/main-window%1.png").arg(suffix)));
        {
            // The context menu of the running row, with its Console submenu.
            auto *view = w->findChild<QTreeView *>(QStringLiteral("containerView"));
            bool saved = false;
            answerNextMenu(QStringLiteral("containerContextMenu"), [&saved, dir, suffix](QMenu &menu) {
                saved = menu.grab().save(dir + QStringLiteral("/context-menu%1.png").arg(suffix));
            });
            Q_EMIT view->customContextMenuRequested(view->visualRect(view->currentIndex()).center());
            QVERIFY(saved);
        }
        w->findChild<QAction *>(QStringLiteral("actionResources"))->trigger();
        w->findChild<QAction *>(QStringLiteral("actionDetails"))->trigger();
        w->resize(1200, 600);
        QTRY_VERIFY(w->resources()->slider(ResourcesPanel::Memory)->usage() >= 0);
        QTRY_COMPARE(w->size(), QSize(1200, 600));
        QCoreApplication::processEvents();  // the layout the resize asked for
        QVERIFY(w->grab().save(dir + QStringLiteral("/main-window-resources%1.png").arg(suffix)));
        w->findChild<QDockWidget *>(QStringLiteral("detailsDock"))->raise();
        QTRY_VERIFY(w->details()->memoryGraph()->sampleCount() >= 3);
        QVERIFY(w->grab().save(dir + QStringLiteral("/main-window-details%1.png").arg(suffix)));
        w->findChild<QAction *>(QStringLiteral("actionResources"))->trigger();
        w->findChild<QAction *>(QStringLiteral("actionDetails"))->trigger();

        ConsoleTab *tab = w->consoles()->openConsole(QStringLiteral("web"), 0);
        w->consoles()->openConsole(QStringLiteral("web"), 1);
        ConsoleWindow *cw = w->consoles()->windows().first();
        cw->showTab(tab);
        QTRY_VERIFY(tab->isLive());
        tab->sendBytes("ls -l /\n");
        // The listing, then the shell's prompt after it.
        QTRY_VERIFY(screen(tab->terminal()).contains(QStringLiteral("proc"))
                    && screen(tab->terminal()).trimmed().endsWith(QLatin1Char('#')));
        QVERIFY(cw->grab().save(dir + QStringLiteral("/console-window%1.png").arg(suffix)));
        for (ConsoleWindow *c : w->consoles()->windows())
            c->deleteLater();
        QTRY_COMPARE(w->consoles()->windows().size(), 0);
        {
            // The config editor with a misspelt key marked, and the log.
            PropertiesDialog props(w->connection(), w->model()->entryOf(QStringLiteral("web")), w.get());
            ConfigEditor *editor = props.configEditor();
            QSignalSpy loaded(editor, &ConfigEditor::loaded);
            props.resize(760, 560);
            props.show();
            props.findChild<QTabWidget *>(QStringLiteral("propertiesTabs"))->setCurrentWidget(editor);
            QTRY_VERIFY(loaded.count() >= 1);
            editor->editor()->appendPlainText(QStringLiteral("lxc.start.atuo = 1"));
            editor->validateNow();
            QVERIFY(editor->hasErrors());
            QCoreApplication::processEvents();
            QVERIFY(props.grab().save(dir + QStringLiteral("/properties-config%1.png").arg(suffix)));
            props.findChild<QTabWidget *>(QStringLiteral("propertiesTabs"))->setCurrentWidget(props.logView());
            QSignalSpy refreshed(props.logView(), &LogView::refreshed);
            QTRY_VERIFY(refreshed.count() >= 1);
            QVERIFY(props.grab().save(dir + QStringLiteral("/properties-log%1.png").arg(suffix)));
        }
        {
            SettingsDialog *settings = w->showSettings();
            QSignalSpy received(settings, &SettingsDialog::settingsReceived);
            QTRY_VERIFY(received.count() == 1);
            QVERIFY(settings->grab().save(dir + QStringLiteral("/settings%1.png").arg(suffix)));
            settings->reject();
        }
        // The wizard's pages, up to the summary (nothing is created).
        w->actions()->action(ContainerActions::Create)->trigger();
        CreateWizard *wizard = w->findChild<CreateWizard *>();
        QVERIFY(wizard);
        QTRY_COMPARE(wizard->templateName(), QStringLiteral("busybox"));
        wizard->findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(QStringLiteral("../x"));
        QVERIFY(wizard->grab().save(dir + QStringLiteral("/wizard-name-invalid%1.png").arg(suffix)));
        wizard->findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(QStringLiteral("mail"));
        for (int page = 1; page <= 3; ++page) {
            wizard->next();
            QVERIFY(wizard->grab().save(dir + QStringLiteral("/wizard-%1%2.png").arg(page).arg(suffix)));
        }
        wizard->reject();
        QTRY_VERIFY(!w->findChild<CreateWizard *>());  // the next set opens its own

    }
};

QTEST_MAIN(TestGuiScreenshots)
#include "test_gui_screenshots.moc"
