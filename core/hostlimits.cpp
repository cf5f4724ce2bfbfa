#include "hostlimits.h"

#include "values.h"

#include <algorithm>

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
        // A value that is no size at all is the value validator's to
        // name (with every other error of the file); here only the cost.
        auto bytes = values::parseSize(value);
        if (!bytes)
            return std::nullopt;
        if (*bytes < 0 || *bytes > cap)
            return over(key, value, QStringLiteral("%1 MiB").arg(cap >> 20));
        return std::nullopt;
    }
    if (key == QLatin1String("lxc.tty.max")) {
        // Digits too many for any integer are over the cap too; what is
        // not a number at all is the value validator's to name.
        const QString digits = value.trimmed();
        const bool number = !digits.isEmpty() && std::all_of(digits.begin(), digits.end(), [](QChar c) { return c.isDigit(); });
        bool ok = false;
        const qulonglong n = digits.toULongLong(&ok);
        if (number && (!ok || n > quint64(kMaxTtys)))
            return over(key, value, QString::number(kMaxTtys));
    }
    return std::nullopt;
}

}  // namespace hutch::hostlimits
