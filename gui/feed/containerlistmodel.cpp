#include "containerlistmodel.h"

#include <QIcon>
#include <QPainter>
#include <QPixmap>
#include <QLocale>
#include <QMimeData>
#include <QSet>

#include <algorithm>

namespace {
const QString kMime = QStringLiteral("application/x-hutch-container");
}

ContainerListModel::ContainerListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_clock.start();
}

int ContainerListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_data.size());
}

int ContainerListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ContainerListModel::stateText(const QString &state)
{
    if (state == QLatin1String("RUNNING")) return tr("Running");
    if (state == QLatin1String("STOPPED")) return tr("Stopped");
    if (state == QLatin1String("STARTING")) return tr("Starting");
    if (state == QLatin1String("STOPPING")) return tr("Stopping");
    if (state == QLatin1String("ABORTING")) return tr("Aborting");
    if (state == QLatin1String("FREEZING")) return tr("Freezing");
    if (state == QLatin1String("FROZEN")) return tr("Frozen");
    return state;
}

// State icons are drawn here rather than taken from the icon theme: the
// meaning must not depend on which theme (if any) the desktop has, and a
// coloured dot reads the same on light and dark palettes.
static QIcon stateIcon(const QString &state, bool broken)
{
    static QHash<QString, QIcon> cache;
    const QString key = broken ? QStringLiteral("broken") : state;
    if (auto it = cache.constFind(key); it != cache.constEnd())
        return *it;
    QColor colour(0x9a, 0x9a, 0x9a);  // stopped
    if (broken)
        colour = QColor(0xd0, 0x3a, 0x2f);
    else if (state == QLatin1String("RUNNING"))
        colour = QColor(0x2e, 0xa0, 0x43);
    else if (state == QLatin1String("FROZEN"))
        colour = QColor(0x2f, 0x7f, 0xd0);
    else if (state != QLatin1String("STOPPED"))
        colour = QColor(0xe0, 0x9b, 0x1a);  // on its way somewhere
    QIcon icon;
    for (int size : {16, 32, 48}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(QPen(colour.darker(130), size / 16.0));
        p.setBrush(colour);
        const qreal m = size * 0.2;
        const QRectF r(m, m, size - 2 * m, size - 2 * m);
        if (state == QLatin1String("FROZEN") && !broken) {
            // Two bars: paused.
            const qreal w = r.width() / 3;
            p.drawRect(QRectF(r.left(), r.top(), w, r.height()));
            p.drawRect(QRectF(r.right() - w, r.top(), w, r.height()));
        } else {
            p.drawEllipse(r);
        }
        icon.addPixmap(pixmap);
    }
    cache.insert(key, icon);
    return icon;
}

QVariant ContainerListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_data.size())
        return {};
    const Row &r = m_data.at(index.row());
    const bool broken = r.entry.value(QStringLiteral("broken")).toBool();
    switch (role) {
    case NameRole: return r.name;
    case StateRole: return r.state;
    case TtysRole: return r.entry.value(QStringLiteral("ttys")).toUInt();
    case BrokenRole: return broken;
    case CpuHistoryRole: return QVariant::fromValue(r.cpuHistory);
    case SortRole:
        switch (index.column()) {
        case Cpu: return r.cpuPercent;
        case Memory: return r.memory;
        case Autostart: return r.autostart ? 1 : 0;
        default: return data(index, Qt::DisplayRole);
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name: return r.name;
        case State: return broken ? tr("Broken") : stateText(r.state);
        case Addresses: return r.addresses;
        case Cpu:
            return r.cpuPercent < 0 ? QString() : QStringLiteral("%1 %").arg(QLocale().toString(r.cpuPercent, 'f', 1));
        case Memory:
            return r.memory == 0 ? QString() : QLocale().formattedDataSize(qint64(r.memory), 1, QLocale::DataSizeIecFormat);
        case Autostart: return r.autostart ? tr("Yes") : tr("No");
        case Privileges: return privilegesText(r.entry);
        }
        break;
    case Qt::DecorationRole:
        if (index.column() == State)
            return stateIcon(r.state, broken);
        break;
    case Qt::ToolTipRole:
        if (index.column() == Privileges)
            return privilegesToolTip(r.entry);
        if (broken)
            return tr("This container's configuration cannot be used: %1")
                .arg(r.entry.value(QStringLiteral("problem")).toString());
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == Cpu || index.column() == Memory)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    }
    return {};
}

QString ContainerListModel::privilegesText(const QVariantMap &entry)
{
    return entry.value(QStringLiteral("privileged"), true).toBool() ? tr("Privileged") : tr("Unprivileged");
}

QString ContainerListModel::privilegesToolTip(const QVariantMap &entry)
{
    if (entry.value(QStringLiteral("privileged"), true).toBool())
        return tr("Root inside this container is root on the host.");
    return tr("Root inside this container is host user %1.").arg(entry.value(QStringLiteral("host_root_uid")).toLongLong());
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
    case Privileges: return tr("Privileges");
    default:        return {};
    }
}

Qt::ItemFlags ContainerListModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    // Rows are dragged onto the list to clone; dropping onto a row is the
    // same gesture as dropping into the list.
    if (index.isValid())
        f |= Qt::ItemIsDragEnabled | Qt::ItemIsDropEnabled;
    else
        f |= Qt::ItemIsDropEnabled;
    return f;
}

QStringList ContainerListModel::mimeTypes() const
{
    return {kMime};
}

QMimeData *ContainerListModel::mimeData(const QModelIndexList &indexes) const
{
    QStringList names;
    for (const QModelIndex &i : indexes)
        if (i.isValid() && !names.contains(nameAt(i.row())))
            names << nameAt(i.row());
    auto *mime = new QMimeData;
    mime->setData(kMime, names.join(QLatin1Char('\n')).toUtf8());
    mime->setText(names.join(QLatin1Char('\n')));
    return mime;
}

Qt::DropActions ContainerListModel::supportedDropActions() const
{
    return Qt::CopyAction;
}

void ContainerListModel::fillRow(Row &row, const QVariantMap &entry)
{
    row.entry = entry;
    row.name = entry.value(QStringLiteral("name")).toString();
    row.state = entry.value(QStringLiteral("state")).toString();
    row.autostart = entry.value(QStringLiteral("autostart")).toBool();
    QStringList addresses = entry.value(QStringLiteral("ipv4")).toStringList();
    addresses += entry.value(QStringLiteral("ipv6")).toStringList();
    row.addresses = addresses.join(QStringLiteral(", "));
    if (row.state != QLatin1String("RUNNING") && row.state != QLatin1String("FROZEN")) {
        row.cpuPercent = -1;
        row.cpuHistory.clear();
        row.memory = 0;
        row.lastSampleMs = -1;
    }
}

void ContainerListModel::reindex()
{
    m_rows.clear();
    m_rows.reserve(m_data.size());
    for (int i = 0; i < m_data.size(); ++i)
        m_rows.insert(m_data.at(i).name, i);
}

void ContainerListModel::setEntries(const QList<QVariantMap> &entries)
{
    QSet<QString> present;
    present.reserve(entries.size());
    for (const QVariantMap &e : entries)
        present.insert(e.value(QStringLiteral("name")).toString());

    // Removals first, in runs from the bottom so that row numbers stay valid.
    for (int i = int(m_data.size()) - 1; i >= 0;) {
        if (present.contains(m_data.at(i).name)) {
            --i;
            continue;
        }
        int first = i;
        while (first > 0 && !present.contains(m_data.at(first - 1).name))
            --first;
        beginRemoveRows({}, first, i);
        m_data.remove(first, i - first + 1);
        endRemoveRows();
        i = first - 1;
    }
    reindex();

    // Updates in place, then the new rows appended in one insertion.
    QList<Row> added;
    for (const QVariantMap &e : entries) {
        const QString name = e.value(QStringLiteral("name")).toString();
        if (const int row = m_rows.value(name, -1); row >= 0) {
            fillRow(m_data[row], e);
        } else {
            Row r;
            fillRow(r, e);
            added << r;
        }
    }
    if (!m_data.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_data.size()) - 1, ColumnCount - 1));
    if (!added.isEmpty()) {
        beginInsertRows({}, int(m_data.size()), int(m_data.size() + added.size()) - 1);
        m_data += added;
        reindex();
        endInsertRows();
    }
}

void ContainerListModel::updateEntry(const QVariantMap &entry)
{
    const QString name = entry.value(QStringLiteral("name")).toString();
    if (const int row = rowOf(name); row >= 0) {
        fillRow(m_data[row], entry);
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    Row r;
    fillRow(r, entry);
    beginInsertRows({}, int(m_data.size()), int(m_data.size()));
    m_rows.insert(name, int(m_data.size()));
    m_data << r;
    endInsertRows();
}

void ContainerListModel::removeContainer(const QString &name)
{
    const int row = rowOf(name);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_data.removeAt(row);
    reindex();
    endRemoveRows();
}

void ContainerListModel::setState(const QString &name, const QString &state)
{
    const int row = rowOf(name);
    if (row < 0)
        return;
    Row &r = m_data[row];
    r.state = state;
    r.entry.insert(QStringLiteral("state"), state);
    if (state == QLatin1String("STOPPED")) {
        // Addresses and use belong to the running instance.
        r.cpuPercent = -1;
        r.cpuHistory.clear();
        r.memory = 0;
        r.lastSampleMs = -1;
        r.addresses.clear();
        r.entry.remove(QStringLiteral("ipv4"));
        r.entry.remove(QStringLiteral("ipv6"));
    }
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void ContainerListModel::setAddresses(const QString &name, const QStringList &ipv4, const QStringList &ipv6)
{
    const int row = rowOf(name);
    if (row < 0)
        return;
    Row &r = m_data[row];
    // A late report from a monitor that is stopping belongs to no instance.
    if (r.state == QLatin1String("STOPPED"))
        return;
    r.entry.insert(QStringLiteral("ipv4"), ipv4);
    r.entry.insert(QStringLiteral("ipv6"), ipv6);
    r.addresses = (ipv4 + ipv6).join(QStringLiteral(", "));
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void ContainerListModel::setStats(const QHash<QString, Stats> &stats, qint64 now)
{
    int first = INT_MAX, last = -1;
    for (auto it = stats.begin(); it != stats.end(); ++it) {
        const int row = rowOf(it.key());
        if (row < 0)
            continue;
        Row &r = m_data[row];
        if (r.lastSampleMs >= 0 && now > r.lastSampleMs && it->cpuNs >= r.lastCpuNs) {
            // ns of CPU per ms of wall time: 1e6 ns per ms is one core = 100 %.
            r.cpuPercent = double(it->cpuNs - r.lastCpuNs) / double(now - r.lastSampleMs) / 1e4;
            if (r.cpuHistory.size() >= kHistoryLength)
                r.cpuHistory.removeFirst();
            r.cpuHistory.append(float(r.cpuPercent));
        }
        r.lastCpuNs = it->cpuNs;
        r.lastSampleMs = now;
        r.memory = it->memory;
        first = qMin(first, row);
        last = qMax(last, row);
    }
    // One signal for the whole batch: views repaint once.
    if (last >= 0)
        Q_EMIT dataChanged(index(first, Cpu), index(last, Memory));
}

void ContainerListModel::clear()
{
    beginResetModel();
    m_data.clear();
    m_rows.clear();
    endResetModel();
}

QString ContainerListModel::nameAt(int row) const
{
    return row >= 0 && row < m_data.size() ? m_data.at(row).name : QString();
}

QString ContainerListModel::stateOf(const QString &name) const
{
    const int row = rowOf(name);
    return row < 0 ? QString() : m_data.at(row).state;
}

QVariantMap ContainerListModel::entryOf(const QString &name) const
{
    const int row = rowOf(name);
    return row < 0 ? QVariantMap() : m_data.at(row).entry;
}

QStringList ContainerListModel::runningNames() const
{
    QStringList names;
    for (const Row &r : m_data)
        if (r.state == QLatin1String("RUNNING") || r.state == QLatin1String("FROZEN"))
            names << r.name;
    return names;
}

void ContainerListModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_data.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_data.size()) - 1, ColumnCount - 1));
}

QStringList ContainerListModel::snapshotClonesOf(const QString &name) const
{
    // The directory of NAME's own files: the parent of its rootfs (dir,
    // btrfs) or of its upper layer (overlay); the store names it after NAME.
    QString rootfs = entryOf(name).value(QStringLiteral("rootfs")).toString();
    if (rootfs.isEmpty())
        return {};
    if (!rootfs.startsWith(QLatin1Char('/')))
        rootfs = rootfs.section(QLatin1Char(':'), -1);  // dir:PATH, btrfs:PATH, overlay:...:UPPER
    const QString dir = rootfs.section(QLatin1Char('/'), 0, -2);
    if (dir.isEmpty() || dir.section(QLatin1Char('/'), -1) != name)
        return {};
    QStringList clones;
    for (const Row &r : m_data) {
        const QString path = r.entry.value(QStringLiteral("rootfs")).toString();
        if (r.name == name || !path.startsWith(QLatin1String("overlay:")))
            continue;
        QStringList lowers = path.mid(int(qstrlen("overlay:"))).split(QLatin1Char(':'));
        lowers.removeLast();  // the clone's own upper layer
        if (std::any_of(lowers.cbegin(), lowers.cend(),
                        [&dir](const QString &l) { return l == dir || l.startsWith(dir + QLatin1Char('/')); }))
            clones << r.name;
    }
    return clones;
}
