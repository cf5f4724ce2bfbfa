// ContainerFeed: keeps a ContainerListModel equal to what the helper says.
// The whole list once per (re)connection, then the helper's signals one
// container at a time, and every few seconds the use of the running ones
// (GetStats), applied to the model as one batch.
#pragma once

#include <QHash>
#include <QObject>

class ContainerListModel;
class HelperConnection;
class QTimer;

class ContainerFeed : public QObject
{
    Q_OBJECT

public:
    ContainerFeed(HelperConnection *connection, ContainerListModel *model, QObject *parent = nullptr);

    void setStatsInterval(int ms);
    int statsInterval() const;
    // Asks for the whole list again (F5, and after a reconnection).
    void refresh();

Q_SIGNALS:
    // The first list after a (re)connection arrived (tests, status bar).
    void listed(int count);
    void failed(const QString &message);

private:
    void fetchOne(const QString &name);
    void pollStats();

    HelperConnection *m_connection;
    ContainerListModel *m_model;
    QTimer *m_statsTimer;
    bool m_statsPending = false;
};
