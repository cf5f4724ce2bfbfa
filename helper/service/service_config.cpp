// Service: config, limits, stats and terminals.
#include "service.h"

#include "authorizer.h"
#include "config.h"
#include "configedit.h"
#include "configgate.h"
#include "hostlimits.h"
#include "inspect.h"
#include "launch.h"
#include "monitorlink.h"
#include "names.h"
#include "operationqueue.h"
#include "attach.h"
#include "processes.h"
#include "store.h"

#include <QRegularExpression>

#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QMetaObject>

namespace hutch::service {

namespace {

constexpr uint kMaxTty = 63;  // MAX_NR_CONSOLES

constexpr int kMaxAttachArgs = 1024;
constexpr int kMaxAttachBytes = 1024 * 1024;

// The configured value of every lxc.cgroup*.* limit key, in file order (the
// last one of a key wins, as for LXC).
QList<QPair<QString, QString>> configuredLimits(const Config &config)
{
    QList<QPair<QString, QString>> out;
    for (const ConfigEntry &e : config.entries()) {
        if (!e.key.startsWith(QLatin1String("lxc.cgroup")) || !parseLimitKey(e.key))
            continue;
        out.erase(std::remove_if(out.begin(), out.end(), [&](const auto &p) { return p.first == e.key; }), out.end());
        out.append({e.key, e.value});
    }
    return out;
}

// Attach's arguments, checked, as the monitor's request.
Result<rt::AttachRequest> attachRequest(const QStringList &argv, const QStringList &env, const QVariantMap &options)
{
    if (argv.isEmpty() || argv.constFirst().isEmpty())
        return Error::invalid(QStringLiteral("attach needs a program to run"));
    if (argv.size() > kMaxAttachArgs || env.size() > kMaxAttachArgs)
        return Error::invalid(QStringLiteral("at most %1 arguments and %1 environment entries").arg(kMaxAttachArgs));
    qsizetype bytes = 0;
    rt::AttachRequest request;
    for (const QString &a : argv) {
        bytes += a.size();
        request.argv.push_back(a.toStdString());
    }
    static const QRegularExpression variable(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*=.*$"),
                                             QRegularExpression::DotMatchesEverythingOption);
    for (const QString &e : env) {
        if (!variable.match(e).hasMatch())
            return Error::invalid(QStringLiteral("environment entry \"%1\" is not NAME=value").arg(e.left(64)));
        bytes += e.size();
        request.env.push_back(e.toStdString());
    }
    if (bytes > kMaxAttachBytes)
        return Error::invalid(QStringLiteral("the arguments and environment exceed 1 MiB"));
    auto terminal = boolOption(options, QStringLiteral("terminal"), true);
    auto keepEnv = boolOption(options, QStringLiteral("keep_env"), false);
    if (!terminal)
        return terminal.error();
    if (!keepEnv)
        return keepEnv.error();
    request.pty = *terminal;
    request.keepEnv = *keepEnv;
    for (const char *key : {"rows", "cols"}) {
        const QVariant v = options.value(QString::fromLatin1(key), 0u);
        const uint n = v.toUInt();
        if (v.metaType().id() != QMetaType::UInt || n > 65535 || (options.contains(QString::fromLatin1(key)) && n == 0))
            return Error::invalid(QStringLiteral("option \"%1\" must be a number from 1 to 65535").arg(QLatin1String(key)));
        if (n > 0)
            (key[0] == 'r' ? request.rows : request.cols) = (unsigned short)n;
    }
    return request;
}

// The last `lines` lines of NAME's log file (lxc.log.file, else
// STORE/NAME/NAME.log), at most the last 4 MiB of it. The file is opened
// without following a symlink and must be a regular file.
Result<QString> readLogTail(const HelperSettings &settings, const QString &name, uint lines)
{
    const QString configPath = Store(settings.storePath).configPath(name);
    const LoadResult loaded = loadConfigFile(configPath);
    const QString path = loaded.config.value(QStringLiteral("lxc.log.file"),
                                             QFileInfo(configPath).absolutePath() + QLatin1Char('/') + name + QStringLiteral(".log"));
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT)
            return QString();  // never started: no log yet
        return Error::failed(QStringLiteral("open %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno))));
    }
    QFile file;
    struct stat st {};
    if (::fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || !file.open(fd, QIODevice::ReadOnly, QFile::AutoCloseHandle)) {
        ::close(fd);
        return Error::failed(QStringLiteral("%1 is not a regular file").arg(path));
    }
    constexpr qint64 kMaxTail = 4 * 1024 * 1024;
    if (file.size() > kMaxTail)
        file.seek(file.size() - kMaxTail);
    const QByteArray bytes = file.read(kMaxTail);
    // After the lines-th line end counted back from the last line.
    const qsizetype end = bytes.endsWith('\n') ? bytes.size() - 1 : bytes.size();
    qsizetype from = 0;
    uint seen = 0;
    for (qsizetype i = end - 1; i >= 0; --i)
        if (bytes.at(i) == '\n' && ++seen == lines) {
            from = i + 1;
            break;
        }
    return QString::fromUtf8(bytes.mid(from));
}

}  // namespace

QList<QVariantMap> Service::GetConfig(const QString &name, const QVariantMap &options)
{
    const Call call = beginCall();
    m_auth->check(call, actions::read, name, [this, call, name, options] {
        if (auto err = checkExisting(name))
            return call.fail(*err);
        auto key = stringOption(options, QStringLiteral("key"), QString());
        if (!key)
            return call.fail(key.error());
        QString modern;
        if (!key->isEmpty()) {
            auto checked = checkKey(*key);
            if (!checked)
                return call.fail(checked.error());
            modern = *checked;
        }
        m_queue->runFree([settings = m_settings, call, name, modern] {
            const QString path = Store(settings.storePath).configPath(name);
            const LoadResult loaded = loadConfigFile(path);
            QList<QVariantMap> out;
            for (const ConfigEntry &e : loaded.config.entries()) {
                if (!modern.isEmpty() && e.key != modern)
                    continue;
                out << QVariantMap{{QStringLiteral("key"), e.key}, {QStringLiteral("value"), e.value},
                                   {QStringLiteral("file"), e.file}, {QStringLiteral("line"), uint(e.line)}};
            }
            call.reply({QVariant::fromValue(out)});
        });
    });
    return {};
}

void Service::SetConfigItem(const QString &name, const QString &key, const QString &value, const QVariantMap &options)
{
    const Call call = beginCall();
    m_auth->check(call, actions::configure, name, [this, call, name, key, value, options] {
        if (auto err = checkContainer(name))
            return call.fail(*err);
        auto modern = checkKey(key);
        if (!modern)
            return call.fail(modern.error());
        // The key and its value decide what more is needed: network, manage,
        // or an administrator every time for what reaches the host.
        QStringList more = actionsForEntry(*modern, value);
        more.removeAll(actions::configure);
        m_auth->checkAll(call, more, name, [this, call, name, modern = *modern, value, options] {
            auto modeName = stringOption(options, QStringLiteral("mode"), QString());
            if (!modeName)
                return call.fail(modeName.error());
            auto mode = parseEditMode(*modeName);
            if (!mode)
                return call.fail(mode.error());
            // A removal takes an empty value; anything else is checked.
            if (*mode != EditMode::Remove || !value.isEmpty()) {
                if (auto bad = checkValue(modern, value))
                    return call.fail(*bad);
                if (auto bad = hostlimits::checkHostCost(modern, value))
                    return call.fail(*bad);
            }
            m_queue->run({name}, [settings = m_settings, call, name, edit = ConfigEdit{modern, value, *mode}] {
                if (auto err = editConfig(Store(settings.storePath), name, {edit}))
                    return call.fail(*err);
                call.reply();
            }, [this, name] { Q_EMIT ConfigChanged(name); });
        });
    });
}

QString Service::GetConfigText(const QString &name, const QVariantMap &)
{
    const Call call = beginCall();
    m_auth->check(call, actions::read, name, [this, call, name] {
        if (auto err = checkExisting(name))
            return call.fail(*err);
        m_queue->runFree([settings = m_settings, call, name] {
            auto bytes = readConfig(Store(settings.storePath), name);
            if (!bytes)
                return call.fail(bytes.error());
            call.reply({QString::fromUtf8(*bytes)});
        });
    });
    return {};
}

void Service::SetConfig(const QString &name, const QString &text, const QVariantMap &)
{
    const Call call = beginCall();
    m_auth->check(call, actions::configure, name, [this, call, name, text] {
        if (auto err = checkContainer(name))
            return call.fail(*err);
        // What the change needs is decided by the keys it changes, against
        // the file as it is now; the write happens only if the file is still
        // that (else Busy), so nothing unauthorized slips in between.
        auto before = readConfig(Store(m_settings.storePath), name);
        if (!before)
            return call.fail(before.error());
        const QByteArray after = text.toUtf8();
        // On the ordered entries: moving a clearing line or an include is
        // a change of what they govern (configgate.h).
        QStringList more = actionsForChange(*before, after);
        more.removeAll(actions::configure);
        m_auth->checkAll(call, more, name, [this, call, name, after, before = *before] {
            if (auto bad = checkHostCosts(after))
                return call.fail(*bad);
            m_queue->run({name}, [settings = m_settings, call, name, after, before] {
                if (auto err = replaceConfig(Store(settings.storePath), name, after, before))
                    return call.fail(*err);
                call.reply();
            }, [this, name] { Q_EMIT ConfigChanged(name); });
        });
    });
}

QString Service::GetLog(const QString &name, const QVariantMap &options)
{
    const Call call = beginCall();
    m_auth->check(call, actions::read, name, [this, call, name, options] {
        if (auto err = checkExisting(name))
            return call.fail(*err);
        const QVariant linesOption = options.value(QStringLiteral("lines"), 500u);
        if (linesOption.metaType().id() != QMetaType::UInt || linesOption.toUInt() == 0 || linesOption.toUInt() > 100000)
            return call.fail(Error::invalid(QStringLiteral("option \"lines\" must be a number from 1 to 100000")));
        m_queue->runFree([settings = m_settings, call, name, lines = linesOption.toUInt()] {
            auto text = readLogTail(settings, name, lines);
            if (!text)
                return call.fail(text.error());
            call.reply({*text});
        });
    });
    return {};
}

QVariantMap Service::GetLimits(const QString &name, const QStringList &keys, const QVariantMap &)
{
    const Call call = beginCall();
    m_auth->check(call, actions::read, name, [this, call, name, keys] {
        if (auto err = checkExisting(name))
            return call.fail(*err);
        QList<QPair<QString, LimitKey>> asked;
        for (const QString &k : keys) {
            auto parsed = parseLimitKey(k);
            if (!parsed)
                return call.fail(parsed.error());
            asked.append({k, *parsed});
        }
        m_queue->runFree([settings = m_settings, call, name, asked] {
            const LoadResult loaded = loadConfigFile(Store(settings.storePath).configPath(name));
            const auto configured = configuredLimits(loaded.config);
            auto wanted = asked;
            if (wanted.isEmpty())
                for (const auto &c : configured)
                    wanted.append({c.first, *parseLimitKey(c.first)});
            auto link = MonitorLink::connect(settings, name);
            const bool running = link && monitorState(settings, name).running();
            QVariantMap out;
            for (const auto &[asKey, limit] : std::as_const(wanted)) {
                if (running) {
                    auto v = link->cgroupGet(limit.v2, limit.file);
                    // A file the kernel has not (ENOENT): the contract's
                    // NotFound for that key; anything else as it came.
                    if (!v)
                        return call.fail(v.error().wrap(asKey).as(v.error().sysErrno == ENOENT ? Error::Code::NotFound
                                                                                               : v.error().code));
                    out.insert(asKey, *v);
                    continue;
                }
                const auto it = std::find_if(configured.begin(), configured.end(),
                                             [&](const auto &c) { return c.first == limit.configKey; });
                if (it == configured.end())
                    return call.fail(Error::notFound(QStringLiteral("\"%1\" is not running and its config has no %2")
                                                         .arg(name, limit.configKey)));
                out.insert(asKey, it->second);
            }
            call.reply({out});
        });
    });
    return {};
}

void Service::SetLimits(const QString &name, const QVariantMap &limits, const QVariantMap &)
{
    const Call call = beginCall();
    m_auth->check(call, actions::configure, name, [this, call, name, limits] {
        if (auto err = checkContainer(name))
            return call.fail(*err);
        if (limits.isEmpty())
            return call.fail(Error::invalid(QStringLiteral("no limit given")));
        QList<QPair<LimitKey, QString>> changes;
        QStringList more;
        for (auto it = limits.begin(); it != limits.end(); ++it) {
            auto limit = parseLimitKey(it.key());
            if (!limit)
                return call.fail(limit.error());
            if (it->metaType().id() != QMetaType::QString)
                return call.fail(Error::invalid(QStringLiteral("the value of %1 must be a string").arg(it.key())));
            for (const QString &a : actionsForKey(limit->configKey))
                if (a != actions::configure && !more.contains(a))
                    more << a;
            changes.append({*limit, it->toString()});
        }
        m_auth->checkAll(call, more, name, [this, call, name, changes] {
            for (const auto &[limit, value] : changes)
                if (auto err = checkValue(limit.configKey, value))
                    return call.fail(*err);
            m_queue->run({name}, [settings = m_settings, call, name, changes] {
                // Live first: the kernel may refuse a value the config would
                // take. A refusal puts back what this call changed already.
                auto link = MonitorLink::connect(settings, name);
                QList<QPair<LimitKey, QString>> applied;  // with the values they replaced
                auto undo = [&link, &applied] {
                    for (const auto &change : std::as_const(applied))
                        (void)link->cgroupSet(change.first.v2, change.first.file, change.second);
                };
                if (link && monitorState(settings, name).running()) {
                    for (const auto &[limit, value] : changes) {
                        auto old = link->cgroupGet(limit.v2, limit.file);
                        if (auto err = link->cgroupSet(limit.v2, limit.file, value)) {
                            undo();
                            // The kernel's EINVAL or ERANGE: a value it does not take.
                            const bool refused = err->sysErrno == EINVAL || err->sysErrno == ERANGE;
                            return call.fail(err->wrap(QStringLiteral("%1 = %2").arg(limit.configKey, value))
                                                 .as(refused ? Error::Code::InvalidArgument : err->code));
                        }
                        if (old)
                            applied.append({limit, *old});
                    }
                }
                QList<ConfigEdit> edits;
                for (const auto &[limit, value] : changes)
                    edits.append({limit.configKey, value, EditMode::Set});
                // A config that cannot be written (a full disk) keeps the
                // live values from outlasting it: they go back too.
                if (auto err = editConfig(Store(settings.storePath), name, edits)) {
                    undo();
                    return call.fail(*err);
                }
                call.reply();
            }, [this, name] { Q_EMIT ConfigChanged(name); });
        });
    });
}

QVariantMap Service::GetStats(const QString &name, const QVariantMap &)
{
    const Call call = beginCall();
    m_auth->check(call, actions::read, name, [this, call, name] {
        if (auto err = checkExisting(name))
            return call.fail(*err);
        m_queue->runFree([settings = m_settings, call, name] {
            auto stats = containerStats(settings, name);
            if (!stats)
                return call.fail(stats.error());
            call.reply({*stats});
        });
    });
    return {};
}

QDBusUnixFileDescriptor Service::OpenConsole(const QString &name, uint tty, const QVariantMap &)
{
    const Call call = beginCall();
    m_auth->check(call, actions::console, name, [this, call, name, tty] {
        if (auto err = checkExisting(name))
            return call.fail(*err);
        if (tty > kMaxTty)
            return call.fail(Error::invalid(QStringLiteral("tty %1 does not exist: 0 is the console, ttys go from 1 to %2")
                                                .arg(tty).arg(kMaxTty)));
        m_queue->runFree([settings = m_settings, call, name, tty] {
            const LoadResult loaded = loadConfigFile(Store(settings.storePath).configPath(name));
            const uint ttys = loaded.config.value(QStringLiteral("lxc.tty.max"), QStringLiteral("0")).toUInt();
            if (tty > ttys)
                return call.fail(Error::invalid(QStringLiteral("\"%1\" has %2 ttys (lxc.tty.max); there is no tty %3")
                                                    .arg(name).arg(ttys).arg(tty)));
            auto link = MonitorLink::connect(settings, name);
            if (!link)
                return call.fail(link.error());
            auto fd = tty == 0 ? link->openConsole() : link->openTty(int(tty), MonitorLink::TtyMode::Write);
            if (!fd)
                return call.fail(fd.error());
            // QDBusUnixFileDescriptor duplicates; ours closes here.
            call.reply({QVariant::fromValue(QDBusUnixFileDescriptor(fd->get()))});
        });
    });
    return {};
}

void Service::ResizeConsole(const QString &name, uint tty, uint rows, uint cols, const QVariantMap &)
{
    const Call call = beginCall();
    m_auth->check(call, actions::console, name, [this, call, name, tty, rows, cols] {
        if (auto err = checkExisting(name))
            return call.fail(*err);
        if (tty > kMaxTty || rows < 1 || rows > 65535 || cols < 1 || cols > 65535)
            return call.fail(Error::invalid(QStringLiteral("tty 0 to %1, rows and columns 1 to 65535").arg(kMaxTty)));
        m_queue->runFree([settings = m_settings, call, name, tty, rows, cols] {
            auto link = MonitorLink::connect(settings, name);
            if (!link)
                return call.fail(link.error());
            if (auto err = link->resize(int(tty), int(rows), int(cols)))
                return call.fail(*err);
            call.reply();
        });
    });
}

QDBusUnixFileDescriptor Service::Attach(const QString &name, const QStringList &argv, const QStringList &env,
                                        const QVariantMap &options, QDBusUnixFileDescriptor &, QDBusObjectPath &)
{
    const Call call = beginCall();
    m_auth->check(call, actions::console, name, [this, call, name, argv, env, options] {
        if (auto err = checkExisting(name))
            return call.fail(*err);
        auto request = attachRequest(argv, env, options);
        if (!request)
            return call.fail(request.error());
        m_queue->runFree([this, settings = m_settings, call, name, request = *request] {
            auto link = MonitorLink::connect(settings, name);
            if (!link)
                return call.fail(link.error());
            auto attached = link->attach(request);
            if (!attached)
                return call.fail(attached.error());
            std::vector<UniqueFd> &fds = attached->fds;
            UniqueFd errors = request.pty ? UniqueFd(::open("/dev/null", O_RDWR | O_CLOEXEC)) : std::move(fds[1]);
            const qint64 pid = attached->pid;
            // The object lives on the main thread, with the connection that
            // will tell the program's end; the reply goes out from there.
            auto monitor = std::make_shared<MonitorLink>(std::move(*link));
            auto terminal = std::make_shared<UniqueFd>(std::move(fds[0]));
            auto err = std::make_shared<UniqueFd>(std::move(errors));
            QMetaObject::invokeMethod(this, [this, call, name, pid, monitor, terminal, err] {
                Process *p = Process::create(m_bus, m_nextProcess++, name, pid, std::move(*monitor), 60000, this);
                call.reply({QVariant::fromValue(QDBusUnixFileDescriptor(terminal->get())),
                            QVariant::fromValue(QDBusUnixFileDescriptor(err->get())), QVariant::fromValue(p->path())});
            }, Qt::QueuedConnection);
        });
    });
    return {};
}

QDBusUnixFileDescriptor Service::Execute(const QString &name, const QStringList &argv, const QVariantMap &options,
                                         QDBusObjectPath &)
{
    const Call call = beginCall();
    m_auth->check(call, actions::console, name, [this, call, name, argv, options] {
        if (auto err = checkExisting(name))
            return call.fail(*err);
        // The same limits as Attach's (no environment: the config's applies).
        if (auto request = attachRequest(argv, {}, {}); !request)
            return call.fail(request.error());
        if (!options.isEmpty())
            return call.fail(Error::invalid(QStringLiteral("Execute takes no options yet")));
        m_queue->run({name}, [this, settings = m_settings, monitorPath = m_monitorPath, call, name, argv] {
            if (monitorState(settings, name).running())
                return call.fail(Error::busy(QStringLiteral("container \"%1\" is running: execute runs a fresh one").arg(name)));
            Runtime runtime(settings, monitorPath);
            auto pid = runtime.execute(name, argv);
            if (!pid)
                return call.fail(pid.error());
            // One connection for the console (history from the start, EOF at
            // the end), one that the program's end comes over.
            auto console = MonitorLink::connect(settings, name);
            auto events = MonitorLink::connect(settings, name);
            auto output = console ? console->openTty(0, MonitorLink::TtyMode::Write) : Result<UniqueFd>(console.error());
            if (!output)
                return call.fail(output.error().wrap(QStringLiteral("execute in \"%1\"").arg(name)));
            auto subscribed = events ? events->subscribe() : Result<QString>(events.error());
            if (!subscribed)
                return call.fail(subscribed.error().wrap(QStringLiteral("execute in \"%1\"").arg(name)));
            auto monitor = std::make_shared<MonitorLink>(std::move(*events));
            auto out = std::make_shared<UniqueFd>(std::move(*output));
            const qint64 initPid = *pid;
            QMetaObject::invokeMethod(this, [this, call, name, initPid, monitor, out] {
                Process *p = Process::create(m_bus, m_nextProcess++, name, initPid, std::move(*monitor), 60000, this);
                call.reply({QVariant::fromValue(QDBusUnixFileDescriptor(out->get())), QVariant::fromValue(p->path())});
            }, Qt::QueuedConnection);
        });
    });
    return {};
}

}  // namespace hutch::service
