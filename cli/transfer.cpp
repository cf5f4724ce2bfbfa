// hutchctl copy|move [HOST1:]NAME HOST2:[NEW]: a stopped container from
// one host to another (no HOST: this computer). Two hutchctl of ours run
// side by side, `export NAME -` for the source and `import -` for the
// target (each through ssh for a remote host, see remote.cpp), the first's
// output piped into the second's input, and each hutchctl hands its end
// of the stream to its helper as it is: the exporting helper's tar writes
// into the pipe (or ssh's), the importing helper reads it, checking each
// member as it passes, into the new container's staging directory. No
// copy of the archive is stored anywhere on the way. A stream cut short
// (no end blocks, or a zstd frame cut) is never read as a shorter
// archive: the import fails and its staging directory goes.
//
// Killing this process (or Ctrl-C) ends both sides: the children get
// SIGINT when we die (PR_SET_PDEATHSIG) and cancel their jobs; a remote
// hutchctl cancels its job when ssh, its reader, goes away.
// move starts the new container on the target before it destroys the
// source: the source is kept until the target has started; the moved
// container is left running.
#include "commands.h"

#include "common.h"
#include "remote.h"

#include <QCoreApplication>
#include <QFile>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace hutch::cli {

namespace {

QString opt(const char *name) { return QString::fromLatin1(name); }

struct Place {
    QString host;  // empty: this computer
    QString name;  // may be empty for the target (the source's name)
};

Place parsePlace(const QString &text)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon < 0)
        return {QString(), text};
    return {text.left(colon), text.mid(colon + 1)};
}

QString describe(const Place &place)
{
    return place.host.isEmpty() ? QStringLiteral("this computer") : place.host;
}

// Starts hutchctl-full (this program) for `host` with ARGS; stdin/stdout
// as given (-1: ours). The child gets SIGINT when we die.
pid_t spawn(const QString &host, const QStringList &args, int in, int out, const std::vector<int> &closeInChild)
{
    const QByteArray self = QFile::encodeName(QCoreApplication::applicationFilePath());
    QList<QByteArray> bytes{self};
    for (const QString &a : args)
        bytes << a.toLocal8Bit();
    const QByteArray hostBytes = host.toLocal8Bit();
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid != 0)
        return pid;
    ::prctl(PR_SET_PDEATHSIG, SIGINT);
    if (::getppid() != parent)
        ::_exit(1);
    if ((in >= 0 && ::dup2(in, STDIN_FILENO) < 0) || (out >= 0 && ::dup2(out, STDOUT_FILENO) < 0))
        ::_exit(127);
    for (const int fd : closeInChild)
        ::close(fd);
    if (hostBytes.isEmpty())
        ::unsetenv("HUTCH_HOST");
    else
        ::setenv("HUTCH_HOST", hostBytes.constData(), 1);
    std::vector<char *> argv;
    for (QByteArray &b : bytes)
        argv.push_back(b.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
}

int waitFor(pid_t pid)
{
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// hutchctl for `host` with ARGS, to its end; its exit status.
int runOn(const QString &host, const QStringList &args)
{
    return waitFor(spawn(host, args, -1, -1, {}));
}

// The two sides, for the SIGINT handler: Ctrl-C, or a SIGINT to us alone,
// reaches both (each cancels its job).
volatile pid_t g_children[2] = {0, 0};

void interruptChildren(int)
{
    for (const pid_t pid : {g_children[0], g_children[1]})
        if (pid > 0)
            ::kill(pid, SIGINT);
}

}  // namespace

int transfer(const QString &command, const QStringList &args)
{
    QCommandLineParser p;
    // none by default: on a local network the CPU is what limits a copy
    // (tar, ssh and sshd on each side), and zstd only adds to it (bench_remote:
    // 45% of ssh cat's rate with zst, 54% with none, before the rest of
    // issue 23's work). zst is for a slow link.
    const QCommandLineOption compression(opt("compression"),
                                         opt("none (default), zst, xz or gz: how the stream is compressed "
                                             "(zst for a slow link)."),
                                         opt("KIND"), opt("none"));
    p.addOption(compression);
    int status = 0;
    const QString synopsis = command + QStringLiteral(" [HOST1:]NAME HOST2:[NEW] [--compression KIND]");
    if (!parseArgs(p, args, synopsis,
                   command == QLatin1String("move")
                       ? opt("Move the stopped container NAME to HOST2 (as NEW): streamed, started there, then removed here.")
                       : opt("Copy the stopped container NAME to HOST2 (as NEW), streamed from one helper to the other."),
                   2, 2, &status))
        return status;
    const Place from = parsePlace(p.positionalArguments().at(0));
    Place to = parsePlace(p.positionalArguments().at(1));
    if (to.name.isEmpty())
        to.name = from.name;
    for (const QString &host : {from.host, to.host})
        if (!host.isEmpty())
            if (auto err = client::validateHost(host))
                return fail(*err);
    if (from.name.isEmpty())
        return fail(QStringLiteral("no container named in \"%1\"").arg(p.positionalArguments().at(0)));
    if (from.host == to.host && from.name == to.name)
        return fail(QStringLiteral("\"%1\" is already on %2").arg(from.name, describe(from)));

    // Ctrl-C cancels the children's jobs; we wait for them to end.
    std::signal(SIGINT, interruptChildren);
    int pipe[2];
    if (::pipe2(pipe, O_CLOEXEC) != 0)
        return fail(QStringLiteral("pipe: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
    // 1 MiB, not 64 KiB: fewer wake-ups of tar (or ssh) on one side and
    // ssh (or the helper) on the other (best effort: pipe-max-size).
    ::fcntl(pipe[1], F_SETPIPE_SZ, 1 << 20);
    const QString kind = p.value(compression);
    const pid_t exporter = spawn(from.host, {opt("export"), from.name, opt("-"), opt("--compression"), kind}, -1,
                                 pipe[1], {pipe[0]});
    const pid_t importer = spawn(to.host, {opt("import"), opt("-"), opt("--name"), to.name, opt("--compression"), kind},
                                 pipe[0], -1, {pipe[1]});
    g_children[0] = exporter;
    g_children[1] = importer;
    ::close(pipe[0]);
    ::close(pipe[1]);
    const int exported = waitFor(exporter);
    if (exported != Ok)
        ::kill(importer, SIGINT);  // a stream cut short: the import must not go on
    const int imported = waitFor(importer);
    std::signal(SIGINT, SIG_DFL);
    g_children[0] = 0;
    g_children[1] = 0;
    if (exported != Ok)
        return fail(QStringLiteral("%1: exporting \"%2\" from %3 failed (see above); nothing was made on %4")
                        .arg(command, from.name, describe(from), describe(to)));
    if (imported != Ok)
        return fail(QStringLiteral("%1: importing \"%2\" on %3 failed (see above)").arg(command, to.name, describe(to)));
    if (command != QLatin1String("move"))
        return Ok;
    // The source stays until the target has started.
    if (runOn(to.host, {opt("start"), to.name}) != Ok) {
        runOn(to.host, {opt("destroy"), to.name, opt("--force")});
        return fail(QStringLiteral("move: \"%1\" did not start on %2; removed it there, \"%3\" stays on %4")
                        .arg(to.name, describe(to), from.name, describe(from)));
    }
    if (runOn(from.host, {opt("destroy"), from.name}) != Ok)
        return fail(QStringLiteral("move: \"%1\" runs on %2, but \"%3\" could not be removed from %4")
                        .arg(to.name, describe(to), from.name, describe(from)));
    return Ok;
}

}  // namespace hutch::cli
