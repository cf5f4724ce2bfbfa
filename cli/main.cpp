// hutchctl: the command line of Hutch, for scripts and terminals. Every
// command but check-config talks to hutch-helper over D-Bus
// ($HUTCH_BUS_ADDRESS, else the system bus; with --host [USER@]HOST or
// $HUTCH_HOST, another machine's system bus over ssh: remote.cpp);
// polkit decides what it may do.
#include "checkconfig.h"
#include "commands.h"

#include <QCoreApplication>

#include <cstdio>
#include <functional>

namespace {

struct Command {
    const char *name;
    const char *synopsis;
    std::function<int(const QStringList &)> run;
};

const QList<Command> &commands()
{
    auto lc = [](const char *name) {
        return [name](const QStringList &a) { return hutch::cli::lifecycle(QString::fromLatin1(name), a); };
    };
    static const QList<Command> table = {
        {"list", "list [--fancy | --json] [--running | --stopped]", hutch::cli::list},
        {"info", "info NAME", hutch::cli::info},
        {"create", "create NAME -t TEMPLATE [-B BACKEND] [-b USER] [-S KEY.pub] [-u USER-DATA] [-- TEMPLATE-OPTIONS]", hutch::cli::create},
        {"clone", "clone SOURCE NEWNAME [--snapshot]", hutch::cli::clone},
        {"copy", "copy NAME --ephemeral [--name NEW] [-- COMMAND [ARG...]] | [HOST1:]NAME HOST2:[NEW]", hutch::cli::copy},
        {"move", "move [HOST1:]NAME HOST2:[NEW]", [](const QStringList &a) { return hutch::cli::transfer(QStringLiteral("move"), a); }},
        {"rename", "rename NAME NEWNAME", hutch::cli::rename},
        {"file", "file push [-r] [-p] [--uid N] [--gid N] [--mode M] SRC... NAME/PATH | file pull [-r] [-p] NAME/PATH DEST", hutch::cli::file},
        {"export", "export NAME FILE | NAME --libvirt FILE.xml", hutch::cli::exportArchive},
        {"import", "import FILE [--name NEWNAME] [-B BACKEND]", hutch::cli::importArchive},
        {"snapshot", "snapshot NAME [-c COMMENT] | NAME --list | NAME --restore SNAP | NAME --destroy SNAP", hutch::cli::snapshot},
        {"destroy", "destroy NAME [--force]", hutch::cli::destroy},
        {"start", "start NAME", lc("start")},
        {"stop", "stop NAME [--kill] [--timeout N]", lc("stop")},
        {"shutdown", "shutdown NAME [--timeout N]", lc("shutdown")},
        {"reboot", "reboot NAME", lc("reboot")},
        {"freeze", "freeze NAME", lc("freeze")},
        {"unfreeze", "unfreeze NAME", lc("unfreeze")},
        {"wait", "wait NAME --state STATE [--timeout N]", hutch::cli::wait},
        {"console", "console NAME [--tty N] [--escape LETTER]", hutch::cli::console},
        {"attach", "attach NAME [--keep-env] [-v VAR=VALUE] [--pty | --no-pty] -- COMMAND [ARG...]", hutch::cli::attach},
        {"execute", "execute NAME -- COMMAND [ARG...]", hutch::cli::execute},
        {"cgroup", "cgroup NAME KEY [VALUE]", hutch::cli::cgroup},
        {"config", "config NAME [KEY [VALUE]] [--append | --remove] | NAME --text | NAME --replace FILE", hutch::cli::config},
        {"log", "log NAME [--lines N]", hutch::cli::log},
        {"top", "top [--batch | --json] [-n N] [-d SECONDS]", hutch::cli::top},
        {"ps", "ps NAME... [--json]", hutch::cli::ps},
        {"settings", "settings", hutch::cli::settings},
        {"monitor", "monitor [REGEX]", hutch::cli::monitor},
        {"templates", "templates", hutch::cli::templates},
        {"check-config", "check-config FILE [--update] [--json]", hutch::cli::checkConfig},
        {"check-host", "check-host [--json]", hutch::cli::checkHost},
    };
    return table;
}

void usage(FILE *to)
{
    std::fputs("usage: hutchctl [--host [USER@]HOST] COMMAND [ARGS]   (hutchctl COMMAND --help for more)\n\nCommands:\n", to);
    for (const Command &c : commands())
        std::fprintf(to, "  %s\n", c.synopsis);
    std::fputs("  help | version\n"
               "\nThe helper is reached on $HUTCH_BUS_ADDRESS, else on the system bus; with --host (or\n"
               "$HUTCH_HOST) on HOST's system bus through ssh ($HUTCH_SSH_CONFIG: an ssh_config file).\n",
               to);
}

}  // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("hutchctl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HUTCH_VERSION));
    QStringList args = QCoreApplication::arguments();
    // --host [USER@]HOST (or --host=...) before the command: $HUTCH_HOST for the rest.
    if (args.size() >= 2 && args.at(1).startsWith(QLatin1String("--host="))) {
        qputenv("HUTCH_HOST", args.at(1).mid(7).toLocal8Bit());
        args.removeAt(1);
    } else if (args.size() >= 3 && (args.at(1) == QLatin1String("--host") || args.at(1) == QLatin1String("-H"))) {
        qputenv("HUTCH_HOST", args.at(2).toLocal8Bit());
        args.remove(1, 2);
    }
    if (args.size() < 2) {
        usage(stderr);
        return 2;
    }
    const QString command = args.at(1);
    // The subcommand sees itself as argv[0], as QCommandLineParser expects.
    args.removeFirst();
    if (auto status = hutch::cli::runRemotely(command, args))
        return *status;
    for (const Command &c : commands())
        if (command == QLatin1String(c.name))
            return c.run(args);
    if (command == QLatin1String("help") || command == QLatin1String("--help") || command == QLatin1String("-h")) {
        usage(stdout);
        return 0;
    }
    if (command == QLatin1String("version") || command == QLatin1String("--version")) {
        std::printf("hutchctl %s\n", HUTCH_VERSION);
        return 0;
    }
    std::fprintf(stderr, "hutchctl: unknown command \"%s\"\n", qPrintable(command));
    usage(stderr);
    return 2;
}
