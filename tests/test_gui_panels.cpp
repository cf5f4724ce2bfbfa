// The GUI's smaller parts without a helper, offscreen: the CPU sparkline in
// the list (and that it stays fast with 1,000 rows), the config editor's
// highlighting and validation by the core library, and the Settings
// dialog's preferences taking effect. The parts that need the helper
// (saving a config, the log, the helper's settings) are in test_gui_backend.
#include "modalanswer.h"
#include "configeditor.h"
#include "confighighlighter.h"
#include "containeractions.h"
#include "containerfeed.h"
#include "containerlistmodel.h"
#include "helperconnection.h"
#include "historygraph.h"
#include "mainwindow.h"
#include "preferences.h"
#include "propertiesdialog.h"
#include "renamedialog.h"
#include "resourcespanel.h"
#include "usageslider.h"
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
#include <QStyleOptionSlider>
#include <QStandardPaths>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <QToolTip>
#include <QTreeView>
#include <QtTest>

using hutch::test::answerNextBox;

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

    // Rename checks the name as typed: a taken or invalid one keeps the
    // button off and says why, before anything reaches the helper.
    void renameChecksAsTyped()
    {
        ContainerListModel model;
        model.setEntries({entry(QStringLiteral("web"), QStringLiteral("STOPPED")),
                          entry(QStringLiteral("db"), QStringLiteral("STOPPED"))});
        RenameDialog dialog(QStringLiteral("web"), &model);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *edit = dialog.findChild<QLineEdit *>(QStringLiteral("renameName"));
        auto *button = dialog.findChild<QPushButton *>(QStringLiteral("renameButton"));
        auto *problem = dialog.findChild<QLabel *>(QStringLiteral("renameNameProblem"));
        QVERIFY(edit && button && problem);
        QCOMPARE(edit->text(), QStringLiteral("web"));
        QVERIFY(!button->isEnabled());  // unchanged: nothing to do
        edit->setText(QStringLiteral("db"));
        QVERIFY(!button->isEnabled());
        QVERIFY2(problem->text().contains(QStringLiteral("\"db\" exists")), qPrintable(problem->text()));
        edit->setText(QStringLiteral("a/b"));
        QVERIFY(!button->isEnabled());
        QVERIFY(!problem->text().isEmpty());
        edit->setText(QStringLiteral("www"));
        QVERIFY(button->isEnabled());
        QVERIFY(problem->text().isEmpty());
        QCOMPARE(dialog.newName(), QStringLiteral("www"));
        // The title is not clipped.
        QVERIFY(dialog.width() >= dialog.fontMetrics().horizontalAdvance(dialog.windowTitle()));
    }

    // The memory slider is logarithmic from 16 MiB to the host's memory:
    // a mouse drag from the top end reaches 64 MiB exactly, on a tick.
    void memorySliderDragReaches64MiB()
    {
        HelperConnection connection;
        ResourcesPanel panel(&connection);
        panel.setContainer(QStringLiteral("web"), false);
        panel.resize(420, panel.sizeHint().height());
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        UsageSlider *slider = panel.slider(ResourcesPanel::Memory);
        QCOMPARE(panel.valueAt(ResourcesPanel::Memory, slider->minimum()), 16);
        // No helper here: start at "unlimited", the slider's top end.
        panel.setValue(ResourcesPanel::Memory, panel.valueAt(ResourcesPanel::Memory, slider->maximum()));
        QCOMPARE(slider->value(), slider->maximum());  // unlimited
        QStyleOptionSlider opt;
        opt.initFrom(slider);
        opt.orientation = Qt::Horizontal;
        opt.minimum = slider->minimum();
        opt.maximum = slider->maximum();
        opt.sliderPosition = opt.sliderValue = slider->value();
        const QRect handle = slider->style()->subControlRect(QStyle::CC_Slider, &opt, QStyle::SC_SliderHandle, slider);
        QTest::mousePress(slider, Qt::LeftButton, {}, handle.center());
        bool reached = false;
        for (int x = handle.center().x(); x >= 0 && !reached; --x) {
            QMouseEvent move(QEvent::MouseMove, QPointF(x, handle.center().y()), slider->mapToGlobal(QPointF(x, handle.center().y())),
                             Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(slider, &move);
            reached = panel.value(ResourcesPanel::Memory) == 64;
        }
        QVERIFY2(reached, qPrintable(QString::number(panel.value(ResourcesPanel::Memory))));
        QCOMPARE(panel.valueText(ResourcesPanel::Memory), QString::number(64 << 20));
        QCOMPARE((slider->value() - slider->minimum()) % slider->tickInterval(), 0);  // 64 = 16 × 4: a tick
        // Fine steps near the bottom, not gigabytes a pixel: 16 MiB to the
        // host's memory in a few dozen round stops.
        QVERIFY(slider->maximum() - slider->minimum() >= 24);
        QCOMPARE(panel.valueAt(ResourcesPanel::CpuQuota, panel.slider(ResourcesPanel::CpuQuota)->minimum()), 10);
        QTest::mouseRelease(slider, Qt::LeftButton, {}, QPoint(0, handle.center().y()));
    }

    // Sizes in IEC units: the list's memory column and Properties.
    void sizesInIecUnits()
    {
        ContainerListModel model;
        model.setEntries({entry(QStringLiteral("db"), QStringLiteral("RUNNING"))});
        model.setStats({{QStringLiteral("db"), {1, quint64(128) << 20}}});
        const QString shown = model.index(0, ContainerListModel::Memory).data().toString();
        QVERIFY2(shown.contains(QStringLiteral("MiB")) && shown.startsWith(QStringLiteral("128")), qPrintable(shown));
        HelperConnection connection;
        QVariantMap e = entry(QStringLiteral("db"), QStringLiteral("STOPPED"));
        e.insert(QStringLiteral("memory_limit"), QStringLiteral("134217728"));
        PropertiesDialog dialog(&connection, e);
        QStringList texts;
        for (QLineEdit *field : dialog.findChildren<QLineEdit *>())
            if (field->isReadOnly())
                texts << field->text();
        QVERIFY2(!texts.join(QLatin1Char('|')).contains(QStringLiteral("134217728")), qPrintable(texts.join(QLatin1Char('|'))));
        QVERIFY2(texts.contains(QLocale().formattedDataSize(134217728, 1, QLocale::DataSizeIecFormat)),
                 qPrintable(texts.join(QLatin1Char('|'))));
    }

    // Event labels never overprint each other (nor the scale), however
    // close the events; every event is still in the tooltip, with the
    // value and time under the pointer.
    void graphLabelsNeverOverlap()
    {
        HistoryGraph graph(QStringLiteral("Memory"));
        graph.setFormatter([](double v) { return QStringLiteral("%1 MiB").arg(v); });
        graph.resize(320, 110);
        const qint64 t0 = 1700000000000;
        for (int i = 0; i <= 60; ++i)
            graph.addSample(t0 + i * 1000, 100 + (i % 7) * 10);
        for (int i = 0; i < 12; ++i)
            graph.addMarker(t0 + 30000 + i * 200, QStringLiteral("limit memory.max"));
        graph.addMarker(t0 + 59000, QStringLiteral("stop"));
        graph.show();
        QVERIFY(QTest::qWaitForWindowExposed(&graph));
        const QList<QRectF> rects = graph.labelRects();
        QVERIFY(rects.size() >= 4);  // two scale values, at least two events
        for (qsizetype i = 0; i < rects.size(); ++i) {
            QVERIFY(graph.rect().contains(rects.at(i).toAlignedRect()));
            for (qsizetype j = i + 1; j < rects.size(); ++j)
                QVERIFY2(!rects.at(i).intersects(rects.at(j)),
                         qPrintable(QStringLiteral("label %1 overlaps label %2").arg(i).arg(j)));
        }
        // Hover over the crowded events: the value, the time and every event.
        const QRect area = graph.rect().adjusted(1, graph.fontMetrics().height() + 2, -1, -1);
        const int x = area.right() - int(double(29000) / (5 * 60 * 1000) * area.width());
        const QString text = graph.hoverText(QPoint(x, area.center().y()));
        QVERIFY2(text.contains(QStringLiteral(" MiB")), qPrintable(text));
        bool timed = false;
        for (qint64 t = t0 + 29000; t <= t0 + 33000; t += 1000)  // a pixel is about a second here
            timed |= text.contains(QLocale().toString(QDateTime::fromMSecsSinceEpoch(t).time(), QLocale::LongFormat));
        QVERIFY2(timed, qPrintable(text));
        QVERIFY2(text.count(QStringLiteral("limit memory.max")) >= 2, qPrintable(text));
    }

    void sparklineKeepsHistory()
    {
        ContainerListModel model;
        model.setEntries({entry(QStringLiteral("db"), QStringLiteral("RUNNING"))});
        const QModelIndex cpu = model.index(0, ContainerListModel::Cpu);
        QVERIFY(cpu.data(ContainerListModel::CpuHistoryRole).value<QList<float>>().isEmpty());
        quint64 ns = 0;
        for (int i = 0; i < ContainerListModel::kHistoryLength + 5; ++i) {
            model.setStats({{QStringLiteral("db"), {ns, 1 << 20}}}, i * 5);
            ns += 5000000;  // 5 ms of CPU per 5 ms round
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
            w.model()->setStats({{QStringLiteral("busy"), {ns, 1 << 20}}}, i * 10);
            ns += (i % 2 ? 40 : 5) * 1000000ull;  // a jagged line, sampled every 10 ms
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
            w.model()->setStats(stats, round * 2);  // every 2 ms
        }
        QElapsedTimer t;
        t.start();
        w.model()->setStats(stats, (ContainerListModel::kHistoryLength + 1) * 2);
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
