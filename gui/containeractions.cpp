#include "containeractions.h"

#include "client.h"
#include "containerlistmodel.h"
#include "helperconnection.h"
#include "modal.h"
#include "names.h"
#include "renamedialog.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDBusObjectPath>
#include <QDBusPendingReply>
#include <QIcon>
#include <QMenu>
#include <QMessageBox>
#include <QStyle>
#include <QPushButton>

using namespace hutch;

namespace {

bool isRunning(const QString &s) { return s == QLatin1String("RUNNING"); }
bool isStopped(const QString &s) { return s == QLatin1String("STOPPED"); }
bool isFrozen(const QString &s) { return s == QLatin1String("FROZEN"); }

// Shutdown waits this long for init before the helper kills the container.
constexpr uint kShutdownTimeout = 30;

}  // namespace

ContainerActions::ContainerActions(HelperConnection *connection, ContainerListModel *model, QWidget *window)
    : QObject(window), m_connection(connection), m_model(model), m_window(window), m_copyMenu(new QMenu(window))
{
    // Theme icons first; the style's standard icons where a desktop has no
    // icon theme, so the toolbar never shows blank buttons.
    struct Def { Kind kind; const char *object; const char *icon; QKeySequence key;
                 QStyle::StandardPixmap fallback = QStyle::SP_CustomBase; };
    const Def defs[] = {
        {Create, "actionCreate", "list-add", QKeySequence::New, QStyle::SP_FileDialogNewFolder},
        {Start, "actionStart", "media-playback-start", QKeySequence(Qt::CTRL | Qt::Key_R), QStyle::SP_MediaPlay},
        {Stop, "actionStop", "process-stop", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K), QStyle::SP_BrowserStop},
        {Shutdown, "actionShutdown", "system-shutdown", QKeySequence(Qt::CTRL | Qt::Key_K), QStyle::SP_MediaStop},
        {Reboot, "actionReboot", "system-reboot", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), QStyle::SP_BrowserReload},
        {Freeze, "actionFreeze", "media-playback-pause", QKeySequence(Qt::CTRL | Qt::Key_P), QStyle::SP_MediaPause},
        {Unfreeze, "actionUnfreeze", "media-playback-start", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), QStyle::SP_MediaPlay},
        {Console, "actionConsole", "utilities-terminal", QKeySequence(Qt::CTRL | Qt::Key_T), QStyle::SP_ComputerIcon},
        {Shell, "actionShell", "utilities-terminal", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T), QStyle::SP_CommandLink},
        {Clone, "actionClone", "edit-copy", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D), QStyle::SP_FileDialogNewFolder},
        {Export, "actionExport", "document-save-as", QKeySequence(Qt::CTRL | Qt::Key_E), QStyle::SP_DialogSaveButton},
        {Import, "actionImport", "document-open", QKeySequence(Qt::CTRL | Qt::Key_O), QStyle::SP_DialogOpenButton},
        {Rename, "actionRename", "edit-rename", QKeySequence(Qt::Key_F2)},
        {Destroy, "actionDestroy", "edit-delete", QKeySequence(Qt::SHIFT | Qt::Key_Delete), QStyle::SP_TrashIcon},
        {Properties, "actionProperties", "document-properties", QKeySequence(Qt::ALT | Qt::Key_Return), QStyle::SP_FileDialogInfoView},
        {Refresh, "actionRefresh", "view-refresh", QKeySequence(Qt::Key_F5), QStyle::SP_BrowserReload},
        {Throwaway, "actionThrowaway", "utilities-terminal", QKeySequence(), QStyle::SP_ComputerIcon},
    };
    for (const Def &d : defs) {
        const QIcon fallback = d.fallback == QStyle::SP_CustomBase ? QIcon() : window->style()->standardIcon(d.fallback);
        auto *a = new QAction(QIcon::fromTheme(QString::fromLatin1(d.icon), fallback), QString(), this);
        a->setObjectName(QString::fromLatin1(d.object));
        a->setShortcut(d.key);
        // The window's shortcuts must work while the list has focus and
        // also from the toolbar.
        a->setShortcutContext(Qt::WindowShortcut);
        connect(a, &QAction::triggered, this, [this, k = d.kind] { trigger(k); });
        m_actions.insert(d.kind, a);
    }
    // Delete is Destroy… as in file managers (it asks first); Shift+Delete too.
    action(Destroy)->setShortcuts({QKeySequence(QKeySequence::Delete), QKeySequence(Qt::SHIFT | Qt::Key_Delete)});
    m_copyMenu->setObjectName(QStringLiteral("menuCopyCommand"));
    m_copyMenu->setIcon(QIcon::fromTheme(QStringLiteral("edit-copy")));
    connect(m_copyMenu, &QMenu::aboutToShow, this, &ContainerActions::rebuildCopyMenu);
    retranslate();
    updateEnabled();
}

QList<QAction *> ContainerActions::lifecycleActions() const
{
    return {action(Start), action(Shutdown), action(Stop), action(Reboot), action(Freeze), action(Unfreeze)};
}

void ContainerActions::retranslate()
{
    action(Create)->setText(tr("&Create…"));
    action(Start)->setText(tr("&Start"));
    action(Stop)->setText(tr("S&top (Kill)"));
    action(Shutdown)->setText(tr("Shut &Down"));
    action(Reboot)->setText(tr("Re&boot"));
    action(Freeze)->setText(tr("&Freeze"));
    action(Unfreeze)->setText(tr("&Unfreeze"));
    action(Console)->setText(tr("&Console"));
    action(Shell)->setText(tr("S&hell"));
    action(Clone)->setText(tr("C&lone…"));
    action(Export)->setText(tr("&Export…"));
    action(Import)->setText(tr("&Import…"));
    action(Rename)->setText(tr("Re&name…"));
    action(Destroy)->setText(tr("&Destroy…"));
    action(Properties)->setText(tr("&Properties"));
    action(Refresh)->setText(tr("&Refresh"));
    action(Throwaway)->setText(tr("Run a &Throwaway Copy"));
    m_copyMenu->setTitle(tr("Copy as hutchctl Command"));
    updateEnabled();
}

QString ContainerActions::hutchctlCommand(Kind kind, const QStringList &names)
{
    auto each = [&names](const QString &pattern) {
        QStringList lines;
        for (const QString &n : names)
            lines << pattern.arg(n);
        return lines.join(QLatin1Char('\n'));
    };
    switch (kind) {
    case Create: return QStringLiteral("hutchctl create NAME -t busybox");
    case Start: return each(QStringLiteral("hutchctl start %1"));
    case Stop: return each(QStringLiteral("hutchctl stop %1 --kill"));
    case Shutdown: return each(QStringLiteral("hutchctl shutdown %1"));
    case Reboot: return each(QStringLiteral("hutchctl reboot %1"));
    case Freeze: return each(QStringLiteral("hutchctl freeze %1"));
    case Unfreeze: return each(QStringLiteral("hutchctl unfreeze %1"));
    case Console: return each(QStringLiteral("hutchctl console %1"));
    case Shell: return each(QStringLiteral("hutchctl attach %1 -- /bin/sh"));
    case Clone: return each(QStringLiteral("hutchctl clone %1 NEW"));
    case Export: return each(QStringLiteral("hutchctl export %1 %1.tar.xz"));
    case Import: return QStringLiteral("hutchctl import FILE");
    case Rename: return each(QStringLiteral("hutchctl rename %1 NEW"));
    case Destroy: return each(QStringLiteral("hutchctl destroy %1"));
    case Properties: return each(QStringLiteral("hutchctl info %1"));
    case Refresh: return QStringLiteral("hutchctl list --fancy");
    case Throwaway: return each(QStringLiteral("hutchctl copy %1 --ephemeral"));
    case KindCount: break;
    }
    return {};
}

QList<ContainerActions::Kind> ContainerActions::allowedFor(const QStringList &states)
{
    int running = 0, stopped = 0, frozen = 0, other = 0;
    for (const QString &s : states) {
        if (isRunning(s)) ++running;
        else if (isStopped(s)) ++stopped;
        else if (isFrozen(s)) ++frozen;
        else ++other;
    }
    const bool one = states.size() == 1;
    QList<Kind> out{Create, Import, Refresh};
    // Bulk actions: allowed when at least one selected container can take
    // them; the others are left alone.
    if (stopped > 0) out << Start;
    if (running + frozen + other > 0) out << Stop;
    if (running > 0) out << Shutdown << Reboot << Freeze;
    if (frozen > 0) out << Unfreeze;
    if (one && running == 1) out << Console << Shell;
    if (one && stopped == 1) out << Clone << Export << Rename << Throwaway;
    if (!states.isEmpty()) out << Destroy;
    if (one) out << Properties;
    return out;
}

void ContainerActions::updateEnabled()
{
    const QStringList names = selectedNames();
    QStringList states;
    for (const QString &n : names)
        states << m_model->stateOf(n);
    const QList<Kind> allowed = allowedFor(states);
    const bool connected = m_connection->isConnected();
    for (auto it = m_actions.begin(); it != m_actions.end(); ++it)
        it.value()->setEnabled(connected && allowed.contains(Kind(it.key())));
    // The status tip is the command line: hovering an action tells how to
    // script it.
    for (auto it = m_actions.begin(); it != m_actions.end(); ++it) {
        const QString cmd = hutchctlCommand(Kind(it.key()), names.isEmpty() ? QStringList{tr("NAME")} : names);
        it.value()->setStatusTip(cmd.section(QLatin1Char('\n'), 0, 0)
                                 + (names.size() > 1 ? QStringLiteral(" …") : QString()));
    }
}

void ContainerActions::rebuildCopyMenu()
{
    m_copyMenu->clear();
    const QStringList names = selectedNames();
    for (int k = 0; k < KindCount; ++k) {
        QAction *a = action(Kind(k));
        if (!a->isEnabled())
            continue;
        const QString cmd = hutchctlCommand(Kind(k), names);
        QAction *copy = m_copyMenu->addAction(a->text().remove(QLatin1Char('&')).remove(QStringLiteral("…")));
        copy->setToolTip(cmd);
        copy->setStatusTip(cmd.section(QLatin1Char('\n'), 0, 0));
        connect(copy, &QAction::triggered, this, [this, cmd] {
            QApplication::clipboard()->setText(cmd);
            Q_EMIT info(tr("Copied: %1").arg(cmd.section(QLatin1Char('\n'), 0, 0)));
        });
    }
}

void ContainerActions::reportError(const QString &what, const QString &message, bool refused)
{
    Q_EMIT error(refused ? message : tr("%1: %2").arg(what, message), refused);
}

void ContainerActions::trigger(Kind kind)
{
    const QStringList names = selectedNames();
    auto those = [&](bool (*pred)(const QString &)) {
        QStringList out;
        for (const QString &n : names)
            if (pred(m_model->stateOf(n)))
                out << n;
        return out;
    };
    switch (kind) {
    case Create: Q_EMIT createRequested(); return;
    case Refresh: Q_EMIT info(QString()); return;  // the window refreshes the feed
    case Start:
        for (const QString &n : those(isStopped)) lifecycle(Start, n);
        return;
    case Stop:
        if (!askFirst(Stop, names))
            return;
        for (const QString &n : names)
            if (!isStopped(m_model->stateOf(n))) lifecycle(Stop, n);
        return;
    case Shutdown:
        for (const QString &n : those(isRunning)) lifecycle(Shutdown, n);
        return;
    case Reboot:
        if (!askFirst(Reboot, those(isRunning)))
            return;
        for (const QString &n : those(isRunning)) lifecycle(Reboot, n);
        return;
    case Freeze:
        for (const QString &n : those(isRunning)) lifecycle(Freeze, n);
        return;
    case Unfreeze:
        for (const QString &n : those(isFrozen)) lifecycle(Unfreeze, n);
        return;
    case Console:
        if (names.size() == 1) Q_EMIT consoleRequested(names.first(), 0);
        return;
    case Shell:
        if (names.size() == 1) Q_EMIT shellRequested(names.first());
        return;
    case Clone:
        if (names.size() == 1) Q_EMIT cloneRequested(names.first());
        return;
    case Export:
        if (names.size() == 1) Q_EMIT exportRequested(names.first());
        return;
    case Import: Q_EMIT importRequested(); return;
    case Rename:
        if (names.size() == 1) rename(names.first());
        return;
    case Destroy:
        if (!names.isEmpty()) destroy(names);
        return;
    case Properties:
        if (names.size() == 1) Q_EMIT propertiesRequested(names.first());
        return;
    case Throwaway:
        if (names.size() == 1) runThrowaway(names.first());
        return;
    case KindCount: return;
    }
}

bool ContainerActions::askFirst(Kind kind, const QStringList &names)
{
    if (!m_confirmStop || names.isEmpty())
        return true;
    const bool stop = kind == Stop;
    const QString list = names.join(QStringLiteral(", "));
    QMessageBox box(QMessageBox::Question, stop ? tr("Stop Container") : tr("Reboot Container"),
                    stop ? tr("Kill every process in \"%1\" now? Unsaved work in it is lost; Shut Down "
                              "lets it end its programs cleanly.").arg(list)
                         : tr("Reboot \"%1\" now? Its programs are ended and its consoles start over.").arg(list),
                    QMessageBox::Cancel, m_window);
    box.setObjectName(QStringLiteral("stopConfirmation"));
    QPushButton *yes = box.addButton(stop ? tr("Stop") : tr("Reboot"), QMessageBox::AcceptRole);
    box.setDefaultButton(yes);
    auto *never = new QCheckBox(tr("Do not ask again"), &box);
    never->setObjectName(QStringLiteral("stopDoNotAsk"));
    box.setCheckBox(never);
    runModal(box);
    if (box.clickedButton() != yes)
        return false;
    if (never->isChecked()) {
        m_confirmStop = false;
        Q_EMIT confirmStopTurnedOff();
    }
    return true;
}

void ContainerActions::lifecycle(Kind kind, const QString &name)
{
    Helper1Proxy *helper = m_connection->helper();
    // Stop and Shutdown answer once the container is down: longer than a
    // bus call's default timeout.
    const int defaultTimeout = helper->timeout();
    helper->setTimeout(int(kShutdownTimeout + 30) * 1000);
    QDBusPendingCall call = [&]() -> QDBusPendingCall {
        switch (kind) {
        case Stop: return helper->Stop(name, {});
        case Shutdown: return helper->Shutdown(name, kShutdownTimeout, {});
        case Reboot: return helper->Reboot(name, {});
        case Freeze: return helper->Freeze(name, {});
        case Unfreeze: return helper->Unfreeze(name, {});
        default: return helper->Start(name, {});
        }
    }();
    helper->setTimeout(defaultTimeout);
    QString what;
    switch (kind) {
    case Stop: what = tr("Could not stop \"%1\"").arg(name); break;
    case Shutdown: what = tr("Could not shut down \"%1\"").arg(name); break;
    case Reboot: what = tr("Could not reboot \"%1\"").arg(name); break;
    case Freeze: what = tr("Could not freeze \"%1\"").arg(name); break;
    case Unfreeze: what = tr("Could not unfreeze \"%1\"").arg(name); break;
    default: what = tr("Could not start \"%1\"").arg(name); break;
    }
    m_connection->watch(call, this, nullptr, [this, what](const QString &message, bool refused) {
        reportError(what, message, refused);
    });
}

void ContainerActions::clone(const QString &source, const QString &name, bool snapshot)
{
    QVariantMap options;
    if (snapshot)
        options.insert(QStringLiteral("snapshot"), true);
    m_connection->watch(
        m_connection->helper()->CloneContainer(source, name, options), this,
        [this, name](const QDBusPendingCall &call) {
            const QDBusPendingReply<QDBusObjectPath> reply = call;
            Q_EMIT jobStarted(reply.value().path(), QStringLiteral("clone"), name);
        },
        [this, source](const QString &message, bool refused) {
            reportError(tr("Could not clone \"%1\"").arg(source), message, refused);
        });
}

void ContainerActions::runThrowaway(const QString &name)
{
    m_connection->watch(
        m_connection->helper()->StartEphemeral(name, QString(), {}), this,
        [this](const QDBusPendingCall &call) {
            const QDBusPendingReply<QString> reply = call;
            Q_EMIT consoleRequested(reply.value(), 0);
        },
        [this, name](const QString &message, bool refused) {
            reportError(tr("Could not start a throwaway copy of \"%1\"").arg(name), message, refused);
        });
}

void ContainerActions::rename(const QString &name)
{
    // The name is checked as typed (rules and the list); the helper checks
    // again, for a name someone else took meanwhile.
    RenameDialog dialog(name, m_model, m_window);
    if (runModal(dialog) != QDialog::Accepted || dialog.newName() == name)
        return;
    const QString newName = dialog.newName();
    m_connection->watch(m_connection->helper()->RenameContainer(name, newName, {}), this, nullptr,
                        [this, name](const QString &message, bool refused) {
                            reportError(tr("Could not rename \"%1\"").arg(name), message, refused);
                        });
}

void ContainerActions::destroy(const QStringList &names)
{
    // A container that snapshot clones are built on cannot go before them:
    // said before asking, as what it is (not "right now": it stays so).
    for (const QString &n : names) {
        QStringList clones = m_model->snapshotClonesOf(n);
        clones.removeIf([&names](const QString &c) { return names.contains(c); });
        if (!clones.isEmpty()) {
            Q_EMIT error(tr("\"%1\" cannot be destroyed while snapshot clones use its files: %2. "
                            "Destroy them first.").arg(n, clones.join(QStringLiteral(", "))),
                         true);
            return;
        }
    }
    bool anyRunning = false;
    for (const QString &n : names)
        anyRunning |= !isStopped(m_model->stateOf(n));
    // The question names what goes: a list of names is the only thing that
    // stops a user from destroying the wrong container.
    QString text = names.size() == 1
        ? tr("Destroy the container \"%1\" and everything in it?").arg(names.first())
        : tr("Destroy these %n containers and everything in them?\n\n%1", nullptr, int(names.size()))
              .arg(names.join(QStringLiteral(", ")));
    if (anyRunning)
        text += QStringLiteral("\n\n") + tr("Running containers are stopped first.");
    if (m_confirmDestroy) {
        QMessageBox box(QMessageBox::Warning, tr("Destroy Container"), text, QMessageBox::Cancel, m_window);
        box.setObjectName(QStringLiteral("destroyConfirmation"));
        QPushButton *yes = box.addButton(tr("Destroy"), QMessageBox::DestructiveRole);
        box.setDefaultButton(QMessageBox::Cancel);
        runModal(box);
        if (box.clickedButton() != yes)
            return;
    }
    for (const QString &n : names) {
        QVariantMap options;
        if (!isStopped(m_model->stateOf(n)))
            options.insert(QStringLiteral("force"), true);
        m_connection->watch(
            m_connection->helper()->DestroyContainer(n, options), this,
            [this, n](const QDBusPendingCall &call) {
                const QDBusPendingReply<QDBusObjectPath> reply = call;
                Q_EMIT jobStarted(reply.value().path(), QStringLiteral("destroy"), n);
            },
            [this, n](const QString &message, bool refused) {
                reportError(tr("Could not destroy \"%1\"").arg(n), message, refused);
            });
    }
}
