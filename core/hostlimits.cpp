#include "hostlimits.h"

#include "values.h"

namespace hutch::hostlimits {

namespace {

Error over(const QString &key, const QString &value, const QString &cap)
{
    return Error::invalid(QStringLiteral("%1 = %2: at most %3 (the host pays for it)").arg(key, value.left(32), cap));
}

}  // namespace

Status checkHostCost(const QString &key, const QString &value)
{
    if (value.isEmpty() || value == QLatin1String("auto"))
        return std::nullopt;
    if (key == QLatin1String("lxc.console.buffer.size") || key == QLatin1String("lxc.console.size")) {
        const qint64 cap = key == QLatin1String("lxc.console.size") ? kMaxConsoleLog : kMaxConsoleBuffer;
        auto bytes = values::parseSize(value);
        if (!bytes)
            return bytes.error().wrap(key);
        if (*bytes < 0 || *bytes > cap)
            return over(key, value, QStringLiteral("%1 MiB").arg(cap >> 20));
        return std::nullopt;
    }
    if (key == QLatin1String("lxc.tty.max")) {
        bool ok = false;
        const qulonglong n = value.trimmed().toULongLong(&ok);
        if (!ok || n > quint64(kMaxTtys))
            return over(key, value, QString::number(kMaxTtys));
    }
    return std::nullopt;
}

}  // namespace hutch::hostlimits
