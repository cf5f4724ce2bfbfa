#include "processes.h"

#include "process1adaptor.h"

#include <QDBusMessage>
#include <QSocketNotifier>
#include <QTimer>

namespace hutch::service {

Process *Process::create(QDBusConnection bus, quint64 id, const QString &container, qint64 pid,
                         MonitorLink monitor, int lingerMs, QObject *parent)
{
    auto *p = new Process(std::move(bus), id, container, pid, std::move(monitor), lingerMs, parent);
    new Process1Adaptor(p);
    p->m_bus.registerObject(p->m_path.path(), p);
    return p;
}

Process::Process(QDBusConnection bus, quint64 id, QString container, qint64 pid, MonitorLink monitor,
                 int lingerMs, QObject *parent)
    : QObject(parent),
      m_bus(std::move(bus)),
      m_path(QStringLiteral("/io/github/hutch/Process/%1").arg(id)),
      m_container(std::move(container)),
      m_pid(pid),
      m_monitor(std::move(monitor)),
      m_lingerMs(lingerMs)
{
    // An end that came before this object did is in the socket already:
    // the notifier fires at once for it.
    m_notifier = std::make_unique<QSocketNotifier>(m_monitor.fd(), QSocketNotifier::Read);
    connect(m_notifier.get(), &QSocketNotifier::activated, this, &Process::onMessage);
}

Process::~Process()
{
    m_bus.unregisterObject(m_path.path());
}

void Process::onMessage()
{
    auto message = m_monitor.nextEvent(0);
    if (!message) {
        if (message.error().sysErrno == ETIMEDOUT)
            return;
        end(QStringLiteral("lost"), -1, 0);  // the monitor went away first
        return;
    }
    if (message->kind == MonitorEvent::Kind::Exit)
        end(QStringLiteral("exited"), message->value, 0);
    else if (message->kind == MonitorEvent::Kind::Signal)
        end(QStringLiteral("exited"), 128 + message->value, message->value);
}

void Process::end(const QString &state, int exitCode, int signal)
{
    if (m_state != QLatin1String("running"))
        return;
    m_notifier->setEnabled(false);
    m_state = state;
    m_exitCode = exitCode;
    m_signal = signal;
    QDBusMessage changed = QDBusMessage::createSignal(m_path.path(), QStringLiteral("org.freedesktop.DBus.Properties"),
                                                      QStringLiteral("PropertiesChanged"));
    changed << QStringLiteral("io.github.hutch.Process1")
            << QVariantMap{{QStringLiteral("State"), m_state}, {QStringLiteral("ExitCode"), m_exitCode},
                           {QStringLiteral("Signal"), m_signal}}
            << QStringList();
    m_bus.send(changed);
    Q_EMIT Exited(exitCode, signal);
    QTimer::singleShot(m_lingerMs, this, &QObject::deleteLater);
}

}  // namespace hutch::service
