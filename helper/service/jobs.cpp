#include "jobs.h"

#include "authorizer.h"
#include "job1adaptor.h"

#include <QDBusMessage>
#include <QMetaObject>
#include <QPointer>
#include <QTimer>

#include <algorithm>

namespace hutch::service {

Job::Job(JobManager *manager, quint64 id, QString operation, QString container, QString action, QString caller)
    : QObject(manager),
      m_manager(manager),
      m_path(QStringLiteral("/io/github/hutch/Job/%1").arg(id)),
      m_operation(std::move(operation)),
      m_container(std::move(container)),
      m_action(std::move(action)),
      m_caller(std::move(caller))
{
    // Asked now, while the caller is surely connected; the answer comes
    // before any Cancel of the same caller (the bus keeps the order).
    m_manager->authorizer()->callerUid(m_caller, [self = QPointer<Job>(this)](std::optional<uint> uid) {
        if (self)
            self->m_ownerUid = uid;
    });
}

void Job::log(const QString &line)
{
    QMetaObject::invokeMethod(this, [this, line] { Q_EMIT Log(line); }, Qt::QueuedConnection);
}

void Job::setProgress(double progress)
{
    QMetaObject::invokeMethod(this, [this, progress] {
        const double p = std::clamp(progress, 0.0, 1.0);
        if (p <= m_progress)
            return;
        m_progress = p;
        propertiesChanged({{QStringLiteral("Progress"), m_progress}});
        Q_EMIT m_manager->progressed(m_path, m_progress);
    }, Qt::QueuedConnection);
}

void Job::markRunning()
{
    m_state = QStringLiteral("running");
    propertiesChanged({{QStringLiteral("State"), m_state}});
}

void Job::finish(const Status &result)
{
    if (!result) {
        m_state = QStringLiteral("succeeded");
        m_progress = 1;
    } else {
        m_state = result->code == Error::Code::Cancelled ? QStringLiteral("cancelled") : QStringLiteral("failed");
        m_errorName = dbusErrorName(result->code);
        m_errorMessage = result->message;
    }
    propertiesChanged({{QStringLiteral("State"), m_state}, {QStringLiteral("Progress"), m_progress},
                       {QStringLiteral("ErrorName"), m_errorName}, {QStringLiteral("ErrorMessage"), m_errorMessage}});
    Q_EMIT Finished(!result, m_errorName, m_errorMessage);
    Q_EMIT m_manager->finished(m_path, !result, m_errorName, m_errorMessage);
    m_manager->jobFinished(this);
}

void Job::Cancel()
{
    setDelayedReply(true);
    const Call call{connection(), message()};
    m_manager->authorizer()->callerUid(call.caller(), [self = QPointer<Job>(this), call](std::optional<uint> uid) {
        if (!self)
            return call.fail(Error::notFound(QStringLiteral("the job is gone")));
        QMap<QString, QString> details{{QStringLiteral("container"), self->m_container}};
        if (!uid || !self->m_ownerUid || *uid != *self->m_ownerUid) {
            details.insert(QStringLiteral("job"), self->m_path.path());
            details.insert(QStringLiteral("job-owner"),
                           self->m_ownerUid ? QString::number(*self->m_ownerUid) : QStringLiteral("unknown"));
        }
        // The flag is shared: it outlives this object should it go first.
        self->m_manager->authorizer()->check(call, self->m_action, details, [flag = self->m_cancel, call] {
            flag->store(true);
            call.reply();
        });
    });
}

void Job::propertiesChanged(const QVariantMap &changed)
{
    QDBusMessage signal = QDBusMessage::createSignal(m_path.path(), QStringLiteral("org.freedesktop.DBus.Properties"),
                                                     QStringLiteral("PropertiesChanged"));
    signal << QStringLiteral("io.github.hutch.Job1") << changed << QStringList();
    m_manager->bus().send(signal);
}

JobManager::JobManager(QDBusConnection bus, Authorizer *authorizer, QObject *parent)
    : QObject(parent), m_bus(std::move(bus)), m_authorizer(authorizer)
{
}

Result<Job *> JobManager::create(const QString &operation, const QString &container, const QString &action,
                                 const QString &caller)
{
    if (m_unfinished.value(caller) >= kMaxJobsPerCaller)
        return Error::busy(QStringLiteral("%1 \"%2\": at most %3 unfinished jobs per caller")
                               .arg(operation, container).arg(kMaxJobsPerCaller));
    ++m_unfinished[caller];
    auto *job = new Job(this, m_next++, operation, container, action, caller);
    new Job1Adaptor(job);
    m_bus.registerObject(job->path().path(), job);
    return job;
}

void JobManager::jobFinished(Job *job)
{
    if (--m_unfinished[job->m_caller] <= 0)
        m_unfinished.remove(job->m_caller);
    QTimer::singleShot(m_lingerMs, this, [this, job] {
        m_bus.unregisterObject(job->path().path());
        job->deleteLater();
    });
}

}  // namespace hutch::service
