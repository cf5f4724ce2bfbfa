// Where the helper's work runs: off the bus thread, on a pool of worker
// threads. Operations that change a container are serialized per container
// name (a start waits for a create of the same name to finish); operations
// on different containers run in parallel. The main thread does not wait
// for an operation, except at the helper's exit (waitForDone); it still
// talks to monitors itself in StateWatcher::watch (a subscribe, bounded
// at one second).
#pragma once

#include <QHash>
#include <QObject>
#include <QStringList>
#include <QThreadPool>

#include <functional>

namespace hutch::service {

class OperationQueue : public QObject {
    Q_OBJECT
public:
    explicit OperationQueue(QObject *parent = nullptr);
    ~OperationQueue() override;

    // Runs `work` on a worker thread once every operation asked earlier
    // with any of the same `keys` (container names) has finished; then
    // `done`, if given, on this object's thread. An operation holding two
    // names (rename, clone) waits for both.
    void run(const QStringList &keys, std::function<void()> work, std::function<void()> done = {});
    // Runs `work` on a worker thread at once: reads that need no order.
    void runFree(std::function<void()> work);

    // Operations queued or running that hold `key`.
    int pending(const QString &key) const { return int(m_waiting.value(key).size()); }
    // Blocks until every operation has finished (shutdown, tests).
    void waitForDone() { m_pool.waitForDone(); }

private:
    struct Task {
        QStringList keys;
        std::function<void()> work;
        std::function<void()> done;
        bool started = false;
    };
    void startReady();
    void finished(quint64 id);

    QThreadPool m_pool;
    QHash<QString, QList<quint64>> m_waiting;  // key → task ids, oldest first
    QHash<quint64, Task> m_tasks;
    quint64 m_next = 1;
};

}  // namespace hutch::service
