#include "common.h"

#include "remote.h"

#include <cstdio>

namespace hutch::cli {

namespace {
// polkit may ask for a password: a person needs time.
constexpr int kCallTimeoutMs = 10 * 60 * 1000;
}  // namespace

bool parseArgs(QCommandLineParser &parser, const QStringList &args, const QString &synopsis,
               const QString &description, int minPositional, int maxPositional, int *status)
{
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    if (!parser.parse(args)) {
        std::fprintf(stderr, "hutchctl: %s\nusage: hutchctl %s\n", qPrintable(parser.errorText()), qPrintable(synopsis));
        *status = Usage;
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::printf("usage: hutchctl %s\n\n%s\n", qPrintable(synopsis), qPrintable(parser.helpText().section(QLatin1Char('\n'), 1)));
        *status = Ok;
        return false;
    }
    const qsizetype n = parser.positionalArguments().size();
    if (n < minPositional || (maxPositional >= 0 && n > maxPositional)) {
        std::fprintf(stderr, "usage: hutchctl %s\n", qPrintable(synopsis));
        *status = Usage;
        return false;
    }
    return true;
}

std::unique_ptr<Helper1Proxy> connectHelper()
{
    if (const QString host = client::remoteHost(); !host.isEmpty()) {
        // Said before ssh is tried: which of ssh or the host is wrong.
        if (auto err = client::validateHost(host)) {
            fail(*err);
            return nullptr;
        }
        if (auto ssh = client::sshProgram(); !ssh) {
            fail(ssh.error());
            return nullptr;
        }
    }
    const QDBusConnection bus = client::helperBus();
    if (!bus.isConnected()) {
        fail(QStringLiteral("cannot connect to %1: %2%3")
                 .arg(client::busDescription(), bus.lastError().message(),
                      client::remoteHost().isEmpty() ? QString() : QStringLiteral(" (ssh's message, if any, is above)")));
        return nullptr;
    }
    auto proxy = client::helper(bus);
    proxy->setTimeout(kCallTimeoutMs);
    return proxy;
}

bool finished(QDBusPendingCall &call)
{
    call.waitForFinished();
    if (call.isError()) {
        fail(client::toError(call.error()));
        return false;
    }
    return true;
}

int fail(const QString &message)
{
    std::fprintf(stderr, "hutchctl: %s\n", qPrintable(message));
    return Failure;
}

int fail(const Error &error)
{
    return fail(error.message);
}

}  // namespace hutch::cli
