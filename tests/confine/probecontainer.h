// What the confinement, escape and user namespace suites do in a
// container: make one with the probe (confine/probe.cpp, a static program
// that tries one kernel interface and prints what it got) at
// /bin/hutch-probe, and run a command in it through the runtime fixture.
#pragma once

#include "../runtimefixture.h"

#include <QFile>
#include <QString>
#include <QStringList>

namespace hutch::test {

// The command's output, trimmed, when it exited 0; else "[END] OUTPUT"
// with END as RuntimeFixture::exec says it ("exit 1", "signal 9").
inline QString runIn(RuntimeFixture &fx, const QString &name, const QString &command)
{
    QByteArray out;
    const QString end = fx.exec(name, command, &out);
    if (end != QLatin1String("exit 0"))
        return QStringLiteral("[%1] %2").arg(end, QString::fromUtf8(out));
    return QString::fromUtf8(out).trimmed();
}

#ifdef HUTCH_PROBE_PATH
// A busybox container with the probe at /bin/hutch-probe.
inline bool createWithProbe(RuntimeFixture &fx, const QString &name, const QStringList &extraConfig = {})
{
    if (auto err = fx.create(name, extraConfig)) {
        qWarning("%s", qPrintable(err->message));
        return false;
    }
    const QString target = fx.store().containerDir(name) + QStringLiteral("/rootfs/bin/hutch-probe");
    return QFile::copy(QStringLiteral(HUTCH_PROBE_PATH), target)
           && QFile::setPermissions(target, QFile::ReadOwner | QFile::ExeOwner | QFile::ExeOther);
}
#endif

}  // namespace hutch::test
