// What every hutchctl command over D-Bus shares: the connection to
// hutch-helper, waiting for a reply, printing an error the way the lxc-*
// tools do ("hutchctl: message"), and the exit statuses.
#pragma once

#include "client.h"

#include <QCommandLineParser>
#include <QDBusObjectPath>
#include <QDBusPendingReply>

#include <functional>
#include <memory>

namespace hutch::cli {

enum Exit { Ok = 0, Failure = 1, Usage = 2 };

// Parses ARGS (ARGS[0] is the command's name) with --help; on a usage
// error prints it and returns false with *status set.
bool parseArgs(QCommandLineParser &parser, const QStringList &args, const QString &synopsis,
               const QString &description, int minPositional, int maxPositional, int *status);

// The helper's proxy on its bus, with a long call timeout (polkit may ask
// for a password). Null, with the message printed, when no bus is there.
std::unique_ptr<Helper1Proxy> connectHelper();

// With --host, a file the helper would read through a descriptor we open
// (`what`: the option naming it) cannot be handed over: a descriptor does
// not cross ssh's bus bridge. The message printed and true then.
bool refusedOverHost(const QString &what);

// Waits for a reply; false (message printed) on an error.
bool finished(QDBusPendingCall &call);
template <typename... T>
bool finished(QDBusPendingReply<T...> &reply)
{
    QDBusPendingCall &call = reply;
    return finished(call);
}

// Starts a job with `begin` (returns its path) and follows it to its end:
// a progress bar on a terminal, Ctrl-C cancels; the job's last log line to
// *lastLine (jobs.cpp).
int runJob(Helper1Proxy &helper, const std::function<QDBusPendingReply<QDBusObjectPath>()> &begin,
           QString *lastLine = nullptr);

int fail(const QString &message);
int fail(const Error &error);

// A table on stdout, columns as wide as their widest cell and `gap` spaces
// apart; the columns marked in `rightAligned` aligned right, the last one
// unpadded when it is aligned left.
void printTable(const QList<QStringList> &rows, const QList<bool> &rightAligned = {}, int gap = 1);

}  // namespace hutch::cli
