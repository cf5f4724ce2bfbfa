// libFuzzer: the monitor protocol's text (protocol.h): escaped fields and
// error replies. Properties: unescape(escape(x)) == x; an escaped field
// holds no newline; an error reply read back keeps its code and errno.
#include "protocol.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string text(reinterpret_cast<const char *>(data), size);
    const std::string escaped = hutch::rt::escapeField(text);
    if (escaped.find('\n') != std::string::npos || escaped.find('\0') != std::string::npos)
        std::abort();
    if (hutch::rt::unescapeField(escaped) != text)
        std::abort();
    (void)hutch::rt::unescapeField(text);
    const hutch::rt::Error parsed = hutch::rt::parseErrorReply(text);
    const hutch::rt::Error back = hutch::rt::parseErrorReply(hutch::rt::errorReply(parsed));
    if (back.code != parsed.code || back.sysErrno != parsed.sysErrno)
        std::abort();
    return 0;
}
