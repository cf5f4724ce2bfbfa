// Programs attached to a running container (Helper1.Attach), as bus objects
// at /io/github/hutch/Process/N (io.github.hutch.Process1). Each holds the
// monitor connection its attach request went over: the monitor tells the
// program's end there ("exit N" / "signal N"), watched on the main thread
// with a QSocketNotifier. An ended process stays on the bus for a while.
#pragma once

#include "monitorlink.h"

#include <QDBusConnection>
#include <QDBusObjectPath>
#include <QObject>

#include <memory>

class QSocketNotifier;

namespace hutch::service {

class Process : public QObject {
    Q_OBJECT
    Q_PROPERTY(QString Container READ container)
    Q_PROPERTY(qlonglong Pid READ pid)
    Q_PROPERTY(QString State READ state)
    Q_PROPERTY(int ExitCode READ exitCode)
    Q_PROPERTY(int Signal READ signalNumber)
public:
    // Registers the object; `monitor` is the connection of the attach
    // request, which will carry the end of the program.
    static Process *create(QDBusConnection bus, quint64 id, const QString &container, qint64 pid,
                           MonitorLink monitor, int lingerMs, QObject *parent);
    ~Process() override;

    QDBusObjectPath path() const { return m_path; }
    QString container() const { return m_container; }
    qlonglong pid() const { return m_pid; }
    QString state() const { return m_state; }
    int exitCode() const { return m_exitCode; }
    int signalNumber() const { return m_signal; }

Q_SIGNALS:
    void Exited(int exitCode, int signal);

private:
    Process(QDBusConnection bus, quint64 id, QString container, qint64 pid, MonitorLink monitor, int lingerMs,
            QObject *parent);
    void onMessage();
    void end(const QString &state, int exitCode, int signal);

    QDBusConnection m_bus;
    QDBusObjectPath m_path;
    QString m_container;
    qint64 m_pid = 0;
    QString m_state = QStringLiteral("running");
    int m_exitCode = -1, m_signal = 0;
    MonitorLink m_monitor;
    std::unique_ptr<QSocketNotifier> m_notifier;
    int m_lingerMs;
};

}  // namespace hutch::service
