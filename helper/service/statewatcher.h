// What the helper knows about container states and the store, derived from
// what is on disk and in the monitors, never kept on its own: a subscription
// ("subscribe") to the monitor of every running container, found through
// its socket in the runtime directory, and the store directory's entries.
// A restarted helper rebuilds all of it from the same places.
//
// Runs on the main thread: monitor events arrive through QSocketNotifier,
// new sockets and store entries through QFileSystemWatcher (inotify).
#pragma once

#include "call.h"
#include "monitorlink.h"
#include "settings.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>

#include <memory>

class QFileSystemWatcher;

namespace hutch::service {

class StateWatcher : public QObject {
    Q_OBJECT
public:
    explicit StateWatcher(HelperSettings settings, QObject *parent = nullptr);
    ~StateWatcher() override;

    // Creates the runtime and store directories if missing, subscribes to
    // every running monitor and starts watching both directories.
    void start();
    // Subscribes to NAME's monitor if it runs and is not followed yet
    // (after a start through this helper).
    void watch(const QString &name);
    // The same for a container a start has just read (its name is valid).
    void watch(const LoadedContainer &container);
    // The last state a monitor reported; STOPPED when none runs.
    QString state(const QString &name) const;

    // Answers `call` with (reached, state) once NAME is in one of `states`,
    // or with (false, state) after `timeoutMs`.
    void waitFor(const Call &call, const QString &name, const QStringList &states, int timeoutMs);

Q_SIGNALS:
    void stateChanged(const QString &name, const QString &state);
    // NAME's monitor went away without its own clean-up (killed): its
    // socket stayed. The service tears down what it left (deadmonitor.h).
    void monitorLost(const QString &name);
    // A running container's global addresses changed (its monitor saw it).
    void addressesChanged(const QString &name, const QStringList &ipv4, const QStringList &ipv6);
    void containerAdded(const QString &name);
    void containerRemoved(const QString &name);

private:
    struct Subscription;
    struct Waiter;
    void scanSockets();
    void scanStore();
    void follow(const QString &name, Result<MonitorLink> link);
    void onEvent(const QString &name);
    void onAddresses(const QString &name, const QStringList &lines);
    void setState(const QString &name, const QString &state);
    void drop(const QString &name);
    void unfollow(const QString &name);
    void answerWaiters(const QString &name, const QString &state);

    HelperSettings m_settings;
    QFileSystemWatcher *m_fsWatcher = nullptr;
    QHash<QString, std::shared_ptr<Subscription>> m_subs;
    QSet<QString> m_storeNames;
    QList<std::shared_ptr<Waiter>> m_waiters;
};

}  // namespace hutch::service
