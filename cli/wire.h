// A small D-Bus client without Qt, for hutchctl's one-shot commands (list,
// info, start/stop, wait, attach, execute): a process that loads Qt and
// starts QtDBus's thread spends several milliseconds before its first
// message, longer than the helper takes to answer. It speaks the wire
// protocol of the D-Bus specification on a unix socket: EXTERNAL
// authentication, unix fd passing, Hello, method calls, signals; values in
// little-endian order (the bus daemon's on every machine Hutch runs on).
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hutch::wire {

// A value read from a message. Containers keep their elements in `items`
// (an array's, a struct's fields, a variant's one value) or `entries` (a
// dict's key and value pairs).
struct Value {
    char type = 0;  // the D-Bus type code; 'e' for a dict (a{..})
    std::string text;  // s, o, g
    uint64_t number = 0;  // y b n q i u x t h (signed ones sign-extended)
    double real = 0;  // d
    std::vector<Value> items;
    std::vector<std::pair<Value, Value>> entries;

    // In an a{sv}: the value of KEY (the variant unwrapped), or null.
    const Value *get(const std::string &key) const;
    std::string str(const std::string &key) const;
    int64_t integer(const std::string &key) const;
    bool boolean(const std::string &key) const;
    std::vector<std::string> strings(const std::string &key) const;
};

// An option of an a{sv} argument: a bool, a uint32 or a string.
struct Option {
    std::string key;
    char type;  // 'b', 'u' or 's'
    uint64_t number = 0;
    std::string text;
};

// The arguments of a call, in order.
class Args {
public:
    Args &str(const std::string &s);
    Args &u32(uint32_t v);
    Args &strings(const std::vector<std::string> &list);
    Args &options(const std::vector<Option> &options);

    const std::string &signature() const { return m_signature; }
    const std::string &data() const { return m_data; }

private:
    std::string m_signature, m_data;
};

struct Message {
    enum Type : uint8_t { Call = 1, Reply = 2, Error = 3, Signal = 4 };
    uint8_t type = 0;
    uint32_t serial = 0, replySerial = 0;
    std::string path, interface, member, errorName, sender, signature;
    std::vector<Value> args;
    std::vector<int> fds;  // the message's descriptors; the reader owns them

    // An error's message (its first argument).
    std::string errorMessage() const { return !args.empty() && args[0].type == 's' ? args[0].text : std::string(); }
};

class Connection {
public:
    // Connects to ADDRESS ("unix:path=..." or "unix:abstract=...", the first
    // of a ';' list that is one of those), authenticates as this process's
    // user and says Hello without waiting for the bus's answers (read with
    // the first reply or signal). Null with *error.
    static std::optional<Connection> open(const std::string &address, std::string *error);
    Connection(Connection &&other) noexcept;
    Connection &operator=(Connection &&) = delete;
    ~Connection();

    // Sends a method call and returns its serial (0 when the socket failed).
    uint32_t send(const std::string &destination, const std::string &path, const std::string &interface,
                  const std::string &member, const Args &args = {});
    // The reply (Reply or Error) to SERIAL; messages that come before it
    // are kept for next(). Null with *error when the connection ended or
    // TIMEOUTMS passed.
    std::optional<Message> reply(uint32_t serial, int timeoutMs, std::string *error);
    std::optional<Message> call(const std::string &destination, const std::string &path, const std::string &interface,
                                const std::string &member, const Args &args, int timeoutMs, std::string *error)
    {
        const uint32_t serial = send(destination, path, interface, member, args);
        return reply(serial, timeoutMs, error);
    }
    // The next message that is not a reply (a signal), in order.
    std::optional<Message> next(int timeoutMs, std::string *error);

private:
    explicit Connection(int fd) : m_fd(fd) {}
    bool fill(int timeoutMs, std::string *error);
    // Reads the bus's answers to the handshake open() sent, once.
    bool handshake(int64_t deadline, std::string *error);
    std::optional<Message> take(std::string *error);

    int m_fd = -1;
    uint32_t m_serial = 0;
    bool m_handshaking = false;  // the answers to open()'s handshake not read yet
    std::string m_in;
    std::deque<int> m_fds;
    std::deque<Message> m_kept;
};

// $HUTCH_BUS_ADDRESS, else $DBUS_SYSTEM_BUS_ADDRESS, else the system bus's
// socket.
std::string helperBusAddress();

}  // namespace hutch::wire
