// A digest of a file tree, for tests and checks that two trees are the
// same: paths, types, modes, owners, xattrs, symlink targets, device
// numbers, file contents and hardlink groups (optionally times). Nothing is
// followed: symlinks are read as links.
#pragma once

#include "error.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace hutch::storage {

struct TreeDigest {
    QByteArray sha256;      // over `lines`
    QStringList lines;      // one per entry, sorted by path: what differs is readable
    quint64 allocatedBytes = 0;  // st_blocks * 512 of everything (sparse files stay small)
    quint64 entries = 0;
};

struct DigestOptions {
    bool times = false;  // include modification times
};

Result<TreeDigest> digestTree(const QString &root, const DigestOptions &options = {});

// The lines of `a` not in `b` and of `b` not in `a` ("- ..." / "+ ..."), for
// a test's failure message.
QStringList digestDifference(const TreeDigest &a, const TreeDigest &b, int max = 20);

}  // namespace hutch::storage
