// The stream of files that PushFile and PullFile carry through the caller's
// descriptor (a pipe or a file): one tree, depth first, in a framed format
// of our own, small enough to check byte by byte on the side that receives
// it (the helper for a push, the client for a pull: neither trusts the
// other's bytes).
//
//   "HUTCHFS1"                                   magic, 8 bytes
//   per entry:  type (1 byte: 'f' file, 'd' directory, 'l' symlink)
//               mode, uid, gid (u32 each; mode: permission bits, 07777)
//               mtime (i64, seconds)
//               name (u16 length + bytes: relative, '/'-separated; the
//                     first entry is one component, the tree's top; every
//                     other one lies inside a directory entry before it)
//               'f': size (u64) + that many bytes; 'l': target (u16 + bytes)
//   'E'                                          the end
// Integers are big-endian. Names and targets hold no NUL; no component is
// empty, "." or ".."; names are at most 4096 bytes, components 255.
// Plain POSIX under Qt Core (helper, hutchctl and GUI share it).
#pragma once

#include "error.h"

#include <QByteArray>

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>

namespace hutch::files {

struct Entry {
    enum Type : char { File = 'f', Directory = 'd', Symlink = 'l' };
    Type type = File;
    quint32 mode = 0644;
    quint32 uid = 0, gid = 0;
    qint64 mtime = 0;
    QByteArray name;
    QByteArray target;  // Symlink
    quint64 size = 0;   // File
};

// A name as the stream allows it (see above); `top`: the first entry's.
Status checkName(const QByteArray &name, bool top);

// Bytes through a descriptor that may be a pipe: waits with poll, so that
// `cancel` is seen within a quarter of a second; counts what passed.
class Channel {
public:
    Channel(int fd, const std::atomic_bool *cancel, std::function<void(quint64)> progress = {});
    Status read(char *data, size_t size);
    Status write(const char *data, size_t size);
    quint64 transferred() const { return m_count; }

private:
    Status wait(short events);
    void count(size_t n);

    int m_fd;
    const std::atomic_bool *m_cancel;
    std::function<void(quint64)> m_progress;
    quint64 m_count = 0, m_reported = 0;
};

class Writer {
public:
    explicit Writer(Channel &channel) : m_ch(channel) {}
    Status begin();
    // A file's data is read from `data` (exactly entry.size bytes); an
    // error if it has fewer.
    Status add(const Entry &entry, int data = -1);
    Status end();

private:
    Channel &m_ch;
};

class Reader {
public:
    explicit Reader(Channel &channel) : m_ch(channel) {}
    Status begin();
    // The next entry, checked; nullopt at the end mark. After a file entry
    // its data must be taken with data() before the next call.
    Result<std::optional<Entry>> next();
    // Writes the file's data to `to` (-1: skips it).
    Status data(const Entry &entry, int to);

private:
    Status readU(void *out, size_t size);
    Channel &m_ch;
    bool m_top = true;
};

}  // namespace hutch::files
