#include "statewatcher.h"

#include "names.h"
#include "launch.h"
#include "monitorlink.h"
#include "deadmonitor.h"

#include <QDir>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QSocketNotifier>
#include <QTimer>

#include <dirent.h>

namespace hutch::service {

namespace {
// A monitor answers its subscriber once it serves (a starting one, after
// its container runs); one that has not answered by then is not followed.
constexpr int kSubscribeTimeoutMs = 10000;
const QString kStopped = QStringLiteral("STOPPED");
constexpr qsizetype kMaxWaiters = 4096;
// One connection's share: no caller takes every slot.
constexpr qsizetype kMaxWaitersPerCaller = 32;
}  // namespace

struct StateWatcher::Subscription {
    std::optional<MonitorLink> link;
    std::unique_ptr<QSocketNotifier> notifier;
    QString state;
    // Asked, not answered yet: the next message is the answer ("ok STATE").
    bool pending = true;
    QTimer timeout;
};

struct StateWatcher::Waiter {
    Waiter(Call c, QString n, QStringList s) : call(std::move(c)), name(std::move(n)), states(std::move(s)) {}
    Call call;
    QString name;
    QStringList states;
    QTimer timer;
};

StateWatcher::StateWatcher(HelperSettings settings, QObject *parent)
    : QObject(parent), m_settings(std::move(settings))
{
}

StateWatcher::~StateWatcher() = default;

void StateWatcher::start()
{
    // The runtime directory holds the monitors' 0600 sockets: root only.
    QDir().mkpath(m_settings.runtimePath);
    QFile::setPermissions(m_settings.runtimePath, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QDir().mkpath(m_settings.storePath);
    m_fsWatcher = new QFileSystemWatcher(this);
    m_fsWatcher->addPath(m_settings.runtimePath);
    m_fsWatcher->addPath(m_settings.storePath);
    connect(m_fsWatcher, &QFileSystemWatcher::directoryChanged, this, [this](const QString &dir) {
        if (dir == m_settings.runtimePath)
            scanSockets();
        else
            scanStore();
    });
    scanStore();
    scanSockets();
}

void StateWatcher::scanSockets()
{
    DIR *dir = ::opendir(QFile::encodeName(m_settings.runtimePath).constData());
    if (!dir)
        return;
    QStringList names;
    while (const dirent *d = ::readdir(dir)) {
        const QString file = QFile::decodeName(d->d_name);
        if (file.endsWith(QLatin1String(".sock")))
            names << file.chopped(5);
    }
    ::closedir(dir);
    for (const QString &name : std::as_const(names))
        watch(name);
}

void StateWatcher::scanStore()
{
    DIR *dir = ::opendir(QFile::encodeName(m_settings.storePath).constData());
    if (!dir)
        return;
    QSet<QString> now;
    while (const dirent *d = ::readdir(dir)) {
        if (d->d_name[0] == '.')
            continue;  // staging and destroying directories are not containers
        const QString name = QFile::decodeName(d->d_name);
        const QFileInfo info(m_settings.storePath + QLatin1Char('/') + name);
        if (info.isDir() && !info.isSymLink())
            now.insert(name);
    }
    ::closedir(dir);
    const QSet<QString> before = m_storeNames;
    m_storeNames = now;
    for (const QString &name : now)
        if (!before.contains(name))
            Q_EMIT containerAdded(name);
    for (const QString &name : before)
        if (!now.contains(name))
            Q_EMIT containerRemoved(name);
}

void StateWatcher::watch(const QString &name)
{
    if (!m_subs.contains(name))
        follow(name, MonitorLink::connect(m_settings, name));  // validates the name
}

void StateWatcher::watch(const LoadedContainer &container)
{
    if (!m_subs.contains(container.name()))
        follow(container.name(), MonitorLink::connect(m_settings, container));
}

void StateWatcher::follow(const QString &name, Result<MonitorLink> link)
{
    if (!link)
        return;  // a socket left by a monitor that is gone, or none yet
    // The answer is read when it comes (onEvent): a monitor answers once
    // its container runs, and this thread serves calls meanwhile.
    if (link->requestSubscription(true))
        return;
    auto sub = std::make_shared<Subscription>();
    sub->link = std::move(*link);
    sub->notifier = std::make_unique<QSocketNotifier>(sub->link->fd(), QSocketNotifier::Read);
    connect(sub->notifier.get(), &QSocketNotifier::activated, this, [this, name] { onEvent(name); });
    sub->timeout.setSingleShot(true);
    connect(&sub->timeout, &QTimer::timeout, this, [this, name, s = sub.get()] {
        if (m_subs.value(name).get() == s && s->pending)
            unfollow(name);
    });
    sub->timeout.start(kSubscribeTimeoutMs);
    m_subs.insert(name, sub);
}

void StateWatcher::unfollow(const QString &name)
{
    // Not followed after all: its waiters hear the state as it is now.
    m_subs.remove(name);
    answerWaiters(name, state(name));
}

void StateWatcher::onEvent(const QString &name)
{
    const auto sub = m_subs.value(name);
    if (!sub)
        return;
    if (sub->pending) {
        auto current = sub->link->subscription(0);
        if (!current && current.error().sysErrno == ETIMEDOUT)
            return;  // spurious wake-up
        if (!current)
            return unfollow(name);  // gone already, or it refused
        sub->pending = false;
        sub->timeout.stop();
        setState(name, *current);
        return;
    }
    auto event = sub->link->nextEvent(0);
    if (!event) {
        if (event.error().sysErrno == ETIMEDOUT)
            return;  // spurious wake-up
        drop(name);  // the monitor is gone: the container stopped
        return;
    }
    if (event->kind == MonitorEvent::Kind::State)
        setState(name, event->state);
    else if (event->kind == MonitorEvent::Kind::Addresses)
        onAddresses(name, event->addresses);
}

void StateWatcher::onAddresses(const QString &name, const QStringList &lines)
{
    // One "LINK ADDRESS/PREFIX" a line; the same selection as a listing's:
    // no loopback, no link-local.
    QStringList ipv4, ipv6;
    for (const QString &line : lines) {
        const QString link = line.section(QLatin1Char(' '), 0, 0);
        const QString address = line.section(QLatin1Char(' '), 1, 1).section(QLatin1Char('/'), 0, 0);
        if (address.isEmpty() || link == QLatin1String("lo"))
            continue;
        if (!address.contains(QLatin1Char(':')))
            ipv4 << address;
        else if (!address.startsWith(QLatin1String("fe80:"), Qt::CaseInsensitive))
            ipv6 << address;
    }
    Q_EMIT addressesChanged(name, ipv4, ipv6);
}

void StateWatcher::drop(const QString &name)
{
    m_subs.remove(name);
    setState(name, kStopped);
    // A monitor that stops removes its socket before it closes this
    // connection; one still there, that nobody listens on, is a killed one's.
    if (monitorLeftSocket(m_settings, name))
        Q_EMIT monitorLost(name);
}

void StateWatcher::setState(const QString &name, const QString &state)
{
    const auto sub = m_subs.value(name);
    if (sub) {
        if (sub->state == state)
            return;
        sub->state = state;
    }
    Q_EMIT stateChanged(name, state);
    answerWaiters(name, state);
}

QString StateWatcher::state(const QString &name) const
{
    const auto sub = m_subs.value(name);
    return sub && !sub->pending ? sub->state : kStopped;
}

void StateWatcher::waitFor(const Call &call, const QString &name, const QStringList &states, int timeoutMs)
{
    watch(name);
    const QString now = state(name);
    const auto sub = m_subs.value(name);
    if (states.contains(now) && !(sub && sub->pending)) {  // a pending one's state comes with its answer
        call.reply({true, now});
        return;
    }
    // Anyone may wait (it is a read): the number of waiting calls is bounded.
    if (m_waiters.size() >= kMaxWaiters) {
        call.fail({Error::Code::Busy, 0, QStringLiteral("too many calls are waiting for states; try again later")});
        return;
    }
    const qsizetype mine = std::count_if(m_waiters.cbegin(), m_waiters.cend(),
                                         [&](const auto &w) { return w->call.caller() == call.caller(); });
    if (mine >= kMaxWaitersPerCaller) {
        call.fail({Error::Code::Busy, 0, QStringLiteral("this caller has %1 calls waiting for states already (at most %1)")
                                             .arg(kMaxWaitersPerCaller)});
        return;
    }
    auto waiter = std::make_shared<Waiter>(call, name, states);
    waiter->timer.setSingleShot(true);
    connect(&waiter->timer, &QTimer::timeout, this, [this, w = waiter.get()] {
        for (qsizetype i = 0; i < m_waiters.size(); ++i) {
            if (m_waiters.at(i).get() != w)
                continue;
            const auto keep = m_waiters.takeAt(i);
            keep->call.reply({false, state(keep->name)});
            return;
        }
    });
    waiter->timer.start(timeoutMs);
    m_waiters.append(waiter);
}

void StateWatcher::answerWaiters(const QString &name, const QString &state)
{
    for (qsizetype i = 0; i < m_waiters.size();) {
        const auto &w = m_waiters.at(i);
        if (w->name == name && w->states.contains(state)) {
            const auto done = m_waiters.takeAt(i);
            done->timer.stop();
            done->call.reply({true, state});
        } else {
            ++i;
        }
    }
}

}  // namespace hutch::service
