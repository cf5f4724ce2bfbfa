// libFuzzer: the launch spec hutch-monitor parses from the helper's pipe
// (spec.h). Properties: nothing crashes; a spec that parses serializes to
// text that parses to the same serialization.
#include "spec.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string text(reinterpret_cast<const char *>(data), size);
    auto spec = hutch::rt::LaunchSpec::parse(text);
    if (!spec)
        return 0;
    const std::string once = spec->serialize();
    auto again = hutch::rt::LaunchSpec::parse(once);
    if (!again || again->serialize() != once)
        std::abort();
    return 0;
}
