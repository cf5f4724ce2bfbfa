#include "wire.h"

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

namespace hutch::wire {

namespace {

// Messages larger than this are refused (the specification's limit is 128 MiB).
constexpr size_t kMaxMessage = 64u * 1024 * 1024;

size_t alignment(char type)
{
    switch (type) {
    case 'y': case 'g': case 'v': return 1;
    case 'n': case 'q': return 2;
    case 'x': case 't': case 'd': case '(': case '{': return 8;
    default: return 4;
    }
}

// Where the single complete type starting at SIG ends.
const char *typeEnd(const char *sig)
{
    if (*sig == 'a')
        return typeEnd(sig + 1);
    if (*sig == '(' || *sig == '{') {
        const char close = *sig == '(' ? ')' : '}';
        ++sig;
        while (*sig && *sig != close)
            sig = typeEnd(sig);
        return *sig ? sig + 1 : sig;
    }
    return *sig ? sig + 1 : sig;
}

class Writer {
public:
    explicit Writer(std::string &out) : m_out(out) {}
    void align(size_t n)
    {
        while (m_out.size() % n)
            m_out.push_back('\0');
    }
    void u8(uint8_t v) { m_out.push_back(char(v)); }
    void u32(uint32_t v)
    {
        align(4);
        m_out.append(reinterpret_cast<const char *>(&v), 4);
    }
    void str(const std::string &s)
    {
        u32(uint32_t(s.size()));
        m_out.append(s);
        m_out.push_back('\0');
    }
    void sig(const std::string &s)
    {
        u8(uint8_t(s.size()));
        m_out.append(s);
        m_out.push_back('\0');
    }
    // An array's length goes before its elements, once they are written.
    size_t beginArray(char elementType)
    {
        u32(0);
        const size_t lengthAt = m_out.size() - 4;
        align(alignment(elementType));
        m_start = m_out.size();
        return lengthAt;
    }
    void endArray(size_t lengthAt, size_t start)
    {
        const uint32_t length = uint32_t(m_out.size() - start);
        std::memcpy(&m_out[lengthAt], &length, 4);
    }
    size_t lastStart() const { return m_start; }
    size_t size() const { return m_out.size(); }

private:
    std::string &m_out;
    size_t m_start = 0;
};

class Reader {
public:
    Reader(const std::string &data, size_t pos, size_t end, const std::vector<int> &fds)
        : m_data(data), m_pos(pos), m_end(end), m_fds(fds) {}

    bool align(size_t n)
    {
        while (m_pos % n)
            ++m_pos;
        return m_pos <= m_end;
    }
    bool raw(void *out, size_t n)
    {
        if (!align(n) || m_end - m_pos < n)
            return false;
        std::memcpy(out, m_data.data() + m_pos, n);
        m_pos += n;
        return true;
    }
    bool text(size_t length, std::string &out)
    {
        if (m_end - m_pos < length + 1)
            return false;
        out.assign(m_data, m_pos, length);
        m_pos += length + 1;
        return true;
    }
    size_t pos() const { return m_pos; }

    // One value of the single complete type at SIG.
    bool value(const char *sig, Value &out, int depth = 0)
    {
        if (depth > 32)
            return false;
        out.type = *sig;
        switch (*sig) {
        case 'y': { uint8_t v; if (!raw(&v, 1)) return false; out.number = v; return true; }
        case 'n': { int16_t v; if (!raw(&v, 2)) return false; out.number = uint64_t(int64_t(v)); return true; }
        case 'q': { uint16_t v; if (!raw(&v, 2)) return false; out.number = v; return true; }
        case 'i': { int32_t v; if (!raw(&v, 4)) return false; out.number = uint64_t(int64_t(v)); return true; }
        case 'b': case 'u': { uint32_t v; if (!raw(&v, 4)) return false; out.number = v; return true; }
        case 'h': {
            uint32_t v;
            if (!raw(&v, 4) || v >= m_fds.size())
                return false;
            out.number = uint64_t(m_fds[v]);
            return true;
        }
        case 'x': case 't': { uint64_t v; if (!raw(&v, 8)) return false; out.number = v; return true; }
        case 'd': return raw(&out.real, 8);
        case 's': case 'o': { uint32_t n; return raw(&n, 4) && text(n, out.text); }
        case 'g': { uint8_t n; return raw(&n, 1) && text(n, out.text); }
        case 'v': {
            Value signature;
            if (!value("g", signature, depth + 1) || signature.text.empty()
                || typeEnd(signature.text.c_str()) != signature.text.c_str() + signature.text.size())
                return false;
            out.items.emplace_back();
            return value(signature.text.c_str(), out.items.back(), depth + 1);
        }
        case '(': {
            if (!align(8))
                return false;
            for (const char *s = sig + 1; *s && *s != ')'; s = typeEnd(s)) {
                out.items.emplace_back();
                if (!value(s, out.items.back(), depth + 1))
                    return false;
            }
            return true;
        }
        case 'a': {
            uint32_t length;
            if (!raw(&length, 4) || !align(alignment(sig[1])) || m_end - m_pos < length)
                return false;
            const size_t end = m_pos + length;
            if (sig[1] == '{') {
                out.type = 'e';
                const char *valueSig = typeEnd(sig + 2);
                while (m_pos < end) {
                    Value k, v;
                    if (!align(8) || !value(sig + 2, k, depth + 1) || !value(valueSig, v, depth + 1))
                        return false;
                    out.entries.emplace_back(std::move(k), std::move(v));
                }
            } else {
                while (m_pos < end) {
                    out.items.emplace_back();
                    if (!value(sig + 1, out.items.back(), depth + 1))
                        return false;
                }
            }
            return m_pos == end;
        }
        default:
            return false;
        }
    }

private:
    const std::string &m_data;
    size_t m_pos, m_end;
    const std::vector<int> &m_fds;
};

int64_t monotonicMs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return int64_t(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

bool sendAll(int fd, const std::string &data)
{
    size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::send(fd, data.data() + done, data.size() - done, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += size_t(n);
    }
    return true;
}

// The socket address of a D-Bus address, or false.
bool socketAddress(const std::string &address, sockaddr_un &sa, socklen_t &length)
{
    size_t begin = 0;
    while (begin <= address.size()) {
        size_t end = address.find(';', begin);
        if (end == std::string::npos)
            end = address.size();
        const std::string one = address.substr(begin, end - begin);
        begin = end + 1;
        if (one.rfind("unix:", 0) != 0)
            continue;
        size_t k = 5;
        while (k < one.size()) {
            size_t comma = one.find(',', k);
            if (comma == std::string::npos)
                comma = one.size();
            const std::string pair = one.substr(k, comma - k);
            k = comma + 1;
            const bool abstract = pair.rfind("abstract=", 0) == 0;
            if (pair.rfind("path=", 0) != 0 && !abstract)
                continue;
            // Values are %-escaped in addresses.
            std::string value;
            const std::string raw = pair.substr(pair.find('=') + 1);
            for (size_t i = 0; i < raw.size(); ++i) {
                if (raw[i] == '%' && i + 2 < raw.size()) {
                    value.push_back(char(std::strtol(raw.substr(i + 1, 2).c_str(), nullptr, 16)));
                    i += 2;
                } else {
                    value.push_back(raw[i]);
                }
            }
            if (value.size() + (abstract ? 1 : 0) >= sizeof sa.sun_path)
                return false;
            sa = {};
            sa.sun_family = AF_UNIX;
            std::memcpy(sa.sun_path + (abstract ? 1 : 0), value.data(), value.size());
            length = socklen_t(offsetof(sockaddr_un, sun_path) + value.size() + (abstract ? 1 : 0));
            return true;
        }
    }
    return false;
}

std::string message(uint8_t type, uint32_t serial, const std::string &destination, const std::string &path,
                    const std::string &interface, const std::string &member, const Args &args)
{
    std::string out;
    Writer w(out);
    w.u8('l');
    w.u8(type);
    w.u8(0);
    w.u8(1);
    w.u32(uint32_t(args.data().size()));
    w.u32(serial);
    const size_t lengthAt = w.beginArray('(');
    const size_t start = w.lastStart();
    auto field = [&](uint8_t code, char type, const std::string &value) {
        w.align(8);
        w.u8(code);
        w.sig(std::string(1, type));
        if (type == 'g')
            w.sig(value);
        else
            w.str(value);
    };
    field(1, 'o', path);
    if (!interface.empty())
        field(2, 's', interface);
    field(3, 's', member);
    if (!destination.empty())
        field(6, 's', destination);
    if (!args.signature().empty())
        field(8, 'g', args.signature());
    w.endArray(lengthAt, start);
    w.align(8);
    out += args.data();
    return out;
}

}  // namespace

const Value *Value::get(const std::string &key) const
{
    for (const auto &[k, v] : entries)
        if (k.text == key)
            return v.type == 'v' && !v.items.empty() ? &v.items.front() : &v;
    return nullptr;
}

std::string Value::str(const std::string &key) const
{
    const Value *v = get(key);
    return v ? v->text : std::string();
}

int64_t Value::integer(const std::string &key) const
{
    const Value *v = get(key);
    return v ? int64_t(v->number) : 0;
}

bool Value::boolean(const std::string &key) const
{
    const Value *v = get(key);
    return v && v->type == 'b' && v->number != 0;
}

std::vector<std::string> Value::strings(const std::string &key) const
{
    std::vector<std::string> out;
    if (const Value *v = get(key))
        for (const Value &item : v->items)
            out.push_back(item.text);
    return out;
}

Args &Args::str(const std::string &s)
{
    Writer(m_data).str(s);
    m_signature += 's';
    return *this;
}

Args &Args::u32(uint32_t v)
{
    Writer(m_data).u32(v);
    m_signature += 'u';
    return *this;
}

Args &Args::strings(const std::vector<std::string> &list)
{
    Writer w(m_data);
    const size_t lengthAt = w.beginArray('s');
    const size_t start = w.lastStart();
    for (const std::string &s : list)
        w.str(s);
    w.endArray(lengthAt, start);
    m_signature += "as";
    return *this;
}

Args &Args::options(const std::vector<Option> &options)
{
    Writer w(m_data);
    const size_t lengthAt = w.beginArray('{');
    const size_t start = w.lastStart();
    for (const Option &o : options) {
        w.align(8);
        w.str(o.key);
        w.sig(std::string(1, o.type));
        if (o.type == 's')
            w.str(o.text);
        else
            w.u32(uint32_t(o.number));
    }
    w.endArray(lengthAt, start);
    m_signature += "a{sv}";
    return *this;
}

std::optional<Connection> Connection::open(const std::string &address, std::string *error)
{
    sockaddr_un sa{};
    socklen_t length = 0;
    if (!socketAddress(address, sa, length)) {
        *error = "no unix socket in the bus address \"" + address + "\"";
        return std::nullopt;
    }
    Connection c(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (c.m_fd < 0 || ::connect(c.m_fd, reinterpret_cast<sockaddr *>(&sa), length) != 0) {
        *error = std::string("connect: ") + std::strerror(errno);
        return std::nullopt;
    }
    // EXTERNAL: the bus reads our uid from the socket; we name it in hex.
    static const char hex[] = "0123456789abcdef";
    std::string uid;
    for (char ch : std::to_string(::getuid())) {
        uid.push_back(hex[(unsigned char)ch >> 4]);
        uid.push_back(hex[ch & 15]);
    }
    // The whole handshake at once, as sd-bus sends it: AUTH, NEGOTIATE_UNIX_FD,
    // BEGIN and Hello (whose answer, our unique name, nothing waits for),
    // without waiting for the bus between them; the bus's answers are read
    // with the first reply (handshake()), so that the first call goes out
    // in the same round trip. A bus that refuses the AUTH answers REJECTED
    // and treats what follows as more of the handshake, which fails there.
    if (!sendAll(c.m_fd, std::string(1, '\0') + "AUTH EXTERNAL " + uid + "\r\nNEGOTIATE_UNIX_FD\r\nBEGIN\r\n")
        || !c.send("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "Hello")) {
        *error = std::string("send: ") + std::strerror(errno);
        return std::nullopt;
    }
    c.m_handshaking = true;
    return c;
}

bool Connection::handshake(int64_t deadline, std::string *error)
{
    // Two answers: OK GUID, then AGREE_UNIX_FD (or ERROR: no fds on this
    // bus). Bytes after them are already messages (read with their fds).
    size_t second = std::string::npos;
    while (m_handshaking) {
        const size_t first = m_in.find('\n');
        if (first != std::string::npos && (second = m_in.find('\n', first + 1)) != std::string::npos)
            break;
        if (m_in.size() > 4096) {
            *error = "the bus answered the handshake with too much";
            return false;
        }
        if (!fill(int(std::max<int64_t>(0, deadline - monotonicMs())), error)) {
            if (*error != "no answer in time")
                *error = "the bus closed the connection while authenticating";
            return false;
        }
    }
    if (!m_handshaking)
        return true;
    if (m_in.rfind("OK ", 0) != 0) {
        *error = "the bus refused to authenticate: " + m_in.substr(0, m_in.find('\r'));
        return false;
    }
    m_in.erase(0, second + 1);
    m_handshaking = false;
    return true;
}

Connection::Connection(Connection &&other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)),
      m_serial(other.m_serial),
      m_handshaking(other.m_handshaking),
      m_in(std::move(other.m_in)),
      m_fds(std::move(other.m_fds)),
      m_kept(std::move(other.m_kept))
{
}

Connection::~Connection()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

uint32_t Connection::send(const std::string &destination, const std::string &path, const std::string &interface,
                          const std::string &member, const Args &args)
{
    const uint32_t serial = ++m_serial;
    return sendAll(m_fd, message(Message::Call, serial, destination, path, interface, member, args)) ? serial : 0;
}

bool Connection::fill(int timeoutMs, std::string *error)
{
    pollfd p{m_fd, POLLIN, 0};
    int ready;
    while ((ready = ::poll(&p, 1, timeoutMs)) < 0 && errno == EINTR) {
    }
    if (ready == 0) {
        *error = "no answer in time";
        return false;
    }
    char buf[65536];
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * 32)];
    iovec iov{buf, sizeof buf};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    ssize_t n;
    while ((n = ::recvmsg(m_fd, &msg, MSG_CMSG_CLOEXEC)) < 0 && errno == EINTR) {
    }
    if (n <= 0) {
        *error = n == 0 ? "the bus closed the connection" : std::string("read: ") + std::strerror(errno);
        return false;
    }
    for (cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c))
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
            const size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
            for (size_t i = 0; i < count; ++i) {
                int fd;
                std::memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof fd);
                m_fds.push_back(fd);
            }
        }
    m_in.append(buf, size_t(n));
    return true;
}

std::optional<Message> Connection::take(std::string *error)
{
    if (m_in.size() < 16)
        return std::nullopt;
    if (m_in[0] != 'l' || m_in[3] != 1) {
        *error = "a message in an unsupported byte order or version";
        return std::nullopt;
    }
    uint32_t bodyLength, fieldsLength;
    std::memcpy(&bodyLength, &m_in[4], 4);
    std::memcpy(&fieldsLength, &m_in[12], 4);
    const size_t headerEnd = (16 + size_t(fieldsLength) + 7) / 8 * 8;
    if (fieldsLength > kMaxMessage || bodyLength > kMaxMessage) {
        *error = "a message too large";
        return std::nullopt;
    }
    if (m_in.size() < headerEnd + bodyLength)
        return std::nullopt;
    Message m;
    m.type = uint8_t(m_in[1]);
    std::memcpy(&m.serial, &m_in[8], 4);
    uint32_t fdCount = 0;
    const std::vector<int> none;
    Reader header(m_in, 12, 16 + fieldsLength, none);
    Value fields;
    bool ok = header.value("a(yv)", fields);
    for (const Value &f : fields.items) {
        if (f.items.size() != 2 || f.items[1].items.empty())
            continue;
        const Value &v = f.items[1].items[0];
        switch (f.items[0].number) {
        case 1: m.path = v.text; break;
        case 2: m.interface = v.text; break;
        case 3: m.member = v.text; break;
        case 4: m.errorName = v.text; break;
        case 5: m.replySerial = uint32_t(v.number); break;
        case 7: m.sender = v.text; break;
        case 8: m.signature = v.text; break;
        case 9: fdCount = uint32_t(v.number); break;
        default: break;
        }
    }
    for (uint32_t i = 0; i < fdCount && !m_fds.empty(); ++i) {
        m.fds.push_back(m_fds.front());
        m_fds.pop_front();
    }
    Reader body(m_in, headerEnd, headerEnd + bodyLength, m.fds);
    for (const char *s = m.signature.c_str(); ok && *s; s = typeEnd(s)) {
        m.args.emplace_back();
        ok = body.value(s, m.args.back());
    }
    m_in.erase(0, headerEnd + bodyLength);
    if (!ok) {
        *error = "a message that cannot be read (" + m.member + m.errorName + ")";
        return std::nullopt;
    }
    return m;
}

std::optional<Message> Connection::reply(uint32_t serial, int timeoutMs, std::string *error)
{
    if (serial == 0) {
        *error = std::string("send: ") + std::strerror(errno);
        return std::nullopt;
    }
    const int64_t deadline = monotonicMs() + timeoutMs;
    if (!handshake(deadline, error))
        return std::nullopt;
    for (;;) {
        while (auto m = take(error)) {
            if ((m->type == Message::Reply || m->type == Message::Error) && m->replySerial == serial)
                return m;
            if (m->type == Message::Signal)
                m_kept.push_back(std::move(*m));
            else
                for (int fd : m->fds)
                    ::close(fd);
        }
        if (!error->empty())
            return std::nullopt;
        if (!fill(int(std::max<int64_t>(0, deadline - monotonicMs())), error))
            return std::nullopt;
    }
}

std::optional<Message> Connection::next(int timeoutMs, std::string *error)
{
    const int64_t deadline = monotonicMs() + timeoutMs;
    if (!handshake(deadline, error))
        return std::nullopt;
    for (;;) {
        if (!m_kept.empty()) {
            Message m = std::move(m_kept.front());
            m_kept.pop_front();
            return m;
        }
        while (auto m = take(error)) {
            if (m->type == Message::Signal)
                return m;
            for (int fd : m->fds)
                ::close(fd);
        }
        if (!error->empty())
            return std::nullopt;
        if (!fill(int(std::max<int64_t>(0, deadline - monotonicMs())), error))
            return std::nullopt;
    }
}

std::string helperBusAddress()
{
    if (const char *a = std::getenv("HUTCH_BUS_ADDRESS"); a && *a)
        return a;
    if (const char *a = std::getenv("DBUS_SYSTEM_BUS_ADDRESS"); a && *a)
        return a;
    return "unix:path=/var/run/dbus/system_bus_socket";
}

}  // namespace hutch::wire
