// ResourcesPanel: the limits of one container as sliders and spin boxes
// (memory, swap, CPU quota in cores, CPU weight, pids, I/O weight), with its
// current use drawn on the sliders. A change is applied through SetLimits,
// which sets it live on a running container and saves it in its config; a
// limit below the current use asks first; Undo takes back the last change
// and each limit can be reset to unlimited (or the default weight).
#pragma once

#include <QList>
#include <QPair>
#include <QWidget>

class HelperConnection;
class QAbstractSpinBox;
class QLabel;
class QPushButton;
class QTimer;
class UsageSlider;

class ResourcesPanel : public QWidget
{
    Q_OBJECT

public:
    enum Limit { Memory, Swap, CpuQuota, CpuWeight, Pids, IoWeight, LimitCount };

    explicit ResourcesPanel(HelperConnection *connection, QWidget *parent = nullptr);

    // The container shown ("" for none): its limits are read again.
    void setContainer(const QString &name, bool running);
    QString container() const { return m_container; }
    bool isRunning() const { return m_running; }

    // The cgroup file of LIMIT as SetLimits takes it (v2 names; the monitor
    // translates on v1) and the value of a slider position for it.
    static QString fileOf(Limit limit);
    QString valueText(Limit limit) const;

    UsageSlider *slider(Limit limit) const { return m_rows[limit].slider; }
    // The value at a slider position (round values, logarithmic for memory,
    // swap and CPU quota).
    int valueAt(Limit limit, int position) const;
    // Sets LIMIT to VALUE (panel units: MiB, cores ×100, weight, count) and
    // applies it as a user's change would.
    void setValue(Limit limit, int value);
    int value(Limit limit) const;
    bool canUndo() const { return !m_undo.isEmpty(); }
    void undo();
    void resetToUnlimited(Limit limit);
    void refreshUsage();

Q_SIGNALS:
    void applied(const QString &file, const QString &value);
    void error(const QString &message, bool refused);
    void loaded();

private:
    struct Row {
        UsageSlider *slider = nullptr;
        QAbstractSpinBox *spin = nullptr;
        QPushButton *reset = nullptr;
        QLabel *usage = nullptr;
        int applied = 0;  // what the helper has, in panel units
        // Slider positions → values on a logarithmic scale of round values
        // (memory, swap, CPU quota); empty: the position is the value.
        QList<int> stops;
    };
    void buildRow(Limit limit, class QGridLayout *grid, int row);
    void load();
    void apply(Limit limit, int value, bool recordUndo);
    int unlimitedValue(Limit limit) const;
    int parse(Limit limit, const QString &value) const;
    void showValue(Limit limit, int value);
    int positionOf(Limit limit, int value) const;
    QString usageText(Limit limit, qint64 usage) const;

    HelperConnection *m_connection;
    QString m_container;
    bool m_running = false;
    bool m_loading = false;
    Row m_rows[LimitCount];
    qint64 m_usage[LimitCount] = {-1, -1, -1, -1, -1, -1};
    QList<QPair<Limit, int>> m_undo;
    QPushButton *m_undoButton = nullptr;
    QLabel *m_title = nullptr;
    QWidget *m_limits = nullptr;
    QTimer *m_usageTimer = nullptr;
    quint64 m_lastCpuNs = 0;
    qint64 m_lastCpuAt = -1;
    int m_memoryMiB = 1024;
    qint64 m_memoryBytes = 0;
};
