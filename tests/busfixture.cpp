#include "busfixture.h"

#include "cgroups.h"
#include "netlink.h"

#include "monitorlink.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusReply>
#include <QDBusServiceWatcher>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTimer>
#include <QThread>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <sched.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <thread>
#include <unistd.h>

namespace hutch::test {

namespace {

constexpr uid_t kNobody = 65534;
constexpr gid_t kNogroup = 65534;
const QString kPolkitd = QStringLiteral("/usr/lib/polkit-1/polkitd");
const QString kActionsDir = QStringLiteral("/usr/share/polkit-1/actions");
const QString kRulesDir = QStringLiteral("/etc/polkit-1/rules.d");

// Handles this thread's events until `done` holds (checked after each) or
// timeoutMs passed: QTest::qWaitFor without QtTest, which bench_list's
// build of this file does not link.
bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    QTimer timeout;
    timeout.setSingleShot(true);
    timeout.start(std::max(timeoutMs, 0));
    while (!done()) {
        if (!timeout.isActive())
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return true;
}

// The defaults of Debian's /usr/share/dbus-1/system.conf (and Debug.Stats
// for root: matchRules), then the service policies: polkitd's (system.d)
// and the helper's own from resources/.
QByteArray busConfig(const QString &socketPath)
{
    return QByteArrayLiteral(R"(<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <auth>EXTERNAL</auth>
  <listen>unix:path=)") + QFile::encodeName(socketPath) + QByteArrayLiteral(R"(</listen>
  <policy context="default">
    <allow user="*"/>
    <deny own="*"/>
    <deny send_type="method_call"/>
    <allow send_type="signal"/>
    <allow send_requested_reply="true" send_type="method_return"/>
    <allow send_requested_reply="true" send_type="error"/>
    <allow receive_type="method_call"/>
    <allow receive_type="method_return"/>
    <allow receive_type="error"/>
    <allow receive_type="signal"/>
    <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus"/>
    <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus.Introspectable"/>
    <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus.Properties"/>
  </policy>
  <policy user="root">
    <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus.Monitoring"/>
    <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus.Debug.Stats"/>
  </policy>
  <includedir>/usr/share/dbus-1/system.d</includedir>
  <include>)") + QFile::encodeName(QStringLiteral(HUTCH_SOURCE_DIR "/resources/io.github.hutch.Helper1.conf"))
           + QByteArrayLiteral(R"(</include>
</busconfig>
)");
}

bool writeFile(const QString &path, const QByteArray &data, QFile::Permissions perms)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(data) != data.size())
        return false;
    f.close();
    return f.setPermissions(perms);
}

void stopProcess(std::unique_ptr<QProcess> &p)
{
    if (!p)
        return;
    if (p->state() != QProcess::NotRunning) {
        p->terminate();
        if (!p->waitForFinished(5000)) {
            p->kill();
            p->waitForFinished(5000);
        }
    }
    p.reset();
}

}  // namespace

QString busUnavailableReason()
{
    if (::geteuid() != 0)
        return QStringLiteral("needs root (a system bus policy, polkit actions and rules, containers)");
    if (QStandardPaths::findExecutable(QStringLiteral("dbus-daemon")).isEmpty())
        return QStringLiteral("needs dbus-daemon (Debian package dbus-daemon)");
    if (!QFileInfo(kPolkitd).isExecutable())
        return QStringLiteral("needs %1 (Debian package polkitd)").arg(kPolkitd);
    if (!QFileInfo(kActionsDir).isDir() || !QFileInfo(kRulesDir).isDir())
        return QStringLiteral("needs %1 and %2 (polkitd)").arg(kActionsDir, kRulesDir);
    if (!QFileInfo(QStringLiteral("/bin/busybox")).isExecutable())
        return QStringLiteral("needs /bin/busybox (Debian package busybox-static)");
    if (!QFileInfo(QStringLiteral("/proc/self/ns/cgroup")).exists())
        return QStringLiteral("the kernel has no cgroup namespaces");
    return {};
}

BusFixture::BusFixture()
{
    m_connectionName = QStringLiteral("hutch-busfixture-%1").arg(quintptr(this));
    // Per fixture: a test may run two (two hosts: test_remote).
    static int count = 0;
    const QString id = QStringLiteral("%1-%2").arg(::getpid()).arg(count++);
    m_policyFile = QStringLiteral("%1/io.github.hutch.test-%2.policy").arg(kActionsDir, id);
    m_ruleFile = QStringLiteral("%1/50-hutch-test-%2.rules").arg(kRulesDir, id);
}

BusFixture::~BusFixture()
{
    cleanup();
}

bool BusFixture::start(QString *why, const QStringList &helperEnv)
{
    if (!m_dir.isValid()) {
        *why = QStringLiteral("no temporary directory");
        return false;
    }
    // nobody must reach the bus socket: the directories on the way are
    // searchable; the store and runtime directories are the helper's.
    QFile::setPermissions(m_dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ExeGroup
                                            | QFile::ExeOther);
    const QString settings = QStringLiteral("store = %1\nruntime = %2\ncache = %3\n")
                                 .arg(storePath(), runtimePath(),
                                      m_cachePath.isEmpty() ? m_dir.filePath(QStringLiteral("cache")) : m_cachePath);
    if (!writeFile(settingsPath(), settings.toUtf8(), QFile::ReadOwner | QFile::WriteOwner)) {
        *why = QStringLiteral("cannot write %1").arg(settingsPath());
        return false;
    }
    // What a test killed before its clean-up left (pid no longer running):
    // the names end in "-PID-N.rules" / "-PID-N.policy" (the constructor's).
    for (const auto &[dir, pattern] : {std::pair{kActionsDir, QStringLiteral("io.github.hutch.test-*.policy")},
                                       std::pair{kRulesDir, QStringLiteral("50-hutch-test-*.rules")}}) {
        for (const QString &file : QDir(dir).entryList({pattern}, QDir::Files)) {
            const qint64 pid = file.section(QLatin1Char('-'), -2, -2).toLongLong();
            if (pid > 0 && ::kill(pid_t(pid), 0) != 0 && errno == ESRCH)
                QFile::remove(dir + QLatin1Char('/') + file);
        }
    }
    // polkitd reads the actions when it starts: they go in first.
    QFile::remove(m_policyFile);
    if (!QFile::copy(QStringLiteral(HUTCH_SOURCE_DIR "/polkit/io.github.hutch.policy"), m_policyFile)) {
        *why = QStringLiteral("cannot install %1").arg(m_policyFile);
        return false;
    }
    return makeNetworkNamespace(why) && startBus(why) && startPolkit(why) && startHelper(why, helperEnv);
}

bool BusFixture::makeNetworkNamespace(QString *why)
{
    // A thread of its own enters the new namespace, opens it, and ends: the
    // descriptor keeps the namespace, the test's threads stay on the host's.
    std::thread([this] {
        if (::unshare(CLONE_NEWNET) != 0)
            return;
        m_netns = ::open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
        rt::Netlink::Change up;
        up.up = true;
        if (auto nl = rt::Netlink::open())
            (void)nl->change("lo", up);
    }).join();
    if (m_netns < 0)
        *why = QStringLiteral("cannot make a network namespace for the helper (unshare CLONE_NEWNET)");
    return m_netns >= 0;
}

BusFixture::Result BusFixture::run(const QString &program, const QStringList &args) const
{
    QProcess p;
    const int netns = m_netns;
    p.setChildProcessModifier([netns] {
        if (::setns(netns, CLONE_NEWNET) != 0)
            ::_exit(127);
    });
    p.start(program, args);
    Result r;
    if (p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit)
        r.exitCode = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

void BusFixture::endOrphanDnsmasq()
{
    QFile pidFile(runtimePath() + QStringLiteral("/network/dnsmasq.pid"));
    if (m_netns < 0 || !pidFile.open(QIODevice::ReadOnly))
        return;
    const int pid = QString::fromLatin1(pidFile.readAll()).trimmed().toInt();
    struct stat ours {}, theirs {};
    if (pid <= 1 || ::fstat(m_netns, &ours) != 0
        || ::stat(QStringLiteral("/proc/%1/ns/net").arg(pid).toLocal8Bit().constData(), &theirs) != 0
        || ours.st_ino != theirs.st_ino)
        return;  // not in our namespace: not ours
    const int pidfd = int(::syscall(SYS_pidfd_open, pid, 0));
    if (pidfd < 0)
        return;
    ::syscall(SYS_pidfd_send_signal, pidfd, SIGKILL, nullptr, 0);
    pollfd pfd{pidfd, POLLIN, 0};
    ::poll(&pfd, 1, 5000);
    ::close(pidfd);
}

bool BusFixture::startBus(QString *why)
{
    const QString busDir = m_dir.filePath(QStringLiteral("bus"));
    QDir().mkpath(busDir);
    QFile::setPermissions(busDir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ExeGroup
                                      | QFile::ExeOther);
    const QString socket = busDir + QStringLiteral("/socket");
    const QString config = m_dir.filePath(QStringLiteral("bus.conf"));
    if (!writeFile(config, busConfig(socket), QFile::ReadOwner | QFile::WriteOwner)) {
        *why = QStringLiteral("cannot write %1").arg(config);
        return false;
    }
    m_bus = std::make_unique<QProcess>();
    m_bus->setProgram(QStringLiteral("dbus-daemon"));
    // The address is printed once the bus listens: that line is the signal
    // to connect (the socket file appears before listen()).
    m_bus->setArguments({QStringLiteral("--nofork"), QStringLiteral("--print-address"),
                         QStringLiteral("--config-file=") + config});
    m_bus->setStandardErrorFile(m_dir.filePath(QStringLiteral("bus.log")), QIODevice::Append);
    m_bus->start();
    m_address = QStringLiteral("unix:path=") + socket;
    QElapsedTimer t;
    t.start();
    while (!m_bus->canReadLine() && t.elapsed() < 10000 && m_bus->state() != QProcess::NotRunning)
        m_bus->waitForReadyRead(int(10000 - t.elapsed()));
    if (!m_bus->canReadLine()) {
        *why = QStringLiteral("dbus-daemon did not start");
        return false;
    }
    QDBusConnection c = QDBusConnection::connectToBus(m_address, m_connectionName);
    if (!c.isConnected()) {
        *why = QStringLiteral("cannot connect to the private bus: %1").arg(c.lastError().message());
        return false;
    }
    return true;
}

bool BusFixture::startPolkit(QString *why)
{
    m_polkit = std::make_unique<QProcess>();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DBUS_SYSTEM_BUS_ADDRESS"), m_address);
    m_polkit->setProcessEnvironment(env);
    m_polkit->setProgram(kPolkitd);
    m_polkit->setArguments({QStringLiteral("--no-debug")});
    m_polkit->setStandardOutputFile(m_dir.filePath(QStringLiteral("polkit.log")));
    m_polkit->setStandardErrorFile(m_dir.filePath(QStringLiteral("polkit.log")), QIODevice::Append);
    m_polkit->start();
    if (!waitForName(QStringLiteral("org.freedesktop.PolicyKit1"), 15000)) {
        *why = QStringLiteral("polkitd did not come up on the private bus");
        return false;
    }
    return true;
}

bool BusFixture::startHelper(QString *why, const QStringList &env)
{
    if (!env.isEmpty())
        m_helperEnv = env;
    stopProcess(m_helper);
    m_helper = std::make_unique<QProcess>();
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    for (const QString &kv : std::as_const(m_helperEnv))
        e.insert(kv.section(QLatin1Char('='), 0, 0), kv.section(QLatin1Char('='), 1));
    m_helper->setProcessEnvironment(e);
    const int netns = m_netns;
    m_helper->setChildProcessModifier([netns] {
        if (netns >= 0 && ::setns(netns, CLONE_NEWNET) != 0)
            ::_exit(127);
    });
    m_helper->setProgram(QStringLiteral(HUTCH_HELPER_PATH));
    m_helper->setArguments({QStringLiteral("--config"), settingsPath(), QStringLiteral("--bus"), m_address});
    m_helper->setStandardOutputFile(m_dir.filePath(QStringLiteral("helper.log")), QIODevice::Append);
    m_helper->setStandardErrorFile(m_dir.filePath(QStringLiteral("helper.log")), QIODevice::Append);
    m_helper->start();
    if (!waitForName(QStringLiteral("io.github.hutch.Helper1"), 15000)) {
        *why = QStringLiteral("hutch-helper did not come up: %1").arg(QString::fromUtf8(helperLog().right(2000)));
        return false;
    }
    return true;
}

void BusFixture::killHelper()
{
    // processId() is 0 once the helper has ended, and kill(0) would end the
    // test's whole process group (ctest with it): only a running helper.
    if (!m_helper || m_helper->processId() <= 0)
        return;
    ::kill(pid_t(m_helper->processId()), SIGKILL);
    m_helper->waitForFinished(10000);
    // The bus frees the name once it sees the connection gone.
    waitForName(QStringLiteral("io.github.hutch.Helper1"), 10000, false);
}

qint64 BusFixture::helperPid() const
{
    return m_helper ? m_helper->processId() : 0;
}

QByteArray BusFixture::helperLog() const
{
    QFile f(m_dir.filePath(QStringLiteral("helper.log")));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QDBusConnection BusFixture::bus() const
{
    return QDBusConnection(m_connectionName);
}

int BusFixture::matchRules(qint64 pid) const
{
    QDBusConnectionInterface *bus = this->bus().interface();
    const QDBusReply<QStringList> names = bus->registeredServiceNames();
    if (!names.isValid())
        return -1;
    int rules = 0;
    for (const QString &name : names.value()) {
        if (!name.startsWith(QLatin1Char(':')) || bus->servicePid(name).value() != pid)
            continue;
        QDBusMessage call = QDBusMessage::createMethodCall(QStringLiteral("org.freedesktop.DBus"),
                                                           QStringLiteral("/org/freedesktop/DBus"),
                                                           QStringLiteral("org.freedesktop.DBus.Debug.Stats"),
                                                           QStringLiteral("GetConnectionStats"));
        call << name;
        const QDBusReply<QVariantMap> stats = this->bus().call(call);
        if (!stats.isValid())
            return -1;
        rules += stats.value().value(QStringLiteral("MatchRules")).toInt();
    }
    return rules;
}

bool BusFixture::waitForName(const QString &name, int timeoutMs, bool owned) const
{
    // Watching first (the bus's NameOwnerChanged), then asking: a change
    // between the two is not missed.
    QDBusServiceWatcher watcher(name, bus(), owned ? QDBusServiceWatcher::WatchForRegistration
                                                   : QDBusServiceWatcher::WatchForUnregistration);
    bool changed = false;
    QObject::connect(&watcher, &QDBusServiceWatcher::serviceOwnerChanged, &watcher, [&] { changed = true; });
    auto reached = [&] { return bus().interface()->isServiceRegistered(name).value() == owned; };
    return reached() || waitUntil([&] { return changed && reached(); }, timeoutMs);
}

void BusFixture::prepareProcess(QProcess &p, bool asNobody) const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HUTCH_BUS_ADDRESS"), m_address);
    // hutchctl create adds nothing unless a test says so (an installed
    // /etc/hutch/default.conf must not put test containers on a bridge);
    // a test's own HUTCH_DEFAULT_CONFIG wins.
    if (!env.contains(QStringLiteral("HUTCH_DEFAULT_CONFIG")))
        env.insert(QStringLiteral("HUTCH_DEFAULT_CONFIG"), QStringLiteral("/dev/null"));
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(QStringLiteral("/"));
    if (asNobody) {
        // Runs in the child between fork and exec: async-signal-safe calls.
        p.setChildProcessModifier([] {
            if (::setgroups(0, nullptr) != 0 || ::setgid(kNogroup) != 0 || ::setuid(kNobody) != 0)
                ::_exit(126);
        });
    }
}

BusFixture::Result BusFixture::hutchctl(const QStringList &args, bool asNobody, const QByteArray &input,
                                        int timeoutMs) const
{
    QProcess p;
    prepareProcess(p, asNobody);
    p.start(QStringLiteral(HUTCHCTL_PATH), args);
    Result r;
    if (!p.waitForStarted(10000))
        return r;
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError() + "\n(timed out)";
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

std::unique_ptr<QProcess> BusFixture::startHutchctl(const QStringList &args, bool asNobody) const
{
    auto p = std::make_unique<QProcess>();
    prepareProcess(*p, asNobody);
    p->start(QStringLiteral(HUTCHCTL_PATH), args);
    p->waitForStarted(10000);
    return p;
}

BusFixture::Result BusFixture::call(const QStringList &args, bool asNobody, int timeoutMs) const
{
    QProcess p;
    prepareProcess(p, asNobody);
    p.start(QStringLiteral(HUTCH_BUSCALL_PATH), args);
    Result r;
    if (!p.waitForStarted(10000))
        return r;
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

bool BusFixture::nobodyAuthorized() const
{
    // Authorized, the helper goes on to find no such container.
    const Result r = call({QStringLiteral("Freeze"), QStringLiteral("s:no-such-container"), QStringLiteral("a{sv}:")});
    return r.text().contains(QLatin1String("io.github.hutch.Error.NotFound"));
}

bool BusFixture::allowNobody(const QStringList &except, const QString &andAlso)
{
    QString condition = QStringLiteral("action.id.indexOf(\"io.github.hutch.\") == 0 && subject.user == \"nobody\"");
    for (const QString &a : except)
        condition += QStringLiteral(" && action.id != \"%1\"").arg(a);
    if (!andAlso.isEmpty())
        condition += QStringLiteral(" && (%1)").arg(andAlso);
    const QString rule = QStringLiteral("// hutch tests (pid %1); removed when they end\n"
                                        "polkit.addRule(function(action, subject) {\n"
                                        "    if (%2)\n"
                                        "        return polkit.Result.YES;\n"
                                        "});\n").arg(::getpid()).arg(condition);
    // Written aside and renamed: polkitd must never read half a rule.
    const QString temp = m_ruleFile + QStringLiteral(".new");
    return changePolkitRules(
        [&] {
            return writeFile(temp, rule.toUtf8(), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther)
                   && ::rename(QFile::encodeName(temp).constData(), QFile::encodeName(m_ruleFile).constData()) == 0;
        },
        [this] { return nobodyAuthorized(); });
}

bool BusFixture::forbidNobody()
{
    if (!QFile::exists(m_ruleFile))
        return !nobodyAuthorized();
    return changePolkitRules([this] { return QFile::remove(m_ruleFile); }, [this] { return !nobodyAuthorized(); });
}

namespace {

// Counts polkitd's Changed signals (org.freedesktop.PolicyKit1.Authority).
class PolkitChanges : public QObject {
    Q_OBJECT
public:
    int count = 0;
public Q_SLOTS:
    void onChanged() { ++count; }
};

}  // namespace

bool BusFixture::changePolkitRules(const std::function<bool()> &change, const std::function<bool()> &applied,
                                   int timeoutMs) const
{
    PolkitChanges changes;
    QDBusConnection bus = this->bus();
    if (!bus.connect(QStringLiteral("org.freedesktop.PolicyKit1"), QStringLiteral("/org/freedesktop/PolicyKit1/Authority"),
                     QStringLiteral("org.freedesktop.PolicyKit1.Authority"), QStringLiteral("Changed"), &changes,
                     SLOT(onChanged())))
        return false;
    // A round trip to the bus: the match rule is in before the change.
    (void)bus.interface()->isServiceRegistered(QStringLiteral("org.freedesktop.PolicyKit1"));
    const bool changed = change();
    // polkitd watches its rules directory, reloads every rule when a .rules
    // file appears, changes or goes away, and says Changed once done. Other
    // tests' rules reload it too: each Changed is a moment to look again.
    QElapsedTimer t;
    t.start();
    int seen = 0;
    bool done = false;
    while (changed && !done && t.elapsed() < timeoutMs) {
        if (!waitUntil([&] { return changes.count > seen; }, int(timeoutMs - t.elapsed())))
            break;
        seen = changes.count;
        done = applied();
    }
    bus.disconnect(QStringLiteral("org.freedesktop.PolicyKit1"), QStringLiteral("/org/freedesktop/PolicyKit1/Authority"),
                   QStringLiteral("org.freedesktop.PolicyKit1.Authority"), QStringLiteral("Changed"), &changes,
                   SLOT(onChanged()));
    return done;
}

void BusFixture::stopContainers()
{
    const QDir run(runtimePath());
    HelperSettings settings;
    settings.runtimePath = runtimePath();
    for (const QString &sock : run.entryList({QStringLiteral("*.sock")}, QDir::System | QDir::Files))
        (void)stopAndWait(settings, sock.chopped(5), std::nullopt, 20000);  // NAME.sock
}

void BusFixture::cleanup()
{
    if (m_cleaned)
        return;
    m_cleaned = true;
    stopContainers();
    stopProcess(m_helper);
    endOrphanDnsmasq();
    if (m_netns >= 0)
        ::close(m_netns);
    m_netns = -1;
    QDBusConnection::disconnectFromBus(m_connectionName);
    stopProcess(m_polkit);
    stopProcess(m_bus);
    QFile::remove(m_ruleFile);
    QFile::remove(m_ruleFile + QStringLiteral(".new"));
    QFile::remove(m_policyFile);
    // No empty "hutch" cgroup parents left behind either.
    if (auto layout = rt::CgroupLayout::detect())
        rt::Cgroup::removeBaseIfEmpty(*layout);
}

QByteArray hostState(const QStringList &dirs)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QStringList paths;
    for (const QString &d : dirs) {
        QDirIterator it(d, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
        while (it.hasNext())
            paths << it.next();
    }
    paths.sort();
    for (const QString &p : std::as_const(paths)) {
        hash.addData(p.toUtf8());
        if (p.endsWith(QLatin1String("/config"))) {
            QFile f(p);
            if (f.open(QIODevice::ReadOnly))
                hash.addData(f.readAll());
        }
    }
    return hash.result().toHex();
}

}  // namespace hutch::test

#include "busfixture.moc"
