#include "monitorlink.h"

#include "launch.h"
#include "names.h"

#include <QElapsedTimer>
#include <QRegularExpression>

namespace hutch {

namespace {

std::string s(const QString &q) { return q.toStdString(); }
QString q(const std::string &s) { return QString::fromStdString(s); }

}  // namespace

Error toError(const rt::Error &e)
{
    return {e.code, e.sysErrno, q(e.message)};
}

Result<MonitorLink> MonitorLink::connect(const HelperSettings &settings, const QString &name)
{
    if (auto err = validateContainerName(name))
        return *err;
    return open(settings, name);
}

Result<MonitorLink> MonitorLink::connect(const HelperSettings &settings, const LoadedContainer &container)
{
    return open(settings, container.name());
}

Result<MonitorLink> MonitorLink::open(const HelperSettings &settings, const QString &name)
{
    auto client = rt::MonitorClient::connect(s(monitorSocketPath(settings, name)));
    if (!client)
        return Error{Error::Code::NotFound, client.error().sysErrno,
                     QStringLiteral("container \"%1\" is not running").arg(name)};
    return MonitorLink(std::move(*client), name);
}

Result<QString> MonitorLink::ask(const std::string &request, const char *verb, std::vector<UniqueFd> *fds,
                                 int timeoutMs)
{
    std::vector<UniqueFd> ignored;
    auto reply = m_client.request(request, fds ? fds : &ignored, timeoutMs);
    if (!reply)
        return toError(reply.error()).wrap(QStringLiteral("%1 \"%2\"").arg(QLatin1String(verb), m_name));
    return q(*reply);
}

Status MonitorLink::askStatus(const std::string &request, const char *verb)
{
    auto reply = ask(request, verb);
    if (!reply)
        return reply.error();
    return std::nullopt;
}

Result<MonitorState> MonitorLink::state()
{
    // "ok STATE PID"
    auto reply = ask("state", "state");
    if (!reply)
        return reply.error();
    const QStringList words = reply->split(QLatin1Char(' '), Qt::SkipEmptyParts);
    MonitorState out;
    if (!words.isEmpty())
        out.state = words.at(0);
    if (words.size() > 1)
        out.pid = words.at(1).toLongLong();
    return out;
}

Status MonitorLink::stop() { return askStatus("stop", "stop"); }

Status MonitorLink::shutdown(int timeoutMs)
{
    return askStatus("shutdown " + std::to_string(std::max(timeoutMs, 0)), "shutdown");
}

Status MonitorLink::reboot() { return askStatus("reboot", "reboot"); }
Status MonitorLink::freeze() { return askStatus("freeze", "freeze"); }
Status MonitorLink::unfreeze() { return askStatus("unfreeze", "unfreeze"); }

Status MonitorLink::signal(int signal)
{
    return askStatus("signal " + std::to_string(signal), "signal");
}

namespace {

// A file of the container's own cgroup directory: one name, no path.
bool isCgroupFileName(const QString &file)
{
    static const QRegularExpression name(QStringLiteral("^[a-z_]+\\.[A-Za-z0-9_.]+$"));
    return name.match(file).hasMatch();
}

}  // namespace

Result<QString> MonitorLink::cgroupGet(bool v2, const QString &file)
{
    if (!isCgroupFileName(file))
        return Error::invalid(QStringLiteral("cgroup.get \"%1\": not a cgroup file name").arg(file));
    return ask(std::string("cgroup.get ") + (v2 ? "1 " : "0 ") + s(file), "cgroup.get");
}

Status MonitorLink::cgroupSet(bool v2, const QString &file, const QString &value)
{
    if (!isCgroupFileName(file))
        return Error::invalid(QStringLiteral("cgroup.set \"%1\": not a cgroup file name").arg(file));
    if (value.contains(QLatin1Char('\n')))
        return Error::invalid(QStringLiteral("%1: a value of one line").arg(file));
    return askStatus(std::string("cgroup.set ") + (v2 ? "1 " : "0 ") + s(file) + " " + s(value), "cgroup.set");
}

Result<UniqueFd> MonitorLink::openTty(int tty, TtyMode mode)
{
    const char *modeName = mode == TtyMode::Follow ? "follow" : mode == TtyMode::Write ? "write" : "takeover";
    std::vector<UniqueFd> fds;
    auto reply = ask("tty " + std::to_string(tty) + " " + modeName, "tty", &fds);
    if (!reply)
        return reply.error();
    if (fds.empty())
        return Error::failed(QStringLiteral("tty %1 of \"%2\": the monitor passed no terminal").arg(tty).arg(m_name));
    return std::move(fds.front());
}

Result<UniqueFd> MonitorLink::openConsole()
{
    std::vector<UniqueFd> fds;
    auto reply = ask("console", "console", &fds);
    if (!reply)
        return reply.error();
    if (fds.empty())
        return Error::failed(QStringLiteral("console of \"%1\": the monitor passed no terminal").arg(m_name));
    return std::move(fds.front());
}

Status MonitorLink::resize(int tty, int rows, int cols)
{
    return askStatus("resize " + std::to_string(tty) + " " + std::to_string(rows) + " " + std::to_string(cols),
                     "resize");
}

Result<QString> MonitorLink::subscribe(int timeoutMs, bool addresses)
{
    if (auto err = requestSubscription(addresses))
        return *err;
    return subscription(timeoutMs);
}

Status MonitorLink::requestSubscription(bool addresses)
{
    if (auto err = m_client.send(addresses ? "subscribe addresses" : "subscribe"))
        return toError(*err).wrap(QStringLiteral("subscribe \"%1\"").arg(m_name));
    return std::nullopt;
}

Result<QString> MonitorLink::subscription(int timeoutMs)
{
    // "ok STATE"
    std::vector<UniqueFd> ignored;
    auto reply = m_client.reply("subscribe", &ignored, timeoutMs);
    if (!reply)
        return toError(reply.error()).wrap(QStringLiteral("subscribe \"%1\"").arg(m_name));
    return q(*reply).section(QLatin1Char(' '), 0, 0);
}

Result<MonitorStats> MonitorLink::stats()
{
    // "ok cpu_ns=.. memory=.. memory_limit=.. pids=.. io_read=.. io_write=.. oom_kills=.."
    auto reply = ask("stats", "stats");
    if (!reply)
        return reply.error();
    MonitorStats out;
    const std::pair<const char *, quint64 *> fields[] = {
        {"cpu_ns", &out.cpuNs}, {"memory", &out.memory},    {"memory_limit", &out.memoryLimit}, {"pids", &out.pids},
        {"io_read", &out.ioRead}, {"io_write", &out.ioWrite}, {"oom_kills", &out.oomKills}};
    for (const QString &pair : reply->split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QString key = pair.section(QLatin1Char('='), 0, 0);
        for (const auto &[name, field] : fields)
            if (key == QLatin1String(name))
                *field = pair.section(QLatin1Char('='), 1).toULongLong();
    }
    return out;
}

Result<QStringList> MonitorLink::addresses()
{
    // "ok" and then one "LINK ADDRESS/PREFIX" a line
    auto reply = ask("addresses", "addresses");
    if (!reply)
        return reply.error();
    return reply->split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

Result<MonitorLink::Attached> MonitorLink::attach(const rt::AttachRequest &request)
{
    // "ok PID" with the pty master, or the two sockets of pipes mode
    Attached out;
    auto reply = ask(request.serialize(), "attach", &out.fds, 15000);
    if (!reply)
        return reply.error();
    if (out.fds.size() != (request.pty ? 1u : 2u))
        return Error::failed(QStringLiteral("attach to \"%1\": the monitor passed no terminal").arg(m_name));
    out.pid = reply->toLongLong();
    return out;
}

Result<MonitorEvent> MonitorLink::nextEvent(int timeoutMs)
{
    // "state STATE", "exit N", "signal N", or "addresses" and one
    // "LINK ADDRESS/PREFIX" a line
    auto message = m_client.nextEvent(timeoutMs);
    if (!message)
        return toError(message.error());
    const QString text = q(*message);
    if (text == QLatin1String("addresses") || text.startsWith(QLatin1String("addresses\n"))) {
        MonitorEvent event;
        event.kind = MonitorEvent::Kind::Addresses;
        event.addresses = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts).mid(1);
        return event;
    }
    const QString word = text.section(QLatin1Char(' '), 0, 0);
    const QString arg = text.section(QLatin1Char(' '), 1, 1);
    MonitorEvent event;
    if (word == QLatin1String("state")) {
        event.state = arg;
    } else if (word == QLatin1String("exit") || word == QLatin1String("signal")) {
        event.kind = word == QLatin1String("exit") ? MonitorEvent::Kind::Exit : MonitorEvent::Kind::Signal;
        event.value = arg.toInt();
    } else {
        return Error::failed(QStringLiteral("monitor of \"%1\": unexpected message \"%2\"").arg(m_name, text.left(80)));
    }
    return event;
}

namespace {

MonitorState stateOf(Result<MonitorLink> link)
{
    if (!link)
        return {};
    auto state = link->state();
    return state ? *state : MonitorState{};
}

}  // namespace

MonitorState monitorState(const HelperSettings &settings, const QString &name)
{
    return stateOf(MonitorLink::connect(settings, name));
}

MonitorState monitorState(const HelperSettings &settings, const LoadedContainer &container)
{
    return stateOf(MonitorLink::connect(settings, container));
}

Status stopAndWait(const HelperSettings &settings, const QString &name, std::optional<int> shutdownMs, int waitMs)
{
    auto events = MonitorLink::connect(settings, name);
    if (!events)
        return events.error();
    if (auto subscribed = events->subscribe(); !subscribed)
        return subscribed.error();
    auto control = MonitorLink::connect(settings, name);
    if (!control)
        return control.error();
    if (auto err = shutdownMs ? control->shutdown(*shutdownMs) : control->stop())
        return err;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < waitMs) {
        auto event = events->nextEvent(int(waitMs - timer.elapsed()));
        if (!event && event.error().sysErrno != ETIMEDOUT)
            return std::nullopt;  // closed: the monitor exited with its container
    }
    return Error{Error::Code::Failed, ETIMEDOUT,
                 QStringLiteral("container \"%1\" is still running %2 s after %3")
                     .arg(name)
                     .arg(waitMs / 1000)
                     .arg(shutdownMs ? QStringLiteral("shutdown") : QStringLiteral("stop"))};
}

}  // namespace hutch
