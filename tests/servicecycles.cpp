#include "servicecycles.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QThread>

namespace hutch::test {

int openFds(qint64 pid)
{
    return int(QDir(QStringLiteral("/proc/%1/fd").arg(pid)).entryList(QDir::System | QDir::NoDotAndDotDot).size());
}

qint64 rssKiB(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    return -1;
}

int hutchCgroups()
{
    int n = 0;
    QDirIterator roots(QStringLiteral("/sys/fs/cgroup"), QDir::Dirs | QDir::NoDotAndDotDot);
    while (roots.hasNext()) {
        QDirIterator it(roots.next() + QStringLiteral("/hutch"), QDir::Dirs | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            it.next();
            ++n;
        }
    }
    return n;
}

namespace {

QDBusMessage helperCall(const BusFixture &fx, const QString &method, const QVariantList &args)
{
    QDBusMessage m = QDBusMessage::createMethodCall(QStringLiteral("io.github.hutch.Helper1"), QStringLiteral("/io/github/hutch/Helper1"),
                                                    QStringLiteral("io.github.hutch.Helper1"), method);
    m.setArguments(args);
    return fx.bus().call(m, QDBus::Block, 60000);
}

}  // namespace

bool runStartStopCycles(const BusFixture &fx, const QString &name, int cycles, int every, QList<CycleSample> *samples,
                        QString *why, const std::function<void(const CycleSample &)> &onSample)
{
    const qint64 helper = fx.helperPid();
    for (int i = 1; i <= cycles; ++i) {
        for (const QString &method : {QStringLiteral("Start"), QStringLiteral("Stop")}) {
            const QDBusMessage reply = helperCall(fx, method, {name, QVariantMap()});
            if (reply.type() != QDBusMessage::ReplyMessage) {
                *why = QStringLiteral("cycle %1: %2 %3: %4").arg(i).arg(method, name, reply.errorMessage());
                return false;
            }
        }
        if (every > 0 && i % every == 0) {
            // A descriptor the helper is still closing as the Stop reply
            // arrives (a monitor's connection) is not a leak: a count
            // above the last sample's is read again until it is back or
            // 2 s have passed (a leak stays).
            int fds = openFds(helper);
            QElapsedTimer settling;
            settling.start();
            while (!samples->isEmpty() && fds > samples->constLast().fds && settling.elapsed() < 2000) {
                QThread::msleep(50);
                fds = openFds(helper);
            }
            const CycleSample s{i, fds, rssKiB(helper), hutchCgroups()};
            samples->append(s);
            if (onSample)
                onSample(s);
        }
    }
    return true;
}

}  // namespace hutch::test
