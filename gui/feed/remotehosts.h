// RemoteHosts: the other machines the user added to the window (a name,
// an address and an SSH user each, kept in the GUI's QSettings) and what
// each has. The GUI stays unprivileged and speaks no protocol of its own:
// a host's containers come from our own hutchctl, `hutchctl --host
// [USER@]ADDRESS list --json` (the remote helper reached through ssh and
// the bus bridge, its polkit deciding for the SSH user), run as a process
// and its output parsed as untrusted data (size-capped, every name checked
// as the helper checks names, unknown states refused).
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
        QString state;  // "RUNNING", "STOPPED", ... as the remote helper says
    };
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
    // Lists NAME again (Reconnect); a listing under way is left to finish.
    void refresh(const QString &name);
    void refreshAll();

    // The hutchctl this GUI runs: beside the executable, else on PATH.
    static QString hutchctlProgram();
    // Parses `hutchctl list --json` output; false with *why on anything
    // but an array of objects with a valid name and a known state.
    static bool parseList(const QByteArray &json, QList<Container> *out, QString *why);

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
        QProcess *listing = nullptr;
    };
    void load();
    void save() const;
    void finishListing(const QString &name, QProcess *process);

    QList<Host> m_hosts;
    QHash<QString, State> m_states;
};
