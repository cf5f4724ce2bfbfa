// Ephemeral containers (see ephemeral.h).
#include "ephemeral.h"

#include "config.h"
#include "destroy.h"
#include "values.h"

#include <QDir>
#include <QFileInfo>
#include <QRandomGenerator>

namespace hutch::storage {

Result<EphemeralStart> startEphemeral(Runtime &runtime, const QString &source, const QString &name,
                                      const Progress &progress)
{
    EphemeralStart started;
    started.name = name;
    if (started.name.isEmpty()) {
        static const char chars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
        QString suffix;
        for (int i = 0; i < 8; ++i)
            suffix += QLatin1Char(chars[QRandomGenerator::system()->bounded(int(sizeof chars - 1))]);
        started.name = source + QLatin1Char('-') + suffix;
    }
    CloneOptions options;
    options.snapshot = true;
    options.ephemeral = true;
    if (auto err = cloneContainer(runtime, source, started.name, options, progress))
        return *err;
    auto pid = runtime.start(started.name);
    if (!pid) {
        // The monitor removes it if it got that far; otherwise we do.
        if (QFileInfo::exists(runtime.store().containerDir(started.name)))
            (void)destroyContainer(runtime, started.name);
        return pid.error();
    }
    started.pid = *pid;
    return started;
}

QStringList sweepEphemeral(Runtime &runtime)
{
    QStringList report;
    auto entries = runtime.store().list();
    if (!entries)
        return {entries.error().message};
    for (const StoreEntry &e : *entries) {
        if (e.broken)
            continue;
        const LoadResult loaded = loadConfigFile(runtime.store().configPath(e.name));
        const auto flag = loaded.config.value(QStringLiteral("lxc.ephemeral"));
        auto on = flag ? values::parseBool(*flag) : Result<bool>(false);
        if (!on || !*on || runtime.state(e.name) != QLatin1String("STOPPED"))
            continue;
        if (auto err = destroyContainer(runtime, e.name))
            report << err->message;
        else
            report << QStringLiteral("destroyed the stopped ephemeral container \"%1\"").arg(e.name);
    }
    return report;
}

}  // namespace hutch::storage
