// hutchctl attach: a program inside a running container (lxc-attach). With
// a terminal on both ends it gets a terminal of its own in the container,
// relayed raw; otherwise plain sockets carry its stdin, stdout and stderr,
// so that scripts can pipe through it. hutchctl exits with its status.
#include "commands.h"

#include "common.h"

#include <QDBusUnixFileDescriptor>
#include <QProcessEnvironment>
#include <QElapsedTimer>
#include <QThread>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

namespace hutch::cli {

namespace {

QString opt(const char *name) { return QString::fromLatin1(name); }

volatile sig_atomic_t g_resized = 0;

bool writeAll(int fd, const char *data, size_t size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        size -= size_t(n);
    }
    return true;
}

// The terminal relay: raw input to the pty master, its output to stdout,
// until the program's terminal closes.
void relayTerminal(int master)
{
    termios saved{};
    const bool raw = ::tcgetattr(STDIN_FILENO, &saved) == 0;
    if (raw) {
        termios t = saved;
        ::cfmakeraw(&t);
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &t);
    }
    struct sigaction sa{};
    sa.sa_handler = [](int) { g_resized = 1; };
    ::sigaction(SIGWINCH, &sa, nullptr);
    bool inputOpen = true;
    char buf[8192];
    for (;;) {
        if (g_resized) {
            g_resized = 0;
            winsize ws{};
            if (::ioctl(STDIN_FILENO, TIOCGWINSZ, &ws) == 0)
                ::ioctl(master, TIOCSWINSZ, &ws);
        }
        pollfd p[2] = {{master, POLLIN, 0}, {STDIN_FILENO, short(inputOpen ? POLLIN : 0), 0}};
        if (::poll(p, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (p[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            const ssize_t n = ::read(master, buf, sizeof buf);
            if (n <= 0 || !writeAll(STDOUT_FILENO, buf, size_t(n)))
                break;  // EIO: the program and its terminal are gone
        }
        if (inputOpen && (p[1].revents & (POLLIN | POLLHUP | POLLERR))) {
            const ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
            if (n <= 0)
                inputOpen = false;
            else if (!writeAll(master, buf, size_t(n)))
                break;
        }
    }
    if (raw)
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
}

// The socket relay: stdin to the program (its end shuts the program's
// input), its stdout and stderr to ours, until both close.
void relaySockets(int io, int err)
{
    bool inputOpen = true, outOpen = true, errOpen = true;
    char buf[8192];
    while (outOpen || errOpen) {
        pollfd p[3] = {{io, short(outOpen ? POLLIN : 0), 0}, {err, short(errOpen ? POLLIN : 0), 0},
                       {STDIN_FILENO, short(inputOpen ? POLLIN : 0), 0}};
        if (::poll(p, 3, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        for (int i = 0; i < 2; ++i) {
            if (!(p[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            const ssize_t n = ::read(i == 0 ? io : err, buf, sizeof buf);
            if (n <= 0)
                (i == 0 ? outOpen : errOpen) = false;
            else
                writeAll(i == 0 ? STDOUT_FILENO : STDERR_FILENO, buf, size_t(n));
        }
        if (inputOpen && (p[2].revents & (POLLIN | POLLHUP | POLLERR))) {
            const ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
            if (n <= 0 || !writeAll(io, buf, size_t(n))) {
                inputOpen = false;
                ::shutdown(io, SHUT_WR);
            }
        }
    }
}

}  // namespace

int attach(const QStringList &args)
{
    // Everything after "--" is the command.
    const qsizetype dashes = args.indexOf(opt("--"));
    const QStringList own = dashes < 0 ? args : args.mid(0, dashes);
    QStringList command = dashes < 0 ? QStringList() : args.mid(dashes + 1);
    QCommandLineParser p;
    const QCommandLineOption keepEnv(opt("keep-env"), opt("Give the program this environment (default: a clean one)."));
    const QCommandLineOption setVar({opt("v"), opt("set-var")}, opt("Add VAR=VALUE to the program's environment."), opt("VAR=VALUE"));
    const QCommandLineOption pty(opt("pty"), opt("A terminal for the program (default when stdin and stdout are terminals)."));
    const QCommandLineOption noPty(opt("no-pty"), opt("Plain stdin, stdout and stderr, for scripts."));
    p.addOptions({keepEnv, setVar, pty, noPty});
    int status = 0;
    const QString synopsis = opt("attach NAME [--keep-env] [-v VAR=VALUE] [--pty | --no-pty] -- COMMAND [ARG...]");
    if (!parseArgs(p, own, synopsis,
                   opt("Run a command inside a running container (lxc-attach); exits with its status. "
                       "Without a command, the container's /bin/sh."), 1, 1, &status))
        return status;
    if (command.isEmpty())
        command = {opt("/bin/sh")};
    const QString name = p.positionalArguments().at(0);
    QStringList env = p.values(setVar);
    if (p.isSet(keepEnv))
        env = QProcessEnvironment::systemEnvironment().toStringList() + env;
    const bool terminal = p.isSet(pty) || (!p.isSet(noPty) && ::isatty(STDIN_FILENO) && ::isatty(STDOUT_FILENO));
    QVariantMap options{{opt("terminal"), terminal}, {opt("keep_env"), p.isSet(keepEnv)}};
    winsize ws{};
    if (terminal && ::ioctl(STDIN_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0) {
        options.insert(opt("rows"), uint(ws.ws_row));
        options.insert(opt("cols"), uint(ws.ws_col));
    }

    auto helper = connectHelper();
    if (!helper)
        return Failure;
    auto reply = helper->Attach(name, command, env, options);
    if (!finished(reply))
        return Failure;
    const int io = ::dup(reply.argumentAt<0>().fileDescriptor());
    const int err = ::dup(reply.argumentAt<1>().fileDescriptor());
    const QString path = reply.argumentAt<2>().path();
    std::signal(SIGPIPE, SIG_IGN);
    if (terminal)
        relayTerminal(io);
    else
        relaySockets(io, err);
    ::close(io);
    ::close(err);

    // The end comes from the monitor a moment after the output closed.
    auto process = client::process(helper->connection(), path);
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 30000) {
        const QString state = process->state();
        if (state == QLatin1String("exited"))
            return process->exitCode();
        if (state == QLatin1String("lost"))
            return fail(QStringLiteral("the container stopped before \"%1\" ended").arg(command.constFirst()));
        if (state.isEmpty())
            return fail(QStringLiteral("hutch-helper went away before \"%1\" ended").arg(command.constFirst()));
        QThread::msleep(20);
    }
    return fail(QStringLiteral("\"%1\" closed its output but did not end").arg(command.constFirst()));
}

int execute(const QStringList &args)
{
    const qsizetype dashes = args.indexOf(opt("--"));
    const QStringList own = dashes < 0 ? args : args.mid(0, dashes);
    const QStringList command = dashes < 0 ? QStringList() : args.mid(dashes + 1);
    QCommandLineParser p;
    int status = 0;
    if (!parseArgs(p, own, opt("execute NAME -- COMMAND [ARG...]"),
                   opt("Run one command in a fresh container made from NAME's config, under a minimal init "
                       "(lxc-execute); exits with its status. Nothing of the run stays."),
                   1, 1, &status))
        return status;
    if (command.isEmpty())
        return fail(QStringLiteral("execute needs a command after \"--\""));
    const QString name = p.positionalArguments().at(0);
    auto helper = connectHelper();
    if (!helper)
        return Failure;
    auto reply = helper->Execute(name, command, {});
    if (!finished(reply))
        return Failure;
    const int console = ::dup(reply.argumentAt<0>().fileDescriptor());
    const QString path = reply.argumentAt<1>().path();
    std::signal(SIGPIPE, SIG_IGN);
    // The console is one stream: our stdin goes in, its output comes out,
    // and it closes when the program has ended.
    relayTerminal(console);
    ::close(console);
    auto process = client::process(helper->connection(), path);
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 30000) {
        const QString state = process->state();
        if (state == QLatin1String("exited"))
            return process->exitCode();
        if (state.isEmpty() || state == QLatin1String("lost"))
            return fail(QStringLiteral("hutch-helper lost \"%1\" before it ended").arg(command.constFirst()));
        QThread::msleep(20);
    }
    return fail(QStringLiteral("\"%1\" closed its output but did not end").arg(command.constFirst()));
}

}  // namespace hutch::cli
