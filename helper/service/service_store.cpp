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
// regular file (never a pipe, socket or device) open for `access`.
Status checkTransferFile(const QDBusUnixFileDescriptor &file, int access)
{
    struct stat st {};
    if (!file.isValid() || ::fstat(file.fileDescriptor(), &st) < 0 || !S_ISREG(st.st_mode))
        return Error::invalid(QStringLiteral("the file must be a regular file the caller opened"));
    const int mode = ::fcntl(file.fileDescriptor(), F_GETFL) & O_ACCMODE;
    if (mode != O_RDWR && mode != access)
        return Error::invalid(access == O_WRONLY ? QStringLiteral("the file is not open for writing")
                                                 : QStringLiteral("the file is not open for reading"));
    return std::nullopt;
}

// Copies `from` into `to` (descriptors), reporting each 64 MiB.
Status copyData(int from, int to, const StepReport &report, const std::atomic_bool *cancel)
{
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    qint64 total = 0;
    for (;;) {
        if (cancel && cancel->load())
            return Error::cancelled();
        const ssize_t n = ::read(from, buffer.data(), size_t(buffer.size()));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return Error::system(errno, QStringLiteral("read"));
        if (n == 0)
            return std::nullopt;
        if (const int err = writeAll(to, buffer.constData(), size_t(n)))
            return Error::system(err, QStringLiteral("write"));
        total += n;
        if (total % (64 << 20) < n)
            report(QStringLiteral("copied %1 MiB").arg(total >> 20), -1);
    }
}

// The archive's compression from its first bytes, as the file name tar
// goes by: ".tar.xz", ".tar.gz", ".tar.zst" or ".tar".
QString archiveSuffix(int fd)
{
    unsigned char magic[6] = {};
    const ssize_t n = ::pread(fd, magic, sizeof magic, 0);
    if (n >= 6 && magic[0] == 0xfd && magic[1] == '7' && magic[2] == 'z' && magic[3] == 'X' && magic[4] == 'Z' && magic[5] == 0)
        return QStringLiteral(".tar.xz");
    if (n >= 2 && magic[0] == 0x1f && magic[1] == 0x8b)
        return QStringLiteral(".tar.gz");
    if (n >= 4 && magic[0] == 0x28 && magic[1] == 0xb5 && magic[2] == 0x2f && magic[3] == 0xfd)
        return QStringLiteral(".tar.zst");
    return QStringLiteral(".tar");
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
            return call.fail(Error::busy(QStringLiteral("a container \"%1\" exists").arg(name)));
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
            return call.fail(Error::busy(QStringLiteral("a container \"%1\" exists").arg(name)));
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
            return call.fail(Error::busy(QStringLiteral("a container \"%1\" exists").arg(newName)));
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
        static const QHash<QString, QString> suffixes = {{QStringLiteral("xz"), QStringLiteral(".tar.xz")},
                                                         {QStringLiteral("gz"), QStringLiteral(".tar.gz")},
                                                         {QStringLiteral("zst"), QStringLiteral(".tar.zst")},
                                                         {QStringLiteral("none"), QStringLiteral(".tar")}};
        if (!suffixes.contains(*compression))
            return call.fail(Error::invalid(QStringLiteral("unknown compression \"%1\" (xz, gz, zst or none)").arg(compression->left(16))));
        if (auto err = checkStopped(m_settings, name, QStringLiteral("export it")))
            return call.fail(*err);
        runJob(call, QStringLiteral("export"), name, {name},
               [settings = m_settings, monitor = m_monitorPath, name, file, suffix = suffixes.value(*compression)](
                   const StepReport &report, const std::atomic_bool *cancel) -> Status {
                   Runtime runtime(settings, monitor);
                   // Built in the store (swept if the helper dies), copied out at the end.
                   auto staging = storage::Staging::create(settings.storePath, QStringLiteral("export-") + name);
                   if (!staging)
                       return staging.error();
                   const QString archive = staging->path() + QLatin1Char('/') + name + suffix;
                   if (auto err = storage::exportContainer(runtime, name, archive, linesAsProgress(report), cancel))
                       return err;
                   QFile built(archive);
                   if (!built.open(QIODevice::ReadOnly))
                       return Error::failed(QStringLiteral("read %1: %2").arg(archive, built.errorString()));
                   report(QStringLiteral("writing the archive (%1 MiB)").arg(built.size() >> 20), 0.96);
                   if (auto err = copyData(built.handle(), file.fileDescriptor(), report, cancel))
                       return err->wrap(QStringLiteral("export \"%1\"").arg(name));
                   if (::fsync(file.fileDescriptor()) < 0)
                       return Error::system(errno, QStringLiteral("export \"%1\": sync the file").arg(name));
                   return std::nullopt;
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
                return call.fail(Error::busy(QStringLiteral("a container \"%1\" exists").arg(*newName)));
        }
        auto backing = stringOption(options, QStringLiteral("backing_store"), QString());
        if (!backing)
            return call.fail(backing.error());
        if (!backing->isEmpty() && *backing != QLatin1String("best") && !storage::parseKindName(*backing))
            return call.fail(Error::invalid(QStringLiteral("unknown backing store \"%1\" (dir, btrfs, lvm or best)")
                                                .arg(backing->left(32))));
        if (auto err = checkTransferFile(file, O_RDONLY))
            return call.fail(*err);
        storage::ImportOptions importOptions;
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
                   auto staging = storage::Staging::create(settings.storePath, QStringLiteral("import"));
                   if (!staging)
                       return staging.error();
                   const QString archive = staging->path() + QStringLiteral("/archive") + archiveSuffix(file.fileDescriptor());
                   QFile copy(archive);
                   if (!copy.open(QIODevice::WriteOnly))
                       return Error::failed(QStringLiteral("write %1: %2").arg(archive, copy.errorString()));
                   report(QStringLiteral("reading the archive"), 0.02);
                   if (::lseek(file.fileDescriptor(), 0, SEEK_SET) < 0)
                       return Error::system(errno, QStringLiteral("import: rewind the file"));
                   if (auto err = copyData(file.fileDescriptor(), copy.handle(), report, cancel))
                       return err->wrap(QStringLiteral("import"));
                   copy.close();
                   auto name = storage::importContainer(runtime, archive, importOptions, linesAsProgress(report), cancel);
                   if (!name)
                       return name.error();
                   report(QStringLiteral("imported as %1").arg(*name), 1.0);
                   return std::nullopt;
               });
    });
    return {};
}

}  // namespace hutch::service
