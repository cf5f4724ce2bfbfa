// hutchctl: listing, lifecycle, waiting, limits and config, monitor.
#include "commands.h"

#include "common.h"
#include "watchers.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace hutch::cli {

namespace {

QString opt(const char *name) { return QString::fromLatin1(name); }

QString joined(const QVariant &v)
{
    return v.toStringList().join(QLatin1Char(','));
}

QString mib(quint64 bytes)
{
    return QString::number(double(bytes) / (1024.0 * 1024.0), 'f', 2) + QStringLiteral(" MiB");
}

QString dash(const QString &s) { return s.isEmpty() ? QStringLiteral("-") : s; }

}  // namespace

int list(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption fancy({opt("f"), opt("fancy")}, opt("A table: name, state, autostart, pid, addresses, memory limit."));
    const QCommandLineOption json(opt("json"), opt("Everything the helper knows, as JSON."));
    const QCommandLineOption running(opt("running"), opt("Only running containers."));
    const QCommandLineOption stopped(opt("stopped"), opt("Only stopped containers."));
    p.addOptions({fancy, json, running, stopped});
    int status = 0;
    if (!parseArgs(p, args, opt("list [--fancy | --json] [--running | --stopped]"),
                   opt("List the containers (lxc-ls)."), 0, 0, &status))
        return status;
    auto helper = connectHelper();
    if (!helper)
        return Failure;
    auto reply = helper->ListContainers({});
    if (!finished(reply))
        return Failure;
    QList<QVariantMap> containers;
    for (const QVariantMap &raw : reply.value()) {
        const QVariantMap c = client::plainMap(raw);
        const bool isStopped = c.value(opt("state")).toString() == QLatin1String("STOPPED");
        if ((p.isSet(running) && isStopped) || (p.isSet(stopped) && !isStopped))
            continue;
        containers << c;
    }
    if (p.isSet(json)) {
        QJsonArray array;
        for (const QVariantMap &c : std::as_const(containers))
            array.append(QJsonObject::fromVariantMap(c));
        std::printf("%s", QJsonDocument(array).toJson(QJsonDocument::Indented).constData());
        return Ok;
    }
    if (p.isSet(fancy)) {
        QList<QStringList> rows{{opt("NAME"), opt("STATE"), opt("AUTOSTART"), opt("PID"), opt("IPV4"), opt("IPV6"),
                                 opt("MEMORY"), opt("UNPRIVILEGED")}};
        for (const QVariantMap &c : std::as_const(containers)) {
            const qint64 pid = c.value(opt("pid")).toLongLong();
            rows << QStringList{c.value(opt("name")).toString(),
                                c.value(opt("broken")).toBool() ? opt("BROKEN") : c.value(opt("state")).toString(),
                                c.value(opt("autostart")).toBool() ? opt("1") : opt("0"),
                                pid > 0 ? QString::number(pid) : opt("-"),
                                dash(joined(c.value(opt("ipv4")))), dash(joined(c.value(opt("ipv6")))),
                                dash(c.value(opt("memory_limit")).toString()),
                                c.value(opt("privileged"), true).toBool() ? opt("false") : opt("true")};
        }
        printTable(rows);
        return Ok;
    }
    for (const QVariantMap &c : std::as_const(containers))
        std::printf("%s\n", qPrintable(c.value(opt("name")).toString()));
    return Ok;
}

int info(const QStringList &args)
{
    QCommandLineParser p;
    int status = 0;
    if (!parseArgs(p, args, opt("info NAME"), opt("Show a container's state and resource use (lxc-info)."), 1, 1, &status))
        return status;
    const QString name = p.positionalArguments().at(0);
    auto helper = connectHelper();
    if (!helper)
        return Failure;
    auto reply = helper->GetContainer(name, {});
    if (!finished(reply))
        return Failure;
    const QVariantMap c = client::plainMap(reply.value());
    auto row = [](const char *label, const QString &value) { std::printf("%-15s %s\n", label, qPrintable(value)); };
    row("Name:", c.value(opt("name")).toString());
    row("State:", c.value(opt("state")).toString());
    if (c.value(opt("broken")).toBool())
        row("Problem:", c.value(opt("problem")).toString());
    const qint64 pid = c.value(opt("pid")).toLongLong();
    if (pid > 0)
        row("PID:", QString::number(pid));
    for (const QString &ip : c.value(opt("ipv4")).toStringList() + c.value(opt("ipv6")).toStringList())
        row("IP:", ip);
    row("Hostname:", c.value(opt("hostname")).toString());
    row("Rootfs:", c.value(opt("rootfs")).toString());
    if (pid <= 0)
        return Ok;
    auto stats = helper->GetStats(name, {});
    if (!finished(stats))
        return Failure;
    const QVariantMap s = client::plainMap(stats.value());
    row("CPU use:", QString::number(double(s.value(opt("cpu_ns")).toULongLong()) / 1e9, 'f', 2) + opt(" seconds"));
    row("Memory use:", mib(s.value(opt("memory")).toULongLong()));
    if (const quint64 limit = s.value(opt("memory_limit")).toULongLong())
        row("Memory limit:", mib(limit));
    row("Processes:", QString::number(s.value(opt("pids")).toULongLong()));
    row("Block I/O:", mib(s.value(opt("io_read")).toULongLong()) + opt(" read, ") + mib(s.value(opt("io_write")).toULongLong())
                          + opt(" written"));
    row("Network:", mib(s.value(opt("net_rx")).toULongLong()) + opt(" received, ") + mib(s.value(opt("net_tx")).toULongLong())
                        + opt(" sent"));
    return Ok;
}

int templates(const QStringList &args)
{
    QCommandLineParser p;
    int status = 0;
    if (!parseArgs(p, args, opt("templates"), opt("List the templates and their options."), 0, 0, &status))
        return status;
    auto helper = connectHelper();
    if (!helper)
        return Failure;
    auto reply = helper->ListTemplates({});
    if (!finished(reply))
        return Failure;
    for (const QVariantMap &raw : reply.value()) {
        const QVariantMap t = client::plainMap(raw);
        std::printf("%s: %s\n", qPrintable(t.value(opt("name")).toString()), qPrintable(t.value(opt("description")).toString()));
        for (const QVariant &o : t.value(opt("options")).toList()) {
            const QVariantMap m = o.toMap();
            const QString type = m.value(opt("type")).toString();
            const QString arg = type == QLatin1String("bool") ? QString()
                : type == QLatin1String("path") ? QStringLiteral(" FILE")
                : type == QLatin1String("secret") ? QStringLiteral(" FILE|-")
                : type == QLatin1String("choice") ? QStringLiteral(" ") + m.value(opt("choices")).toStringList().join(QLatin1Char('|'))
                                                  : QStringLiteral(" ") + type.toUpper();
            const QString def = m.value(opt("default")).toString();
            std::printf("  --%s%s  %s%s\n", qPrintable(m.value(opt("name")).toString()), qPrintable(arg),
                        qPrintable(m.value(opt("description")).toString()),
                        def.isEmpty() ? "" : qPrintable(QStringLiteral(" (default: %1)").arg(def)));
        }
    }
    return Ok;
}

int lifecycle(const QString &command, const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption kill({opt("k"), opt("kill")}, opt("Kill at once instead of asking init to halt."));
    const QCommandLineOption timeout({opt("t"), opt("timeout")}, opt("Seconds to wait for a clean halt before killing (default 60)."),
                                     opt("N"), opt("60"));
    QString synopsis = command + opt(" NAME");
    if (command == QLatin1String("stop")) {
        p.addOptions({kill, timeout});
        synopsis += opt(" [--kill] [--timeout N]");
    } else if (command == QLatin1String("shutdown")) {
        p.addOption(timeout);
        synopsis += opt(" [--timeout N]");
    }
    static const QHash<QString, QString> descriptions = {
        {opt("start"), opt("Start a container; returns once its init runs (lxc-start -d).")},
        {opt("stop"), opt("Stop a container: ask init to halt, kill it after the timeout; --kill at once (lxc-stop).")},
        {opt("shutdown"), opt("Ask a container's init to halt; kill it after the timeout.")},
        {opt("reboot"), opt("Ask a container's init to reboot (lxc-stop -r).")},
        {opt("freeze"), opt("Freeze every process of a container (lxc-freeze).")},
        {opt("unfreeze"), opt("Thaw a frozen container (lxc-unfreeze).")}};
    int status = 0;
    if (!parseArgs(p, args, synopsis, descriptions.value(command), 1, 1, &status))
        return status;
    const QString name = p.positionalArguments().at(0);
    bool ok = true;
    const bool timed = command == QLatin1String("stop") || command == QLatin1String("shutdown");
    const uint seconds = timed ? p.value(timeout).toUInt(&ok) : 0;
    if (!ok || seconds > 86400)
        return fail(QStringLiteral("--timeout: \"%1\" is not a number of seconds (0 to 86400)").arg(p.value(timeout)));
    auto helper = connectHelper();
    if (!helper)
        return Failure;
    QDBusPendingCall call = QDBusPendingCall::fromError(QDBusError());
    if (command == QLatin1String("start"))
        call = helper->Start(name, {});
    else if (command == QLatin1String("stop") && p.isSet(kill))
        call = helper->Stop(name, {});
    else if (command == QLatin1String("stop") || command == QLatin1String("shutdown")) {
        helper->setTimeout(int(seconds) * 1000 + 10 * 60 * 1000);
        call = helper->Shutdown(name, seconds, {});
    } else if (command == QLatin1String("reboot"))
        call = helper->Reboot(name, {});
    else if (command == QLatin1String("freeze"))
        call = helper->Freeze(name, {});
    else
        call = helper->Unfreeze(name, {});
    return finished(call) ? Ok : Failure;
}

int wait(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption state({opt("s"), opt("state")}, opt("The state(s) to wait for: RUNNING, or RUNNING|FROZEN."), opt("STATE"));
    const QCommandLineOption timeout({opt("t"), opt("timeout")}, opt("Give up after N seconds (default: a day)."), opt("N"), opt("86400"));
    p.addOptions({state, timeout});
    int status = 0;
    if (!parseArgs(p, args, opt("wait NAME --state STATE [--timeout N]"),
                   opt("Wait until a container is in a state (lxc-wait); exits 1 on timeout."), 1, 1, &status))
        return status;
    if (!p.isSet(state)) {
        std::fprintf(stderr, "usage: hutchctl wait NAME --state STATE [--timeout N]\n");
        return Usage;
    }
    bool ok = true;
    const uint seconds = p.value(timeout).toUInt(&ok);
    if (!ok || seconds > 86400)
        return fail(QStringLiteral("--timeout: \"%1\" is not a number of seconds (0 to 86400)").arg(p.value(timeout)));
    auto helper = connectHelper();
    if (!helper)
        return Failure;
    helper->setTimeout(int(seconds) * 1000 + 60 * 1000);
    auto reply = helper->WaitForState(p.positionalArguments().at(0), p.value(state), seconds, {});
    if (!finished(reply))
        return Failure;
    if (!reply.argumentAt<0>())
        return fail(QStringLiteral("timed out; \"%1\" is %2").arg(p.positionalArguments().at(0), reply.argumentAt<1>()));
    return Ok;
}

int cgroup(const QStringList &args)
{
    QCommandLineParser p;
    int status = 0;
    if (!parseArgs(p, args, opt("cgroup NAME KEY [VALUE]"),
                   opt("Read or set a cgroup value of a container (lxc-cgroup). KEY is a controller file "
                       "(memory.limit_in_bytes, memory.max) or a config key (lxc.cgroup2.memory.max).\n"
                       "Reading shows the kernel's value while the container runs, else the configured one; "
                       "setting changes the running container and its config."),
                   2, 3, &status))
        return status;
    const QStringList pos = p.positionalArguments();
    auto helper = connectHelper();
    if (!helper)
        return Failure;
    if (pos.size() == 3) {
        auto reply = helper->SetLimits(pos.at(0), {{pos.at(1), pos.at(2)}}, {});
        return finished(reply) ? Ok : Failure;
    }
    auto reply = helper->GetLimits(pos.at(0), {pos.at(1)}, {});
    if (!finished(reply))
        return Failure;
    std::printf("%s\n", qPrintable(reply.value().value(pos.at(1)).toString()));
    return Ok;
}

int config(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption append(opt("append"), opt("Add VALUE to a list key instead of replacing it."));
    const QCommandLineOption remove(opt("remove"), opt("Remove every line of KEY."));
    const QCommandLineOption text(opt("text"), opt("Print the config file as it is written, comments and all."));
    const QCommandLineOption replace(opt("replace"), opt("Replace the whole config file with FILE (- for stdin), "
                                                         "if it loads without error."), opt("FILE"));
    p.addOptions({append, remove, text, replace});
    int status = 0;
    if (!parseArgs(p, args, opt("config NAME [KEY [VALUE]] [--append | --remove] | NAME --text | NAME --replace FILE"),
                   opt("Show a container's effective config, one key's values, or change a key (atomically, "
                       "comments kept). A running container sees changes at its next start."),
                   1, 3, &status))
        return status;
    const QStringList pos = p.positionalArguments();
    if ((p.isSet(text) || p.isSet(replace)) && pos.size() != 1)
        return fail(QStringLiteral("--text and --replace take only NAME"));
    auto helper = connectHelper();
    if (!helper)
        return Failure;
    if (p.isSet(text)) {
        auto reply = helper->GetConfigText(pos.at(0), {});
        if (!finished(reply))
            return Failure;
        std::fputs(reply.value().toUtf8().constData(), stdout);
        return Ok;
    }
    if (p.isSet(replace)) {
        QFile in;
        const QString file = p.value(replace);
        const bool opened = file == QLatin1String("-") ? in.open(stdin, QIODevice::ReadOnly) : (in.setFileName(file), in.open(QIODevice::ReadOnly));
        if (!opened)
            return fail(QStringLiteral("cannot read %1: %2").arg(file, in.errorString()));
        auto reply = helper->SetConfig(pos.at(0), QString::fromUtf8(in.readAll()), {});
        return finished(reply) ? Ok : Failure;
    }
    if (pos.size() == 3 || p.isSet(remove)) {
        if (pos.size() < 2)
            return fail(QStringLiteral("--remove needs a KEY"));
        const QString mode = p.isSet(remove) ? opt("remove") : p.isSet(append) ? opt("append") : opt("set");
        auto reply = helper->SetConfigItem(pos.at(0), pos.at(1), pos.value(2), {{opt("mode"), mode}});
        return finished(reply) ? Ok : Failure;
    }
    QVariantMap options;
    if (pos.size() == 2)
        options.insert(opt("key"), pos.at(1));
    auto reply = helper->GetConfig(pos.at(0), options);
    if (!finished(reply))
        return Failure;
    for (const QVariantMap &e : reply.value()) {
        if (pos.size() == 2)
            std::printf("%s\n", qPrintable(e.value(opt("value")).toString()));
        else
            std::printf("%s = %s\n", qPrintable(e.value(opt("key")).toString()), qPrintable(e.value(opt("value")).toString()));
    }
    return Ok;
}

int log(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption lines(opt("lines"), opt("How many of the last lines (default 500)."), opt("N"), opt("500"));
    p.addOption(lines);
    int status = 0;
    if (!parseArgs(p, args, opt("log NAME [--lines N]"), opt("Print the end of a container's log."), 1, 1, &status))
        return status;
    bool ok = false;
    const uint n = p.value(lines).toUInt(&ok);
    if (!ok || n == 0)
        return fail(QStringLiteral("--lines needs a positive number, not \"%1\"").arg(p.value(lines)));
    auto helper = connectHelper();
    if (!helper)
        return Failure;
    auto reply = helper->GetLog(p.positionalArguments().at(0), {{opt("lines"), n}});
    if (!finished(reply))
        return Failure;
    std::fputs(reply.value().toUtf8().constData(), stdout);
    return Ok;
}

int settings(const QStringList &args)
{
    QCommandLineParser p;
    int status = 0;
    if (!parseArgs(p, args, opt("settings"), opt("Show the helper's settings and the default bridge's state."), 0, 0, &status))
        return status;
    auto helper = connectHelper();
    if (!helper)
        return Failure;
    auto reply = helper->GetSettings({});
    if (!finished(reply))
        return Failure;
    const QVariantMap s = client::plainMap(reply.value());
    for (const char *key : {"settingsPath", "storePath", "cachePath", "runtimePath", "defaultBackingStore",
                            "defaultBridge", "bridgeState", "bridgeSubnet", "bridgeIPv6", "dnsmasqRunning", "warning"}) {
        const QVariant v = s.value(QLatin1String(key));
        std::printf("%-20s %s\n", qPrintable(QString::fromLatin1(key) + QLatin1Char(':')),
                    qPrintable(v.metaType().id() == QMetaType::Bool ? (v.toBool() ? opt("yes") : opt("no")) : v.toString()));
    }
    return Ok;
}

int rename(const QStringList &args)
{
    QCommandLineParser p;
    int status = 0;
    if (!parseArgs(p, args, opt("rename NAME NEWNAME"), opt("Rename a stopped container (lxc-copy -R)."), 2, 2, &status))
        return status;
    auto helper = connectHelper();
    if (!helper)
        return Failure;
    auto reply = helper->RenameContainer(p.positionalArguments().at(0), p.positionalArguments().at(1), {});
    return finished(reply) ? Ok : Failure;
}

int monitor(const QStringList &args)
{
    QCommandLineParser p;
    int status = 0;
    if (!parseArgs(p, args, opt("monitor [REGEX]"),
                   opt("Print state changes of the containers whose names match REGEX (all by default) "
                       "until interrupted (lxc-monitor)."), 0, 1, &status))
        return status;
    const QRegularExpression filter(QRegularExpression::anchoredPattern(p.positionalArguments().value(0, opt(".*"))));
    if (!filter.isValid())
        return fail(QStringLiteral("bad regular expression: %1").arg(filter.errorString()));
    auto helper = connectHelper();
    if (!helper)
        return Failure;
    StatePrinter printer(filter);
    QObject::connect(helper.get(), &Helper1Proxy::StateChanged, &printer, &StatePrinter::onState);
    QObject::connect(helper.get(), &Helper1Proxy::ContainerAdded, &printer, &StatePrinter::onAdded);
    QObject::connect(helper.get(), &Helper1Proxy::ContainerRemoved, &printer, &StatePrinter::onRemoved);
    return QCoreApplication::exec();  // until a signal ends the process
}

void StatePrinter::onState(const QString &name, const QString &state)
{
    if (matches(name)) {
        std::printf("'%s' changed state to [%s]\n", qPrintable(name), qPrintable(state));
        std::fflush(stdout);
    }
}

void StatePrinter::onAdded(const QString &name)
{
    if (matches(name)) {
        std::printf("'%s' was added\n", qPrintable(name));
        std::fflush(stdout);
    }
}

void StatePrinter::onRemoved(const QString &name)
{
    if (matches(name)) {
        std::printf("'%s' was removed\n", qPrintable(name));
        std::fflush(stdout);
    }
}

bool StatePrinter::matches(const QString &name) const
{
    return m_filter.match(name).hasMatch();
}

}  // namespace hutch::cli
