#include "terminalsearchbar.h"

#include <QCheckBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QIcon>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

TerminalSearchBar::TerminalSearchBar(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("terminalSearchBar"));
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Window);

    m_field = new QLineEdit(this);
    m_field->setObjectName(QStringLiteral("searchField"));
    m_field->setClearButtonEnabled(true);
    m_previous = new QToolButton(this);
    m_previous->setObjectName(QStringLiteral("searchPrevious"));
    m_previous->setIcon(QIcon::fromTheme(QStringLiteral("go-up")));
    m_next = new QToolButton(this);
    m_next->setObjectName(QStringLiteral("searchNext"));
    m_next->setIcon(QIcon::fromTheme(QStringLiteral("go-down")));
    m_matchCase = new QCheckBox(this);
    m_matchCase->setObjectName(QStringLiteral("searchMatchCase"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("searchStatus"));
    m_close = new QToolButton(this);
    m_close->setObjectName(QStringLiteral("searchClose"));
    m_close->setIcon(QIcon::fromTheme(QStringLiteral("window-close")));
    m_close->setAutoRaise(true);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->addWidget(m_field, 1);
    layout->addWidget(m_previous);
    layout->addWidget(m_next);
    layout->addWidget(m_matchCase);
    layout->addWidget(m_status);
    layout->addWidget(m_close);

    connect(m_field, &QLineEdit::textChanged, this, &TerminalSearchBar::searchChanged);
    connect(m_matchCase, &QCheckBox::toggled, this, &TerminalSearchBar::searchChanged);
    connect(m_previous, &QToolButton::clicked, this, &TerminalSearchBar::findPrevious);
    connect(m_next, &QToolButton::clicked, this, &TerminalSearchBar::findNext);
    connect(m_close, &QToolButton::clicked, this, [this] {
        hide();
        Q_EMIT closed();
    });
    retranslateUi();
}

QString TerminalSearchBar::text() const
{
    return m_field->text();
}

Qt::CaseSensitivity TerminalSearchBar::caseSensitivity() const
{
    return m_matchCase->isChecked() ? Qt::CaseSensitive : Qt::CaseInsensitive;
}

void TerminalSearchBar::activate()
{
    show();
    raise();
    m_field->setFocus(Qt::ShortcutFocusReason);
    m_field->selectAll();
}

void TerminalSearchBar::setFound(bool found)
{
    m_notFound = !found && !m_field->text().isEmpty();
    retranslateUi();
}

void TerminalSearchBar::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Escape:
        hide();
        Q_EMIT closed();
        return;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        // Up the scrollback by default, as the newest output is at the bottom.
        if (event->modifiers() & Qt::ShiftModifier)
            Q_EMIT findNext();
        else
            Q_EMIT findPrevious();
        return;
    default:
        // Keys the field does not use stay here, not in the terminal below.
        event->accept();
    }
}

void TerminalSearchBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void TerminalSearchBar::retranslateUi()
{
    m_field->setPlaceholderText(tr("Search the scrollback"));
    m_previous->setToolTip(tr("Find previous (Enter)"));
    m_previous->setText(tr("Previous"));
    m_next->setToolTip(tr("Find next (Shift+Enter)"));
    m_next->setText(tr("Next"));
    m_matchCase->setText(tr("Match case"));
    m_close->setToolTip(tr("Close the search bar (Escape)"));
    m_close->setText(tr("Close"));
    m_status->setText(m_notFound ? tr("No matches") : QString());
}
