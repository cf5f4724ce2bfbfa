#include "remote.h"

#include <QFile>
#include <QRegularExpression>
#include <QStandardPaths>

namespace hutch::client {

namespace {

// The status the remote scripts end with when a program is missing, as
// the shell's "command not found".
constexpr int kMissing = 127;

// Options every ssh of ours takes: no X11 or agent forwarding, the
// user's ssh_config file when $HUTCH_SSH_CONFIG names one.
QStringList sshOptions()
{
    QStringList options{QStringLiteral("-x"), QStringLiteral("-a")};
    const QString config = qEnvironmentVariable("HUTCH_SSH_CONFIG");
    if (!config.isEmpty())
        options << QStringLiteral("-F") << config;
    return options;
}

// Whether this CPU encrypts AES in hardware (x86's "aes" flag, ARM's
// "aes" feature in /proc/cpuinfo).
bool hasAesInstructions()
{
    QFile cpuinfo(QStringLiteral("/proc/cpuinfo"));
    if (!cpuinfo.open(QIODevice::ReadOnly))
        return false;
    static const QRegularExpression aes(QStringLiteral("^(flags|Features)\\s*:.*\\baes\\b"),
                                        QRegularExpression::MultilineOption);
    return aes.match(QString::fromLatin1(cpuinfo.read(1 << 20))).hasMatch();
}

}  // namespace

QStringList bulkSshOptions()
{
    // With AES instructions AES-GCM costs ssh and sshd far less per byte
    // than OpenSSH's default chacha20-poly1305, whose poly1305 is plain C
    // (here: ssh cat of 1 GiB 4.1 s against 6.5 s); without them chacha20
    // is the faster one and stays first.
    static const bool aes = hasAesInstructions();
    if (!aes)
        return {};
    return {QStringLiteral("-o"), QStringLiteral("Ciphers=^aes128-gcm@openssh.com,aes256-gcm@openssh.com")};
}

QString remoteHost()
{
    return qEnvironmentVariable("HUTCH_HOST");
}

Status validateHost(const QString &host)
{
    static const QRegularExpression allowed(QStringLiteral("^[A-Za-z0-9_.][A-Za-z0-9_.@:%\\[\\]-]*$"));
    if (host.size() > 255 || !allowed.match(host).hasMatch())
        return Error::invalid(QStringLiteral("\"%1\" is not a host ([USER@]HOST)").arg(host.left(64)));
    return std::nullopt;
}

Result<QString> sshProgram()
{
    const QString ssh = QStandardPaths::findExecutable(QStringLiteral("ssh"));
    if (ssh.isEmpty())
        return Error::failed(QStringLiteral("ssh is not installed on this computer (Debian package openssh-client)"));
    return ssh;
}

QString escapeAddressValue(const QString &value)
{
    QString out;
    for (const char c : value.toUtf8()) {
        const bool plain = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-'
                           || c == '_' || c == '/' || c == '.' || c == '\\' || c == '*';
        out += plain ? QString(QLatin1Char(c)) : QStringLiteral("%%1").arg(uint(uchar(c)), 2, 16, QLatin1Char('0'));
    }
    return out;
}

QString shellQuote(const QString &word)
{
    QString quoted = word;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

// Runs in the SSH user's login shell on the remote host. systemd-stdio-bridge
// goes to the system bus ($DBUS_SYSTEM_BUS_ADDRESS where set, as sd-bus and
// libdbus read it); hutch-bridge reads the variable itself.
QString bridgeScript()
{
    return QStringLiteral(
               "if command -v systemd-stdio-bridge >/dev/null 2>&1; then "
               "exec systemd-stdio-bridge --bus-path=\"${DBUS_SYSTEM_BUS_ADDRESS:-unix:path=/run/dbus/system_bus_socket}\"; "
               "elif command -v hutch-bridge >/dev/null 2>&1; then exec hutch-bridge; fi; "
               "echo \"hutch: neither systemd-stdio-bridge nor hutch-bridge is installed on $(uname -n)\" >&2; exit %1")
        .arg(kMissing);
}

QString hutchctlScript(const QStringList &args)
{
    QStringList words{QStringLiteral("exec hutchctl")};
    for (const QString &a : args)
        words << shellQuote(a);
    return QStringLiteral("if ! command -v hutchctl >/dev/null 2>&1; then "
                          "echo \"hutch: hutchctl is not installed on $(uname -n)\" >&2; exit %1; fi; ")
               .arg(kMissing)
           + words.join(QLatin1Char(' '));
}

Result<QString> remoteBusAddress(const QString &host)
{
    if (auto err = validateHost(host))
        return *err;
    auto ssh = sshProgram();
    if (!ssh)
        return ssh.error();
    // -T: no terminal, the bridge speaks the bus protocol on stdin/stdout.
    const QStringList argv = QStringList{QStringLiteral("ssh")} + sshOptions()
                             + QStringList{QStringLiteral("-T"), QStringLiteral("-e"), QStringLiteral("none"), host,
                                           bridgeScript()};
    QString address = QStringLiteral("unixexec:path=") + escapeAddressValue(*ssh);
    for (qsizetype i = 0; i < argv.size(); ++i)
        address += QStringLiteral(",argv%1=%2").arg(i).arg(escapeAddressValue(argv.at(i)));
    return address;
}

Result<QStringList> remoteHutchctl(const QString &host, const QStringList &args, bool terminal, bool bulk)
{
    if (auto err = validateHost(host))
        return *err;
    auto ssh = sshProgram();
    if (!ssh)
        return ssh.error();
    return QStringList{*ssh} + sshOptions() + (bulk ? bulkSshOptions() : QStringList())
           + QStringList{terminal ? QStringLiteral("-tt") : QStringLiteral("-T"), QStringLiteral("-e"),
                         QStringLiteral("none"), QStringLiteral("-o"), QStringLiteral("LogLevel=error"), host,
                         hutchctlScript(args)};
}

}  // namespace hutch::client
