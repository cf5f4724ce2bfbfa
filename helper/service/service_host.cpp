// The host check: Service::CheckHost (hostcheck.h has the probes).
#include "service.h"

#include "authorizer.h"
#include "hostcheck.h"
#include "operationqueue.h"

namespace hutch::service {

QList<QVariantMap> Service::CheckHost(const QVariantMap &)
{
    const Call call = beginCall();
    m_auth->check(call, actions::read, QString(), [this, call] {
        // The probes start programs (ip, nft, criu) and wait: a worker's job.
        m_queue->runFree([call] {
            QList<QVariantMap> out;
            for (const HostFeature &f : checkHost())
                out << toVariantMap(f);
            call.reply({QVariant::fromValue(out)});
        });
    });
    return {};
}

}  // namespace hutch::service
