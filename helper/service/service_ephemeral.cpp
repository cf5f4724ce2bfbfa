// Throwaway copies (lxc-copy -e): Service::StartEphemeral. The copy is an
// overlay snapshot with lxc.ephemeral = 1; its monitor removes it when it
// stops (runtime/ephemeral.h), the helper's start-up sweep if the monitor
// died first (storage/ephemeral.h).
#include "service.h"

#include "configgate.h"

#include "authorizer.h"
#include "clone.h"
#include "destroy.h"
#include "inspect.h"
#include "launch.h"
#include "names.h"
#include "operationqueue.h"

#include <QFileInfo>
#include <QRandomGenerator>

#include <memory>

namespace hutch::service {

namespace {

// SOURCE-XXXXXXXX, as lxc-copy names them.
QString generatedName(const QString &source)
{
    static const char chars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    QString suffix;
    for (int i = 0; i < 8; ++i)
        suffix += QLatin1Char(chars[QRandomGenerator::system()->bounded(int(sizeof chars - 1))]);
    return source.left(55) + QLatin1Char('-') + suffix;
}

}  // namespace

QString Service::StartEphemeral(const QString &source, const QString &requested, const QVariantMap &)
{
    const Call call = beginCall();
    m_auth->checkAll(call, {actions::manage, actions::lifecycle}, source, [this, call, source, requested] {
        if (auto err = checkExisting(source))
            return call.fail(*err);
        const QString name = requested.isEmpty() ? generatedName(source) : requested;
        if (auto err = validateContainerName(name))
            return call.fail(*err);
        if (containerExists(m_settings, name))
            return call.fail(Error::conflict(QStringLiteral("a container \"%1\" exists").arg(name)));
        if (monitorState(m_settings, source).running())
            return call.fail(Error::busy(
                QStringLiteral("container \"%1\" is running; stop it to make a throwaway copy").arg(source)));
        auto cloned = std::make_shared<Status>();
        m_queue->run({source, name}, [settings = m_settings, monitor = m_monitorPath, source, name, cloned,
                                      gate = makeConfigGate(m_auth, call.caller(), name)] {
            Runtime runtime(settings, monitor);
            storage::CloneOptions options;
            options.snapshot = true;
            options.ephemeral = true;
            options.gate = gate;  // the copy's config, as any reaching the store
            *cloned = storage::cloneContainer(runtime, source, name, options);
        }, [this, call, source, name, cloned] {
            if (*cloned)
                return call.fail(cloned->value().wrap(QStringLiteral("throwaway copy of \"%1\"").arg(source)));
            startContainer(name, [this, call, name](const Status &started) {
                if (!started)
                    return call.reply({name});
                // A copy that never ran has no monitor to remove it.
                m_queue->run({name}, [settings = m_settings, monitor = m_monitorPath, name] {
                    if (!monitorState(settings, name).running()
                        && QFileInfo::exists(Store(settings.storePath).containerDir(name))) {
                        Runtime runtime(settings, monitor);
                        (void)storage::destroyContainer(runtime, name);
                    }
                });
                call.fail(*started);
            });
        });
    });
    return {};
}

}  // namespace hutch::service
