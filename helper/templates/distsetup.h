// What a distribution container (debian, ubuntu, an image from a server)
// needs to be usable at its first start, written into its rootfs while it is
// created: DHCP on eth0 in whatever the image uses (ifupdown or
// systemd-networkd), and a root password the user chose. Every path is
// resolved inside the rootfs (openat2 RESOLVE_IN_ROOT, no symlink followed
// out), every write is atomic, and the password is only ever held hashed
// outside this file. Helper process, job thread, root.
#pragma once

#include "error.h"

#include <QByteArray>
#include <QString>

#include <functional>

namespace hutch::templates {

struct DistributionSetup {
    // Empty: the root account stays as the image has it (debootstrap's is
    // locked; the GUI's console then suggests Shell).
    QByteArray rootPassword;
};

// `rootfs` is the directory being filled. Lines for the job's log go to
// `say`; none of them carries the password.
Status setUpDistribution(const QString &rootfs, const DistributionSetup &setup,
                         const std::function<void(const QString &)> &say);

// A yescrypt hash of `password` with a fresh salt, as passwd(1) writes it
// on Debian 12 ("$y$..."), or why not.
Result<QByteArray> hashPassword(const QByteArray &password);

// The root account's state in a rootfs's etc/shadow: "password" when it has
// one, "locked" when it has none ('*', '!' or empty would refuse a login),
// "unknown" when there is no readable shadow file.
QString rootLoginState(const QString &rootfs);

}  // namespace hutch::templates
