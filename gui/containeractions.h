// ContainerActions: the verbs of the main window (toolbar, menus, context
// menu, shortcuts). It knows which actions the selection's states allow,
// what each is as a hutchctl command line, and how to ask the helper; the
// window only places the actions. Long operations come back as jobs for the
// operations panel; errors as readable messages.
#pragma once

#include <QHash>
#include <QObject>
#include <QStringList>

#include <functional>

class ContainerListModel;
class HelperConnection;
class QAction;
class QMenu;
class QWidget;

class ContainerActions : public QObject
{
    Q_OBJECT

public:
    enum Kind {
        Create, Start, Stop, Shutdown, Reboot, Freeze, Unfreeze,
        Console, Shell, Clone, Export, Rename, Destroy, Properties, Refresh, Import, Throwaway, KindCount
    };

    ContainerActions(HelperConnection *connection, ContainerListModel *model, QWidget *window);

    // Where the selected container names come from (the view's selection).
    void setSelectionSource(std::function<QStringList()> source) { m_selection = std::move(source); }
    QAction *action(Kind kind) const { return m_actions.value(kind); }
    QList<QAction *> lifecycleActions() const;
    // "Copy as hutchctl Command": one entry per action the selection allows.
    QMenu *copyCommandMenu() const { return m_copyMenu; }

    // hutchctl's equivalent of KIND for NAMES (one line per container).
    static QString hutchctlCommand(Kind kind, const QStringList &names);

    // The actions a selection with these states allows (connected to the
    // helper); a pure function so that the rules are tested on their own.
    static QList<Kind> allowedFor(const QStringList &states);

    // Re-reads the selection and states; called on selection and model changes.
    void updateEnabled();
    void retranslate();

    // Asks the helper to clone SOURCE as NAME (the clone dialog and drag to clone).
    void clone(const QString &source, const QString &name, bool snapshot);
    // Whether Destroy asks first (a preference; on by default).
    void setConfirmDestroy(bool confirm) { m_confirmDestroy = confirm; }
    bool confirmDestroy() const { return m_confirmDestroy; }
    // Stop (kill) and Reboot ask first, with "Do not ask again".
    void setConfirmStop(bool confirm) { m_confirmStop = confirm; }
    bool confirmStop() const { return m_confirmStop; }

    QStringList selectedNames() const { return m_selection ? m_selection() : QStringList(); }

Q_SIGNALS:
    void jobStarted(const QString &path, const QString &operation, const QString &container);
    // `refused`: polkit said no; the window shows that calmly.
    void error(const QString &message, bool refused);
    void consoleRequested(const QString &name, uint tty);
    void shellRequested(const QString &name);
    void createRequested();
    void cloneRequested(const QString &source);
    // Export…: the window asks where; Import…: which archive, then how.
    void exportRequested(const QString &name);
    void importRequested();
    void propertiesRequested(const QString &name);
    void info(const QString &message);
    // "Do not ask again" was ticked in the Stop/Reboot question.
    void confirmStopTurnedOff();

private:
    // Stop and Reboot end what runs in the container: ask, unless told not to.
    bool askFirst(Kind kind, const QStringList &names);
    void trigger(Kind kind);
    void lifecycle(Kind kind, const QString &name);
    void rename(const QString &name);
    // Starts a throwaway copy of the stopped NAME (StartEphemeral) and asks
    // for its console: the copy goes when it stops.
    void runThrowaway(const QString &name);
    void destroy(const QStringList &names);
    void rebuildCopyMenu();
    void reportError(const QString &what, const QString &message, bool refused);

    HelperConnection *m_connection;
    ContainerListModel *m_model;
    QWidget *m_window;
    std::function<QStringList()> m_selection;
    QHash<int, QAction *> m_actions;
    QMenu *m_copyMenu;
    bool m_confirmDestroy = true;
    bool m_confirmStop = true;
};
