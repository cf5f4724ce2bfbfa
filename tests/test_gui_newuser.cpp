// What a new user meets in the GUI, against the real hutch-helper on a
// private bus (guibackend.h; issue 19): Reboot asks first; a console
// hints at Shell when it asks for a login root cannot give; names are
// checked against the helper's list as they are typed in the clone and
// rename dialogs; the wizard shows the helper's template schema in the
// user's language; a container that snapshot clones are built on is not
// destroyed, and the GUI says why as a lasting fact. Modal questions are
// answered through the GUI's hook (modalanswer.h).
#include "busfixture.h"
#include "client.h"
#include "clonedialog.h"
#include "containeractions.h"
#include "consoletab.h"
#include "consolewindow.h"
#include "containerlistmodel.h"
#include "createwizard.h"
#include "guibackend.h"
#include "helperconnection.h"
#include "mainwindow.h"
#include "messagebar.h"
#include "modalanswer.h"
#include "operationspanel.h"
#include "preferences.h"
#include "renamedialog.h"
#include "templatetexts.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTranslator>
#include <QtTest>

using hutch::test::screen;

class TestGuiNewUser : public hutch::test::GuiBackendTest
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        HUTCH_START_GUI_BACKEND(fx, w);
        const auto made = fx->hutchctl({QStringLiteral("create"), QStringLiteral("db"), QStringLiteral("-t"),
                                        QStringLiteral("busybox")}, false);
        QVERIFY2(made.exitCode == 0, qPrintable(made.text()));
        QTRY_VERIFY(w->model()->rowOf(QStringLiteral("db")) >= 0);
    }

    void cleanupTestCase() { stopGui(); }

    void cleanup() { setModalHook({}); }

    // Reboot asks first, naming the container: declined, the same init
    // runs on; accepted, the helper reboots it (a new init).
    void rebootAsksFirst()
    {
        const auto started = fx->hutchctl({QStringLiteral("start"), QStringLiteral("web")}, false);
        QVERIFY2(started.exitCode == 0, qPrintable(started.text()));
        w->preferences()->setConfirmStop(true);
        QTRY_COMPARE(stateOf(QStringLiteral("web")), QStringLiteral("RUNNING"));
        QVERIFY(w->selectContainer(QStringLiteral("web")));
        auto pid = [this] { return w->model()->entryOf(QStringLiteral("web")).value(QStringLiteral("pid")).toLongLong(); };
        QTRY_VERIFY(pid() > 0);
        const qint64 before = pid();
        QString asked;
        auto answer = [&asked](QMessageBox::ButtonRole role) {
            hutch::test::answerNext([&asked, role](QDialog &d) {
                auto *box = qobject_cast<QMessageBox *>(&d);
                if (!box || box->objectName() != QLatin1String("stopConfirmation"))
                    return d.reject();
                asked = box->text();
                QVERIFY(box->checkBox() && !box->checkBox()->isChecked());  // "Do not ask again", off
                for (QAbstractButton *b : box->buttons())
                    if (box->buttonRole(b) == role)
                        return b->click();
                box->reject();
            });
        };
        answer(QMessageBox::RejectRole);
        w->actions()->action(ContainerActions::Reboot)->trigger();
        QVERIFY2(asked.contains(QStringLiteral("Reboot \"web\"")), qPrintable(asked));
        // A reboot would have been sent by now; the helper answers a later
        // call after it and still has the same init.
        QCOMPARE(fx->hutchctl({QStringLiteral("list")}, false).exitCode, 0);
        QCOMPARE(pid(), before);
        QCOMPARE(stateOf(QStringLiteral("web")), QStringLiteral("RUNNING"));
        asked.clear();
        answer(QMessageBox::AcceptRole);
        w->actions()->action(ContainerActions::Reboot)->trigger();
        QVERIFY(!asked.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(pid() > 0 && pid() != before, 30000);
        QTRY_COMPARE(stateOf(QStringLiteral("web")), QStringLiteral("RUNNING"));
        QVERIFY(w->preferences()->confirmStop());  // the box was not ticked
        const auto stopped = fx->hutchctl({QStringLiteral("stop"), QStringLiteral("web"), QStringLiteral("--kill")}, false);
        QVERIFY2(stopped.exitCode == 0, qPrintable(stopped.text()));
        QTRY_COMPARE(stateOf(QStringLiteral("web")), QStringLiteral("STOPPED"));
    }

    // The console of a container whose root is locked says "log in as a
    // user or use Shell" when the console asks for a login, and only then:
    // busybox's console runs a shell and gets no hint; a "login:" prompt
    // on it brings the hint.
    void consoleHintsOnlyAtALoginPrompt()
    {
        const auto started = fx->hutchctl({QStringLiteral("start"), QStringLiteral("web")}, false);
        QVERIFY2(started.exitCode == 0, qPrintable(started.text()));
        QTRY_COMPARE(stateOf(QStringLiteral("web")), QStringLiteral("RUNNING"));
        ConsoleTab *tab = w->consoles()->openConsole(QStringLiteral("web"), 0);
        QSignalSpy known(tab, &ConsoleTab::rootLoginKnown);
        QTRY_VERIFY(tab->isLive());
        QTRY_COMPARE(known.count(), 1);
        QCOMPARE(known.first().first().toString(), QStringLiteral("locked"));
        tab->sendBytes("echo shell-$((6*7))\r");
        QTRY_VERIFY(screen(tab->terminal()).contains(QStringLiteral("shell-42")));
        QVERIFY2(!tab->statusText().contains(QStringLiteral("root has no password")), qPrintable(tab->statusText()));
        tab->sendBytes("printf 'web login:\\n'\r");
        QTRY_VERIFY2(tab->statusText().contains(QStringLiteral("root has no password in web")),
                     qPrintable(screen(tab->terminal())));
        QVERIFY(tab->statusText().contains(QStringLiteral("Shell")));
        for (ConsoleWindow *c : w->consoles()->windows())
            c->deleteLater();
        QTRY_COMPARE(w->consoles()->windows().size(), 0);
        const auto stopped = fx->hutchctl({QStringLiteral("stop"), QStringLiteral("web"), QStringLiteral("--kill")}, false);
        QVERIFY2(stopped.exitCode == 0, qPrintable(stopped.text()));
        QTRY_COMPARE(stateOf(QStringLiteral("web")), QStringLiteral("STOPPED"));
    }

    // Clone and rename check the name against the list as it is typed: a
    // name the helper has keeps the button off and says why; nothing
    // reaches the helper until the name is free.
    void namesCheckedAsTyped()
    {
        QVERIFY(w->selectContainer(QStringLiteral("web")));
        QString proposed, takenProblem;
        bool offWhenTaken = false;
        hutch::test::answerNext([&](QDialog &d) {
            auto *clone = qobject_cast<CloneDialog *>(&d);
            if (!clone)
                return d.reject();
            proposed = clone->newName();
            auto *edit = clone->findChild<QLineEdit *>(QStringLiteral("cloneName"));
            edit->setText(QStringLiteral("db"));
            offWhenTaken = !clone->findChild<QPushButton *>(QStringLiteral("cloneButton"))->isEnabled();
            takenProblem = clone->findChild<QLabel *>(QStringLiteral("cloneNameProblem"))->text();
            edit->setText(proposed);
            clone->accept();
        });
        w->actions()->action(ContainerActions::Clone)->trigger();
        QCOMPARE(proposed, QStringLiteral("web-clone"));
        QVERIFY(offWhenTaken);
        QVERIFY2(takenProblem.contains(QStringLiteral("\"db\" exists")), qPrintable(takenProblem));
        QTRY_VERIFY_WITH_TIMEOUT(w->model()->rowOf(QStringLiteral("web-clone")) >= 0, 60000);
        QTRY_COMPARE(w->operations()->runningCount(), 0);

        QVERIFY(w->selectContainer(QStringLiteral("web-clone")));
        bool renameOffWhenTaken = false, renameOnWhenFree = false;
        QString renameProblem;
        hutch::test::answerNext([&](QDialog &d) {
            auto *rename = qobject_cast<RenameDialog *>(&d);
            if (!rename)
                return d.reject();
            auto *edit = rename->findChild<QLineEdit *>(QStringLiteral("renameName"));
            auto *button = rename->findChild<QPushButton *>(QStringLiteral("renameButton"));
            edit->setText(QStringLiteral("db"));
            renameOffWhenTaken = !button->isEnabled();
            renameProblem = rename->problem();
            edit->setText(QStringLiteral("web-renamed"));
            renameOnWhenFree = button->isEnabled();
            rename->reject();
        });
        w->actions()->action(ContainerActions::Rename)->trigger();
        QVERIFY(renameOffWhenTaken);
        QVERIFY2(renameProblem.contains(QStringLiteral("\"db\" exists")), qPrintable(renameProblem));
        QVERIFY(renameOnWhenFree);
        QVERIFY(w->model()->rowOf(QStringLiteral("web-clone")) >= 0);  // declined: nothing renamed
        QCOMPARE(fx->hutchctl({QStringLiteral("destroy"), QStringLiteral("web-clone")}, false).exitCode, 0);
        QTRY_VERIFY(w->model()->rowOf(QStringLiteral("web-clone")) < 0);
    }

    // The schema's words go through the translations: every template and
    // option the helper lists is in the GUI's table (templatetexts) with the
    // helper's own English, and with German loaded the wizard reads German.
    void wizardTemplateTextsAreTranslated()
    {
        QDBusPendingReply<QList<QVariantMap>> reply = w->connection()->helper()->ListTemplates({});
        reply.waitForFinished();
        QVERIFY2(!reply.isError(), qPrintable(reply.error().message()));
        int options = 0;
        for (const QVariantMap &raw : reply.value()) {
            const QVariantMap t = hutch::client::plainMap(raw);
            const QString name = t.value(QStringLiteral("name")).toString();
            QCOMPARE(templatetexts::description(name, QString()), t.value(QStringLiteral("description")).toString());
            for (const QVariant &v : t.value(QStringLiteral("options")).toList()) {
                const QVariantMap o = v.toMap();
                const QString option = o.value(QStringLiteral("name")).toString();
                QVERIFY2(templatetexts::knowsOption(name, option), qPrintable(name + QLatin1Char(' ') + option));
                QCOMPARE(templatetexts::optionLabel(name, option, QString()),
                         o.value(QStringLiteral("description")).toString());
                ++options;
            }
        }
        QVERIFY2(options >= 20, qPrintable(QString::number(options)));

        QTranslator german;
        QVERIFY(german.load(QStringLiteral(":/i18n/hutch_de.qm")));
        QVERIFY(QCoreApplication::installTranslator(&german));
        auto removeGerman = qScopeGuard([&german] { QCoreApplication::removeTranslator(&german); });
        w->actions()->action(ContainerActions::Create)->trigger();
        QPointer<CreateWizard> wizard = w->findChild<CreateWizard *>();
        QVERIFY(wizard);
        QTRY_VERIFY(wizard->templateName() == QLatin1String("busybox"));
        wizard->findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(QStringLiteral("deutsch"));
        wizard->next();
        QCOMPARE(wizard->currentId(), int(CreateWizard::TemplatePage));
        QCOMPARE(wizard->findChild<QLabel *>(QStringLiteral("templateDescription"))->text(),
                 QStringLiteral("Ein winziger Container aus dem statischen busybox des Rechners"));
        QWidget *ttys = wizard->findChild<QWidget *>(QStringLiteral("option_ttys"));
        QVERIFY(ttys);
        auto *form = qobject_cast<QFormLayout *>(ttys->parentWidget()->layout());
        QVERIFY(form);
        auto *label = qobject_cast<QLabel *>(form->labelForField(ttys));
        QVERIFY(label);
        QCOMPARE(label->text(), QStringLiteral("Anzahl der TTYs (lxc.tty.max):"));
        auto *combo = wizard->findChild<QComboBox *>(QStringLiteral("templateCombo"));
        combo->setCurrentIndex(combo->findText(QStringLiteral("local")));
        auto *problem = wizard->findChild<QLabel *>(QStringLiteral("templateProblem"));
        QVERIFY2(problem->text().contains(QStringLiteral("Rootfs-Tarball")), qPrintable(problem->text()));
        wizard->reject();
        QTRY_VERIFY(!wizard);
    }

    // A container that a snapshot clone is built on cannot be destroyed:
    // the GUI says so before asking, as a lasting fact, not "Not possible
    // right now"; nothing reaches the helper and both stay.
    void destroyOfASnapshotSourceExplains()
    {
        QTRY_COMPARE(stateOf(QStringLiteral("web")), QStringLiteral("STOPPED"));
        const auto cloned = fx->hutchctl({QStringLiteral("clone"), QStringLiteral("web"), QStringLiteral("web-snap"),
                                          QStringLiteral("--snapshot")}, false);
        if (cloned.exitCode != 0)
            QSKIP(qPrintable(QStringLiteral("no snapshot clone on this store (overlayfs): ") + cloned.text()));
        QTRY_VERIFY(w->model()->rowOf(QStringLiteral("web-snap")) >= 0);
        QVERIFY(w->selectContainer(QStringLiteral("web")));
        bool asked = false;
        hutch::test::answerNext([&asked](QDialog &d) {
            asked = true;
            d.reject();
        });
        w->messageBar()->hide();
        w->actions()->action(ContainerActions::Destroy)->trigger();
        QVERIFY(!asked);
        const QString said = w->messageBar()->text();
        QVERIFY2(said.contains(QStringLiteral("web-snap")) && !said.contains(QStringLiteral("right now")), qPrintable(said));
        QCOMPARE(w->messageBar()->kind(), MessageBar::Kind::Information);
        QCOMPARE(w->operations()->runningCount(), 0);
        QVERIFY(w->model()->rowOf(QStringLiteral("web")) >= 0);
        // The clone goes first; then its source could.
        QCOMPARE(fx->hutchctl({QStringLiteral("destroy"), QStringLiteral("web-snap")}, false).exitCode, 0);
        QTRY_VERIFY(w->model()->rowOf(QStringLiteral("web-snap")) < 0);
        QVERIFY(w->model()->snapshotClonesOf(QStringLiteral("web")).isEmpty());
    }
};

QTEST_MAIN(TestGuiNewUser)
#include "test_gui_newuser.moc"
