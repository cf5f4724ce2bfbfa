#include "snapshotsview.h"

#include "client.h"
#include "helperconnection.h"
#include "modal.h"

#include <QDBusObjectPath>
#include <QDBusPendingReply>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <utility>

using namespace hutch;

namespace {
enum { ColName, ColTime, ColComment };
constexpr int kCommentRole = Qt::UserRole + 1;

// LXC writes "2024:05:01 12:30:00" (local time) into snaps/snapN/ts.
QString timeText(const QString &timestamp)
{
    const QDateTime t = QDateTime::fromString(timestamp, QStringLiteral("yyyy:MM:dd HH:mm:ss"));
    return t.isValid() ? QLocale().toString(t, QLocale::ShortFormat) : timestamp;
}
}  // namespace

SnapshotsView::SnapshotsView(HelperConnection *connection, QWidget *parent)
    : QWidget(parent), m_connection(connection), m_list(new QTreeWidget(this)),
      m_take(new QPushButton(tr("&Take Snapshot…"), this)), m_restore(new QPushButton(tr("Re&store…"), this)),
      m_delete(new QPushButton(tr("&Delete…"), this)), m_refresh(new QPushButton(tr("&Refresh"), this)),
      m_stateNote(new QLabel(this)), m_status(new QLabel(this)), m_progress(new QProgressBar(this))
{
    setObjectName(QStringLiteral("snapshotsView"));
    m_list->setObjectName(QStringLiteral("snapshotList"));
    m_list->setAccessibleName(tr("Snapshots"));
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAllColumnsShowFocus(true);
    m_list->setHeaderLabels({tr("Snapshot"), tr("Taken"), tr("Comment")});
    m_list->header()->setStretchLastSection(true);
    m_take->setObjectName(QStringLiteral("snapshotTake"));
    m_take->setIcon(QIcon::fromTheme(QStringLiteral("document-save")));
    m_restore->setObjectName(QStringLiteral("snapshotRestore"));
    m_restore->setIcon(QIcon::fromTheme(QStringLiteral("edit-undo")));
    m_delete->setObjectName(QStringLiteral("snapshotDelete"));
    m_delete->setIcon(QIcon::fromTheme(QStringLiteral("edit-delete")));
    m_refresh->setObjectName(QStringLiteral("snapshotRefresh"));
    m_refresh->setIcon(QIcon::fromTheme(QStringLiteral("view-refresh")));
    m_stateNote->setObjectName(QStringLiteral("snapshotStateNote"));
    m_stateNote->setWordWrap(true);
    m_stateNote->hide();
    m_status->setObjectName(QStringLiteral("snapshotStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress->setObjectName(QStringLiteral("snapshotProgress"));
    m_progress->setAccessibleName(tr("Snapshot operation progress"));
    m_progress->setRange(0, 1000);
    m_progress->hide();

    connect(m_take, &QPushButton::clicked, this, &SnapshotsView::takeSnapshot);
    connect(m_restore, &QPushButton::clicked, this, &SnapshotsView::restoreSelected);
    connect(m_delete, &QPushButton::clicked, this, &SnapshotsView::deleteSelected);
    connect(m_refresh, &QPushButton::clicked, this, &SnapshotsView::refresh);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &SnapshotsView::updateButtons);

    // Subscribed before any job is started, so that no end is missed.
    connect(connection->helper(), &Helper1Proxy::JobFinished, this,
            [this](const QDBusObjectPath &job, bool ok, const QString &error, const QString &message) {
                onJobFinished(job.path(), ok, error, message);
            });
    connect(connection->helper(), &Helper1Proxy::JobProgress, this, &SnapshotsView::onJobProgress);
    connect(connection, &HelperConnection::stateChanged, this, [this](const QString &name, const QString &state) {
        if (name == m_name)
            setState(state);
    });
    // A helper that went away took its jobs with it: no end will come.
    connect(connection, &HelperConnection::disconnected, this, [this] {
        if (m_busy && m_operation != QLatin1String("delete"))
            finishOperation(false, failureText(tr("the helper went away during the operation"), false));
    });

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_take);
    buttons->addWidget(m_restore);
    buttons->addWidget(m_delete);
    buttons->addStretch(1);
    buttons->addWidget(m_refresh);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_stateNote);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addLayout(buttons);
    updateButtons();
}

QString SnapshotsView::hutchctlCommand(const QString &operation, const QString &container, const QString &snapshot)
{
    const QString base = QStringLiteral("hutchctl snapshot ") + container;
    if (operation == QLatin1String("snapshot"))
        return base + QStringLiteral(" -c COMMENT");
    if (operation == QLatin1String("restore"))
        return base + QStringLiteral(" --restore ") + snapshot;
    if (operation == QLatin1String("delete"))
        return base + QStringLiteral(" --destroy ") + snapshot;
    return base + QStringLiteral(" --list --comments");
}

void SnapshotsView::setContainer(const QString &name)
{
    if (name == m_name)
        return;
    m_name = name;
    m_list->clear();
    m_error.clear();
    m_status->clear();
    if (isVisible())
        refresh();
    updateButtons();
}

void SnapshotsView::setState(const QString &state)
{
    m_state = state;
    updateButtons();
}

bool SnapshotsView::isStopped() const
{
    // Unknown (no entry yet) is left to the helper to judge.
    return m_state.isEmpty() || m_state == QLatin1String("STOPPED");
}

QString SnapshotsView::statusText() const
{
    return m_status->text();
}

void SnapshotsView::showStatus(const QString &text)
{
    m_status->setText(text);
}

void SnapshotsView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

QString SnapshotsView::selectedSnapshot() const
{
    const QList<QTreeWidgetItem *> items = m_list->selectedItems();
    return items.isEmpty() ? QString() : items.first()->text(ColName);
}

QStringList SnapshotsView::snapshotNames() const
{
    QStringList out;
    for (int i = 0; i < m_list->topLevelItemCount(); ++i)
        out << m_list->topLevelItem(i)->text(ColName);
    return out;
}

QString SnapshotsView::commentOf(const QString &snapshot) const
{
    for (int i = 0; i < m_list->topLevelItemCount(); ++i)
        if (QTreeWidgetItem *item = m_list->topLevelItem(i); item->text(ColName) == snapshot)
            return item->data(ColComment, kCommentRole).toString();
    return {};
}

bool SnapshotsView::selectSnapshot(const QString &snapshot)
{
    for (int i = 0; i < m_list->topLevelItemCount(); ++i)
        if (QTreeWidgetItem *item = m_list->topLevelItem(i); item->text(ColName) == snapshot) {
            m_list->setCurrentItem(item);
            return true;
        }
    return false;
}

void SnapshotsView::updateButtons()
{
    const bool stopped = isStopped();
    const bool free = !m_busy && !m_name.isEmpty();
    const bool selected = !selectedSnapshot().isEmpty();
    m_take->setEnabled(free && stopped);
    m_restore->setEnabled(free && stopped && selected);
    m_delete->setEnabled(free && stopped && selected);
    m_refresh->setEnabled(free);
    m_stateNote->setVisible(!stopped);
    if (!stopped)
        m_stateNote->setText(tr("\"%1\" is not stopped. Stop it to take, restore or delete snapshots.").arg(m_name));

    // The tips say what each does and how to script it.
    const QString snap = selected ? selectedSnapshot() : tr("SNAPSHOT");
    m_take->setToolTip(tr("Take a snapshot of the root filesystem and configuration") + QLatin1Char('\n')
                       + hutchctlCommand(QStringLiteral("snapshot"), m_name));
    m_restore->setToolTip(tr("Replace the root filesystem and configuration with the selected snapshot")
                          + QLatin1Char('\n') + hutchctlCommand(QStringLiteral("restore"), m_name, snap));
    m_delete->setToolTip(tr("Delete the selected snapshot") + QLatin1Char('\n')
                         + hutchctlCommand(QStringLiteral("delete"), m_name, snap));
    m_refresh->setToolTip(hutchctlCommand(QStringLiteral("list"), m_name));
    m_take->setStatusTip(hutchctlCommand(QStringLiteral("snapshot"), m_name));
    m_restore->setStatusTip(hutchctlCommand(QStringLiteral("restore"), m_name, snap));
    m_delete->setStatusTip(hutchctlCommand(QStringLiteral("delete"), m_name, snap));
    m_refresh->setStatusTip(hutchctlCommand(QStringLiteral("list"), m_name));
}

void SnapshotsView::refresh()
{
    // One listing at a time: a slow helper must not have calls pile up; a
    // refresh asked for meanwhile (after an operation) follows the answer.
    if (m_name.isEmpty())
        return;
    if (m_listing) {
        m_refreshAgain = true;
        return;
    }
    m_listing = true;
    const QString name = m_name;
    m_connection->watch(
        m_connection->helper()->ListSnapshots(name, {}), this,
        [this, name](const QDBusPendingCall &call) {
            m_listing = false;
            if (name != m_name)
                return;
            const QDBusPendingReply<QList<QVariantMap>> reply = call;
            const QString kept = selectedSnapshot();
            m_list->clear();
            QTreeWidgetItem *select = nullptr;
            for (const QVariantMap &raw : reply.value()) {
                const QVariantMap s = client::plainMap(raw);
                const QString comment = s.value(QStringLiteral("comment")).toString();
                auto *item = new QTreeWidgetItem(m_list);
                item->setText(ColName, s.value(QStringLiteral("name")).toString());
                item->setText(ColTime, timeText(s.value(QStringLiteral("timestamp")).toString()));
                // One line in the list; all of it in the tip.
                item->setText(ColComment, comment.section(QLatin1Char('\n'), 0, 0).trimmed());
                item->setData(ColComment, kCommentRole, comment);
                if (!comment.isEmpty())
                    item->setToolTip(ColComment, comment);
                if (item->text(ColName) == kept)
                    select = item;
            }
            if (m_selectNewest && m_list->topLevelItemCount() > 0)
                select = m_list->topLevelItem(m_list->topLevelItemCount() - 1);
            m_selectNewest = false;
            if (select)
                m_list->setCurrentItem(select);
            for (int c = ColName; c < ColComment; ++c)
                m_list->resizeColumnToContents(c);
            // A listing error is over; an operation's outcome stays in view.
            if (m_listFailed) {
                m_listFailed = false;
                m_error.clear();
                showStatus(QString());
            }
            const QString none = tr("\"%1\" has no snapshots.").arg(m_name);
            if (!m_busy && m_status->text().isEmpty() && m_list->topLevelItemCount() == 0)
                showStatus(none);
            else if (m_status->text() == none && m_list->topLevelItemCount() > 0)
                showStatus(QString());
            updateButtons();
            Q_EMIT refreshed();
            if (std::exchange(m_refreshAgain, false))
                refresh();
        },
        [this, name](const QString &message, bool refused) {
            m_listing = false;
            if (name != m_name)
                return;
            m_listFailed = true;
            m_error = refused ? message : tr("Could not list the snapshots: %1").arg(message);
            showStatus(m_error);
            updateButtons();
            Q_EMIT refreshed();
            if (std::exchange(m_refreshAgain, false))
                refresh();
        });
}

void SnapshotsView::takeSnapshot()
{
    if (m_busy || m_name.isEmpty())
        return;
    QInputDialog dialog(this);
    dialog.setObjectName(QStringLiteral("snapshotCommentDialog"));
    dialog.setWindowTitle(tr("Take Snapshot of \"%1\"").arg(m_name));
    dialog.setOption(QInputDialog::UsePlainTextEditForTextInput);
    dialog.setInputMode(QInputDialog::TextInput);
    dialog.setLabelText(tr("A snapshot keeps the root filesystem and configuration of \"%1\" as they are now.\n\n"
                           "&Comment (optional):")
                            .arg(m_name));
    dialog.setOkButtonText(tr("&Take Snapshot"));
    dialog.setToolTip(hutchctlCommand(QStringLiteral("snapshot"), m_name));
    if (runModal(dialog) != QDialog::Accepted)
        return;
    const QString comment = dialog.textValue().trimmed();
    m_selectNewest = true;
    startJob(m_connection->helper()->CreateSnapshot(m_name, comment, {}), QStringLiteral("snapshot"), QString());
}

void SnapshotsView::restoreSelected()
{
    const QString snap = selectedSnapshot();
    if (m_busy || snap.isEmpty())
        return;
    QMessageBox box(QMessageBox::Warning, tr("Restore Snapshot"),
                    tr("Restore the snapshot \"%1\" of the container \"%2\"?").arg(snap, m_name),
                    QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("restoreConfirmation"));
    box.setInformativeText(tr("The current root filesystem and configuration of \"%1\" are replaced by those of "
                              "the snapshot; changes made since it was taken are lost. The snapshot stays.")
                               .arg(m_name)
                           + QStringLiteral("\n\n") + tr("The same with hutchctl:") + QLatin1Char('\n')
                           + hutchctlCommand(QStringLiteral("restore"), m_name, snap));
    QPushButton *yes = box.addButton(tr("Restore"), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    runModal(box);
    if (box.clickedButton() != yes)
        return;
    startJob(m_connection->helper()->RestoreSnapshot(m_name, snap, {}), QStringLiteral("restore"), snap);
}

void SnapshotsView::deleteSelected()
{
    const QString snap = selectedSnapshot();
    if (m_busy || snap.isEmpty())
        return;
    QMessageBox box(QMessageBox::Warning, tr("Delete Snapshot"),
                    tr("Delete the snapshot \"%1\" of the container \"%2\"?").arg(snap, m_name),
                    QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("deleteSnapshotConfirmation"));
    box.setInformativeText(tr("It cannot be restored afterwards.") + QStringLiteral("\n\n")
                           + tr("The same with hutchctl:") + QLatin1Char('\n')
                           + hutchctlCommand(QStringLiteral("delete"), m_name, snap));
    QPushButton *yes = box.addButton(tr("Delete"), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    runModal(box);
    if (box.clickedButton() != yes)
        return;
    m_busy = true;
    m_operation = QStringLiteral("delete");
    m_operationSnapshot = snap;
    m_error.clear();
    showStatus(tr("Deleting %1…").arg(snap));
    updateButtons();
    m_connection->watch(
        m_connection->helper()->DeleteSnapshot(m_name, snap, {}), this,
        [this, snap](const QDBusPendingCall &) { finishOperation(true, tr("Snapshot %1 deleted.").arg(snap)); },
        [this](const QString &message, bool refused) { finishOperation(false, failureText(message, refused)); });
}

void SnapshotsView::startJob(const QDBusPendingCall &call, const QString &operation, const QString &snapshot)
{
    m_busy = true;
    m_operation = operation;
    m_operationSnapshot = snapshot;
    m_jobPath.clear();
    m_waitingForJobPath = true;
    m_earlyFinished.clear();
    m_error.clear();
    m_progress->setValue(0);
    m_progress->show();
    showStatus(operation == QLatin1String("restore") ? tr("Restoring %1…").arg(snapshot)
                                                     : tr("Taking a snapshot…"));
    updateButtons();
    m_connection->watch(
        call, this,
        [this](const QDBusPendingCall &c) {
            const QDBusPendingReply<QDBusObjectPath> reply = c;
            m_waitingForJobPath = false;
            m_jobPath = reply.value().path();
            if (m_earlyFinished.contains(m_jobPath)) {
                const QVariantList f = m_earlyFinished.take(m_jobPath);
                onJobFinished(m_jobPath, f.at(0).toBool(), f.at(1).toString(), f.at(2).toString());
            }
            m_earlyFinished.clear();
        },
        [this](const QString &message, bool refused) {
            m_waitingForJobPath = false;
            finishOperation(false, failureText(message, refused));
        });
}

void SnapshotsView::onJobProgress(const QDBusObjectPath &job, double progress)
{
    if (m_busy && job.path() == m_jobPath)
        m_progress->setValue(int(progress * 1000));
}

void SnapshotsView::onJobFinished(const QString &path, bool success, const QString &error, const QString &message)
{
    if (!m_busy)
        return;
    if (m_waitingForJobPath) {
        // Any job's end may be ours until the reply names it.
        m_earlyFinished.insert(path, {success, error, message});
        return;
    }
    if (path != m_jobPath)
        return;
    if (success) {
        finishOperation(true, m_operation == QLatin1String("restore")
                                  ? tr("\"%1\" was restored from %2.").arg(m_name, m_operationSnapshot)
                                  : tr("Snapshot taken."));
    } else if (HelperConnection::isCancelled(error)) {
        // What someone asked for (Cancel in the operations panel): no error.
        finishOperation(false, tr("Cancelled. Nothing was changed."));
    } else {
        finishOperation(false, failureText(
            HelperConnection::readableError(error, message), false));
    }
}

QString SnapshotsView::failureText(const QString &message, bool refused) const
{
    // A polkit refusal is said as it is (calm, no "could not"); other
    // errors say what was being done.
    if (refused)
        return message;
    if (m_operation == QLatin1String("snapshot"))
        return tr("Could not take a snapshot of \"%1\": %2").arg(m_name, message);
    if (m_operation == QLatin1String("restore"))
        return tr("Could not restore %1: %2").arg(m_operationSnapshot, message);
    return tr("Could not delete %1: %2").arg(m_operationSnapshot, message);
}

void SnapshotsView::finishOperation(bool success, const QString &text)
{
    m_busy = false;
    m_jobPath.clear();
    m_waitingForJobPath = false;
    m_earlyFinished.clear();
    m_progress->hide();
    m_error = success ? QString() : text;
    m_listFailed = false;
    if (!success)
        m_selectNewest = false;
    showStatus(text);
    updateButtons();
    // What the operation changed (or whatever is there now after a failure).
    refresh();
    Q_EMIT operationFinished(success, text);
}
