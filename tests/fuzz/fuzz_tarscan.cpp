// libFuzzer: the tar header reader (tarscan.h) that lists and checks an
// archive before tar extracts a byte of it (imports, image tarballs and
// metadata), and the member rules. The first input byte sets the size of
// the pieces the stream is fed in, as a pipe would cut it.
#include "tarscan.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const size_t piece = 1 + size_t(data[0]) * 37;
    ++data;
    --size;
    hutch::storage::TarScanner scanner({QStringLiteral("config"), QStringLiteral("./config"), QStringLiteral("templates")},
                                       64 * 1024);
    bool failed = false;
    for (size_t at = 0; at < size && !failed; at += piece) {
        const size_t n = std::min(piece, size - at);
        failed = bool(scanner.feed(reinterpret_cast<const char *>(data) + at, qsizetype(n)));
    }
    if (failed)
        return 0;
    (void)scanner.finish();
    QStringList everything;
    for (const hutch::storage::TarMember &m : scanner.members())
        everything << m.name;
    (void)hutch::storage::checkTarMembers(scanner.members(), everything);
    (void)hutch::storage::checkTarMembers(scanner.members(), {QStringLiteral("config"), QStringLiteral("hutch-export.json")});
    (void)scanner.captured(QStringLiteral("config"));
    return 0;
}
