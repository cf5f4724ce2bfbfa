// Errors as values (crun's convention): a fallible function returns an Error
// with a code, the errno if a system call failed, and a message; each caller
// that passes it on adds what it was doing, so the user reads the whole chain:
//   start "web": mount /proc: open target "proc": Too many levels of symbolic links
#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace hutch {

struct Error {
    // The handful of kinds the D-Bus boundary maps to error names.
    enum class Code { Failed, InvalidArgument, NotFound, NotAuthorized, Busy, Cancelled };

    Code code = Code::Failed;
    int sysErrno = 0;  // 0 when no system call was involved
    QString message;

    static Error invalid(QString message) { return {Code::InvalidArgument, 0, std::move(message)}; }
    static Error notFound(QString message) { return {Code::NotFound, 0, std::move(message)}; }
    static Error failed(QString message) { return {Code::Failed, 0, std::move(message)}; }
    static Error busy(QString message) { return {Code::Busy, 0, std::move(message)}; }
    // Failed system call: the message is completed with strerror(err).
    static Error system(int err, const QString &what);

    // "context: message", keeping code and errno.
    [[nodiscard]] Error wrap(const QString &context) const;
};

// A value or an Error (what std::expected is in C++23).
template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_v(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<0>(m_v); }
    const T &value() const & { return std::get<0>(m_v); }
    T &&value() && { return std::get<0>(std::move(m_v)); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }

    const Error &error() const { return std::get<1>(m_v); }

private:
    std::variant<T, Error> m_v;
};

// Success or an Error: a missing error is success.
using Status = std::optional<Error>;

}  // namespace hutch
