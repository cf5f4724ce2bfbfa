// hutch-buscall: one call to hutch-helper with typed arguments, for the
// service tests (which run it as an unprivileged user). Prints "ok" and the
// reply's arguments, or the D-Bus error name and message; exits 0 or 1.
//
//   hutch-buscall [--path PATH] [--interface IFACE] METHOD ARG... [--then METHOD ARG...]...
//   ARG: s:TEXT  u:N  i:N  b:true|false  as:A,B,C  a{sv}:KEY=T:VALUE,KEY=T:VALUE
//        (a{sv} values: s, u, i, b, x, as with ';' between items)
// The bus is $HUTCH_BUS_ADDRESS. Calls after --then go over the same
// connection, one after the other, each printed on a line of its own;
// the exit status is 1 if any failed.
#include "client.h"

#include <QCoreApplication>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusUnixFileDescriptor>

#include <cstdio>

namespace {

QVariant scalar(const QString &type, const QString &value, bool *ok)
{
    *ok = true;
    if (type == QLatin1String("s"))
        return value;
    if (type == QLatin1String("u"))
        return value.toUInt(ok);
    if (type == QLatin1String("i"))
        return value.toInt(ok);
    if (type == QLatin1String("x"))
        return value.toLongLong(ok);
    if (type == QLatin1String("b"))
        return value == QLatin1String("true");
    if (type == QLatin1String("as"))
        return value.isEmpty() ? QStringList() : value.split(QLatin1Char(';'));
    *ok = false;
    return {};
}

bool parseArg(const QString &arg, QVariant *out)
{
    const QString type = arg.section(QLatin1Char(':'), 0, 0);
    const QString value = arg.section(QLatin1Char(':'), 1);
    bool ok = true;
    if (type == QLatin1String("as")) {
        *out = value.isEmpty() ? QStringList() : value.split(QLatin1Char(','));
        return true;
    }
    if (type == QLatin1String("a{sv}")) {
        QVariantMap map;
        for (const QString &entry : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QString key = entry.section(QLatin1Char('='), 0, 0);
            const QString typed = entry.section(QLatin1Char('='), 1);
            const QVariant v = scalar(typed.section(QLatin1Char(':'), 0, 0), typed.section(QLatin1Char(':'), 1), &ok);
            if (!ok)
                return false;
            map.insert(key, v);
        }
        *out = map;
        return true;
    }
    *out = scalar(type, value, &ok);
    return ok;
}

QString show(const QVariant &v)
{
    const QVariant p = hutch::client::plain(v);
    if (p.metaType() == QMetaType::fromType<QDBusUnixFileDescriptor>())
        return QStringLiteral("fd");
    if (p.metaType() == QMetaType::fromType<QDBusObjectPath>())
        return p.value<QDBusObjectPath>().path();
    if (p.metaType() == QMetaType::fromType<QVariantMap>()) {
        QStringList parts;
        const QVariantMap m = p.toMap();
        for (auto it = m.begin(); it != m.end(); ++it)
            parts << it.key() + QLatin1Char('=') + show(it.value());
        return QLatin1Char('{') + parts.join(QLatin1Char(' ')) + QLatin1Char('}');
    }
    if (p.metaType() == QMetaType::fromType<QVariantList>()) {
        QStringList parts;
        for (const QVariant &e : p.toList())
            parts << show(e);
        return QLatin1Char('[') + parts.join(QLatin1Char(' ')) + QLatin1Char(']');
    }
    if (p.metaType() == QMetaType::fromType<QStringList>())
        return QLatin1Char('[') + p.toStringList().join(QLatin1Char(' ')) + QLatin1Char(']');
    return p.toString();
}

}  // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    QString path = hutch::client::kPath;
    QString interface = QStringLiteral("io.github.hutch.Helper1");
    while (args.size() >= 2 && args.at(0).startsWith(QLatin1String("--"))) {
        if (args.at(0) == QLatin1String("--path"))
            path = args.at(1);
        else if (args.at(0) == QLatin1String("--interface"))
            interface = args.at(1);
        args = args.mid(2);
    }
    if (args.isEmpty()) {
        std::fprintf(stderr, "usage: hutch-buscall [--path P] [--interface I] METHOD ARG...\n");
        return 2;
    }
    hutch::client::registerTypes();
    QDBusConnection bus = hutch::client::helperBus();
    int status = 0;
    while (!args.isEmpty()) {
        const qsizetype then = args.indexOf(QStringLiteral("--then"));
        QStringList one = then < 0 ? args : args.mid(0, then);
        args = then < 0 ? QStringList() : args.mid(then + 1);
        if (one.isEmpty()) {
            std::fprintf(stderr, "hutch-buscall: --then needs a METHOD\n");
            return 2;
        }
        QDBusMessage msg = QDBusMessage::createMethodCall(hutch::client::kService, path, interface, one.takeFirst());
        for (const QString &a : std::as_const(one)) {
            QVariant v;
            if (!parseArg(a, &v)) {
                std::fprintf(stderr, "hutch-buscall: bad argument \"%s\"\n", qPrintable(a));
                return 2;
            }
            msg << v;
        }
        const QDBusMessage reply = bus.call(msg, QDBus::Block, 10 * 60 * 1000);
        if (reply.type() == QDBusMessage::ErrorMessage) {
            std::printf("%s: %s\n", qPrintable(reply.errorName()), qPrintable(reply.errorMessage()));
            status = 1;
            continue;
        }
        QStringList out;
        for (const QVariant &v : reply.arguments())
            out << show(v);
        std::printf("ok %s\n", qPrintable(out.join(QLatin1Char(' '))));
    }
    std::fflush(stdout);
    return status;
}
