// HelperConnection: the GUI's one link to hutch-helper (io.github.hutch.Helper1).
// It owns the bus connection and the generated proxy, watches the service
// name so that a helper that goes away and comes back is picked up again
// without the user doing anything, and turns D-Bus errors into sentences a
// user can read (never a raw error name).
#pragma once

#include <QDBusConnection>
#include <QDBusError>
#include <QDBusPendingCall>
#include <QObject>

#include <functional>
#include <memory>

class Helper1Proxy;
class QDBusServiceWatcher;

class HelperConnection : public QObject
{
    Q_OBJECT

public:
    // Uses hutch::client::helperBus(): $HUTCH_BUS_ADDRESS, else the system bus.
    explicit HelperConnection(QObject *parent = nullptr);
    ~HelperConnection() override;

    bool isConnected() const { return m_connected; }
    QDBusConnection bus() const;
    Helper1Proxy *helper() const { return m_helper.get(); }
    // "the system bus" or "the bus at unix:path=..." for the status bar.
    QString busDescription() const;

    // Runs `done` when `call` answers; on an error `failed` gets the
    // readable message and whether it was a polkit refusal.
    void watch(const QDBusPendingCall &call, QObject *context, std::function<void(const QDBusPendingCall &)> done,
               std::function<void(const QString &message, bool refused)> failed);

    // A helper error as the user should read it: what went wrong in words,
    // with the helper's own explanation; never the D-Bus error name.
    static QString readableError(const QDBusError &error);
    // The same for an error a signal carries as name and message (JobFinished).
    static QString readableError(const QString &errorName, const QString &message);
    static bool isRefusal(const QDBusError &error);
    static bool isCancelled(const QString &errorName);

Q_SIGNALS:
    // The helper appeared (or the GUI started and found it) / went away.
    void connected();
    void disconnected();
    void containerAdded(const QString &name);
    void containerRemoved(const QString &name);
    void stateChanged(const QString &name, const QString &state);
    void configChanged(const QString &name);
    void addressesChanged(const QString &name, const QStringList &ipv4, const QStringList &ipv6);

private:
    void setConnected(bool connected);

    std::unique_ptr<Helper1Proxy> m_helper;
    QDBusServiceWatcher *m_watcher = nullptr;
    bool m_connected = false;
};
