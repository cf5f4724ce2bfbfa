// Parsers and validators for the value types of LXC configuration keys.
// Each returns the parsed value or an Error whose message names what was
// wrong with the value (the caller adds file, line and key).
// Used on both sides of the trust boundary: live feedback in the GUI and
// argument checks in the root helper.
#pragma once

#include "error.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>

namespace hutch::values {

// Integers in decimal, within [min, max].
Result<int64_t> parseInteger(const QString &text, int64_t min, int64_t max);

// Byte sizes: "320000000", "512M", "1G", "64k", "1.5G", "2GiB", "100MB".
// Suffixes are binary (K = 1024), as the kernel's memparse and LXC read them.
Result<int64_t> parseSize(const QString &text);

// lxc.time.offset.*: a signed number with LXC's units h, min, s, ms, us or
// ns ("-2h", "90min", "1500ms"; no unit: seconds). Returns nanoseconds.
Result<int64_t> parseTimeOffset(const QString &text);

// LXC writes booleans as 0/1; true/false/yes/no/on/off are accepted too.
Result<bool> parseBool(const QString &text);

// "SIGPWR", "PWR", "30", "SIGRTMIN+3", "RTMAX-1": returns the number.
Result<int> parseSignal(const QString &text);
// The canonical name of a signal number ("SIGPWR", "SIGRTMIN+3").
QString signalName(int signal);

// One capability name, with or without "cap_", any case ("sys_admin",
// "CAP_NET_RAW"), checked against libcap. Returns the number.
Result<int> parseCapability(const QString &text);
// A space-separated list of capability names; "none" alone is allowed when
// allowNone (lxc.cap.keep = none).
Result<QList<int>> parseCapabilityList(const QString &text, bool allowNone);

// MAC address "00:16:3e:xx:xx:xx": six hex octets, "xx" wildcards allowed
// when allowWildcards; a multicast address is refused.
Status validateMac(const QString &text, bool allowWildcards);

// "10.0.3.5/24", "10.0.3.5/24 10.0.3.255" (with broadcast), prefix optional.
Status validateIPv4Address(const QString &text);
// Gateway: an address, "auto" or "dev".
Status validateIPv4Gateway(const QString &text);
Status validateIPv6Address(const QString &text);
Status validateIPv6Gateway(const QString &text);

// A mount entry in fstab syntax: source target type options [dump [pass]].
struct MountEntry {
    QString source, target, type, options;
    int dump = 0, pass = 0;
};
Result<MountEntry> parseMountEntry(const QString &text);

// An idmap line: "u 0 100000 65536" (type u, g or b; container id, host id, range).
struct IdMap {
    QChar type;
    uint32_t containerId = 0, hostId = 0, range = 0;
};
Result<IdMap> parseIdMap(const QString &text);

// A network interface name: 1 to 15 bytes, no '/', ':' or whitespace.
Status validateInterfaceName(const QString &text);
// A hostname for lxc.uts.name: labels of [A-Za-z0-9-], at most 64 bytes.
Status validateHostname(const QString &text);

// "0-3,5,7-8"
Status validateCpuList(const QString &text);

// Device rule for devices.allow/deny: "c 1:3 rwm", "b *:* m", "a".
Status validateDeviceRule(const QString &text);

// lxc.prlimit values: "unlimited", "1024" or "soft:hard".
Status validatePrlimit(const QString &text);

// Shared by every value: no control characters (newline, NUL, ...), which a
// config line could not carry and which a D-Bus caller might try to smuggle in.
Status validateNoControlChars(const QString &text);

}  // namespace hutch::values
