// Errors as values (crun's convention): a fallible function returns an Error
// with a code, the errno if a system call failed, and a message; each caller
// that passes it on adds what it was doing, so the user reads the whole chain:
//   start "web": mount /proc: open target "proc": Too many levels of symbolic links
// The code is the contract's kind of failure (base/result.h) and is chosen by
// the caller that knows what the failure means to the contract, never guessed
// from the errno: a deep ENOENT is not "no such container".
#pragma once

#include "result.h"

#include <QString>

#include <optional>
#include <utility>

namespace hutch {

struct Error {
    using Code = ErrorCode;

    Code code = Code::Failed;
    int sysErrno = 0;  // 0 when no system call was involved
    QString message;

    static Error invalid(QString message) { return {Code::InvalidArgument, 0, std::move(message)}; }
    static Error notFound(QString message) { return {Code::NotFound, 0, std::move(message)}; }
    static Error failed(QString message) { return {Code::Failed, 0, std::move(message)}; }
    static Error busy(QString message) { return {Code::Busy, 0, std::move(message)}; }
    static Error conflict(QString message) { return {Code::Conflict, 0, std::move(message)}; }
    static Error notAuthorized(QString message) { return {Code::NotAuthorized, 0, std::move(message)}; }
    static Error cancelled(QString message = QStringLiteral("cancelled"))
    {
        return {Code::Cancelled, 0, std::move(message)};
    }
    // Failed system call: the message is completed with strerror(err). The
    // code is Failed unless the caller says what the errno means here.
    static Error system(int err, const QString &what, Code code = Code::Failed);

    // "context: message", keeping code and errno.
    [[nodiscard]] Error wrap(const QString &context) const;
    // The same failure, as the contract's `code` (the caller decides).
    [[nodiscard]] Error as(Code newCode) const { return {newCode, sysErrno, message}; }
};

// A value or an Error.
template <typename T>
using Result = BasicResult<T, Error>;

// Success or an Error: a missing error is success.
using Status = std::optional<Error>;

}  // namespace hutch
