#include "deadmonitor.h"

#include "cgroups.h"
#include "launch.h"
#include "monitorlink.h"
#include "names.h"

#include <QDir>
#include <QFile>
#include <QThread>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace hutch {

namespace {

// The socket's state: whether it is a socket at all, and whether a
// connect is refused (nobody listens) rather than accepted.
enum class SocketState { Missing, Listening, Dead };

SocketState socketState(const HelperSettings &settings, const QString &name)
{
    const QByteArray p = QFile::encodeName(monitorSocketPath(settings, name));
    struct stat st {};
    if (::lstat(p.constData(), &st) != 0 || !S_ISSOCK(st.st_mode))
        return SocketState::Missing;
    // The link keeps the connect's errno: refused means nobody listens.
    auto link = MonitorLink::connect(settings, name);
    if (link)
        return SocketState::Listening;
    return link.error().sysErrno == ECONNREFUSED ? SocketState::Dead : SocketState::Listening;
}

// Whether BASE/NAME exists in any hierarchy of the layout.
bool cgroupExists(const rt::CgroupLayout &layout, const std::string &name)
{
    std::vector<std::string> mounts;
    if (!layout.unifiedMount.empty())
        mounts.push_back(layout.unifiedMount);
    for (const auto &h : layout.v1)
        mounts.push_back(h.mount);
    if (!layout.systemdMount.empty())
        mounts.push_back(layout.systemdMount);
    for (const std::string &m : mounts) {
        struct stat st {};
        if (::lstat((m + "/hutch/" + name).c_str(), &st) == 0 && S_ISDIR(st.st_mode))
            return true;
    }
    return false;
}

}  // namespace

bool monitorLeftSocket(const HelperSettings &settings, const QString &name)
{
    return !validateContainerName(name) && socketState(settings, name) != SocketState::Missing;
}

QStringList tearDownAfterDeadMonitor(const HelperSettings &settings, const QString &name)
{
    if (validateContainerName(name))
        return {};
    // A killed process's descriptors close one by one: the helper's
    // connection may end while the listening socket still takes
    // connections for a moment. A monitor that answers for longer is alive
    // (this runs under the container's key: no start of it meanwhile).
    SocketState state = socketState(settings, name);
    for (int i = 0; i < 50 && state == SocketState::Listening; ++i) {
        QThread::msleep(20);
        state = socketState(settings, name);
    }
    if (state != SocketState::Dead)
        return {};
    const QString socket = monitorSocketPath(settings, name);
    QStringList report;
    const QString ctx = QStringLiteral("the dead monitor of \"%1\": ").arg(name);
    auto layout = rt::CgroupLayout::detect();
    if (!layout) {
        report << ctx + QString::fromStdString(layout.error().message);
    } else if (cgroupExists(*layout, name.toStdString())) {
        // Adopted, not made: every hierarchy it is in (create with adopt
        // makes any missing one, which destroy removes again).
        auto cg = rt::Cgroup::create(*layout, name.toStdString(), "hutch", true);
        if (!cg) {
            report << ctx + QString::fromStdString(cg.error().message);
        } else {
            auto left = (*cg)->processes();
            if (auto err = (*cg)->killAll())
                report << ctx + QString::fromStdString(err->message);
            else if (auto err = (*cg)->destroy())
                report << ctx + QString::fromStdString(err->message);
            else
                report << ctx + QStringLiteral("removed its cgroup (%1 processes were left in it)").arg(left ? left->size() : 0);
        }
    }
    if (::unlink(QFile::encodeName(socket).constData()) == 0)
        report << ctx + QStringLiteral("removed its socket %1").arg(socket);
    else if (errno != ENOENT)
        report << ctx + QStringLiteral("remove %1: %2").arg(socket, QString::fromLocal8Bit(std::strerror(errno)));
    return report;
}

QStringList tearDownDeadMonitors(const HelperSettings &settings)
{
    QStringList report;
    const QStringList sockets = QDir(settings.runtimePath).entryList({QStringLiteral("*.sock")}, QDir::System);
    for (const QString &file : sockets)
        report << tearDownAfterDeadMonitor(settings, file.chopped(5));
    return report;
}

}  // namespace hutch
