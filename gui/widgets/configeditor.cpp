#include "configeditor.h"

#include "client.h"
#include "confighighlighter.h"
#include "errornames.h"
#include "helperconnection.h"

#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSplitter>
#include <QTextBlock>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>

using namespace hutch;

namespace {
// The name problems are reported under: the file's name in the container's
// directory, as the helper reports it in SetConfig's refusals.
const QString kFileName = QStringLiteral("config");
constexpr int kLineRole = Qt::UserRole + 1;
}

ConfigEditor::ConfigEditor(HelperConnection *connection, QWidget *parent)
    : QWidget(parent), m_connection(connection), m_edit(new QPlainTextEdit(this)),
      m_highlighter(new ConfigHighlighter(m_edit->document())), m_problems(new QListWidget(this)),
      m_status(new QLabel(this)), m_save(new QPushButton(tr("&Save"), this)),
      m_revert(new QPushButton(tr("&Revert"), this)), m_debounce(new QTimer(this))
{
    setObjectName(QStringLiteral("configEditor"));
    m_edit->setObjectName(QStringLiteral("configText"));
    m_edit->setAccessibleName(tr("Configuration file"));
    m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    // Tab moves focus on: a config file never needs a tab character, and a
    // keyboard user must be able to leave the editor.
    m_edit->setTabChangesFocus(true);
    m_edit->viewport()->installEventFilter(this);
    m_problems->setObjectName(QStringLiteral("configProblems"));
    m_problems->setAccessibleName(tr("Problems in the configuration"));
    m_problems->setMaximumHeight(fontMetrics().height() * 6);
    m_status->setObjectName(QStringLiteral("configStatus"));
    m_status->setWordWrap(true);
    m_save->setObjectName(QStringLiteral("configSave"));
    m_save->setShortcut(QKeySequence::Save);
    m_save->setToolTip(tr("Save the configuration (%1)").arg(QKeySequence(QKeySequence::Save).toString(QKeySequence::NativeText)));
    m_revert->setObjectName(QStringLiteral("configRevert"));

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(400);
    connect(m_debounce, &QTimer::timeout, this, &ConfigEditor::validateNow);
    connect(m_edit, &QPlainTextEdit::textChanged, this, [this] {
        // What the helper refused belonged to the text as it was.
        m_helperDiagnostics.clear();
        m_debounce->start();
        updateButtons();
    });
    connect(m_problems, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        goToLine(item->data(kLineRole).toInt());
    });
    connect(m_save, &QPushButton::clicked, this, &ConfigEditor::save);
    connect(m_revert, &QPushButton::clicked, this, [this] {
        // The file as it is now, which may be newer than what was loaded.
        setText(m_savedText);
        load();
    });
    connect(connection, &HelperConnection::configChanged, this, [this](const QString &name) {
        // Changed elsewhere (hutchctl config, the resources panel): reload
        // unless the user has edits of their own, which are not thrown away.
        if (name == m_name && !isModified() && !m_saving)
            load();
    });

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_status, 1);
    buttons->addWidget(m_revert);
    buttons->addWidget(m_save);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_problems);
    layout->addLayout(buttons);
    setTabOrder(m_edit, m_problems);
    setTabOrder(m_problems, m_revert);
    setTabOrder(m_revert, m_save);
    updateButtons();
}

void ConfigEditor::setValidationDelay(int ms)
{
    m_debounce->setInterval(ms);
}

void ConfigEditor::setContainer(const QString &name)
{
    m_name = name;
    load();
}

void ConfigEditor::load()
{
    if (m_name.isEmpty())
        return;
    const QString name = m_name;
    setStatus(tr("Loading…"));
    m_connection->watch(
        m_connection->helper()->GetSettings({}), this,
        [this, name](const QDBusPendingCall &call) {
            const QDBusPendingReply<QVariantMap> reply = call;
            const QString store = reply.value().value(QStringLiteral("storePath")).toString();
            if (name == m_name && !store.isEmpty()) {
                m_baseDir = store + QLatin1Char('/') + name;
                validateNow();
            }
        },
        nullptr);
    // The file as it is written, comments and all: what is saved back is
    // what the user saw, changed only where they changed it.
    m_connection->watch(
        m_connection->helper()->GetConfigText(name, {}), this,
        [this, name](const QDBusPendingCall &call) {
            if (name != m_name)
                return;
            const QDBusPendingReply<QString> reply = call;
            setText(reply.value());
            if (!hasErrors())
                setStatus(QString());
            Q_EMIT loaded();
        },
        [this](const QString &message, bool) { setStatus(message, true); });
}

void ConfigEditor::setText(const QString &text)
{
    m_savedText = text;
    m_edit->setPlainText(text);
    m_debounce->stop();
    validateNow();
}

QString ConfigEditor::text() const
{
    return m_edit->toPlainText();
}

bool ConfigEditor::isModified() const
{
    return m_edit->toPlainText() != m_savedText;
}

bool ConfigEditor::hasErrors() const
{
    return errorCount() > 0;
}

int ConfigEditor::errorCount() const
{
    auto isError = [](const Diagnostic &d) { return d.severity == Diagnostic::Severity::Error; };
    return int(std::count_if(m_diagnostics.begin(), m_diagnostics.end(), isError)
               + std::count_if(m_helperDiagnostics.begin(), m_helperDiagnostics.end(), isError));
}

void ConfigEditor::validateNow()
{
    m_debounce->stop();
    // Relative includes are resolved as the helper resolves them, from the
    // container's directory (where the desktop user may read it).
    const LoadResult result = loadConfigBytes(m_edit->toPlainText().toUtf8(), kFileName, m_baseDir);
    m_diagnostics = result.diagnostics;
    showDiagnostics();
    Q_EMIT validated(!hasErrors());
}

QString ConfigEditor::problemAt(int line) const
{
    return m_highlighter->problems().value(line).message;
}

void ConfigEditor::showDiagnostics()
{
    QHash<int, ConfigHighlighter::Problem> byLine;
    m_problems->clear();
    for (const QList<Diagnostic> *list : {&m_diagnostics, &m_helperDiagnostics}) {
        for (const Diagnostic &d : *list) {
            const bool error = d.severity == Diagnostic::Severity::Error;
            auto *item = new QListWidgetItem(d.toString(), m_problems);
            item->setData(kLineRole, d.file == kFileName ? d.line : 0);
            item->setIcon(style()->standardIcon(error ? QStyle::SP_MessageBoxCritical : QStyle::SP_MessageBoxWarning));
            if (d.file != kFileName || d.line <= 0)
                continue;
            // Several problems on one line: all of them in the tooltip, the
            // line marked as an error if any of them is one.
            ConfigHighlighter::Problem &p = byLine[d.line];
            p.error = p.message.isEmpty() ? error : (p.error || error);
            p.message = p.message.isEmpty() ? d.message : p.message + QLatin1Char('\n') + d.message;
        }
    }
    m_highlighter->setProblems(byLine);
    m_problems->setVisible(m_problems->count() > 0);
    if (!m_saving)
        setStatus(hasErrors() ? tr("%n error(s) must be fixed before saving.", nullptr, errorCount()) : QString(),
                  hasErrors());
    updateButtons();
}

void ConfigEditor::updateButtons()
{
    const bool modified = isModified();
    m_save->setEnabled(!m_saving && modified && !hasErrors() && !m_debounce->isActive()
                       && !m_name.isEmpty() && m_connection->isConnected());
    m_revert->setEnabled(!m_saving && modified);
}

void ConfigEditor::goToLine(int line)
{
    if (line <= 0)
        return;
    const QTextBlock block = m_edit->document()->findBlockByNumber(line - 1);
    if (!block.isValid())
        return;
    QTextCursor cursor(block);
    m_edit->setTextCursor(cursor);
    m_edit->centerCursor();
    m_edit->setFocus();
}

void ConfigEditor::setStatus(const QString &text, bool problem)
{
    m_status->setText(text);
    QPalette p = palette();
    if (problem)
        p.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    m_status->setPalette(p);
}

void ConfigEditor::save()
{
    if (m_debounce->isActive())
        validateNow();
    if (hasErrors() || m_saving || m_name.isEmpty())
        return;
    const QString text = m_edit->toPlainText();
    m_saving = true;
    updateButtons();
    setStatus(tr("Saving…"));
    auto *watcher = new QDBusPendingCallWatcher(
        m_connection->helper()->SetConfig(m_name, text, {}), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher, text] {
        watcher->deleteLater();
        m_saving = false;
        if (!watcher->isError()) {
            m_savedText = text;
            setStatus(tr("Saved."));
            updateButtons();
            Q_EMIT saved();
            return;
        }
        // The helper validates again (the trust boundary); what it refuses
        // comes as "config:LINE: message" lines, marked like our own.
        const QDBusError error = watcher->error();
        m_helperDiagnostics = parseHelperProblems(error.message());
        QString message = HelperConnection::readableError(error);
        if (hutch::errorCodeFromDBusName(error.name()) == hutch::Error::Code::Busy)
            // The file changed under us (another editor, hutchctl): the
            // user's text stays; Revert loads the new file.
            message = tr("The configuration was changed elsewhere while saving; nothing was written. "
                         "Save again to replace it, or Revert to load the new one.");
        showDiagnostics();
        setStatus(message, true);
        Q_EMIT saveFailed(message);
    });
}

QList<Diagnostic> ConfigEditor::parseHelperProblems(const QString &message)
{
    // A line may carry the helper's context before the file name
    // ("replace config of \"web\": config:3: ...").
    static const QRegularExpression lineRe(
        QStringLiteral("(?:^|\\s)((?:\\S*/)?config):(\\d+): (?:(warning): )?(.*)$"),
        QRegularExpression::MultilineOption);
    QList<Diagnostic> out;
    for (auto it = lineRe.globalMatch(message); it.hasNext();) {
        const auto m = it.next();
        Diagnostic d;
        // "config", or a path ending in it: the file is the one edited here.
        d.file = m.captured(1).section(QLatin1Char('/'), -1);
        d.line = m.captured(2).toInt();
        d.severity = m.captured(3).isEmpty() ? Diagnostic::Severity::Error : Diagnostic::Severity::Warning;
        d.message = m.captured(4);
        out << d;
    }
    return out;
}

bool ConfigEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit->viewport() && event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int line = m_edit->cursorForPosition(help->pos()).blockNumber() + 1;
        const QString message = problemAt(line);
        if (message.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), message, m_edit->viewport());
        return true;
    }
    return QWidget::eventFilter(watched, event);
}
