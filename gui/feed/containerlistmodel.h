#pragma once

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QHash>
#include <QStringList>
#include <QVariantMap>

// The rows of the main window's container list: what the helper reported
// (ListContainers entries, StateChanged, GetStats), nothing read from disk.
// Updates come in batches (setEntries, setStats) so that 1,000 containers
// cost one reset or one dataChanged, and data() only reads memory: a paint
// never causes a D-Bus call.
class ContainerListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Name, State, Addresses, Cpu, Memory, Autostart, Privileges, ColumnCount };
    enum Role {
        NameRole = Qt::UserRole + 1,
        StateRole,       // "RUNNING", ... as the helper says
        SortRole,        // numbers for CPU and memory, text otherwise
        TtysRole,        // lxc.tty.max
        BrokenRole,
        CpuHistoryRole,  // QList<float>: the last kHistoryLength CPU % samples, oldest first
    };
    // How many CPU samples a row keeps for its sparkline.
    static constexpr int kHistoryLength = 40;

    struct Stats {
        quint64 cpuNs = 0;
        quint64 memory = 0;
    };

    explicit ContainerListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    // "Privileged" or "Unprivileged" for a ListContainers entry, and who
    // its root is on the host (also for the properties dialog).
    static QString privilegesText(const QVariantMap &entry);
    static QString privilegesToolTip(const QVariantMap &entry);
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDropActions() const override;

    // The whole list (ListContainers): rows are kept, added and removed by
    // name, so selections survive a refresh.
    void setEntries(const QList<QVariantMap> &entries);
    // One container's entry (GetContainer after ContainerAdded): added or updated.
    void updateEntry(const QVariantMap &entry);
    void removeContainer(const QString &name);
    void setState(const QString &name, const QString &state);
    // A running container's addresses as the helper pushed them (AddressesChanged).
    void setAddresses(const QString &name, const QStringList &ipv4, const QStringList &ipv6);
    // Resource use of running containers, all at once; CPU % is computed
    // from the previous sample of the same container.
    void setStats(const QHash<QString, Stats> &stats) { setStats(stats, m_clock.elapsed()); }
    // The same, sampled `atMs` after the model was made (tests give the
    // time instead of waiting for the clock to move).
    void setStats(const QHash<QString, Stats> &stats, qint64 atMs);
    void clear();

    int rowOf(const QString &name) const { return m_rows.value(name, -1); }
    QString nameAt(int row) const;
    QString stateOf(const QString &name) const;
    QVariantMap entryOf(const QString &name) const;
    QStringList runningNames() const;
    // The listed snapshot clones whose overlay has NAME's files as a lower
    // layer (lxc.rootfs.path overlay:LOWER...:UPPER): NAME cannot go while
    // they are there. Snapshots the list does not show are the helper's to find.
    QStringList snapshotClonesOf(const QString &name) const;

    // Called by the owning window on QEvent::LanguageChange.
    void retranslate();

    static QString stateText(const QString &state);

private:
    struct Row {
        QVariantMap entry;
        QString name, state, addresses;
        bool autostart = false;
        double cpuPercent = -1;  // -1: not measured (stopped, or first sample)
        QList<float> cpuHistory;  // for the sparkline; implicitly shared, so data() copies nothing
        quint64 memory = 0;
        quint64 lastCpuNs = 0;
        qint64 lastSampleMs = -1;
    };
    void fillRow(Row &row, const QVariantMap &entry);
    void reindex();

    QList<Row> m_data;
    QHash<QString, int> m_rows;  // name → row
    QElapsedTimer m_clock;
};
