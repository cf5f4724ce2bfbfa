#include "containerprocs.h"

#include "monitorlink.h"

#include <QDir>
#include <QFile>

#include <algorithm>

#include <sys/stat.h>
#include <unistd.h>

namespace hutch::service {

namespace {

QByteArray readProc(qint64 pid, const char *file)
{
    QFile f(QStringLiteral("/proc/%1/%2").arg(pid).arg(QLatin1String(file)));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.read(64 * 1024);
}

// "Key:\tvalue" of /proc/PID/status.
QByteArray statusField(const QByteArray &status, const QByteArray &key)
{
    for (const QByteArray &line : status.split('\n'))
        if (line.startsWith(key + ':'))
            return line.mid(key.size() + 1).trimmed();
    return {};
}

bool samePidNamespace(qint64 pid, const struct stat &ns)
{
    struct stat st {};
    const QByteArray path = "/proc/" + QByteArray::number(pid) + "/ns/pid";
    return ::stat(path.constData(), &st) == 0 && st.st_dev == ns.st_dev && st.st_ino == ns.st_ino;
}

// The entry of one process, or empty when it went away meanwhile.
QVariantMap describeProcess(qint64 pid)
{
    const QByteArray status = readProc(pid, "status");
    const QByteArray stat = readProc(pid, "stat");
    // After "(comm)", which may itself hold spaces and parentheses.
    const qsizetype close = stat.lastIndexOf(')');
    if (status.isEmpty() || close < 0)
        return {};
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');  // fields[0] is field 3 (state)
    if (fields.size() < 22)
        return {};
    static const long ticks = ::sysconf(_SC_CLK_TCK);
    static const long pageSize = ::sysconf(_SC_PAGESIZE);
    const quint64 cpuTicks = fields.at(11).toULongLong() + fields.at(12).toULongLong();  // utime + stime
    const QList<QByteArray> nspids = statusField(status, "NSpid").split('\t');
    const QList<QByteArray> uids = statusField(status, "Uid").split('\t');
    QByteArray cmdline = readProc(pid, "cmdline");
    while (cmdline.endsWith('\0'))
        cmdline.chop(1);
    cmdline.replace('\0', ' ');
    const QByteArray comm = stat.mid(stat.indexOf('(') + 1, close - stat.indexOf('(') - 1);
    return {{QStringLiteral("pid"), pid},
            {QStringLiteral("ns_pid"), nspids.constLast().trimmed().toLongLong()},
            {QStringLiteral("ppid"), statusField(status, "PPid").toLongLong()},
            {QStringLiteral("uid"), uint(uids.constFirst().toUInt())},
            {QStringLiteral("state"), QString::fromLatin1(fields.at(0))},
            {QStringLiteral("cpu_ns"), quint64(cpuTicks * (1000000000ULL / quint64(ticks > 0 ? ticks : 100)))},
            {QStringLiteral("rss"), quint64(fields.at(21).toULongLong() * quint64(pageSize))},
            {QStringLiteral("command"), cmdline.isEmpty() ? QStringLiteral("[%1]").arg(QString::fromUtf8(comm))
                                                          : QString::fromUtf8(cmdline.left(4096))}};
}

}  // namespace

Result<QList<QVariantMap>> containerProcesses(const HelperSettings &settings, const QString &name)
{
    const MonitorState state = monitorState(settings, name);
    if (!state.running() || state.pid <= 0)
        return Error::notFound(QStringLiteral("container \"%1\" is not running").arg(name));
    struct stat ns {};
    const QByteArray initNs = "/proc/" + QByteArray::number(state.pid) + "/ns/pid";
    if (::stat(initNs.constData(), &ns) < 0)
        return Error::system(errno, QStringLiteral("processes of \"%1\": stat %2").arg(name, QString::fromLatin1(initNs)));
    QList<QVariantMap> out;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &e : entries) {
        bool numeric = false;
        const qint64 pid = e.toLongLong(&numeric);
        if (!numeric || !samePidNamespace(pid, ns))
            continue;
        const QVariantMap p = describeProcess(pid);
        if (!p.isEmpty())
            out << p;
    }
    std::sort(out.begin(), out.end(), [](const QVariantMap &a, const QVariantMap &b) {
        return a.value(QStringLiteral("ns_pid")).toLongLong() < b.value(QStringLiteral("ns_pid")).toLongLong();
    });
    return out;
}

}  // namespace hutch::service
