// The client side of io.github.hutch.Helper1, shared by hutchctl and the GUI:
// which bus the helper is on, the generated proxies (Helper1Proxy,
// Job1Proxy from resources/io.github.hutch.*.xml), D-Bus errors as Errors,
// and the plain values of nested a{sv} replies.
#pragma once

#include "error.h"
#include "helper1proxy.h"
#include "job1proxy.h"
#include "process1proxy.h"

#include <QDBusConnection>
#include <QDBusError>
#include <QVariant>

#include <memory>

namespace hutch::client {

inline const QString kService = QStringLiteral("io.github.hutch.Helper1");
inline const QString kPath = QStringLiteral("/io/github/hutch/Helper1");

// The bus hutch-helper serves on: $HUTCH_BUS_ADDRESS (a private bus, as
// ./hutch.sh backend prints it), else the system bus.
QDBusConnection helperBus();
// "the system bus" or "the bus at unix:path=...", for messages.
QString busDescription();

// Registers the D-Bus types of the interface (aa{sv}); call before the
// first call. helper() does it.
void registerTypes();
std::unique_ptr<Helper1Proxy> helper(const QDBusConnection &bus);
std::unique_ptr<Job1Proxy> job(const QDBusConnection &bus, const QString &path);
std::unique_ptr<Process1Proxy> process(const QDBusConnection &bus, const QString &path);

// io.github.hutch.Error.NotFound → Error::Code::NotFound, ...; a bus error
// (no helper, no reply) is Failed with a hint.
Error toError(const QDBusError &error);

// A reply value with nested D-Bus containers (a{sv} in a variant arrives as
// QDBusArgument) turned into QVariantMap / QVariantList / QStringList.
QVariant plain(const QVariant &value);
QVariantMap plainMap(const QVariantMap &map);

}  // namespace hutch::client
