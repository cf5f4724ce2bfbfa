// The first Debian mirror apt is configured with here (deb822 or one-line
// sources), as ../shared/tools/fresh-debian-test finds it: the only place
// tests download from. Empty when apt names none.
#pragma once

#include <QDir>
#include <QFile>
#include <QString>
#include <QStringList>

namespace hutch::test {

inline QString aptMirror()
{
    QStringList files = QDir(QStringLiteral("/etc/apt/sources.list.d")).entryList({QStringLiteral("*.sources")}, QDir::Files);
    for (QString &f : files)
        f.prepend(QStringLiteral("/etc/apt/sources.list.d/"));
    files << QStringLiteral("/etc/apt/sources.list");
    for (const QString &file : std::as_const(files)) {
        QFile in(file);
        if (!in.open(QIODevice::ReadOnly))
            continue;
        for (const QString &line : QString::fromUtf8(in.readAll()).split(QLatin1Char('\n'))) {
            const QStringList f = line.simplified().split(QLatin1Char(' '));
            if (f.size() >= 2 && f[0] == QLatin1String("URIs:") && f[1].contains(QLatin1String("debian"))
                && !f[1].contains(QLatin1String("security")))
                return f[1];
            if (f.size() >= 3 && f[0] == QLatin1String("deb") && !f[1].startsWith(QLatin1Char('['))
                && !f[1].contains(QLatin1String("security")))
                return f[1];
        }
    }
    return {};
}

}  // namespace hutch::test
