#include "deadmonitor.h"
#include "serve.h"

#include "service.h"
#include "ephemeral.h"
#include "launch.h"
#include "staging.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSocketNotifier>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hutch::service {

namespace {

int g_quitPipe[2] = {-1, -1};

void onQuitSignal(int)
{
    const char c = 'q';
    (void)!::write(g_quitPipe[1], &c, 1);
}

// SIGTERM and SIGINT end the event loop, so that the helper exits as after
// a normal return: jobs' workers joined, dnsmasq stopped (the bridge stays).
// The handler only writes a byte: whichever thread gets the signal, the
// main thread does the rest.
void quitOnSignals()
{
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, g_quitPipe) < 0)
        return;
    auto *notifier = new QSocketNotifier(g_quitPipe[0], QSocketNotifier::Read, QCoreApplication::instance());
    QObject::connect(notifier, &QSocketNotifier::activated, QCoreApplication::instance(), &QCoreApplication::quit);
    struct sigaction sa {};
    sa.sa_handler = onQuitSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    ::sigaction(SIGTERM, &sa, nullptr);
    ::sigaction(SIGINT, &sa, nullptr);
}

}  // namespace

QString defaultMonitorPath()
{
    const QString fromEnv = qEnvironmentVariable("HUTCH_MONITOR");
    if (!fromEnv.isEmpty())
        return fromEnv;
    return QCoreApplication::applicationDirPath() + QStringLiteral("/hutch-monitor");
}

int serve(const QString &busAddress, const HelperSettings &settings, const QString &monitorPath)
{
    if (!QFileInfo(monitorPath).isExecutable()) {
        std::fprintf(stderr, "hutch-helper: no hutch-monitor at %s (set HUTCH_MONITOR)\n", qPrintable(monitorPath));
        return 1;
    }
    QDBusConnection bus = busAddress.isEmpty()
        ? QDBusConnection::systemBus()
        : QDBusConnection::connectToBus(busAddress, QStringLiteral("hutch-helper"));
    if (!bus.isConnected()) {
        std::fprintf(stderr, "hutch-helper: cannot connect to the %s: %s\n",
                     busAddress.isEmpty() ? "system bus" : qPrintable(QStringLiteral("bus at ") + busAddress),
                     qPrintable(bus.lastError().message()));
        return 1;
    }
    Service service(bus, settings, monitorPath);
    if (!bus.registerObject(Service::objectPath(), &service, QDBusConnection::ExportAdaptors)) {
        std::fprintf(stderr, "hutch-helper: cannot export %s\n", qPrintable(Service::objectPath()));
        return 1;
    }
    // Replies and signals before the name is owned would go nowhere useful;
    // the name comes last, once everything is in place.
    const auto owned = bus.interface()->registerService(Service::serviceName(),
                                                        QDBusConnectionInterface::DontQueueService,
                                                        QDBusConnectionInterface::DontAllowReplacement);
    if (!owned.isValid() || owned.value() != QDBusConnectionInterface::ServiceRegistered) {
        std::fprintf(stderr, "hutch-helper: cannot own %s: %s\n", qPrintable(Service::serviceName()),
                     owned.isValid() ? "another hutch-helper has it" : qPrintable(owned.error().message()));
        return 1;
    }
    // The store is root's alone (0700, as LXC's lxcpath): no host user
    // reaches a container's rootfs, its setuid programs or its devices.
    if (QDir().mkpath(settings.storePath) && ::chmod(QFile::encodeName(settings.storePath).constData(), 0700) < 0)
        std::fprintf(stderr, "hutch-helper: chmod 0700 %s: %s\n", qPrintable(settings.storePath), std::strerror(errno));
    // The name is ours, so no other helper works on this store: what a
    // killed helper left half-done goes now.
    for (const QString &line : storage::sweepLeftovers(settings.storePath))
        std::fprintf(stderr, "hutch-helper: removed leftover %s\n", qPrintable(line));
    // Monitors killed while no helper ran: their cgroups and sockets.
    for (const QString &line : tearDownDeadMonitors(settings))
        std::fprintf(stderr, "hutch-helper: %s\n", qPrintable(line));
    // Ephemeral containers whose monitor died before it could remove them.
    Runtime runtime(settings, monitorPath);
    for (const QString &line : storage::sweepEphemeral(runtime))
        std::fprintf(stderr, "hutch-helper: %s\n", qPrintable(line));
    runtime.prepareStarts();
    quitOnSignals();
    service.start();
    // Once per boot (the runtime directory is on tmpfs: a reboot empties
    // it), as lxc-autostart runs from the init system: the next helper of
    // the same boot leaves stopped containers stopped.
    QFile marker(settings.runtimePath + QStringLiteral("/autostarted"));
    if (!marker.exists() && QDir().mkpath(settings.runtimePath) && marker.open(QIODevice::WriteOnly))
        service.autostart();
    std::fprintf(stderr, "hutch-helper: serving %s (store %s)\n", qPrintable(Service::serviceName()),
                 qPrintable(settings.storePath));
    return QCoreApplication::exec();
}

}  // namespace hutch::service
