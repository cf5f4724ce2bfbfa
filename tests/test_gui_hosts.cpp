// The host list against two real hosts (tests/twohosts.h: two helpers on
// private buses in two network namespaces, the second behind a real sshd):
// the window lists this computer and the added host with its containers;
// a container row of the main list dropped onto the other host is copied
// there (hutchctl copy, run by the GUI) and shows under it; a drag-copy
// cancelled from the operations panel leaves nothing on either host.
#include "twohosts.h"

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
#include <QMimeData>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTreeWidget>

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

    // Drags the main list's row NAME over HOST's entry and drops it there;
    // whether the entry took the drag.
    bool dropOnto(const QString &name, const QString &host)
    {
        QTreeWidget *tree = panel()->tree();
        const QModelIndex row = w->model()->index(w->model()->rowOf(name), 0);
        std::unique_ptr<QMimeData> mime(w->model()->mimeData({row}));
        const QPoint at = tree->visualItemRect(panel()->hostItem(host)).center();
        QDragEnterEvent enter(at, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(tree->viewport(), &enter);
        QDragMoveEvent move(at, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(tree->viewport(), &move);
        if (!move.isAccepted())
            return false;
        QDropEvent drop(QPointF(at), Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(tree->viewport(), &drop);
        return drop.isAccepted();
    }

    // The end of the transfer in the operations panel's finished signals
    // (the helper's own export job there ends first), or empty.
    static QVariantList transferEnd(const QSignalSpy &spy)
    {
        for (const QVariantList &args : spy)
            if (args.at(1).toString() == QLatin1String("host-copy"))
                return args;
        return {};
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
        for (const char *name : {"web", "big"}) {
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
        QTRY_COMPARE(panel()->containersShown(QString()), QStringList({QStringLiteral("big"), QStringLiteral("web")}));
        QCOMPARE(panel()->containersShown(QStringLiteral("server")), QStringList());

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
};

QTEST_MAIN(TestGuiHosts)
#include "test_gui_hosts.moc"
