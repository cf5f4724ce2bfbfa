// OperationsPanel: the helper's long operations (create, clone, destroy,
// download, export, import) with progress and Cancel. Jobs started by this GUI are added by
// track(); jobs of other clients appear with their first progress signal.
// A cancelled job is reported as cancelled, not as an error.
#pragma once

#include <QHash>
#include <QWidget>

#include <functional>

class HelperConnection;
class QDBusMessage;
class QDBusObjectPath;
class QTreeWidget;
class QTreeWidgetItem;

class OperationsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit OperationsPanel(HelperConnection *connection, QWidget *parent = nullptr);

    void track(const QString &path, const QString &operation, const QString &container);
    // An operation that is no helper job (a copy between hosts runs as
    // hutchctl): a row under KEY with a busy bar, Cancel calling `cancel`,
    // until endOperation() reports it through finished().
    void trackOperation(const QString &key, const QString &operation, const QString &container,
                        std::function<void()> cancel);
    void endOperation(const QString &key, bool success, bool cancelled, const QString &message);
    int runningCount() const;
    // For tests: the row of a job, or -1.
    int rowOf(const QString &path) const;
    void cancel(const QString &path);
    // "create" → "Create", in the user's language.
    static QString operationText(const QString &operation);

Q_SIGNALS:
    void progressed(const QString &path, double progress);
    // success false and cancelled false: `message` is readable.
    void finished(const QString &path, const QString &operation, const QString &container, bool success,
                  bool cancelled, const QString &message);
    void logLine(const QString &path, const QString &line);

private Q_SLOTS:
    // Any job's Log signal; MESSAGE tells which job.
    void onLog(const QString &line, const QDBusMessage &message);

private:
    void onProgress(const QDBusObjectPath &job, double progress);
    void onFinished(const QDBusObjectPath &job, bool success, const QString &error, const QString &message);
    QTreeWidgetItem *itemFor(const QString &path) const;

    HelperConnection *m_connection;
    QTreeWidget *m_list;
    QHash<QString, QTreeWidgetItem *> m_items;
    // Jobs whose end was already heard: JobFinished can come before the
    // reply that tells a caller the job's path, and a late track() or
    // progress signal must not bring them back.
    QStringList m_finished;
    // The name an import made, from its last log line ("imported as NAME"),
    // by job path until the job ends.
    QHash<QString, QString> m_imported;
    // trackOperation()'s Cancel, by key.
    QHash<QString, std::function<void()>> m_cancels;
};
