// What a container is and does, read from its config, its monitor and
// /proc: the entries of ListContainers, GetStats. Runs on worker threads;
// every function here only reads.
#pragma once

#include "error.h"
#include "monitorlink.h"
#include "settings.h"

#include <QHash>
#include <QMutex>
#include <QStringList>
#include <QVariantMap>

#include <sys/stat.h>

namespace hutch::service {

// Whether STORE/NAME is a container directory (Store::contains).
bool containerExists(const HelperSettings &settings, const QString &name);

// One ListContainers entry (see io.github.hutch.Helper1.xml).
// How root logs in on the console, read from the rootfs's etc/shadow (dir,
// btrfs and overlay rootfs): "password", "locked" (the console's login
// refuses root: use a shell), "empty" (no password asked) or "unknown".
QString rootLogin(const HelperSettings &settings, const QString &name);

QVariantMap describeContainer(const HelperSettings &settings, const QString &name);

// What entries take from configs, kept while a config file stays the same
// (device, inode, size, mtime and ctime as stat gives them), so that a
// listing reads again only the configs that changed: parsing was most of
// listing 1,000 containers. Only for configs without lxc.include (the
// included files are not checked) and older than a second when read (a
// write within the same clock tick would keep the stamp; git's racy-index
// rule). State, pid and addresses are asked for every time. Nothing here
// is more than a copy of the disk: a restarted helper starts empty.
class DescribeCache {
public:
    QVariantMap describe(const HelperSettings &settings, const QString &name);
    // Forgets the containers not in NAMES (a full listing's).
    void keepOnly(const QStringList &names);

private:
    struct Stamp {
        dev_t dev = 0;
        ino_t ino = 0;
        off_t size = 0;
        timespec mtime{}, ctime{};
        bool operator==(const Stamp &o) const;
    };
    struct Entry {
        Stamp stamp;
        QVariantMap config;
    };
    QMutex m_mutex;
    QHash<QString, Entry> m_entries;
};

// The entries of NAMES, in order, described by several threads at once:
// each running container waits for its monitor's answer, which on a busy
// machine waits for the monitor's turn on a CPU; the threads overlap those
// waits (100 running containers listed one by one took 75 ms under load).
QList<QVariantMap> describeContainers(const HelperSettings &settings, const QStringList &names, DescribeCache &cache);

// Addresses in the network namespace of `pid` (from /proc/PID/net):
// loopback and link-local left out.
QStringList ipv4Addresses(qint64 pid);
QStringList ipv6Addresses(qint64 pid);

// GetStats of a running container.
Result<QVariantMap> containerStats(const HelperSettings &settings, const QString &name);

}  // namespace hutch::service
