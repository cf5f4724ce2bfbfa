// RemoteTerminal: the console or a shell of a container on another host,
// as a pty this GUI owns. A descriptor cannot cross ssh, so the bytes do:
// the GUI runs our own `hutchctl --host [USER@]HOST console NAME` (or
// `attach NAME -- /bin/sh -l`) with the slave of a fresh pty as its
// controlling terminal, stdin and stdout; that hutchctl sees a terminal and
// runs `ssh -tt HOST hutchctl console NAME` (cli/remote.cpp), and the
// hutchctl on HOST holds the remote helper's console socket or attach pty
// and relays it raw. The terminal widget reads and writes the master as it
// does a local pty.
//
// Window size: the widget sets the master's size (TIOCSWINSZ), the kernel
// sends SIGWINCH to the pty's foreground process group (hutchctl and its
// ssh), ssh sends a window-change request, sshd resizes the remote pty,
// and the remote hutchctl, on its own SIGWINCH, tells the remote helper
// (ResizeConsole, or the size of the attach pty).
#pragma once

#include <QObject>
#include <QString>

class QProcess;

class RemoteTerminal : public QObject
{
    Q_OBJECT

public:
    enum class Kind { Console, Shell };

    explicit RemoteTerminal(QObject *parent = nullptr);
    ~RemoteTerminal() override;

    // Opens a pty of ROWS x COLS and starts hutchctl on its slave for NAME
    // on TARGET ([USER@]HOST); tty 0 is the console. Returns the master,
    // which the caller owns, or -1 with *why.
    int start(const QString &target, const QString &name, Kind kind, uint tty, int rows, int cols, QString *why);
    // Hangs up, as a closed terminal does: the remote hutchctl detaches
    // (console) or its shell ends (attach).
    void stop();
    bool isRunning() const;

Q_SIGNALS:
    // hutchctl ended; `message` is its last line on stderr when it failed
    // (ssh's or hutchctl's reason), else empty.
    void ended(const QString &message);

private:
    QProcess *m_process = nullptr;
};
