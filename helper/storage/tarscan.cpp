#include "tarscan.h"
#include "spawnenv.h"

#include <QFile>
#include <QProcess>
#include <QSet>

#include <cerrno>
#include <cstring>
#include <limits>

namespace hutch::storage {

namespace {

constexpr qint64 kBlock = 512;
// pax records and GNU long names: a few KiB in any real archive.
constexpr qint64 kMaxExtended = 1 << 20;

qint64 padded(qint64 size) { return (size + kBlock - 1) / kBlock * kBlock; }

// A header number: octal digits (spaces and NULs around them), or GNU's
// base-256 with the high bit of the first byte set. -1: not a number.
qint64 number(const char *field, int width)
{
    const auto *u = reinterpret_cast<const unsigned char *>(field);
    if (u[0] & 0x80) {
        if (u[0] != 0x80)  // negative, or more than 63 bits
            return -1;
        qint64 v = 0;
        for (int i = 1; i < width; ++i) {
            if (v > (std::numeric_limits<qint64>::max() >> 8))
                return -1;
            v = (v << 8) | u[i];
        }
        return v;
    }
    int i = 0;
    while (i < width && (field[i] == ' ' || field[i] == '\0'))
        ++i;
    if (i == width)
        return 0;
    qint64 v = 0;
    for (; i < width && field[i] >= '0' && field[i] <= '7'; ++i) {
        if (v > (std::numeric_limits<qint64>::max() >> 3))
            return -1;
        v = v * 8 + (field[i] - '0');
    }
    for (; i < width; ++i)
        if (field[i] != ' ' && field[i] != '\0')
            return -1;
    return v;
}

QString text(const char *field, int width)
{
    return QString::fromUtf8(field, qsizetype(::strnlen(field, size_t(width))));
}

Error malformed(const QString &why) { return Error::invalid(QStringLiteral("not a tar archive: %1").arg(why)); }

}  // namespace

TarScanner::TarScanner(QStringList capture, qint64 maxCapture) : m_capture(std::move(capture)), m_maxCapture(maxCapture) {}

Status TarScanner::feed(const char *data, qsizetype size)
{
    if (m_failed)
        return malformed(QStringLiteral("read after an error"));
    while (size > 0 && !m_ended) {
        if (m_skip > 0) {
            const qint64 n = std::min<qint64>(m_skip, size);
            const qint64 part = std::min(n, m_dataLeft);
            if (m_pending != Pending::None && part > 0)
                m_pendingData.append(data, qsizetype(part));
            m_dataLeft -= part;
            m_skip -= n;
            data += n;
            size -= qsizetype(n);
            if (m_skip == 0 && m_pending != Pending::None) {
                const Pending p = m_pending;
                m_pending = Pending::None;
                const QByteArray d = std::exchange(m_pendingData, {});
                if (p == Pending::Pax) {
                    if (auto err = extended(d)) {
                        m_failed = true;
                        return err;
                    }
                } else if (p == Pending::Global) {
                    // A global header naming files would rename every
                    // member, and readers differ on it: refused.
                    const QString name = std::exchange(m_nextName, {}), link = std::exchange(m_nextLink, {});
                    const qint64 size = std::exchange(m_nextSize, -1);
                    auto err = extended(d);
                    if (!err && (!m_nextName.isEmpty() || !m_nextLink.isEmpty() || m_nextSize >= 0))
                        err = malformed(QStringLiteral("a global header sets names or sizes"));
                    m_nextName = name;
                    m_nextLink = link;
                    m_nextSize = size;
                    if (err) {
                        m_failed = true;
                        return err;
                    }
                } else if (p == Pending::LongName) {
                    m_nextName = QString::fromUtf8(d.left(d.indexOf('\0') < 0 ? d.size() : d.indexOf('\0')));
                } else if (p == Pending::LongLink) {
                    m_nextLink = QString::fromUtf8(d.left(d.indexOf('\0') < 0 ? d.size() : d.indexOf('\0')));
                } else if (p == Pending::Capture) {
                    m_captured.insert(m_captureName, d);
                }
            }
            continue;
        }
        const qsizetype take = std::min<qsizetype>(kBlock - m_block.size(), size);
        m_block.append(data, take);
        data += take;
        size -= take;
        if (m_block.size() == kBlock) {
            const QByteArray block = std::exchange(m_block, {});
            if (auto err = header(block.constData())) {
                m_failed = true;
                return err;
            }
        }
    }
    return std::nullopt;
}

Status TarScanner::finish() const
{
    if (m_failed)
        return malformed(QStringLiteral("a bad header"));
    if (m_skip > 0 || !m_block.isEmpty() || m_sparseBlocks != 0 || m_pending != Pending::None)
        return malformed(QStringLiteral("it ends inside a member"));
    if (!m_ended && m_zeroBlocks == 0 && !m_members.isEmpty())
        return malformed(QStringLiteral("it ends without its end blocks"));
    return std::nullopt;
}

std::optional<QByteArray> TarScanner::captured(const QString &name) const
{
    const auto it = m_captured.constFind(name);
    if (it == m_captured.constEnd())
        return std::nullopt;
    return *it;
}

Status TarScanner::extended(const QByteArray &data)
{
    // Records "LEN key=value\n", LEN counting the whole record.
    qsizetype at = 0;
    while (at < data.size()) {
        const qsizetype space = data.indexOf(' ', at);
        if (space < 0)
            return malformed(QStringLiteral("a pax record without length"));
        bool ok = false;
        const qsizetype len = data.mid(at, space - at).toLongLong(&ok);
        if (!ok || len <= space - at || at + len > data.size() || data.at(at + len - 1) != '\n')
            return malformed(QStringLiteral("a pax record of a wrong length"));
        const QByteArray record = data.mid(space + 1, at + len - space - 2);
        const qsizetype eq = record.indexOf('=');
        if (eq < 0)
            return malformed(QStringLiteral("a pax record without '='"));
        const QByteArray key = record.left(eq);
        const QString value = QString::fromUtf8(record.mid(eq + 1));
        if (key == "path" || key == "GNU.sparse.name")
            m_nextName = value;
        else if (key == "linkpath")
            m_nextLink = value;
        else if (key == "size") {
            bool sized = false;
            m_nextSize = value.toLongLong(&sized);
            if (!sized || m_nextSize < 0)
                return malformed(QStringLiteral("a pax size \"%1\"").arg(value.left(32)));
        }
        at += len;
    }
    return std::nullopt;
}

Status TarScanner::header(const char *block)
{
    if (m_sparseBlocks != 0) {
        // An old GNU sparse file's extension header: 21 entries, then
        // "is extended" at byte 504.
        if (block[504] == 0) {
            m_sparseBlocks = 0;
            m_skip = padded(m_dataLeft);
        }
        return std::nullopt;
    }
    bool zero = true;
    for (int i = 0; i < kBlock && zero; ++i)
        zero = block[i] == 0;
    if (zero) {
        if (++m_zeroBlocks >= 2)
            m_ended = true;
        return std::nullopt;
    }
    if (m_zeroBlocks > 0)
        return malformed(QStringLiteral("a header after an end block"));

    unsigned long sum = 0;
    for (int i = 0; i < kBlock; ++i)
        sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(block[i]);
    if (number(block + 148, 8) != qint64(sum))
        return malformed(QStringLiteral("a header checksum does not match (member %1)").arg(m_members.size() + 1));
    const bool posix = std::memcmp(block + 257, "ustar\0", 6) == 0;
    const bool gnu = std::memcmp(block + 257, "ustar  \0", 8) == 0;
    if (!posix && !gnu)
        return malformed(QStringLiteral("a header of no known format (member %1)").arg(m_members.size() + 1));

    char type = block[156] == '\0' ? '0' : block[156];
    qint64 size = number(block + 124, 12);
    if (size < 0)
        return malformed(QStringLiteral("a bad size (member %1)").arg(m_members.size() + 1));

    // Headers that describe the next one.
    if (type == 'x' || type == 'g' || type == 'L' || type == 'K') {
        if (size > kMaxExtended)
            return malformed(QStringLiteral("an extended header of %1 bytes").arg(size));
        m_pending = type == 'x' ? Pending::Pax : type == 'g' ? Pending::Global
                  : type == 'L' ? Pending::LongName : Pending::LongLink;
        m_pendingData.clear();
        m_dataLeft = size;
        m_skip = padded(size);
        if (m_skip == 0 && m_pending != Pending::None)
            m_pending = Pending::None;
        return std::nullopt;
    }

    TarMember m;
    m.type = type;
    if (!m_nextName.isEmpty()) {
        m.name = m_nextName;
    } else {
        m.name = text(block, 100);
        const QString prefix = posix ? text(block + 345, 155) : QString();
        if (!prefix.isEmpty())
            m.name = prefix + QLatin1Char('/') + m.name;
    }
    m.link = m_nextLink.isEmpty() ? text(block + 157, 100) : m_nextLink;
    if (m_nextSize >= 0)
        size = m_nextSize;
    m_nextName.clear();
    m_nextLink.clear();
    m_nextSize = -1;
    const qint64 mode = number(block + 100, 8);
    if (mode < 0)
        return malformed(QStringLiteral("a bad mode (member %1)").arg(m.name.left(100)));
    m.mode = quint32(mode) & 07777;
    m.size = size;
    if (type == '3' || type == '4') {
        const qint64 major = number(block + 329, 8), minor = number(block + 337, 8);
        if (major < 0 || minor < 0 || major > 0xfffff || minor > 0xfffff)
            return malformed(QStringLiteral("a bad device number (member %1)").arg(m.name.left(100)));
        m.devMajor = quint32(major);
        m.devMinor = quint32(minor);
    }
    static const QByteArray known = QByteArrayLiteral("01234567S");
    if (!known.contains(type))
        return malformed(QStringLiteral("member \"%1\" is of type '%2', which Hutch does not extract")
                             .arg(m.name.left(100), QString(QLatin1Char(type)).toHtmlEscaped()));
    // Only files carry data: a size elsewhere would have tar and this
    // reader disagree about where the next header is.
    if (!m.isRegular() && size != 0)
        return malformed(QStringLiteral("member \"%1\" (type '%2') has data").arg(m.name.left(100)).arg(QLatin1Char(type)));
    if (m.isRegular() && m.name.endsWith(QLatin1Char('/')))
        return malformed(QStringLiteral("file member \"%1\" ends in '/'").arg(m.name.left(100)));
    if (m.name.isEmpty())
        return malformed(QStringLiteral("a member without a name"));

    m_dataLeft = size;
    if (m.isRegular() && m_capture.contains(m.name) && size <= m_maxCapture) {
        m_pending = Pending::Capture;
        m_captureName = m.name;
        m_pendingData.clear();
        m_captured.remove(m.name);
        if (size == 0)
            m_captured.insert(m.name, QByteArray());
    } else if (m_capture.contains(m.name)) {
        m_captured.remove(m.name);  // a later member of the name that is not a small file
    }
    if (type == 'S' && block[482] != 0)
        m_sparseBlocks = -1;  // the data comes after the extension headers
    else
        m_skip = padded(size);
    if (m_skip == 0 && m_pending == Pending::Capture)
        m_pending = Pending::None;
    m_members.append(std::move(m));
    return std::nullopt;
}

Result<TarScanner> scanArchive(const QString &path, const QStringList &capture, const std::atomic_bool *cancel)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error::failed(QStringLiteral("read %1: %2").arg(path, f.errorString()));
    const QByteArray magic = f.peek(6);
    QString program;
    if (magic.startsWith("\xfd" "7zXZ"))
        program = QStringLiteral("xz");
    else if (magic.startsWith("\x1f\x8b"))
        program = QStringLiteral("gzip");
    else if (magic.startsWith("\x28\xb5\x2f\xfd"))
        program = QStringLiteral("zstd");
    TarScanner scanner(capture);
    auto feedAll = [&](QIODevice &from, bool running) -> Status {
        const QByteArray chunk = from.read(1 << 20);
        Q_UNUSED(running);
        return scanner.feed(chunk.constData(), chunk.size());
    };
    if (program.isEmpty()) {
        while (!f.atEnd()) {
            if (cancel && cancel->load())
                return Error::cancelled();
            if (auto err = feedAll(f, false))
                return *err;
        }
    } else {
        f.close();
        QProcess p;
        p.setProcessEnvironment(cleanEnvironment());
        endWithHelper(p);
        p.setStandardInputFile(path);
        p.start(program, {QStringLiteral("-dc")});
        if (!p.waitForStarted())
            return Error::failed(QStringLiteral("%1: %2").arg(program, p.errorString()));
        bool bad = false;
        Status failure;
        while (p.state() != QProcess::NotRunning || p.bytesAvailable() > 0) {
            if (p.bytesAvailable() == 0)
                p.waitForReadyRead(200);
            if (cancel && cancel->load()) {
                p.kill();
                p.waitForFinished();
                return Error::cancelled();
            }
            while (p.bytesAvailable() > 0 && !bad)
                if ((failure = feedAll(p, true)))
                    bad = true;
            if (bad) {
                p.kill();
                p.waitForFinished();
                return *failure;
            }
        }
        p.waitForFinished();
        if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
            return Error::invalid(QStringLiteral("%1 could not decompress it: %2")
                                      .arg(program, QString::fromLocal8Bit(p.readAllStandardError()).trimmed().left(200)));
    }
    if (auto err = scanner.finish())
        return *err;
    return scanner;
}

namespace {

bool isPlain(const QString &name, const QStringList &plainFiles)
{
    for (const QString &p : plainFiles)
        if (name == p || (p.endsWith(QLatin1Char('/')) && name.startsWith(p)))
            return true;
    return false;
}

QString normalized(QString name)
{
    while (name.startsWith(QLatin1String("./")))
        name.remove(0, 2);
    while (name.endsWith(QLatin1Char('/')))
        name.chop(1);
    return name;
}

Status checkRelative(const QString &name, const QString &what)
{
    if (name.startsWith(QLatin1Char('/')))
        return Error::invalid(QStringLiteral("the archive has an absolute %1: \"%2\"").arg(what, name.left(200)));
    for (const QStringView part : QStringView(name).split(QLatin1Char('/')))
        if (part == QLatin1String(".."))
            return Error::invalid(QStringLiteral("the archive has a \"..\" %1: \"%2\"").arg(what, name.left(200)));
    return std::nullopt;
}

}  // namespace

Status checkTarMembers(const QList<TarMember> &members, const QStringList &plainFiles)
{
    TarMemberRules rules([&plainFiles](const QString &name) { return isPlain(name, plainFiles); });
    for (const TarMember &m : members)
        if (auto err = rules.check(m))
            return err;
    return std::nullopt;
}

Status TarMemberRules::check(const TarMember &m)
{
    // The devices LXC's autodev makes in every container: (major, minor).
    static const QList<QPair<quint32, quint32>> everyContainersDevices = {
        {1, 3}, {1, 5}, {1, 7}, {1, 8}, {1, 9}, {5, 0}, {5, 1}, {5, 2}};
    if (auto err = checkRelative(m.name, QStringLiteral("path")))
        return err;
    const QString name = normalized(m.name);
    // Nothing beneath a link: tar would create it through the link.
    for (qsizetype slash = name.indexOf(QLatin1Char('/')); slash >= 0; slash = name.indexOf(QLatin1Char('/'), slash + 1))
        if (m_links.contains(name.left(slash)))
            return Error::invalid(QStringLiteral("the archive puts \"%1\" beneath the link \"%2\"")
                                      .arg(m.name.left(200), name.left(slash)));
    const bool plain = m_plain && m_plain(m.name);
    if (plain && ((!m.isRegular() && m.type != '5') || (m.mode & 06000)))
        return Error::invalid(QStringLiteral("\"%1\" in the archive must be a plain file or directory "
                                             "(it is of type '%2', mode %3)")
                                  .arg(m.name.left(200)).arg(QLatin1Char(m.type)).arg(m.mode, 4, 8, QLatin1Char('0')));
    switch (m.type) {
    case '4':
        return Error::invalid(QStringLiteral("the archive has a block device: \"%1\"").arg(m.name.left(200)));
    case '3':
        if (!everyContainersDevices.contains({m.devMajor, m.devMinor}))
            return Error::invalid(QStringLiteral("the archive has the device %1:%2 (\"%3\"); only the devices "
                                                 "every container has are accepted")
                                      .arg(m.devMajor).arg(m.devMinor).arg(m.name.left(200)));
        break;
    case '1': {
        if (auto err = checkRelative(m.link, QStringLiteral("hard link target")))
            return err;
        if (!m_seen.contains(normalized(m.link)))
            return Error::invalid(QStringLiteral("the hard link \"%1\" points to \"%2\", which is not earlier in the archive")
                                      .arg(m.name.left(200), m.link.left(200)));
        m_links.insert(name);
        break;
    }
    case '2':
        // Its target is the container's business (it resolves in the
        // container's root); tar never follows it for a later member,
        // by the rule above.
        m_links.insert(name);
        break;
    default:
        break;
    }
    m_seen.insert(name);
    return std::nullopt;
}

}  // namespace hutch::storage
