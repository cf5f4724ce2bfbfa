// hutchctl --host [USER@]HOST: what cannot travel over the D-Bus bridge.
// A descriptor cannot cross SSH, so console, attach and execute (a pty or
// pipes handed over by the helper) run as hutchctl on the remote host, ssh
// carrying the terminal (ssh -tt when this one is a terminal) or the
// bytes and the exit status; export and import run there too, ssh carrying
// the archive between the local FILE and the remote hutchctl's stdout or
// stdin. Every other command talks to the remote helper through the bridge
// (client::helperBus()), export --libvirt too (it only reads the config);
// file push/pull run here over ssh with the remote hutchctl (files.cpp).
#include "commands.h"

#include "common.h"
#include "remote.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <csignal>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace hutch::cli {

namespace {

QString opt(const char *name) { return QString::fromLatin1(name); }

}  // namespace

int runWith(const QStringList &argv, int in, int out)
{
    std::fflush(stdout);
    // Made before fork: the caller may have threads (file push's packer).
    QList<QByteArray> bytes;
    std::vector<char *> cargv;
    for (const QString &a : argv)
        bytes << QFile::encodeName(a);
    for (QByteArray &b : bytes)
        cargv.push_back(b.data());
    cargv.push_back(nullptr);
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0)
        return fail(QStringLiteral("fork: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
    if (pid == 0) {
        // ssh ends with us (a transfer killed: transfer.cpp), as on Ctrl-C.
        ::prctl(PR_SET_PDEATHSIG, SIGINT);
        if (::getppid() != parent)
            ::_exit(1);
        if ((in >= 0 && ::dup2(in, STDIN_FILENO) < 0) || (out >= 0 && ::dup2(out, STDOUT_FILENO) < 0))
            ::_exit(127);
        ::execv(cargv[0], cargv.data());
        std::fprintf(stderr, "hutchctl: cannot run %s: %s\n", cargv[0], std::strerror(errno));
        ::_exit(127);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    return 128 + WTERMSIG(status);
}

int remoteStatus(int status, const QString &host)
{
    if (status == 255)
        return fail(QStringLiteral("ssh to %1 failed (see its message above)").arg(host));
    return status;
}

namespace {

int relay(const QString &host, const QStringList &args, bool terminal)
{
    auto argv = client::remoteHutchctl(host, args, terminal);
    if (!argv)
        return fail(argv.error());
    return remoteStatus(runWith(*argv, -1, -1), host);
}

// export NAME FILE: the remote hutchctl writes the archive to its stdout,
// ssh carries it into FILE, made here (and removed if the export fails).
int relayExport(const QString &host, const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption compression(opt("compression"), opt("xz, gz, zst or none."), opt("KIND"));
    p.addOption(compression);
    int status = 0;
    if (!parseArgs(p, args, opt("export NAME FILE [--compression KIND]"), opt("Export from the remote host into FILE."),
                   2, 2, &status))
        return status;
    const QString name = p.positionalArguments().at(0), file = p.positionalArguments().at(1);
    QString kind = p.value(compression);
    for (const auto &[suffix, k] : {std::pair{".tar.xz", "xz"}, std::pair{".tar.gz", "gz"},
                                    std::pair{".tar.zst", "zst"}, std::pair{".tar", "none"}})
        if (kind.isEmpty() && file.endsWith(QLatin1String(suffix)))
            kind = QLatin1String(k);
    if (kind.isEmpty())
        return fail(QStringLiteral("%1: the name must end in .tar, .tar.gz, .tar.xz or .tar.zst").arg(file));
    auto argv = client::remoteHutchctl(host, {opt("export"), name, opt("-"), opt("--compression"), kind}, false, true);
    if (!argv)
        return fail(argv.error());
    if (file == QLatin1String("-"))  // on our standard output too (a copy between hosts)
        return remoteStatus(runWith(*argv, -1, -1), host);
    const int fd = ::open(QFile::encodeName(file).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        return fail(QStringLiteral("cannot create %1: %2").arg(file, QString::fromLocal8Bit(std::strerror(errno))));
    const int result = remoteStatus(runWith(*argv, -1, fd), host);
    ::close(fd);
    if (result != Ok)
        ::unlink(QFile::encodeName(file).constData());  // ours, and incomplete
    return result;
}

// import FILE [...]: ssh carries FILE to the remote hutchctl's stdin.
int relayImport(const QString &host, const QStringList &args)
{
    // From our standard input (a copy between hosts), --help or a usage
    // error: the remote hutchctl reads or says it.
    if (args.size() < 2 || args.at(1).startsWith(QLatin1Char('-'))) {
        auto argv = client::remoteHutchctl(host, args, false, true);
        if (!argv)
            return fail(argv.error());
        return remoteStatus(runWith(*argv, -1, -1), host);
    }
    const QString file = args.at(1);
    const int fd = ::open(QFile::encodeName(file).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fail(QStringLiteral("cannot read %1: %2").arg(file, QString::fromLocal8Bit(std::strerror(errno))));
    QStringList remoteArgs = args;
    remoteArgs[1] = opt("-");
    auto argv = client::remoteHutchctl(host, remoteArgs, false, true);
    if (!argv) {
        ::close(fd);
        return fail(argv.error());
    }
    const int result = remoteStatus(runWith(*argv, fd, -1), host);
    ::close(fd);
    return result;
}

}  // namespace

std::optional<int> runRemotely(const QString &command, const QStringList &args)
{
    const QString host = client::remoteHost();
    if (host.isEmpty())
        return std::nullopt;
    if (auto err = client::validateHost(host))
        return fail(*err);
    const bool terminal = ::isatty(STDIN_FILENO) && ::isatty(STDOUT_FILENO);
    if (command == QLatin1String("console"))
        return relay(host, args, terminal);
    if (command == QLatin1String("attach") || command == QLatin1String("execute"))
        return relay(host, args, terminal && !args.contains(opt("--no-pty")));
    if (command == QLatin1String("copy") && (args.contains(opt("--ephemeral")) || args.contains(opt("-e"))))
        return relay(host, args, terminal);
    // export --libvirt reads the config over the bridge and writes the
    // XML here, as it does locally.
    if (command == QLatin1String("export")
        && std::none_of(args.begin(), args.end(), [](const QString &a) { return a.startsWith(QLatin1String("--libvirt")); }))
        return relayExport(host, args);
    if (command == QLatin1String("import"))
        return relayImport(host, args);
    return std::nullopt;
}

}  // namespace hutch::cli
