#include "names.h"

namespace hutch {

Status validateContainerName(const QString &name)
{
    if (name.isEmpty())
        return Error::invalid(QStringLiteral("container name is empty"));
    const QByteArray utf8 = name.toUtf8();
    if (utf8.size() > kMaxContainerNameBytes)
        return Error::invalid(QStringLiteral("container name is %1 bytes long; the limit is %2")
                                  .arg(utf8.size())
                                  .arg(kMaxContainerNameBytes));
    if (name == QLatin1String(".") || name == QLatin1String(".."))
        return Error::invalid(QStringLiteral("\"%1\" is not a container name").arg(name));
    for (QChar c : name) {
        const char16_t u = c.unicode();
        if (u < 0x20 || u == 0x7f)
            return Error::invalid(QStringLiteral("container name contains a control character"));
        if (u == '/')
            return Error::invalid(QStringLiteral("container name contains '/'"));
        if (c.isSpace())
            return Error::invalid(QStringLiteral("container name contains a blank"));
        const bool allowed = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z')
                             || (u >= '0' && u <= '9') || u == '-' || u == '_' || u == '.';
        if (!allowed)
            return Error::invalid(
                QStringLiteral("container name contains '%1'; use letters, digits, '-', '_' and '.'")
                    .arg(c));
    }
    const QChar first = name.front();
    if (!first.isLetterOrNumber())
        return Error::invalid(QStringLiteral("container name must begin with a letter or a digit"));
    return std::nullopt;
}

}  // namespace hutch
