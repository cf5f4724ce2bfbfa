#include "filestream.h"

#include "fdio.h"

#include <QList>
#include <QtEndian>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <poll.h>
#include <unistd.h>

namespace hutch::files {

namespace {

constexpr char kMagic[8] = {'H', 'U', 'T', 'C', 'H', 'F', 'S', '1'};
constexpr qsizetype kMaxName = 4096;
constexpr qsizetype kMaxComponent = 255;

QString shown(const QByteArray &name)
{
    return QString::fromUtf8(name.left(200));
}

}  // namespace

Status checkName(const QByteArray &name, bool top)
{
    if (name.isEmpty())
        return Error::invalid(QStringLiteral("an entry without a name"));
    if (name.size() > kMaxName)
        return Error::invalid(QStringLiteral("a name longer than %1 bytes").arg(kMaxName));
    if (name.contains('\0'))
        return Error::invalid(QStringLiteral("a name holding a NUL byte"));
    const QList<QByteArray> parts = name.split('/');
    if (top && parts.size() != 1)
        return Error::invalid(QStringLiteral("the first entry \"%1\" is not a single name").arg(shown(name)));
    for (const QByteArray &c : parts) {
        if (c.isEmpty() || c == "." || c == "..")
            return Error::invalid(QStringLiteral("the name \"%1\" has an empty, \".\" or \"..\" component").arg(shown(name)));
        if (c.size() > kMaxComponent)
            return Error::invalid(QStringLiteral("the name \"%1\" has a component longer than 255 bytes").arg(shown(name)));
    }
    return std::nullopt;
}

Channel::Channel(int fd, const std::atomic_bool *cancel, std::function<void(quint64)> progress)
    : m_fd(fd), m_cancel(cancel), m_progress(std::move(progress))
{
}

Status Channel::wait(short events)
{
    for (;;) {
        if (m_cancel && m_cancel->load())
            return Error::cancelled();
        pollfd p{m_fd, events, 0};
        const int n = ::poll(&p, 1, 250);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return Error::system(errno, QStringLiteral("wait for the stream"));
        if (n > 0)
            return std::nullopt;  // ready, or hung up: the read or write says which
    }
}

void Channel::count(size_t n)
{
    m_count += n;
    if (m_progress && m_count - m_reported >= (1 << 20)) {
        m_reported = m_count;
        m_progress(m_count);
    }
}

Status Channel::read(char *data, size_t size)
{
    while (size > 0) {
        const ssize_t n = ::read(m_fd, data, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN) {
            if (auto err = wait(POLLIN))
                return err;
            continue;
        }
        if (n < 0)
            return Error::system(errno, QStringLiteral("read the stream"));
        if (n == 0)
            return Error::invalid(QStringLiteral("the stream ended early"));
        data += n;
        size -= size_t(n);
        count(size_t(n));
        if (m_cancel && m_cancel->load())
            return Error::cancelled();
    }
    return std::nullopt;
}

Status Channel::write(const char *data, size_t size)
{
    while (size > 0) {
        const ssize_t n = ::write(m_fd, data, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN) {
            if (auto err = wait(POLLOUT))
                return err;
            continue;
        }
        if (n < 0)
            return Error::system(errno, QStringLiteral("write the stream"));
        data += n;
        size -= size_t(n);
        count(size_t(n));
        if (m_cancel && m_cancel->load())
            return Error::cancelled();
    }
    return std::nullopt;
}

Status Writer::begin()
{
    return m_ch.write(kMagic, sizeof kMagic);
}

Status Writer::add(const Entry &e, int data)
{
    QByteArray head;
    head.reserve(32 + e.name.size());
    auto put = [&head](auto value) {
        char buf[sizeof value];
        qToBigEndian(value, buf);
        head.append(buf, sizeof buf);
    };
    head.append(char(e.type));
    put(quint32(e.mode & 07777));
    put(e.uid);
    put(e.gid);
    put(e.mtime);
    put(quint16(e.name.size()));
    head.append(e.name);
    if (e.type == Entry::File)
        put(e.size);
    if (e.type == Entry::Symlink) {
        put(quint16(e.target.size()));
        head.append(e.target);
    }
    if (auto err = m_ch.write(head.constData(), size_t(head.size())))
        return err;
    if (e.type != Entry::File)
        return std::nullopt;
    QByteArray buffer(1 << 17, Qt::Uninitialized);
    quint64 left = e.size;
    while (left > 0) {
        const ssize_t n = ::read(data, buffer.data(), size_t(std::min<quint64>(left, quint64(buffer.size()))));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return Error::system(errno, QStringLiteral("read \"%1\"").arg(shown(e.name)));
        if (n == 0)
            return Error::failed(QStringLiteral("\"%1\" shrank while it was read").arg(shown(e.name)));
        if (auto err = m_ch.write(buffer.constData(), size_t(n)))
            return err;
        left -= quint64(n);
    }
    return std::nullopt;
}

Status Writer::end()
{
    return m_ch.write("E", 1);
}

Status Reader::readU(void *out, size_t size)
{
    return m_ch.read(static_cast<char *>(out), size);
}

Status Reader::begin()
{
    char magic[sizeof kMagic];
    if (auto err = m_ch.read(magic, sizeof magic))
        return err;
    if (std::memcmp(magic, kMagic, sizeof magic) != 0)
        return Error::invalid(QStringLiteral("not a Hutch file stream (bad magic)"));
    return std::nullopt;
}

Result<std::optional<Entry>> Reader::next()
{
    char type = 0;
    if (auto err = m_ch.read(&type, 1))
        return *err;
    if (type == 'E')
        return std::optional<Entry>();
    if (type != Entry::File && type != Entry::Directory && type != Entry::Symlink)
        return Error::invalid(QStringLiteral("unknown entry type 0x%1").arg(quint8(type), 2, 16, QLatin1Char('0')));
    char fixed[4 + 4 + 4 + 8 + 2];
    if (auto err = m_ch.read(fixed, sizeof fixed))
        return *err;
    Entry e;
    e.type = Entry::Type(type);
    e.mode = qFromBigEndian<quint32>(fixed);
    e.uid = qFromBigEndian<quint32>(fixed + 4);
    e.gid = qFromBigEndian<quint32>(fixed + 8);
    e.mtime = qFromBigEndian<qint64>(fixed + 12);
    const quint16 nameLength = qFromBigEndian<quint16>(fixed + 20);
    if (e.mode > 07777)
        return Error::invalid(QStringLiteral("mode %1 is more than permission bits").arg(e.mode, 0, 8));
    if (nameLength > kMaxName)
        return Error::invalid(QStringLiteral("a name longer than %1 bytes").arg(kMaxName));
    e.name.resize(nameLength);
    if (auto err = m_ch.read(e.name.data(), nameLength))
        return *err;
    if (auto err = checkName(e.name, m_top))
        return *err;
    m_top = false;
    if (e.type == Entry::File) {
        char size[8];
        if (auto err = m_ch.read(size, sizeof size))
            return *err;
        e.size = qFromBigEndian<quint64>(size);
        if (e.size > (quint64(1) << 50))
            return Error::invalid(QStringLiteral("\"%1\": a size of %2 bytes").arg(shown(e.name)).arg(e.size));
    } else if (e.type == Entry::Symlink) {
        char length[2];
        if (auto err = m_ch.read(length, sizeof length))
            return *err;
        const quint16 n = qFromBigEndian<quint16>(length);
        if (n == 0 || n > kMaxName)
            return Error::invalid(QStringLiteral("\"%1\": a link target of %2 bytes").arg(shown(e.name)).arg(n));
        e.target.resize(n);
        if (auto err = m_ch.read(e.target.data(), n))
            return *err;
        if (e.target.contains('\0'))
            return Error::invalid(QStringLiteral("\"%1\": a link target holding a NUL byte").arg(shown(e.name)));
    }
    return std::optional<Entry>(std::move(e));
}

Status Reader::data(const Entry &e, int to)
{
    QByteArray buffer(1 << 17, Qt::Uninitialized);
    quint64 left = e.size;
    while (left > 0) {
        const size_t n = size_t(std::min<quint64>(left, quint64(buffer.size())));
        if (auto err = m_ch.read(buffer.data(), n))
            return err;
        if (to >= 0)
            if (const int err = writeAll(to, buffer.constData(), n))
                return Error::system(err, QStringLiteral("write \"%1\"").arg(shown(e.name)));
        left -= n;
    }
    return std::nullopt;
}

}  // namespace hutch::files
