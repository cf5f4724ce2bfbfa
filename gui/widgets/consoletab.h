// ConsoleTab: one terminal of one container in a console window: its
// console or a tty (OpenConsole), or a shell (Attach with a pty). It follows
// the container's state: when it stops the tab says so and keeps the screen;
// when it starts again the tab reconnects by itself. A container on another
// host (a non-empty host) comes as a stream through ssh instead, on a pty
// of ours (RemoteTerminal), and follows the states the host list reads
// (followRemote) the same way.
#pragma once

#include <QWidget>

class HelperConnection;
class QLabel;
class RemoteHosts;
class RemoteTerminal;
class TerminalWidget;

class ConsoleTab : public QWidget
{
    Q_OBJECT

public:
    enum class Kind { Console, Shell };

    // tty 0 is the main console; Shell ignores `tty`.
    // HOST: the name the hosts panel shows, TARGET: [USER@]ADDRESS for
    // ssh; both empty for this computer.
    ConsoleTab(HelperConnection *connection, const QString &container, Kind kind, uint tty,
               const QString &host = {}, const QString &target = {}, QWidget *parent = nullptr);

    QString container() const { return m_container; }
    Kind kind() const { return m_kind; }
    uint tty() const { return m_tty; }
    QString host() const { return m_host; }
    QString target() const { return m_target; }
    bool isRemote() const { return !m_host.isEmpty(); }
    TerminalWidget *terminal() const { return m_terminal; }
    // A session is attached (closing the tab would end or leave it).
    bool isLive() const;
    QString title() const;
    // The text shown above the terminal when not connected (tests).
    QString statusText() const;

    void connectNow();
    // A remote tab: reconnects when HOSTS says its container has started
    // again, says when it stopped.
    void followRemote(RemoteHosts *hosts);
    // Leaves the console running in the container; the tab stays until closed.
    void detach();
    // Sends raw bytes to the program (Send Key).
    void sendBytes(const QByteArray &bytes);

Q_SIGNALS:
    void liveChanged(bool live);
    void attached();
    // The helper said whether root can log in ("password", "locked", ...;
    // GetContainer's root_login), after an attach of a console.
    void rootLoginKnown(const QString &state);

private:
    void onStateChanged(const QString &name, const QString &state);
    void onFinished();
    void connectRemote();
    void attachFd(int fd, bool socket);
    void showStatus(const QString &text);
    void hintAtLogin();
    bool asksForLogin() const;
    bool confirmPaste(const QString &text);

    HelperConnection *m_connection;
    QString m_container;
    Kind m_kind;
    uint m_tty;
    QString m_host;
    QString m_target;
    RemoteTerminal *m_remote = nullptr;
    QString m_remoteError;  // why the last remote connection ended
    QString m_remoteState;  // the container's state as the host list last read it
    TerminalWidget *m_terminal;
    QLabel *m_status;
    bool m_detached = false;
    bool m_connecting = false;
    QMetaObject::Connection m_loginWatch;  // until the console asks for a login
};
