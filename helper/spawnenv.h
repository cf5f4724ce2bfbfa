// The environment of the programs the helper runs as root (tar, xz, lvm,
// nft, dnsmasq, debootstrap): a fixed PATH and the C locale, nothing of the
// helper's own environment (a service manager's or a caller's variables,
// LD_PRELOAD, TAR_OPTIONS, XZ_DEFAULTS...). Helper process.
#pragma once

#include <QProcessEnvironment>

namespace hutch {

inline QProcessEnvironment cleanEnvironment()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("PATH"), QStringLiteral("/usr/sbin:/usr/bin:/sbin:/bin"));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    return env;
}

}  // namespace hutch
