// Service: what the guide's tools add beside the lifecycle — the processes
// of a container (lxc-ps).
#include "service.h"

#include "authorizer.h"
#include "containerprocs.h"
#include "operationqueue.h"

namespace hutch::service {

QList<QVariantMap> Service::ListProcesses(const QString &name, const QVariantMap &)
{
    const Call call = beginCall();
    m_auth->check(call, actions::read, name, [this, call, name] {
        if (auto err = checkExisting(name))
            return call.fail(*err);
        // /proc of every process is read: off the bus thread.
        m_queue->runFree([settings = m_settings, call, name] {
            auto processes = containerProcesses(settings, name);
            if (!processes)
                return call.fail(processes.error());
            call.reply({QVariant::fromValue(*processes)});
        });
    });
    return {};
}

}  // namespace hutch::service
