// Reading a tar archive's headers without extracting anything: what each
// member is (file, directory, link, device...), where it points, its mode.
// The helper lists and checks an archive this way before tar writes a
// byte of it (imports, image tarballs), and takes the few small files it
// needs (an export's config, an image's metadata) from the stream, so that
// what it checked is what it uses. Formats: ustar, GNU (long names, old
// sparse files) and pax (path, linkpath, size records). Helper process,
// job threads; the parser itself is plain and fuzzed (tests/fuzz/).
#pragma once

#include "error.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>

namespace hutch::storage {

struct TarMember {
    QString name;         // as stored ("./rootfs/bin/sh")
    char type = '0';      // '0' file, '1' hard link, '2' symlink, '3' char device,
                          // '4' block device, '5' directory, '6' fifo, 'S' sparse file
    QString link;         // target of a hard or symbolic link
    quint32 mode = 0;     // permission bits with setuid, setgid, sticky
    quint32 devMajor = 0, devMinor = 0;
    qint64 size = 0;      // bytes of data in the archive
    bool isRegular() const { return type == '0' || type == '7' || type == 'S'; }
};

// A tar stream fed in pieces (already decompressed).
class TarScanner {
public:
    // The data of members named in `capture` (regular files of at most
    // `maxCapture` bytes) is kept.
    explicit TarScanner(QStringList capture = {}, qint64 maxCapture = 4 << 20);
    // An error for a header that is not tar (bad checksum, bad number, an
    // extended header too large); nothing more is read after one.
    Status feed(const char *data, qsizetype size);
    // The end: an error when the stream stopped inside a member.
    Status finish() const;
    const QList<TarMember> &members() const { return m_members; }
    // A captured member's data; nullopt when absent, not regular or too big.
    std::optional<QByteArray> captured(const QString &name) const;
    // The end-of-archive blocks were read (nothing after them is looked at).
    bool ended() const { return m_ended; }

private:
    Status header(const char *block);
    Status extended(const QByteArray &data);

    QStringList m_capture;
    qint64 m_maxCapture;
    QList<TarMember> m_members;
    QHash<QString, QByteArray> m_captured;
    QByteArray m_block;       // a header being assembled
    qint64 m_skip = 0;        // data bytes still to pass (padding included)
    qint64 m_dataLeft = 0;    // of those, bytes that are data
    int m_sparseBlocks = 0;   // GNU sparse extension headers expected (-1: until one says no more)
    enum class Pending { None, Pax, Global, LongName, LongLink, Capture } m_pending = Pending::None;
    QByteArray m_pendingData;
    QString m_nextName, m_nextLink;
    qint64 m_nextSize = -1;
    QString m_captureName;
    bool m_ended = false, m_failed = false;
    int m_zeroBlocks = 0;
};

// Lists the archive at `path` (.tar, or compressed with xz, gzip, zstd,
// told by its first bytes) through the scanner, capturing `capture`.
Result<TarScanner> scanArchive(const QString &path, const QStringList &capture = {},
                               const std::atomic_bool *cancel = nullptr);

// The rules for an archive the helper extracts as root: every name
// relative without "..", no block device, character devices only those
// every container's /dev has (null, zero, full, random, urandom, tty,
// console, ptmx), no member beneath a symlink or hard link member (tar
// would write through it), hard links only to members earlier in the
// archive; `plainFiles`: names (or prefixes ending in '/') that must be
// regular files or directories without setuid/setgid bits. Setuid files
// elsewhere (a rootfs's su and passwd) are kept: the container directory
// is 0700, so only the container reaches them.
Status checkTarMembers(const QList<TarMember> &members, const QStringList &plainFiles);

// The same rules member by member, for a stream checked as it passes
// (each member before any of its bytes reach tar).
class TarMemberRules {
public:
    // `mustBePlain(name)`: the member must be a plain file or directory.
    explicit TarMemberRules(std::function<bool(const QString &name)> mustBePlain) : m_plain(std::move(mustBePlain)) {}
    Status check(const TarMember &member);

private:
    std::function<bool(const QString &)> m_plain;
    QSet<QString> m_links, m_seen;
};

}  // namespace hutch::storage
