#include "jobs.h"

#include "authorizer.h"
#include "job1adaptor.h"

#include <QDBusMessage>
#include <QMetaObject>
#include <QTimer>

#include <algorithm>

namespace hutch::service {

Job::Job(JobManager *manager, quint64 id, QString operation, QString container, QString action)
    : QObject(manager),
      m_manager(manager),
      m_path(QStringLiteral("/io/github/hutch/Job/%1").arg(id)),
      m_operation(std::move(operation)),
      m_container(std::move(container)),
      m_action(std::move(action))
{
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
    // The flag is shared: it outlives this object should it go first.
    m_manager->authorizer()->check(call, m_action, m_container, [flag = m_cancel, call] {
        flag->store(true);
        call.reply();
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

Job *JobManager::create(const QString &operation, const QString &container, const QString &action)
{
    auto *job = new Job(this, m_next++, operation, container, action);
    new Job1Adaptor(job);
    m_bus.registerObject(job->path().path(), job);
    return job;
}

void JobManager::jobFinished(Job *job)
{
    QTimer::singleShot(m_lingerMs, this, [this, job] {
        m_bus.unregisterObject(job->path().path());
        job->deleteLater();
    });
}

}  // namespace hutch::service
