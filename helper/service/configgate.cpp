#include "configgate.h"

#include "authorizer.h"
#include "configdocument.h"
#include "configedit.h"
#include "hostlimits.h"
#include "image_p.h"
#include "keys.h"

#include <QRegularExpression>

namespace hutch::service {

namespace {

struct Entry {
    QString key;  // modern
    QString value;
    int line = 0;
    bool operator==(const Entry &o) const { return key == o.key && value == o.value; }
};

// The entries of one text in file order, legacy names translated as the
// loader does (lxc.network.* numbered in order); unreadable keys are kept
// as written, so that they still count as a change.
QList<Entry> orderedEntries(const QByteArray &text)
{
    QList<Entry> out;
    keys::KeyTranslator translator;
    const ConfigDocument doc = ConfigDocument::fromBytes(text);
    int lineNo = 0;
    for (const ConfigLine &l : doc.lines()) {
        ++lineNo;
        if (l.kind != ConfigLine::Kind::Entry)
            continue;
        const auto t = translator.translate(l.key);
        if (t.removed)
            continue;
        out.append({t.modern.isEmpty() ? l.key : t.modern, l.value, lineNo});
    }
    return out;
}

QList<Entry> needing(const QList<Entry> &entries, const QString &action, const QStringList &ignore)
{
    QList<Entry> out;
    for (const Entry &e : entries)
        if (!ignore.contains(e.key) && actionsForEntry(e.key, e.value).contains(action))
            out.append(e);
    return out;
}

}  // namespace

QStringList actionsForEntry(const QString &key, const QString &value)
{
    QStringList out = actionsForKey(key);
    static const QRegularExpression netType(QStringLiteral("^lxc\\.net\\.[0-9]+\\.type$"));
    const QString v = value.trimmed();
    if (netType.match(key).hasMatch() && (v == QLatin1String("none") || v == QLatin1String("phys"))
        && !out.contains(actions::configurePrivileged))
        out << actions::configurePrivileged;
    return out;
}

QStringList actionsForChange(const QByteArray &before, const QByteArray &after, const QStringList &ignore)
{
    const QList<Entry> a = orderedEntries(before), b = orderedEntries(after);
    QStringList out;
    for (const QString &action : {actions::configure, QStringLiteral("io.github.hutch.network"), actions::manage,
                                  actions::configurePrivileged})
        if (needing(a, action, ignore) != needing(b, action, ignore))
            out << action;
    return out;
}

Status checkHostCosts(const QByteArray &text)
{
    for (const Entry &e : orderedEntries(text))
        if (auto err = hostlimits::checkHostCost(e.key, e.value))
            return err->wrap(QStringLiteral("config:%1").arg(e.line));
    return std::nullopt;
}

QByteArray newContainerBaseline()
{
    // The templates' own lines (busybox writes the same mounts and
    // capabilities; test_service_cli imports a busybox export as a user
    // without configure-privileged).
    return templates::baseConfig(QStringLiteral("new"), QString(), QStringLiteral("baseline"));
}

storage::ConfigGate makeConfigGate(Authorizer *auth, const QString &caller, const QString &container)
{
    return [auth, caller, container](const QByteArray &before, const QByteArray &after) -> Status {
        if (auto err = checkHostCosts(after))
            return err;
        const QByteArray base = before.isEmpty() ? newContainerBaseline() : before;
        if (!actionsForChange(base, after, {QStringLiteral("lxc.rootfs.path")}).contains(actions::configurePrivileged))
            return std::nullopt;
        return auth->askAndWait(caller, actions::configurePrivileged, container);
    };
}

}  // namespace hutch::service
