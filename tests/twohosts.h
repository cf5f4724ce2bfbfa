// Two "hosts" on this machine for the several-hosts tests and bench_remote:
// two BusFixtures (each its own network namespace, bus, polkitd, helper
// and store) joined by a veth pair (10.231.23.1 and .2), and Debian's sshd
// in the second namespace with keys made here. hutchctl runs in the first
// namespace. Nothing leaves the machine.
//
// sshd listens on three ports, each a remote machine of a different make:
// 22 with systemd-stdio-bridge and hutchctl on PATH, 2222 with only
// hutch-bridge and hutchctl, 2223 with neither (ssh_config names them
// "remote", "remote-bridge" and "remote-bare"). It runs in a mount
// namespace of its own where nobody's login shell is /bin/sh (Debian's is
// nologin), so that polkit can refuse a remote user that is not root.
//
// No Qt Test here: the benchmark uses it too.
#pragma once

#include "busfixture.h"

#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace hutch::test {

// Why the two hosts cannot be made here (no root, no sshd, ...), or empty.
QString twoHostsUnavailableReason();

// The staging directories (.staging-*) in a store: a transfer under way, or
// one that left something behind.
QStringList stagingIn(const QString &store);
// Whether a transfer into `store` has reached `path` (relative to the
// staging rootfs, "root/blob") in one of its staging directories.
bool arrivingInStaging(const QString &store, const QString &path);

class TwoHosts {
public:
    TwoHosts() = default;
    ~TwoHosts();
    TwoHosts(const TwoHosts &) = delete;
    TwoHosts &operator=(const TwoHosts &) = delete;

    // Both fixtures, the link and sshd; false with *why on failure.
    bool start(QString *why);
    // sshd, then both fixtures. Safe to call twice.
    void cleanup();

    BusFixture &local() const { return *m_local; }
    BusFixture &remote() const { return *m_remote; }
    static QString remoteAddress();
    QString sshConfig() const { return path(QStringLiteral("ssh_config")); }
    // sshd's process (the sessions it runs for ssh are its descendants).
    qint64 sshdPid() const { return m_sshd ? m_sshd->processId() : 0; }
    QString path(const QString &name) const { return m_dir.filePath(name); }

    // hutchctl in the first host's namespace, as root, with
    // HUTCH_BUS_ADDRESS and HUTCH_SSH_CONFIG set; `env`: more VAR=VALUE.
    BusFixture::Result ctl(const QStringList &args, const QByteArray &input = {}, const QStringList &env = {},
                           int timeoutMs = 180000) const;
    // The same, started and left running; the caller owns the process.
    std::unique_ptr<QProcess> startCtl(const QStringList &args, const QStringList &env = {}) const;
    // `argv` in the first host's namespace (nsenter), started; the caller owns it.
    std::unique_ptr<QProcess> startInLocal(const QStringList &argv, const QStringList &env = {}) const;

private:
    bool linkHosts();
    bool startSshd(QString *why);
    QProcessEnvironment environment(const QStringList &env) const;

    std::unique_ptr<BusFixture> m_local, m_remote;
    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_sshd;
    bool m_madeRunSshd = false;
};

}  // namespace hutch::test
