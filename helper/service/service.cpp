// Service: construction, listing, lifecycle and waiting for states.
#include "service.h"

#include "authorizer.h"
#include "autostart.h"
#include "config.h"
#include "deadmonitor.h"
#include "helper1adaptor.h"
#include "hostnetwork.h"
#include "inspect.h"
#include "jobs.h"
#include "launch.h"
#include "names.h"
#include "operationqueue.h"
#include "monitorlink.h"
#include "statewatcher.h"

#include <QDBusMetaType>
#include <QFile>
#include <QTimer>

#include <mutex>
#include <optional>

namespace hutch::service {

namespace {

constexpr uint kMaxTimeoutSeconds = 86400;
// A stop is over in milliseconds; this is for a container that will not die.
constexpr int kStopWaitMs = 30000;
// After a shutdown's timeout the monitor kills; this much more is allowed.
constexpr int kShutdownGraceMs = 15000;

const QStringList kStates = {QStringLiteral("STOPPED"), QStringLiteral("STARTING"), QStringLiteral("RUNNING"),
                             QStringLiteral("STOPPING"), QStringLiteral("ABORTING"), QStringLiteral("FREEZING"),
                             QStringLiteral("FROZEN")};

// True when one of the config's networks is a veth on `bridge`.
bool linksTo(const Config &config, const QString &bridge);

}  // namespace

Result<bool> boolOption(const QVariantMap &options, const QString &key, bool fallback)
{
    const auto it = options.find(key);
    if (it == options.end())
        return fallback;
    if (it->metaType().id() != QMetaType::Bool)
        return Error::invalid(QStringLiteral("option \"%1\" must be a boolean").arg(key));
    return it->toBool();
}

Result<QString> stringOption(const QVariantMap &options, const QString &key, const QString &fallback)
{
    const auto it = options.find(key);
    if (it == options.end())
        return fallback;
    if (it->metaType().id() != QMetaType::QString)
        return Error::invalid(QStringLiteral("option \"%1\" must be a string").arg(key));
    return it->toString();
}

Service::Service(QDBusConnection bus, HelperSettings settings, QString monitorPath, QObject *parent)
    : QObject(parent),
      m_bus(std::move(bus)),
      m_settings(std::move(settings)),
      m_monitorPath(std::move(monitorPath)),
      m_auth(new Authorizer(m_bus, this)),
      m_queue(new OperationQueue(this)),
      m_jobs(new JobManager(m_bus, m_auth, this)),
      m_watcher(new StateWatcher(m_settings, this)),
      m_network(new HostNetwork(this))
{
    qDBusRegisterMetaType<QList<QVariantMap>>();
    new Helper1Adaptor(this);
    connect(m_watcher, &StateWatcher::stateChanged, this, &Service::StateChanged);
    connect(m_watcher, &StateWatcher::addressesChanged, this, &Service::AddressesChanged);
    connect(m_watcher, &StateWatcher::containerAdded, this, &Service::ContainerAdded);
    connect(m_watcher, &StateWatcher::containerRemoved, this, &Service::ContainerRemoved);
    // Under the container's key: a start of the same name waits for it.
    connect(m_watcher, &StateWatcher::monitorLost, this, [this](const QString &name) {
        m_queue->run({name}, [settings = m_settings, name] {
            for (const QString &line : tearDownAfterDeadMonitor(settings, name))
                std::fprintf(stderr, "hutch-helper: %s\n", qPrintable(line));
        });
    });
    connect(m_jobs, &JobManager::progressed, this, &Service::JobProgress);
    connect(m_jobs, &JobManager::finished, this, &Service::JobFinished);
}

Service::~Service()
{
    m_queue->waitForDone();
}

void Service::start()
{
    m_watcher->start();
    // A bridge an earlier helper of this network namespace made, that a
    // running container uses: its NAT and dnsmasq come back now, not at the
    // next start. Nothing else: a record from another namespace, or a
    // bridge no running container is on, brings nothing up. This runs
    // before the first call is served (the bus is not read yet).
    const BridgeOptions options = defaultBridgeOptions();
    if (!HostNetwork::recordedHere(options))
        return;
    const Store store(m_settings.storePath);
    const auto names = store.names();
    bool used = false;
    for (const QString &name : names ? *names : QStringList())
        if (monitorState(m_settings, name).running() && !checkConfigFile(store.configPath(name))
            && linksTo(loadConfigFile(store.configPath(name)).config, options.name)) {
            used = true;
            break;
        }
    if (!used)
        return;
    if (auto err = m_network->up(options)) {
        std::fprintf(stderr, "hutch-helper: the default bridge %s: %s\n", qPrintable(options.name), qPrintable(err->message));
        return;
    }
    if (!m_network->warning().isEmpty())
        std::fprintf(stderr, "hutch-helper: %s\n", qPrintable(m_network->warning()));
}

BridgeOptions Service::defaultBridgeOptions() const
{
    BridgeOptions options;
    options.name = m_settings.defaultBridge;
    options.subnet = m_settings.bridgeSubnet;
    options.ipv6 = m_settings.bridgeIPv6;
    options.stateDir = m_settings.networkStatePath();
    if (const QString dnsmasq = qEnvironmentVariable("HUTCH_DNSMASQ"); !dnsmasq.isEmpty())
        options.dnsmasq = dnsmasq;  // tests: a dnsmasq that is not there
    return options;
}

void Service::ensureDefaultNetwork(std::function<void(const Status &)> done)
{
    if (m_network->state() != HostNetwork::State::Down)
        return done(std::nullopt);
    m_networkWaiters->append(std::move(done));
    if (m_networkWaiters->size() > 1)
        return;  // a bring-up is under way; it answers them all
    const BridgeOptions options = defaultBridgeOptions();
    auto prepared = std::make_shared<Result<HostNetwork::Prepared>>(Error::failed(QStringLiteral("not run")));
    // Its own key: one bring-up at a time, beside the containers' work.
    m_queue->run({QStringLiteral("/network")}, [options, prepared] { *prepared = HostNetwork::prepare(options); },
                 [this, options, prepared] {
                     Status result;
                     if (*prepared) {
                         m_network->adopt(options, **prepared);
                         if (!m_network->warning().isEmpty())
                             std::fprintf(stderr, "hutch-helper: %s\n", qPrintable(m_network->warning()));
                     } else {
                         result = prepared->error().wrap(QStringLiteral("the default bridge %1").arg(options.name));
                     }
                     const auto waiters = std::exchange(*m_networkWaiters, {});
                     for (const auto &waiter : waiters)
                         waiter(result);
                 });
}

namespace {

bool linksTo(const Config &config, const QString &bridge)
{
    for (int i : config.networkIndices()) {
        const QString prefix = QStringLiteral("lxc.net.%1.").arg(i);
        if (config.value(prefix + QStringLiteral("type"), QString()) == QLatin1String("veth")
            && config.value(prefix + QStringLiteral("link"), QString()) == bridge)
            return true;
    }
    return false;
}

}  // namespace

QVariantMap Service::GetSettings(const QVariantMap &)
{
    const Call call = beginCall();
    m_auth->check(call, actions::read, QString(), [this, call] {
        static const QHash<HostNetwork::State, QString> states = {{HostNetwork::State::Down, QStringLiteral("down")},
                                                                   {HostNetwork::State::Up, QStringLiteral("up")},
                                                                   {HostNetwork::State::External, QStringLiteral("external")}};
        QVariantMap out{{QStringLiteral("storePath"), m_settings.storePath},
                        {QStringLiteral("cachePath"), m_settings.cachePath},
                        {QStringLiteral("runtimePath"), m_settings.runtimePath},
                        {QStringLiteral("settingsPath"), m_settings.sourcePath},
                        {QStringLiteral("defaultBridge"), m_settings.defaultBridge},
                        {QStringLiteral("defaultBackingStore"), m_settings.defaultBackingStore},
                        {QStringLiteral("bridgeState"), states.value(m_network->state())},
                        {QStringLiteral("bridgeSubnet"), m_network->state() == HostNetwork::State::Up
                                                             ? m_network->subnet().toString() : QString()},
                        {QStringLiteral("bridgeIPv6"), m_network->state() == HostNetwork::State::Up
                                                           ? m_network->ipv6Prefix() : QString()},
                        {QStringLiteral("dnsmasqRunning"), m_network->dnsmasqRunning()},
                        {QStringLiteral("warning"), m_network->warning()}};
        call.reply({out});
    });
    return {};
}

QString Service::version() const
{
#ifdef HUTCH_VERSION
    return QStringLiteral(HUTCH_VERSION);
#else
    return QStringLiteral("unknown");
#endif
}

Call Service::beginCall()
{
    setDelayedReply(true);
    return Call{connection(), message()};
}

Status Service::checkContainer(const QString &name) const
{
    if (auto err = validateContainerName(name))
        return err;
    // A name with operations queued may be one being created: the
    // operation waits for them and finds out then.
    if (!containerExists(m_settings, name) && m_queue->pending(name) == 0)
        return Error::notFound(QStringLiteral("no container \"%1\" in %2").arg(name, m_settings.storePath));
    return std::nullopt;
}

Status Service::checkExisting(const QString &name) const
{
    if (auto err = validateContainerName(name))
        return err;
    if (!containerExists(m_settings, name))
        return Error::notFound(QStringLiteral("no container \"%1\" in %2").arg(name, m_settings.storePath));
    return std::nullopt;
}

QList<QVariantMap> Service::ListContainers(const QVariantMap &options)
{
    const Call call = beginCall();
    m_auth->check(call, actions::read, QString(), [this, call, options] {
        QStringList only;
        if (options.contains(QStringLiteral("names"))) {
            const QVariant v = options.value(QStringLiteral("names"));
            if (v.metaType().id() != QMetaType::QStringList)
                return call.fail(Error::invalid(QStringLiteral("option \"names\" must be a list of strings")));
            only = v.toStringList();
            for (const QString &n : std::as_const(only))
                if (auto err = validateContainerName(n))
                    return call.fail(*err);
        }
        m_queue->runFree([settings = m_settings, cache = m_describeCache, call, only] {
            auto names = Store(settings.storePath).names();
            if (!names)
                return call.fail(names.error());
            QStringList wanted;
            for (const QString &name : std::as_const(*names))
                if (only.isEmpty() || only.contains(name))
                    wanted << name;
            if (only.isEmpty())
                cache->keepOnly(wanted);
            call.reply({QVariant::fromValue(describeContainers(settings, wanted, *cache))});
        });
    });
    return {};
}

QVariantMap Service::GetContainer(const QString &name, const QVariantMap &options)
{
    const Call call = beginCall();
    const QString statsKey = QStringLiteral("stats");
    const QString loginKey = QStringLiteral("root_login");
    Status checked = checkExisting(name);
    for (auto it = options.begin(); !checked && it != options.end(); ++it)
        if ((it.key() != statsKey && it.key() != loginKey) || it.value().metaType().id() != QMetaType::Bool)
            checked = Error::invalid(
                QStringLiteral("GetContainer takes the options \"stats\" and \"root_login\" (booleans), not \"%1\"")
                    .arg(it.key().left(64)));
    const bool withStats = options.value(statsKey).toBool();
    const bool withLogin = options.value(loginKey).toBool();
    answerWhenAllowed(call, actions::read, name, checked,
                      [settings = m_settings, name, withStats, statsKey, withLogin, loginKey]() -> Result<QVariantList> {
        QVariantMap container = describeContainer(settings, name);
        // A container that stopped in between has no stats: left out.
        if (withStats && container.value(QStringLiteral("pid")).toLongLong() > 0)
            if (auto stats = containerStats(settings, name))
                container.insert(statsKey, *stats);
        if (withLogin)
            container.insert(loginKey, rootLogin(settings, name));
        return QVariantList{container};
    });
    return {};
}

void Service::answerWhenAllowed(const Call &call, const QString &action, const QString &container, Status checked,
                                std::function<Result<QVariantList>()> read)
{
    // Two answers, from two threads (the worker's read, polkit's on this
    // one): the second to arrive replies.
    struct Answer {
        std::mutex mutex;
        std::optional<Result<QVariantList>> read;
        std::optional<Status> verdict;
    };
    auto answer = std::make_shared<Answer>();
    auto replyIfBoth = [call, checked](Answer &a) {
        if (!a.read || !a.verdict)
            return;
        if (*a.verdict)
            return call.fail(**a.verdict);
        if (checked)
            return call.fail(*checked);
        if (!*a.read)
            return call.fail(a.read->error());
        call.reply(**a.read);
    };
    if (checked) {
        answer->read = Result<QVariantList>(QVariantList());
    } else {
        m_queue->runFree([answer, replyIfBoth, read = std::move(read)] {
            Result<QVariantList> out = read();
            std::lock_guard<std::mutex> lock(answer->mutex);
            answer->read = std::move(out);
            replyIfBoth(*answer);
        });
    }
    m_auth->ask(call.caller(), action, container, [answer, replyIfBoth](Status verdict) {
        std::lock_guard<std::mutex> lock(answer->mutex);
        answer->verdict = std::move(verdict);
        replyIfBoth(*answer);
    });
}

QList<QVariantMap> Service::ListTemplates(const QVariantMap &)
{
    const Call call = beginCall();
    m_auth->check(call, actions::read, QString(), [call] { call.reply({QVariant::fromValue(templateSchemas())}); });
    return {};
}

void Service::Start(const QString &name, const QVariantMap &)
{
    const Call call = beginCall();
    // startContainer validates the name and reads the config, once, while
    // polkit decides; nothing is started unless it allows.
    startContainer(name, [call](const Status &result) {
        if (result)
            return call.fail(*result);
        call.reply();
    }, [this, call, name](std::function<void(const Status &)> decided) {
        m_auth->ask(call.caller(), actions::lifecycle, name, std::move(decided));
    });
}

void Service::startContainer(const QString &name, std::function<void(const Status &)> done,
                             std::function<void(std::function<void(const Status &)>)> authorize)
{
    // Three steps, none on this thread but the hand-over: the container's
    // own checks and its config, read once (loadContainer: the name
    // validated, the config parsed; worker), the default bridge if the
    // config is on it (worker for netlink and nft, this thread for dnsmasq,
    // the helper's supervised child), then the start from that same read
    // (worker). A refused start brings nothing up on the host, and what was
    // checked is what starts.
    //
    // AUTHORIZE, when given, asks polkit for the caller while the first
    // step reads (it changes nothing): the start goes on when both are in,
    // a refusal first, so that a refused caller learns nothing else.
    struct Plan {
        Status result;
        std::optional<LoadedContainer> container;
        std::optional<rt::LaunchSpec> spec;  // built from it: what starts
        bool bridge = false;
        bool read = false, decided = false;
        Status refusal;
        std::function<void()> next;  // once read and decided
    };
    auto plan = std::make_shared<Plan>();
    plan->decided = !authorize;
    plan->next = [this, name, plan, done = std::move(done)]() mutable {
        if (plan->refusal)
            return done(plan->refusal);
        if (plan->result)
            return done(plan->result);
        auto launch = [this, name, plan, done = std::move(done)](const Status &network) {
            if (network)
                return done(network->wrap(QStringLiteral("start \"%1\"").arg(name)));
            launchContainer(*plan->container, *plan->spec, done);
        };
        if (plan->bridge)
            return ensureDefaultNetwork(std::move(launch));
        launch(std::nullopt);
    };
    // The last of the two goes on (on this thread); the function leaves the
    // plan as it runs, which ends the plan's hold on itself.
    auto goOnIfBoth = [](const std::shared_ptr<Plan> &p) {
        if (!p->read || !p->decided || !p->next)
            return;
        auto next = std::move(p->next);
        p->next = nullptr;
        next();
    };
    const QString bridge = m_settings.defaultBridge;
    m_queue->run({name}, [settings = m_settings, name, bridge, plan] {
        const Store store(settings.storePath);
        auto container = loadContainer(store, name);
        if (!container) {
            plan->result = container.error().wrap(QStringLiteral("start \"%1\"").arg(name));
            return;
        }
        if (monitorState(settings, *container).running()) {
            plan->result = Error::busy(QStringLiteral("container \"%1\" is running already").arg(name));
            return;
        }
        // What the start itself will check (its caps, every key applied or
        // refused), before the host is touched for it.
        auto spec = buildLaunchSpec(store, *container, settings);
        if (!spec) {
            plan->result = spec.error().wrap(QStringLiteral("start \"%1\"").arg(name));
            return;
        }
        plan->spec = std::move(*spec);
        plan->bridge = linksTo(container->config(), bridge);
        plan->container = std::move(*container);
    }, [plan, goOnIfBoth] {
        plan->read = true;
        goOnIfBoth(plan);
    });
    if (authorize)
        authorize([plan, goOnIfBoth](const Status &verdict) {
            plan->refusal = verdict;
            plan->decided = true;
            goOnIfBoth(plan);
        });
}

void Service::launchContainer(const LoadedContainer &container, const rt::LaunchSpec &spec,
                              std::function<void(const Status &)> done)
{
    auto result = std::make_shared<Status>();
    m_queue->run({container.name()}, [settings = m_settings, monitor = m_monitorPath, container, spec, result] {
        const QString &name = container.name();
        if (!containerExists(settings, name)) {  // destroyed while the bridge came up
            *result = Error::notFound(QStringLiteral("no container \"%1\" in %2").arg(name, settings.storePath));
            return;
        }
        if (monitorState(settings, container).running()) {
            *result = Error::busy(QStringLiteral("container \"%1\" is running already").arg(name));
            return;
        }
        Runtime runtime(settings, monitor);
        if (auto pid = runtime.start(spec); !pid)
            *result = pid.error();
    }, [this, container, result, done = std::move(done)] {
        // The caller hears first: following the monitor (a round trip to
        // it) is for later calls and signals, and this thread takes the
        // next call only after both.
        done(*result);
        m_watcher->watch(container);
    });
}

void Service::autostart()
{
    const QList<AutostartEntry> plan = autostartPlan(Store(m_settings.storePath));
    auto next = std::make_shared<std::function<void(qsizetype)>>();
    // One after the other, each one's lxc.start.delay after it started.
    *next = [this, plan, next](qsizetype i) {
        if (i >= plan.size()) {
            *next = nullptr;  // the chain ends; nothing holds it
            return;
        }
        const AutostartEntry &e = plan.at(i);
        std::fprintf(stderr, "hutch-helper: autostart %s\n", qPrintable(e.name));
        startContainer(e.name, [this, e, i, next](const Status &result) {
            if (result)
                std::fprintf(stderr, "hutch-helper: autostart %s: %s\n", qPrintable(e.name), qPrintable(result->message));
            QTimer::singleShot(result ? 0 : e.delaySeconds * 1000, this, [next, i] {
                if (*next)
                    (*next)(i + 1);
            });
        });
    };
    (*next)(0);
}

void Service::Stop(const QString &name, const QVariantMap &)
{
    const Call call = beginCall();
    m_auth->check(call, actions::lifecycle, name, [this, call, name] {
        if (auto err = checkContainer(name))
            return call.fail(*err);
        m_queue->run({name}, [settings = m_settings, call, name] {
            if (auto err = stopAndWait(settings, name, std::nullopt, kStopWaitMs))
                return call.fail(*err);
            call.reply();
        });
    });
}

void Service::Shutdown(const QString &name, uint timeout, const QVariantMap &)
{
    const Call call = beginCall();
    m_auth->check(call, actions::lifecycle, name, [this, call, name, timeout] {
        if (auto err = checkContainer(name))
            return call.fail(*err);
        if (timeout > kMaxTimeoutSeconds)
            return call.fail(Error::invalid(QStringLiteral("timeout %1 s is longer than a day").arg(timeout)));
        m_queue->run({name}, [settings = m_settings, call, name, timeout] {
            if (auto err = stopAndWait(settings, name, int(timeout) * 1000, int(timeout) * 1000 + kShutdownGraceMs))
                return call.fail(*err);
            call.reply();
        });
    });
}

void Service::lifecycleRequest(const QString &name, Status (MonitorLink::*verb)())
{
    const Call call = beginCall();
    m_auth->check(call, actions::lifecycle, name, [this, call, name, verb] {
        if (auto err = checkContainer(name))
            return call.fail(*err);
        m_queue->run({name}, [settings = m_settings, call, name, verb] {
            // Not running: no monitor (NotFound from connect) or one that
            // stays for a finished program (its NotFound, ESRCH).
            auto link = MonitorLink::connect(settings, name);
            if (!link)
                return call.fail(link.error());
            if (auto err = ((*link).*verb)())
                return call.fail(*err);
            call.reply();
        });
    });
}

void Service::Reboot(const QString &name, const QVariantMap &)
{
    lifecycleRequest(name, &MonitorLink::reboot);
}

void Service::Freeze(const QString &name, const QVariantMap &)
{
    lifecycleRequest(name, &MonitorLink::freeze);
}

void Service::Unfreeze(const QString &name, const QVariantMap &)
{
    lifecycleRequest(name, &MonitorLink::unfreeze);
}

bool Service::WaitForState(const QString &name, const QString &states, uint timeout, const QVariantMap &,
                           QString &)
{
    const Call call = beginCall();
    m_auth->check(call, actions::read, name, [this, call, name, states, timeout] {
        if (auto err = checkContainer(name))
            return call.fail(*err);
        const QStringList wanted = states.split(QLatin1Char('|'), Qt::SkipEmptyParts);
        if (wanted.isEmpty())
            return call.fail(Error::invalid(QStringLiteral("no state to wait for (one of %1)").arg(kStates.join(QLatin1Char(' ')))));
        for (const QString &s : wanted)
            if (!kStates.contains(s))
                return call.fail(Error::invalid(QStringLiteral("\"%1\" is not a state (one of %2)")
                                                    .arg(s.left(32), kStates.join(QLatin1Char(' ')))));
        if (timeout > kMaxTimeoutSeconds)
            return call.fail(Error::invalid(QStringLiteral("timeout %1 s is longer than a day").arg(timeout)));
        m_watcher->waitFor(call, name, wanted, int(timeout) * 1000);
    });
    return false;
}

}  // namespace hutch::service
