// One D-Bus method call being answered later (QDBusContext::setDelayedReply):
// the message and the connection it came on, copied out of the handler so
// that a worker thread or a polkit answer can reply. QDBusConnection is
// thread-safe, so any thread may send.
#pragma once

#include "error.h"
#include "errornames.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QVariantList>

namespace hutch::service {

struct Call {
    QDBusConnection bus;
    QDBusMessage message;

    // The caller's unique bus name: polkit's subject.
    QString caller() const { return message.service(); }
    void reply(const QVariantList &out = {}) const;
    void fail(const Error &error) const;
};

}  // namespace hutch::service
