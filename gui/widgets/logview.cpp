#include "logview.h"

#include "client.h"
#include "helperconnection.h"

#include <QCheckBox>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTimer>
#include <QVBoxLayout>

LogView::LogView(HelperConnection *connection, QWidget *parent)
    : QWidget(parent), m_connection(connection), m_text(new QPlainTextEdit(this)),
      m_follow(new QCheckBox(tr("&Follow"), this)), m_refresh(new QPushButton(tr("&Refresh"), this)),
      m_status(new QLabel(this)), m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("logView"));
    m_text->setObjectName(QStringLiteral("logText"));
    m_text->setAccessibleName(tr("Container log"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setTabChangesFocus(true);
    m_follow->setObjectName(QStringLiteral("logFollow"));
    m_follow->setToolTip(tr("While the log is shown, fetch it again every few seconds and keep the end in view"));
    m_follow->setChecked(true);
    m_refresh->setObjectName(QStringLiteral("logRefresh"));
    m_refresh->setIcon(QIcon::fromTheme(QStringLiteral("view-refresh")));
    m_status->setObjectName(QStringLiteral("logStatus"));
    m_timer->setInterval(2000);

    connect(m_timer, &QTimer::timeout, this, &LogView::refresh);
    connect(m_refresh, &QPushButton::clicked, this, &LogView::refresh);
    connect(m_follow, &QCheckBox::toggled, this, [this](bool on) {
        updateTimer();
        if (on)
            refresh();
    });

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_status, 1);
    bar->addWidget(m_follow);
    bar->addWidget(m_refresh);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_text, 1);
    layout->addLayout(bar);
}

void LogView::setInterval(int ms)
{
    m_timer->setInterval(ms);
}

void LogView::setContainer(const QString &name)
{
    if (name == m_name)
        return;
    m_name = name;
    m_text->clear();
    if (isVisible())
        refresh();
    updateTimer();
}

bool LogView::isFollowing() const
{
    return m_timer->isActive();
}

void LogView::updateTimer()
{
    // Only while someone can see it: a hidden tab costs no D-Bus calls.
    const bool on = m_follow->isChecked() && isVisible() && !m_name.isEmpty();
    if (on && !m_timer->isActive())
        m_timer->start();
    else if (!on)
        m_timer->stop();
}

void LogView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
    updateTimer();
}

void LogView::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    updateTimer();
}

void LogView::refresh()
{
    // One call at a time: a slow helper must not have calls pile up.
    if (m_name.isEmpty() || m_pending)
        return;
    m_pending = true;
    const QString name = m_name;
    auto *watcher = new QDBusPendingCallWatcher(
        m_connection->helper()->GetLog(name, {{QStringLiteral("lines"), QVariant::fromValue(m_lines)}}),
        this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher, name] {
        watcher->deleteLater();
        m_pending = false;
        if (name != m_name)
            return;
        if (watcher->isError()) {
            m_error = HelperConnection::readableError(watcher->error());
            m_status->setText(m_error);
            Q_EMIT refreshed();
            return;
        }
        m_error.clear();
        const QDBusPendingReply<QString> reply = *watcher;
        const QString text = reply.value();
        QScrollBar *bar = m_text->verticalScrollBar();
        const bool atEnd = bar->value() == bar->maximum();
        const int kept = bar->value();
        if (text != m_text->toPlainText()) {
            m_text->setPlainText(text);
            // Following keeps the newest lines in sight; a user who scrolled
            // up to read keeps their place.
            bar->setValue(m_follow->isChecked() && atEnd ? bar->maximum() : kept);
            if (m_follow->isChecked() && atEnd)
                m_text->moveCursor(QTextCursor::End);
        }
        m_status->setText(text.isEmpty() ? tr("The log is empty.") : QString());
        Q_EMIT refreshed();
    });
}
