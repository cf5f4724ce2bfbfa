#include "call.h"

namespace hutch::service {

void Call::reply(const QVariantList &out) const
{
    bus.send(message.createReply(out));
}

void Call::fail(const Error &error) const
{
    bus.send(message.createErrorReply(dbusErrorName(error.code), error.message));
}

}  // namespace hutch::service
