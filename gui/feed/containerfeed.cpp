#include "containerfeed.h"

#include "client.h"
#include "containerlistmodel.h"
#include "helperconnection.h"

#include <QDBusPendingReply>
#include <QPointer>
#include <QTimer>

#include <memory>

using namespace hutch;

ContainerFeed::ContainerFeed(HelperConnection *connection, ContainerListModel *model, QObject *parent)
    : QObject(parent), m_connection(connection), m_model(model), m_statsTimer(new QTimer(this))
{
    m_statsTimer->setInterval(2000);
    connect(m_statsTimer, &QTimer::timeout, this, &ContainerFeed::pollStats);

    connect(connection, &HelperConnection::connected, this, [this] {
        refresh();
        m_statsTimer->start();
    });
    connect(connection, &HelperConnection::disconnected, this, [this] {
        // What the list showed may be stale by the time a helper is back;
        // an empty list with "not connected" is honest.
        m_statsTimer->stop();
        m_model->clear();
    });
    connect(connection, &HelperConnection::containerAdded, this, &ContainerFeed::fetchOne);
    connect(connection, &HelperConnection::configChanged, this, &ContainerFeed::fetchOne);
    connect(connection, &HelperConnection::addressesChanged, m_model, &ContainerListModel::setAddresses);
    connect(connection, &HelperConnection::containerRemoved, m_model, &ContainerListModel::removeContainer);
    connect(connection, &HelperConnection::stateChanged, this, [this](const QString &name, const QString &state) {
        m_model->setState(name, state);
        // A started container has addresses now (and a pid); ask once.
        if (state == QLatin1String("RUNNING"))
            fetchOne(name);
    });
}

void ContainerFeed::setStatsInterval(int ms)
{
    m_statsTimer->setInterval(ms);
}

int ContainerFeed::statsInterval() const
{
    return m_statsTimer->interval();
}

void ContainerFeed::refresh()
{
    m_connection->watch(
        m_connection->helper()->ListContainers({}), this,
        [this](const QDBusPendingCall &call) {
            const QDBusPendingReply<QList<QVariantMap>> reply = call;
            QList<QVariantMap> entries;
            entries.reserve(reply.value().size());
            for (const QVariantMap &e : reply.value())
                entries << client::plainMap(e);
            m_model->setEntries(entries);
            Q_EMIT listed(int(entries.size()));
        },
        [this](const QString &message, bool) { Q_EMIT failed(message); });
}

void ContainerFeed::fetchOne(const QString &name)
{
    m_connection->watch(
        m_connection->helper()->GetContainer(name, {}), this,
        [this](const QDBusPendingCall &call) {
            const QDBusPendingReply<QVariantMap> reply = call;
            m_model->updateEntry(client::plainMap(reply.value()));
        },
        // Gone again before we asked (a quick create and destroy): nothing to show.
        nullptr);
}

void ContainerFeed::pollStats()
{
    // One round at a time: with many running containers a slow round must
    // not pile up behind itself.
    if (m_statsPending || !m_connection->isConnected())
        return;
    const QStringList names = m_model->runningNames();
    if (names.isEmpty())
        return;
    m_statsPending = true;
    struct Round {
        QHash<QString, ContainerListModel::Stats> stats;
        int left = 0;
    };
    auto round = std::make_shared<Round>();
    round->left = int(names.size());
    QPointer<ContainerFeed> self(this);
    auto oneDone = [self, round] {
        if (--round->left > 0 || !self)
            return;
        self->m_model->setStats(round->stats);
        self->m_statsPending = false;
    };
    for (const QString &name : names) {
        m_connection->watch(
            m_connection->helper()->GetStats(name, {}), this,
            [round, name, oneDone](const QDBusPendingCall &call) {
                const QDBusPendingReply<QVariantMap> reply = call;
                const QVariantMap s = reply.value();
                round->stats.insert(name, {s.value(QStringLiteral("cpu_ns")).toULongLong(),
                                           s.value(QStringLiteral("memory")).toULongLong()});
                oneDone();
            },
            [oneDone](const QString &, bool) { oneDone(); });
    }
}
