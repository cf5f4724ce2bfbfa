// The host list against two real hosts (tests/twohosts.h: two helpers on
// private buses in two network namespaces, the second behind a real sshd):
// the window lists this computer and the added host with its containers;
// a container row of the main list dropped onto the other host is copied
// there (hutchctl copy, run by the GUI) and shows under it; a drag-copy
// cancelled from the operations panel leaves nothing on either host; a
// Shift-drop moves (gone here, running there); the moved container's
// console and a shell open from the host list in a console window, take
// typed commands, and the shell sees the window's new size; the remote
// rows show memory and a CPU line, and a stop behind the GUI's back,
// without a listing asked for; a remote console tab follows its container
// stopping and starting again.
#include "twohosts.h"

#include "consoletab.h"
#include "consolewindow.h"
#include "containerlistmodel.h"
#include "hostspanel.h"
#include "mainwindow.h"
#include "operationspanel.h"
#include "remotehosts.h"

#include <QApplication>
#include <QDialog>
#include <QDockWidget>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QLineEdit>
#include <QMenu>
#include <QMimeData>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTreeWidget>

#include "terminalsession.h"
#include "terminalwidget.h"

#include <fcntl.h>
#include <sched.h>
#include <unistd.h>

using hutch::test::BusFixture;
using hutch::test::TwoHosts;

namespace {

QStringList entries(const QString &store)
{
    return QDir(store).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
}

}  // namespace

class TestGuiHosts : public QObject {
    Q_OBJECT
    TwoHosts hosts;
    BusFixture *local = nullptr, *remote = nullptr;
    std::unique_ptr<MainWindow> w;
    int ownNet = -1;

    HostsPanel *panel() const { return w->hosts(); }

    // Drags the main list's row NAME over HOST's entry and drops it there
    // (Shift held: a move); whether the entry took the drag.
    bool dropOnto(const QString &name, const QString &host, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        QTreeWidget *tree = panel()->tree();
        const QModelIndex row = w->model()->index(w->model()->rowOf(name), 0);
        std::unique_ptr<QMimeData> mime(w->model()->mimeData({row}));
        const QPoint at = tree->visualItemRect(panel()->hostItem(host)).center();
        const Qt::DropActions actions = Qt::CopyAction | Qt::MoveAction;
        QDragEnterEvent enter(at, actions, mime.get(), Qt::LeftButton, modifiers);
        QApplication::sendEvent(tree->viewport(), &enter);
        QDragMoveEvent move(at, actions, mime.get(), Qt::LeftButton, modifiers);
        QApplication::sendEvent(tree->viewport(), &move);
        if (!move.isAccepted())
            return false;
        QDropEvent drop(QPointF(at), actions, mime.get(), Qt::LeftButton, modifiers);
        QApplication::sendEvent(tree->viewport(), &drop);
        return drop.isAccepted();
    }

    // The end of the transfer in the operations panel's finished signals
    // (the helper's own export job there ends first), or empty.
    static QVariantList transferEnd(const QSignalSpy &spy, const QString &kind = QStringLiteral("host-copy"))
    {
        for (const QVariantList &args : spy)
            if (args.at(1).toString() == kind)
                return args;
        return {};
    }

    // The remote host's row of NAME in the host list, or null.
    QTreeWidgetItem *remoteRow(const QString &name) const
    {
        QTreeWidgetItem *host = panel()->hostItem(QStringLiteral("server"));
        for (int i = 0; host && i < host->childCount(); ++i)
            if (host->child(i)->text(0) == name)
                return host->child(i);
        return nullptr;
    }

    // The tab of the server's container NAME in any console window, or null.
    ConsoleTab *remoteTab(const QString &name, ConsoleTab::Kind kind) const
    {
        for (ConsoleWindow *cw : w->consoles()->windows())
            if (ConsoleTab *t = cw->findTab(name, int(kind), 0, QStringLiteral("server")))
                return t;
        return nullptr;
    }

    // Whether a line of TAB's terminal (screen or scrollback) is exactly TEXT.
    static bool shows(const ConsoleTab *tab, const QString &text)
    {
        const TerminalSession *s = tab->terminal()->session();
        for (int i = 0; i < s->lineCount(); ++i)
            if (s->lineText(i).trimmed() == text)
                return true;
        return false;
    }

    // What TAB shows, for a failure's message.
    static QString screen(const ConsoleTab *tab)
    {
        const TerminalSession *s = tab->terminal()->session();
        QStringList lines{tab->statusText()};
        for (int i = qMax(0, s->lineCount() - 30); i < s->lineCount(); ++i)
            lines << s->lineText(i).trimmed();
        return lines.join(QLatin1Char('\n')).trimmed();
    }

    // Types LINE into TAB's terminal widget once, as a user would, and
    // Return, at once: while the connection is still being made (ssh, the
    // remote hutchctl setting up its terminal). Whether the terminal then
    // shows EXPECTED: keys typed early are kept (the terminals go raw with
    // TCSADRAIN, relay.cpp), not dropped.
    static bool typeAtOnce(ConsoleTab *tab, const QString &line, const QString &expected)
    {
        QTest::keyClicks(tab->terminal(), line);
        QTest::keyClick(tab->terminal(), Qt::Key_Return);
        return QTest::qWaitFor([&] { return shows(tab, expected); }, 30000);
    }

    bool blobArriving() const { return hutch::test::arrivingInStaging(remote->storePath(), QStringLiteral("root/blob")); }

private Q_SLOTS:
    void initTestCase()
    {
        if (const QString why = hutch::test::twoHostsUnavailableReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        QString why;
        QVERIFY2(hosts.start(&why), qPrintable(why));
        local = &hosts.local();
        remote = &hosts.remote();
        // The GUI's hutchctl and ssh start from this thread: it joins the
        // first host's network namespace, where the second's address is.
        ownNet = ::open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
        const int net = ::open(qPrintable(QStringLiteral("/proc/%1/ns/net").arg(local->helperPid())), O_RDONLY | O_CLOEXEC);
        QVERIFY(ownNet >= 0 && net >= 0);
        QCOMPARE(::setns(net, CLONE_NEWNET), 0);
        ::close(net);
        qputenv("HUTCH_BUS_ADDRESS", local->address().toUtf8());
        qputenv("HUTCH_SSH_CONFIG", hosts.sshConfig().toUtf8());
        qputenv("HUTCH_DEFAULT_CONFIG", "/dev/null");
        qputenv("PATH", QFileInfo(QStringLiteral(HUTCHCTL_PATH)).absolutePath().toUtf8() + ':' + qgetenv("PATH"));
        QStandardPaths::setTestModeEnabled(true);
        QSettings(QStringLiteral("hutch"), QStringLiteral("hutch")).remove(QStringLiteral("hosts"));
        for (const char *name : {"web", "big", "moved"}) {
            auto made = hosts.ctl({QStringLiteral("create"), QLatin1String(name), QStringLiteral("-t"), QStringLiteral("busybox")});
            QVERIFY2(made.exitCode == 0, qPrintable(made.text()));
        }
        w = std::make_unique<MainWindow>();
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
    }

    void cleanupTestCase()
    {
        w.reset();
        // The host added here would open the hosts dock in every later GUI
        // test (their settings are the same test-mode file).
        QSettings(QStringLiteral("hutch"), QStringLiteral("hutch")).remove(QStringLiteral("hosts"));
        if (ownNet >= 0) {
            ::setns(ownNet, CLONE_NEWNET);
            ::close(ownNet);
        }
        hosts.cleanup();
    }

    void listsBothHostsAndCopiesADroppedRow()
    {
        // Added through Add Host… (an ssh_config alias, its user root).
        auto *dialog = panel()->openAddHost();
        dialog->findChild<QLineEdit *>(QStringLiteral("hostName"))->setText(QStringLiteral("server"));
        dialog->findChild<QLineEdit *>(QStringLiteral("hostAddress"))->setText(QStringLiteral("remote"));
        dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        RemoteHosts *remoteHosts = panel()->remoteHosts();
        // The host list shows once there is a host in it.
        QVERIFY(w->findChild<QDockWidget *>(QStringLiteral("hostsDock"))->isVisible());
        QCOMPARE(remoteHosts->hosts().size(), 1);
        QCOMPARE(QSettings(QStringLiteral("hutch"), QStringLiteral("hutch")).value(QStringLiteral("hosts/1/address")).toString(),
                 QStringLiteral("remote"));
        QTRY_VERIFY_WITH_TIMEOUT(remoteHosts->status(QStringLiteral("server")) != RemoteHosts::Status::Connecting, 60000);
        QVERIFY2(remoteHosts->status(QStringLiteral("server")) == RemoteHosts::Status::Connected,
                 qPrintable(remoteHosts->error(QStringLiteral("server"))));
        QCOMPARE(panel()->tree()->topLevelItemCount(), 2);
        QVERIFY(panel()->hostItem(QString()) && panel()->hostItem(QStringLiteral("server")));
        QTRY_COMPARE(panel()->containersShown(QString()), QStringList({QStringLiteral("big"), QStringLiteral("moved"), QStringLiteral("web")}));
        QCOMPARE(panel()->containersShown(QStringLiteral("server")), QStringList());

        // A stats tick (CPU and memory only) does not fill this computer's rows again.
        const int fills = panel()->localFills();
        w->model()->setStats({{QStringLiteral("web"), {1000, 4096}}}, 1);
        QCOMPARE(panel()->localFills(), fills);

        // Onto its own host: refused. Onto the other: a copy in the operations panel.
        QVERIFY(!dropOnto(QStringLiteral("web"), QString()));
        QSignalSpy finished(w->operations(), &OperationsPanel::finished);
        QVERIFY(dropOnto(QStringLiteral("web"), QStringLiteral("server")));
        QCOMPARE(w->operations()->runningCount(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(!transferEnd(finished).isEmpty(), 120000);
        const QVariantList end = transferEnd(finished);
        QVERIFY2(end.at(3).toBool(), qPrintable(end.at(5).toString()));
        QVERIFY(QFileInfo::exists(remote->storePath() + QStringLiteral("/web/config")));
        QVERIFY(QFileInfo::exists(local->storePath() + QStringLiteral("/web/config")));  // a copy: the source stays
        QTRY_COMPARE_WITH_TIMEOUT(panel()->containersShown(QStringLiteral("server")), QStringList({QStringLiteral("web")}), 60000);
    }

    void cancelledDragCopyLeavesNothing()
    {
        // Bytes that do not compress keep the stream going until Cancel is in.
        QProcess dd;
        dd.start(QStringLiteral("dd"), {QStringLiteral("if=/dev/urandom"),
                                        QStringLiteral("of=%1/big/rootfs/root/blob").arg(local->storePath()),
                                        QStringLiteral("bs=1M"), QStringLiteral("count=256"), QStringLiteral("status=none")});
        QVERIFY(dd.waitForFinished(60000) && dd.exitCode() == 0);
        const QStringList remoteBefore = entries(remote->storePath()), localBefore = entries(local->storePath());
        QSignalSpy finished(w->operations(), &OperationsPanel::finished);
        QVERIFY(dropOnto(QStringLiteral("big"), QStringLiteral("server")));
        QTRY_VERIFY_WITH_TIMEOUT(blobArriving(), 120000);
        // The transfer's row (the helper's export job has one too).
        QPushButton *cancel = nullptr;
        for (auto *button : w->operations()->findChildren<QPushButton *>(QStringLiteral("cancelJob")))
            if (button->accessibleName() == QStringLiteral("Cancel big → server"))
                cancel = button;
        QVERIFY(cancel);
        cancel->click();
        QTRY_VERIFY_WITH_TIMEOUT(!transferEnd(finished).isEmpty(), 120000);
        const QVariantList end = transferEnd(finished);
        QVERIFY(!end.at(3).toBool());
        QVERIFY2(end.at(4).toBool(), qPrintable(end.at(5).toString()));  // cancelled, no error
        // The import's staging directory goes with its job: nothing on either host.
        QTRY_COMPARE_WITH_TIMEOUT(entries(remote->storePath()), remoteBefore, 60000);
        QCOMPARE(entries(local->storePath()), localBefore);
        QTRY_VERIFY_WITH_TIMEOUT(panel()->remoteHosts()->status(QStringLiteral("server")) == RemoteHosts::Status::Connected,
                                 60000);
        QCOMPARE(panel()->containersShown(QStringLiteral("server")), QStringList({QStringLiteral("web")}));
    }

    void shiftDropMoves()
    {
        QSignalSpy finished(w->operations(), &OperationsPanel::finished);
        QVERIFY(dropOnto(QStringLiteral("moved"), QStringLiteral("server"), Qt::ShiftModifier));
        QTRY_VERIFY_WITH_TIMEOUT(!transferEnd(finished, QStringLiteral("host-move")).isEmpty(), 120000);
        const QVariantList end = transferEnd(finished, QStringLiteral("host-move"));
        QVERIFY2(end.at(3).toBool(), qPrintable(end.at(5).toString()));
        // Gone from this computer, there on the other and started (a move starts the target).
        QVERIFY(!QFileInfo::exists(local->storePath() + QStringLiteral("/moved")));
        QVERIFY(QFileInfo::exists(remote->storePath() + QStringLiteral("/moved/config")));
        QTRY_VERIFY(!panel()->containersShown(QString()).contains(QStringLiteral("moved")));
        QTRY_VERIFY_WITH_TIMEOUT(panel()->containersShown(QStringLiteral("server")).contains(QStringLiteral("moved")), 60000);
        QTRY_VERIFY_WITH_TIMEOUT(remoteRow(QStringLiteral("moved"))->text(1)
                                     == ContainerListModel::stateText(QStringLiteral("RUNNING")), 60000);
    }

    void remoteConsoleTakesTypedCommands()
    {
        QTreeWidgetItem *row = remoteRow(QStringLiteral("moved"));
        QVERIFY(row);
        QTreeWidget *tree = panel()->tree();
        tree->scrollToItem(row);
        const QPoint at = tree->visualItemRect(row).center();
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, Qt::NoModifier, at);
        QTest::mouseDClick(tree->viewport(), Qt::LeftButton, Qt::NoModifier, at);
        ConsoleTab *tab = remoteTab(QStringLiteral("moved"), ConsoleTab::Kind::Console);
        QVERIFY2(tab, qPrintable(QStringLiteral("no tab after a double click on %1").arg(tree->visualItemRect(row).center().y())));
        QCOMPARE(tab->title(), QStringLiteral("moved on server — console"));
        QTRY_VERIFY_WITH_TIMEOUT(tab->isLive(), 30000);
        // The remote hutchctl's greeting, through ssh.
        QTRY_VERIFY2_WITH_TIMEOUT(tab->terminal()->session()->bytesReceived() > 0, qPrintable(screen(tab)), 30000);
        // busybox's console runs a shell: the command's output comes back the same way.
        QVERIFY2(typeAtOnce(tab, QStringLiteral("echo console-$((6*7))"), QStringLiteral("console-42")),
                 qPrintable(screen(tab)));
        // Detach leaves the container running; nothing of ours stays connected.
        tab->detach();
        QVERIFY(!tab->isLive());
    }

    void remoteShellFollowsTheWindowSize()
    {
        std::unique_ptr<QMenu> menu(panel()->menuFor(remoteRow(QStringLiteral("moved"))));
        QVERIFY(menu);
        menu->findChild<QAction *>(QStringLiteral("hostShell"))->trigger();
        ConsoleTab *tab = remoteTab(QStringLiteral("moved"), ConsoleTab::Kind::Shell);
        QVERIFY(tab);
        QTRY_VERIFY_WITH_TIMEOUT(tab->isLive(), 30000);
        QVERIFY2(typeAtOnce(tab, QStringLiteral("echo shell-$((6*7))"), QStringLiteral("shell-42")), qPrintable(screen(tab)));
        // A smaller window: the size reaches the remote pty (SIGWINCH → ssh → the remote hutchctl).
        const TerminalSession *s = tab->terminal()->session();
        const QSize before(s->columns(), s->rows());
        tab->window()->resize(tab->window()->size() - QSize(200, 120));
        QTRY_VERIFY(QSize(s->columns(), s->rows()) != before);
        const QString expected = QStringLiteral("size=%1 %2").arg(s->rows()).arg(s->columns());
        // The new size travels beside the typed bytes, not in order with
        // them: asked again until it has arrived.
        QVERIFY2(typeAtOnce(tab, QStringLiteral("echo size=$(stty size)"), expected),
                 qPrintable(expected + QStringLiteral(" not in:\n") + screen(tab)));
        tab->detach();
    }

    void remoteUseAndStatesAreLive()
    {
        // The running container's memory and CPU line, and the host's sum,
        // come with the 2 s stream; nobody asked for a listing.
        QTreeWidgetItem *row = remoteRow(QStringLiteral("moved"));
        QVERIFY(row);
        QTRY_VERIFY_WITH_TIMEOUT(!row->text(3).isEmpty(), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(!row->data(2, ContainerListModel::CpuHistoryRole).value<QList<float>>().isEmpty(), 15000);
        QVERIFY(row->text(2).endsWith(QLatin1Char('%')));
        QTreeWidgetItem *server = panel()->hostItem(QStringLiteral("server"));
        QVERIFY(!server->data(2, ContainerListModel::CpuHistoryRole).value<QList<float>>().isEmpty());
        QVERIFY(!server->text(3).isEmpty());
        // The console tab again (Console → Reconnect), live.
        ConsoleTab *tab = remoteTab(QStringLiteral("moved"), ConsoleTab::Kind::Console);
        QVERIFY(tab);
        tab->connectNow();
        QTRY_VERIFY_WITH_TIMEOUT(tab->isLive(), 30000);

        // Stopped behind the GUI's back: the row says so by itself, its use
        // gone, and the tab says it is stopped.
        auto stopped = hosts.ctl({QStringLiteral("--host"), QStringLiteral("remote"), QStringLiteral("stop"),
                                  QStringLiteral("moved"), QStringLiteral("--kill")});
        QVERIFY2(stopped.exitCode == 0, qPrintable(stopped.text()));
        QTRY_COMPARE_WITH_TIMEOUT(remoteRow(QStringLiteral("moved"))->text(1),
                                  ContainerListModel::stateText(QStringLiteral("STOPPED")), 15000);
        QVERIFY(remoteRow(QStringLiteral("moved"))->text(3).isEmpty());
        QCOMPARE(panel()->remoteHosts()->status(QStringLiteral("server")), RemoteHosts::Status::Connected);
        QTRY_VERIFY_WITH_TIMEOUT(!tab->isLive(), 15000);
        QTRY_VERIFY2(tab->statusText().contains(QStringLiteral("is stopped")), qPrintable(screen(tab)));

        // Started again there: the tab reconnects by itself and takes commands.
        auto started = hosts.ctl({QStringLiteral("--host"), QStringLiteral("remote"), QStringLiteral("start"),
                                  QStringLiteral("moved")});
        QVERIFY2(started.exitCode == 0, qPrintable(started.text()));
        QTRY_VERIFY_WITH_TIMEOUT(tab->isLive(), 30000);
        QVERIFY2(typeAtOnce(tab, QStringLiteral("echo again-$((6*7))"), QStringLiteral("again-42")), qPrintable(screen(tab)));
        tab->detach();
        stopped = hosts.ctl({QStringLiteral("--host"), QStringLiteral("remote"), QStringLiteral("stop"),
                             QStringLiteral("moved"), QStringLiteral("--kill")});
        QVERIFY2(stopped.exitCode == 0, qPrintable(stopped.text()));
    }
};

QTEST_MAIN(TestGuiHosts)
#include "test_gui_hosts.moc"
