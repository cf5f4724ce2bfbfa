// Keyboard and screen-reader reachability, offscreen: every widget a user
// can tab to in the main window, the creation wizard (every page), the
// Settings, Clone, Import and Properties dialogs has a name a screen reader can
// say (its accessible name, its text, or the label it is the buddy of, as
// QAccessible reports it), and Tab reaches each of them.
#include "clonedialog.h"
#include "containerlistmodel.h"
#include "createwizard.h"
#include "helperconnection.h"
#include "importdialog.h"
#include "mainwindow.h"
#include "propertiesdialog.h"
#include "renamedialog.h"
#include "settingsdialog.h"

#include <QAccessible>
#include <QApplication>
#include <QComboBox>
#include <QMenuBar>
#include <QSet>
#include <QTabWidget>
#include <QWizard>
#include <QtTest>

namespace {

QString describe(const QWidget *w)
{
    return QStringLiteral("%1 \"%2\" (parent %3)")
        .arg(QString::fromLatin1(w->metaObject()->className()), w->objectName(),
             w->parentWidget() ? w->parentWidget()->objectName() + QLatin1Char(' ')
                                     + QString::fromLatin1(w->parentWidget()->metaObject()->className())
                               : QStringLiteral("none"));
}

// Widgets the user can reach with Tab in `top` as it is shown now.
QList<QWidget *> focusable(QWidget *top)
{
    QList<QWidget *> out;
    for (QWidget *w : top->findChildren<QWidget *>()) {
        if (!(w->focusPolicy() & Qt::TabFocus) || !w->isVisibleTo(top) || !w->isEnabled())
            continue;
        // A focus proxy's owner is reached through the proxy.
        if (w->focusProxy())
            continue;
        out << w;
    }
    return out;
}

// What a screen reader says for `w`.
QString spokenName(QWidget *w)
{
    QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(w);
    return iface ? iface->text(QAccessible::Name).trimmed() : QString();
}

QStringList unnamed(QWidget *top)
{
    QStringList out;
    for (QWidget *w : focusable(top))
        if (qEnvironmentVariableIsSet("HUTCH_A11Y_DEBUG"))
            qInfo("%s: %s", qPrintable(describe(w)), qPrintable(spokenName(w)));
    for (QWidget *w : focusable(top)) {
        if (spokenName(w).isEmpty())
            out << describe(w);
        // A combo box without a name of its own is announced by its current
        // item ("Best available"), which says nothing of what is chosen.
        else if (auto *combo = qobject_cast<QComboBox *>(w); combo && combo->accessibleName().isEmpty())
            out << describe(w) + QStringLiteral(" (a combo box named only by its current item)");
    }
    return out;
}

// Presses Tab until focus comes round again; returns the widgets visited.
QSet<QWidget *> tabWalk(QWidget *top, QWidget *start)
{
    QSet<QWidget *> seen;
    start->setFocus(Qt::TabFocusReason);
    for (int i = 0; i < 400; ++i) {
        QWidget *f = QApplication::focusWidget();
        if (!f || seen.contains(f))
            break;
        seen.insert(f);
        QTest::keyClick(f, Qt::Key_Tab);
    }
    Q_UNUSED(top);
    return seen;
}

QStringList unreachable(QWidget *top)
{
    const QList<QWidget *> all = focusable(top);
    if (all.isEmpty())  // nothing for the keyboard at all: the walk fails too
        return {QStringLiteral("nothing in %1 takes focus").arg(describe(top))};
    const QSet<QWidget *> seen = tabWalk(top, all.first());
    QStringList out;
    for (QWidget *w : all)
        if (!seen.contains(w))
            out << describe(w);
    return out;
}

}  // namespace

class TestAccessibility : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("HUTCH_BUS_ADDRESS", "unix:path=/nonexistent/hutch-test-bus");
    }

    void mainWindow()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QTRY_VERIFY(!w.connection()->isConnected());
        w.model()->setEntries({{{QStringLiteral("name"), QStringLiteral("web")},
                                {QStringLiteral("state"), QStringLiteral("RUNNING")}}});
        w.selectContainer(QStringLiteral("web"));
        // The docks too: they are part of the window when shown.
        for (QAction *a : w.findChildren<QAction *>())
            if (a->objectName() == QLatin1String("actionResources") || a->objectName() == QLatin1String("actionDetails"))
                a->trigger();
        QCoreApplication::processEvents();
        QVERIFY(!focusable(&w).isEmpty());
        const QStringList missing = unnamed(&w);
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("without a name:\n") + missing.join('\n')));
        const QStringList notReached = unreachable(&w);
        QVERIFY2(notReached.isEmpty(), qPrintable(QStringLiteral("not reached by Tab:\n") + notReached.join('\n')));
        // Settings by its shortcut.
        QTest::keyClick(&w, Qt::Key_Comma, Qt::ControlModifier);
        QTRY_VERIFY(w.findChild<SettingsDialog *>() && w.findChild<SettingsDialog *>()->isVisible());
        w.findChild<SettingsDialog *>()->reject();
        // Every top-level menu has a mnemonic (Alt+letter).
        for (QAction *menu : w.menuBar()->actions())
            QVERIFY2(menu->text().contains(QLatin1Char('&')), qPrintable(menu->text()));
    }

    void creationWizard()
    {
        MainWindow w;
        CreateWizard wizard(w.connection(), w.model(), &w);
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        QVERIFY2(!focusable(wizard.currentPage()).isEmpty(), "the first page: nothing on it takes focus");
        // Each page as the user sees it.
        for (int id : wizard.pageIds()) {
            QWizardPage *page = wizard.page(id);
            const QStringList missing = unnamed(page);
            QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("page %1 without a name:\n").arg(id) + missing.join('\n')));
        }
        const QStringList missing = unnamed(&wizard);
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("without a name:\n") + missing.join('\n')));
        const QStringList notReached = unreachable(&wizard);
        QVERIFY2(notReached.isEmpty(), qPrintable(QStringLiteral("not reached by Tab:\n") + notReached.join('\n')));
    }

    void settingsDialog()
    {
        MainWindow w;
        SettingsDialog *dialog = w.showSettings();
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        QVERIFY(focusable(dialog).size() >= 10);  // nine read-only fields, the preferences, the buttons
        const QStringList missing = unnamed(dialog);
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("without a name:\n") + missing.join('\n')));
        const QStringList notReached = unreachable(dialog);
        QVERIFY2(notReached.isEmpty(), qPrintable(QStringLiteral("not reached by Tab:\n") + notReached.join('\n')));
        dialog->close();
    }

    void cloneDialog()
    {
        MainWindow w;
        w.model()->setEntries({{{QStringLiteral("name"), QStringLiteral("web")},
                                {QStringLiteral("state"), QStringLiteral("STOPPED")}}});
        CloneDialog dialog(QStringLiteral("web"), w.model(), &w);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(focusable(&dialog).size() >= 3);  // the new name, the kind of copy, the buttons
        const QStringList missing = unnamed(&dialog);
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("without a name:\n") + missing.join('\n')));
        const QStringList notReached = unreachable(&dialog);
        QVERIFY2(notReached.isEmpty(), qPrintable(QStringLiteral("not reached by Tab:\n") + notReached.join('\n')));
    }

    void renameDialog()
    {
        MainWindow w;
        w.model()->setEntries({{{QStringLiteral("name"), QStringLiteral("web")},
                                {QStringLiteral("state"), QStringLiteral("STOPPED")}}});
        RenameDialog dialog(QStringLiteral("web"), w.model(), &w);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(focusable(&dialog).size() >= 2);  // the new name, the buttons
        const QStringList missing = unnamed(&dialog);
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("without a name:\n") + missing.join('\n')));
        const QStringList notReached = unreachable(&dialog);
        QVERIFY2(notReached.isEmpty(), qPrintable(QStringLiteral("not reached by Tab:\n") + notReached.join('\n')));
    }

    void importDialog()
    {
        MainWindow w;
        ImportDialog *dialog = w.importArchive(QStringLiteral("/tmp/web.tar.xz"));
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        QVERIFY(focusable(dialog).size() >= 3);  // name, storage, the buttons
        const QStringList missing = unnamed(dialog);
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("without a name:\n") + missing.join('\n')));
        const QStringList notReached = unreachable(dialog);
        QVERIFY2(notReached.isEmpty(), qPrintable(QStringLiteral("not reached by Tab:\n") + notReached.join('\n')));
        dialog->reject();
    }

    void propertiesDialog()
    {
        MainWindow w;
        PropertiesDialog dialog(w.connection(), {{QStringLiteral("name"), QStringLiteral("web")},
                                                 {QStringLiteral("state"), QStringLiteral("STOPPED")}});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *tabs = dialog.findChild<QTabWidget *>(QStringLiteral("propertiesTabs"));
        QVERIFY(tabs);
        for (int i = 0; i < tabs->count(); ++i) {
            tabs->setCurrentIndex(i);
            QCoreApplication::processEvents();
            // The tab's own widgets, not only the dialog's Close button.
            QVERIFY2(!focusable(tabs->widget(i)).isEmpty(), qPrintable(QStringLiteral("tab %1: nothing on it takes focus").arg(i)));
            const QStringList missing = unnamed(&dialog);
            QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("tab %1 without a name:\n").arg(i) + missing.join('\n')));
            const QStringList notReached = unreachable(&dialog);
            QVERIFY2(notReached.isEmpty(), qPrintable(QStringLiteral("tab %1 not reached by Tab:\n").arg(i) + notReached.join('\n')));
        }
    }
};

QTEST_MAIN(TestAccessibility)
#include "test_accessibility.moc"
