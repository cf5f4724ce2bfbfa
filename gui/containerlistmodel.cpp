#include "containerlistmodel.h"

ContainerListModel::ContainerListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int ContainerListModel::rowCount(const QModelIndex &parent) const
{
    // A table: items have no children. No rows at all until the helper
    // client can tell us which containers exist.
    Q_UNUSED(parent)
    return 0;
}

int ContainerListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ContainerListModel::data(const QModelIndex &index, int role) const
{
    Q_UNUSED(index)
    Q_UNUSED(role)
    return {};
}

QVariant ContainerListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:      return tr("Name");
    case State:     return tr("State");
    case Addresses: return tr("IP addresses");
    case Cpu:       return tr("CPU");
    case Memory:    return tr("Memory");
    case Autostart: return tr("Autostart");
    default:        return {};
    }
}

void ContainerListModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}
