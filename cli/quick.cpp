// hutchctl: the command line of Hutch (see main.cpp for the whole of it).
// The one-shot commands scripts run most — list, info, start, stop,
// shutdown, reboot, freeze, unfreeze, wait, attach, execute — are answered
// here, through the small D-Bus client of wire.h and without Qt: loading
// Qt and starting QtDBus cost more than the helper takes to answer. The
// helper authorizes every call with polkit as for any client. Every other
// command, --help, and any argument this file does not read exactly as
// hutchctl-full would (an unknown option, a bad number, a bus that cannot
// be reached) goes to hutchctl-full, started in this process's place with
// the same arguments: it prints the same output and the same messages.
#include "relay.h"
#include "result.h"
#include "wire.h"

#include <climits>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <sys/ioctl.h>
#include <unistd.h>
#include <vector>

extern char **environ;

namespace {

using hutch::wire::Args;
using hutch::wire::Connection;
using hutch::wire::Message;
using hutch::wire::Option;
using hutch::wire::Value;
using Strings = std::vector<std::string>;

const char kService[] = "io.github.hutch.Helper1";
const char kPath[] = "/io/github/hutch/Helper1";
const char kInterface[] = "io.github.hutch.Helper1";
// polkit may ask for a password: a person needs time (common.cpp's).
constexpr int kCallTimeoutMs = 10 * 60 * 1000;

// Not handled here: hutchctl-full answers.
struct Delegate {};

// The options of a command as QCommandLineParser reads them in hutchctl-full
// (single-dash words as long options): NAME, -NAME, --NAME; values as
// "--NAME VALUE" or "--NAME=VALUE". Anything else is delegated.
struct Parsed {
    Strings positional;
    std::map<std::string, Strings> values;  // by canonical name
    bool has(const std::string &name) const { return values.count(name) != 0; }
    std::string value(const std::string &name, const std::string &fallback = {}) const
    {
        auto it = values.find(name);
        return it == values.end() || it->second.empty() ? fallback : it->second.back();
    }
};

struct Spec {
    std::map<std::string, std::string> names;  // every spelling → canonical name
    std::map<std::string, bool> takesValue, repeatable;  // by canonical name
};

Parsed parse(const Strings &args, const Spec &spec)
{
    Parsed p;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string &a = args[i];
        if (a.empty() || a[0] != '-') {
            p.positional.push_back(a);
            continue;
        }
        std::string word = a.substr(a.compare(0, 2, "--") == 0 ? 2 : 1);
        std::optional<std::string> inlineValue;
        if (const size_t eq = word.find('='); eq != std::string::npos) {
            inlineValue = word.substr(eq + 1);
            word.resize(eq);
        }
        auto it = spec.names.find(word);
        if (word.empty() || it == spec.names.end())
            throw Delegate{};  // --help, an unknown option, "-", "--"
        const std::string &name = it->second;
        if (p.has(name) && !spec.repeatable.count(name))
            throw Delegate{};
        if (spec.takesValue.count(name)) {
            if (!inlineValue) {
                if (i + 1 >= args.size())
                    throw Delegate{};
                inlineValue = args[++i];
            }
            p.values[name].push_back(*inlineValue);
        } else {
            if (inlineValue)
                throw Delegate{};
            p.values[name];
        }
    }
    return p;
}

// A number of seconds as hutchctl-full accepts it (0 to 86400), else delegated.
unsigned seconds(const std::string &text)
{
    if (text.empty() || text.size() > 5 || text.find_first_not_of("0123456789") != std::string::npos)
        throw Delegate{};
    const unsigned long n = std::strtoul(text.c_str(), nullptr, 10);
    if (n > 86400)
        throw Delegate{};
    return unsigned(n);
}

std::string busDescription()
{
    const char *a = std::getenv("HUTCH_BUS_ADDRESS");
    return a && *a ? std::string("the bus at ") + a : std::string("the system bus");
}

int fail(const std::string &message)
{
    std::fprintf(stderr, "hutchctl: %s\n", message.c_str());
    return 1;
}

// A D-Bus error as hutchctl-full words it (client::toError).
int failReply(const Message &m)
{
    const std::string &name = m.errorName;
    using hutch::kErrorNamePrefix;
    if (name.rfind(kErrorNamePrefix, 0) == 0
        && hutch::errorCodeFromName(std::string_view(name).substr(kErrorNamePrefix.size())))
        return fail(m.errorMessage());
    if (name == "org.freedesktop.DBus.Error.ServiceUnknown" || name == "org.freedesktop.DBus.Error.NameHasNoOwner")
        return fail("hutch-helper is not running on " + busDescription() + " (start it, or ./hutch.sh backend)");
    if (name == "org.freedesktop.DBus.Error.NoReply")
        return fail("hutch-helper did not answer in time");
    return fail(m.errorMessage() + " (" + name + ")");
}

class Helper {
public:
    explicit Helper(Connection c) : m_bus(std::move(c)) {}

    // Sends a call to the helper; its serial for result().
    uint32_t send(const char *method, const Args &args) { return m_bus.send(kService, kPath, kInterface, method, args); }
    // The reply to SERIAL, or null with the error printed into *status.
    std::optional<Message> result(uint32_t serial, int *status, int timeoutMs = kCallTimeoutMs)
    {
        std::string error;
        auto m = m_bus.reply(serial, timeoutMs, &error);
        if (!m) {
            *status = fail("cannot reach " + busDescription() + ": " + error);
            return std::nullopt;
        }
        if (m->type == Message::Error) {
            *status = failReply(*m);
            return std::nullopt;
        }
        return m;
    }
    std::optional<Message> call(const char *method, const Args &args, int *status, int timeoutMs = kCallTimeoutMs)
    {
        return result(send(method, args), status, timeoutMs);
    }
    Connection &bus() { return m_bus; }

private:
    Connection m_bus;
};

std::optional<Helper> connectHelper()
{
    std::string error;
    auto c = Connection::open(hutch::wire::helperBusAddress(), &error);
    if (!c)
        throw Delegate{};  // hutchctl-full says why, in its words
    return Helper(std::move(*c));
}

std::string dash(const std::string &s) { return s.empty() ? "-" : s; }

std::string joined(const Strings &list)
{
    std::string out;
    for (const std::string &s : list)
        out += (out.empty() ? "" : ",") + s;
    return out;
}

std::string trimmed(const std::string &s)
{
    const size_t b = s.find_first_not_of(" \t\n\r\f\v");
    if (b == std::string::npos)
        return {};
    return s.substr(b, s.find_last_not_of(" \t\n\r\f\v") - b + 1);
}

// commands.cpp's printTable: columns as wide as their widest cell.
void printTable(const std::vector<Strings> &rows)
{
    std::vector<size_t> widths;
    for (const Strings &row : rows)
        for (size_t i = 0; i < row.size(); ++i) {
            if (widths.size() <= i)
                widths.push_back(0);
            widths[i] = std::max(widths[i], row[i].size());
        }
    for (const Strings &row : rows) {
        std::string line;
        for (size_t i = 0; i < row.size(); ++i)
            line += i + 1 < row.size() ? row[i] + std::string(widths[i] + 1 - row[i].size(), ' ') : row[i];
        std::printf("%s\n", trimmed(line).c_str());
    }
}

int list(const Strings &args)
{
    Spec spec{{{"f", "fancy"}, {"fancy", "fancy"}, {"running", "running"}, {"stopped", "stopped"}}, {}, {}};
    const Parsed p = parse(args, spec);
    if (!p.positional.empty())
        throw Delegate{};
    auto helper = connectHelper();
    int status = 1;
    auto reply = helper->call("ListContainers", Args().options({}), &status);
    if (!reply)
        return status;
    if (reply->args.empty())
        return fail("ListContainers answered nothing");
    std::vector<const Value *> containers;
    for (const Value &c : reply->args[0].items) {
        const bool isStopped = c.str("state") == "STOPPED";
        if ((p.has("running") && isStopped) || (p.has("stopped") && !isStopped))
            continue;
        containers.push_back(&c);
    }
    if (!p.has("fancy")) {
        for (const Value *c : containers)
            std::printf("%s\n", c->str("name").c_str());
        return 0;
    }
    std::vector<Strings> rows{{"NAME", "STATE", "AUTOSTART", "PID", "IPV4", "IPV6", "MEMORY", "UNPRIVILEGED"}};
    for (const Value *c : containers) {
        const int64_t pid = c->integer("pid");
        rows.push_back({c->str("name"), c->boolean("broken") ? "BROKEN" : c->str("state"),
                        c->boolean("autostart") ? "1" : "0", pid > 0 ? std::to_string(pid) : "-",
                        dash(joined(c->strings("ipv4"))), dash(joined(c->strings("ipv6"))), dash(c->str("memory_limit")),
                        c->boolean("privileged") ? "false" : "true"});
    }
    printTable(rows);
    return 0;
}

std::string mib(uint64_t bytes)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2f MiB", double(bytes) / (1024.0 * 1024.0));
    return buf;
}

int info(const Strings &args)
{
    const Parsed p = parse(args, {});
    if (p.positional.size() != 1)
        throw Delegate{};
    const std::string &name = p.positional[0];
    auto helper = connectHelper();
    // One call, one authorization: the entry carries the stats of a running
    // container (GetContainer's "stats" option).
    int status = 1;
    auto reply = helper->call("GetContainer", Args().str(name).options({{"stats", 'b', 1u, {}}}), &status);
    if (!reply)
        return status;
    static const Value none;
    const Value &c = reply->args.empty() ? none : reply->args[0];
    auto row = [](const char *label, const std::string &value) { std::printf("%-15s %s\n", label, value.c_str()); };
    row("Name:", c.str("name"));
    row("State:", c.str("state"));
    if (c.boolean("broken"))
        row("Problem:", c.str("problem"));
    const int64_t pid = c.integer("pid");
    if (pid > 0)
        row("PID:", std::to_string(pid));
    Strings ips = c.strings("ipv4");
    for (const std::string &ip : c.strings("ipv6"))
        ips.push_back(ip);
    for (const std::string &ip : ips)
        row("IP:", ip);
    row("Hostname:", c.str("hostname"));
    row("Rootfs:", c.str("rootfs"));
    const Value *stats = c.get("stats");
    if (pid <= 0 || !stats)
        return 0;
    const Value &s = *stats;
    auto u = [&](const char *key) { return uint64_t(s.integer(key)); };
    char cpu[64];
    std::snprintf(cpu, sizeof cpu, "%.2f seconds", double(u("cpu_ns")) / 1e9);
    row("CPU use:", cpu);
    row("Memory use:", mib(u("memory")));
    if (const uint64_t limit = u("memory_limit"))
        row("Memory limit:", mib(limit));
    row("Processes:", std::to_string(u("pids")));
    row("Block I/O:", mib(u("io_read")) + " read, " + mib(u("io_write")) + " written");
    row("Network:", mib(u("net_rx")) + " received, " + mib(u("net_tx")) + " sent");
    return 0;
}

int lifecycle(const std::string &command, const Strings &args)
{
    Spec spec;
    if (command == "stop")
        spec = {{{"k", "kill"}, {"kill", "kill"}, {"t", "timeout"}, {"timeout", "timeout"}}, {{"timeout", true}}, {}};
    else if (command == "shutdown")
        spec = {{{"t", "timeout"}, {"timeout", "timeout"}}, {{"timeout", true}}, {}};
    const Parsed p = parse(args, spec);
    if (p.positional.size() != 1)
        throw Delegate{};
    const std::string &name = p.positional[0];
    const unsigned timeout = seconds(p.value("timeout", "60"));
    auto helper = connectHelper();
    int status = 1;
    std::optional<Message> reply;
    if (command == "stop" && p.has("kill"))
        reply = helper->call("Stop", Args().str(name).options({}), &status);
    else if (command == "stop" || command == "shutdown")
        reply = helper->call("Shutdown", Args().str(name).u32(timeout).options({}), &status,
                             int(timeout) * 1000 + kCallTimeoutMs);
    else
        reply = helper->call(command == "start" ? "Start" : command == "reboot" ? "Reboot"
                             : command == "freeze"                             ? "Freeze"
                                                                               : "Unfreeze",
                             Args().str(name).options({}), &status);
    return reply ? 0 : status;
}

int wait(const Strings &args)
{
    Spec spec{{{"s", "state"}, {"state", "state"}, {"t", "timeout"}, {"timeout", "timeout"}},
              {{"state", true}, {"timeout", true}}, {}};
    const Parsed p = parse(args, spec);
    if (p.positional.size() != 1 || !p.has("state"))
        throw Delegate{};
    const unsigned timeout = seconds(p.value("timeout", "86400"));
    auto helper = connectHelper();
    int status = 1;
    auto reply = helper->call("WaitForState", Args().str(p.positional[0]).str(p.value("state")).u32(timeout).options({}),
                              &status, int(timeout) * 1000 + 60 * 1000);
    if (!reply)
        return status;
    if (reply->args.size() < 2 || reply->args[0].number == 0)
        return fail("timed out; \"" + p.positional[0] + "\" is " + (reply->args.size() < 2 ? "" : reply->args[1].text));
    return 0;
}

// How the program at PATH ended (attach.cpp's waitForEnd): "exited" with
// *exitCode, "lost", "timeout", or empty when the helper went away. The
// matches for its Exited signal and the helper's end were in place before
// the call that made it.
std::string waitForEnd(Helper &helper, const std::string &owner, const std::string &path, int *exitCode)
{
    auto state = [&]() -> std::string {
        std::string error;
        auto all = helper.bus().call(kService, path, "org.freedesktop.DBus.Properties", "GetAll",
                                     Args().str("io.github.hutch.Process1"), kCallTimeoutMs, &error);
        if (!all || all->type != Message::Reply || all->args.empty())
            return {};
        *exitCode = int(all->args[0].integer("ExitCode"));
        return all->args[0].str("State");
    };
    std::string now = state();
    if (now != "running")
        return now;
    std::string error;
    for (;;) {
        auto m = helper.bus().next(30000, &error);
        if (!m)
            return error == "no answer in time" ? "timeout" : std::string();
        if (m->interface == "io.github.hutch.Process1" && m->member == "Exited" && m->path == path && m->sender == owner)
            return state();
        if (m->member == "NameOwnerChanged" && m->sender == "org.freedesktop.DBus" && m->args.size() == 3
            && m->args[0].text == kService && m->args[2].text.empty())
            return {};
    }
}

void followEnds(Helper &helper)
{
    // Sent before the call: the bus applies them before the helper can answer.
    for (const char *rule : {"type='signal',interface='io.github.hutch.Process1',member='Exited'",
                             "type='signal',sender='org.freedesktop.DBus',member='NameOwnerChanged',"
                             "arg0='io.github.hutch.Helper1'"})
        helper.bus().send("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "AddMatch",
                          Args().str(rule));
}

int attach(const Strings &args)
{
    Strings own = args, command;
    for (size_t i = 0; i < args.size(); ++i)
        if (args[i] == "--") {
            own.assign(args.begin(), args.begin() + ptrdiff_t(i));
            command.assign(args.begin() + ptrdiff_t(i) + 1, args.end());
            break;
        }
    Spec spec{{{"keep-env", "keep-env"}, {"v", "set-var"}, {"set-var", "set-var"}, {"pty", "pty"}, {"no-pty", "no-pty"}},
              {{"set-var", true}}, {{"set-var", true}}};
    const Parsed p = parse(own, spec);
    if (p.positional.size() != 1)
        throw Delegate{};
    if (command.empty())
        command = {"/bin/sh"};
    const std::string &name = p.positional[0];
    Strings env;
    if (p.has("keep-env"))
        for (char **e = environ; *e; ++e)
            env.push_back(*e);
    if (p.has("set-var"))
        for (const std::string &v : p.values.at("set-var"))
            env.push_back(v);
    const bool terminal = p.has("pty") || (!p.has("no-pty") && ::isatty(STDIN_FILENO) && ::isatty(STDOUT_FILENO));
    std::vector<Option> options{{"keep_env", 'b', p.has("keep-env") ? 1u : 0u, {}}, {"terminal", 'b', terminal ? 1u : 0u, {}}};
    winsize ws{};
    if (terminal && ::ioctl(STDIN_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0) {
        options.push_back({"rows", 'u', ws.ws_row, {}});
        options.push_back({"cols", 'u', ws.ws_col, {}});
    }
    auto helper = connectHelper();
    followEnds(*helper);
    int status = 1;
    auto reply = helper->call("Attach", Args().str(name).strings(command).strings(env).options(options), &status);
    if (!reply)
        return status;
    if (reply->args.size() != 3)
        return fail("Attach answered \"" + reply->signature + "\"");
    const int io = int(reply->args[0].number), err = int(reply->args[1].number);
    std::signal(SIGPIPE, SIG_IGN);
    if (terminal)
        hutch::cli::relayTerminal(io);
    else
        hutch::cli::relaySockets(io, err);
    ::close(io);
    ::close(err);
    int code = -1;
    const std::string state = waitForEnd(*helper, reply->sender, reply->args[2].text, &code);
    if (state == "exited")
        return code;
    if (state == "lost")
        return fail("the container stopped before \"" + command[0] + "\" ended");
    if (state.empty())
        return fail("hutch-helper went away before \"" + command[0] + "\" ended");
    return fail("\"" + command[0] + "\" closed its output but did not end");
}

int execute(const Strings &args)
{
    Strings own = args, command;
    for (size_t i = 0; i < args.size(); ++i)
        if (args[i] == "--") {
            own.assign(args.begin(), args.begin() + ptrdiff_t(i));
            command.assign(args.begin() + ptrdiff_t(i) + 1, args.end());
            break;
        }
    const Parsed p = parse(own, {});
    if (p.positional.size() != 1 || command.empty())
        throw Delegate{};
    auto helper = connectHelper();
    followEnds(*helper);
    int status = 1;
    auto reply = helper->call("Execute", Args().str(p.positional[0]).strings(command).options({}), &status);
    if (!reply)
        return status;
    if (reply->args.size() != 2)
        return fail("Execute answered \"" + reply->signature + "\"");
    const int console = int(reply->args[0].number);
    std::signal(SIGPIPE, SIG_IGN);
    // The console is one stream: our stdin goes in, its output comes out,
    // and it closes when the program has ended.
    hutch::cli::relayTerminal(console);
    ::close(console);
    int code = -1;
    const std::string state = waitForEnd(*helper, reply->sender, reply->args[1].text, &code);
    if (state == "exited")
        return code;
    if (state.empty() || state == "lost")
        return fail("hutch-helper lost \"" + command[0] + "\" before it ended");
    return fail("\"" + command[0] + "\" closed its output but did not end");
}

std::optional<int> quick(const std::string &command, const Strings &args)
{
    try {
        if (command == "list")
            return list(args);
        if (command == "info")
            return info(args);
        if (command == "start" || command == "stop" || command == "shutdown" || command == "reboot"
            || command == "freeze" || command == "unfreeze")
            return lifecycle(command, args);
        if (command == "wait")
            return wait(args);
        if (command == "attach")
            return attach(args);
        if (command == "execute")
            return execute(args);
    } catch (const Delegate &) {
    }
    return std::nullopt;
}

// hutchctl-full: next to this program (the build tree, or an installation
// that keeps them together), else where it is installed.
std::string fullPath()
{
    char self[PATH_MAX];
    const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
    if (n > 0) {
        std::string dir(self, size_t(n));
        dir.resize(dir.rfind('/') + 1);
        const std::string sibling = dir + "hutchctl-full";
        if (::access(sibling.c_str(), X_OK) == 0)
            return sibling;
    }
    return HUTCHCTL_FULL_PATH;
}

}  // namespace

int main(int argc, char **argv)
{
    // Another host (--host, $HUTCH_HOST) is reached through ssh and a bridge,
    // which only libdbus's unixexec: transport in hutchctl-full speaks; the
    // ssh start-up costs far more than loading Qt.
    const char *host = std::getenv("HUTCH_HOST");
    const bool remote = (host && *host) || (argc >= 2 && std::strncmp(argv[1], "--host", 6) == 0)
                        || (argc >= 2 && std::strcmp(argv[1], "-H") == 0);
    if (argc >= 2 && !remote) {
        const Strings args(argv + 2, argv + argc);
        if (auto status = quick(argv[1], args)) {
            std::fflush(stdout);
            return *status;
        }
    }
    const std::string full = fullPath();
    ::execv(full.c_str(), argv);
    std::fprintf(stderr, "hutchctl: cannot run %s: %s\n", full.c_str(), std::strerror(errno));
    return 1;
}
