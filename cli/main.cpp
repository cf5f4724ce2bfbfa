// hutchctl: the command line of Hutch, for scripts and terminals.
#include "checkconfig.h"

#include <QCoreApplication>

#include <cstdio>

namespace {

void usage(FILE *to)
{
    std::fputs("usage: hutchctl COMMAND [ARGS]\n"
               "\n"
               "Commands:\n"
               "  check-config FILE [--update] [--json]\n"
               "      check an LXC container config; --update rewrites legacy keys,\n"
               "      --json prints the effective configuration\n"
               "  help     this text\n"
               "  version  print the version\n",
               to);
}

}  // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("hutchctl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HUTCH_VERSION));
    QStringList args = QCoreApplication::arguments();
    if (args.size() < 2) {
        usage(stderr);
        return 2;
    }
    const QString command = args.at(1);
    // The subcommand sees itself as argv[0], as QCommandLineParser expects.
    args.removeFirst();
    if (command == QLatin1String("check-config"))
        return hutch::cli::checkConfig(args);
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
