// The GUI's files and throwaway copies against the real helper, the GUI
// connected as the unprivileged user nobody through polkit: a file dropped
// from a file manager onto a container's row (a QMimeData with a file URL)
// arrives in the container after the directory question; the Files tab
// lists the container's directory and deletes after asking; the context
// menu's "Run a Throwaway Copy" starts an ephemeral copy and opens its
// console, and the copy is gone once it stops.
#include "busfixture.h"
#include "consolewindow.h"
#include "containeractions.h"
#include "containerlistmodel.h"
#include "filesview.h"
#include "filetransfers.h"
#include "guibackend.h"
#include "helperconnection.h"
#include "mainwindow.h"
#include "modal.h"
#include "modalanswer.h"
#include "operationspanel.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDockWidget>
#include <QDropEvent>
#include <QFile>
#include <QInputDialog>
#include <QMessageBox>
#include <QMimeData>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

#include <algorithm>

using hutch::test::answerNext;
using hutch::test::answerNextBox;
using hutch::test::BusFixture;

class TestGuiFiles : public QObject {
    Q_OBJECT
    std::unique_ptr<BusFixture> fx;
    std::unique_ptr<MainWindow> w;
    QTemporaryDir work;

    QString rootfs() const { return fx->storePath() + QStringLiteral("/box/rootfs"); }

private Q_SLOTS:
    void initTestCase()
    {
        HUTCH_START_BUS_FIXTURE_WITH_BOX(fx, QStringLiteral("box"));
        qputenv("HUTCH_BUS_ADDRESS", fx->address().toUtf8());
        QStandardPaths::setTestModeEnabled(true);
        HUTCH_MAIN_WINDOW_AS_NOBODY(w);
        w->show();
        QTRY_VERIFY_WITH_TIMEOUT(w->model()->rowOf(QStringLiteral("box")) >= 0, 10000);
    }
    void cleanupTestCase()
    {
        // A console still attached asks before it closes: every such
        // question is answered with its accepting button, without a wait.
        setModalHook([](QDialog &d) {
            if (auto *box = qobject_cast<QMessageBox *>(&d))
                for (QAbstractButton *b : box->buttons())
                    if (box->buttonRole(b) == QMessageBox::AcceptRole)
                        return b->click();
            d.reject();
        });
        for (QWidget *top : QApplication::topLevelWidgets())
            if (qobject_cast<ConsoleWindow *>(top))
                top->close();
        w.reset();
        setModalHook({});
        if (fx)
            fx->cleanup();
    }

    void cleanup()
    {
        setModalHook({});  // a question that did not come must not get a later one's answer
    }

    void dropOntoRowPushes()
    {
        const QString file = work.filePath(QStringLiteral("dropped.txt"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("dropped from the desktop\n");
        f.close();
        auto *view = w->findChild<QTreeView *>(QStringLiteral("containerView"));
        QVERIFY(view);
        const int row = w->model()->rowOf(QStringLiteral("box"));
        QModelIndex index;
        for (int r = 0; r < view->model()->rowCount(); ++r)
            if (view->model()->index(r, 0).data(ContainerListModel::NameRole).toString() == QLatin1String("box"))
                index = view->model()->index(r, 0);
        QVERIFY(row >= 0 && index.isValid());
        const QPoint at = view->visualRect(index).center();

        QSignalSpy started(w->fileTransfers(), &FileTransfers::jobStarted);
        QSignalSpy finished(w->fileTransfers(), &FileTransfers::finished);
        QSignalSpy panel(w->operations(), &OperationsPanel::finished);
        QString asked;
        answerNext([&asked](QDialog &d) {
            auto *input = qobject_cast<QInputDialog *>(&d);
            if (!input)
                return d.reject();
            asked = input->textValue();  // the default directory
            input->setTextValue(QStringLiteral("/root"));
            input->accept();
        });
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(file)});
        QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view->viewport(), &enter);
        QVERIFY(enter.isAccepted());
        QDragMoveEvent move(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view->viewport(), &move);
        QVERIFY(move.isAccepted());
        QDropEvent drop(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view->viewport(), &drop);
        QCOMPARE(asked, QStringLiteral("/root"));
        QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, 20000);
        QCOMPARE(started.first().at(1).toString(), QStringLiteral("push"));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QVERIFY(finished.first().at(2).toBool());
        // The operations panel showed the job (with its progress bar and
        // Cancel) until it ended: it reports only jobs it showed.
        const QString job = started.first().at(0).toString();
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(panel.begin(), panel.end(), [&job](const QList<QVariant> &args) {
                                     return args.at(0).toString() == job && args.at(1).toString() == QLatin1String("push")
                                            && args.at(3).toBool();
                                 }),
                                 10000);
        QFile arrived(rootfs() + QStringLiteral("/root/dropped.txt"));
        QVERIFY(arrived.open(QIODevice::ReadOnly));
        QCOMPARE(arrived.readAll(), QByteArray("dropped from the desktop\n"));
    }

    void filesTabListsAndDeletes()
    {
        QVERIFY(w->selectContainer(QStringLiteral("box")));
        auto *dock = w->findChild<QDockWidget *>(QStringLiteral("filesDock"));
        QVERIFY(dock);
        QSignalSpy listed(w->filesView(), &FilesView::listed);
        dock->show();
        dock->raise();
        QTRY_VERIFY_WITH_TIMEOUT(listed.count() >= 1, 20000);
        QCOMPARE(w->filesView()->directory(), QStringLiteral("/root"));
        auto *list = w->filesView()->findChild<QTreeWidget *>(QStringLiteral("filesList"));
        const auto found = list->findItems(QStringLiteral("dropped.txt"), Qt::MatchExactly, 0);
        QCOMPARE(found.size(), 1);
        list->setCurrentItem(found.first());
        QCOMPARE(w->filesView()->selectedPath(), QStringLiteral("/root/dropped.txt"));
        QString asked;
        answerNextBox(&asked, QMessageBox::DestructiveRole);
        listed.clear();
        w->filesView()->deleteSelected();
        QVERIFY2(asked.contains(QStringLiteral("/root/dropped.txt")), qPrintable(asked));
        QTRY_VERIFY_WITH_TIMEOUT(listed.count() >= 1, 20000);
        QVERIFY(!QFile::exists(rootfs() + QStringLiteral("/root/dropped.txt")));
        QVERIFY(list->findItems(QStringLiteral("dropped.txt"), Qt::MatchExactly, 0).isEmpty());
        dock->hide();
    }

    void throwawayCopyOpensItsConsole()
    {
        QVERIFY(w->selectContainer(QStringLiteral("box")));
        w->actions()->updateEnabled();
        QAction *throwaway = w->findChild<QAction *>(QStringLiteral("actionThrowaway"));
        QVERIFY(throwaway);
        QTRY_VERIFY(throwaway->isEnabled());
        QSignalSpy console(w->actions(), &ContainerActions::consoleRequested);
        throwaway->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(console.count(), 1, 30000);
        const QString copy = console.first().at(0).toString();
        QVERIFY2(copy.startsWith(QStringLiteral("box-")), qPrintable(copy));
        QTRY_VERIFY_WITH_TIMEOUT(w->model()->stateOf(copy) == QLatin1String("RUNNING"), 20000);
        bool opened = false;
        QTRY_VERIFY_WITH_TIMEOUT((opened = [] {
                                     for (QWidget *top : QApplication::topLevelWidgets())
                                         if (qobject_cast<ConsoleWindow *>(top) && top->isVisible())
                                             return true;
                                     return false;
                                 }()),
                                 10000);
        const auto stop = fx->hutchctl({"stop", copy}, false);
        QVERIFY2(stop.exitCode == 0, qPrintable(stop.text()));
        QVERIFY(!QFile::exists(fx->storePath() + QLatin1Char('/') + copy));
        QTRY_VERIFY_WITH_TIMEOUT(w->model()->rowOf(copy) < 0, 10000);
    }
};

QTEST_MAIN(TestGuiFiles)
#include "test_gui_files.moc"
