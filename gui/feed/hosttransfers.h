// HostTransfers: a stopped container copied or moved from one host to
// another, as `hutchctl copy|move [HOST1:]NAME HOST2:` runs it (cli/
// transfer.cpp): the source helper's export streamed into the target
// helper's import through ssh, no file on either side. The GUI runs our
// own hutchctl and does not take part in the stream. Cancel is Ctrl-C
// (SIGINT) to that hutchctl, which cancels both jobs; the import's staging
// directory goes with its job, so a cancelled transfer leaves nothing.
#pragma once

#include <QHash>
#include <QObject>
#include <QString>

class QProcess;

class HostTransfers : public QObject
{
    Q_OBJECT

public:
    explicit HostTransfers(QObject *parent = nullptr);
    ~HostTransfers() override;

    // FROM and TO: [USER@]HOST, or empty for this computer. Returns the
    // transfer's key ("transfer:N") for cancel() and the signals.
    QString start(const QString &from, const QString &name, const QString &to, bool move);
    void cancel(const QString &key);
    int runningCount() const { return int(m_running.size()); }

Q_SIGNALS:
    // success false and cancelled false: `message` is readable.
    void finished(const QString &key, bool success, bool cancelled, const QString &message);

private:
    struct Transfer {
        QProcess *process = nullptr;
        bool cancelled = false;
    };
    void end(const QString &key);

    QHash<QString, Transfer> m_running;
    int m_next = 1;
};
