#include "values.h"

#include <QHash>
#include <QRegularExpression>

#include <array>
#include <csignal>
#include <limits>
#include <arpa/inet.h>
#include <sys/capability.h>

namespace hutch::values {

namespace {

Error bad(const QString &what) { return Error::invalid(what); }

bool isDecimal(QStringView s)
{
    if (s.isEmpty())
        return false;
    for (QChar c : s)
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return false;
    return true;
}

// Decimal without sign, refusing overflow.
std::optional<uint64_t> parseDecimal(QStringView s)
{
    if (!isDecimal(s) || s.size() > 20)
        return std::nullopt;
    bool ok = false;
    const qulonglong v = s.toULongLong(&ok);
    if (!ok)
        return std::nullopt;
    return v;
}

struct SignalName {
    const char *name;
    int number;
};
// The standard signal names of Linux (x86 and most architectures).
constexpr std::array<SignalName, 32> kSignals{{
    {"HUP", SIGHUP},   {"INT", SIGINT},       {"QUIT", SIGQUIT}, {"ILL", SIGILL},
    {"TRAP", SIGTRAP}, {"ABRT", SIGABRT},     {"IOT", SIGIOT},   {"BUS", SIGBUS},
    {"FPE", SIGFPE},   {"KILL", SIGKILL},     {"USR1", SIGUSR1}, {"SEGV", SIGSEGV},
    {"USR2", SIGUSR2}, {"PIPE", SIGPIPE},     {"ALRM", SIGALRM}, {"TERM", SIGTERM},
    {"STKFLT", SIGSTKFLT}, {"CHLD", SIGCHLD}, {"CONT", SIGCONT}, {"STOP", SIGSTOP},
    {"TSTP", SIGTSTP}, {"TTIN", SIGTTIN},     {"TTOU", SIGTTOU}, {"URG", SIGURG},
    {"XCPU", SIGXCPU}, {"XFSZ", SIGXFSZ},     {"VTALRM", SIGVTALRM}, {"PROF", SIGPROF},
    {"WINCH", SIGWINCH}, {"IO", SIGIO},       {"PWR", SIGPWR},   {"SYS", SIGSYS},
}};

}  // namespace

Status validateNoControlChars(const QString &text)
{
    for (QChar c : text) {
        const char16_t u = c.unicode();
        if (u == 0)
            return bad(QStringLiteral("value contains a NUL byte"));
        if (u == '\n' || u == '\r')
            return bad(QStringLiteral("value contains a line break"));
        if ((u < 0x20 && u != '\t') || u == 0x7f)
            return bad(QStringLiteral("value contains the control character 0x%1")
                           .arg(int(u), 2, 16, QLatin1Char('0')));
    }
    return std::nullopt;
}

Result<int64_t> parseInteger(const QString &text, int64_t min, int64_t max)
{
    QStringView s(text);
    const bool negative = s.startsWith(QLatin1Char('-'));
    const auto magnitude = parseDecimal(negative ? s.mid(1) : s);
    if (!magnitude)
        return bad(QStringLiteral("\"%1\" is not an integer").arg(text));
    if (*magnitude > uint64_t(std::numeric_limits<int64_t>::max()))
        return bad(QStringLiteral("%1 is out of range").arg(text));
    const int64_t v = negative ? -int64_t(*magnitude) : int64_t(*magnitude);
    if (v < min || v > max)
        return bad(QStringLiteral("%1 is out of range (%2 to %3)").arg(text).arg(min).arg(max));
    return v;
}

Result<int64_t> parseTimeOffset(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^(-?[0-9]+)\\s*(h|min|s|ms|us|ns)?$"));
    const auto m = re.match(text.trimmed());
    if (!m.hasMatch())
        return bad(QStringLiteral("\"%1\" is not a time offset (examples: 3600s, -2h, 90min, 1500ms)").arg(text));
    static const QHash<QString, int64_t> perUnit = {
        {QStringLiteral("h"), 3600'000'000'000LL}, {QStringLiteral("min"), 60'000'000'000LL},
        {QStringLiteral("s"), 1'000'000'000LL},    {QString(), 1'000'000'000LL},
        {QStringLiteral("ms"), 1'000'000LL},       {QStringLiteral("us"), 1'000LL},
        {QStringLiteral("ns"), 1LL}};
    const int64_t unit = perUnit.value(m.captured(2));
    // A time namespace's offsets are bounded by the kernel (KTIME_SEC_MAX / 2):
    // a century either way is far inside that and far beyond any use.
    constexpr int64_t kMaxSeconds = 100LL * 366 * 24 * 3600;
    auto n = parseInteger(m.captured(1), -kMaxSeconds * 1'000'000'000LL / unit, kMaxSeconds * 1'000'000'000LL / unit);
    if (!n)
        return bad(QStringLiteral("time offset \"%1\" is out of range (at most a century)").arg(text));
    return *n * unit;
}

Result<int64_t> parseSize(const QString &text)
{
    static const QRegularExpression re(
        QStringLiteral("^([0-9]+)(?:\\.([0-9]+))?\\s*([kKmMgGtTpP]?)(i?[bB])?$"));
    const auto m = re.match(text.trimmed());
    if (!m.hasMatch())
        return bad(QStringLiteral("\"%1\" is not a size (examples: 320000000, 512M, 1G)").arg(text));
    const QString unit = m.captured(3).toUpper();
    int shift = 0;
    if (!unit.isEmpty())
        shift = 10 * (1 + int(QStringLiteral("KMGTP").indexOf(unit)));
    if (!m.captured(2).isEmpty() && shift == 0)
        return bad(QStringLiteral("\"%1\": a number of bytes cannot have a fraction").arg(text));
    // Exact integer arithmetic: whole part, then the fraction digit by digit.
    const auto whole = parseDecimal(m.captured(1));
    constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
    if (!whole || *whole > uint64_t(kMax >> shift))
        return bad(QStringLiteral("size \"%1\" is too large").arg(text));
    int64_t bytes = int64_t(*whole) << shift;
    // The fraction, exactly: 0.5G is 2^29, not a sum of rounded tenths.
    const QString frac = m.captured(2).left(12);
    if (!frac.isEmpty()) {
        __int128 digits = frac.toLongLong();
        __int128 divisor = 1;
        for (qsizetype i = 0; i < frac.size(); ++i)
            divisor *= 10;
        const __int128 extra = (digits << shift) / divisor;
        if (bytes > kMax - extra)
            return bad(QStringLiteral("size \"%1\" is too large").arg(text));
        bytes += int64_t(extra);
    }
    return bytes;
}

Result<bool> parseBool(const QString &text)
{
    const QString t = text.toLower();
    if (t == QLatin1String("1") || t == QLatin1String("true") || t == QLatin1String("yes")
        || t == QLatin1String("on"))
        return true;
    if (t == QLatin1String("0") || t == QLatin1String("false") || t == QLatin1String("no")
        || t == QLatin1String("off"))
        return false;
    return bad(QStringLiteral("\"%1\" is not a boolean (use 0 or 1)").arg(text));
}

Result<int> parseSignal(const QString &text)
{
    if (isDecimal(text)) {
        auto n = parseInteger(text, 1, SIGRTMAX);
        if (!n)
            return bad(QStringLiteral("signal number %1 is out of range (1 to %2)").arg(text).arg(SIGRTMAX));
        return int(*n);
    }
    QString name = text.toUpper();
    if (name.startsWith(QLatin1String("SIG")))
        name = name.mid(3);
    for (const auto &s : kSignals)
        if (name == QLatin1String(s.name))
            return s.number;
    // RTMIN, RTMIN+n, RTMAX, RTMAX-n
    static const QRegularExpression rt(QStringLiteral("^RT(MIN|MAX)(?:([+-])([0-9]{1,2}))?$"));
    const auto m = rt.match(name);
    if (m.hasMatch()) {
        const bool fromMin = m.captured(1) == QLatin1String("MIN");
        const QString sign = m.captured(2);
        const int off = m.captured(3).isEmpty() ? 0 : m.captured(3).toInt();
        if ((fromMin && sign != QLatin1String("-")) || (!fromMin && sign != QLatin1String("+"))) {
            const int n = fromMin ? SIGRTMIN + off : SIGRTMAX - off;
            if (n >= SIGRTMIN && n <= SIGRTMAX)
                return n;
        }
    }
    return bad(QStringLiteral("\"%1\" is not a signal name or number").arg(text));
}

QString signalName(int signal)
{
    for (const auto &s : kSignals)
        if (s.number == signal && qstrcmp(s.name, "IOT") != 0)
            return QStringLiteral("SIG") + QLatin1String(s.name);
    if (signal == SIGRTMIN)
        return QStringLiteral("SIGRTMIN");
    if (signal > SIGRTMIN && signal <= SIGRTMAX)
        return QStringLiteral("SIGRTMIN+%1").arg(signal - SIGRTMIN);
    return QString::number(signal);
}

Result<int> parseCapability(const QString &text)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z_0-9]+$"));
    QString name = text.toLower();
    // cap_from_name would also take lists and numbers: one name only.
    if (!plain.match(text).hasMatch())
        return bad(QStringLiteral("\"%1\" is not a capability name").arg(text));
    if (!name.startsWith(QLatin1String("cap_")))
        name.prepend(QLatin1String("cap_"));
    cap_value_t cap = 0;
    // cap_from_name also accepts numbers; we want names only.
    if (isDecimal(text) || cap_from_name(name.toLatin1().constData(), &cap) != 0)
        return bad(QStringLiteral("\"%1\" is not a capability name").arg(text));
    return int(cap);
}

Result<QList<int>> parseCapabilityList(const QString &text, bool allowNone)
{
    const QStringList names = text.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
    if (names.isEmpty())
        return bad(QStringLiteral("no capability named"));
    if (allowNone && names.size() == 1 && names.front() == QLatin1String("none"))
        return QList<int>{};
    QList<int> caps;
    for (const QString &n : names) {
        auto c = parseCapability(n);
        if (!c)
            return c.error();
        caps.append(*c);
    }
    return caps;
}

Status validateMac(const QString &text, bool allowWildcards)
{
    if (auto err = validateNoControlChars(text))
        return err;
    const QStringList octets = text.split(QLatin1Char(':'));
    if (octets.size() != 6)
        return bad(QStringLiteral("\"%1\" is not a MAC address (six octets like 00:16:3e:12:34:56)").arg(text));
    for (int i = 0; i < 6; ++i) {
        const QString &o = octets[i];
        if (allowWildcards && o.compare(QLatin1String("xx"), Qt::CaseInsensitive) == 0) {
            if (i == 0)
                return bad(QStringLiteral("MAC address \"%1\": the first octet cannot be a wildcard").arg(text));
            continue;
        }
        bool ok = false;
        const int v = o.toInt(&ok, 16);
        if (o.size() != 2 || !ok)
            return bad(QStringLiteral("MAC address \"%1\": bad octet \"%2\"").arg(text, o));
        if (i == 0 && (v & 1))
            return bad(QStringLiteral("MAC address \"%1\" is a multicast address").arg(text));
    }
    return std::nullopt;
}

namespace {

enum class Family { V4 = AF_INET, V6 = AF_INET6 };

bool isAddress(const QString &text, Family family)
{
    unsigned char buf[sizeof(struct in6_addr)];
    return inet_pton(int(family), text.toLatin1().constData(), buf) == 1
           && text.toLatin1() == text.toUtf8();
}

Status validateAddress(const QString &text, Family family, bool allowBroadcast)
{
    const QString kind = family == Family::V4 ? QStringLiteral("IPv4") : QStringLiteral("IPv6");
    const int maxPrefix = family == Family::V4 ? 32 : 128;
    QStringList parts = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (parts.isEmpty() || parts.size() > (allowBroadcast ? 2 : 1))
        return bad(QStringLiteral("\"%1\" is not an %2 address").arg(text, kind));
    const QString cidr = parts.front();
    const qsizetype slash = cidr.indexOf(QLatin1Char('/'));
    const QString addr = slash < 0 ? cidr : cidr.left(slash);
    if (!isAddress(addr, family))
        return bad(QStringLiteral("\"%1\" is not an %2 address").arg(addr, kind));
    if (slash >= 0 && !parseInteger(cidr.mid(slash + 1), 0, maxPrefix))
        return bad(QStringLiteral("\"%1\": prefix length must be 0 to %2").arg(cidr).arg(maxPrefix));
    if (parts.size() == 2 && !isAddress(parts[1], family))
        return bad(QStringLiteral("\"%1\" is not an %2 broadcast address").arg(parts[1], kind));
    return std::nullopt;
}

Status validateGateway(const QString &text, Family family)
{
    if (text == QLatin1String("auto") || text == QLatin1String("dev"))
        return std::nullopt;
    if (text.contains(QLatin1Char('/')))
        return bad(QStringLiteral("gateway \"%1\" must be an address without prefix").arg(text));
    return validateAddress(text, family, false);
}

}  // namespace

Status validateIPv4Address(const QString &text)
{
    return validateAddress(text, Family::V4, true);
}

Status validateIPv4Gateway(const QString &text)
{
    return validateGateway(text, Family::V4);
}

Status validateIPv6Address(const QString &text)
{
    return validateAddress(text, Family::V6, false);
}

Status validateIPv6Gateway(const QString &text)
{
    return validateGateway(text, Family::V6);
}

Result<MountEntry> parseMountEntry(const QString &text)
{
    const QStringList f = text.split(QRegularExpression(QStringLiteral("[ \\t]+")), Qt::SkipEmptyParts);
    if (f.size() < 4 || f.size() > 6)
        return bad(QStringLiteral("mount entry \"%1\" needs: source target type options [dump [pass]]")
                       .arg(text));
    MountEntry e{f[0], f[1], f[2], f[3]};
    if (f.size() > 4) {
        auto dump = parseInteger(f[4], 0, 1 << 30);
        if (!dump)
            return bad(QStringLiteral("mount entry \"%1\": dump field \"%2\" is not a number").arg(text, f[4]));
        e.dump = int(*dump);
    }
    if (f.size() > 5) {
        auto pass = parseInteger(f[5], 0, 1 << 30);
        if (!pass)
            return bad(QStringLiteral("mount entry \"%1\": pass field \"%2\" is not a number").arg(text, f[5]));
        e.pass = int(*pass);
    }
    return e;
}

Result<IdMap> parseIdMap(const QString &text)
{
    const QStringList f = text.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
    if (f.size() != 4)
        return bad(QStringLiteral("idmap \"%1\" needs four fields: u|g|b container-id host-id range").arg(text));
    if (f[0] != QLatin1String("u") && f[0] != QLatin1String("g") && f[0] != QLatin1String("b"))
        return bad(QStringLiteral("idmap \"%1\": type must be u, g or b").arg(text));
    constexpr int64_t kMaxId = 0xfffffffeLL;  // (uid_t)-1 is not an id
    auto cid = parseInteger(f[1], 0, kMaxId);
    auto hid = parseInteger(f[2], 0, kMaxId);
    auto range = parseInteger(f[3], 1, kMaxId);
    if (!cid || !hid || !range)
        return bad(QStringLiteral("idmap \"%1\": ids must be numbers and the range at least 1").arg(text));
    if (*cid + *range - 1 > kMaxId || *hid + *range - 1 > kMaxId)
        return bad(QStringLiteral("idmap \"%1\": the range goes past the last id").arg(text));
    return IdMap{f[0].front(), uint32_t(*cid), uint32_t(*hid), uint32_t(*range)};
}

Status validateInterfaceName(const QString &text)
{
    if (auto err = validateNoControlChars(text))
        return err;
    const QByteArray b = text.toUtf8();
    if (b.isEmpty() || b.size() > 15)
        return bad(QStringLiteral("interface name \"%1\" must be 1 to 15 bytes").arg(text));
    if (text == QLatin1String(".") || text == QLatin1String(".."))
        return bad(QStringLiteral("\"%1\" is not an interface name").arg(text));
    for (char c : b)
        if (c == '/' || c == ':' || c <= ' ' || c == 0x7f)
            return bad(QStringLiteral("interface name \"%1\" contains '/', ':' or a blank").arg(text));
    return std::nullopt;
}

Status validateHostname(const QString &text)
{
    if (auto err = validateNoControlChars(text))
        return err;
    static const QRegularExpression label(QStringLiteral("^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$"));
    if (text.isEmpty() || text.toUtf8().size() > 64)
        return bad(QStringLiteral("hostname \"%1\" must be 1 to 64 characters").arg(text));
    for (const QString &l : text.split(QLatin1Char('.')))
        if (!label.match(l).hasMatch())
            return bad(QStringLiteral("hostname \"%1\": use letters, digits and '-' between dots").arg(text));
    return std::nullopt;
}

Status validateCpuList(const QString &text)
{
    if (auto err = validateNoControlChars(text))
        return err;
    static const QRegularExpression re(QStringLiteral("^[0-9]+(-[0-9]+)?(,[0-9]+(-[0-9]+)?)*$"));
    if (!re.match(text).hasMatch())
        return bad(QStringLiteral("\"%1\" is not a CPU list (example: 0-3,6)").arg(text));
    for (const QString &range : text.split(QLatin1Char(','))) {
        const QStringList ends = range.split(QLatin1Char('-'));
        if (ends.size() == 2 && ends[0].toLongLong() > ends[1].toLongLong())
            return bad(QStringLiteral("CPU range \"%1\" goes backwards").arg(range));
        for (const QString &e : ends)
            if (e.size() > 5)
                return bad(QStringLiteral("CPU number \"%1\" is too large").arg(e));
    }
    return std::nullopt;
}

Status validateDeviceRule(const QString &text)
{
    if (auto err = validateNoControlChars(text))
        return err;
    static const QRegularExpression re(
        QStringLiteral("^(a|[bc] ([0-9]+|\\*):([0-9]+|\\*)( [rwm]{1,3})?)$"));
    if (!re.match(text.simplified()).hasMatch())
        return bad(QStringLiteral("\"%1\" is not a device rule (examples: \"c 1:3 rwm\", \"b *:* m\", \"a\")")
                       .arg(text));
    return std::nullopt;
}

Status validatePrlimit(const QString &text)
{
    if (auto err = validateNoControlChars(text))
        return err;
    auto one = [](const QString &v) {
        return v == QLatin1String("unlimited") || parseDecimal(v).has_value();
    };
    const QStringList parts = text.split(QLatin1Char(':'));
    if (parts.size() > 2 || !std::all_of(parts.begin(), parts.end(), one))
        return bad(QStringLiteral("\"%1\" is not a resource limit (a number, \"unlimited\" or soft:hard)")
                       .arg(text));
    return std::nullopt;
}

}  // namespace hutch::values
