// Container names: each becomes a directory in the store and, by default,
// the container's hostname, so a name must be safe as both.
#pragma once

#include "error.h"

namespace hutch {

constexpr int kMaxContainerNameBytes = 64;

// Letters, digits, '-', '_' and '.', starting with a letter or digit, at
// most 64 bytes; never ".", "..", "/", blanks or control characters.
// The Error says which rule the name breaks.
Status validateContainerName(const QString &name);

}  // namespace hutch
