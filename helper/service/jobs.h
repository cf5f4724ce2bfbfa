// Jobs: long operations (create, clone, destroy) as bus objects at
// /io/github/hutch/Job/N (interface io.github.hutch.Job1) with progress, log
// lines and Cancel. The work runs on a worker thread; what it reports is
// posted to the main thread, where the object lives and signals are sent.
// A finished job stays on the bus for a while, then goes away.
#pragma once

#include "call.h"
#include "error.h"

#include <QDBusContext>
#include <QDBusObjectPath>
#include <QHash>
#include <QObject>

#include <atomic>
#include <memory>
#include <optional>

namespace hutch::service {

class Authorizer;
class JobManager;

class Job : public QObject, protected QDBusContext {
    Q_OBJECT
    Q_PROPERTY(QString Operation READ operation)
    Q_PROPERTY(QString Container READ container)
    Q_PROPERTY(double Progress READ progress)
    Q_PROPERTY(QString State READ state)
    Q_PROPERTY(QString ErrorName READ errorName)
    Q_PROPERTY(QString ErrorMessage READ errorMessage)
public:
    QDBusObjectPath path() const { return m_path; }
    QString operation() const { return m_operation; }
    QString container() const { return m_container; }
    double progress() const { return m_progress; }
    QString state() const { return m_state; }
    QString errorName() const { return m_errorName; }
    QString errorMessage() const { return m_errorMessage; }

    // From the worker thread (posted to the main thread).
    void log(const QString &line);
    void setProgress(double progress);
    // The flag the work polls; set by Cancel.
    const std::atomic_bool *cancelFlag() const { return m_cancel.get(); }
    bool cancelled() const { return m_cancel->load(); }

    // Main thread.
    void markRunning();
    void finish(const Status &result);

public Q_SLOTS:
    // D-Bus: sets the cancel flag. The job's owner (the uid that started
    // it) is asked for the job's action; anyone else for that action with
    // the details "job" (this path) and "job-owner" (the uid), so that a
    // polkit rule can keep users from others' jobs.
    void Cancel();

Q_SIGNALS:
    void Log(const QString &line);
    void Finished(bool success, const QString &error, const QString &message);

private:
    friend class JobManager;
    Job(JobManager *manager, quint64 id, QString operation, QString container, QString action, QString caller);
    void propertiesChanged(const QVariantMap &changed);

    JobManager *m_manager;
    QDBusObjectPath m_path;
    QString m_operation, m_container, m_action;
    QString m_caller;                // the bus name that started it
    std::optional<uint> m_ownerUid;  // its uid, once the bus said
    double m_progress = 0;
    QString m_state = QStringLiteral("queued");
    QString m_errorName, m_errorMessage;
    std::shared_ptr<std::atomic_bool> m_cancel = std::make_shared<std::atomic_bool>(false);
};

class JobManager : public QObject {
    Q_OBJECT
public:
    JobManager(QDBusConnection bus, Authorizer *authorizer, QObject *parent = nullptr);

    // At most this many unfinished jobs per caller (bus connection).
    static constexpr int kMaxJobsPerCaller = 16;

    // A new job for `caller` (a unique bus name), registered on the bus;
    // `action`: what Cancel needs. Busy when the caller has
    // kMaxJobsPerCaller unfinished jobs.
    Result<Job *> create(const QString &operation, const QString &container, const QString &action,
                         const QString &caller);

    QDBusConnection bus() const { return m_bus; }
    Authorizer *authorizer() const { return m_authorizer; }
    // How long a finished job stays on the bus.
    void setLinger(int ms) { m_lingerMs = ms; }

Q_SIGNALS:
    void progressed(const QDBusObjectPath &job, double progress);
    void finished(const QDBusObjectPath &job, bool success, const QString &error, const QString &message);

private:
    friend class Job;
    void jobFinished(Job *job);

    QDBusConnection m_bus;
    Authorizer *m_authorizer;
    quint64 m_next = 1;
    QHash<QString, int> m_unfinished;  // caller → jobs not finished
    int m_lingerMs = 60000;
};

}  // namespace hutch::service
