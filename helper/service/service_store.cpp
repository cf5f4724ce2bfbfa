// Service: create, clone, destroy and rename — the store's operations, as
// jobs where they take long.
#include "service.h"

#include "authorizer.h"
#include "clone.h"
#include "destroy.h"
#include "inspect.h"
#include "jobs.h"
#include "launch.h"
#include "names.h"
#include "operationqueue.h"
#include "snapshots.h"
#include "storeops.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QMetaObject>
#include <QThread>

#include <memory>

namespace hutch::service {

namespace {


// For tests of interrupted and concurrent jobs: each step of a job waits
// this long (HUTCH_TEST_JOB_STEP_MS, in the helper's environment, which
// only root sets). Unset in production.
int testStepDelayMs()
{
    static const int ms = qEnvironmentVariableIntValue("HUTCH_TEST_JOB_STEP_MS");
    return ms;
}

void testStepDelay(const std::atomic_bool *cancel)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < testStepDelayMs() && !(cancel && cancel->load()))
        QThread::msleep(20);
}

// The storage library reports lines, not fractions: each line takes the
// bar a tenth of the rest of the way.
storage::Progress linesAsProgress(const StepReport &report)
{
    auto fraction = std::make_shared<double>(0.0);
    return [report, fraction](const QString &line) {
        *fraction += (0.95 - *fraction) / 10;
        report(line, *fraction);
    };
}

// "snapN", as lxc-snapshot names them: nothing else reaches the store.
Status checkSnapshotName(const QString &snapshot)
{
    static const QRegularExpression snap(QStringLiteral("^snap[0-9]{1,9}$"));
    if (!snap.match(snapshot).hasMatch())
        return Error::invalid(QStringLiteral("\"%1\" is not a snapshot name (snap0, snap1, ...)").arg(snapshot.left(32)));
    return std::nullopt;
}

Status checkComment(const QString &comment)
{
    if (comment.toUtf8().size() > 4096)
        return Error::invalid(QStringLiteral("the comment is longer than 4096 bytes"));
    for (const QChar c : comment)
        if ((c.unicode() < 0x20 && c != QLatin1Char('\n') && c != QLatin1Char('\t')) || c.unicode() == 0x7f)
            return Error::invalid(QStringLiteral("the comment holds a control character (0x%1)").arg(c.unicode(), 2, 16, QLatin1Char('0')));
    return std::nullopt;
}

}  // namespace

void Service::runJob(const Call &call, const QString &operation, const QString &container, const QStringList &keys,
                     std::function<Status(const StepReport &, const std::atomic_bool *)> work)
{
    Job *job = m_jobs->create(operation, container, actions::manage);
    call.reply({QVariant::fromValue(job->path())});
    auto result = std::make_shared<Status>();
    m_queue->run(keys, [job, work = std::move(work), result] {
        QMetaObject::invokeMethod(job, [job] { job->markRunning(); }, Qt::QueuedConnection);
        const std::atomic_bool *cancel = job->cancelFlag();
        const StepReport report = [job, cancel](const QString &line, double fraction) {
            job->log(line);
            if (fraction >= 0)
                job->setProgress(fraction);
            if (testStepDelayMs() > 0)
                testStepDelay(cancel);
        };
        if (cancel->load())
            *result = Error{Error::Code::Cancelled, 0, QStringLiteral("cancelled before it began")};
        else
            *result = work(report, cancel);
    }, [job, result] { job->finish(*result); });
}

QDBusObjectPath Service::CreateContainer(const QString &name, const QString &templateName,
                                         const QVariantMap &templateOptions, const QVariantMap &options)
{
    const Call call = beginCall();
    m_auth->check(call, actions::manage, name, [this, call, name, templateName, templateOptions, options] {
        if (auto err = validateContainerName(name))
            return call.fail(*err);
        auto create = checkCreate(m_settings, templateName, templateOptions, options);
        if (!create)
            return call.fail(create.error());
        if (containerExists(m_settings, name))
            return call.fail(Error::busy(QStringLiteral("a container \"%1\" exists").arg(name)));
        // An image's own config lines may reach the host: an administrator
        // says yes to them every time, as to such keys set one by one.
        const QStringList more = create->bringsConfig ? QStringList{actions::configurePrivileged} : QStringList{};
        m_auth->checkAll(call, more, name, [this, call, name, create = *create] {
            runJob(call, QStringLiteral("create"), name, {name},
                   [settings = m_settings, name, create](const StepReport &report, const std::atomic_bool *cancel) {
                       return create.run(Store(settings.storePath), name, report, cancel);
                   });
        });
    });
    return {};
}

QDBusObjectPath Service::CloneContainer(const QString &source, const QString &name, const QVariantMap &options)
{
    const Call call = beginCall();
    m_auth->check(call, actions::manage, name, [this, call, source, name, options] {
        if (auto err = checkContainer(source))
            return call.fail(*err);
        if (auto err = validateContainerName(name))
            return call.fail(*err);
        auto snapshot = boolOption(options, QStringLiteral("snapshot"), false);
        if (!snapshot)
            return call.fail(snapshot.error());
        auto backing = stringOption(options, QStringLiteral("backing_store"), QString());
        if (!backing)
            return call.fail(backing.error());
        if (!backing->isEmpty() && *backing != QLatin1String("best") && !storage::parseKindName(*backing))
            return call.fail(Error::invalid(QStringLiteral("unknown backing store \"%1\" (dir, overlay, btrfs, lvm or best)")
                                                .arg(backing->left(32))));
        if (containerExists(m_settings, name))
            return call.fail(Error::busy(QStringLiteral("a container \"%1\" exists").arg(name)));
        if (monitorState(m_settings, source).running())
            return call.fail(Error::busy(QStringLiteral("container \"%1\" is running; stop it to clone it").arg(source)));
        storage::CloneOptions cloneOptions;
        cloneOptions.snapshot = *snapshot;
        cloneOptions.backend = *backing;
        runJob(call, QStringLiteral("clone"), name, {source, name},
               [settings = m_settings, monitor = m_monitorPath, source, name, cloneOptions](
                   const StepReport &report, const std::atomic_bool *cancel) -> Status {
                   Runtime runtime(settings, monitor);
                   return storage::cloneContainer(runtime, source, name, cloneOptions, linesAsProgress(report), cancel);
               });
    });
    return {};
}

QDBusObjectPath Service::DestroyContainer(const QString &name, const QVariantMap &options)
{
    const Call call = beginCall();
    m_auth->check(call, actions::manage, name, [this, call, name, options] {
        if (auto err = checkContainer(name))
            return call.fail(*err);
        auto force = boolOption(options, QStringLiteral("force"), false);
        if (!force)
            return call.fail(force.error());
        const QString runningMessage =
            QStringLiteral("container \"%1\" is running; stop it first, or destroy with force").arg(name);
        if (!*force && monitorState(m_settings, name).running())
            return call.fail(Error::busy(runningMessage));
        runJob(call, QStringLiteral("destroy"), name, {name},
               [settings = m_settings, monitor = m_monitorPath, name, force = *force](
                   const StepReport &report, const std::atomic_bool *) -> Status {
                   Runtime runtime(settings, monitor);
                   storage::DestroyOptions destroyOptions;
                   destroyOptions.force = force;
                   return storage::destroyContainer(runtime, name, destroyOptions, linesAsProgress(report));
               });
    });
    return {};
}

void Service::RenameContainer(const QString &name, const QString &newName, const QVariantMap &)
{
    const Call call = beginCall();
    m_auth->check(call, actions::manage, name, [this, call, name, newName] {
        if (auto err = checkContainer(name))
            return call.fail(*err);
        if (auto err = validateContainerName(newName))
            return call.fail(*err);
        if (containerExists(m_settings, newName))
            return call.fail(Error::busy(QStringLiteral("a container \"%1\" exists").arg(newName)));
        m_queue->run({name, newName}, [settings = m_settings, call, name, newName] {
            if (monitorState(settings, name).running())
                return call.fail(Error::busy(QStringLiteral("container \"%1\" is running; stop it to rename it").arg(name)));
            if (auto err = renameContainer(Store(settings.storePath), name, newName))
                return call.fail(*err);
            call.reply();
        });
    });
}

QDBusObjectPath Service::CreateSnapshot(const QString &name, const QString &comment, const QVariantMap &)
{
    const Call call = beginCall();
    m_auth->check(call, actions::manage, name, [this, call, name, comment] {
        if (auto err = checkExisting(name))
            return call.fail(*err);
        if (auto err = checkComment(comment))
            return call.fail(*err);
        if (monitorState(m_settings, name).running())
            return call.fail(Error::busy(QStringLiteral("container \"%1\" is running; stop it to snapshot it").arg(name)));
        runJob(call, QStringLiteral("snapshot"), name, {name},
               [settings = m_settings, monitor = m_monitorPath, name, comment](
                   const StepReport &report, const std::atomic_bool *cancel) -> Status {
                   Runtime runtime(settings, monitor);
                   auto made = storage::createSnapshot(runtime, name, comment, linesAsProgress(report), cancel);
                   if (!made)
                       return made.error();
                   report(QStringLiteral("snapshot %1 of \"%2\" made").arg(*made, name), 1.0);
                   return std::nullopt;
               });
    });
    return {};
}

QList<QVariantMap> Service::ListSnapshots(const QString &name, const QVariantMap &)
{
    const Call call = beginCall();
    m_auth->check(call, actions::read, name, [this, call, name] {
        if (auto err = checkExisting(name))
            return call.fail(*err);
        m_queue->runFree([settings = m_settings, call, name] {
            auto list = storage::listSnapshots(Store(settings.storePath), name);
            if (!list)
                return call.fail(list.error());
            QList<QVariantMap> out;
            for (const storage::SnapshotInfo &s : *list)
                out << QVariantMap{{QStringLiteral("name"), s.name}, {QStringLiteral("timestamp"), s.timestamp},
                                   {QStringLiteral("comment"), s.comment}};
            call.reply({QVariant::fromValue(out)});
        });
    });
    return {};
}

QDBusObjectPath Service::RestoreSnapshot(const QString &name, const QString &snapshot, const QVariantMap &)
{
    const Call call = beginCall();
    m_auth->check(call, actions::manage, name, [this, call, name, snapshot] {
        if (auto err = checkExisting(name))
            return call.fail(*err);
        if (auto err = checkSnapshotName(snapshot))
            return call.fail(*err);
        if (monitorState(m_settings, name).running())
            return call.fail(Error::busy(QStringLiteral("container \"%1\" is running; stop it to restore a snapshot").arg(name)));
        runJob(call, QStringLiteral("restore"), name, {name},
               [settings = m_settings, monitor = m_monitorPath, name, snapshot](
                   const StepReport &report, const std::atomic_bool *cancel) -> Status {
                   Runtime runtime(settings, monitor);
                   return storage::restoreSnapshot(runtime, name, snapshot, linesAsProgress(report), cancel);
               });
    });
    return {};
}

void Service::DeleteSnapshot(const QString &name, const QString &snapshot, const QVariantMap &)
{
    const Call call = beginCall();
    m_auth->check(call, actions::manage, name, [this, call, name, snapshot] {
        if (auto err = checkExisting(name))
            return call.fail(*err);
        if (auto err = checkSnapshotName(snapshot))
            return call.fail(*err);
        m_queue->run({name}, [settings = m_settings, monitor = m_monitorPath, call, name, snapshot] {
            Runtime runtime(settings, monitor);
            if (auto err = storage::deleteSnapshot(runtime, name, snapshot))
                return call.fail(*err);
            call.reply();
        });
    });
}

}  // namespace hutch::service
