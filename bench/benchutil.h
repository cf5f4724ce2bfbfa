// Small helpers the benchmarks share: the median of timings, and a stopped
// container that is only a directory with a minimal valid config (what a
// listing has to read, without a template run).
#pragma once

#include <QDir>
#include <QFile>
#include <QList>
#include <QString>

#include <algorithm>

namespace hutch::bench {

inline double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v[v.size() / 2];
}

// The first three fields of /proc/loadavg ("2.41 1.90 1.62").
inline QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("?");
    return QString::fromLatin1(f.readAll()).section(QLatin1Char(' '), 0, 2);
}

inline bool makeFakeContainer(const QString &store, const QString &name)
{
    const QString dir = store + QLatin1Char('/') + name;
    if (!QDir().mkpath(dir + QStringLiteral("/rootfs")))
        return false;
    QFile f(dir + QStringLiteral("/config"));
    if (!f.open(QIODevice::WriteOnly))
        return false;
    f.write(QStringLiteral("lxc.uts.name = %1\nlxc.rootfs.path = dir:%2/rootfs\nlxc.tty.max = 1\n"
                           "lxc.net.0.type = empty\nlxc.cgroup2.memory.max = 256M\n")
                .arg(name, dir).toUtf8());
    return true;
}

}  // namespace hutch::bench
