#include "hosttransfers.h"

#include "remotehosts.h"

#include <QProcess>

#include <csignal>

HostTransfers::HostTransfers(QObject *parent)
    : QObject(parent)
{
}

HostTransfers::~HostTransfers()
{
    // A window closed mid-transfer cancels it, as Ctrl-C would, and waits
    // for both sides to give up.
    for (Transfer &t : m_running) {
        t.process->disconnect(this);
        ::kill(pid_t(t.process->processId()), SIGINT);
        if (!t.process->waitForFinished(30000))
            t.process->kill();
    }
}

QString HostTransfers::start(const QString &from, const QString &name, const QString &to, bool move)
{
    const QString key = QStringLiteral("transfer:%1").arg(m_next++);
    auto *p = new QProcess(this);
    m_running.insert(key, {p, false});
    p->setStandardInputFile(QProcess::nullDevice());
    connect(p, &QProcess::finished, this, [this, key] { end(key); });
    connect(p, &QProcess::errorOccurred, this, [this, key](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            end(key);
    });
    const QString source = from.isEmpty() ? name : from + QLatin1Char(':') + name;
    p->start(RemoteHosts::hutchctlProgram(),
             {move ? QStringLiteral("move") : QStringLiteral("copy"), source, to + QLatin1Char(':')});
    return key;
}

void HostTransfers::cancel(const QString &key)
{
    auto it = m_running.find(key);
    if (it == m_running.end() || it->process->state() != QProcess::Running)
        return;
    it->cancelled = true;
    ::kill(pid_t(it->process->processId()), SIGINT);
}

void HostTransfers::end(const QString &key)
{
    const Transfer t = m_running.take(key);
    if (!t.process)
        return;
    t.process->deleteLater();
    const bool ok = t.process->error() != QProcess::FailedToStart && t.process->exitStatus() == QProcess::NormalExit
                    && t.process->exitCode() == 0;
    QString message;
    if (t.process->error() == QProcess::FailedToStart) {
        message = tr("hutchctl could not be started: %1").arg(t.process->errorString());
    } else if (!ok) {
        // hutchctl's last line sums up (which side failed, and what stays where).
        const QStringList lines = QString::fromUtf8(t.process->readAllStandardError().right(4000))
                                      .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        message = lines.isEmpty() ? tr("hutchctl ended without saying why") : lines.last().trimmed();
    }
    Q_EMIT finished(key, ok, !ok && t.cancelled, message);
}
