// A tiny ustar writer for tests: archives with exactly the members a test
// wants (links beneath links, devices, a config that is a symlink), which
// GNU tar would not write from a real tree. Test code only.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <cstdio>
#include <cstring>

namespace hutch::test {

struct TarEntry {
    QByteArray name;
    char type = '0';        // '0' file, '1' hard link, '2' symlink, '3' char, '4' block, '5' dir
    QByteArray data;        // for files
    QByteArray link;        // for links
    unsigned mode = 0644;
    unsigned devMajor = 0, devMinor = 0;
};

inline TarEntry tarFile(const QByteArray &name, const QByteArray &data, unsigned mode = 0644)
{
    return {name, '0', data, {}, mode};
}
inline TarEntry tarDir(const QByteArray &name) { return {name, '5', {}, {}, 0755}; }
inline TarEntry tarSymlink(const QByteArray &name, const QByteArray &target) { return {name, '2', {}, target, 0777}; }

inline QByteArray tarArchive(const QList<TarEntry> &entries)
{
    QByteArray out;
    for (const TarEntry &e : entries) {
        char h[512] = {};
        std::memcpy(h, e.name.constData(), size_t(std::min<qsizetype>(e.name.size(), 100)));
        std::snprintf(h + 100, 8, "%07o", e.mode);
        std::snprintf(h + 108, 8, "%07o", 0u);
        std::snprintf(h + 116, 8, "%07o", 0u);
        std::snprintf(h + 124, 12, "%011llo", static_cast<unsigned long long>(e.type == '0' ? e.data.size() : 0));
        std::snprintf(h + 136, 12, "%011o", 0u);
        h[156] = e.type;
        std::memcpy(h + 157, e.link.constData(), size_t(std::min<qsizetype>(e.link.size(), 100)));
        std::memcpy(h + 257, "ustar\0" "00", 8);
        std::snprintf(h + 329, 8, "%07o", e.devMajor);
        std::snprintf(h + 337, 8, "%07o", e.devMinor);
        std::memset(h + 148, ' ', 8);
        unsigned sum = 0;
        for (unsigned char c : h)
            sum += c;
        std::snprintf(h + 148, 8, "%06o", sum);
        out.append(h, 512);
        if (e.type == '0') {
            out += e.data;
            out += QByteArray((512 - e.data.size() % 512) % 512, '\0');
        }
    }
    out += QByteArray(1024, '\0');
    return out;
}

}  // namespace hutch::test
