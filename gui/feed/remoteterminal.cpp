#include "remoteterminal.h"

#include "remotehosts.h"

#include <QProcess>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

namespace {

// More than hutchctl or ssh say about a failure; the rest is not kept.
constexpr qint64 kMaxErrorBytes = 64 * 1024;

}  // namespace

RemoteTerminal::RemoteTerminal(QObject *parent)
    : QObject(parent)
{
}

RemoteTerminal::~RemoteTerminal()
{
    if (!m_process)
        return;
    m_process->disconnect(this);
    stop();
    if (!m_process->waitForFinished(3000))
        m_process->kill();
    m_process->waitForFinished(1000);
}

bool RemoteTerminal::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

int RemoteTerminal::start(const QString &target, const QString &name, Kind kind, uint tty, int rows, int cols,
                          QString *why)
{
    if (isRunning()) {
        *why = tr("a connection is already under way");
        return -1;
    }
    const int master = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0 || ::grantpt(master) < 0 || ::unlockpt(master) < 0) {
        *why = tr("no pseudo-terminal: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
        if (master >= 0)
            ::close(master);
        return -1;
    }
    char slaveName[128] = {};
    const int slave = ::ptsname_r(master, slaveName, sizeof slaveName) == 0
        ? ::open(slaveName, O_RDWR | O_NOCTTY | O_CLOEXEC) : -1;
    if (slave < 0) {
        *why = tr("no pseudo-terminal: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
        ::close(master);
        return -1;
    }
    // The size before ssh starts: it sends it with its pty request.
    const winsize ws{ushort(qBound(1, rows, 0xffff)), ushort(qBound(1, cols, 0xffff)), 0, 0};
    ::ioctl(master, TIOCSWINSZ, &ws);

    QStringList args{QStringLiteral("--host"), target};
    if (kind == Kind::Console) {
        args << QStringLiteral("console") << name;
        if (tty > 0)
            args << QStringLiteral("--tty") << QString::number(tty);
    } else {
        args << QStringLiteral("attach") << name << QStringLiteral("-v") << QStringLiteral("TERM=xterm-256color")
             << QStringLiteral("--") << QStringLiteral("/bin/sh") << QStringLiteral("-l");
    }
    if (m_process)
        m_process->deleteLater();
    auto *p = new QProcess(this);
    m_process = p;
    // ssh passes TERM with its pty request: the remote side's terminal type.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("TERM"), QStringLiteral("xterm-256color"));
    p->setProcessEnvironment(env);
    p->setStandardOutputFile(QProcess::nullDevice());
    // Runs in the child, after QProcess set up its descriptors, before exec:
    // a session of its own with the slave as controlling terminal, so that
    // the master's size changes reach it (and ssh) as SIGWINCH and closing
    // the master hangs it up. stderr stays QProcess's pipe: ssh's own errors.
    p->setChildProcessModifier([slave] {
        ::setsid();
        ::ioctl(slave, TIOCSCTTY, 0);
        ::dup2(slave, STDIN_FILENO);
        ::dup2(slave, STDOUT_FILENO);
    });
    connect(p, &QProcess::readyReadStandardError, this, [p] {
        // Only the end is read; a flood is dropped rather than kept.
        if (p->bytesAvailable() > kMaxErrorBytes)
            p->readAllStandardError();
    });
    auto finish = [this, p] {
        if (m_process != p)
            return;
        QString message;
        if (p->error() == QProcess::FailedToStart) {
            message = tr("hutchctl could not be started: %1").arg(p->errorString());
        } else if (p->exitStatus() != QProcess::NormalExit || p->exitCode() != 0) {
            const QStringList lines = QString::fromUtf8(p->readAllStandardError().right(2000))
                                          .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
            // A hang-up (the tab detached or closed) says nothing.
            if (!lines.isEmpty())
                message = lines.last().trimmed();
        }
        Q_EMIT ended(message);
    };
    connect(p, &QProcess::finished, this, finish);
    connect(p, &QProcess::errorOccurred, this, [finish](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            finish();
    });
    p->start(RemoteHosts::hutchctlProgram(), args);
    ::close(slave);
    return master;
}

void RemoteTerminal::stop()
{
    if (!isRunning())
        return;
    // hutchctl leads a session and process group of its own; ssh is in it.
    const pid_t pid = pid_t(m_process->processId());
    if (pid > 0)
        ::kill(-pid, SIGHUP);
}
