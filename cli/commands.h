// hutchctl's commands over D-Bus, shaped like the lxc-* tools. Each takes
// its arguments with ARGS[0] its own name and returns the exit status.
#pragma once

#include <QStringList>

#include <optional>

namespace hutch::cli {

// commands.cpp
int list(const QStringList &args);
int info(const QStringList &args);
int templates(const QStringList &args);
int lifecycle(const QString &command, const QStringList &args);  // start stop shutdown reboot freeze unfreeze
int wait(const QStringList &args);
int cgroup(const QStringList &args);
int config(const QStringList &args);
int rename(const QStringList &args);
int monitor(const QStringList &args);
int log(const QStringList &args);
int settings(const QStringList &args);

// jobs.cpp
int create(const QStringList &args);
int clone(const QStringList &args);
int destroy(const QStringList &args);
int snapshot(const QStringList &args);
int exportArchive(const QStringList &args);
int importArchive(const QStringList &args);

// top.cpp
int top(const QStringList &args);
int ps(const QStringList &args);

// copy.cpp
int copy(const QStringList &args);
// file push / file pull (files.cpp).
int file(const QStringList &args);

// transfer.cpp: copy/move [HOST1:]NAME HOST2:[NEW] between hosts
int transfer(const QString &command, const QStringList &args);

// remote.cpp: with --host, the commands that run as hutchctl on the remote
// host (console, attach, execute, export, import); nothing for the others.
std::optional<int> runRemotely(const QString &command, const QStringList &args);
// `argv` with `in` and `out` as its standard input and output (-1: ours),
// ending with us; its exit status.
int runWith(const QStringList &argv, int in, int out);
// ssh's own failure (255) said in a sentence naming HOST; another status as it is.
int remoteStatus(int status, const QString &host);

// hostcheck.cpp
int checkHost(const QStringList &args);

// console.cpp
int console(const QStringList &args);

// attach.cpp
int attach(const QStringList &args);
int execute(const QStringList &args);

}  // namespace hutch::cli
