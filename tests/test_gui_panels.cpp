// The GUI's smaller parts without a helper, offscreen: the CPU sparkline in
// the list (and that it stays fast with 1,000 rows), the config editor's
// highlighting and validation by the core library, and the Settings
// dialog's preferences taking effect. The parts that need the helper
// (saving a config, the log, the helper's settings) are in test_gui_backend.
#include "configeditor.h"
#include "confighighlighter.h"
#include "containeractions.h"
#include "containerfeed.h"
#include "containerlistmodel.h"
#include "helperconnection.h"
#include "mainwindow.h"
#include "preferences.h"
#include "propertiesdialog.h"
#include "settingsdialog.h"
#include "sparklinedelegate.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QTimer>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <QToolTip>
#include <QTreeView>
#include <QtTest>

namespace {

QVariantMap entry(const QString &name, const QString &state)
{
    return {{QStringLiteral("name"), name}, {QStringLiteral("state"), state}, {QStringLiteral("ttys"), 1u}};
}

// The formats the highlighter gave to line `line` (0-based) of `doc`.
QList<QTextLayout::FormatRange> formatsOf(QTextDocument *doc, int line)
{
    return doc->findBlockByNumber(line).layout()->formats();
}

// The format covering character `pos` of line `line`.
QTextCharFormat formatAt(QTextDocument *doc, int line, int pos)
{
    QTextCharFormat found;
    for (const QTextLayout::FormatRange &r : formatsOf(doc, line))
        if (pos >= r.start && pos < r.start + r.length)
            found = r.format;
    return found;
}

// How many pixels of `image` inside `rect` have (about) the colour `c`.
int pixelsLike(const QImage &image, const QRect &rect, const QColor &c)
{
    int n = 0;
    for (int y = rect.top(); y <= rect.bottom(); ++y)
        for (int x = rect.left(); x <= rect.right(); ++x) {
            const QColor p = image.pixelColor(x, y);
            if (qAbs(p.red() - c.red()) < 40 && qAbs(p.green() - c.green()) < 40 && qAbs(p.blue() - c.blue()) < 40)
                ++n;
        }
    return n;
}

// Answers the next modal message box by role; remembers its text.
void answerNextBox(QString *text, QMessageBox::ButtonRole role)
{
    QTimer::singleShot(0, [text, role] {
        for (QWidget *top : QApplication::topLevelWidgets()) {
            auto *box = qobject_cast<QMessageBox *>(top);
            if (!box || !box->isVisible())
                continue;
            *text = box->text();
            for (QAbstractButton *b : box->buttons())
                if (box->buttonRole(b) == role) {
                    b->click();
                    return;
                }
        }
    });
}

}  // namespace

class TestGuiPanels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("HUTCH_BUS_ADDRESS", "unix:path=/nonexistent/hutch-test-bus");
        // Preferences go to a test location, not the user's ~/.config.
        QStandardPaths::setTestModeEnabled(true);
    }

    void sparklineKeepsHistory()
    {
        ContainerListModel model;
        model.setEntries({entry(QStringLiteral("db"), QStringLiteral("RUNNING"))});
        const QModelIndex cpu = model.index(0, ContainerListModel::Cpu);
        QVERIFY(cpu.data(ContainerListModel::CpuHistoryRole).value<QList<float>>().isEmpty());
        quint64 ns = 0;
        for (int i = 0; i < ContainerListModel::kHistoryLength + 5; ++i) {
            model.setStats({{QStringLiteral("db"), {ns, 1 << 20}}});
            ns += 5000000;  // 5 ms of CPU per round
            QTest::qWait(5);
        }
        const auto history = cpu.data(ContainerListModel::CpuHistoryRole).value<QList<float>>();
        // Bounded: the oldest samples drop out.
        QCOMPARE(history.size(), ContainerListModel::kHistoryLength);
        QVERIFY(history.last() > 0);
        model.setState(QStringLiteral("db"), QStringLiteral("STOPPED"));
        QVERIFY(cpu.data(ContainerListModel::CpuHistoryRole).value<QList<float>>().isEmpty());
    }

    void sparklineIsDrawnInTheList()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto *view = w.findChild<QTreeView *>(QStringLiteral("containerView"));
        QVERIFY(view);
        QVERIFY(qobject_cast<SparklineDelegate *>(view->itemDelegateForColumn(ContainerListModel::Cpu)));
        QTRY_VERIFY(!w.connection()->isConnected());
        QCoreApplication::processEvents();
        w.model()->setEntries({entry(QStringLiteral("busy"), QStringLiteral("RUNNING")),
                               entry(QStringLiteral("idle"), QStringLiteral("STOPPED"))});
        quint64 ns = 0;
        for (int i = 0; i < 10; ++i) {
            w.model()->setStats({{QStringLiteral("busy"), {ns, 1 << 20}}});
            ns += (i % 2 ? 40 : 5) * 1000000ull;  // a jagged line
            QTest::qWait(10);
        }
        view->clearSelection();
        auto cellOf = [view](const QString &name) {
            for (int r = 0; r < view->model()->rowCount(); ++r)
                if (view->model()->index(r, 0).data().toString() == name)
                    return view->visualRect(view->model()->index(r, ContainerListModel::Cpu));
            return QRect();
        };
        const QImage image = view->viewport()->grab().toImage();
        const QColor line = SparklineDelegate::lineColour(view->palette(), false);
        const QRect busy = SparklineDelegate::sparklineRect(cellOf(QStringLiteral("busy")));
        const QRect idle = SparklineDelegate::sparklineRect(cellOf(QStringLiteral("idle")));
        QVERIFY(busy.isValid() && idle.isValid());
        QVERIFY2(pixelsLike(image, busy, line) > 10, "no sparkline in the running container's CPU cell");
        QCOMPARE(pixelsLike(image, idle, line), 0);
    }

    void thousandSparklinesStayFast()
    {
        MainWindow w;
        w.resize(1000, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QTRY_VERIFY(!w.connection()->isConnected());
        QCoreApplication::processEvents();
        auto *view = w.findChild<QTreeView *>(QStringLiteral("containerView"));
        QList<QVariantMap> entries;
        for (int i = 0; i < 1000; ++i)
            entries << entry(QStringLiteral("ct-%1").arg(i, 4, 10, QLatin1Char('0')), QStringLiteral("RUNNING"));
        w.model()->setEntries(entries);
        QHash<QString, ContainerListModel::Stats> stats;
        // Full histories for every row.
        for (int round = 0; round <= ContainerListModel::kHistoryLength; ++round) {
            for (int i = 0; i < 1000; ++i)
                stats[entries.at(i).value(QStringLiteral("name")).toString()] = {
                    quint64(round) * quint64(i % 7 + 1) * 1000000ull, 1 << 20};
            w.model()->setStats(stats);
            QTest::qWait(2);
        }
        QElapsedTimer t;
        t.start();
        w.model()->setStats(stats);
        view->viewport()->repaint();
        const qint64 updateAndPaint = t.restart();
        for (int i = 0; i < 20; ++i)
            view->viewport()->repaint();
        const qint64 paints = t.elapsed() / 20;
        qInfo("1,000 rows with sparklines: stats batch + repaint %lld ms, one repaint %lld ms", updateAndPaint,
              paints);
        // A frame budget with room for a loaded machine: far above what it
        // takes (a few ms), far below what a per-row cost over 1,000 rows
        // would show.
        QVERIFY2(updateAndPaint < 250, qPrintable(QString::number(updateAndPaint)));
        QVERIFY2(paints < 100, qPrintable(QString::number(paints)));
    }

    void highlighterMarksParts()
    {
        QPlainTextEdit edit;
        QTextDocument &doc = *edit.document();
        ConfigHighlighter h(&doc);
        edit.setPlainText(QStringLiteral("# a comment\n"
                                        "lxc.uts.name = web\n"
                                        "lxc.utsname = old\n"
                                        "lxc.bogus.key = 1\n"
                                        "lxc.rootfs.path\n"
                                        "something else\n"));
        // A new highlighter does its first pass from the event loop.
        QCoreApplication::processEvents();
        QCOMPARE(formatAt(&doc, 0, 3).foreground(), h.formatFor(ConfigHighlighter::Part::Comment).foreground());
        QVERIFY(formatAt(&doc, 0, 3).fontItalic());
        QCOMPARE(formatAt(&doc, 1, 2).foreground(), h.formatFor(ConfigHighlighter::Part::Key).foreground());
        QCOMPARE(formatAt(&doc, 1, 13).foreground(), h.formatFor(ConfigHighlighter::Part::Equals).foreground());
        QCOMPARE(formatAt(&doc, 1, 16).foreground(), h.formatFor(ConfigHighlighter::Part::Value).foreground());
        QVERIFY(formatAt(&doc, 2, 2).fontItalic());  // legacy name
        QCOMPARE(formatAt(&doc, 3, 2).foreground(), h.formatFor(ConfigHighlighter::Part::UnknownKey).foreground());
        QVERIFY(h.formatFor(ConfigHighlighter::Part::UnknownKey).foreground()
                != h.formatFor(ConfigHighlighter::Part::Key).foreground());
        QCOMPARE(formatAt(&doc, 4, 2).foreground(), h.formatFor(ConfigHighlighter::Part::InvalidLine).foreground());
        QCOMPARE(formatAt(&doc, 5, 2).foreground(), h.formatFor(ConfigHighlighter::Part::ForeignLine).foreground());

        // A problem underlines its line, and only its line.
        h.setProblems({{4, {true, QStringLiteral("unknown key")}}});
        QCOMPARE(formatAt(&doc, 3, 2).underlineStyle(), QTextCharFormat::WaveUnderline);
        QVERIFY(formatAt(&doc, 1, 2).underlineStyle() != QTextCharFormat::WaveUnderline);
    }

    void editorValidatesAsYouType()
    {
        MainWindow w;  // only for its (disconnected) HelperConnection
        ConfigEditor editor(w.connection());
        editor.setValidationDelay(50);
        editor.setText(QStringLiteral("lxc.uts.name = web\nlxc.tty.max = 2\n"));
        QVERIFY(!editor.hasErrors());
        QCOMPARE(editor.problemList()->count(), 0);
        QVERIFY(!editor.revertButton()->isEnabled());  // nothing changed yet

        QSignalSpy validated(&editor, &ConfigEditor::validated);
        QTextCursor cursor(editor.editor()->document());
        cursor.movePosition(QTextCursor::End);
        editor.editor()->setTextCursor(cursor);
        editor.editor()->setFocus();
        // Typed as a user types: keys, Return between lines.
        for (const QString &line : {QStringLiteral("lxc.tty.max = lots"), QStringLiteral("lxc.no.such.key = 1")}) {
            QTest::keyClicks(editor.editor(), line);
            QTest::keyClick(editor.editor(), Qt::Key_Return);
        }
        // Not at every key press: after the pause, once.
        QVERIFY(!editor.saveButton()->isEnabled());
        QTRY_VERIFY(validated.count() >= 1);
        QCOMPARE(validated.last().first().toBool(), false);
        QVERIFY(editor.hasErrors());
        QVERIFY(!editor.saveButton()->isEnabled());
        QVERIFY(editor.revertButton()->isEnabled());
        QStringList items;
        for (int i = 0; i < editor.problemList()->count(); ++i)
            items << editor.problemList()->item(i)->text();
        QVERIFY2(items.filter(QRegularExpression(QStringLiteral("^config:3: "))).size() == 1, qPrintable(items.join('\n')));
        QVERIFY2(items.filter(QRegularExpression(QStringLiteral("^config:4: .*lxc.no.such.key"))).size() == 1,
                 qPrintable(items.join('\n')));
        QVERIFY(!editor.problemAt(3).isEmpty());
        QVERIFY(editor.problemAt(1).isEmpty());
        QTextDocument *doc = editor.editor()->document();
        QCOMPARE(formatAt(doc, 2, 1).underlineStyle(), QTextCharFormat::WaveUnderline);
        QCOMPARE(formatAt(doc, 2, 1).toolTip(), editor.problemAt(3));

        // Activating a problem puts the cursor on its line.
        editor.problemList()->setCurrentRow(1);
        Q_EMIT editor.problemList()->itemActivated(editor.problemList()->item(1));
        QCOMPARE(editor.editor()->textCursor().blockNumber() + 1,
                 editor.problemList()->item(1)->text().section(QLatin1Char(':'), 1, 1).toInt());

        // Revert: the text as loaded, no problems.
        editor.revertButton()->click();
        QCOMPARE(editor.text(), QStringLiteral("lxc.uts.name = web\nlxc.tty.max = 2\n"));
        QVERIFY(!editor.hasErrors());
        QCOMPARE(editor.problemList()->count(), 0);
        QVERIFY(formatAt(doc, 1, 1).underlineStyle() != QTextCharFormat::WaveUnderline);
    }

    void editorReadsTheHelpersRefusal()
    {
        const QList<hutch::Diagnostic> problems = ConfigEditor::parseHelperProblems(QStringLiteral(
            "replace config of \"web\": config:3: lxc.tty.max: not a number\n"
            "config:7: unknown key \"lxc.foo\"\n"
            "/var/lib/hutch/web/config:9: warning: legacy key\n"
            "the rest of the message"));
        QCOMPARE(problems.size(), 3);
        QCOMPARE(problems.at(0).line, 3);
        QCOMPARE(problems.at(0).file, QStringLiteral("config"));
        QCOMPARE(problems.at(0).message, QStringLiteral("lxc.tty.max: not a number"));
        QCOMPARE(problems.at(1).line, 7);
        QCOMPARE(problems.at(1).severity, hutch::Diagnostic::Severity::Error);
        QCOMPARE(problems.at(2).file, QStringLiteral("config"));
        QCOMPARE(problems.at(2).severity, hutch::Diagnostic::Severity::Warning);
    }

    void editorTooltipNamesTheProblem()
    {
        MainWindow w;
        ConfigEditor editor(w.connection());
        editor.resize(500, 300);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        editor.setText(QStringLiteral("lxc.uts.name = web\nlxc.tty.max = many\n"));
        QVERIFY(editor.hasErrors());
        QCOMPARE(editor.errorCount(), 1);
        const QString message = editor.problemAt(2);
        QVERIFY(message.contains(QStringLiteral("lxc.tty.max")));
        QWidget *viewport = editor.editor()->viewport();
        const QRect line = editor.editor()->cursorRect(QTextCursor(editor.editor()->document()->findBlockByNumber(1)));
        QHelpEvent help(QEvent::ToolTip, line.center() + QPoint(4, 0), viewport->mapToGlobal(line.center()));
        QCoreApplication::sendEvent(viewport, &help);
        QTRY_COMPARE(QToolTip::text(), message);
        // The status says how many errors block the save.
        QVERIFY(editor.findChild<QLabel *>(QStringLiteral("configStatus"))->text().startsWith(QStringLiteral("1 error")));
    }

    void propertiesAskBeforeDroppingEdits()
    {
        MainWindow w;
        PropertiesDialog dialog(w.connection(), {{QStringLiteral("name"), QStringLiteral("web")},
                                                 {QStringLiteral("state"), QStringLiteral("STOPPED")}});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        ConfigEditor *editor = dialog.configEditor();
        editor->setText(QStringLiteral("lxc.uts.name = web\n"));
        // Unchanged: closes at once.
        dialog.reject();
        QVERIFY(!dialog.isVisible());
        dialog.show();
        editor->editor()->appendPlainText(QStringLiteral("lxc.tty.max = 1"));
        QString asked;
        answerNextBox(&asked, QMessageBox::RejectRole);  // Cancel
        dialog.reject();
        QVERIFY2(asked.contains(QStringLiteral("\"web\"")), qPrintable(asked));
        QVERIFY(dialog.isVisible());
        QVERIFY(editor->isModified());
        answerNextBox(&asked, QMessageBox::DestructiveRole);  // Discard
        dialog.reject();
        QVERIFY(!dialog.isVisible());
        QVERIFY(!editor->isModified());
    }

    void settingsPreferencesTakeEffect()
    {
        {
            Preferences reset;
            reset.setStatsIntervalMs(2000);
            reset.setConfirmDestroy(true);
        }
        MainWindow w;
        QCOMPARE(w.feed()->statsInterval(), 2000);
        QVERIFY(w.actions()->confirmDestroy());
        SettingsDialog *dialog = w.showSettings();
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        // The helper's settings are read-only and say where they are edited.
        QVERIFY(dialog->field(QStringLiteral("storePath"))->isReadOnly());
        QVERIFY(dialog->noteLabel()->text().contains(QStringLiteral("/etc/hutch/hutch.conf")));
        dialog->statsIntervalBox()->setValue(5.5);
        dialog->confirmDestroyBox()->setChecked(false);
        dialog->accept();
        QCOMPARE(w.feed()->statsInterval(), 5500);
        QVERIFY(!w.actions()->confirmDestroy());
        // Kept for the next start.
        Preferences again;
        QCOMPARE(again.statsIntervalMs(), 5500);
        QVERIFY(!again.confirmDestroy());
        again.setStatsIntervalMs(2000);
        again.setConfirmDestroy(true);
    }

    void settingsShowBridgeStatesInWords()
    {
        QVERIFY(SettingsDialog::bridgeStateText(QStringLiteral("up"), QStringLiteral("hutchbr0")).contains(QStringLiteral("up")));
        QVERIFY(SettingsDialog::bridgeStateText(QStringLiteral("down"), QStringLiteral("hutchbr0")).contains(QStringLiteral("not created")));
        QVERIFY(SettingsDialog::bridgeStateText(QStringLiteral("external"), QStringLiteral("br0")).contains(QStringLiteral("br0")));
    }
};

QTEST_MAIN(TestGuiPanels)
#include "test_gui_panels.moc"
