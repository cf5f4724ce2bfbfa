// The object behind io.github.hutch.Helper1 at /io/github/hutch/Helper1: one
// handler per method of resources/io.github.hutch.Helper1.xml (the generated
// Helper1Adaptor calls these). Each handler answers later
// (setDelayedReply) and does, in order:
//   authorize  polkit, for the caller's bus name (Authorizer)
//   validate   every argument, before anything changes
//   act        on a worker thread (OperationQueue), serialized per container;
//              long work as a job (JobManager)
// The handlers live in three files: service.cpp (listing, lifecycle, wait),
// service_config.cpp (config, limits, stats, console), service_store.cpp
// (create, clone, destroy, rename, snapshots).
#pragma once

#include "call.h"
#include "hostnetwork.h"
#include "inspect.h"
#include "settings.h"
#include "templates.h"

#include <QDBusContext>
#include <QDBusObjectPath>
#include <QDBusUnixFileDescriptor>
#include <QObject>
#include <QVariantMap>

#include <functional>
#include <memory>

namespace hutch {
class HostNetwork;
class LoadedContainer;
class MonitorLink;
}

namespace hutch::service {

class Authorizer;
class Job;
class JobManager;
class OperationQueue;
class StateWatcher;

class Service : public QObject, protected QDBusContext {
    Q_OBJECT
    Q_PROPERTY(QString Version READ version)
public:
    static QString objectPath() { return QStringLiteral("/io/github/hutch/Helper1"); }
    static QString serviceName() { return QStringLiteral("io.github.hutch.Helper1"); }

    // `bus`: where the helper serves and polkitd answers. `monitorPath`:
    // the hutch-monitor executable.
    Service(QDBusConnection bus, HelperSettings settings, QString monitorPath, QObject *parent = nullptr);
    ~Service() override;

    // Subscribes to running monitors and watches the store; call once the
    // name is owned.
    void start();
    QString version() const;
    // Starts the containers with lxc.start.auto = 1, as lxc-autostart does
    // at boot (autostart.h says in which order); the helper calls it once
    // per boot.
    void autostart();
    JobManager *jobs() const { return m_jobs; }

    // Listing and lifecycle (service.cpp).
    QList<QVariantMap> ListContainers(const QVariantMap &options);
    QVariantMap GetContainer(const QString &name, const QVariantMap &options);
    QList<QVariantMap> ListTemplates(const QVariantMap &options);
    QVariantMap GetSettings(const QVariantMap &options);
    // Throwaway copies (service_ephemeral.cpp).
    QString StartEphemeral(const QString &source, const QString &name, const QVariantMap &options);
    // The host check (service_host.cpp).
    QList<QVariantMap> CheckHost(const QVariantMap &options);
    void Start(const QString &name, const QVariantMap &options);
    void Stop(const QString &name, const QVariantMap &options);
    void Shutdown(const QString &name, uint timeout, const QVariantMap &options);
    void Reboot(const QString &name, const QVariantMap &options);
    void Freeze(const QString &name, const QVariantMap &options);
    void Unfreeze(const QString &name, const QVariantMap &options);
    bool WaitForState(const QString &name, const QString &states, uint timeout, const QVariantMap &options,
                      QString &state);

    // Config, limits, stats, terminals (service_config.cpp).
    QList<QVariantMap> GetConfig(const QString &name, const QVariantMap &options);
    void SetConfigItem(const QString &name, const QString &key, const QString &value, const QVariantMap &options);
    QString GetConfigText(const QString &name, const QVariantMap &options);
    void SetConfig(const QString &name, const QString &text, const QVariantMap &options);
    QString GetLog(const QString &name, const QVariantMap &options);
    QVariantMap GetLimits(const QString &name, const QStringList &keys, const QVariantMap &options);
    void SetLimits(const QString &name, const QVariantMap &limits, const QVariantMap &options);
    QVariantMap GetStats(const QString &name, const QVariantMap &options);
    QList<QVariantMap> ListProcesses(const QString &name, const QVariantMap &options);  // service_guide.cpp
    QDBusUnixFileDescriptor OpenConsole(const QString &name, uint tty, const QVariantMap &options);
    void ResizeConsole(const QString &name, uint tty, uint rows, uint cols, const QVariantMap &options);
    QDBusUnixFileDescriptor Attach(const QString &name, const QStringList &argv, const QStringList &env,
                                   const QVariantMap &options, QDBusUnixFileDescriptor &errors,
                                   QDBusObjectPath &process);
    QDBusUnixFileDescriptor Execute(const QString &name, const QStringList &argv, const QVariantMap &options,
                                    QDBusObjectPath &process);

    // The store (service_store.cpp).
    QDBusObjectPath CreateContainer(const QString &name, const QString &templateName,
                                    const QVariantMap &templateOptions, const QVariantMap &options);
    QDBusObjectPath CloneContainer(const QString &source, const QString &name, const QVariantMap &options);
    QDBusObjectPath DestroyContainer(const QString &name, const QVariantMap &options);
    void RenameContainer(const QString &name, const QString &newName, const QVariantMap &options);
    QDBusObjectPath CreateSnapshot(const QString &name, const QString &comment, const QVariantMap &options);
    QList<QVariantMap> ListSnapshots(const QString &name, const QVariantMap &options);
    QDBusObjectPath RestoreSnapshot(const QString &name, const QString &snapshot, const QVariantMap &options);
    void DeleteSnapshot(const QString &name, const QString &snapshot, const QVariantMap &options);
    QDBusObjectPath ExportContainer(const QString &name, const QDBusUnixFileDescriptor &file, const QVariantMap &options);
    QDBusObjectPath ImportContainer(const QDBusUnixFileDescriptor &file, const QVariantMap &options);

    // Files in and out (service_files.cpp).
    QDBusObjectPath PushFile(const QString &name, const QString &path, const QDBusUnixFileDescriptor &stream,
                             const QVariantMap &options);
    QDBusObjectPath PullFile(const QString &name, const QString &path, const QDBusUnixFileDescriptor &stream,
                             const QVariantMap &options);
    QList<QVariantMap> ListFiles(const QString &name, const QString &path, const QVariantMap &options);
    void MakeDirectory(const QString &name, const QString &path, const QVariantMap &options);
    void DeleteFile(const QString &name, const QString &path, const QVariantMap &options);

Q_SIGNALS:
    void ContainerAdded(const QString &name);
    void ContainerRemoved(const QString &name);
    void StateChanged(const QString &name, const QString &state);
    void ConfigChanged(const QString &name);
    void AddressesChanged(const QString &name, const QStringList &ipv4, const QStringList &ipv6);
    void JobProgress(const QDBusObjectPath &job, double progress);
    void JobFinished(const QDBusObjectPath &job, bool success, const QString &error, const QString &message);

private:
    // The current call, to be answered later.
    Call beginCall();
    // Name valid and STORE/NAME a directory (or operations on NAME queued,
    // which may create it); else the Error to answer.
    Status checkContainer(const QString &name) const;
    // Name valid and STORE/NAME a directory now (reads).
    Status checkExisting(const QString &name) const;
    // A read-only answer worked out while polkit decides: READ runs on a
    // worker at once (it changes nothing) and its reply goes out once
    // polkit allows; a refusal goes first, and a refused caller learns
    // nothing else (not CHECKED either: what was wrong with the
    // arguments, found before).
    void answerWhenAllowed(const Call &call, const QString &action, const QString &container, Status checked,
                           std::function<Result<QVariantList>()> read);
    // Answers `call` with a job's path at once and runs `work` as that job,
    // after earlier operations on `keys`. `action`: what its Cancel needs
    // (empty: io.github.hutch.manage).
    void runJob(const Call &call, const QString &operation, const QString &container, const QStringList &keys,
                std::function<Status(const StepReport &, const std::atomic_bool *)> work,
                const QString &action = QString());
    // A lifecycle request to NAME's monitor on a worker, serialized.
    void lifecycleRequest(const QString &name, Status (MonitorLink::*verb)());
    // Starts NAME (bridge first if it needs it), serialized with the other
    // operations on NAME; `done` gets the outcome on this thread. With
    // `authorize` (polkit for a caller), nothing starts before it allows.
    void startContainer(const QString &name, std::function<void(const Status &)> done,
                        std::function<void(std::function<void(const Status &)>)> authorize = {});
    // The last step of a start: the runtime, on a worker, from the config
    // the first step read and the launch spec built from it then.
    void launchContainer(const LoadedContainer &container, const rt::LaunchSpec &spec,
                         std::function<void(const Status &)> done);
    // The default bridge (settings' default_bridge), up or adopted from an
    // earlier helper; before a container that is linked to it starts. The
    // netlink and nft work runs in the operation queue; `done` hears on
    // this thread. Callers arriving during a bring-up wait for that one.
    void ensureDefaultNetwork(std::function<void(const Status &)> done);
    BridgeOptions defaultBridgeOptions() const;
    std::shared_ptr<QList<std::function<void(const Status &)>>> m_networkWaiters
        = std::make_shared<QList<std::function<void(const Status &)>>>();

    QDBusConnection m_bus;
    HelperSettings m_settings;
    QString m_monitorPath;
    Authorizer *m_auth;
    OperationQueue *m_queue;
    JobManager *m_jobs;
    StateWatcher *m_watcher;
    HostNetwork *m_network;
    quint64 m_nextProcess = 1;
    // Listing entries of unchanged configs (worker threads share it).
    std::shared_ptr<DescribeCache> m_describeCache = std::make_shared<DescribeCache>();
};

// Reads an option of the trailing a{sv}: absent gives `fallback`, a value of
// another type is InvalidArgument.
Result<bool> boolOption(const QVariantMap &options, const QString &key, bool fallback);
Result<QString> stringOption(const QVariantMap &options, const QString &key, const QString &fallback);

}  // namespace hutch::service
