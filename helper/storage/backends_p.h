// The backends behind backend.h's makeBackend, one file each.
#pragma once

#include "backend.h"

namespace hutch::storage {

std::unique_ptr<Backend> makeDirBackend();
std::unique_ptr<Backend> makeOverlayBackend();
std::unique_ptr<Backend> makeBtrfsBackend();
std::unique_ptr<Backend> makeLvmBackend();

}  // namespace hutch::storage
