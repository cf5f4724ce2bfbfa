// What the guide's templates offer beside the rootfs (lxc-ubuntu's -b, -S,
// lxc-ubuntu-cloud's -u), for a container of any template, done after the
// template made it and before its first start:
//  - a host user bound into it: their passwd and shadow entries copied,
//    their group made, their shell checked (else /bin/sh), sudo (the group
//    made where absent), their home bind-mounted at start (idmapped in a
//    container with lxc.idmap, so that the files keep their owner);
//  - an SSH public key for root (/root/.ssh/authorized_keys);
//  - cloud-init user data as a NoCloud seed.
// Every path inside the rootfs is resolved in it without following a
// symlink (openat2 RESOLVE_IN_ROOT | RESOLVE_NO_SYMLINKS); files are
// replaced by rename, never written through. Helper (root), job threads.
#pragma once

#include "busybox.h"
#include "error.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace hutch::templates {

// A host account as the bind copies it.
struct HostUser {
    QString name;
    uint uid = 0, gid = 0;
    QString gecos, home, shell, groupName;
    QByteArray shadowLine;  // "name:hash:..." as /etc/shadow holds it ("name:*:..." without one)
};

// The name as passwd(5) allows it (what useradd accepts), else InvalidArgument.
Status validateUserName(const QString &name);
// The host's account NAME (passwd, shadow, primary group). NotFound when
// there is none; InvalidArgument for root (uid 0) or a home that cannot
// be an fstab field (not absolute, whitespace).
Result<HostUser> lookupHostUser(const QString &name);

// An authorized_keys text: every line a public key ("[options] TYPE BASE64
// [comment]"), comments and blank lines kept; never a private key.
Status validateAuthorizedKeys(const QByteArray &text);
// cloud-init user data: at most 1 MiB, text without NUL bytes.
Status validateUserData(const QByteArray &text);

struct Personalization {
    std::optional<HostUser> user;
    QByteArray authorizedKeys;  // empty: none
    QByteArray userData;        // empty: none
    bool empty() const { return !user && authorizedKeys.isEmpty() && userData.isEmpty(); }
};

// Writes the personalization into the rootfs directory ROOTFS of container
// NAME (hostname HOSTNAME). `idmapped`: the container has lxc.idmap. Files
// made for root or the user are owned as the rootfs's own root directory
// is (a rootfs shifted at creation has its root at the mapped id). Returns
// the config lines to add (the home's lxc.mount.entry).
Result<QStringList> personalizeRootfs(const QString &rootfs, const QString &name, const QString &hostname,
                                      const Personalization &personalization, bool idmapped, const Progress &progress);

}  // namespace hutch::templates
