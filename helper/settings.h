// The helper's settings, /etc/hutch/hutch.conf: where the store and caches
// live, the default bridge and backing store. "key = value" lines, '#'
// comments, as the container configs.
#pragma once

#include "error.h"

#include <QString>
#include <QStringList>

namespace hutch {

struct HelperSettings {
    QString storePath = QStringLiteral("/var/lib/hutch");
    QString cachePath = QStringLiteral("/var/cache/hutch");
    QString runtimePath = QStringLiteral("/run/hutch");
    QString defaultBridge = QStringLiteral("hutchbr0");
    QString defaultBackingStore = QStringLiteral("best");
    QString bridgeSubnet;  // "10.0.3.0/24"; empty: the first free 10.0.N.0/24
    QString bridgeIPv6;    // "", "auto" or a ULA /64 (hostnetwork.h)
    QString sourcePath;    // the file these came from (may not exist)
    // Image servers the download template may reach over plain http://
    // ("HOST" or "HOST:PORT", a local mirror); every other server is
    // https only. hutch.conf: download_http_mirrors = HOST[:PORT] ...
    QStringList httpMirrors;

    // Where the helper keeps the default bridge's record, leases and pid file.
    QString networkStatePath() const { return runtimePath + QStringLiteral("/network"); }

    static QString defaultPath() { return QStringLiteral("/etc/hutch/hutch.conf"); }
    // A missing file gives the defaults; a bad line is an error naming it.
    static Result<HelperSettings> load(const QString &path = defaultPath());
};

}  // namespace hutch
