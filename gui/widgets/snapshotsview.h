// SnapshotsView: the snapshots of one container (Helper1.ListSnapshots) with
// Take snapshot…, Restore, Delete and Refresh. Taking and restoring are jobs
// of the helper, followed here to their JobFinished; the list is asked for
// again after every operation. The helper refuses all three while the
// container is not stopped, so the buttons are disabled then, saying why,
// and while an operation of this view is under way.
#pragma once

#include <QHash>
#include <QVariantList>
#include <QWidget>

class HelperConnection;
class QDBusObjectPath;
class QDBusPendingCall;
class QLabel;
class QProgressBar;
class QPushButton;
class QTreeWidget;

class SnapshotsView : public QWidget
{
    Q_OBJECT

public:
    explicit SnapshotsView(HelperConnection *connection, QWidget *parent = nullptr);

    void setContainer(const QString &name);
    QString container() const { return m_name; }
    // The container's state as the helper reports it ("STOPPED", "RUNNING", ...).
    void setState(const QString &state);
    void refresh();

    // Asks for an optional comment, then CreateSnapshot.
    void takeSnapshot();
    // Ask for confirmation naming the snapshot and the container, then act
    // on the selected snapshot.
    void restoreSelected();
    void deleteSelected();

    QTreeWidget *list() const { return m_list; }
    QPushButton *takeButton() const { return m_take; }
    QPushButton *restoreButton() const { return m_restore; }
    QPushButton *deleteButton() const { return m_delete; }
    QPushButton *refreshButton() const { return m_refresh; }
    // The snapshots listed, oldest first ("snap0", ...), and their comments.
    QStringList snapshotNames() const;
    QString commentOf(const QString &snapshot) const;
    bool selectSnapshot(const QString &snapshot);
    // An operation or listing of this view is under way.
    bool isBusy() const { return m_busy || m_listing; }
    // The readable error of the last call or job, empty after a success.
    QString lastError() const { return m_error; }
    QString statusText() const;

    // The hutchctl command doing the same ("snapshot web --restore snap0").
    static QString hutchctlCommand(const QString &operation, const QString &container,
                                   const QString &snapshot = QString());

Q_SIGNALS:
    // A ListSnapshots answer (or its error) was shown.
    void refreshed();
    // Take, Restore or Delete ended; `message` is what the view says.
    void operationFinished(bool success, const QString &message);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void startJob(const QDBusPendingCall &call, const QString &operation, const QString &snapshot);
    void onJobFinished(const QString &path, bool success, const QString &error, const QString &message);
    void onJobProgress(const QDBusObjectPath &job, double progress);
    void finishOperation(bool success, const QString &text);
    QString failureText(const QString &message, bool refused) const;
    void showStatus(const QString &text);
    void updateButtons();
    QString selectedSnapshot() const;
    bool isStopped() const;

    HelperConnection *m_connection;
    QString m_name;
    QString m_state;
    QTreeWidget *m_list;
    QPushButton *m_take;
    QPushButton *m_restore;
    QPushButton *m_delete;
    QPushButton *m_refresh;
    QLabel *m_stateNote;
    QLabel *m_status;
    QProgressBar *m_progress;
    bool m_busy = false;
    bool m_listing = false;
    bool m_refreshAgain = false;
    bool m_listFailed = false;
    QString m_error;
    // The job being followed. JobFinished may come before the reply that
    // names the job, so ends heard while the path is unknown are kept.
    QString m_operation;
    QString m_operationSnapshot;
    QString m_jobPath;
    bool m_waitingForJobPath = false;
    QHash<QString, QVariantList> m_earlyFinished;
    // After a snapshot was taken, the new one is selected.
    bool m_selectNewest = false;
};
