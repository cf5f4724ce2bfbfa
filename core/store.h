// The container store (LXC's lxcpath): one directory per container,
// /var/lib/hutch/NAME/{config,rootfs,fstab,...}.
#pragma once

#include "error.h"

#include <QList>
#include <QStringList>
#include <QString>

namespace hutch {

struct StoreEntry {
    QString name;
    QString path;          // the container's directory
    bool broken = false;   // listed, but its config cannot be used
    QString problem;       // why it is broken
};

// A container's config as the helper may read it as root: a regular file
// (never a symlink: /etc/shadow would be read back as a config), owned by
// the reading process's user (root). NotFound when there is none; else
// InvalidArgument naming the file and what is wrong with it.
Status checkConfigFile(const QString &path);

class Store {
public:
    static QString defaultPath() { return QStringLiteral("/var/lib/hutch"); }

    explicit Store(QString path = defaultPath());

    const QString &path() const { return m_path; }
    QString containerDir(const QString &name) const;
    QString configPath(const QString &name) const;
    QString rootfsPath(const QString &name) const;

    // The names of the container directories, sorted, without reading any
    // config (the helper's listing reads them through its own cache);
    // dot-directories (staging areas), symlinks and files are never listed.
    // Fails only when the store itself cannot be read.
    Result<QStringList> names() const;
    // Whether NAME is a container directory here (a directory, not a symlink).
    bool contains(const QString &name) const;

    // Every container directory, sorted by name. A directory without a
    // usable config is listed as broken, with the reason, instead of failing
    // the listing; dot-directories (staging areas) are never listed.
    // Fails only when the store itself cannot be read.
    Result<QList<StoreEntry>> list() const;

    // One entry (broken or not); NotFound when there is no such directory.
    Result<StoreEntry> entry(const QString &name) const;

private:
    StoreEntry inspect(const QString &name) const;

    QString m_path;
};

}  // namespace hutch
