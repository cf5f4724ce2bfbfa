#include "settings.h"

#include "values.h"

#include <QFile>
#include <QRegularExpression>

namespace hutch {

Result<HelperSettings> HelperSettings::load(const QString &path)
{
    HelperSettings s;
    s.sourcePath = path;
    QFile file(path);
    if (!file.exists())
        return s;
    if (!file.open(QIODevice::ReadOnly))
        return Error::failed(QStringLiteral("%1: cannot read: %2").arg(path, file.errorString()));
    int lineNo = 0;
    while (!file.atEnd()) {
        ++lineNo;
        const QString line = QString::fromUtf8(file.readLine(64 * 1024)).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const auto where = QStringLiteral("%1:%2").arg(path).arg(lineNo);
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (eq < 0)
            return Error::invalid(QStringLiteral("%1: expected key = value").arg(where));
        const QString key = line.left(eq).trimmed();
        const QString value = line.mid(eq + 1).trimmed();
        if (auto err = values::validateNoControlChars(value))
            return err->wrap(where);
        auto absolute = [&](QString &into) -> Status {
            if (!value.startsWith(QLatin1Char('/')))
                return Error::invalid(QStringLiteral("%1: %2 must be an absolute path").arg(where, key));
            into = value;
            return std::nullopt;
        };
        Status err;
        if (key == QLatin1String("store"))
            err = absolute(s.storePath);
        else if (key == QLatin1String("cache"))
            err = absolute(s.cachePath);
        else if (key == QLatin1String("runtime"))
            err = absolute(s.runtimePath);
        else if (key == QLatin1String("default_bridge")) {
            err = values::validateInterfaceName(value);
            s.defaultBridge = value;
        } else if (key == QLatin1String("bridge_subnet")) {
            // A private IPv4 network the bridge takes .1 of, DHCP the rest.
            const QStringList parts = value.split(QLatin1Char('/'));
            const int prefix = parts.size() == 2 ? parts[1].toInt() : -1;
            err = values::validateIPv4Address(value);
            if (!err && (prefix < 8 || prefix > 29))
                err = Error::invalid(QStringLiteral("bridge_subnet \"%1\" needs a prefix from /8 to /29").arg(value));
            s.bridgeSubnet = value;
        } else if (key == QLatin1String("bridge_ipv6")) {
            // "auto": a random unique local /64; or one given; "no": none.
            static const QRegularExpression ula(QStringLiteral("^f[cd][0-9a-f]{0,2}(:[0-9a-f]{0,4}){1,7}/64$"),
                                                QRegularExpression::CaseInsensitiveOption);
            if (value == QLatin1String("no"))
                s.bridgeIPv6.clear();
            else if (value == QLatin1String("auto") || ula.match(value).hasMatch())
                s.bridgeIPv6 = value;
            else
                err = Error::invalid(QStringLiteral("bridge_ipv6 \"%1\" is not auto, no or a /64 of fc00::/7").arg(value));
        } else if (key == QLatin1String("download_http_mirrors")) {
            static const QRegularExpression hostPort(QStringLiteral("^[A-Za-z0-9.-]+(:[0-9]{1,5})?$|^\\[[0-9A-Fa-f:]+\\](:[0-9]{1,5})?$"));
            s.httpMirrors = value.split(QLatin1Char(' '), Qt::SkipEmptyParts);
            for (const QString &m : std::as_const(s.httpMirrors))
                if (!hostPort.match(m).hasMatch())
                    err = Error::invalid(QStringLiteral("download_http_mirrors: \"%1\" is not HOST or HOST:PORT").arg(m));
        } else if (key == QLatin1String("default_backing_store")) {
            static const QStringList known = {QStringLiteral("best"), QStringLiteral("dir"), QStringLiteral("btrfs"),
                                              QStringLiteral("overlay"), QStringLiteral("lvm")};
            if (!known.contains(value))
                err = Error::invalid(QStringLiteral("unknown backing store \"%1\" (one of: %2)")
                                         .arg(value, known.join(QStringLiteral(", "))));
            s.defaultBackingStore = value;
        } else {
            err = Error::invalid(QStringLiteral("unknown setting \"%1\"").arg(key));
        }
        if (err)
            return err->wrap(where);
    }
    return s;
}

}  // namespace hutch
