#include "operationqueue.h"

#include <QMetaObject>

namespace hutch::service {

namespace {
// Stop and shutdown wait in their worker for the container to end; many
// containers may be shutting down at once without holding up the rest.
constexpr int kMaxWorkers = 64;
// A worker idle this long ends (Qt's default is 30 s): a burst of calls
// does not hold its threads, and their descriptors, for half a minute.
constexpr int kWorkerExpiryMs = 5000;
}  // namespace

OperationQueue::OperationQueue(QObject *parent) : QObject(parent)
{
    m_pool.setMaxThreadCount(kMaxWorkers);
    m_pool.setExpiryTimeout(kWorkerExpiryMs);
}

OperationQueue::~OperationQueue()
{
    m_pool.waitForDone();
}

void OperationQueue::run(const QStringList &keys, std::function<void()> work, std::function<void()> done)
{
    const quint64 id = m_next++;
    Task task;
    task.keys = keys;
    task.keys.removeDuplicates();
    task.work = std::move(work);
    task.done = std::move(done);
    for (const QString &k : std::as_const(task.keys))
        m_waiting[k].append(id);
    m_tasks.insert(id, std::move(task));
    startReady();
}

void OperationQueue::runFree(std::function<void()> work)
{
    m_pool.start(std::move(work));
}

void OperationQueue::startReady()
{
    for (auto it = m_tasks.begin(); it != m_tasks.end(); ++it) {
        Task &t = it.value();
        if (t.started)
            continue;
        bool ready = true;
        for (const QString &k : std::as_const(t.keys))
            if (m_waiting.value(k).constFirst() != it.key())
                ready = false;
        if (!ready)
            continue;
        t.started = true;
        const quint64 id = it.key();
        m_pool.start([this, id, work = t.work] {
            work();
            QMetaObject::invokeMethod(this, [this, id] { finished(id); }, Qt::QueuedConnection);
        });
    }
}

void OperationQueue::finished(quint64 id)
{
    Task t = m_tasks.take(id);
    for (const QString &k : std::as_const(t.keys)) {
        QList<quint64> &ids = m_waiting[k];
        ids.removeOne(id);
        if (ids.isEmpty())
            m_waiting.remove(k);
    }
    if (t.done)
        t.done();
    startReady();
}

}  // namespace hutch::service
