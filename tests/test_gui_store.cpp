// The GUI's store operations against the real hutch-helper on a private
// bus (guibackend.h): Destroy without asking when the preference says so,
// the Snapshots tab (take with a comment, restore, delete), Export… and
// Import…. Modal questions answered through the GUI's hook (modalanswer.h);
// no polling sleeps.
#include "archivetransfers.h"
#include "busfixture.h"
#include "containeractions.h"
#include "containerlistmodel.h"
#include "guibackend.h"
#include "importdialog.h"
#include "mainwindow.h"
#include "messagebar.h"
#include "modalanswer.h"
#include "operationspanel.h"
#include "preferences.h"
#include "propertiesdialog.h"
#include "snapshotsview.h"

#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTreeView>
#include <QTreeWidget>
#include <QtTest>

using hutch::test::answerNextBox;

class TestGuiStore : public hutch::test::GuiBackendTest
{
    Q_OBJECT

    // Both kinds of container (issue 16): a row per kind, the container made
    // unprivileged as CreateContainer makes it by default, or privileged.
    static void addKinds()
    {
        QTest::addColumn<bool>("privileged");
        QTest::newRow("unprivileged") << false;
        QTest::newRow("privileged") << true;
    }

    // Made as root (the privileged kind needs configure-privileged).
    bool make(const QString &name, bool privileged)
    {
        QStringList args{QStringLiteral("create"), name, QStringLiteral("-t"), QStringLiteral("busybox")};
        if (privileged)
            args << QStringLiteral("--privileged");
        const auto made = fx->hutchctl(args, false);
        if (made.exitCode != 0)
            qWarning("%s", qPrintable(made.text()));
        return made.exitCode == 0;
    }

    // Whether NAME's config gives it a user namespace.
    bool mapped(const QString &name) const
    {
        QFile f(fx->storePath() + QLatin1Char('/') + name + QStringLiteral("/config"));
        return f.open(QIODevice::ReadOnly) && f.readAll().contains("\nlxc.idmap = u 0 ");
    }

private Q_SLOTS:
    void initTestCase() { HUTCH_START_GUI_BACKEND(fx, w); }

    void cleanupTestCase() { stopGui(); }

    void cleanup() { setModalHook({}); }

    void destroyWithoutAskingWhenPreferred()
    {
        const auto made = fx->hutchctl({QStringLiteral("create"), QStringLiteral("scratch"), QStringLiteral("-t"),
                                        QStringLiteral("busybox")}, false);
        QVERIFY2(made.exitCode == 0, qPrintable(made.text()));
        QTRY_VERIFY(w->selectContainer(QStringLiteral("scratch")));
        w->preferences()->setConfirmDestroy(false);
        // Should a question come anyway, it is declined and remembered.
        QString asked;
        answerNextBox(&asked, QMessageBox::RejectRole);
        w->actions()->action(ContainerActions::Destroy)->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(w->model()->rowOf(QStringLiteral("scratch")) < 0, 30000);
        QVERIFY2(asked.isEmpty(), qPrintable(asked));
        QVERIFY(!QFileInfo::exists(fx->storePath() + QStringLiteral("/scratch")));
        w->preferences()->setConfirmDestroy(true);
    }

    // The Snapshots tab of the Properties dialog on a stopped container of
    // its own: take (with a comment), restore after a change, delete.
    void snapshotsThroughTheTab_data() { addKinds(); }
    void snapshotsThroughTheTab()
    {
        QFETCH(bool, privileged);
        const QString name = QStringLiteral("snappy");
        QVERIFY(make(name, privileged));
        QCOMPARE(mapped(name), !privileged);
        QTRY_COMPARE(stateOf(name), QStringLiteral("STOPPED"));
        const QString rootfs = fx->storePath() + QLatin1Char('/') + name + QStringLiteral("/rootfs");
        const QString marked = rootfs + QStringLiteral("/etc/hutch-snapshot-test");
        const QString added = rootfs + QStringLiteral("/etc/hutch-added-later");
        auto write = [](const QString &path, const QByteArray &data) {
            QFile f(path);
            return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
        };
        auto read = [](const QString &path) {
            QFile f(path);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("(missing)");
        };
        QVERIFY(write(marked, "as in the snapshot\n"));

        PropertiesDialog dialog(w->connection(), w->model()->entryOf(name), w.get());
        SnapshotsView *view = dialog.snapshotsView();
        QVERIFY(view);
        QSignalSpy refreshed(view, &SnapshotsView::refreshed);
        QSignalSpy finished(view, &SnapshotsView::operationFinished);
        dialog.show();
        dialog.findChild<QTabWidget *>(QStringLiteral("propertiesTabs"))->setCurrentWidget(view);
        QTRY_VERIFY(refreshed.count() >= 1);
        QVERIFY2(view->lastError().isEmpty(), qPrintable(view->lastError()));
        QVERIFY(view->snapshotNames().isEmpty());
        QVERIFY(view->takeButton()->isEnabled());
        QVERIFY(!view->restoreButton()->isEnabled());  // nothing selected
        QVERIFY(view->takeButton()->toolTip().contains(QStringLiteral("hutchctl snapshot snappy")));

        // Take: the comment is asked for in a dialog of its own.
        hutch::test::answerNext([](QDialog &d) {
            if (auto *input = qobject_cast<QInputDialog *>(&d);
                input && input->objectName() == QLatin1String("snapshotCommentDialog")) {
                input->setTextValue(QStringLiteral("before the change"));
                input->accept();
            }
        });
        view->takeButton()->click();
        // Under way: nothing else can be started.
        QVERIFY(view->isBusy());
        QVERIFY(!view->takeButton()->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        QVERIFY2(finished.last().at(0).toBool(), qPrintable(finished.last().at(1).toString()));
        QTRY_COMPARE(view->snapshotNames(), QStringList{QStringLiteral("snap0")});
        QCOMPARE(view->commentOf(QStringLiteral("snap0")), QStringLiteral("before the change"));
        QCOMPARE(view->list()->topLevelItem(0)->text(2), QStringLiteral("before the change"));
        QVERIFY(!view->list()->topLevelItem(0)->text(1).isEmpty());  // the time
        const auto listed = fx->hutchctl({QStringLiteral("snapshot"), name, QStringLiteral("--list"),
                                          QStringLiteral("--comments")}, false);
        QVERIFY2(listed.text().contains(QStringLiteral("snap0")) && listed.text().contains(QStringLiteral("before the change")),
                 qPrintable(listed.text()));

        // The rootfs changes after the snapshot.
        QVERIFY(write(marked, "changed afterwards\n"));
        QVERIFY(write(added, "new\n"));

        // Restore: the question names the snapshot and the container.
        QTRY_VERIFY(view->takeButton()->isEnabled());
        QVERIFY(view->selectSnapshot(QStringLiteral("snap0")));
        QVERIFY(view->restoreButton()->isEnabled());
        QString asked;
        answerNextBox(&asked, QMessageBox::RejectRole);
        view->restoreButton()->click();
        QVERIFY2(asked.contains(QStringLiteral("\"snap0\"")) && asked.contains(QStringLiteral("\"snappy\"")),
                 qPrintable(asked));
        QCOMPARE(read(marked), QByteArray("changed afterwards\n"));  // declined: nothing happened
        QCOMPARE(finished.count(), 1);
        answerNextBox(&asked, QMessageBox::DestructiveRole);
        view->restoreButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 60000);
        QVERIFY2(finished.last().at(0).toBool(), qPrintable(finished.last().at(1).toString()));
        QCOMPARE(read(marked), QByteArray("as in the snapshot\n"));
        QVERIFY(!QFileInfo::exists(added));
        QTRY_COMPARE(view->snapshotNames(), QStringList{QStringLiteral("snap0")});  // the snapshot stays

        // Not while the container runs: the buttons say so by being disabled.
        QVERIFY(fx->hutchctl({QStringLiteral("start"), name}, false).exitCode == 0);
        QTRY_VERIFY(!view->takeButton()->isEnabled());
        QVERIFY(!view->restoreButton()->isEnabled() && !view->deleteButton()->isEnabled());
        QVERIFY(view->findChild<QLabel *>(QStringLiteral("snapshotStateNote"))->isVisible());
        QVERIFY(fx->hutchctl({QStringLiteral("stop"), name, QStringLiteral("--kill")}, false).exitCode == 0);
        QTRY_VERIFY(view->takeButton()->isEnabled());

        // Delete, after asking.
        QTRY_VERIFY(view->selectSnapshot(QStringLiteral("snap0")));
        answerNextBox(&asked, QMessageBox::DestructiveRole);
        view->deleteButton()->click();
        QVERIFY2(asked.contains(QStringLiteral("\"snap0\"")), qPrintable(asked));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 3, 30000);
        QVERIFY2(finished.last().at(0).toBool(), qPrintable(finished.last().at(1).toString()));
        QTRY_VERIFY(view->snapshotNames().isEmpty());
        const auto after = fx->hutchctl({QStringLiteral("snapshot"), name, QStringLiteral("--list")}, false);
        QVERIFY2(!after.text().contains(QStringLiteral("snap0")), qPrintable(after.text()));
        dialog.reject();

        QVERIFY(fx->hutchctl({QStringLiteral("destroy"), name}, false).exitCode == 0);
        QTRY_VERIFY(w->model()->rowOf(name) < 0);
    }

    // Export… into a file the GUI creates, then Import… of that file under a
    // new name through the import dialog: the new row appears, is selected
    // and has the exported rootfs; then under the archive's own name. A
    // failed export leaves no file.
    void exportAndImport_data() { addKinds(); }
    void exportAndImport()
    {
        QFETCH(bool, privileged);
        const QString name = QStringLiteral("packed"), copy = QStringLiteral("unpacked");
        QVERIFY(make(name, privileged));
        QTRY_COMPARE(stateOf(name), QStringLiteral("STOPPED"));
        const QString marker = QStringLiteral("/rootfs/etc/hutch-export-test");
        auto read = [](const QString &path) {
            QFile f(path);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("(missing)");
        };
        {
            QFile f(fx->storePath() + QLatin1Char('/') + name + marker);
            QVERIFY(f.open(QIODevice::WriteOnly) && f.write("exported\n") == 9);
        }
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString archive = dir.filePath(name + QStringLiteral(".tar.gz"));

        // Enabled for the one stopped container; its status tip is the command.
        QVERIFY(w->selectContainer(name));
        QAction *exportAction = w->actions()->action(ContainerActions::Export);
        QVERIFY(exportAction->isEnabled());
        QVERIFY2(exportAction->statusTip() == QStringLiteral("hutchctl export packed packed.tar.xz"),
                 qPrintable(exportAction->statusTip()));
        QVERIFY(w->actions()->action(ContainerActions::Import)->isEnabled());

        QSignalSpy finished(w->operations(), &OperationsPanel::finished);
        QSignalSpy started(w->transfers(), &ArchiveTransfers::jobStarted);
        w->exportContainer(name, archive);
        QTRY_COMPARE(started.count(), 1);
        QCOMPARE(started.last().at(1).toString(), QStringLiteral("export"));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        QVERIFY2(finished.last().at(3).toBool(), qPrintable(finished.last().at(5).toString()));
        QCOMPARE(finished.last().at(1).toString(), QStringLiteral("export"));
        QVERIFY(QFileInfo(archive).size() > 0);
        QVERIFY(read(archive).startsWith("\x1f\x8b"));  // gzip, from the suffix
        QVERIFY(w->transfers()->pendingExports().isEmpty());
        // It says so, with the file, and offers its folder.
        QTRY_VERIFY2(w->messageBar()->text().contains(archive), qPrintable(w->messageBar()->text()));
        QCOMPARE(w->messageBar()->kind(), MessageBar::Kind::Information);
        QVERIFY(w->messageBar()->actionButton()->isVisible());
        QVERIFY(w->messageBar()->actionButton()->text().contains(QStringLiteral("Folder")));

        // A refused export removes the file the GUI created for it.
        const QString refused = dir.filePath(QStringLiteral("nosuch.tar"));
        w->messageBar()->hide();
        w->exportContainer(QStringLiteral("nosuch"), refused);
        QTRY_VERIFY(!w->messageBar()->text().isEmpty());
        QVERIFY2(w->messageBar()->text().contains(QStringLiteral("nosuch")), qPrintable(w->messageBar()->text()));
        QVERIFY(!QFileInfo::exists(refused));
        w->messageBar()->hide();

        // Import under a new name: the name is checked as typed.
        ImportDialog *dialog = w->importArchive(archive);
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        auto *nameEdit = dialog->findChild<QLineEdit *>(QStringLiteral("importName"));
        QVERIFY(nameEdit);
        // Sized to its content: the title is not clipped.
        QVERIFY(dialog->width() >= dialog->fontMetrics().horizontalAdvance(dialog->windowTitle()));
        // Empty is the archive's own name, read from the archive: taken, so
        // Import is off before any job could start.
        QTRY_COMPARE(dialog->archiveName(), name);
        QVERIFY(!dialog->importButton()->isEnabled());
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("importNameProblem"))->text().contains(name));
        QCOMPARE(started.count(), 1);  // the export's only
        nameEdit->setText(name);
        QVERIFY(!dialog->importButton()->isEnabled());  // taken
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("importNameProblem"))->text().contains(name));
        nameEdit->setText(QStringLiteral("bad/name"));
        QVERIFY(!dialog->importButton()->isEnabled());
        nameEdit->setText(copy);
        QVERIFY(dialog->importButton()->isEnabled());
        auto *storage = dialog->findChild<QComboBox *>(QStringLiteral("importStorage"));
        storage->setCurrentIndex(storage->findData(QStringLiteral("dir")));
        QCOMPARE(dialog->command(), QStringLiteral("hutchctl import %1 --name unpacked -B dir").arg(archive));
        dialog->importButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 60000);
        QVERIFY2(finished.last().at(3).toBool(), qPrintable(finished.last().at(5).toString()));
        QCOMPARE(finished.last().at(1).toString(), QStringLiteral("import"));
        QCOMPARE(finished.last().at(2).toString(), copy);
        auto *view = w->findChild<QTreeView *>(QStringLiteral("containerView"));
        auto selected = [view] {
            const QModelIndexList rows = view->selectionModel()->selectedRows();
            return rows.size() == 1 ? rows.first().data(ContainerListModel::NameRole).toString() : QString();
        };
        QTRY_COMPARE(selected(), copy);
        QCOMPARE(stateOf(copy), QStringLiteral("STOPPED"));
        QCOMPARE(read(fx->storePath() + QLatin1Char('/') + copy + marker), QByteArray("exported\n"));
        QCOMPARE(mapped(copy), !privileged);  // the archive's kind (a range of its own if unprivileged)

        // Without a new name: the job's last line says which it made.
        QVERIFY(fx->hutchctl({QStringLiteral("destroy"), name}, false).exitCode == 0);
        QTRY_VERIFY(w->model()->rowOf(name) < 0);
        dialog = w->importArchive(archive);
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QCOMPARE(dialog->command(), QStringLiteral("hutchctl import %1").arg(archive));
        QTRY_COMPARE(dialog->archiveName(), name);
        QVERIFY(dialog->importButton()->isEnabled());  // free again
        dialog->importButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 3, 60000);
        QVERIFY2(finished.last().at(3).toBool(), qPrintable(finished.last().at(5).toString()));
        QCOMPARE(finished.last().at(2).toString(), name);
        QTRY_COMPARE(selected(), name);
        QCOMPARE(read(fx->storePath() + QLatin1Char('/') + name + marker), QByteArray("exported\n"));
        QTRY_COMPARE(w->operations()->runningCount(), 0);

        for (const QString &n : {name, copy}) {
            QVERIFY(fx->hutchctl({QStringLiteral("destroy"), n}, false).exitCode == 0);
            QTRY_VERIFY(w->model()->rowOf(n) < 0);
        }
    }
};

QTEST_MAIN(TestGuiStore)
#include "test_gui_store.moc"
