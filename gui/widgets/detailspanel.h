// DetailsPanel: one container at a glance — live graphs of CPU, memory and
// network traffic over the last five minutes (GetStats every two seconds,
// with start, stop and limit changes marked), its addresses and paths.
#pragma once

#include <QVariantMap>
#include <QWidget>

class HelperConnection;
class HistoryGraph;
class QLabel;
class QTimer;

class DetailsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit DetailsPanel(HelperConnection *connection, QWidget *parent = nullptr);

    void setContainer(const QVariantMap &entry);
    QString container() const { return m_name; }
    void setInterval(int ms);
    // An event worth seeing on the graphs (a limit change, ...).
    void mark(const QString &label);

    HistoryGraph *cpuGraph() const { return m_cpu; }
    HistoryGraph *memoryGraph() const { return m_memory; }
    HistoryGraph *networkGraph() const { return m_network; }

private:
    void poll();

    HelperConnection *m_connection;
    QString m_name;
    QLabel *m_info;
    HistoryGraph *m_cpu, *m_memory, *m_network;
    QTimer *m_timer;
    quint64 m_lastCpu = 0, m_lastNet = 0;
    quint64 m_lastOomKills = 0;
    qint64 m_lastAt = -1;
};
