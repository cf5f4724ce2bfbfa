#include "hostspanel.h"

#include "containerlistmodel.h"
#include "containerview.h"
#include "hosttransfers.h"
#include "operationspanel.h"
#include "remotehosts.h"
#include "sparklinedelegate.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QDropEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMimeData>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>

namespace {

constexpr int kHostRole = Qt::UserRole;         // the host's name, "" for this computer
constexpr int kIsHostRole = Qt::UserRole + 1;   // a host's entry, not a container's
enum Column { HostColumn, StateColumn, CpuColumn, MemoryColumn, ColumnCount };

QString cpuText(double percent)
{
    return percent < 0 ? QString() : QStringLiteral("%1 %").arg(QLocale().toString(percent, 'f', 1));
}

QString memoryText(quint64 bytes)
{
    return bytes == 0 ? QString() : QLocale().formattedDataSize(qint64(bytes), 1, QLocale::DataSizeIecFormat);
}

const QString kContainerMime = QStringLiteral("application/x-hutch-container");
// The host a dragged row comes from (none: this computer's main list).
const QString kHostMime = QStringLiteral("application/x-hutch-host");

// The tree: host entries take drops of a container row from another host;
// the containers under a remote host can be dragged.
class HostTree : public QTreeWidget
{
public:
    std::function<void(const QString &from, const QString &name, const QString &to, bool move)> dropped;

    explicit HostTree(QWidget *parent)
        : QTreeWidget(parent)
    {
        setDragEnabled(true);
        setAcceptDrops(true);
        setDragDropMode(QAbstractItemView::DragDrop);
        setDefaultDropAction(Qt::CopyAction);
    }

protected:
    QStringList mimeTypes() const override { return {kContainerMime}; }
    Qt::DropActions supportedDropActions() const override { return Qt::CopyAction | Qt::MoveAction; }

    QMimeData *mimeData(const QList<QTreeWidgetItem *> &items) const override
    {
        if (items.size() != 1 || items.first()->data(0, kIsHostRole).toBool())
            return nullptr;
        auto *mime = new QMimeData;
        mime->setData(kContainerMime, items.first()->text(0).toUtf8());
        mime->setData(kHostMime, items.first()->data(0, kHostRole).toString().toUtf8());
        mime->setText(items.first()->text(0));
        return mime;
    }

    // The host a drop at POS goes to (a container's row stands for its
    // host), or false when the drag comes from that host.
    bool targetAt(const QPoint &pos, const QMimeData *mime, QString *to) const
    {
        const QTreeWidgetItem *item = itemAt(pos);
        if (!item || ContainerView::namesIn(mime).size() != 1)
            return false;
        *to = item->data(0, kHostRole).toString();
        return *to != QString::fromUtf8(mime->data(kHostMime));
    }

    static Qt::DropAction actionFor(Qt::KeyboardModifiers modifiers)
    {
        return modifiers & Qt::ShiftModifier ? Qt::MoveAction : Qt::CopyAction;
    }

    void dragEnterEvent(QDragEnterEvent *event) override
    {
        if (ContainerView::namesIn(event->mimeData()).size() == 1)
            event->acceptProposedAction();
        else
            event->ignore();
    }

    void dragMoveEvent(QDragMoveEvent *event) override
    {
        QString to;
        if (!targetAt(event->position().toPoint(), event->mimeData(), &to)) {
            event->ignore();
            return;
        }
        event->setDropAction(actionFor(event->modifiers()));
        event->accept();
    }

    void dropEvent(QDropEvent *event) override
    {
        QString to;
        if (!targetAt(event->position().toPoint(), event->mimeData(), &to)) {
            event->ignore();
            return;
        }
        const bool move = actionFor(event->modifiers()) == Qt::MoveAction;
        // Copy as far as Qt is concerned: the dragged row stays until the
        // transfer has removed the source and the lists say so.
        event->setDropAction(Qt::CopyAction);
        event->accept();
        if (dropped)
            dropped(QString::fromUtf8(event->mimeData()->data(kHostMime)), ContainerView::namesIn(event->mimeData()).first(),
                    to, move);
    }
};

}  // namespace

HostsPanel::HostsPanel(RemoteHosts *hosts, HostTransfers *transfers, ContainerListModel *local,
                       OperationsPanel *operations, QWidget *parent)
    : QWidget(parent), m_hosts(hosts), m_transfers(transfers), m_local(local), m_operations(operations)
{
    setObjectName(QStringLiteral("hostsPanel"));
    auto *tree = new HostTree(this);
    m_tree = tree;
    m_tree->setObjectName(QStringLiteral("hostsTree"));
    m_tree->setHeaderLabels({tr("Host"), tr("State"), tr("CPU"), tr("Memory")});
    m_tree->setColumnCount(ColumnCount);
    m_tree->header()->setSectionResizeMode(HostColumn, QHeaderView::Stretch);
    m_tree->header()->setStretchLastSection(false);
    // The CPU column's line of recent values, as in the main list.
    m_tree->setItemDelegateForColumn(CpuColumn, new SparklineDelegate(m_tree));
    m_tree->setAccessibleName(tr("Hosts"));
    m_tree->setToolTip(tr("Drag a stopped container onto another host to copy it there; hold Shift to move it."));
    tree->dropped = [this](const QString &from, const QString &name, const QString &to, bool move) {
        transfer(from, name, to, move);
    };

    auto *add = new QPushButton(tr("Add Host…"), this);
    add->setObjectName(QStringLiteral("addHost"));
    m_remove = new QPushButton(tr("Remove"), this);
    m_remove->setObjectName(QStringLiteral("removeHost"));
    m_reconnect = new QPushButton(tr("Reconnect"), this);
    m_reconnect->setObjectName(QStringLiteral("reconnectHost"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(m_remove);
    buttons->addWidget(m_reconnect);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tree, 1);
    layout->addLayout(buttons);

    auto selectedHost = [this]() -> QString {
        const QTreeWidgetItem *item = m_tree->currentItem();
        return item ? item->data(0, kHostRole).toString() : QString();
    };
    connect(add, &QPushButton::clicked, this, &HostsPanel::openAddHost);
    connect(m_remove, &QPushButton::clicked, this, [this, selectedHost] {
        if (!selectedHost().isEmpty())
            m_hosts->remove(selectedHost());
    });
    connect(m_reconnect, &QPushButton::clicked, this, [this, selectedHost] {
        if (!selectedHost().isEmpty())
            m_hosts->refresh(selectedHost());
    });
    connect(m_tree, &QTreeWidget::currentItemChanged, this, &HostsPanel::updateButtons);
    connect(m_hosts, &RemoteHosts::hostsChanged, this, &HostsPanel::rebuildHosts);
    connect(m_hosts, &RemoteHosts::hostChanged, this, &HostsPanel::updateHost);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_local, signal, this, &HostsPanel::updateLocal);
    connect(m_local, &QAbstractItemModel::modelReset, this, &HostsPanel::updateLocal);
    // Names and states only: a stats tick (CPU and memory columns) changes neither.
    connect(m_local, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &topLeft) {
        if (topLeft.column() <= ContainerListModel::State)
            updateLocal();
    });

    // A container's row: double click for its console, the menu for a shell.
    connect(m_tree, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem *item) {
        if (item && !item->data(0, kIsHostRole).toBool())
            Q_EMIT consoleRequested(item->data(0, kHostRole).toString(), item->text(0));
    });
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_tree, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        if (QMenu *menu = menuFor(m_tree->itemAt(pos))) {
            menu->setAttribute(Qt::WA_DeleteOnClose);
            menu->popup(m_tree->viewport()->mapToGlobal(pos));
        }
    });

    // A transfer's end: its row in the operations panel, and both hosts listed again.
    connect(m_transfers, &HostTransfers::finished, this,
            [this](const QString &key, bool success, bool cancelled, const QString &message) {
                for (const QString &host : m_involved.take(key))
                    m_hosts->refresh(host);
                m_operations->endOperation(key, success, cancelled, message);
            });
    rebuildHosts();
}

QTreeWidgetItem *HostsPanel::hostItem(const QString &host) const
{
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
        if (m_tree->topLevelItem(i)->data(0, kHostRole).toString() == host)
            return m_tree->topLevelItem(i);
    return nullptr;
}

QStringList HostsPanel::containersShown(const QString &host) const
{
    QStringList names;
    if (const QTreeWidgetItem *item = hostItem(host))
        for (int i = 0; i < item->childCount(); ++i)
            names << item->child(i)->text(0);
    return names;
}

void HostsPanel::rebuildHosts()
{
    m_tree->clear();
    auto *here = new QTreeWidgetItem(m_tree, {tr("This computer")});
    here->setData(0, kHostRole, QString());
    here->setData(0, kIsHostRole, true);
    here->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDropEnabled);
    for (const RemoteHosts::Host &h : m_hosts->hosts()) {
        auto *item = new QTreeWidgetItem(m_tree, {h.name});
        item->setData(0, kHostRole, h.name);
        item->setData(0, kIsHostRole, true);
        item->setToolTip(0, h.target());
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDropEnabled);
        updateHost(h.name);
    }
    updateLocal();
    m_tree->expandAll();
    updateButtons();
}

void HostsPanel::fill(QTreeWidgetItem *item, QList<RemoteHosts::Container> containers)
{
    std::sort(containers.begin(), containers.end(),
              [](const RemoteHosts::Container &a, const RemoteHosts::Container &b) { return a.name < b.name; });
    // In place, so that a drag under way keeps its row.
    const QString host = item->data(0, kHostRole).toString();
    while (item->childCount() > containers.size())
        delete item->takeChild(item->childCount() - 1);
    for (int i = 0; i < containers.size(); ++i) {
        QTreeWidgetItem *child = i < item->childCount() ? item->child(i) : new QTreeWidgetItem(item);
        const RemoteHosts::Container &c = containers.at(i);
        child->setText(HostColumn, c.name);
        child->setText(StateColumn, ContainerListModel::stateText(c.state));
        child->setText(CpuColumn, cpuText(c.cpuPercent));
        child->setData(CpuColumn, ContainerListModel::CpuHistoryRole, QVariant::fromValue(c.cpuHistory));
        child->setText(MemoryColumn, memoryText(c.memory));
        child->setData(0, kHostRole, host);
        child->setData(0, kIsHostRole, false);
        // This computer's rows are dragged from the main list.
        child->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDropEnabled
                        | (host.isEmpty() ? Qt::NoItemFlags : Qt::ItemIsDragEnabled));
    }
}

QMenu *HostsPanel::menuFor(QTreeWidgetItem *item)
{
    if (!item || item->data(0, kIsHostRole).toBool())
        return nullptr;
    const QString host = item->data(0, kHostRole).toString(), name = item->text(0);
    auto *menu = new QMenu(this);
    QAction *console = menu->addAction(QIcon::fromTheme(QStringLiteral("utilities-terminal")), tr("&Console"));
    console->setObjectName(QStringLiteral("hostConsole"));
    connect(console, &QAction::triggered, this, [this, host, name] { Q_EMIT consoleRequested(host, name); });
    QAction *shell = menu->addAction(QIcon::fromTheme(QStringLiteral("utilities-terminal")), tr("S&hell"));
    shell->setObjectName(QStringLiteral("hostShell"));
    connect(shell, &QAction::triggered, this, [this, host, name] { Q_EMIT shellRequested(host, name); });
    return menu;
}

void HostsPanel::updateLocal()
{
    QTreeWidgetItem *item = hostItem(QString());
    if (!item)
        return;
    ++m_localFills;
    // This computer's use is in the main list.
    QList<RemoteHosts::Container> rows;
    for (int row = 0; row < m_local->rowCount(); ++row) {
        RemoteHosts::Container c;
        c.name = m_local->nameAt(row);
        c.state = m_local->stateOf(c.name);
        rows.append(c);
    }
    fill(item, rows);
}

void HostsPanel::updateHost(const QString &host)
{
    QTreeWidgetItem *item = hostItem(host);
    if (!item || host.isEmpty())
        return;
    QString state;
    switch (m_hosts->status(host)) {
    case RemoteHosts::Status::Unknown: break;
    case RemoteHosts::Status::Connecting: state = tr("Connecting…"); break;
    case RemoteHosts::Status::Connected: state = tr("Connected"); break;
    case RemoteHosts::Status::Failed: state = tr("Not reachable"); break;
    }
    item->setText(1, state);
    item->setToolTip(1, m_hosts->error(host));
    // While a listing is under way the last one stays shown.
    if (m_hosts->status(host) == RemoteHosts::Status::Connecting)
        return;
    const QList<RemoteHosts::Container> containers = m_hosts->containers(host);
    // The host's entry: its containers' sum, and its CPU over time.
    const QList<float> history = m_hosts->cpuHistory(host);
    quint64 memory = 0;
    for (const RemoteHosts::Container &c : containers)
        memory += c.memory;
    item->setText(CpuColumn, history.isEmpty() ? QString() : cpuText(history.last()));
    item->setData(CpuColumn, ContainerListModel::CpuHistoryRole, QVariant::fromValue(history));
    item->setText(MemoryColumn, memoryText(memory));
    const bool first = item->childCount() == 0;
    fill(item, containers);
    // Expanded once; the user's collapsing is kept over the updates.
    if (first)
        item->setExpanded(true);
}

void HostsPanel::updateButtons()
{
    const QTreeWidgetItem *item = m_tree->currentItem();
    const bool remote = item && !item->data(0, kHostRole).toString().isEmpty();
    m_remove->setEnabled(remote && item->data(0, kIsHostRole).toBool());
    m_reconnect->setEnabled(remote);
}

void HostsPanel::transfer(const QString &from, const QString &name, const QString &to, bool move)
{
    const RemoteHosts::Host *source = from.isEmpty() ? nullptr : m_hosts->host(from);
    const RemoteHosts::Host *target = to.isEmpty() ? nullptr : m_hosts->host(to);
    if ((!from.isEmpty() && !source) || (!to.isEmpty() && !target) || from == to)
        return;
    // A running container: the user stops it first (no live migration).
    QString state = from.isEmpty() ? m_local->stateOf(name) : QString();
    for (const RemoteHosts::Container &c : source ? m_hosts->containers(from) : QList<RemoteHosts::Container>())
        if (c.name == name)
            state = c.state;
    if (!state.isEmpty() && state != QLatin1String("STOPPED")) {
        Q_EMIT error(tr("\"%1\" is running: stop it before copying or moving it to another host.").arg(name), false);
        return;
    }
    const QString key = m_transfers->start(source ? source->target() : QString(), name,
                                           target ? target->target() : QString(), move);
    QStringList involved;
    for (const QString &host : {from, to})
        if (!host.isEmpty())
            involved << host;
    m_involved.insert(key, involved);
    const QString there = to.isEmpty() ? tr("this computer") : to;
    m_operations->trackOperation(key, move ? QStringLiteral("host-move") : QStringLiteral("host-copy"),
                                 tr("%1 → %2").arg(name, there), [this, key] { m_transfers->cancel(key); });
    Q_EMIT operationStarted();
}

QDialog *HostsPanel::openAddHost()
{
    auto *dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("addHostDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Add Host"));
    auto *name = new QLineEdit(dialog);
    name->setObjectName(QStringLiteral("hostName"));
    auto *address = new QLineEdit(dialog);
    address->setObjectName(QStringLiteral("hostAddress"));
    address->setPlaceholderText(tr("a host name, an address or an ssh_config alias"));
    auto *user = new QLineEdit(dialog);
    user->setObjectName(QStringLiteral("hostUser"));
    user->setPlaceholderText(tr("as ssh chooses"));
    auto *problem = new QLabel(dialog);
    problem->setObjectName(QStringLiteral("hostProblem"));
    problem->setWordWrap(true);
    auto *box = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    auto *form = new QFormLayout(dialog);
    form->addRow(tr("&Name:"), name);
    form->addRow(tr("&Address:"), address);
    form->addRow(tr("SSH &user:"), user);
    form->addRow(new QLabel(tr("Hutch reaches the host with ssh; hutchctl and Hutch's helper must be installed there."),
                            dialog));
    form->addRow(problem);
    form->addRow(box);
    connect(box, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    connect(box, &QDialogButtonBox::accepted, dialog, [this, dialog, name, address, user, problem] {
        const QString why = m_hosts->add({name->text(), address->text(), user->text()});
        if (why.isEmpty())
            dialog->accept();
        else
            problem->setText(why);
    });
    dialog->setWindowModality(Qt::WindowModal);
    dialog->show();
    return dialog;
}
