// RemoteHosts: the other machines the user added to the window (a name,
// an address and an SSH user each, kept in the GUI's QSettings) and what
// each has. The GUI stays unprivileged and speaks no protocol of its own:
// a host's containers, their states and use come from our own hutchctl,
// `hutchctl --host [USER@]ADDRESS top --json -d 2` (the remote helper
// reached through ssh and the bus bridge, its polkit deciding for the SSH
// user), one process per host that stays and prints a line every 2 s; each
// line is parsed as untrusted data (size-capped, every name checked as the
// helper checks names, unknown states and impossible numbers refused). When
// it ends (the host went away), it is started again after 5 s, then 10, 20,
// up to a minute between attempts; Reconnect tries at once.
#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

class QProcess;

class RemoteHosts : public QObject
{
    Q_OBJECT

public:
    struct Host {
        QString name;     // what the window shows; also the key
        QString address;  // a host name, an address or an ssh_config alias
        QString user;     // empty: ssh's default
        // What ssh and `hutchctl --host` take: [USER@]ADDRESS.
        QString target() const { return user.isEmpty() ? address : user + QLatin1Char('@') + address; }
    };
    struct Container {
        QString name;
        QString state;            // "RUNNING", "STOPPED", ... as the remote helper says
        double cpuPercent = -1;   // over the last 2 s; -1: not known (stopped, first line)
        quint64 memory = 0;       // bytes; 0: not known
        QList<float> cpuHistory;  // the last kHistoryLength CPU % values, oldest first
    };
    static constexpr int kHistoryLength = 40;
    enum class Status { Unknown, Connecting, Connected, Failed };

    explicit RemoteHosts(QObject *parent = nullptr);
    ~RemoteHosts() override;

    QList<Host> hosts() const { return m_hosts; }
    const Host *host(const QString &name) const;
    // Adds (or replaces, by name) and stores the host, then lists it. An
    // empty string, or why the entry cannot be a host.
    QString add(const Host &host);
    void remove(const QString &name);

    Status status(const QString &name) const { return m_states.value(name).status; }
    // Why the last listing failed, in the user's language.
    QString error(const QString &name) const { return m_states.value(name).error; }
    QList<Container> containers(const QString &name) const { return m_states.value(name).containers; }
    // The host's CPU % (all its containers) over the last lines, oldest first.
    QList<float> cpuHistory(const QString &name) const { return m_states.value(name).cpuHistory; }
    // Connects NAME now unless it is connected (Reconnect).
    void refresh(const QString &name);
    void refreshAll();

    // The hutchctl this GUI runs: beside the executable, else on PATH.
    static QString hutchctlProgram();
    // Parses one line of `hutchctl top --json`; false with *why on anything
    // but {"containers": [...]} of objects with a valid name, a known state
    // and, where given, use that a machine can have.
    static bool parseRound(const QByteArray &line, QList<Container> *out, QString *why);

Q_SIGNALS:
    // The list of hosts changed (added, removed).
    void hostsChanged();
    // NAME's status or containers changed.
    void hostChanged(const QString &name);

private:
    struct State {
        Status status = Status::Unknown;
        QString error;
        QList<Container> containers;
        QList<float> cpuHistory;
        QProcess *stream = nullptr;
        QByteArray pending;  // the start of a line not yet ended
        int failures = 0;    // attempts that ended since the last good line
        int attempt = 0;     // which retry a timer is for
    };
    void load();
    void save() const;
    void readStream(const QString &name, QProcess *process);
    void takeRound(State &s, const QList<Container> &round);
    void endStream(const QString &name, QProcess *process, const QString &why);
    static void stopProcess(QProcess *process);

    QList<Host> m_hosts;
    QHash<QString, State> m_states;
};
