#include "common.h"

#include "remote.h"

#include <algorithm>
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

bool refusedOverHost(const QString &what)
{
    const QString host = client::remoteHost();
    if (host.isEmpty())
        return false;
    fail(QStringLiteral("%1: a file cannot be handed to the helper on %2 (a descriptor does not cross ssh's bus "
                        "bridge); copy it there and run hutchctl on %2")
             .arg(what, host));
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

void printTable(const QList<QStringList> &rows, const QList<bool> &rightAligned, int gap)
{
    QList<qsizetype> widths;
    for (const QStringList &row : rows)
        for (qsizetype i = 0; i < row.size(); ++i) {
            if (widths.size() <= i)
                widths << 0;
            widths[i] = std::max(widths[i], row.at(i).size());
        }
    const QString space(gap, QLatin1Char(' '));
    for (const QStringList &row : rows) {
        QString line;
        for (qsizetype i = 0; i < row.size(); ++i) {
            const bool right = i < rightAligned.size() && rightAligned.at(i);
            const QString cell = right ? row.at(i).rightJustified(widths.at(i)) : row.at(i).leftJustified(widths.at(i));
            line += (i ? space : QString()) + (i + 1 == row.size() && !right ? row.at(i) : cell);
        }
        std::printf("%s\n", qPrintable(line.trimmed()));
    }
}

}  // namespace hutch::cli
