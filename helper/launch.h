// From a container's config to the monitor's launch spec, and the verbs of
// the runtime (start, stop, ...) for one store. Root side, Qt: the config
// library lives here; the monitor gets plain values.
#pragma once

#include "config.h"
#include "error.h"
#include "settings.h"
#include "spec.h"
#include "store.h"

#include <QString>
#include <QStringList>

#include <functional>

namespace hutch {

// A container's config, read once for one operation: a start validates the
// name and parses the config here, once, and passes the result along (to the
// default bridge's check, the worker, the launch spec). Only loadContainer
// makes one, so holding one means the name is valid and the config file was
// checked (root's, not a link) and parsed.
class LoadedContainer {
public:
    const QString &name() const { return m_name; }
    const LoadResult &loaded() const { return m_loaded; }
    const Config &config() const { return m_loaded.config; }

private:
    friend Result<LoadedContainer> loadContainer(const Store &store, const QString &name);
    QString m_name;
    LoadResult m_loaded;
};

// Validates NAME and reads STORE/NAME/config: NotFound when there is no such
// container, the config's first error when it has one.
Result<LoadedContainer> loadContainer(const Store &store, const QString &name);

// Builds what the monitor needs from a config already read (nothing is read
// again from the config file). Errors name the config line or the value
// that is wrong.
Result<rt::LaunchSpec> buildLaunchSpec(const Store &store, const LoadedContainer &container,
                                       const HelperSettings &settings);

// The monitor socket of a container.
QString monitorSocketPath(const HelperSettings &settings, const QString &name);

class Runtime {
public:
    // monitorPath: the hutch-monitor executable.
    Runtime(HelperSettings settings, QString monitorPath);

    // Starts NAME; returns init's host pid once it runs.
    Result<qint64> start(const QString &name);
    // The same with the config the caller read (launch spec built from it).
    Result<qint64> start(const LoadedContainer &container);
    // The same with the launch spec the caller built (buildLaunchSpec).
    Result<qint64> start(const rt::LaunchSpec &spec);
    // lxc-execute: runs argv as the one program of a fresh container made
    // from NAME's config, under a minimal init. Its output is on the console
    // (tty 0), its status comes to a subscriber as "exit N" or "signal N".
    Result<qint64> execute(const QString &name, const QStringList &argv);
    // Has a hutch-monitor wait for the next start (starter.h), so that
    // even the first one does not wait for the process to be made.
    void prepareStarts();
    // STOPPED when no monitor answers. (Everything else a monitor does is
    // asked through MonitorLink, monitorlink.h.)
    QString state(const QString &name);

    const HelperSettings &settings() const { return m_settings; }
    Store store() const { return Store(m_settings.storePath); }

private:
    // INITCOPY: a sealed copy of hutch-monitor for an executed command's init, or -1.
    Result<qint64> launch(const LoadedContainer &container, const std::function<void(rt::LaunchSpec &)> &adjust,
                          int initCopy = -1);
    Result<qint64> launch(const rt::LaunchSpec &spec, int initCopy);

    HelperSettings m_settings;
    QString m_monitorPath;
};

}  // namespace hutch
