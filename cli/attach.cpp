// hutchctl attach: a program inside a running container (lxc-attach). With
// a terminal on both ends it gets a terminal of its own in the container,
// relayed raw; otherwise plain sockets carry its stdin, stdout and stderr,
// so that scripts can pipe through it. hutchctl exits with its status.
#include "commands.h"

#include "common.h"
#include "relay.h"

#include <QDBusServiceWatcher>
#include <QDBusUnixFileDescriptor>
#include <QEventLoop>
#include <QProcessEnvironment>
#include <QTimer>

#include <csignal>
#include <cstdio>
#include <sys/ioctl.h>
#include <unistd.h>

namespace hutch::cli {

namespace {

QString opt(const char *name) { return QString::fromLatin1(name); }

// How the program at PATH ended: "exited" (with *exitCode), "lost", or
// empty when the helper went away or it did not end in time. Its Exited
// signal is followed before its state is read, so no end is missed and none
// is polled for.
QString waitForEnd(Helper1Proxy &helper, const QString &path, int *exitCode)
{
    auto process = client::process(helper.connection(), path);
    QEventLoop loop;
    bool ended = false;
    auto end = [&] {
        ended = true;
        loop.quit();
    };
    QObject::connect(process.get(), &Process1Proxy::Exited, &loop, end);
    QDBusServiceWatcher gone(client::kService, helper.connection(), QDBusServiceWatcher::WatchForUnregistration);
    QObject::connect(&gone, &QDBusServiceWatcher::serviceUnregistered, &loop, end);
    QTimer::singleShot(30000, &loop, end);
    QString state = process->state();
    if (state == QLatin1String("running") && !ended) {
        loop.exec();
        state = process->state();
    }
    if (state == QLatin1String("exited"))
        *exitCode = process->exitCode();
    return state == QLatin1String("running") ? QStringLiteral("timeout") : state;
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
    int code = -1;
    const QString state = waitForEnd(*helper, path, &code);
    if (state == QLatin1String("exited"))
        return code;
    if (state == QLatin1String("lost"))
        return fail(QStringLiteral("the container stopped before \"%1\" ended").arg(command.constFirst()));
    if (state.isEmpty())
        return fail(QStringLiteral("hutch-helper went away before \"%1\" ended").arg(command.constFirst()));
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
    int code = -1;
    const QString state = waitForEnd(*helper, path, &code);
    if (state == QLatin1String("exited"))
        return code;
    if (state.isEmpty() || state == QLatin1String("lost"))
        return fail(QStringLiteral("hutch-helper lost \"%1\" before it ended").arg(command.constFirst()));
    return fail(QStringLiteral("\"%1\" closed its output but did not end").arg(command.constFirst()));
}

}  // namespace hutch::cli
