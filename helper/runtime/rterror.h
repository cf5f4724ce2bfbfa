// Errors of the runtime (the code shared with hutch-monitor, which has no
// Qt): the same convention as core/error.h with std::string, so that the
// monitor stays small. Each caller wraps with what it was doing:
//   mount /proc: open target "proc": Too many levels of symbolic links
#pragma once

#include <cerrno>
#include <cstring>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace hutch::rt {

struct Error {
    int sysErrno = 0;  // 0 when no system call failed
    std::string message;

    // A failed system call: "what: strerror(err)".
    static Error sys(int err, const std::string &what)
    {
        return {err, what + ": " + std::strerror(err)};
    }
    // The same with the current errno.
    static Error sys(const std::string &what) { return sys(errno, what); }
    static Error msg(std::string message) { return {0, std::move(message)}; }

    [[nodiscard]] Error wrap(const std::string &context) const
    {
        return {sysErrno, context + ": " + message};
    }
};

// Success or an Error.
using Status = std::optional<Error>;

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

}  // namespace hutch::rt
