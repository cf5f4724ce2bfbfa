#include "consolewindow.h"

#include "client.h"
#include "consoletab.h"
#include "helperconnection.h"
#include "modal.h"
#include "remotehosts.h"

#include <QAction>
#include <QCloseEvent>
#include <QMenuBar>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QTabBar>
#include <QTabWidget>

ConsoleWindow::ConsoleWindow(HelperConnection *connection, QWidget *parent)
    : QMainWindow(parent), m_connection(connection), m_tabs(new QTabWidget(this))
{
    setObjectName(QStringLiteral("consoleWindow"));
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("Consoles — Hutch"));
    m_tabs->setObjectName(QStringLiteral("consoleTabs"));
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setDocumentMode(true);
    setCentralWidget(m_tabs);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, [this](int i) {
        closeTab(qobject_cast<ConsoleTab *>(m_tabs->widget(i)));
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, &ConsoleWindow::updateActions);
    // Double-clicking a tab tears it off, as browsers' tab strips suggest.
    connect(m_tabs->tabBar(), &QTabBar::tabBarDoubleClicked, this, [this](int i) {
        if (i >= 0 && m_tabs->count() > 1)
            Q_EMIT tearOffRequested(qobject_cast<ConsoleTab *>(m_tabs->widget(i)));
    });
    createMenus();
    resize(820, 520);
}

void ConsoleWindow::createMenus()
{
    QMenu *console = menuBar()->addMenu(tr("&Console"));
    m_reconnect = console->addAction(QIcon::fromTheme(QStringLiteral("view-refresh")), tr("&Reconnect"));
    m_reconnect->setObjectName(QStringLiteral("actionReconnect"));
    connect(m_reconnect, &QAction::triggered, this, [this] {
        if (ConsoleTab *t = currentTab())
            t->connectNow();
    });
    m_detach = console->addAction(QIcon::fromTheme(QStringLiteral("network-disconnect")), tr("&Detach"));
    m_detach->setObjectName(QStringLiteral("actionDetach"));
    m_detach->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    connect(m_detach, &QAction::triggered, this, [this] {
        if (ConsoleTab *t = currentTab())
            t->detach();
    });
    m_tearOff = console->addAction(QIcon::fromTheme(QStringLiteral("window-new")), tr("&Move Tab to New Window"));
    m_tearOff->setObjectName(QStringLiteral("actionTearOff"));
    m_tearOff->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    connect(m_tearOff, &QAction::triggered, this, [this] {
        if (ConsoleTab *t = currentTab())
            Q_EMIT tearOffRequested(t);
    });
    console->addSeparator();
    m_closeTab = console->addAction(QIcon::fromTheme(QStringLiteral("tab-close")), tr("&Close Tab"));
    m_closeTab->setObjectName(QStringLiteral("actionCloseTab"));
    m_closeTab->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_W));
    connect(m_closeTab, &QAction::triggered, this, [this] { closeTab(currentTab()); });

    m_sendKeyMenu = menuBar()->addMenu(tr("Send &Key"));
    m_sendKeyMenu->setObjectName(QStringLiteral("menuSendKey"));
    // A container has no keyboard: Ctrl+Alt+Del is what the kernel would
    // turn into a signal to init, which is what Reboot asks for (lxc.signal.reboot).
    QAction *cad = m_sendKeyMenu->addAction(tr("Ctrl+Alt+Del (Reboot)"));
    cad->setObjectName(QStringLiteral("actionCtrlAltDel"));
    connect(cad, &QAction::triggered, this, &ConsoleWindow::sendCtrlAltDel);
    // Ctrl+Alt+Fn switches virtual terminals: here, the container's ttyN in a tab.
    QMenu *fn = m_sendKeyMenu->addMenu(tr("Ctrl+Alt+F1…F12"));
    for (uint n = 1; n <= 12; ++n) {
        QAction *a = fn->addAction(tr("Ctrl+Alt+F%1 (tty%1)").arg(n));
        a->setObjectName(QStringLiteral("actionCtrlAltF%1").arg(n));
        connect(a, &QAction::triggered, this, [this, n] {
            if (ConsoleTab *t = currentTab())
                Q_EMIT ttyRequested(t->container(), n, t->host(), t->target());
        });
    }
    // Magic SysRq acts on the host's kernel, which a container must never
    // reach; the entry says so rather than pretending.
    QAction *sysrq = m_sendKeyMenu->addAction(tr("SysRq"));
    sysrq->setObjectName(QStringLiteral("actionSysRq"));
    sysrq->setEnabled(false);
    sysrq->setStatusTip(tr("Magic SysRq would act on the host's kernel; containers cannot receive it."));
    sysrq->setToolTip(sysrq->statusTip());
    m_sendKeyMenu->setToolTipsVisible(true);
    updateActions();
}

void ConsoleWindow::sendCtrlAltDel()
{
    ConsoleTab *t = currentTab();
    if (!t)
        return;
    auto refused = [this](const QString &message) {
        QMessageBox box(QMessageBox::Warning, tr("Ctrl+Alt+Del"), message, QMessageBox::Ok, this);
        runModal(box);
    };
    if (!t->isRemote()) {
        m_connection->watch(m_connection->helper()->Reboot(t->container(), {}), this, nullptr,
                            [refused](const QString &message, bool) { refused(message); });
        return;
    }
    // Another host's container: its helper is reached as every remote
    // command is, through our hutchctl.
    auto *p = new QProcess(this);
    p->setStandardInputFile(QProcess::nullDevice());
    connect(p, &QProcess::finished, this, [p, refused] {
        p->deleteLater();
        if (p->exitStatus() == QProcess::NormalExit && p->exitCode() == 0)
            return;
        const QStringList lines = QString::fromUtf8(p->readAllStandardError().right(2000))
                                      .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        refused(lines.isEmpty() ? tr("The reboot failed.") : lines.last().trimmed());
    });
    connect(p, &QProcess::errorOccurred, this, [p, refused](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart) {
            p->deleteLater();
            refused(p->errorString());
        }
    });
    p->start(RemoteHosts::hutchctlProgram(), {QStringLiteral("--host"), t->target(), QStringLiteral("reboot"), t->container()});
}

void ConsoleWindow::updateActions()
{
    ConsoleTab *t = currentTab();
    m_detach->setEnabled(t);
    m_reconnect->setEnabled(t);
    m_closeTab->setEnabled(t);
    m_tearOff->setEnabled(t && m_tabs->count() > 1);
    m_sendKeyMenu->setEnabled(t);
    if (t)
        setWindowTitle(tr("%1 — Hutch").arg(t->title()));
}

void ConsoleWindow::addTab(ConsoleTab *tab)
{
    const int i = m_tabs->addTab(tab, QIcon::fromTheme(QStringLiteral("utilities-terminal")), tab->title());
    auto refreshIcon = [this, tab](bool live) {
        const int index = m_tabs->indexOf(tab);
        if (index >= 0)
            m_tabs->setTabIcon(index, QIcon::fromTheme(live ? QStringLiteral("utilities-terminal")
                                                            : QStringLiteral("network-offline")));
    };
    connect(tab, &ConsoleTab::liveChanged, this, refreshIcon);
    m_tabs->setCurrentIndex(i);
    updateActions();
}

ConsoleTab *ConsoleWindow::currentTab() const
{
    return qobject_cast<ConsoleTab *>(m_tabs->currentWidget());
}

QList<ConsoleTab *> ConsoleWindow::tabs() const
{
    QList<ConsoleTab *> out;
    for (int i = 0; i < m_tabs->count(); ++i)
        out << qobject_cast<ConsoleTab *>(m_tabs->widget(i));
    return out;
}

ConsoleTab *ConsoleWindow::findTab(const QString &container, int kind, uint tty, const QString &host) const
{
    for (ConsoleTab *t : tabs())
        if (t->container() == container && int(t->kind()) == kind && t->tty() == tty && t->host() == host)
            return t;
    return nullptr;
}

void ConsoleWindow::showTab(ConsoleTab *tab)
{
    m_tabs->setCurrentWidget(tab);
    show();
    raise();
    activateWindow();
    tab->setFocus();
}

bool ConsoleWindow::closeTab(ConsoleTab *tab)
{
    if (!tab)
        return false;
    if (tab->isLive()) {
        const QString text = tab->kind() == ConsoleTab::Kind::Shell
            ? tr("Close %1? The shell and what runs in it are ended.").arg(tab->title())
            : tr("Close %1? The container keeps running.").arg(tab->title());
        QMessageBox box(QMessageBox::Question, tr("Close Console"), text, QMessageBox::Cancel, this);
        box.setObjectName(QStringLiteral("closeConfirmation"));
        QPushButton *close = box.addButton(tr("Close"), QMessageBox::AcceptRole);
        box.setDefaultButton(close);
        runModal(box);
        if (box.clickedButton() != close)
            return false;
    }
    m_tabs->removeTab(m_tabs->indexOf(tab));
    tab->deleteLater();
    updateActions();
    if (m_tabs->count() == 0)
        close();
    return true;
}

void ConsoleWindow::closeEvent(QCloseEvent *event)
{
    for (ConsoleTab *t : tabs()) {
        if (!closeTab(t)) {
            event->ignore();
            return;
        }
    }
    event->accept();
}

// --- ConsoleWindows ------------------------------------------------------

ConsoleWindows::ConsoleWindows(HelperConnection *connection, QObject *parent)
    : QObject(parent), m_connection(connection)
{
}

ConsoleWindows::~ConsoleWindows()
{
    for (const auto &w : std::as_const(m_windows))
        delete w.data();
}

QList<ConsoleWindow *> ConsoleWindows::windows() const
{
    QList<ConsoleWindow *> out;
    for (const auto &w : m_windows)
        if (w)
            out << w.data();
    return out;
}

ConsoleWindow *ConsoleWindows::newWindow()
{
    auto *w = new ConsoleWindow(m_connection);
    connect(w, &ConsoleWindow::tearOffRequested, this, &ConsoleWindows::tearOff);
    connect(w, &ConsoleWindow::ttyRequested, this,
            [this](const QString &name, uint tty, const QString &host, const QString &target) {
                open(name, int(ConsoleTab::Kind::Console), tty, host, target);
            });
    m_windows << w;
    return w;
}

ConsoleTab *ConsoleWindows::open(const QString &name, int kind, uint tty, const QString &host, const QString &target)
{
    // A console already open anywhere is brought forward, not opened twice
    // (there is one writer per console).
    for (ConsoleWindow *w : windows()) {
        if (ConsoleTab *t = w->findTab(name, kind, tty, host); t && kind == int(ConsoleTab::Kind::Console)) {
            w->showTab(t);
            return t;
        }
    }
    const QList<ConsoleWindow *> open = windows();
    ConsoleWindow *w = open.isEmpty() ? newWindow() : open.last();
    auto *tab = new ConsoleTab(m_connection, name, ConsoleTab::Kind(kind), tty, host, target);
    if (!host.isEmpty() && m_remoteHosts)
        tab->followRemote(m_remoteHosts);
    w->addTab(tab);
    w->showTab(tab);
    tab->connectNow();
    return tab;
}

ConsoleTab *ConsoleWindows::openConsole(const QString &name, uint tty)
{
    return open(name, int(ConsoleTab::Kind::Console), tty);
}

ConsoleTab *ConsoleWindows::openShell(const QString &name)
{
    return open(name, int(ConsoleTab::Kind::Shell), 0);
}

ConsoleTab *ConsoleWindows::openRemoteConsole(const QString &host, const QString &target, const QString &name, uint tty)
{
    return open(name, int(ConsoleTab::Kind::Console), tty, host, target);
}

ConsoleTab *ConsoleWindows::openRemoteShell(const QString &host, const QString &target, const QString &name)
{
    return open(name, int(ConsoleTab::Kind::Shell), 0, host, target);
}

void ConsoleWindows::tearOff(ConsoleTab *tab)
{
    auto *from = qobject_cast<ConsoleWindow *>(sender());
    if (!tab || !from || from->tabs().size() < 2)
        return;
    // Re-parenting keeps the session and its screen: nothing reconnects.
    ConsoleWindow *to = newWindow();
    to->addTab(tab);
    to->move(from->pos() + QPoint(40, 40));
    to->showTab(tab);
}
