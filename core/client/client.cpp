#include "client.h"

#include "errornames.h"
#include "remote.h"

#include <QDBusArgument>
#include <QDBusMetaType>
#include <QDBusVariant>

namespace hutch::client {

QDBusConnection helperBus()
{
    if (const QString host = remoteHost(); !host.isEmpty()) {
        // Not connected (lastError says why) when ssh is missing or the host is bad.
        const auto address = remoteBusAddress(host);
        return QDBusConnection::connectToBus(address ? *address : QStringLiteral("unixexec:path=/nonexistent"),
                                             QStringLiteral("hutch-remote-") + host);
    }
    const QString address = qEnvironmentVariable("HUTCH_BUS_ADDRESS");
    if (address.isEmpty())
        return QDBusConnection::systemBus();
    return QDBusConnection::connectToBus(address, QStringLiteral("hutch"));
}

QString busDescription()
{
    if (const QString host = remoteHost(); !host.isEmpty())
        return QStringLiteral("the system bus of %1 (over ssh)").arg(host);
    const QString address = qEnvironmentVariable("HUTCH_BUS_ADDRESS");
    return address.isEmpty() ? QStringLiteral("the system bus") : QStringLiteral("the bus at %1").arg(address);
}

void registerTypes()
{
    static const bool done = [] {
        // QtDBus learns its own types (QDBusObjectPath, ...) lazily, on the
        // first message it demarshals; until then QDBusConnection::connect
        // refuses slots taking them. Asking for a signature teaches it.
        (void)QDBusMetaType::typeToSignature(QMetaType::fromType<QDBusObjectPath>());
        qDBusRegisterMetaType<QList<QVariantMap>>();
        return true;
    }();
    (void)done;
}

std::unique_ptr<Helper1Proxy> helper(const QDBusConnection &bus)
{
    registerTypes();
    return std::make_unique<Helper1Proxy>(kService, kPath, bus);
}

std::unique_ptr<Job1Proxy> job(const QDBusConnection &bus, const QString &path)
{
    registerTypes();
    return std::make_unique<Job1Proxy>(kService, path, bus);
}

std::unique_ptr<Process1Proxy> process(const QDBusConnection &bus, const QString &path)
{
    registerTypes();
    return std::make_unique<Process1Proxy>(kService, path, bus);
}

Error toError(const QDBusError &error)
{
    const QString name = error.name();
    if (const auto code = errorCodeFromDBusName(name))
        return {*code, 0, error.message()};
    if (name == QLatin1String("org.freedesktop.DBus.Error.ServiceUnknown")
        || name == QLatin1String("org.freedesktop.DBus.Error.NameHasNoOwner"))
        return Error::failed(QStringLiteral("hutch-helper is not running on %1 (start it, or ./hutch.sh backend)")
                                 .arg(busDescription()));
    if (name == QLatin1String("org.freedesktop.DBus.Error.NoReply"))
        return Error::failed(QStringLiteral("hutch-helper did not answer in time"));
    if (name == QLatin1String("org.freedesktop.DBus.Error.Disconnected") || !error.isValid())
        return Error::failed(QStringLiteral("cannot reach %1%2").arg(busDescription(),
                                 error.message().isEmpty() ? QString() : QStringLiteral(": ") + error.message()));
    return Error::failed(QStringLiteral("%1 (%2)").arg(error.message(), name));
}

QVariant plain(const QVariant &value)
{
    if (value.metaType() == QMetaType::fromType<QDBusVariant>())
        return plain(value.value<QDBusVariant>().variant());
    if (value.metaType() == QMetaType::fromType<QVariantMap>())
        return plainMap(value.toMap());
    if (value.metaType() == QMetaType::fromType<QVariantList>()) {
        QVariantList out;
        for (const QVariant &v : value.toList())
            out << plain(v);
        return out;
    }
    if (value.metaType() != QMetaType::fromType<QDBusArgument>())
        return value;
    const QDBusArgument arg = value.value<QDBusArgument>();
    switch (arg.currentType()) {
    case QDBusArgument::MapType: {
        QVariantMap map;
        arg.beginMap();
        while (!arg.atEnd()) {
            QString key;
            QDBusVariant v;
            arg.beginMapEntry();
            arg >> key >> v;
            arg.endMapEntry();
            map.insert(key, plain(v.variant()));
        }
        arg.endMap();
        return map;
    }
    case QDBusArgument::ArrayType: {
        if (arg.currentSignature() == QLatin1String("as")) {
            QStringList list;
            arg >> list;
            return list;
        }
        QVariantList list;
        arg.beginArray();
        while (!arg.atEnd()) {
            QVariant element = arg.asVariant();
            list << plain(element);
        }
        arg.endArray();
        return list;
    }
    default:
        return arg.asVariant();
    }
}

QVariantMap plainMap(const QVariantMap &map)
{
    QVariantMap out;
    for (auto it = map.begin(); it != map.end(); ++it)
        out.insert(it.key(), plain(it.value()));
    return out;
}

}  // namespace hutch::client
