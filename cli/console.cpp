// hutchctl console: a container's console or one of its ttys, from the
// helper as a file descriptor, relayed to this terminal. On a terminal the
// input is raw and Ctrl-a q detaches (Ctrl-a Ctrl-a sends a Ctrl-a), as
// lxc-console does; without one (a pipe), the same escape works, and the
// end of the input detaches once the output has settled.
#include "commands.h"

#include "common.h"
#include "fdio.h"
#include "relay.h"

#include <QDBusUnixFileDescriptor>

#include <cerrno>
#include <csignal>
#include <cstdio>

#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

namespace hutch::cli {

namespace {

QString opt(const char *name) { return QString::fromLatin1(name); }

volatile sig_atomic_t g_resized = 0;

}  // namespace

int console(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption tty({opt("t"), opt("tty")}, opt("The tty: 0 is the console (default), 1 to lxc.tty.max a tty."),
                                 opt("N"), opt("0"));
    const QCommandLineOption escape({opt("e"), opt("escape")}, opt("Escape letter: Ctrl-LETTER then q detaches (default a)."),
                                    opt("LETTER"), opt("a"));
    p.addOptions({tty, escape});
    int status = 0;
    if (!parseArgs(p, args, opt("console NAME [--tty N] [--escape LETTER]"),
                   opt("Attach this terminal to a container's console or a tty (lxc-console). "
                       "Ctrl-a q detaches."), 1, 1, &status))
        return status;
    const QString name = p.positionalArguments().at(0);
    bool ok = false;
    const uint ttyNumber = p.value(tty).toUInt(&ok);
    if (!ok)
        return fail(QStringLiteral("--tty: \"%1\" is not a number").arg(p.value(tty)));
    const QString letter = p.value(escape);
    if (letter.size() != 1 || !letter.at(0).isLetter() || letter.at(0).unicode() > 127)
        return fail(QStringLiteral("--escape: give one letter, as in -e a for Ctrl-a"));
    const char escapeByte = char(letter.at(0).toLower().toLatin1() - 'a' + 1);

    auto helper = connectHelper();
    if (!helper)
        return Failure;
    auto reply = helper->OpenConsole(name, ttyNumber, {});
    if (!finished(reply))
        return Failure;
    const int fd = ::dup(reply.value().fileDescriptor());
    if (fd < 0)
        return fail(QStringLiteral("the helper passed no terminal"));

    const bool terminal = ::isatty(STDIN_FILENO);
    auto resize = [&] {
        winsize ws{};
        if (!terminal || ::ioctl(STDIN_FILENO, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0)
            return;
        // A pty master takes the size itself; the console socket cannot.
        if (::ioctl(fd, TIOCSWINSZ, &ws) != 0)
            helper->ResizeConsole(name, ttyNumber, ws.ws_row, ws.ws_col, {}).waitForFinished();
    };
    if (terminal) {
        std::fprintf(stderr, "Connected to %s of %s. Type <Ctrl %c q> to detach.\r\n",
                     ttyNumber == 0 ? "the console" : qPrintable(QStringLiteral("tty %1").arg(ttyNumber)),
                     qPrintable(name), letter.at(0).toLower().toLatin1());
        resize();
        struct sigaction sa{};
        sa.sa_handler = [](int) { g_resized = 1; };
        ::sigaction(SIGWINCH, &sa, nullptr);
    }
    std::signal(SIGPIPE, SIG_IGN);
    RawTerminal raw(STDIN_FILENO);

    bool escaped = false;     // the escape byte came; the next byte decides
    bool inputOpen = true;
    int quietMs = -1;         // after the input ended: how long the output has been quiet
    char buf[8192];
    for (;;) {
        if (g_resized) {
            g_resized = 0;
            resize();
        }
        pollfd fds[2] = {{fd, POLLIN, 0}, {STDIN_FILENO, short(inputOpen ? POLLIN : 0), 0}};
        const int timeout = inputOpen ? -1 : 100;
        const int r = ::poll(fds, inputOpen ? 2 : 1, timeout);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            break;
        if (r == 0) {
            // Input over: leave once the output has been quiet a moment.
            quietMs += 100;
            if (quietMs >= 500)
                break;
            continue;
        }
        if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            const ssize_t n = ::read(fd, buf, sizeof buf);
            if (n <= 0)
                break;  // the container ended, or its tty closed
            if (writeAll(STDOUT_FILENO, buf, size_t(n)) != 0)
                break;
            quietMs = 0;
        }
        if (inputOpen && (fds[1].revents & (POLLIN | POLLHUP | POLLERR))) {
            const ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
            if (n <= 0) {
                inputOpen = false;
                quietMs = 0;
                continue;
            }
            QByteArray out;
            bool detach = false;
            for (ssize_t i = 0; i < n && !detach; ++i) {
                const char c = buf[i];
                if (escaped) {
                    escaped = false;
                    if (c == 'q')
                        detach = true;
                    else
                        out += c == escapeByte ? QByteArray(1, escapeByte) : QByteArray(1, escapeByte) + c;
                } else if (c == escapeByte) {
                    escaped = true;
                } else {
                    out += c;
                }
            }
            if (!out.isEmpty() && writeAll(fd, out.constData(), size_t(out.size())) != 0)
                break;
            if (detach)
                break;
        }
    }
    ::close(fd);
    if (terminal)
        std::fprintf(stderr, "\r\n");
    return Ok;
}

}  // namespace hutch::cli
