// hutchctl top (lxc-top) and ps (lxc-ps): what running containers use and
// which processes they run, from the helper's GetStats and ListProcesses.
#include "commands.h"

#include "common.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace hutch::cli {

namespace {

QString opt(const char *name) { return QString::fromLatin1(name); }

std::atomic_bool g_stop = false;

QString human(quint64 bytes)
{
    static const char *units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double v = double(bytes);
    int u = 0;
    while (v >= 1024.0 && u < 4) {
        v /= 1024.0;
        ++u;
    }
    return u == 0 ? QStringLiteral("%1 B").arg(bytes) : QStringLiteral("%1 %2").arg(v, 0, 'f', 2).arg(QLatin1String(units[u]));
}

QString seconds(quint64 ns)
{
    return QString::number(double(ns) / 1e9, 'f', 2);
}

struct Sample {
    QString name;
    quint64 cpuNs = 0, memory = 0, ioRead = 0, ioWrite = 0, pids = 0;
};

// GetStats of every running container, asked all at once; `states`, when
// given, gets every container's state (stopped ones too).
bool sample(Helper1Proxy &helper, QList<Sample> *out, QList<std::pair<QString, QString>> *states = nullptr)
{
    auto list = helper.ListContainers({});
    if (!finished(list))
        return false;
    if (states)
        states->clear();
    QList<std::pair<QString, QDBusPendingReply<QVariantMap>>> pending;
    for (const QVariantMap &c : list.value()) {
        if (states)
            states->append({c.value(opt("name")).toString(), c.value(opt("state")).toString()});
        if (c.value(opt("state")).toString() != QLatin1String("STOPPED"))
            pending.append({c.value(opt("name")).toString(), helper.GetStats(c.value(opt("name")).toString(), {})});
    }
    out->clear();
    for (auto &[name, reply] : pending) {
        reply.waitForFinished();
        if (reply.isError())
            continue;  // stopped meanwhile
        const QVariantMap s = reply.value();
        *out << Sample{name, s.value(opt("cpu_ns")).toULongLong(), s.value(opt("memory")).toULongLong(),
                       s.value(opt("io_read")).toULongLong(), s.value(opt("io_write")).toULongLong(),
                       s.value(opt("pids")).toULongLong()};
    }
    return true;
}

// One line of JSON for a round of `top --json`: every container with its
// state, the running ones with their use (cpu_percent from the second
// round on: it is the use over the delay). The GUI's host list reads it.
void printJsonRound(const QList<std::pair<QString, QString>> &states, const QList<Sample> &now,
                    const QList<Sample> &before, double elapsedNs, bool withPercent)
{
    QJsonArray containers;
    for (const auto &[name, state] : states) {
        QJsonObject o{{opt("name"), name}, {opt("state"), state}};
        for (const Sample &s : now) {
            if (s.name != name)
                continue;
            o.insert(opt("cpu_ns"), double(s.cpuNs));
            o.insert(opt("memory"), double(s.memory));
            o.insert(opt("pids"), double(s.pids));
            for (const Sample &b : before)
                if (withPercent && b.name == name && s.cpuNs >= b.cpuNs && elapsedNs > 0)
                    o.insert(opt("cpu_percent"), 100.0 * double(s.cpuNs - b.cpuNs) / elapsedNs);
        }
        containers.append(o);
    }
    std::printf("%s\n", QJsonDocument(QJsonObject{{opt("containers"), containers}}).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

}  // namespace

int top(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption batch({opt("b"), opt("batch")},
                                   opt("Print plain tables one after another (for scripts); one unless -n says more."));
    const QCommandLineOption iterations({opt("n"), opt("iterations")}, opt("Stop after N refreshes."), opt("N"));
    const QCommandLineOption delay({opt("d"), opt("delay")}, opt("Seconds between refreshes (default 1; CPU % is over it)."),
                                   opt("SECONDS"));
    const QCommandLineOption json(opt("json"),
                                  opt("One line of JSON per refresh: every container's state, the running ones' use "
                                      "(name, state, cpu_ns, cpu_percent, memory, pids); the first at once."));
    p.addOptions({batch, iterations, delay, json});
    int status = 0;
    if (!parseArgs(p, args, opt("top [--batch | --json] [-n N] [-d SECONDS]"),
                   opt("What every running container uses (lxc-top): CPU, memory, block I/O, processes; "
                       "refreshed until Ctrl-C."), 0, 0, &status))
        return status;
    bool ok = true;
    const double delaySeconds = p.isSet(delay) ? p.value(delay).toDouble(&ok) : 1.0;
    if (!ok || delaySeconds < 0.05 || delaySeconds > 3600)
        return fail(QStringLiteral("--delay: a number of seconds from 0.05 to 3600"));
    const int rounds = p.isSet(iterations) ? p.value(iterations).toInt(&ok) : (p.isSet(batch) ? 1 : 0);
    if (!ok || rounds < 0)
        return fail(QStringLiteral("--iterations: a number, 1 or more (0: until Ctrl-C)"));
    const bool screen = !p.isSet(batch) && !p.isSet(json) && ::isatty(STDOUT_FILENO);
    auto helper = connectHelper();
    if (!helper)
        return Failure;

    QList<Sample> before;
    QList<std::pair<QString, QString>> states;
    if (!sample(*helper, &before, &states))
        return Failure;
    QElapsedTimer clock;
    clock.start();
    if (p.isSet(json))
        printJsonRound(states, before, {}, 0, false);
    std::signal(SIGINT, [](int) { g_stop = true; });
    for (int round = 0; (rounds == 0 || round < rounds) && !g_stop; ++round) {
        // CPU % is the use over the delay: wait it out, in slices, for Ctrl-C.
        for (int slept = 0; slept < int(delaySeconds * 1000) && !g_stop; slept += 50)
            QThread::msleep(50);
        QList<Sample> now;
        if (!sample(*helper, &now, &states))
            return Failure;
        const double elapsedNs = double(clock.nsecsElapsed());
        clock.restart();
        if (p.isSet(json)) {
            printJsonRound(states, now, before, elapsedNs, true);
            before = now;
            continue;
        }
        QList<QStringList> rows = {{opt("Container"), opt("CPU %"), opt("CPU time (s)"), opt("Memory"), opt("Block read"),
                                    opt("Block write"), opt("Processes")}};
        Sample total{opt("TOTAL")};
        double totalPercent = 0;
        for (const Sample &s : std::as_const(now)) {
            quint64 previous = s.cpuNs;
            for (const Sample &b : std::as_const(before))
                if (b.name == s.name)
                    previous = b.cpuNs;
            const double percent = s.cpuNs >= previous ? 100.0 * double(s.cpuNs - previous) / elapsedNs : 0.0;
            rows << QStringList{s.name, QString::number(percent, 'f', 1), seconds(s.cpuNs), human(s.memory),
                                human(s.ioRead), human(s.ioWrite), QString::number(s.pids)};
            totalPercent += percent;
            total.cpuNs += s.cpuNs;
            total.memory += s.memory;
            total.ioRead += s.ioRead;
            total.ioWrite += s.ioWrite;
            total.pids += s.pids;
        }
        rows << QStringList{QStringLiteral("TOTAL (%1)").arg(now.size()), QString::number(totalPercent, 'f', 1),
                            seconds(total.cpuNs), human(total.memory), human(total.ioRead), human(total.ioWrite),
                            QString::number(total.pids)};
        if (screen)
            std::printf("\033[H\033[2J");
        else if (round > 0)
            std::printf("\n");
        printTable(rows, {false, true, true, true, true, true, true}, 2);
        std::fflush(stdout);
        before = now;
    }
    std::signal(SIGINT, SIG_DFL);
    return Ok;
}

int ps(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption json(opt("json"), opt("Every field the helper gives, as JSON."));
    p.addOption(json);
    int status = 0;
    if (!parseArgs(p, args, opt("ps NAME... [--json]"),
                   opt("The processes of running containers (lxc-ps): the pid on the host and inside, "
                       "the parent's host pid, host uid, state, CPU time, resident memory, command."),
                   1, 1000, &status))
        return status;
    auto helper = connectHelper();
    if (!helper)
        return Failure;
    QList<QStringList> rows = {{opt("CONTAINER"), opt("PID"), opt("NSPID"), opt("PPID"), opt("UID"), opt("S"),
                                opt("TIME"), opt("RSS"), opt("COMMAND")}};
    QJsonObject all;
    for (const QString &name : p.positionalArguments()) {
        auto reply = helper->ListProcesses(name, {});
        if (!finished(reply))
            return Failure;
        QJsonArray array;
        for (const QVariantMap &proc : reply.value()) {
            array << QJsonObject::fromVariantMap(proc);
            rows << QStringList{name, proc.value(opt("pid")).toString(), proc.value(opt("ns_pid")).toString(),
                                proc.value(opt("ppid")).toString(), proc.value(opt("uid")).toString(),
                                proc.value(opt("state")).toString(), seconds(proc.value(opt("cpu_ns")).toULongLong()),
                                human(proc.value(opt("rss")).toULongLong()), proc.value(opt("command")).toString()};
        }
        all.insert(name, array);
    }
    if (p.isSet(json))
        std::printf("%s\n", QJsonDocument(all).toJson(QJsonDocument::Indented).constData());
    else
        printTable(rows, {false, true, true, true, true, false, true, true, false}, 2);
    return Ok;
}

}  // namespace hutch::cli
