// Atomic file replacement: write a temporary file beside the target, fsync
// it, rename it over the target, fsync the directory. A reader sees the old
// content or the new, never a mix; a crash leaves one or the other.
#pragma once

#include "error.h"

#include <QByteArray>
#include <QString>

#include <sys/types.h>

namespace hutch {

// `mode` applies to a new file; an existing file keeps its mode and owner.
Status writeFileAtomically(const QString &path, const QByteArray &data, mode_t mode = 0644);

}  // namespace hutch
