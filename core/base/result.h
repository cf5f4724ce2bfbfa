// The Qt-free base of the error vocabulary, shared by core (Qt) and the
// runtime (plain C++, in hutch-monitor and the container's init): the kinds
// of failure the D-Bus contract knows, and a value-or-error type. core's
// Error (QString) and the runtime's rt::Error (std::string) both carry an
// ErrorCode and an errno, so a failure keeps both across every process
// boundary: container child -> monitor -> helper -> D-Bus -> client.
#pragma once

#include <optional>
#include <string_view>
#include <utility>
#include <variant>

namespace hutch {

// The contract's error kinds; their names are the last part of the D-Bus
// error names (io.github.hutch.Error.NotFound, ...), see core/errornames.h.
// Busy passes (a state: running, a job under way); Conflict lasts until the
// caller changes something (the name is taken, clones depend on it).
enum class ErrorCode { Failed, InvalidArgument, NotFound, NotAuthorized, Busy, Conflict, Cancelled };

// "Failed", "InvalidArgument", ...: the one table of names.
constexpr const char *errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Failed: return "Failed";
    case ErrorCode::InvalidArgument: return "InvalidArgument";
    case ErrorCode::NotFound: return "NotFound";
    case ErrorCode::NotAuthorized: return "NotAuthorized";
    case ErrorCode::Busy: return "Busy";
    case ErrorCode::Conflict: return "Conflict";
    case ErrorCode::Cancelled: return "Cancelled";
    }
    return "Failed";
}

// A D-Bus error name is this prefix and errorCodeName's name.
inline constexpr std::string_view kErrorNamePrefix = "io.github.hutch.Error.";

// The code of a name from errorCodeName; nothing for any other text.
constexpr std::optional<ErrorCode> errorCodeFromName(std::string_view name)
{
    for (ErrorCode c : {ErrorCode::Failed, ErrorCode::InvalidArgument, ErrorCode::NotFound, ErrorCode::NotAuthorized,
                        ErrorCode::Busy, ErrorCode::Conflict, ErrorCode::Cancelled})
        if (name == errorCodeName(c))
            return c;
    return std::nullopt;
}

// A value or an error E (what std::expected is in C++23).
template <typename T, typename E>
class [[nodiscard]] BasicResult {
public:
    BasicResult(T value) : m_v(std::in_place_index<0>, std::move(value)) {}
    BasicResult(E error) : m_v(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<0>(m_v); }
    const T &value() const & { return std::get<0>(m_v); }
    T &&value() && { return std::get<0>(std::move(m_v)); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }

    const E &error() const { return std::get<1>(m_v); }

private:
    std::variant<T, E> m_v;
};

}  // namespace hutch
