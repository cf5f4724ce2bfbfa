// libFuzzer: the value validators the helper applies at its trust boundary
// (keys.h, values.h, hostlimits.h) and container names. The input is
// "KEY\nVALUE": the key picks the validator, as a SetConfigItem would.
#include "hostlimits.h"
#include "keys.h"
#include "names.h"
#include "values.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype newline = text.indexOf(QLatin1Char('\n'));
    const QString key = newline < 0 ? text : text.left(newline);
    const QString value = newline < 0 ? text : text.mid(newline + 1);
    using namespace hutch;
    if (const auto info = keys::lookup(key))
        (void)keys::validateValue(key, *info, value);
    // The suggestion compares with every key name: short keys only, or a
    // run spends its time in edit distances.
    if (key.size() <= 40)
        (void)keys::suggest(key);
    keys::KeyTranslator translator;
    (void)translator.translate(key);
    (void)hostlimits::checkHostCost(key, value);
    (void)validateContainerName(value);
    (void)values::parseInteger(value, -1000, 1000);
    (void)values::parseSize(value);
    (void)values::parseBool(value);
    (void)values::parseSignal(value);
    (void)values::parseCapabilityList(value, true);
    (void)values::validateMac(value, true);
    (void)values::validateIPv4Address(value);
    (void)values::validateIPv4Gateway(value);
    (void)values::validateIPv6Address(value);
    (void)values::validateIPv6Gateway(value);
    (void)values::parseMountEntry(value);
    (void)values::parseIdMap(value);
    (void)values::validateInterfaceName(value);
    (void)values::validateHostname(value);
    (void)values::validateCpuList(value);
    (void)values::validateDeviceRule(value);
    (void)values::validatePrlimit(value);
    (void)keys::validateCgroupValue(key, true, value);
    (void)keys::validateCgroupValue(key, false, value);
    return 0;
}
