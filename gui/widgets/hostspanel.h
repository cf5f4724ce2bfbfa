// HostsPanel: the host list beside the container list: this computer and
// the hosts the user added (RemoteHosts), each with its containers under
// it and its connection state; Add Host…, Remove and Reconnect below.
// A container dragged from the main list (this computer) or from under a
// host onto another host's entry is copied there, or moved with Shift held
// as file managers move; the copy runs as an operation with Cancel in the
// operations panel (HostTransfers). A container's row opens its console
// on a double click, its console or a shell from its context menu, in the
// same console windows as this computer's (ConsoleTab, RemoteTerminal).
// Another host's rows show their CPU (with a sparkline of the last
// minute and more) and memory, and the host's entry their sum, as
// RemoteHosts reads them every 2 s.
#pragma once

#include "remotehosts.h"

#include <QHash>
#include <QStringList>
#include <QWidget>

class ContainerListModel;
class HostTransfers;
class OperationsPanel;
class QDialog;
class QMenu;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

class HostsPanel : public QWidget
{
    Q_OBJECT

public:
    HostsPanel(RemoteHosts *hosts, HostTransfers *transfers, ContainerListModel *local, OperationsPanel *operations,
               QWidget *parent = nullptr);

    QTreeWidget *tree() const { return m_tree; }
    RemoteHosts *remoteHosts() const { return m_hosts; }
    // The entry of HOST ("" for this computer), or null.
    QTreeWidgetItem *hostItem(const QString &host) const;
    // The container names shown under HOST.
    QStringList containersShown(const QString &host) const;
    // Copies (or moves) NAME from host FROM to host TO ("" is this
    // computer), as a drop does: refused with a message when NAME runs.
    void transfer(const QString &from, const QString &name, const QString &to, bool move);
    // Add Host…: the dialog, window-modal (returned for tests).
    QDialog *openAddHost();
    // The context menu of ITEM (a container's row: Console, Shell), or
    // null; the caller owns it.
    QMenu *menuFor(QTreeWidgetItem *item);
    // How often this computer's rows were filled again (tests: not on
    // every stats tick).
    int localFills() const { return m_localFills; }

Q_SIGNALS:
    // A transfer began (the operations panel should show).
    void operationStarted();
    void error(const QString &message, bool refused);
    // HOST: "" for this computer, else a name of RemoteHosts.
    void consoleRequested(const QString &host, const QString &name);
    void shellRequested(const QString &host, const QString &name);

private:
    void rebuildHosts();
    void updateLocal();
    void updateHost(const QString &host);
    void fill(QTreeWidgetItem *item, QList<RemoteHosts::Container> containers);
    void updateButtons();

    RemoteHosts *m_hosts;
    HostTransfers *m_transfers;
    ContainerListModel *m_local;
    OperationsPanel *m_operations;
    QTreeWidget *m_tree;
    QPushButton *m_remove;
    QPushButton *m_reconnect;
    // The remote hosts a transfer touches, listed again when it ends.
    QHash<QString, QStringList> m_involved;
    int m_localFills = 0;
};
