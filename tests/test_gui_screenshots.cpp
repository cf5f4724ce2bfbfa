// Pictures of the GUI against the real hutch-helper on a private bus
// (guibackend.h): the main window with a few containers, its panels, a
// console window, the config editor, the log, the settings and the wizard.
// Every window renders in the test; the PNGs are kept where
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
#include "mainwindow.h"
#include "propertiesdialog.h"
#include "resourcespanel.h"
#include "settingsdialog.h"
#include "usageslider.h"

#include <QApplication>
#include <QDockWidget>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeView>
#include <QtTest>

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
        QVERIFY(w->selectContainer(QStringLiteral("web")));
        QVERIFY(w->grab().save(dir + QStringLiteral("/main-window.png")));
        {
            // The context menu of the running row, with its Console submenu.
            auto *view = w->findChild<QTreeView *>(QStringLiteral("containerView"));
            bool saved = false;
            QTimer::singleShot(100, [&saved, dir] {
                for (QWidget *top : QApplication::topLevelWidgets())
                    if (auto *menu = qobject_cast<QMenu *>(top); menu && menu->isVisible()
                        && menu->objectName() == QLatin1String("containerContextMenu")) {
                        saved = menu->grab().save(dir + QStringLiteral("/context-menu.png"));
                        menu->close();
                    }
            });
            Q_EMIT view->customContextMenuRequested(view->visualRect(view->currentIndex()).center());
            QVERIFY(saved);
        }
        w->findChild<QAction *>(QStringLiteral("actionResources"))->trigger();
        w->findChild<QAction *>(QStringLiteral("actionDetails"))->trigger();
        w->resize(1200, 600);
        QTRY_VERIFY(w->resources()->slider(ResourcesPanel::Memory)->usage() >= 0);
        QTest::qWait(100);
        QVERIFY(w->grab().save(dir + QStringLiteral("/main-window-resources.png")));
        w->findChild<QDockWidget *>(QStringLiteral("detailsDock"))->raise();
        QTRY_VERIFY(w->details()->memoryGraph()->sampleCount() >= 3);
        QVERIFY(w->grab().save(dir + QStringLiteral("/main-window-details.png")));
        w->findChild<QAction *>(QStringLiteral("actionResources"))->trigger();
        w->findChild<QAction *>(QStringLiteral("actionDetails"))->trigger();

        ConsoleTab *tab = w->consoles()->openConsole(QStringLiteral("web"), 0);
        w->consoles()->openConsole(QStringLiteral("web"), 1);
        ConsoleWindow *cw = w->consoles()->windows().first();
        cw->showTab(tab);
        QTRY_VERIFY(tab->isLive());
        tab->sendBytes("ls -l /\n");
        QTRY_VERIFY(screen(tab->terminal()).contains(QStringLiteral("proc")));
        QTest::qWait(100);
        QVERIFY(cw->grab().save(dir + QStringLiteral("/console-window.png")));
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
            QVERIFY(props.grab().save(dir + QStringLiteral("/properties-config.png")));
            props.findChild<QTabWidget *>(QStringLiteral("propertiesTabs"))->setCurrentWidget(props.logView());
            QSignalSpy refreshed(props.logView(), &LogView::refreshed);
            QTRY_VERIFY(refreshed.count() >= 1);
            QVERIFY(props.grab().save(dir + QStringLiteral("/properties-log.png")));
        }
        {
            SettingsDialog *settings = w->showSettings();
            QSignalSpy received(settings, &SettingsDialog::settingsReceived);
            QTRY_VERIFY(received.count() == 1);
            QVERIFY(settings->grab().save(dir + QStringLiteral("/settings.png")));
            settings->reject();
        }
        // The wizard's pages, up to the summary (nothing is created).
        w->actions()->action(ContainerActions::Create)->trigger();
        CreateWizard *wizard = w->findChild<CreateWizard *>();
        QVERIFY(wizard);
        QTRY_COMPARE(wizard->templateName(), QStringLiteral("busybox"));
        wizard->findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(QStringLiteral("../x"));
        QVERIFY(wizard->grab().save(dir + QStringLiteral("/wizard-name-invalid.png")));
        wizard->findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(QStringLiteral("mail"));
        for (int page = 1; page <= 3; ++page) {
            wizard->next();
            QVERIFY(wizard->grab().save(dir + QStringLiteral("/wizard-%1.png").arg(page)));
        }
        wizard->reject();

        fx->hutchctl({QStringLiteral("unfreeze"), QStringLiteral("cache")}, false);
        for (const char *name : {"web", "cache"})
            fx->hutchctl({QStringLiteral("stop"), QString::fromLatin1(name), QStringLiteral("--kill")}, false);
    }
};

QTEST_MAIN(TestGuiScreenshots)
#include "test_gui_screenshots.moc"
