// Two hosts in two network namespaces with a real sshd (see twohosts.h).
#include "twohosts.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QThread>

#include <algorithm>
#include <unistd.h>

namespace hutch::test {

namespace {

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

bool runProgram(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(program, args);
    return p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

}  // namespace

QString twoHostsUnavailableReason()
{
    if (const QString why = busUnavailableReason(); !why.isEmpty())
        return why;
    if (!QFileInfo(QStringLiteral("/usr/sbin/sshd")).isExecutable())
        return QStringLiteral("needs /usr/sbin/sshd (Debian package openssh-server)");
    for (const char *program : {"ssh", "ssh-keygen", "nsenter", "unshare", "systemd-stdio-bridge"})
        if (QStandardPaths::findExecutable(QLatin1String(program)).isEmpty())
            return QStringLiteral("needs %1").arg(QLatin1String(program));
    return {};
}

TwoHosts::~TwoHosts() { cleanup(); }

QString TwoHosts::remoteAddress() { return QStringLiteral("10.231.23.2"); }

bool TwoHosts::start(QString *why)
{
    if (!m_dir.isValid()) {
        *why = QStringLiteral("no temporary directory");
        return false;
    }
    m_local = std::make_unique<BusFixture>();
    m_remote = std::make_unique<BusFixture>();
    if (!m_local->start(why) || !m_remote->start(why))
        return false;
    if (!linkHosts()) {
        *why = QStringLiteral("could not join the two namespaces with a veth pair");
        return false;
    }
    return startSshd(why);
}

void TwoHosts::cleanup()
{
    if (m_sshd) {
        m_sshd->terminate();
        m_sshd->waitForFinished(5000);
        m_sshd.reset();
    }
    if (m_madeRunSshd)
        QDir().rmdir(QStringLiteral("/run/sshd"));
    m_madeRunSshd = false;
    if (m_remote)
        m_remote->cleanup();
    if (m_local)
        m_local->cleanup();
}

QProcessEnvironment TwoHosts::environment(const QStringList &env) const
{
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    e.insert(QStringLiteral("HUTCH_BUS_ADDRESS"), m_local->address());
    e.insert(QStringLiteral("HUTCH_SSH_CONFIG"), sshConfig());
    e.insert(QStringLiteral("HUTCH_DEFAULT_CONFIG"), QStringLiteral("/dev/null"));
    e.remove(QStringLiteral("HUTCH_HOST"));
    for (const QString &kv : env)
        e.insert(kv.section(QLatin1Char('='), 0, 0), kv.section(QLatin1Char('='), 1));
    return e;
}

std::unique_ptr<QProcess> TwoHosts::startInLocal(const QStringList &argv, const QStringList &env) const
{
    auto p = std::make_unique<QProcess>();
    p->setProcessEnvironment(environment(env));
    p->setWorkingDirectory(QStringLiteral("/"));
    p->start(QStringLiteral("/usr/bin/nsenter"),
             QStringList{QStringLiteral("--net=/proc/%1/ns/net").arg(m_local->helperPid())} + argv);
    return p;
}

std::unique_ptr<QProcess> TwoHosts::startCtl(const QStringList &args, const QStringList &env) const
{
    return startInLocal(QStringList{QStringLiteral(HUTCHCTL_PATH)} + args, env);
}

BusFixture::Result TwoHosts::ctl(const QStringList &args, const QByteArray &input, const QStringList &env,
                                 int timeoutMs) const
{
    auto p = startCtl(args, env);
    BusFixture::Result r;
    if (!p->waitForStarted(10000))
        return r;
    if (!input.isEmpty())
        p->write(input);
    p->closeWriteChannel();
    if (!p->waitForFinished(timeoutMs)) {
        p->kill();
        p->waitForFinished();
    }
    r.exitCode = p->exitStatus() == QProcess::NormalExit ? p->exitCode() : -1;
    r.out = p->readAllStandardOutput();
    r.err = p->readAllStandardError();
    return r;
}

// The two namespaces joined by a veth pair.
bool TwoHosts::linkHosts()
{
    const QString remotePid = QString::number(m_remote->helperPid());
    auto l = m_local->run(QStringLiteral("ip"), {QStringLiteral("link"), QStringLiteral("add"), QStringLiteral("r23a"),
                                                 QStringLiteral("type"), QStringLiteral("veth"), QStringLiteral("peer"),
                                                 QStringLiteral("name"), QStringLiteral("r23b"), QStringLiteral("netns"), remotePid});
    if (l.exitCode != 0)
        return false;
    for (const auto &[fx, dev, addr] : {std::tuple{m_local.get(), "r23a", "10.231.23.1/24"},
                                        std::tuple{m_remote.get(), "r23b", "10.231.23.2/24"}}) {
        if (fx->run(QStringLiteral("ip"), {QStringLiteral("addr"), QStringLiteral("add"), QLatin1String(addr),
                                           QStringLiteral("dev"), QLatin1String(dev)}).exitCode != 0
            || fx->run(QStringLiteral("ip"), {QStringLiteral("link"), QStringLiteral("set"), QLatin1String(dev),
                                              QStringLiteral("up")}).exitCode != 0
            || fx->run(QStringLiteral("ip"), {QStringLiteral("link"), QStringLiteral("set"), QStringLiteral("lo"),
                                              QStringLiteral("up")}).exitCode != 0)
            return false;
    }
    return true;
}

bool TwoHosts::startSshd(QString *why)
{
    const QString bin = QFileInfo(QStringLiteral(HUTCHCTL_PATH)).absolutePath();
    const QByteArray address = remoteAddress().toUtf8();
    QDir(m_dir.path()).mkpath(QStringLiteral("bridge-only"));
    QDir(m_dir.path()).mkpath(QStringLiteral("bare"));
    QFile::link(QStringLiteral(HUTCHCTL_PATH), path(QStringLiteral("bridge-only/hutchctl")));
    QFile::link(bin + QStringLiteral("/hutch-bridge"), path(QStringLiteral("bridge-only/hutch-bridge")));
    // Keys: the server's host key, the client's key, authorized.
    for (const char *key : {"host_key", "id"})
        if (!runProgram(QStringLiteral("ssh-keygen"), {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"),
                                                       QStringLiteral("-N"), QString(), QStringLiteral("-f"),
                                                       path(QLatin1String(key))})) {
            *why = QStringLiteral("ssh-keygen failed");
            return false;
        }
    QFile pub(path(QStringLiteral("id.pub"))), hostPub(path(QStringLiteral("host_key.pub")));
    if (!pub.open(QIODevice::ReadOnly) || !hostPub.open(QIODevice::ReadOnly)) {
        *why = QStringLiteral("ssh-keygen wrote no public keys");
        return false;
    }
    const QByteArray hostKey = hostPub.readAll().split(' ').mid(0, 2).join(' ');
    writeFile(path(QStringLiteral("authorized_keys")), pub.readAll());
    writeFile(path(QStringLiteral("known_hosts")), "hutch-test-remote " + hostKey + '\n');
    const QByteArray env = "HUTCH_BUS_ADDRESS=" + m_remote->address().toUtf8() + " DBUS_SYSTEM_BUS_ADDRESS="
                           + m_remote->address().toUtf8() + " HUTCH_DEFAULT_CONFIG=/dev/null";
    writeFile(path(QStringLiteral("sshd_config")),
              "ListenAddress " + address + ":22\nListenAddress " + address + ":2222\nListenAddress " + address + ":2223\n"
              "HostKey " + path(QStringLiteral("host_key")).toUtf8() + "\n"
              "AuthorizedKeysFile " + path(QStringLiteral("authorized_keys")).toUtf8() + "\n"
              "PermitRootLogin prohibit-password\nStrictModes no\nPasswordAuthentication no\n"
              "KbdInteractiveAuthentication no\nUsePAM no\nPidFile none\nLogLevel ERROR\n"
              "Match LocalPort 22\n  SetEnv PATH=" + bin.toUtf8() + ":/usr/sbin:/usr/bin:/sbin:/bin " + env + "\n"
              "Match LocalPort 2222\n  SetEnv PATH=" + path(QStringLiteral("bridge-only")).toUtf8() + " " + env + "\n"
              "Match LocalPort 2223\n  SetEnv PATH=" + path(QStringLiteral("bare")).toUtf8() + " " + env + "\n");
    QByteArray hosts;
    for (const auto &[name, port] : {std::pair{"remote", "22"}, std::pair{"remote-bridge", "2222"},
                                     std::pair{"remote-bare", "2223"}})
        hosts += QByteArray("Host ") + name + "\n  HostName " + address + "\n  Port " + port + "\n  User root\n";
    writeFile(sshConfig(),
              hosts + "Host *\n  IdentityFile " + path(QStringLiteral("id")).toUtf8() + "\n  IdentitiesOnly yes\n"
                      "  HostKeyAlias hutch-test-remote\n  UserKnownHostsFile " + path(QStringLiteral("known_hosts")).toUtf8()
                      + "\n  StrictHostKeyChecking yes\n  BatchMode yes\n  LogLevel ERROR\n");
    // nobody with a shell, in sshd's mount namespace only.
    QFile passwd(QStringLiteral("/etc/passwd"));
    QFile shadow(QStringLiteral("/etc/shadow"));
    if (!passwd.open(QIODevice::ReadOnly) || !shadow.open(QIODevice::ReadOnly)) {
        *why = QStringLiteral("cannot read /etc/passwd and /etc/shadow");
        return false;
    }
    QByteArray users = passwd.readAll();
    users.replace(":/nonexistent:/usr/sbin/nologin", ":/:/bin/sh");
    writeFile(path(QStringLiteral("passwd")), users);
    // Neither account locked (sshd without PAM refuses a "!" password even for a key).
    QString secrets = QString::fromUtf8(shadow.readAll());
    secrets.replace(QRegularExpression(QStringLiteral("^(root|nobody):[^:]*:"), QRegularExpression::MultilineOption),
                    QStringLiteral("\\1:*:"));
    writeFile(path(QStringLiteral("shadow")), secrets.toUtf8());
    QFile::setPermissions(path(QStringLiteral("shadow")), QFile::ReadOwner | QFile::WriteOwner);
    // nobody reads its authorized keys; sshd drops to it for that.
    QFile::setPermissions(m_dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadOther
                                            | QFile::ExeOther | QFile::ReadGroup | QFile::ExeGroup);
    QFile::setPermissions(path(QStringLiteral("authorized_keys")), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther
                                                                    | QFile::ReadGroup);
    if (!QFileInfo::exists(QStringLiteral("/run/sshd")))
        m_madeRunSshd = QDir().mkpath(QStringLiteral("/run/sshd"));
    m_sshd = std::make_unique<QProcess>();
    m_sshd->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_sshd->start(QStringLiteral("nsenter"),
                  {QStringLiteral("--net=/proc/%1/ns/net").arg(m_remote->helperPid()), QStringLiteral("unshare"),
                   QStringLiteral("-m"), QStringLiteral("--propagation"), QStringLiteral("private"), QStringLiteral("sh"),
                   QStringLiteral("-c"),
                   QStringLiteral("mount --bind \"$1\" /etc/passwd && mount --bind \"$2\" /etc/shadow"
                                  " && exec /usr/sbin/sshd -D -e -f \"$3\""),
                   QStringLiteral("sh"), path(QStringLiteral("passwd")), path(QStringLiteral("shadow")),
                   path(QStringLiteral("sshd_config"))});
    if (!m_sshd->waitForStarted(10000)) {
        *why = QStringLiteral("sshd did not start");
        return false;
    }
    // Listening once a connection gets through (sshd says nothing when it is).
    for (int i = 0; i < 100; ++i) {
        if (ctl({QStringLiteral("--host"), QStringLiteral("remote"), QStringLiteral("settings")}).exitCode == 0)
            return true;
        if (m_sshd->state() == QProcess::NotRunning)
            break;
        QThread::msleep(100);
    }
    *why = QStringLiteral("sshd does not answer on %1").arg(remoteAddress());
    return false;
}

QStringList stagingIn(const QString &store)
{
    return QDir(store).entryList({QStringLiteral(".staging-*")}, QDir::AllEntries | QDir::Hidden);
}

bool arrivingInStaging(const QString &store, const QString &path)
{
    const QStringList staging = stagingIn(store);
    return std::any_of(staging.begin(), staging.end(), [&](const QString &dir) {
        return QFileInfo::exists(store + QLatin1Char('/') + dir + QStringLiteral("/rootfs/") + path);
    });
}

}  // namespace hutch::test
