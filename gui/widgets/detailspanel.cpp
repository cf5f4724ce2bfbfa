#include "detailspanel.h"

#include "client.h"
#include "containerlistmodel.h"
#include "helperconnection.h"
#include "historygraph.h"

#include <QDBusPendingReply>
#include <QDateTime>
#include <QLabel>
#include <QLocale>
#include <QTimer>
#include <QVBoxLayout>

DetailsPanel::DetailsPanel(HelperConnection *connection, QWidget *parent)
    : QWidget(parent), m_connection(connection), m_info(new QLabel(this)),
      m_cpu(new HistoryGraph(tr("CPU"), this)), m_memory(new HistoryGraph(tr("Memory"), this)),
      m_network(new HistoryGraph(tr("Network (in + out)"), this)), m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("detailsPanel"));
    m_info->setObjectName(QStringLiteral("detailsInfo"));
    m_info->setWordWrap(true);
    m_info->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_cpu->setObjectName(QStringLiteral("cpuGraph"));
    m_memory->setObjectName(QStringLiteral("memoryGraph"));
    m_network->setObjectName(QStringLiteral("networkGraph"));
    m_cpu->setFormatter([](double v) { return QStringLiteral("%1 %").arg(QLocale().toString(v, 'f', 1)); });
    m_memory->setFormatter([](double v) {
        return QLocale().formattedDataSize(qint64(v), 1, QLocale::DataSizeIecFormat);
    });
    m_network->setFormatter([](double v) {
        return tr("%1/s").arg(QLocale().formattedDataSize(qint64(v), 1, QLocale::DataSizeIecFormat));
    });
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_info);
    layout->addWidget(m_cpu, 1);
    layout->addWidget(m_memory, 1);
    layout->addWidget(m_network, 1);
    m_timer->setInterval(2000);
    connect(m_timer, &QTimer::timeout, this, &DetailsPanel::poll);
    connect(connection, &HelperConnection::stateChanged, this, [this](const QString &name, const QString &state) {
        if (name != m_name)
            return;
        if (state == QLatin1String("RUNNING"))
            mark(tr("start"));
        else if (state == QLatin1String("STOPPED"))
            mark(tr("stop"));
        else if (state == QLatin1String("FROZEN"))
            mark(tr("frozen"));
    });

    setContainer({});
}

void DetailsPanel::setInterval(int ms)
{
    m_timer->setInterval(ms);
}

void DetailsPanel::mark(const QString &label)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (HistoryGraph *g : {m_cpu, m_memory, m_network})
        g->addMarker(now, label);
}

void DetailsPanel::setContainer(const QVariantMap &entry)
{
    const QString name = entry.value(QStringLiteral("name")).toString();
    if (name != m_name) {
        m_name = name;
        m_lastAt = -1;
        for (HistoryGraph *g : {m_cpu, m_memory, m_network})
            g->clear();
    }
    const QString state = entry.value(QStringLiteral("state")).toString();
    if (name.isEmpty()) {
        m_info->setText(tr("Select one container to see its details."));
    } else {
        QStringList addresses = entry.value(QStringLiteral("ipv4")).toStringList();
        addresses += entry.value(QStringLiteral("ipv6")).toStringList();
        m_info->setText(tr("<b>%1</b> — %2<br>Addresses: %3<br>Root filesystem: %4")
                            .arg(name.toHtmlEscaped(), ContainerListModel::stateText(state).toHtmlEscaped(),
                                 addresses.isEmpty() ? tr("none") : addresses.join(QStringLiteral(", ")).toHtmlEscaped(),
                                 entry.value(QStringLiteral("rootfs")).toString().toHtmlEscaped()));
    }
    const bool running = state == QLatin1String("RUNNING") || state == QLatin1String("FROZEN");
    if (running && !m_timer->isActive()) {
        m_timer->start();
        poll();
    } else if (!running) {
        m_timer->stop();
        m_lastAt = -1;
    }
}

void DetailsPanel::poll()
{
    if (m_name.isEmpty())
        return;
    const QString name = m_name;
    m_connection->watch(
        m_connection->helper()->GetStats(name, {}), this,
        [this, name](const QDBusPendingCall &call) {
            if (name != m_name)
                return;
            const QDBusPendingReply<QVariantMap> reply = call;
            const QVariantMap s = reply.value();
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            const quint64 cpu = s.value(QStringLiteral("cpu_ns")).toULongLong();
            const quint64 net = s.value(QStringLiteral("net_rx")).toULongLong() + s.value(QStringLiteral("net_tx")).toULongLong();
            m_memory->addSample(now, double(s.value(QStringLiteral("memory")).toULongLong()));
            // Rates need two samples; counters that went back (a restart) start over.
            if (m_lastAt >= 0 && now > m_lastAt && cpu >= m_lastCpu && net >= m_lastNet) {
                const double ms = double(now - m_lastAt);
                m_cpu->addSample(now, double(cpu - m_lastCpu) / ms / 1e4);
                m_network->addSample(now, double(net - m_lastNet) * 1000.0 / ms);
            }
            // The OOM killer ended something since the last sample.
            const quint64 oomKills = s.value(QStringLiteral("oom_kills")).toULongLong();
            if (m_lastAt >= 0 && oomKills > m_lastOomKills)
                mark(tr("OOM kill"));
            m_lastOomKills = oomKills;
            m_lastCpu = cpu;
            m_lastNet = net;
            m_lastAt = now;
        },
        nullptr);
}
