// ConsoleWindow: console tabs (ConsoleTab) of any containers in one window,
// with a Send Key menu, Detach, and "Move Tab to New Window" to tear a tab
// off. ConsoleWindows: the set of them, so that a new console opens as a tab
// of the newest window, and an already open one is only brought forward.
#pragma once

#include <QMainWindow>
#include <QPointer>

class ConsoleTab;
class HelperConnection;
class QMenu;
class QTabWidget;
class RemoteHosts;

class ConsoleWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit ConsoleWindow(HelperConnection *connection, QWidget *parent = nullptr);

    void addTab(ConsoleTab *tab);
    ConsoleTab *currentTab() const;
    QList<ConsoleTab *> tabs() const;
    // HOST: "" for this computer, else the hosts panel's name.
    ConsoleTab *findTab(const QString &container, int kind, uint tty, const QString &host = {}) const;
    void showTab(ConsoleTab *tab);
    // Asks first when the tab is live; true when it was closed.
    bool closeTab(ConsoleTab *tab);

Q_SIGNALS:
    // "Move Tab to New Window": the owner makes the window.
    void tearOffRequested(ConsoleTab *tab);
    // Ctrl+Alt+Fn: the container's tty N, in this window (HOST and
    // TARGET as the tab's).
    void ttyRequested(const QString &container, uint tty, const QString &host, const QString &target);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void updateActions();
    void sendCtrlAltDel();

    HelperConnection *m_connection;
    QTabWidget *m_tabs;
    QMenu *m_sendKeyMenu = nullptr;
    QAction *m_detach = nullptr;
    QAction *m_tearOff = nullptr;
    QAction *m_closeTab = nullptr;
    QAction *m_reconnect = nullptr;
};

class ConsoleWindows : public QObject
{
    Q_OBJECT

public:
    explicit ConsoleWindows(HelperConnection *connection, QObject *parent = nullptr);
    ~ConsoleWindows() override;

    // Opens (or brings forward) NAME's tty (0: the console) or a shell.
    ConsoleTab *openConsole(const QString &name, uint tty);
    ConsoleTab *openShell(const QString &name);
    // The same for a container on another host: HOST as the hosts panel
    // names it, TARGET [USER@]ADDRESS for ssh.
    ConsoleTab *openRemoteConsole(const QString &host, const QString &target, const QString &name, uint tty);
    ConsoleTab *openRemoteShell(const QString &host, const QString &target, const QString &name);
    QList<ConsoleWindow *> windows() const;
    // The host list whose states remote tabs follow.
    void setRemoteHosts(RemoteHosts *hosts) { m_remoteHosts = hosts; }

private:
    ConsoleTab *open(const QString &name, int kind, uint tty, const QString &host = {}, const QString &target = {});
    ConsoleWindow *newWindow();
    void tearOff(ConsoleTab *tab);

    HelperConnection *m_connection;
    RemoteHosts *m_remoteHosts = nullptr;
    QList<QPointer<ConsoleWindow>> m_windows;
};
