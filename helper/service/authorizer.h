// polkit authorization, asked of org.freedesktop.PolicyKit1 with QtDBus
// (what polkit-qt does inside; PolkitQt6-1 is not packaged in Debian 12).
// Runs on the helper's main thread and never blocks it: the question goes
// out asynchronously and the verdict comes back as a callback.
//
// The subject is the caller's unique bus name ("system-bus-name"), never a
// pid: polkit itself asks the bus who is behind the name, which cannot be
// raced the way a pid can. Any failure to get an answer (the caller left,
// polkitd is not running, a malformed reply) is a refusal.
#pragma once

#include "call.h"

#include <QMap>
#include <QObject>

#include <functional>
#include <optional>

namespace hutch::service {

namespace actions {
inline const QString read = QStringLiteral("io.github.hutch.read");
inline const QString lifecycle = QStringLiteral("io.github.hutch.lifecycle");
inline const QString console = QStringLiteral("io.github.hutch.console");
inline const QString manage = QStringLiteral("io.github.hutch.manage");
inline const QString configure = QStringLiteral("io.github.hutch.configure");
// Files in and out of a container: what a shell in it gives.
inline const QString files = QStringLiteral("io.github.hutch.files");
// Config keys that run host code or widen privileges: never kept.
inline const QString configurePrivileged = QStringLiteral("io.github.hutch.configure-privileged");
}  // namespace actions

class Authorizer : public QObject {
    Q_OBJECT
public:
    // `bus`: where polkitd is (the system bus, or the private bus of tests).
    explicit Authorizer(QDBusConnection bus, QObject *parent = nullptr);

    // Asks whether `subject` (a unique bus name) may do `action`; `done`
    // gets nullopt when allowed, else a NotAuthorized Error saying what was
    // refused and why. `container` is passed to polkit rules as the detail
    // "container" (rules read it with action.lookup("container")).
    void ask(const QString &subject, const QString &action, const QString &container,
             std::function<void(Status)> done);
    // The same with details of the caller's choosing (rules read them with
    // action.lookup(KEY)).
    void ask(const QString &subject, const QString &action, const QMap<QString, QString> &details,
             std::function<void(Status)> done);

    // From a job's worker thread, never the main one: asks as `ask` does
    // and waits for the verdict (the question goes out on the main thread).
    Status askAndWait(const QString &subject, const QString &action, const QString &container);

    // For a handler: on refusal the call is answered NotAuthorized; when
    // allowed, `allowed` runs (on this thread).
    void check(const Call &call, const QString &action, const QString &container, std::function<void()> allowed);
    void check(const Call &call, const QString &action, const QMap<QString, QString> &details,
               std::function<void()> allowed);
    // The unix uid behind a unique bus name, asked of the bus
    // (GetConnectionUnixUser), asynchronously; nullopt when it cannot say.
    void callerUid(const QString &name, std::function<void(std::optional<uint>)> done);
    // Every action in turn (configure, then configure-privileged).
    void checkAll(const Call &call, const QStringList &actions, const QString &container,
                  std::function<void()> allowed);

private:
    QDBusConnection m_bus;
};

}  // namespace hutch::service
