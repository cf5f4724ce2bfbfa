// Service: create, clone, destroy and rename — the store's operations, as
// jobs where they take long.
#include "service.h"

#include "authorizer.h"
#include "clone.h"
#include "configgate.h"
#include "destroy.h"
#include "fdio.h"
#include "idranges.h"
#include "inspect.h"
#include "jobs.h"
#include "launch.h"
#include "names.h"
#include "archive.h"
#include "operationqueue.h"
#include "personalizeops.h"
#include "rename.h"
#include "snapshots.h"
#include "staging.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QMetaObject>
#include <QThread>

#include <memory>

#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

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

// Busy while NAME runs: `toDo` says what waits ("snapshot it").
Status checkStopped(const HelperSettings &settings, const QString &name, const QString &toDo)
{
    if (monitorState(settings, name).running())
        return Error::busy(QStringLiteral("container \"%1\" is running; stop it to %2").arg(name, toDo));
    return std::nullopt;
}

// A descriptor from the caller for ExportContainer/ImportContainer: a
// regular file, a pipe or a socket (never a device or a directory) open
// for `access`; the helper reads or writes it as a stream.
Status checkTransferFile(const QDBusUnixFileDescriptor &file, int access)
{
    struct stat st {};
    if (!file.isValid() || ::fstat(file.fileDescriptor(), &st) < 0
        || !(S_ISREG(st.st_mode) || S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)))
        return Error::invalid(QStringLiteral("the file must be a regular file, a pipe or a socket the caller opened"));
    const int mode = ::fcntl(file.fileDescriptor(), F_GETFL) & O_ACCMODE;
    if (S_ISSOCK(st.st_mode))
        return std::nullopt;  // both ways
    if (mode != O_RDWR && mode != access)
        return Error::invalid(access == O_WRONLY ? QStringLiteral("the file is not open for writing")
                                                 : QStringLiteral("the file is not open for reading"));
    return std::nullopt;
}

}  // namespace

void Service::runJob(const Call &call, const QString &operation, const QString &container, const QStringList &keys,
                     std::function<Status(const StepReport &, const std::atomic_bool *)> work, const QString &action)
{
    auto made = m_jobs->create(operation, container, action.isEmpty() ? actions::manage : action, call.caller());
    if (!made)
        return call.fail(made.error());
    Job *job = *made;
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
            *result = Error::cancelled(QStringLiteral("cancelled before it began"));
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
        const QString backend = templateOptions.value(QStringLiteral("backend"),
                                                      options.value(QStringLiteral("backing_store"))).toString();
        auto personal = checkPersonalizeOptions(options, backend);
        if (!personal)
            return call.fail(personal.error());
        if (containerExists(m_settings, name))
            return call.fail(Error::conflict(QStringLiteral("a container \"%1\" exists").arg(name)));
        // New containers are unprivileged (their own user namespace and id
        // range, idranges.h); a privileged one — root inside is root on the
        // host — is an administrator's choice.
        auto privileged = boolOption(options, QStringLiteral("privileged"), false);
        if (!privileged)
            return call.fail(privileged.error());
        // An image's own config lines may reach the host: the gate asks an
        // administrator for those, as for such keys set one by one. A bound
        // user who is not the caller is asked for before anything is made.
        runJob(call, QStringLiteral("create"), name, {name},
               [settings = m_settings, monitor = m_monitorPath, name, create = *create, personal = *personal, call,
                auth = m_auth, gate = makeConfigGate(m_auth, call.caller(), name), privileged = *privileged](
                   const StepReport &report, const std::atomic_bool *cancel) -> Status {
                   auto personalization = authorizePersonalization(personal, call, auth, name);
                   if (!personalization)
                       return personalization.error();
                   if (privileged)
                       if (auto err = auth->askAndWait(call.caller(), actions::configurePrivileged, name))
                           return err->wrap(QStringLiteral("create a privileged container"));
                   const Store store(settings.storePath);
                   if (auto err = create.run(store, name, report, cancel, gate))
                       return err;
                   if (!privileged) {
                       // A bound user keeps their host ids inside: their home is the host's.
                       std::optional<std::pair<uint32_t, uint32_t>> shared;
                       if (!personal.bindUser.isEmpty())
                           if (const passwd *pw = ::getpwnam(personal.bindUser.toUtf8().constData()))
                               shared = std::pair{uint32_t(pw->pw_uid), uint32_t(pw->pw_gid)};
                       QString note;
                       if (auto err = idranges::makeUnprivileged(store, name, &note, {}, shared))
                           return err->wrap(QStringLiteral("create \"%1\"").arg(name));
                       if (!note.isEmpty()) {
                           qInfo("%s", qPrintable(note));
                           report(note, -1);
                       }
                   }
                   return personalizeContainer(settings, monitor, name, *personalization, report);
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
            return call.fail(Error::conflict(QStringLiteral("a container \"%1\" exists").arg(name)));
        if (auto err = checkStopped(m_settings, source, QStringLiteral("clone it")))
            return call.fail(*err);
        storage::CloneOptions cloneOptions;
        cloneOptions.snapshot = *snapshot;
        cloneOptions.backend = *backing;
        cloneOptions.gate = makeConfigGate(m_auth, call.caller(), name);
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
            return call.fail(Error::conflict(QStringLiteral("a container \"%1\" exists").arg(newName)));
        m_queue->run({name, newName}, [settings = m_settings, call, name, newName] {
            if (auto err = checkStopped(settings, name, QStringLiteral("rename it")))
                return call.fail(*err);
            if (auto err = storage::renameContainer(Store(settings.storePath), name, newName))
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
        if (auto err = checkStopped(m_settings, name, QStringLiteral("snapshot it")))
            return call.fail(*err);
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
        if (auto err = checkStopped(m_settings, name, QStringLiteral("restore a snapshot")))
            return call.fail(*err);
        runJob(call, QStringLiteral("restore"), name, {name},
               [settings = m_settings, monitor = m_monitorPath, name, snapshot,
                gate = makeConfigGate(m_auth, call.caller(), name)](
                   const StepReport &report, const std::atomic_bool *cancel) -> Status {
                   Runtime runtime(settings, monitor);
                   return storage::restoreSnapshot(runtime, name, snapshot, linesAsProgress(report), cancel, gate);
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

QDBusObjectPath Service::ExportContainer(const QString &name, const QDBusUnixFileDescriptor &file, const QVariantMap &options)
{
    const Call call = beginCall();
    m_auth->check(call, actions::manage, name, [this, call, name, file, options] {
        if (auto err = checkExisting(name))
            return call.fail(*err);
        if (auto err = checkTransferFile(file, O_WRONLY))
            return call.fail(*err);
        auto compression = stringOption(options, QStringLiteral("compression"), QStringLiteral("xz"));
        if (!compression)
            return call.fail(compression.error());
        if (storage::compressionOfName(QStringLiteral(".tar.") + *compression).isEmpty() && *compression != QLatin1String("none"))
            return call.fail(Error::invalid(QStringLiteral("unknown compression \"%1\" (xz, gz, zst or none)").arg(compression->left(16))));
        if (auto err = checkStopped(m_settings, name, QStringLiteral("export it")))
            return call.fail(*err);
        runJob(call, QStringLiteral("export"), name, {name},
               [settings = m_settings, monitor = m_monitorPath, name, file, compression = *compression](
                   const StepReport &report, const std::atomic_bool *cancel) -> Status {
                   Runtime runtime(settings, monitor);
                   // tar writes straight into the caller's file or pipe.
                   return storage::exportContainer(runtime, name, file.fileDescriptor(), compression,
                                                   linesAsProgress(report), cancel);
               });
    });
    return {};
}

QDBusObjectPath Service::ImportContainer(const QDBusUnixFileDescriptor &file, const QVariantMap &options)
{
    const Call call = beginCall();
    auto newName = stringOption(options, QStringLiteral("name"), QString());
    m_auth->check(call, actions::manage, newName ? *newName : QString(), [this, call, file, options, newName] {
        if (!newName)
            return call.fail(newName.error());
        if (!newName->isEmpty()) {
            if (auto err = validateContainerName(*newName))
                return call.fail(*err);
            if (containerExists(m_settings, *newName))
                return call.fail(Error::conflict(QStringLiteral("a container \"%1\" exists").arg(*newName)));
        }
        auto backing = stringOption(options, QStringLiteral("backing_store"), QString());
        if (!backing)
            return call.fail(backing.error());
        if (!backing->isEmpty() && *backing != QLatin1String("best") && !storage::parseKindName(*backing))
            return call.fail(Error::invalid(QStringLiteral("unknown backing store \"%1\" (dir, btrfs, lvm or best)")
                                                .arg(backing->left(32))));
        if (auto err = checkTransferFile(file, O_RDONLY))
            return call.fail(*err);
        auto compression = stringOption(options, QStringLiteral("compression"), QString());
        if (!compression)
            return call.fail(compression.error());
        if (!compression->isEmpty() && *compression != QLatin1String("none")
            && storage::compressionOfName(QStringLiteral(".tar.") + *compression).isEmpty())
            return call.fail(Error::invalid(QStringLiteral("unknown compression \"%1\" (xz, gz, zst or none)").arg(compression->left(16))));
        storage::ImportOptions importOptions;
        importOptions.compression = *compression;
        importOptions.name = *newName;
        importOptions.backend = *backing;
        importOptions.gate = makeConfigGate(m_auth, call.caller(), *newName);
        // Imports are serialized with each other (and with the new name).
        const QStringList keys = newName->isEmpty() ? QStringList{QStringLiteral(".import")}
                                                    : QStringList{QStringLiteral(".import"), *newName};
        runJob(call, QStringLiteral("import"), *newName, keys,
               [settings = m_settings, monitor = m_monitorPath, file, importOptions](
                   const StepReport &report, const std::atomic_bool *cancel) -> Status {
                   Runtime runtime(settings, monitor);
                   // Read as a stream from the caller's file or pipe, checked as it passes.
                   report(QStringLiteral("reading the archive"), 0.02);
                   auto name = storage::importContainer(runtime, file.fileDescriptor(), importOptions,
                                                        linesAsProgress(report), cancel);
                   if (!name)
                       return name.error();
                   report(QStringLiteral("imported as %1").arg(*name), 1.0);
                   return std::nullopt;
               });
    });
    return {};
}

}  // namespace hutch::service
