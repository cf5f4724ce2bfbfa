// Errors of the runtime (the code shared with hutch-monitor, which has no
// Qt): core/error.h's convention with std::string, so that the monitor stays
// small. Code and errno are the same as core's (base/result.h) and travel
// with the message over the monitor's socket. Each caller wraps with what it
// was doing:
//   mount /proc: open target "proc": Too many levels of symbolic links
#pragma once

#include "result.h"

#include <cerrno>
#include <cstring>
#include <optional>
#include <string>
#include <utility>

namespace hutch::rt {

using hutch::ErrorCode;

struct Error {
    int sysErrno = 0;  // 0 when no system call failed
    std::string message;
    ErrorCode code = ErrorCode::Failed;

    // A failed system call: "what: strerror(err)".
    static Error sys(int err, const std::string &what)
    {
        return {err, what + ": " + std::strerror(err)};
    }
    // The same with the current errno.
    static Error sys(const std::string &what) { return sys(errno, what); }
    static Error msg(std::string message, ErrorCode code = ErrorCode::Failed) { return {0, std::move(message), code}; }

    [[nodiscard]] Error wrap(const std::string &context) const
    {
        return {sysErrno, context + ": " + message, code};
    }
    [[nodiscard]] Error as(ErrorCode newCode) const { return {sysErrno, message, newCode}; }
};

// Success or an Error.
using Status = std::optional<Error>;

template <typename T>
using Result = BasicResult<T, Error>;

}  // namespace hutch::rt
