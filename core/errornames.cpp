#include "errornames.h"

namespace hutch {

namespace {

constexpr QLatin1StringView kPrefix(kErrorNamePrefix.data(), qsizetype(kErrorNamePrefix.size()));

}  // namespace

QString dbusErrorName(Error::Code code)
{
    return kPrefix + QLatin1StringView(errorCodeName(code));
}

std::optional<Error::Code> errorCodeFromDBusName(const QString &name)
{
    if (!name.startsWith(kPrefix))
        return std::nullopt;
    return errorCodeFromName(name.mid(kPrefix.size()).toStdString());
}

}  // namespace hutch
