#include "authorizer.h"

#include <QDBusArgument>
#include <QDBusMetaType>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>

#include <future>
#include <memory>

namespace hutch::service {

namespace {

// polkit's CheckAuthorizationFlags: let an agent ask for a password.
constexpr uint kAllowUserInteraction = 1;
// A person may take a while to type a password.
constexpr int kPolkitTimeoutMs = 5 * 60 * 1000;

Error refused(const QString &action, const QString &why)
{
    return {Error::Code::NotAuthorized, 0,
            QStringLiteral("not authorized for %1: %2").arg(action, why)};
}

}  // namespace

Authorizer::Authorizer(QDBusConnection bus, QObject *parent) : QObject(parent), m_bus(std::move(bus))
{
    qDBusRegisterMetaType<QMap<QString, QString>>();
}

void Authorizer::ask(const QString &subject, const QString &action, const QString &container,
                     std::function<void(Status)> done)
{
    QMap<QString, QString> details;
    if (!container.isEmpty())
        details.insert(QStringLiteral("container"), container);
    ask(subject, action, details, std::move(done));
}

void Authorizer::ask(const QString &subject, const QString &action, const QMap<QString, QString> &details,
                     std::function<void(Status)> done)
{
    if (subject.isEmpty()) {
        done(refused(action, QStringLiteral("the caller has no bus name")));
        return;
    }
    QDBusMessage msg = QDBusMessage::createMethodCall(
        QStringLiteral("org.freedesktop.PolicyKit1"), QStringLiteral("/org/freedesktop/PolicyKit1/Authority"),
        QStringLiteral("org.freedesktop.PolicyKit1.Authority"), QStringLiteral("CheckAuthorization"));
    QDBusArgument subjectArg;
    subjectArg.beginStructure();
    subjectArg << QStringLiteral("system-bus-name")
               << QVariantMap{{QStringLiteral("name"), QVariant::fromValue(subject)}};
    subjectArg.endStructure();
    msg << QVariant::fromValue(subjectArg) << action << QVariant::fromValue(details)
        << kAllowUserInteraction << QString();

    auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(msg, kPolkitTimeoutMs), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [action, done = std::move(done)](QDBusPendingCallWatcher *w) {
                w->deleteLater();
                const QDBusMessage reply = w->reply();
                if (reply.type() != QDBusMessage::ReplyMessage) {
                    done(refused(action, QStringLiteral("polkit could not be asked (%1)").arg(reply.errorMessage())));
                    return;
                }
                if (reply.signature() != QLatin1String("(bba{ss})") || reply.arguments().size() != 1) {
                    done(refused(action, QStringLiteral("polkit answered with \"%1\"").arg(reply.signature())));
                    return;
                }
                bool authorized = false, challenge = false;
                QMap<QString, QString> resultDetails;
                const QDBusArgument arg = reply.arguments().constFirst().value<QDBusArgument>();
                arg.beginStructure();
                arg >> authorized >> challenge >> resultDetails;
                arg.endStructure();
                if (authorized) {
                    done(std::nullopt);
                    return;
                }
                done(refused(action, challenge
                    ? QStringLiteral("authentication is needed and no polkit agent gave it "
                                     "(run a polkit agent in your session, or ask an administrator "
                                     "for a polkit rule)")
                    : QStringLiteral("polkit refused; an administrator can allow it with a polkit rule")));
            });
}

Status Authorizer::askAndWait(const QString &subject, const QString &action, const QString &container)
{
    auto verdict = std::make_shared<std::promise<Status>>();
    std::future<Status> answer = verdict->get_future();
    QMetaObject::invokeMethod(this, [this, subject, action, container, verdict] {
        ask(subject, action, container, [verdict](Status s) { verdict->set_value(std::move(s)); });
    }, Qt::QueuedConnection);
    // polkit's own timeout, then a margin: no answer is a refusal.
    if (answer.wait_for(std::chrono::milliseconds(kPolkitTimeoutMs + 10000)) != std::future_status::ready)
        return refused(action, QStringLiteral("polkit did not answer"));
    return answer.get();
}

void Authorizer::check(const Call &call, const QString &action, const QString &container,
                       std::function<void()> allowed)
{
    ask(call.caller(), action, container, [call, allowed = std::move(allowed)](Status verdict) {
        if (verdict)
            call.fail(*verdict);
        else
            allowed();
    });
}

void Authorizer::check(const Call &call, const QString &action, const QMap<QString, QString> &details,
                       std::function<void()> allowed)
{
    ask(call.caller(), action, details, [call, allowed = std::move(allowed)](Status verdict) {
        if (verdict)
            call.fail(*verdict);
        else
            allowed();
    });
}

void Authorizer::callerUid(const QString &name, std::function<void(std::optional<uint>)> done)
{
    QDBusMessage msg = QDBusMessage::createMethodCall(QStringLiteral("org.freedesktop.DBus"), QStringLiteral("/org/freedesktop/DBus"),
                                                      QStringLiteral("org.freedesktop.DBus"),
                                                      QStringLiteral("GetConnectionUnixUser"));
    msg << name;
    auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(msg), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [done = std::move(done)](QDBusPendingCallWatcher *w) {
        w->deleteLater();
        const QDBusPendingReply<uint> reply = *w;
        if (reply.isError())
            return done(std::nullopt);
        done(reply.value());
    });
}

void Authorizer::checkAll(const Call &call, const QStringList &actionIds, const QString &container,
                          std::function<void()> allowed)
{
    if (actionIds.isEmpty()) {
        allowed();
        return;
    }
    const QString first = actionIds.constFirst();
    const QStringList rest = actionIds.mid(1);
    check(call, first, container, [this, call, rest, container, allowed = std::move(allowed)]() mutable {
        checkAll(call, rest, container, std::move(allowed));
    });
}

}  // namespace hutch::service
