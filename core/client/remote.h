// Another machine's hutch-helper, reached over SSH with D-Bus's own
// unixexec: transport: `ssh [USER@]HOST` runs a stdio-to-bus bridge there
// (systemd-stdio-bridge where it is installed, else our hutch-bridge), and
// the remote polkit decides for the SSH user as it does for a local one.
// The host comes from `hutchctl --host` or $HUTCH_HOST; $HUTCH_SSH_CONFIG
// names an ssh_config file (ssh -F) for keys, ports and known hosts.
//
// Descriptors cannot cross SSH: what hands one over (a console's pty, an
// attach, export and import files) runs as hutchctl on the remote host
// instead, ssh carrying its terminal or its bytes (remoteHutchctl()).
#pragma once

#include "error.h"

#include <QString>
#include <QStringList>

namespace hutch::client {

// $HUTCH_HOST, or empty: the helper on this machine.
QString remoteHost();

// Refuses what ssh would read as an option or a second word.
Status validateHost(const QString &host);

// `ssh` on PATH, else a Failed error naming it (Debian package openssh-client).
Result<QString> sshProgram();

// The D-Bus address that reaches HOST's system bus through ssh and the bridge.
Result<QString> remoteBusAddress(const QString &host);

// The argv that runs `hutchctl ARGS...` on HOST (ssh -t when `terminal`),
// with a message naming hutchctl when it is not installed there; `bulk`
// (archives, files): with bulkSshOptions().
Result<QStringList> remoteHutchctl(const QString &host, const QStringList &args, bool terminal, bool bulk = false);

// ssh options for a connection that carries bulk bytes: the cipher that
// costs least per byte on this CPU first (AES-GCM where it has AES
// instructions), the rest of ssh's defaults after it, so that a server
// without it still agrees on one. Overrides a Ciphers line of ssh_config.
QStringList bulkSshOptions();

// The shell commands run on HOST (tested without ssh).
QString bridgeScript();
QString hutchctlScript(const QStringList &args);
// A D-Bus address value with every byte outside [-0-9A-Za-z_/.\*] as %XX.
QString escapeAddressValue(const QString &value);
// A word for a POSIX shell: 'as is', with ' as '\''.
QString shellQuote(const QString &word);

}  // namespace hutch::client
