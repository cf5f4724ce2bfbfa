#include "helperconnection.h"

#include "client.h"
#include "errornames.h"

#include <QDBusConnectionInterface>
#include <QDBusPendingCallWatcher>
#include <QDBusServiceWatcher>
#include <QTimer>

using namespace hutch;

HelperConnection::HelperConnection(QObject *parent)
    : QObject(parent)
{
    QDBusConnection connection = client::helperBus();
    m_helper = client::helper(connection);

    // The proxy subscribes by the well-known name and QtDBus follows its
    // owner, so these keep arriving after the helper restarts.
    connect(m_helper.get(), &Helper1Proxy::ContainerAdded, this, &HelperConnection::containerAdded);
    connect(m_helper.get(), &Helper1Proxy::ContainerRemoved, this, &HelperConnection::containerRemoved);
    connect(m_helper.get(), &Helper1Proxy::StateChanged, this, &HelperConnection::stateChanged);
    connect(m_helper.get(), &Helper1Proxy::ConfigChanged, this, &HelperConnection::configChanged);
    connect(m_helper.get(), &Helper1Proxy::AddressesChanged, this, &HelperConnection::addressesChanged);

    m_watcher = new QDBusServiceWatcher(client::kService, connection,
                                        QDBusServiceWatcher::WatchForOwnerChange, this);
    connect(m_watcher, &QDBusServiceWatcher::serviceOwnerChanged, this,
            [this](const QString &, const QString &, const QString &newOwner) {
                // An owner change without an empty step (a very quick
                // restart) is still a new helper: say so twice.
                if (m_connected && !newOwner.isEmpty())
                    setConnected(false);
                setConnected(!newOwner.isEmpty());
            });

    // The first answer comes after the constructor, so that whoever made us
    // has connected to connected() by then. With bus activation the name
    // may have no owner yet: activation starts the helper on the first call.
    QTimer::singleShot(0, this, [this] {
        QDBusConnection c = bus();
        if (!c.isConnected()) {
            setConnected(false);
            return;
        }
        const auto reply = c.interface()->isServiceRegistered(client::kService);
        if (reply.isValid() && reply.value())
            setConnected(true);
        else
            setConnected(false);
    });
}

HelperConnection::~HelperConnection() = default;

QDBusConnection HelperConnection::bus() const
{
    return m_helper->connection();
}

QString HelperConnection::busDescription() const
{
    const QString address = qEnvironmentVariable("HUTCH_BUS_ADDRESS");
    return address.isEmpty() ? tr("the system bus") : tr("the bus at %1").arg(address);
}

void HelperConnection::setConnected(bool connected)
{
    if (connected == m_connected && connected)
        return;
    m_connected = connected;
    if (connected)
        Q_EMIT this->connected();
    else
        Q_EMIT disconnected();
}

void HelperConnection::watch(const QDBusPendingCall &call, QObject *context,
                             std::function<void(const QDBusPendingCall &)> done,
                             std::function<void(const QString &, bool)> failed)
{
    auto *w = new QDBusPendingCallWatcher(call, context);
    connect(w, &QDBusPendingCallWatcher::finished, context,
            [w, done = std::move(done), failed = std::move(failed)] {
                w->deleteLater();
                if (w->isError()) {
                    if (failed)
                        failed(readableError(w->error()), isRefusal(w->error()));
                } else if (done) {
                    done(*w);
                }
            });
}

bool HelperConnection::isRefusal(const QDBusError &error)
{
    return errorCodeFromDBusName(error.name()) == Error::Code::NotAuthorized;
}

bool HelperConnection::isCancelled(const QString &errorName)
{
    return errorCodeFromDBusName(errorName) == Error::Code::Cancelled;
}

QString HelperConnection::readableError(const QDBusError &error)
{
    return readableError(error.name(), error.message());
}

QString HelperConnection::readableError(const QString &name, const QString &message)
{
    auto with = [&message](const QString &lead) {
        return message.isEmpty() ? lead : tr("%1: %2").arg(lead, message);
    };
    if (const auto code = errorCodeFromDBusName(name)) {
        switch (*code) {
        case Error::Code::NotAuthorized: return tr("You are not allowed to do this. Nothing was changed.");
        case Error::Code::InvalidArgument: return with(tr("Invalid input"));
        case Error::Code::NotFound: return with(tr("Not found"));
        case Error::Code::Busy: return with(tr("Not possible right now"));
        case Error::Code::Conflict: return with(tr("Not possible"));
        case Error::Code::Cancelled: return tr("Cancelled.");
        case Error::Code::Failed: return with(tr("The system refused"));
        }
    }
    if (name == QLatin1String("org.freedesktop.DBus.Error.ServiceUnknown")
        || name == QLatin1String("org.freedesktop.DBus.Error.NameHasNoOwner"))
        return tr("The Hutch helper service is not running.");
    if (name == QLatin1String("org.freedesktop.DBus.Error.NoReply")
        || name == QLatin1String("org.freedesktop.DBus.Error.Timeout"))
        return tr("The Hutch helper service did not answer in time.");
    if (name == QLatin1String("org.freedesktop.DBus.Error.AccessDenied"))
        return tr("The system bus does not let Hutch talk to its helper service.");
    // Anything else: the message alone; the error name means nothing to a user.
    return message.isEmpty() ? tr("The Hutch helper service could not be reached.") : message;
}
