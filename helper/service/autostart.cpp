#include "autostart.h"

#include "config.h"

#include <QRegularExpression>

#include <algorithm>

namespace hutch::service {

QList<AutostartEntry> autostartPlan(const Store &store)
{
    QList<AutostartEntry> plan;
    const auto entries = store.list();
    if (!entries)
        return plan;
    for (const StoreEntry &entry : *entries) {
        if (entry.broken)
            continue;
        const LoadResult loaded = loadConfigFile(store.configPath(entry.name));
        if (loaded.hasErrors() || loaded.config.value(QStringLiteral("lxc.start.auto"), QString()).trimmed() != QLatin1String("1"))
            continue;
        AutostartEntry e;
        e.name = entry.name;
        e.order = loaded.config.value(QStringLiteral("lxc.start.order"), QStringLiteral("0")).toInt();
        e.delaySeconds = std::clamp(loaded.config.value(QStringLiteral("lxc.start.delay"), QStringLiteral("0")).toInt(), 0, 3600);
        // lxc.group is a list key; each value may hold several groups.
        for (const QString &groups : loaded.config.values(QStringLiteral("lxc.group")))
            e.onboot = e.onboot || groups.split(QRegularExpression(QStringLiteral("[\\s,]+")), Qt::SkipEmptyParts)
                                       .contains(QLatin1String("onboot"));
        plan.append(e);
    }
    std::stable_sort(plan.begin(), plan.end(), [](const AutostartEntry &a, const AutostartEntry &b) {
        if (a.onboot != b.onboot)
            return a.onboot;
        if (a.order != b.order)
            return a.order < b.order;
        return a.name < b.name;
    });
    return plan;
}

}  // namespace hutch::service
