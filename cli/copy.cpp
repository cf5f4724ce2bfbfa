// hutchctl copy NAME --ephemeral: a throwaway copy (lxc-copy -e), removed
// by its monitor when it stops. With a command, the command runs in it
// (as hutchctl attach runs it: output streamed, exit status returned), then
// the copy is stopped, which removes it.
#include "commands.h"

#include "common.h"

#include <cstdio>

#include <algorithm>

namespace hutch::cli {

int copy(const QStringList &args)
{
    const qsizetype dashes = args.indexOf(QStringLiteral("--"));
    const QStringList own = dashes < 0 ? args : args.mid(0, dashes);
    const QStringList command = dashes < 0 ? QStringList() : args.mid(dashes + 1);
    // HOST1:NAME HOST2:[NEW]: a copy between hosts (transfer.cpp).
    if (dashes < 0 && !args.contains(QStringLiteral("--ephemeral")) && !args.contains(QStringLiteral("-e"))
        && std::any_of(args.begin() + 1, args.end(), [](const QString &a) { return !a.startsWith(QLatin1Char('-')) && a.contains(QLatin1Char(':')); }))
        return transfer(QStringLiteral("copy"), args);
    QCommandLineParser p;
    const QCommandLineOption ephemeral({QStringLiteral("e"), QStringLiteral("ephemeral")},
                                       QStringLiteral("An overlay copy removed when it stops (the only kind so far)."));
    const QCommandLineOption newName({QStringLiteral("N"), QStringLiteral("name")},
                                     QStringLiteral("The copy's name (default: NAME-XXXXXXXX)."), QStringLiteral("NEW"));
    p.addOptions({ephemeral, newName});
    int status = 0;
    const QString synopsis = QStringLiteral("copy NAME --ephemeral [--name NEW] [-- COMMAND [ARG...]]");
    if (!parseArgs(p, own, synopsis,
                   QStringLiteral("Start a throwaway copy of the stopped container NAME (lxc-copy -e), removed when it "
                                  "stops. With a command: run it in the copy, exit with its status, remove the copy."),
                   1, 1, &status))
        return status;
    if (!p.isSet(ephemeral))
        return fail(QStringLiteral("copy makes throwaway copies only (--ephemeral); hutchctl clone keeps one"));
    const QString source = p.positionalArguments().at(0);
    auto helper = connectHelper();
    if (!helper)
        return Failure;
    auto reply = helper->StartEphemeral(source, p.value(newName), {});
    if (!finished(reply))
        return Failure;
    const QString name = reply.value();
    if (command.isEmpty()) {
        std::printf("%s\n", qPrintable(name));
        std::fprintf(stderr, "hutchctl: started the throwaway copy \"%s\"; it is removed when it stops\n",
                     qPrintable(name));
        return Ok;
    }
    const int code = attach(QStringList{QStringLiteral("attach"), name, QStringLiteral("--")} + command);
    // Stop answers once STOPPED, and the monitor removes the copy before that.
    auto stopped = helper->Stop(name, {});
    if (!finished(stopped))
        return Failure;
    return code;
}

}  // namespace hutch::cli
