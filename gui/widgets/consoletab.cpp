#include "consoletab.h"

#include "client.h"
#include "helperconnection.h"
#include "modal.h"
#include "remotehosts.h"
#include "remoteterminal.h"
#include "terminalsession.h"
#include "terminalwidget.h"

#include <QDBusObjectPath>
#include <QDBusPendingReply>
#include <QDBusUnixFileDescriptor>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

#include <unistd.h>

ConsoleTab::ConsoleTab(HelperConnection *connection, const QString &container, Kind kind, uint tty,
                       const QString &host, const QString &target, QWidget *parent)
    : QWidget(parent), m_connection(connection), m_container(container), m_kind(kind),
      m_tty(kind == Kind::Shell ? 0 : tty), m_host(host), m_target(target), m_terminal(new TerminalWidget(this)), m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("consoleTab"));
    m_status->setObjectName(QStringLiteral("consoleStatus"));
    m_status->setWordWrap(true);
    m_status->setMargin(6);
    m_status->setAutoFillBackground(true);
    m_status->setBackgroundRole(QPalette::ToolTipBase);
    m_status->setForegroundRole(QPalette::ToolTipText);
    m_status->hide();
    m_terminal->setAccessibleName(title());
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_status);
    layout->addWidget(m_terminal, 1);
    setFocusProxy(m_terminal);

    m_terminal->setPasteGuard([this](const QString &text) { return confirmPaste(text); });
    connect(m_terminal->session(), &TerminalSession::finished, this, &ConsoleTab::onFinished);
    // The console is a socket: its size goes through the helper, which
    // tells the container's /dev/console. A pty master takes it directly
    // (a remote tab's is ours: RemoteTerminal says how it travels).
    connect(m_terminal->session(), &TerminalSession::sizeChanged, this, [this](int rows, int cols) {
        if (!isRemote() && m_kind == Kind::Console && m_tty == 0)
            m_connection->helper()->ResizeConsole(m_container, 0, uint(rows), uint(cols), {});
    });
    connect(connection, &HelperConnection::stateChanged, this, &ConsoleTab::onStateChanged);
}

QString ConsoleTab::title() const
{
    // A container on another host is named with its host.
    const QString container = isRemote() ? tr("%1 on %2").arg(m_container, m_host) : m_container;
    if (m_kind == Kind::Shell)
        return tr("%1 — shell").arg(container);
    if (m_tty == 0)
        return tr("%1 — console").arg(container);
    return tr("%1 — tty%2").arg(container).arg(m_tty);
}

bool ConsoleTab::isLive() const
{
    return m_terminal->session()->isAttached();
}

QString ConsoleTab::statusText() const
{
    return m_status->isVisible() || !m_status->isHidden() ? m_status->text() : QString();
}

void ConsoleTab::showStatus(const QString &text)
{
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
}

bool ConsoleTab::confirmPaste(const QString &text)
{
    // One line is what a user types anyway; several lines run as several
    // commands the moment they arrive, so ask first.
    const QString trimmed = text.trimmed();
    if (!trimmed.contains(QLatin1Char('\n')))
        return true;
    const int lines = int(trimmed.count(QLatin1Char('\n'))) + 1;
    QMessageBox box(QMessageBox::Question, tr("Paste Several Lines"),
                    tr("Paste %n lines into %1? Each line may run as a command.", nullptr, lines).arg(title()),
                    QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("pasteConfirmation"));
    box.setDetailedText(text.left(4000));
    QPushButton *paste = box.addButton(tr("Paste"), QMessageBox::AcceptRole);
    box.setDefaultButton(QMessageBox::Cancel);
    runModal(box);
    return box.clickedButton() == paste;
}

void ConsoleTab::attachFd(int fd, bool socket)
{
    Q_UNUSED(socket)
    if (fd < 0) {
        showStatus(tr("The helper passed no terminal."));
        return;
    }
    m_terminal->session()->attach(fd, TerminalSession::FdOwnership::Take);
    showStatus(QString());
    m_detached = false;
    if (m_kind == Kind::Console && !isRemote())
        hintAtLogin();
    Q_EMIT liveChanged(true);
    Q_EMIT attached();
}

void ConsoleTab::connectNow()
{
    if (m_connecting || isLive())
        return;
    m_connecting = true;
    showStatus(tr("Connecting to %1…").arg(title()));
    if (isRemote()) {
        connectRemote();
        return;
    }
    auto failed = [this](const QString &message, bool) {
        m_connecting = false;
        showStatus(tr("Could not connect: %1").arg(message));
    };
    if (m_kind == Kind::Console) {
        m_connection->watch(
            m_connection->helper()->OpenConsole(m_container, m_tty, {}), this,
            [this](const QDBusPendingCall &call) {
                m_connecting = false;
                const QDBusPendingReply<QDBusUnixFileDescriptor> reply = call;
                attachFd(::dup(reply.value().fileDescriptor()), m_tty == 0);
            },
            failed);
        return;
    }
    const TerminalSession *s = m_terminal->session();
    QVariantMap options{{QStringLiteral("terminal"), true},
                        {QStringLiteral("rows"), uint(qMax(1, s->rows()))},
                        {QStringLiteral("cols"), uint(qMax(1, s->columns()))}};
    m_connection->watch(
        m_connection->helper()->Attach(m_container, {QStringLiteral("/bin/sh"), QStringLiteral("-l")},
                                       {QStringLiteral("TERM=xterm-256color")}, options),
        this,
        [this](const QDBusPendingCall &call) {
            m_connecting = false;
            const QDBusPendingReply<QDBusUnixFileDescriptor, QDBusUnixFileDescriptor, QDBusObjectPath> reply = call;
            attachFd(::dup(reply.argumentAt<0>().fileDescriptor()), false);
        },
        failed);
}

void ConsoleTab::connectRemote()
{
    if (!m_remote) {
        m_remote = new RemoteTerminal(this);
        connect(m_remote, &RemoteTerminal::ended, this, [this](const QString &message) {
            m_remoteError = message;
            // The pty's hang-up may have been read already, or not yet.
            if (!message.isEmpty() && !m_detached)
                showStatus(tr("Disconnected from %1: %2").arg(m_host, message));
        });
    }
    m_remoteError.clear();
    const TerminalSession *s = m_terminal->session();
    QString why;
    const int fd = m_remote->start(m_target, m_container,
                                   m_kind == Kind::Shell ? RemoteTerminal::Kind::Shell : RemoteTerminal::Kind::Console,
                                   m_tty, s->rows(), s->columns(), &why);
    m_connecting = false;
    if (fd < 0) {
        showStatus(tr("Could not connect: %1").arg(why));
        return;
    }
    attachFd(fd, false);
}

void ConsoleTab::followRemote(RemoteHosts *hosts)
{
    auto stateNow = [this, hosts] {
        for (const RemoteHosts::Container &c : hosts->containers(m_host))
            if (c.name == m_container)
                return c.state;
        return QString();
    };
    m_remoteState = stateNow();
    // Transitions only: a host read every 2 s must not start an ssh every 2 s.
    connect(hosts, &RemoteHosts::hostChanged, this, [this, hosts, stateNow](const QString &host) {
        if (host != m_host || hosts->status(host) != RemoteHosts::Status::Connected)
            return;
        const QString state = stateNow();
        if (state == m_remoteState)
            return;
        m_remoteState = state;
        if (state == QLatin1String("STOPPED")) {
            showStatus(tr("%1 is stopped. This tab reconnects when it starts again.").arg(m_container));
        } else if (state == QLatin1String("RUNNING") && !isLive() && !m_detached
                   && !(m_remote && m_remote->isRunning())) {
            connectNow();
        }
    });
}

void ConsoleTab::hintAtLogin()
{
    // A distribution's console asks for a login; when root has no password
    // there (debootstrap leaves it locked), say so when it asks, before the
    // user tries. A console that runs a shell (busybox's) asks nothing.
    disconnect(m_loginWatch);
    m_connection->watch(
        m_connection->helper()->GetContainer(m_container, {{QStringLiteral("root_login"), true}}), this,
        [this](const QDBusPendingCall &call) {
            const QDBusPendingReply<QVariantMap> reply = call;
            const QString state = reply.value().value(QStringLiteral("root_login")).toString();
            if (isLive() && state == QLatin1String("locked")) {
                auto hint = [this] {
                    if (!asksForLogin())
                        return;
                    disconnect(m_loginWatch);
                    showStatus(tr("root has no password in %1, so a login as root on this console is refused. "
                                  "Log in as a user of the container, or open a Shell, which needs no login; "
                                  "there, passwd sets a password for root.")
                                   .arg(m_container));
                };
                m_loginWatch = connect(m_terminal->session(), &TerminalSession::contentUpdated, this, hint);
                hint();
            }
            Q_EMIT rootLoginKnown(state);
        },
        [](const QString &, bool) {});
}

// The console's last lines end in a "login:" prompt (getty's "NAME login: ").
bool ConsoleTab::asksForLogin() const
{
    const TerminalSession *s = m_terminal->session();
    for (int i = s->lineCount() - 1; i >= 0 && i >= s->lineCount() - 60; --i) {
        const QString line = s->lineText(i).trimmed();
        if (line.endsWith(QLatin1String("login:")))
            return true;
    }
    return false;
}

void ConsoleTab::detach()
{
    disconnect(m_loginWatch);
    m_detached = true;
    m_terminal->session()->detach();
    if (m_remote)
        m_remote->stop();
    showStatus(tr("Detached. The container keeps running; close this tab or reconnect from the Console menu."));
    Q_EMIT liveChanged(false);
}

void ConsoleTab::sendBytes(const QByteArray &bytes)
{
    m_terminal->session()->sendBytes(bytes);
}

void ConsoleTab::onFinished()
{
    // The session keeps a hung-up fd for its owner to close; close it once
    // the session's own read handler has returned, so that a reconnection
    // starts clean and isLive() tells the truth.
    QMetaObject::invokeMethod(this, [this] {
        if (!m_terminal->session()->isAttached())
            return;
        m_terminal->session()->detach();
        Q_EMIT liveChanged(false);
    }, Qt::QueuedConnection);
    if (m_detached)
        return;
    if (isRemote()) {
        if (m_remoteState == QLatin1String("STOPPED"))
            showStatus(tr("%1 is stopped. This tab reconnects when it starts again.").arg(m_container));
        else
            showStatus(m_remoteError.isEmpty()
                           ? tr("Disconnected from %1. Reconnect from the Console menu.").arg(m_host)
                           : tr("Disconnected from %1: %2").arg(m_host, m_remoteError));
        return;
    }
    if (m_kind == Kind::Shell)
        showStatus(tr("The shell ended. It starts again when the container does, or reconnect from the Console menu."));
    else
        showStatus(tr("Disconnected. Reconnects when %1 runs again.").arg(m_container));
}

void ConsoleTab::onStateChanged(const QString &name, const QString &state)
{
    // This computer's states; a remote container of the same name is another.
    if (name != m_container || isRemote())
        return;
    if (state == QLatin1String("STOPPED")) {
        // Its terminals are gone with it, whether or not the hang-up was read yet.
        if (isLive()) {
            m_terminal->session()->detach();
            Q_EMIT liveChanged(false);
        }
        showStatus(tr("%1 is stopped. This tab reconnects when it starts again.").arg(m_container));
    } else if (state == QLatin1String("RUNNING") && !isLive() && !m_detached) {
        connectNow();
    }
}
