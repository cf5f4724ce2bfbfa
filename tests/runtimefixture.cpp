#include "runtimefixture.h"

#include "atomicfile.h"
#include "attach.h"
#include "cgroups.h"
#include "configdocument.h"
#include "idranges.h"
#include "netlink.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QThread>

#include <poll.h>
#include <sched.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>

namespace hutch::test {

QString runtimeUnavailableReason()
{
    if (::geteuid() != 0)
        return QStringLiteral("needs root (namespaces, cgroups, mounts)");
    if (!QFileInfo(QStringLiteral("/bin/busybox")).isExecutable())
        return QStringLiteral("needs /bin/busybox (Debian package busybox-static)");
    if (!QFileInfo(QStringLiteral("/proc/self/ns/cgroup")).exists())
        return QStringLiteral("the kernel has no cgroup namespaces");
    return {};
}

QString enterTestNetwork(const char *bridge, const char *address, bool *noNamespace)
{
    *noNamespace = ::unshare(CLONE_NEWNET) < 0;
    if (*noNamespace)
        return QStringLiteral("unshare CLONE_NEWNET: %1").arg(QString::fromLocal8Bit(::strerror(errno)));
    auto nl = rt::Netlink::open();
    if (!nl)
        return QStringLiteral("netlink: ") + QString::fromStdString(nl.error().message);
    rt::Netlink::Change up;
    up.up = true;
    rt::Status failed = nl->change("lo", up);
    if (!failed)
        failed = nl->addBridge(bridge);
    if (!failed)
        failed = nl->addAddress(bridge, address);
    if (!failed)
        failed = nl->change(bridge, up);
    if (failed)
        return QStringLiteral("bridge %1 at %2 in the test's network namespace: %3")
            .arg(QLatin1String(bridge), QLatin1String(address), QString::fromStdString(failed->message));
    return {};
}

QString hostBlockDevice()
{
    QStringList names = QDir(QStringLiteral("/sys/block")).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    std::stable_partition(names.begin(), names.end(), [](const QString &n) { return !n.startsWith(QLatin1String("loop")); });
    for (const QString &n : names) {
        QFile node(QStringLiteral("/dev/") + n);
        QFile dev(QStringLiteral("/sys/block/%1/dev").arg(n));
        if (node.open(QIODevice::ReadOnly) && dev.open(QIODevice::ReadOnly))
            return QString::fromLatin1(dev.readAll()).trimmed().replace(QLatin1Char(':'), QLatin1Char(' '));
    }
    return {};
}

void addKindRows()
{
    QTest::addColumn<int>("kind");
    QTest::newRow("privileged") << int(RuntimeFixture::Kind::Privileged);
    QTest::newRow("unprivileged") << int(RuntimeFixture::Kind::Unprivileged);
}

RuntimeFixture::Kind currentKind()
{
    QFETCH_GLOBAL(int, kind);
    return RuntimeFixture::Kind(kind);
}

RuntimeFixture::RuntimeFixture()
{
    if (!m_dir.isValid())
        return;
    HelperSettings settings;
    settings.storePath = m_dir.filePath(QStringLiteral("store"));
    settings.runtimePath = m_dir.filePath(QStringLiteral("run"));
    m_runtime.emplace(settings, QStringLiteral(HUTCH_MONITOR_PATH));
}

void RuntimeFixture::setKind(Kind kind)
{
    if (kind == m_kind || !ok())
        return;
    stopAll();
    // The next kind reuses the names: their cgroups must be gone (a v2
    // cgroup can outlive its monitor's exit by a moment).
    if (auto layout = rt::CgroupLayout::detect()) {
        QStringList mounts{QString::fromStdString(layout->unifiedMount), QString::fromStdString(layout->systemdMount)};
        for (const auto &h : layout->v1)
            mounts << QString::fromStdString(h.mount);
        QElapsedTimer t;
        t.start();
        for (const QString &name : std::as_const(m_created))
            for (const QString &m : std::as_const(mounts)) {
                const QString dir = m + QStringLiteral("/hutch/") + name;
                while (!m.isEmpty() && QFileInfo::exists(dir) && ::rmdir(QFile::encodeName(dir).constData()) < 0
                       && t.elapsed() < 5000)
                    QThread::msleep(20);
            }
    }
    // m_created keeps the names: a kind switched back to finds its
    // containers by name again (stopAll skips those that are not running).
    m_kind = kind;
    const QString suffix = kind == Kind::Unprivileged ? QStringLiteral("-unprivileged") : QString();
    HelperSettings settings;
    settings.storePath = m_dir.filePath(QStringLiteral("store") + suffix);
    settings.runtimePath = m_dir.filePath(QStringLiteral("run") + suffix);
    m_runtime.emplace(settings, QStringLiteral(HUTCH_MONITOR_PATH));
}

RuntimeFixture::~RuntimeFixture()
{
    stopAll();
    // The machine as the test found it: no empty "hutch" parents either.
    if (auto layout = rt::CgroupLayout::detect())
        rt::Cgroup::removeBaseIfEmpty(*layout);
}

Status RuntimeFixture::create(const QString &name, const QStringList &extraConfig, int ttys, const QString &hostname)
{
    templates::BusyboxOptions options;
    options.ttys = ttys;
    options.hostname = hostname;
    if (auto err = templates::createBusybox(store(), name, options))
        return err;
    m_created << name;
    if (m_kind == Kind::Unprivileged)
        if (auto err = idranges::makeUnprivileged(store(), name))
            return err;
    if (extraConfig.isEmpty())
        return std::nullopt;
    QFile f(store().configPath(name));
    if (!f.open(QIODevice::Append))
        return Error::failed(QStringLiteral("cannot append to the config"));
    f.write(extraConfig.join(QLatin1Char('\n')).toUtf8() + '\n');
    return std::nullopt;
}

Status RuntimeFixture::setConfig(const QString &name, const QString &key, const QString &value)
{
    const QString path = store().configPath(name);
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error::failed(QStringLiteral("cannot read the config"));
    ConfigDocument doc = ConfigDocument::fromBytes(f.readAll());
    doc.set(key, value);
    return writeFileAtomically(path, doc.toBytes());
}

bool RuntimeFixture::waitForState(const QString &name, const QString &state, int timeoutMs)
{
    auto link = MonitorLink::connect(settings(), name);
    if (!link)
        return state == QLatin1String("STOPPED");
    auto current = link->subscribe();
    if (!current)
        return state == QLatin1String("STOPPED");
    if (*current == state)
        return true;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        auto event = link->nextEvent(int(timeoutMs - timer.elapsed()));
        if (!event)  // closed (the monitor is gone) or the time is up
            return state == QLatin1String("STOPPED") && event.error().sysErrno != ETIMEDOUT;
        if (event->kind == MonitorEvent::Kind::State && event->state == state)
            return true;
    }
    return false;
}

void RuntimeFixture::stopAll()
{
    if (!m_runtime)
        return;
    for (const QString &name : std::as_const(m_created)) {
        if (m_runtime->state(name) == QLatin1String("STOPPED"))
            continue;
        (void)stopAndWait(settings(), name, std::nullopt, 20000);
    }
}

std::optional<ConsoleSession> ConsoleSession::open(Runtime &runtime, const QString &name)
{
    auto link = MonitorLink::connect(runtime.settings(), name);
    if (!link)
        return std::nullopt;
    auto fd = link->openConsole();
    if (!fd)
        return std::nullopt;
    ConsoleSession s;
    s.m_fd = std::move(*fd);
    return s;
}

std::optional<QString> ConsoleSession::run(const QString &command, int timeoutMs)
{
    // The marker is computed by the shell, so the echo of the typed line
    // (which shows the expression, not its value) never matches it.
    ++m_serial;
    const QByteArray begin = "@@B" + QByteArray::number(m_serial * 7) + "@@";
    const QByteArray end = "@@E" + QByteArray::number(m_serial * 7) + "@@";
    const QByteArray cmd = command.toUtf8().trimmed();
    const QByteArray separator = cmd.endsWith('&') ? " " : "; ";  // "x &; y" is a syntax error
    const QByteArray line = "echo @@B$((" + QByteArray::number(m_serial) + "*7))@@; " + cmd + separator
                            + "echo @@E$((" + QByteArray::number(m_serial) + "*7))@@\n";
    if (::send(m_fd.get(), line.constData(), size_t(line.size()), MSG_NOSIGNAL) != line.size())
        return std::nullopt;
    const qsizetype from = m_all.size();
    qsizetype b = -1, e = -1;
    const bool found = readUntil(timeoutMs, [&] {
        b = m_all.indexOf(begin + "\r\n", from);
        e = b < 0 ? -1 : m_all.indexOf(end, b);
        return e >= 0;
    });
    if (!found)
        return std::nullopt;
    const qsizetype start = b + begin.size() + 2;
    return QString::fromUtf8(m_all.mid(start, e - start)).remove(QLatin1Char('\r')).trimmed();
}

bool ConsoleSession::readUntil(int timeoutMs, const std::function<bool()> &done)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        pollfd p{m_fd.get(), POLLIN, 0};
        if (::poll(&p, 1, int(timeoutMs - timer.elapsed())) <= 0)
            return false;
        char buf[4096];
        const ssize_t n = ::read(m_fd.get(), buf, sizeof buf);
        if (n <= 0)
            return false;
        m_all.append(buf, n);
        if (done())
            return true;
    }
    return false;
}

bool ConsoleSession::send(const QByteArray &bytes)
{
    return ::send(m_fd.get(), bytes.constData(), size_t(bytes.size()), MSG_NOSIGNAL) == bytes.size();
}

bool ConsoleSession::waitFor(const QByteArray &text, int timeoutMs)
{
    const qsizetype from = m_all.size();
    return readUntil(timeoutMs, [&] { return m_all.indexOf(text, from) >= 0; });
}

QString eventText(const MonitorEvent &event)
{
    switch (event.kind) {
    case MonitorEvent::Kind::State: return QStringLiteral("state ") + event.state;
    case MonitorEvent::Kind::Exit: return QStringLiteral("exit %1").arg(event.value);
    case MonitorEvent::Kind::Signal: return QStringLiteral("signal %1").arg(event.value);
    case MonitorEvent::Kind::Addresses: return QStringLiteral("addresses ") + event.addresses.join(QLatin1Char(' '));
    }
    return {};
}

QString RuntimeFixture::exec(const QString &name, const QString &command, QByteArray *out)
{
    return execIn(settings(), name, command, out, 60000);
}

QString execIn(const HelperSettings &settings, const QString &name, const QString &command, QByteArray *out,
               int timeoutMs)
{
    auto link = MonitorLink::connect(settings, name);
    if (!link)
        return QStringLiteral("no monitor");
    rt::AttachRequest req;
    req.pty = false;
    req.argv = {"sh", "-c", command.toStdString()};
    auto attached = link->attach(req);
    if (!attached)
        return QStringLiteral("attach refused");
    const int io = attached->fds[0].get();
    ::shutdown(io, SHUT_WR);
    char buf[4096];
    ssize_t n;
    while ((n = ::read(io, buf, sizeof buf)) > 0)
        out->append(buf, n);
    auto end = link->nextEvent(timeoutMs);
    return end ? eventText(*end) : QStringLiteral("no status");
}

}  // namespace hutch::test
