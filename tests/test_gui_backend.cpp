// The GUI against the real hutch-helper on a private bus (busfixture: the
// real dbus-daemon, polkitd and helper with a temporary store, as root):
// the list shows containers made through the helper and follows state
// changes made by another client; a console tab attaches to a real busybox
// container's console and sees its shell; the wizard creates, a drop
// clones, Destroy asks with the name; the helper restarted under the GUI is
// reconnected. The store's dialogs are in test_gui_store, the pictures in
// test_gui_screenshots. No polling sleeps: QTRY_ and signal spies; modal questions
// answered through the GUI's hook (modalanswer.h).
#include "archivetransfers.h"
#include "busfixture.h"
#include "guibackend.h"
#include "modalanswer.h"
#include "client.h"
#include "clonedialog.h"
#include "configeditor.h"
#include "consoletab.h"
#include "consolewindow.h"
#include "containeractions.h"
#include "containerfeed.h"
#include "containerlistmodel.h"
#include "containerview.h"
#include "createwizard.h"
#include "detailspanel.h"
#include "historygraph.h"
#include "logview.h"
#include "helperconnection.h"
#include "importdialog.h"
#include "mainwindow.h"
#include "messagebar.h"
#include "operationspanel.h"
#include "preferences.h"
#include "propertiesdialog.h"
#include "resourcespanel.h"
#include "settingsdialog.h"
#include "snapshotsview.h"
#include "usageslider.h"
#include "terminalsession.h"
#include "terminalwidget.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDBusMessage>
#include <QDialog>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QComboBox>
#include <QSpinBox>
#include <QCheckBox>
#include <QFile>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeView>
#include <QTreeWidget>
#include <QtTest>

#include <unistd.h>


using hutch::test::answerNextBox;
using hutch::test::screen;

namespace {

// A limit as the kernel has it: cgroup v1's controller where there is one
// (hybrid machines like this one), else v2.
QString kernelValue(const QString &name, const QString &v1File, const QString &v2File)
{
    const QString v1Controller = v1File.section(QLatin1Char('.'), 0, 0);
    for (const QString &path : {QStringLiteral("/sys/fs/cgroup/%1/hutch/%2/%3").arg(v1Controller, name, v1File),
                                QStringLiteral("/sys/fs/cgroup/hutch/%1/%2").arg(name, v2File),
                                QStringLiteral("/sys/fs/cgroup/unified/hutch/%1/%2").arg(name, v2File)}) {
        QFile f(path);
        if (f.open(QIODevice::ReadOnly))
            return QString::fromLatin1(f.readAll().trimmed());
    }
    return {};
}



}  // namespace

class TestGuiBackend : public hutch::test::GuiBackendTest
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        HUTCH_START_GUI_BACKEND(fx, w);
    }

    void cleanupTestCase() { stopGui(); }

    void cleanup() { setModalHook({}); }

    void listsWhatTheHelperHas()
    {
        QTRY_VERIFY(w->connection()->isConnected());
        QTRY_VERIFY(w->model()->rowOf(QStringLiteral("web")) >= 0);
        QCOMPARE(stateOf(QStringLiteral("web")), QStringLiteral("STOPPED"));
        // The run's kind (guibackend.h), as its row says it.
        const int row = w->model()->rowOf(QStringLiteral("web"));
        QCOMPARE(w->model()->index(row, ContainerListModel::Privileges).data().toString(),
                 hutch::test::privilegedRun() ? QStringLiteral("Privileged") : QStringLiteral("Unprivileged"));
        auto *label = w->statusBar()->findChild<QLabel *>(QStringLiteral("connectionLabel"));
        QVERIFY(label->text().startsWith(QStringLiteral("Connected to the helper")));
        QVERIFY(w->selectContainer(QStringLiteral("web")));
        QVERIFY(w->actions()->action(ContainerActions::Start)->isEnabled());
        QVERIFY(!w->actions()->action(ContainerActions::Console)->isEnabled());
        QVERIFY(w->actions()->action(ContainerActions::Clone)->isEnabled());
    }

    void followsStateChangesOfOtherClients()
    {
        // Started by hutchctl, another client: only the helper's signal tells us.
        QElapsedTimer t;
        t.start();
        const auto r = fx->hutchctl({QStringLiteral("start"), QStringLiteral("web")}, false);
        QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        // The issue asks for "within a second" of the change.
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(QStringLiteral("web")), QStringLiteral("RUNNING"), 1000);
        qInfo("hutchctl start → row RUNNING in %lld ms", qint64(t.elapsed()));
        QVERIFY(w->selectContainer(QStringLiteral("web")));
        QVERIFY(w->actions()->action(ContainerActions::Console)->isEnabled());
        QVERIFY(w->actions()->action(ContainerActions::Shutdown)->isEnabled());
        QVERIFY(!w->actions()->action(ContainerActions::Start)->isEnabled());
        QVERIFY(!w->actions()->action(ContainerActions::Clone)->isEnabled());
        // GetStats: memory of the running container appears in its row.
        const int row = w->model()->rowOf(QStringLiteral("web"));
        QTRY_VERIFY(!w->model()->index(row, ContainerListModel::Memory).data().toString().isEmpty());
        QTRY_VERIFY(!w->model()->index(row, ContainerListModel::Cpu).data().toString().isEmpty());
    }

    void consoleTabSeesThePrompt()
    {
        QVERIFY(w->selectContainer(QStringLiteral("web")));
        w->actions()->action(ContainerActions::Console)->trigger();
        QTRY_COMPARE(w->consoles()->windows().size(), 1);
        ConsoleWindow *cw = w->consoles()->windows().first();
        ConsoleTab *tab = cw->currentTab();
        QVERIFY(tab);
        QCOMPARE(tab->container(), QStringLiteral("web"));
        QTRY_VERIFY(tab->isLive());
        tab->sendBytes("echo gui-$((6*7))\n");
        QTRY_VERIFY2(screen(tab->terminal()).contains(QStringLiteral("gui-42")), qPrintable(screen(tab->terminal())));
        QVERIFY(screen(tab->terminal()).contains(QStringLiteral("# ")));  // the busybox shell's prompt

        // tty1 opens as a second tab of the same window.
        ConsoleTab *tty = w->consoles()->openConsole(QStringLiteral("web"), 1);
        QCOMPARE(cw->tabs().size(), 2);
        QTRY_VERIFY(tty->isLive());
        tty->sendBytes("echo tty-$((6*7))\n");
        QTRY_VERIFY2(screen(tty->terminal()).contains(QStringLiteral("tty-42")), qPrintable(screen(tty->terminal())));

        // Torn off: the tab moves to a window of its own, still attached.
        cw->findChild<QAction *>(QStringLiteral("actionTearOff"))->trigger();
        QTRY_COMPARE(w->consoles()->windows().size(), 2);
        QCOMPARE(cw->tabs().size(), 1);
        QVERIFY(tty->isLive());

        // Send Key → Ctrl+Alt+F2: the container's tty2, as a tab.
        cw->findChild<QAction *>(QStringLiteral("actionCtrlAltF2"))->trigger();
        ConsoleTab *tty2 = nullptr;
        for (ConsoleWindow *c : w->consoles()->windows())
            if (ConsoleTab *t = c->findTab(QStringLiteral("web"), int(ConsoleTab::Kind::Console), 2))
                tty2 = t;
        QVERIFY(tty2);
        QTRY_VERIFY(tty2->isLive());
        // Detach: the tab stays, the session ends, the container keeps running.
        QCOMPARE(tty2->window()->findChild<QAction *>(QStringLiteral("actionSysRq"))->isEnabled(), false);
        tty2->detach();
        QVERIFY(!tty2->isLive());
        QVERIFY(tty2->statusText().startsWith(QStringLiteral("Detached")));
        QCOMPARE(stateOf(QStringLiteral("web")), QStringLiteral("RUNNING"));
    }

    void shellTab()
    {
        ConsoleTab *shell = w->consoles()->openShell(QStringLiteral("web"));
        QTRY_VERIFY(shell->isLive());
        shell->sendBytes("echo shell-$((6*7))\n");
        QTRY_VERIFY2(screen(shell->terminal()).contains(QStringLiteral("shell-42")),
                     qPrintable(screen(shell->terminal())));
    }

    void consoleReconnectsAfterRestart()
    {
        ConsoleTab *tab = nullptr;
        for (ConsoleWindow *cw : w->consoles()->windows())
            if (ConsoleTab *t = cw->findTab(QStringLiteral("web"), int(ConsoleTab::Kind::Console), 0))
                tab = t;
        QVERIFY(tab);
        auto r = fx->hutchctl({QStringLiteral("stop"), QStringLiteral("web"), QStringLiteral("--kill")}, false);
        QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        QTRY_COMPARE(stateOf(QStringLiteral("web")), QStringLiteral("STOPPED"));
        QTRY_VERIFY(!tab->isLive());
        QTRY_VERIFY2(tab->statusText().contains(QStringLiteral("stopped")), qPrintable(tab->statusText()));
        r = fx->hutchctl({QStringLiteral("start"), QStringLiteral("web")}, false);
        QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        QTRY_VERIFY(tab->isLive());
        tab->sendBytes("echo again-$((6*7))\n");
        QTRY_VERIFY2(screen(tab->terminal()).contains(QStringLiteral("again-42")), qPrintable(screen(tab->terminal())));
        // The screen of before is kept: the earlier output is still there.
        QVERIFY(screen(tab->terminal()).contains(QStringLiteral("gui-42")));

        // Closing a live tab asks first; declining keeps it.
        ConsoleWindow *cw = qobject_cast<ConsoleWindow *>(tab->window());
        QVERIFY(cw);
        QString asked;
        answerNextBox(&asked, QMessageBox::RejectRole);
        QVERIFY(!cw->closeTab(tab));
        QVERIFY(asked.contains(QStringLiteral("web")));
        for (ConsoleWindow *c : w->consoles()->windows())
            c->deleteLater();
        QTRY_COMPARE(w->consoles()->windows().size(), 0);
    }

    void resourcesSetTheCgroup()
    {
        QVERIFY(w->selectContainer(QStringLiteral("web")));
        ResourcesPanel *panel = w->resources();
        QTRY_COMPARE(panel->container(), QStringLiteral("web"));
        QVERIFY(panel->isRunning());
        QSignalSpy loaded(panel, &ResourcesPanel::loaded);
        QSignalSpy applied(panel, &ResourcesPanel::applied);
        QSignalSpy failed(panel, &ResourcesPanel::error);
        // Loaded at selection, maybe before the spy: wait for usage instead.
        QTRY_VERIFY(panel->slider(ResourcesPanel::Memory)->usage() >= 0);
        // init and the shells of the console and ttys: more than one process.
        QTRY_VERIFY(panel->slider(ResourcesPanel::Pids)->usage() >= 2);

        // The details graphs fill from GetStats while the container runs.
        w->details()->setInterval(200);
        QTRY_VERIFY(w->details()->memoryGraph()->sampleCount() >= 2);
        QVERIFY(w->details()->memoryGraph()->lastValue() > 0);
        QTRY_VERIFY(w->details()->cpuGraph()->sampleCount() >= 1);
        const int markersBefore = w->details()->memoryGraph()->markerCount();

        // Moving the memory slider sets the kernel's limit.
        panel->setValue(ResourcesPanel::Memory, 200);
        QTRY_COMPARE(applied.count(), 1);
        // ... and the change is marked on the graphs.
        QCOMPARE(w->details()->memoryGraph()->markerCount(), markersBefore + 1);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(kernelValue(QStringLiteral("web"), QStringLiteral("memory.limit_in_bytes"), QStringLiteral("memory.max")),
                 QString::number(200ll << 20));
        panel->setValue(ResourcesPanel::Memory, 300);
        QTRY_COMPARE(applied.count(), 2);
        QCOMPARE(kernelValue(QStringLiteral("web"), QStringLiteral("memory.limit_in_bytes"), QStringLiteral("memory.max")),
                 QString::number(300ll << 20));
        // Undo takes back the last change, in the kernel too.
        QVERIFY(panel->canUndo());
        panel->undo();
        QTRY_COMPARE(applied.count(), 3);
        QCOMPARE(kernelValue(QStringLiteral("web"), QStringLiteral("memory.limit_in_bytes"), QStringLiteral("memory.max")),
                 QString::number(200ll << 20));

        // A pids limit below the processes it runs asks first; declined, nothing changes.
        const QString pidsBefore = kernelValue(QStringLiteral("web"), QStringLiteral("pids.max"), QStringLiteral("pids.max"));
        QString asked;
        answerNextBox(&asked, QMessageBox::RejectRole);
        panel->setValue(ResourcesPanel::Pids, 1);
        QVERIFY2(asked.contains(QStringLiteral("uses more than this limit")), qPrintable(asked));
        QCOMPARE(applied.count(), 3);
        QVERIFY(panel->value(ResourcesPanel::Pids) > 1);
        QCOMPARE(kernelValue(QStringLiteral("web"), QStringLiteral("pids.max"), QStringLiteral("pids.max")), pidsBefore);

        // Reset to unlimited.
        panel->resetToUnlimited(ResourcesPanel::Memory);
        QTRY_COMPARE(applied.count(), 4);
        QCOMPARE(applied.last().at(1).toString(), QStringLiteral("max"));
        QVERIFY(kernelValue(QStringLiteral("web"), QStringLiteral("memory.limit_in_bytes"), QStringLiteral("memory.max"))
                    .toLongLong() > (1ll << 50) ||
                kernelValue(QStringLiteral("web"), QStringLiteral("memory.limit_in_bytes"), QStringLiteral("memory.max"))
                    == QLatin1String("max"));
        Q_UNUSED(loaded)
    }

    void oomKillIsMarked()
    {
        QVERIFY(w->selectContainer(QStringLiteral("web")));
        ResourcesPanel *panel = w->resources();
        QTRY_COMPARE(panel->container(), QStringLiteral("web"));
        QSignalSpy applied(panel, &ResourcesPanel::applied);
        w->details()->setInterval(200);
        QTRY_VERIFY(w->details()->memoryGraph()->sampleCount() >= 2);
        panel->setValue(ResourcesPanel::Memory, 48);
        QTRY_COMPARE(applied.count(), 1);
        // A shell that wants 200 MB: the OOM killer ends it.
        const auto hog = fx->hutchctl({QStringLiteral("attach"), QStringLiteral("web"), QStringLiteral("--"), QStringLiteral("sh"),
                                       QStringLiteral("-c"), QStringLiteral("x=$(head -c 200000000 /dev/zero | tr '\\0' a)")},
                                      false);
        QCOMPARE(hog.exitCode, 137);
        QTRY_VERIFY_WITH_TIMEOUT(w->details()->memoryGraph()->markerLabels().contains(QStringLiteral("OOM kill")), 5000);
        panel->resetToUnlimited(ResourcesPanel::Memory);
        QTRY_COMPARE(applied.count(), 2);
        w->details()->setInterval(2000);
    }

    void sparklineFollowsTheRunningContainer()
    {
        // The list's CPU history is fed by the real GetStats polling.
        QTRY_COMPARE(stateOf(QStringLiteral("web")), QStringLiteral("RUNNING"));
        const int row = w->model()->rowOf(QStringLiteral("web"));
        const QModelIndex cpu = w->model()->index(row, ContainerListModel::Cpu);
        QTRY_VERIFY(cpu.data(ContainerListModel::CpuHistoryRole).value<QList<float>>().size() >= 3);
    }

    void logOfARunningContainer()
    {
        QTRY_COMPARE(stateOf(QStringLiteral("web")), QStringLiteral("RUNNING"));
        PropertiesDialog dialog(w->connection(), w->model()->entryOf(QStringLiteral("web")), w.get());
        LogView *log = dialog.logView();
        log->setInterval(200);
        QSignalSpy refreshed(log, &LogView::refreshed);
        dialog.show();
        auto *tabs = dialog.findChild<QTabWidget *>(QStringLiteral("propertiesTabs"));
        tabs->setCurrentWidget(log);
        QTRY_VERIFY(refreshed.count() >= 1);
        // An answer, not an error; what it shows is the helper's text.
        QVERIFY2(log->lastError().isEmpty(), qPrintable(log->lastError()));
        QDBusMessage call = QDBusMessage::createMethodCall(hutch::client::kService, hutch::client::kPath,
                                                          QStringLiteral("io.github.hutch.Helper1"), QStringLiteral("GetLog"));
        call << QStringLiteral("web") << QVariantMap();
        const QDBusMessage direct = fx->bus().call(call);
        QCOMPARE(direct.type(), QDBusMessage::ReplyMessage);
        const QString text = direct.arguments().value(0).toString();
        // The same log (it may have grown between the two calls).
        QTRY_VERIFY(!text.isEmpty() ? log->textView()->toPlainText().startsWith(text.left(40))
                                    : log->textView()->toPlainText().isEmpty());
        // Following while visible: it asks again by itself.
        QVERIFY(log->isFollowing());
        const int before = int(refreshed.count());
        QTRY_VERIFY(refreshed.count() >= before + 2);
        // Hidden: no more calls.
        tabs->setCurrentIndex(0);
        QVERIFY(!log->isFollowing());
        log->refreshButton()->click();
        QTRY_VERIFY(refreshed.count() >= before + 3);
    }

    // Keyboard on a row: Return opens the console of a running container,
    // Delete is Destroy… (which asks; declined here, nothing happens).
    void keyboardReturnAndDelete()
    {
        QTRY_COMPARE(stateOf(QStringLiteral("web")), QStringLiteral("RUNNING"));
        QVERIFY(w->selectContainer(QStringLiteral("web")));
        auto *view = w->findChild<QTreeView *>(QStringLiteral("containerView"));
        w->activateWindow();  // window shortcuts work in the active window
        QTRY_VERIFY(w->isActiveWindow());
        view->setFocus();
        QString asked;
        answerNextBox(&asked, QMessageBox::RejectRole);
        QTest::keyClick(view, Qt::Key_Delete);
        QVERIFY2(asked.contains(QStringLiteral("\"web\"")), qPrintable(asked));
        QCOMPARE(stateOf(QStringLiteral("web")), QStringLiteral("RUNNING"));
        QVERIFY(w->model()->rowOf(QStringLiteral("web")) >= 0);
        QSignalSpy console(w->actions(), &ContainerActions::consoleRequested);
        QTest::keyClick(view, Qt::Key_Return);
        QCOMPARE(console.count(), 1);
        QCOMPARE(console.first().at(0).toString(), QStringLiteral("web"));
        // The console window that Return opened goes again.
        for (QWidget *top : QApplication::topLevelWidgets())
            if (qobject_cast<ConsoleWindow *>(top))
                top->close();
        w->activateWindow();
    }

    // Stop asks first, naming the container; "Do not ask again" turns the
    // preference off.
    void stopFromTheGui()
    {
        w->preferences()->setConfirmStop(true);
        QVERIFY(w->actions()->confirmStop());
        QVERIFY(w->selectContainer(QStringLiteral("web")));
        QString asked;
        hutch::test::answerNext([&asked](QDialog &d) {
            auto *box = qobject_cast<QMessageBox *>(&d);
            if (!box || box->objectName() != QLatin1String("stopConfirmation"))
                return d.reject();
            asked = box->text();
            box->checkBox()->setChecked(true);
            for (QAbstractButton *b : box->buttons())
                if (box->buttonRole(b) == QMessageBox::AcceptRole)
                    b->click();
        });
        w->actions()->action(ContainerActions::Stop)->trigger();
        QVERIFY2(asked.contains(QStringLiteral("\"web\"")), qPrintable(asked));
        QTRY_COMPARE(stateOf(QStringLiteral("web")), QStringLiteral("STOPPED"));
        QVERIFY(!w->preferences()->confirmStop());
        QVERIFY(!w->actions()->confirmStop());
        w->preferences()->setConfirmStop(true);  // as the next run expects
    }

    void configEditorSavesThroughTheHelper()
    {
        QTRY_COMPARE(stateOf(QStringLiteral("web")), QStringLiteral("STOPPED"));
        PropertiesDialog dialog(w->connection(), w->model()->entryOf(QStringLiteral("web")), w.get());
        ConfigEditor *editor = dialog.configEditor();
        editor->setValidationDelay(50);
        QSignalSpy loaded(editor, &ConfigEditor::loaded);
        dialog.show();
        QTRY_VERIFY(loaded.count() >= 1);
        // The file as written, byte for byte.
        const auto onDisk = fx->hutchctl({QStringLiteral("config"), QStringLiteral("web"), QStringLiteral("--text")});
        QCOMPARE(onDisk.exitCode, 0);
        QCOMPARE(editor->text(), QString::fromUtf8(onDisk.out));
        QVERIFY2(editor->text().contains(QStringLiteral("lxc.tty.max = 2")), qPrintable(editor->text()));
        QVERIFY(!editor->hasErrors());
        QVERIFY(!editor->saveButton()->isEnabled());  // nothing changed yet

        // An invalid value: marked, and Save stays disabled.
        QSignalSpy validated(editor, &ConfigEditor::validated);
        editor->editor()->setPlainText(QString(editor->text()).replace(QStringLiteral("lxc.tty.max = 2"),
                                                                       QStringLiteral("lxc.tty.max = two")));
        QTRY_VERIFY(validated.count() >= 1);
        QVERIFY(editor->hasErrors());
        QVERIFY(!editor->saveButton()->isEnabled());

        // Fixed: Save is enabled, and saving changes the container's config.
        editor->editor()->setPlainText(QString(editor->text()).replace(
            QStringLiteral("lxc.tty.max = two"), QStringLiteral("# three ttys, set in the GUI\nlxc.tty.max = 3")));
        QTRY_VERIFY(editor->saveButton()->isEnabled());
        QSignalSpy saved(editor, &ConfigEditor::saved);
        QSignalSpy failed(editor, &ConfigEditor::saveFailed);
        editor->saveButton()->click();
        QTRY_VERIFY(saved.count() + failed.count() >= 1);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        const auto read = fx->hutchctl({QStringLiteral("config"), QStringLiteral("web"), QStringLiteral("lxc.tty.max")});
        QVERIFY2(read.text().trimmed().endsWith(QLatin1Char('3')), qPrintable(read.text()));
        QTRY_COMPARE(w->model()->entryOf(QStringLiteral("web")).value(QStringLiteral("ttys")).toUInt(), 3u);
        // Written as shown: the comment too.
        const auto after = fx->hutchctl({QStringLiteral("config"), QStringLiteral("web"), QStringLiteral("--text")});
        QCOMPARE(QString::fromUtf8(after.out), editor->text());
        QVERIFY(editor->text().contains(QStringLiteral("# three ttys, set in the GUI")));
        QVERIFY(!editor->saveButton()->isEnabled());  // saved: nothing to save
    }

    void settingsShowWhatTheHelperSays()
    {
        SettingsDialog *dialog = w->showSettings();
        QSignalSpy received(dialog, &SettingsDialog::settingsReceived);
        QTRY_VERIFY(received.count() == 1);
        QCOMPARE(dialog->field(QStringLiteral("storePath"))->text(), fx->storePath());
        QCOMPARE(dialog->field(QStringLiteral("settingsPath"))->text(), fx->settingsPath());
        QVERIFY(!dialog->field(QStringLiteral("defaultBackingStore"))->text().isEmpty());
        QVERIFY(!dialog->field(QStringLiteral("bridgeState"))->text().isEmpty());
        QVERIFY(dialog->noteLabel()->text().contains(fx->settingsPath()));
        dialog->reject();
    }

    void wizardCreates()
    {
        QVERIFY(w->selectContainer(QStringLiteral("web")));
        w->actions()->action(ContainerActions::Create)->trigger();
        CreateWizard *wizard = w->findChild<CreateWizard *>();
        QVERIFY(wizard);
        QSignalSpy created(wizard, &CreateWizard::created);
        QTRY_VERIFY(wizard->templateName() == QLatin1String("busybox"));
        wizard->findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(QStringLiteral("made"));
        wizard->next();  // template
        QCOMPARE(wizard->currentId(), int(CreateWizard::TemplatePage));
        wizard->next();  // settings
        // On the default bridge: the helper's bridge name, up.
        auto *network = wizard->findChild<QComboBox *>(QStringLiteral("networkCombo"));
        QVERIFY(network);
        network->setCurrentIndex(network->findData(QStringLiteral("veth")));
        wizard->next();  // summary
        QVERIFY2(wizard->summaryText().contains(QStringLiteral("hutchctl create made -t busybox -- --ttys 4")),
                 qPrintable(wizard->summaryText()));
        wizard->next();  // runs the job
        QCOMPARE(wizard->currentId(), int(CreateWizard::ProgressPage));
        QTRY_COMPARE_WITH_TIMEOUT(created.count(), 1, 60000);
        auto config = [this] {
            QFile f(fx->storePath() + QStringLiteral("/made/config"));
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        };
        QTRY_VERIFY2(config().contains("lxc.net.0.type = veth\n") && config().contains("lxc.net.0.link = hutchbr0\n")
                         && config().contains("lxc.net.0.flags = up\n"),
                     config().constData());
        // The finished creation is selected in the list.
        auto *view = w->findChild<QTreeView *>(QStringLiteral("containerView"));
        QTRY_VERIFY(view->selectionModel()->selectedRows().size() == 1
                    && view->selectionModel()->selectedRows().first().data(ContainerListModel::NameRole).toString()
                           == QLatin1String("made"));
        wizard->accept();
    }

    // The local template's page cannot be left without a tarball the user
    // can read: Next stays off, and the page says why, before any job.
    void wizardLocalNeedsReadableTarball()
    {
        w->actions()->action(ContainerActions::Create)->trigger();
        CreateWizard *wizard = w->findChild<CreateWizard *>();
        QVERIFY(wizard);
        QTRY_VERIFY(wizard->templateName() == QLatin1String("busybox"));
        wizard->findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(QStringLiteral("tarred"));
        wizard->next();
        QCOMPARE(wizard->currentId(), int(CreateWizard::TemplatePage));
        QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());  // busybox needs nothing
        auto *combo = wizard->findChild<QComboBox *>(QStringLiteral("templateCombo"));
        combo->setCurrentIndex(combo->findText(QStringLiteral("local")));
        auto *problem = wizard->findChild<QLabel *>(QStringLiteral("templateProblem"));
        auto *path = wizard->findChild<QWidget *>(QStringLiteral("option_rootfs"))->findChild<QLineEdit *>();
        QVERIFY(problem && path);
        QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
        QVERIFY2(problem->text().contains(QStringLiteral("Rootfs tarball")), qPrintable(problem->text()));
        wizard->next();  // refused
        QCOMPARE(wizard->currentId(), int(CreateWizard::TemplatePage));
        QTemporaryDir dir;
        path->setText(dir.filePath(QStringLiteral("missing.tar.gz")));
        QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
        QVERIFY2(problem->text().contains(QStringLiteral("missing.tar.gz")), qPrintable(problem->text()));
        path->setText(dir.path());  // a directory
        QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
        const QString tarball = dir.filePath(QStringLiteral("root.tar"));
        QFile f(tarball);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        path->setText(tarball);
        QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());
        QVERIFY(problem->text().isEmpty());
        wizard->next();
        QCOMPARE(wizard->currentId(), int(CreateWizard::SettingsPage));
        // The summary's hutchctl lines are the exact commands: storage,
        // network, autostart and limits included.
        auto *storage = wizard->findChild<QComboBox *>(QStringLiteral("storageCombo"));
        storage->setCurrentIndex(storage->findData(QStringLiteral("dir")));
        auto *network = wizard->findChild<QComboBox *>(QStringLiteral("networkCombo"));
        network->setCurrentIndex(network->findData(QStringLiteral("empty")));
        wizard->findChild<QSpinBox *>(QStringLiteral("memorySpin"))->setValue(256);
        wizard->findChild<QCheckBox *>(QStringLiteral("autostartCheck"))->setChecked(true);
        wizard->next();
        QCOMPARE(wizard->currentId(), int(CreateWizard::SummaryPage));
        const QString expected = QStringLiteral("hutchctl create tarred -t local -B dir -f /dev/null -- --rootfs %1 &&\n"
                                                "hutchctl config tarred lxc.net.0.type empty &&\n"
                                                "hutchctl config tarred lxc.start.auto 1 &&\n"
                                                "hutchctl cgroup tarred memory.limit_in_bytes 268435456")
                                     .arg(tarball);
        QVERIFY2(wizard->summaryText().endsWith(expected), qPrintable(wizard->summaryText()));
        QVERIFY(wizard->jobPath().isEmpty());
        QPointer<CreateWizard> gone(wizard);
        wizard->reject();
        QTRY_VERIFY(!gone);  // closed and deleted: the next test finds no old wizard
    }

    // The lease shows in the row and in Details without a refresh: the
    // monitor hears the address come in the container's namespace
    // (netlink), the helper signals AddressesChanged. The test watches the
    // kernel's own table only to time it; a stop clears both places.
    void addressIsPushed()
    {
        QTRY_VERIFY(w->model()->rowOf(QStringLiteral("made")) >= 0);
        QVERIFY(w->selectContainer(QStringLiteral("made")));
        QSignalSpy pushed(w->connection(), &HelperConnection::addressesChanged);
        const auto started = fx->hutchctl({QStringLiteral("start"), QStringLiteral("made")}, false);
        QVERIFY2(started.exitCode == 0, qPrintable(started.text()));
        QTRY_VERIFY(w->model()->entryOf(QStringLiteral("made")).value(QStringLiteral("pid")).toLongLong() > 0);
        const qint64 pid = w->model()->entryOf(QStringLiteral("made")).value(QStringLiteral("pid")).toLongLong();
        QElapsedTimer clock;
        clock.start();
        qint64 leasedAt = -1;
        QString leased;
        QTimer kernel;
        connect(&kernel, &QTimer::timeout, this, [&] {
            QFile trie(QStringLiteral("/proc/%1/net/fib_trie").arg(pid));
            if (leasedAt >= 0 || !trie.open(QIODevice::ReadOnly))
                return;
            static const QRegularExpression local(QStringLiteral("\\|-- (10\\.\\d+\\.\\d+\\.\\d+)\\n\\s+/32 host LOCAL"));
            const auto m = local.match(QString::fromLatin1(trie.readAll()));
            if (m.hasMatch()) {
                leasedAt = clock.elapsed();
                leased = m.captured(1);
            }
        });
        kernel.start(20);
        const int row = w->model()->rowOf(QStringLiteral("made"));
        const QModelIndex cell = w->model()->index(row, ContainerListModel::Addresses);
        QTRY_VERIFY_WITH_TIMEOUT(leasedAt >= 0, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(cell.data().toString().contains(leased), 5000);
        const qint64 shownAfter = clock.elapsed() - leasedAt;
        qInfo("address %s in the row %lld ms after the kernel had it", qPrintable(leased), shownAfter);
        QVERIFY2(shownAfter < 2000, qPrintable(QString::number(shownAfter)));
        QVERIFY(std::any_of(pushed.cbegin(), pushed.cend(), [&](const QList<QVariant> &args) {
            return args.at(0).toString() == QLatin1String("made") && args.at(1).toStringList().contains(leased);
        }));
        auto *info = w->details()->findChild<QLabel *>(QStringLiteral("detailsInfo"));
        QVERIFY(info);
        QTRY_VERIFY2(info->text().contains(leased), qPrintable(info->text()));

        const auto stopped = fx->hutchctl({QStringLiteral("stop"), QStringLiteral("made")}, false);
        QVERIFY2(stopped.exitCode == 0, qPrintable(stopped.text()));
        QTRY_COMPARE(stateOf(QStringLiteral("made")), QStringLiteral("STOPPED"));
        QCOMPARE(cell.data().toString(), QString());
        QTRY_VERIFY2(!info->text().contains(leased), qPrintable(info->text()));
    }

    void dropClones()
    {
        auto *view = w->findChild<ContainerView *>(QStringLiteral("containerView"));
        QVERIFY(view);
        // The clone dialog is modal: accept it with its proposed name.
        QString proposed;
        hutch::test::answerNext([&proposed](QDialog &d) {
            if (auto *clone = qobject_cast<CloneDialog *>(&d)) {
                proposed = clone->newName();
                clone->accept();
            }
        });
        Q_EMIT view->cloneDropped(QStringLiteral("made"));
        QCOMPARE(proposed, QStringLiteral("made-clone"));
        QTRY_VERIFY_WITH_TIMEOUT(w->model()->rowOf(QStringLiteral("made-clone")) >= 0, 60000);
        QTRY_COMPARE(w->operations()->runningCount(), 0);
    }

    void destroyAsksWithTheName()
    {
        QTRY_VERIFY(w->selectContainer(QStringLiteral("made-clone")));
        QString asked;
        answerNextBox(&asked, QMessageBox::RejectRole);
        w->actions()->action(ContainerActions::Destroy)->trigger();
        QVERIFY2(asked.contains(QStringLiteral("\"made-clone\"")), qPrintable(asked));
        QVERIFY(w->model()->rowOf(QStringLiteral("made-clone")) >= 0);  // declined: still there
        answerNextBox(&asked, QMessageBox::DestructiveRole);
        w->actions()->action(ContainerActions::Destroy)->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(w->model()->rowOf(QStringLiteral("made-clone")) < 0, 30000);
    }

    void reconnectsAfterHelperRestart()
    {
        auto *label = w->statusBar()->findChild<QLabel *>(QStringLiteral("connectionLabel"));
        fx->killHelper();
        QTRY_VERIFY(!w->connection()->isConnected());
        QCOMPARE(label->text(), QStringLiteral("Not connected to the helper"));
        QCOMPARE(w->model()->rowCount(), 0);
        QString why;
        // Slow job steps from now on, so that a job can be cancelled midway.
        QVERIFY2(fx->startHelper(&why, {QStringLiteral("HUTCH_TEST_JOB_STEP_MS=300")}), qPrintable(why));
        QTRY_VERIFY(w->connection()->isConnected());
        QTRY_VERIFY(w->model()->rowOf(QStringLiteral("web")) >= 0);
        QVERIFY(label->text().startsWith(QStringLiteral("Connected")));
        // And it still follows the helper's signals.
        const auto r = fx->hutchctl({QStringLiteral("start"), QStringLiteral("web")}, false);
        QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        QTRY_COMPARE(stateOf(QStringLiteral("web")), QStringLiteral("RUNNING"));
        fx->hutchctl({QStringLiteral("stop"), QStringLiteral("web"), QStringLiteral("--kill")}, false);
    }

    void cancelledJobIsNotAnError()
    {
        QTRY_VERIFY(w->model()->rowOf(QStringLiteral("made")) >= 0);
        QSignalSpy started(w->actions(), &ContainerActions::jobStarted);
        QSignalSpy finished(w->operations(), &OperationsPanel::finished);
        w->actions()->clone(QStringLiteral("made"), QStringLiteral("slow"), false);
        QTRY_COMPARE(started.count(), 1);
        const QString path = started.first().at(0).toString();
        QTRY_VERIFY(w->operations()->rowOf(path) >= 0);  // listed with its Cancel button
        QCOMPARE(w->operations()->runningCount(), 1);
        w->operations()->cancel(path);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QCOMPARE(finished.first().at(0).toString(), path);
        QCOMPARE(finished.first().at(3).toBool(), false);  // not a success...
        QCOMPARE(finished.first().at(4).toBool(), true);   // ...but cancelled
        QVERIFY(finished.first().at(5).toString().isEmpty());
        QVERIFY2(w->messageBar()->text().isEmpty(), qPrintable(w->messageBar()->text()));
        QCOMPARE(w->operations()->runningCount(), 0);
        QVERIFY(w->model()->rowOf(QStringLiteral("slow")) < 0);
        QVERIFY(!QFileInfo::exists(fx->storePath() + QStringLiteral("/slow")));
    }

    // Cancel on an export in the operations panel: not an error, and the
    // file the GUI created for it is gone.
    void cancelledExportLeavesNoFile()
    {
        QTRY_COMPARE(stateOf(QStringLiteral("made")), QStringLiteral("STOPPED"));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString archive = dir.filePath(QStringLiteral("made.tar"));
        // Exports stream now and a busybox tree is done in a moment: 256 MiB
        // that do not compress keep this one going until the cancel is in.
        const QString ballast = fx->storePath() + QStringLiteral("/made/rootfs/ballast");
        {
            QFile random(QStringLiteral("/dev/urandom")), out(ballast);
            QVERIFY(random.open(QIODevice::ReadOnly) && out.open(QIODevice::WriteOnly));
            for (int i = 0; i < 256; ++i)
                QCOMPARE(out.write(random.read(1 << 20)), qint64(1 << 20));
        }
        auto removeBallast = qScopeGuard([&] { QFile::remove(ballast); });
        QSignalSpy started(w->transfers(), &ArchiveTransfers::jobStarted);
        QSignalSpy finished(w->operations(), &OperationsPanel::finished);
        w->exportContainer(QStringLiteral("made"), archive);
        QTRY_COMPARE(started.count(), 1);
        const QString path = started.first().at(0).toString();
        QVERIFY(QFileInfo::exists(archive));
        QCOMPARE(w->transfers()->pendingExports(), QStringList{archive});
        QTRY_VERIFY(w->operations()->rowOf(path) >= 0);
        w->operations()->cancel(path);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QCOMPARE(finished.first().at(4).toBool(), true);  // cancelled
        QVERIFY2(w->messageBar()->text().isEmpty(), qPrintable(w->messageBar()->text()));
        QTRY_VERIFY(!QFileInfo::exists(archive));
        QVERIFY(w->transfers()->pendingExports().isEmpty());
    }

    void wizardCancel()
    {
        // Job steps are slow now (reconnectsAfterHelperRestart): cancel midway.
        w->actions()->action(ContainerActions::Create)->trigger();
        CreateWizard *wizard = nullptr;
        for (CreateWizard *c : w->findChildren<CreateWizard *>())
            if (c->isVisible())
                wizard = c;
        QVERIFY(wizard);
        QSignalSpy finished(wizard, &CreateWizard::jobFinished);
        QSignalSpy created(wizard, &CreateWizard::created);
        QTRY_COMPARE(wizard->templateName(), QStringLiteral("busybox"));
        wizard->findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(QStringLiteral("never"));
        for (int i = 0; i < 4; ++i)
            wizard->next();
        QCOMPARE(wizard->currentId(), int(CreateWizard::ProgressPage));
        QTRY_VERIFY(!wizard->jobPath().isEmpty());
        wizard->findChild<QPushButton *>(QStringLiteral("cancelCreation"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QCOMPARE(finished.first().at(0).toBool(), false);
        QCOMPARE(created.count(), 0);
        QCOMPARE(wizard->findChild<QLabel *>(QStringLiteral("createResult"))->text(),
                 QStringLiteral("Cancelled. Nothing was created."));
        QVERIFY(!QFileInfo::exists(fx->storePath() + QStringLiteral("/never")));
        wizard->reject();
    }

    // The GUI of an ordinary user without a polkit agent: Start is refused,
    // the refusal is shown calmly in words, and nothing changes.
    void refusalAsAnOrdinaryUser()
    {
        QTRY_COMPARE(stateOf(QStringLiteral("web")), QStringLiteral("STOPPED"));
        w.reset();
        // The GUI's connection is shared by name; a new one is made as nobody.
        QDBusConnection::disconnectFromBus(QStringLiteral("hutch"));
        HUTCH_MAIN_WINDOW_AS_NOBODY(w);
        w->show();
        // Reading is allowed to anyone: the list is there.
        QTRY_VERIFY(w->model()->rowOf(QStringLiteral("web")) >= 0);
        QVERIFY(w->selectContainer(QStringLiteral("web")));
        w->actions()->action(ContainerActions::Start)->trigger();
        QTRY_VERIFY(!w->messageBar()->text().isEmpty());
        const QString shown = w->messageBar()->text();
        QVERIFY2(shown.contains(QStringLiteral("not allowed")), qPrintable(shown));
        QVERIFY2(!shown.contains(QStringLiteral("io.github.hutch")), qPrintable(shown));
        QCOMPARE(w->messageBar()->kind(), MessageBar::Kind::Information);
        // Nothing changed: the helper still says STOPPED.
        const auto r = fx->hutchctl({QStringLiteral("info"), QStringLiteral("web")}, false);
        QVERIFY2(r.text().contains(QStringLiteral("STOPPED")), qPrintable(r.text()));
        QCOMPARE(stateOf(QStringLiteral("web")), QStringLiteral("STOPPED"));
    }
};

QTEST_MAIN(TestGuiBackend)
#include "test_gui_backend.moc"
