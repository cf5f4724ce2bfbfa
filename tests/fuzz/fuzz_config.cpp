// libFuzzer: the config loader (LXC's format, legacy names, list clears)
// and the lossless document. Properties: nothing crashes or leaks; the
// document gives back the very bytes it read; an edit of a parsed document
// parses again; the host caps and the value checks answer for every entry.
#include "config.h"
#include "configdocument.h"
#include "hostlimits.h"
#include "keys.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    // No include is followed: the fuzzer's bytes name no host file.
    hutch::LoadOptions options;
    options.maxIncludeDepth = 0;
    const hutch::LoadResult loaded = hutch::loadConfigBytes(bytes, QStringLiteral("fuzz"), QString(), options);
    for (const hutch::ConfigEntry &e : loaded.config.entries()) {
        (void)hutch::hostlimits::checkHostCost(e.key, e.value);
        if (const auto info = hutch::keys::lookup(e.key))
            (void)hutch::keys::validateValue(e.key, *info, e.value);
    }
    (void)loaded.firstError();

    hutch::ConfigDocument doc = hutch::ConfigDocument::fromBytes(bytes);
    if (doc.toBytes() != bytes)
        std::abort();  // the round trip must be byte-identical
    doc.set(QStringLiteral("lxc.uts.name"), QStringLiteral("fuzz"));
    doc.append(QStringLiteral("lxc.cap.drop"), QStringLiteral("sys_module"));
    const QByteArray edited = doc.toBytes();
    if (hutch::ConfigDocument::fromBytes(edited).toBytes() != edited)
        std::abort();
    (void)hutch::updateLegacyKeys(doc);
    return 0;
}
