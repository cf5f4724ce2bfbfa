#include "call.h"

namespace hutch::service {

namespace {

struct Name {
    Error::Code code;
    const char *name;
};

constexpr Name kNames[] = {
    {Error::Code::NotAuthorized, "io.github.hutch.Error.NotAuthorized"},
    {Error::Code::InvalidArgument, "io.github.hutch.Error.InvalidArgument"},
    {Error::Code::NotFound, "io.github.hutch.Error.NotFound"},
    {Error::Code::Busy, "io.github.hutch.Error.Busy"},
    {Error::Code::Cancelled, "io.github.hutch.Error.Cancelled"},
    {Error::Code::Failed, "io.github.hutch.Error.Failed"},
};

}  // namespace

QString dbusErrorName(Error::Code code)
{
    for (const Name &n : kNames)
        if (n.code == code)
            return QString::fromLatin1(n.name);
    return QStringLiteral("io.github.hutch.Error.Failed");
}

Error::Code errorCodeFromName(const QString &name)
{
    for (const Name &n : kNames)
        if (name == QLatin1String(n.name))
            return n.code;
    return Error::Code::Failed;
}

void Call::reply(const QVariantList &out) const
{
    bus.send(message.createReply(out));
}

void Call::fail(const Error &error) const
{
    bus.send(message.createErrorReply(dbusErrorName(error.code), error.message));
}

}  // namespace hutch::service
