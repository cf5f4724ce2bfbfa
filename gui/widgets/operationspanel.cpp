#include "operationspanel.h"

#include "client.h"
#include "helperconnection.h"

#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QHeaderView>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace hutch;

namespace {
enum { ColOperation, ColContainer, ColProgress, ColCancel };
constexpr int kPathRole = Qt::UserRole + 1;
}

OperationsPanel::OperationsPanel(HelperConnection *connection, QWidget *parent)
    : QWidget(parent), m_connection(connection), m_list(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("operationsPanel"));
    m_list->setObjectName(QStringLiteral("operationsList"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("Operation"), tr("Container"), tr("Progress"), QString()});
    m_list->header()->setSectionResizeMode(ColProgress, QHeaderView::Stretch);
    m_list->header()->setStretchLastSection(false);
    m_list->setAccessibleName(tr("Running operations"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list);

    // The helper's own signals cover jobs of every client, including ours
    // before track() could be called (the reply with the path races them).
    connect(connection->helper(), &Helper1Proxy::JobProgress, this, &OperationsPanel::onProgress);
    connect(connection->helper(), &Helper1Proxy::JobFinished, this, &OperationsPanel::onFinished);
    // Log lines of every job, subscribed once and before any call: an
    // import's last line names what it made, and it may come before the
    // reply that tells a caller the job's path.
    connection->bus().connect(client::kService, QString(), QStringLiteral("io.github.hutch.Job1"), QStringLiteral("Log"),
                              this, SLOT(onLog(QString,QDBusMessage)));
    // A helper that went away took its jobs with it (a restarted one starts
    // its job numbers again).
    // Operations of our own (trackOperation) go on without the local helper.
    connect(connection, &HelperConnection::disconnected, this, [this] {
        for (auto it = m_items.begin(); it != m_items.end();) {
            if (m_cancels.contains(it.key())) {
                ++it;
                continue;
            }
            delete it.value();
            it = m_items.erase(it);
        }
        m_finished.clear();
        m_imported.clear();
    });
}

QString OperationsPanel::operationText(const QString &operation)
{
    if (operation == QLatin1String("create")) return tr("Create");
    if (operation == QLatin1String("clone")) return tr("Clone");
    if (operation == QLatin1String("destroy")) return tr("Destroy");
    if (operation == QLatin1String("download")) return tr("Download");
    if (operation == QLatin1String("snapshot")) return tr("Snapshot");
    if (operation == QLatin1String("restore")) return tr("Restore snapshot");
    if (operation == QLatin1String("export")) return tr("Export");
    if (operation == QLatin1String("import")) return tr("Import");
    if (operation == QLatin1String("push")) return tr("Copy files in");
    if (operation == QLatin1String("pull")) return tr("Copy files out");
    if (operation == QLatin1String("host-copy")) return tr("Copy to another host");
    if (operation == QLatin1String("host-move")) return tr("Move to another host");
    return operation;
}

QTreeWidgetItem *OperationsPanel::itemFor(const QString &path) const
{
    return m_items.value(path);
}

int OperationsPanel::rowOf(const QString &path) const
{
    QTreeWidgetItem *item = itemFor(path);
    return item ? m_list->indexOfTopLevelItem(item) : -1;
}

int OperationsPanel::runningCount() const
{
    return int(m_items.size());
}

void OperationsPanel::track(const QString &path, const QString &operation, const QString &container)
{
    if (m_finished.contains(path))
        return;
    QTreeWidgetItem *item = itemFor(path);
    if (!item) {
        item = new QTreeWidgetItem(m_list);
        item->setData(ColOperation, kPathRole, path);
        m_items.insert(path, item);
        auto *bar = new QProgressBar;
        bar->setRange(0, 1000);
        bar->setTextVisible(true);
        m_list->setItemWidget(item, ColProgress, bar);
        auto *cancelButton = new QPushButton(tr("Cancel"));
        cancelButton->setObjectName(QStringLiteral("cancelJob"));
        cancelButton->setAccessibleName(tr("Cancel %1").arg(container));
        m_list->setItemWidget(item, ColCancel, cancelButton);
        connect(cancelButton, &QPushButton::clicked, this, [this, path] { cancel(path); });
    }
    item->setText(ColOperation, operationText(operation));
    item->setText(ColContainer, container);
    item->setData(ColOperation, Qt::UserRole, operation);
}

void OperationsPanel::trackOperation(const QString &key, const QString &operation, const QString &container,
                                     std::function<void()> cancel)
{
    m_cancels.insert(key, std::move(cancel));
    track(key, operation, container);
    if (auto *bar = qobject_cast<QProgressBar *>(m_list->itemWidget(itemFor(key), ColProgress)))
        bar->setRange(0, 0);  // busy: hutchctl reports no fraction
}

void OperationsPanel::endOperation(const QString &key, bool success, bool cancelled, const QString &message)
{
    m_cancels.remove(key);
    QTreeWidgetItem *item = m_items.take(key);
    if (!item)
        return;
    const QString operation = item->data(ColOperation, Qt::UserRole).toString();
    const QString container = item->text(ColContainer);
    delete item;
    Q_EMIT finished(key, operation, container, success, cancelled, message);
}

void OperationsPanel::cancel(const QString &path)
{
    if (const auto own = m_cancels.value(path)) {
        own();
        return;
    }
    auto job = client::job(m_connection->bus(), path);
    m_connection->watch(job->Cancel(), this, nullptr, [this, path](const QString &message, bool) {
        QTreeWidgetItem *item = itemFor(path);
        Q_EMIT finished(path, item ? item->data(ColOperation, Qt::UserRole).toString() : QString(),
                        item ? item->text(ColContainer) : QString(), false, false, message);
    });
}

void OperationsPanel::onProgress(const QDBusObjectPath &job, double progress)
{
    const QString path = job.path();
    if (m_finished.contains(path))
        return;
    if (!itemFor(path)) {
        // Another client's job: learn what it is from the job object.
        auto proxy = client::job(m_connection->bus(), path);
        track(path, proxy->operation(), proxy->container());
    }
    if (auto *bar = qobject_cast<QProgressBar *>(m_list->itemWidget(itemFor(path), ColProgress)))
        bar->setValue(int(progress * 1000));
    Q_EMIT progressed(path, progress);
}

void OperationsPanel::onLog(const QString &line, const QDBusMessage &message)
{
    const QString path = message.path();
    static const QLatin1String imported("imported as ");
    if (line.startsWith(imported))
        m_imported.insert(path, line.mid(imported.size()));
    if (QTreeWidgetItem *item = itemFor(path))
        item->setToolTip(ColProgress, line);
    Q_EMIT logLine(path, line);
}

void OperationsPanel::onFinished(const QDBusObjectPath &job, bool success, const QString &error,
                                 const QString &message)
{
    const QString path = job.path();
    m_finished << path;
    if (m_finished.size() > 100)
        m_finished.removeFirst();
    QTreeWidgetItem *item = m_items.take(path);
    const QString imported = m_imported.take(path);
    // A job this panel never showed (another client's that ended before
    // any progress, or one a dialog follows itself): nobody here waits for
    // its outcome, and it has no name to report it by.
    if (!item)
        return;
    const QString operation = item->data(ColOperation, Qt::UserRole).toString();
    // An import without a new name is shown by its file until it says
    // which container it made.
    const QString container = imported.isEmpty() ? item->text(ColContainer) : imported;
    delete item;
    const bool cancelled = HelperConnection::isCancelled(error);
    QString text;
    if (!success && !cancelled)
        text = HelperConnection::readableError(error, message);
    Q_EMIT finished(path, operation, container, success, cancelled, text);
}
