#include "seccompprofile.h"

#include "uniquefd.h"

#include <linux/filter.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <sstream>

namespace hutch::rt {

namespace {

std::string trim(const std::string &s)
{
    const size_t b = s.find_first_not_of(" \t\r");
    if (b == std::string::npos)
        return {};
    const size_t e = s.find_last_not_of(" \t\r");
    return s.substr(b, e - b + 1);
}

bool startsWith(const std::string &s, const char *prefix)
{
    return s.rfind(prefix, 0) == 0;
}

bool parseNumber(const std::string &text, uint64_t &out)
{
    const std::string t = trim(text);
    if (t.empty() || t[0] == '-')
        return false;
    try {
        size_t end = 0;
        out = std::stoull(t, &end, 0);
        return end == t.size();
    } catch (...) {
        return false;
    }
}

// "kill", "errno 1", "trap", "allow" at the start of `text`; nullopt for
// nothing (the caller's default), an Error for anything else.
Result<std::optional<uint32_t>> parseAction(const std::string &text)
{
    const std::string t = trim(text);
    if (t.empty() || t[0] == '#')
        return std::optional<uint32_t>();
    std::istringstream in(t);
    std::string word;
    in >> word;
    if (word == "kill")
        return std::optional<uint32_t>(SCMP_ACT_KILL);
    if (word == "allow")
        return std::optional<uint32_t>(SCMP_ACT_ALLOW);
    if (word == "trap")
        return std::optional<uint32_t>(SCMP_ACT_TRAP);
    if (word == "errno") {
        std::string n;
        in >> n;
        uint64_t e = 0;
        if (!parseNumber(n, e) || e > 4095)
            return Error::msg("bad errno value \"" + n + "\"");
        return std::optional<uint32_t>(SCMP_ACT_ERRNO(uint16_t(e)));
    }
    if (word == "notify")
        return Error::msg("the notify action needs a seccomp notify proxy, which Hutch does not run");
    return Error::msg("unknown action \"" + word + "\"");
}

int parseOperator(const std::string &op)
{
    static const std::pair<const char *, scmp_compare> ops[] = {
        {"SCMP_CMP_NE", SCMP_CMP_NE}, {"!=", SCMP_CMP_NE},  {"SCMP_CMP_LT", SCMP_CMP_LT},
        {"<", SCMP_CMP_LT},           {"SCMP_CMP_LE", SCMP_CMP_LE}, {"<=", SCMP_CMP_LE},
        {"SCMP_CMP_EQ", SCMP_CMP_EQ}, {"==", SCMP_CMP_EQ},  {"SCMP_CMP_GE", SCMP_CMP_GE},
        {">=", SCMP_CMP_GE},          {"SCMP_CMP_GT", SCMP_CMP_GT}, {">", SCMP_CMP_GT},
        {"SCMP_CMP_MASKED_EQ", SCMP_CMP_MASKED_EQ}, {"&=", SCMP_CMP_MASKED_EQ}};
    for (const auto &[name, value] : ops)
        if (op == name)
            return value;
    return -1;
}

// "[1,0x5412,SCMP_CMP_EQ]" or "[1,0x5412,SCMP_CMP_MASKED_EQ,0xffffffff]"
// (LXC's order: index, value, operator, mask).
Result<SeccompArg> parseArg(const std::string &inside)
{
    std::vector<std::string> f;
    std::istringstream in(inside);
    std::string part;
    while (std::getline(in, part, ','))
        f.push_back(trim(part));
    if (f.size() != 3 && f.size() != 4)
        return Error::msg("bad argument condition \"[" + inside + "]\"");
    SeccompArg a;
    uint64_t index = 0;
    if (!parseNumber(f[0], index) || index > 5)
        return Error::msg("bad argument index \"" + f[0] + "\"");
    a.index = unsigned(index);
    if (!parseNumber(f[1], a.value))
        return Error::msg("bad argument value \"" + f[1] + "\"");
    a.op = parseOperator(f[2]);
    if (a.op < 0)
        return Error::msg("unknown comparison \"" + f[2] + "\"");
    if (f.size() == 4 && !parseNumber(f[3], a.mask))
        return Error::msg("bad argument mask \"" + f[3] + "\"");
    return a;
}

Status parseRule(const std::string &line, uint32_t defaultRuleAction, SeccompRule &rule)
{
    const size_t space = line.find_first_of(" \t");
    rule.syscall = line.substr(0, space);
    std::string rest = space == std::string::npos ? std::string() : line.substr(space + 1);
    const size_t bracket = rest.find('[');
    auto action = parseAction(rest.substr(0, bracket));
    if (!action)
        return action.error();
    rule.action = action->value_or(defaultRuleAction);
    if (bracket == std::string::npos)
        return std::nullopt;
    size_t pos = bracket;
    while ((pos = rest.find('[', pos)) != std::string::npos) {
        const size_t close = rest.find(']', pos);
        if (close == std::string::npos)
            return Error::msg("unterminated argument condition");
        auto arg = parseArg(rest.substr(pos + 1, close - pos - 1));
        if (!arg)
            return arg.error();
        if (rule.args.size() == 6)
            return Error::msg("more than 6 argument conditions");
        rule.args.push_back(*arg);
        pos = close + 1;
    }
    return std::nullopt;
}

const char *const kSections[] = {"all",  "x86",    "x32",       "x86_64", "arm",      "arm64",
                                 "ppc",  "ppc64",  "ppc64le",   "mips",   "mips64",   "mips64n32",
                                 "mipsel", "mipsel64", "mipsel64n32", "s390", "s390x", "riscv64"};

// ---- Building the filter ---------------------------------------------------

struct CtxDeleter {
    void operator()(void *ctx) const { seccomp_release(ctx); }
};
using Ctx = std::unique_ptr<void, CtxDeleter>;

// One filter context per ABI the host runs: the native one, and on x86_64
// the i386 and x32 ABIs that a process can still enter (int 0x80, the x32
// bit). A section's rules go to its ABI's context only.
struct Abi {
    const char *section;
    uint32_t arch;
    Ctx ctx;
};

Result<Ctx> newContext(uint32_t defaultAction, uint32_t arch)
{
    Ctx ctx(seccomp_init(defaultAction));
    if (!ctx)
        return Error::msg("seccomp_init failed");
    // lxc.no_new_privs decides that, not libseccomp.
    if (int r = seccomp_attr_set(ctx.get(), SCMP_FLTATR_CTL_NNP, 0); r < 0)
        return Error::sys(-r, "seccomp: turn off no_new_privs");
    if (arch != SCMP_ARCH_NATIVE && arch != seccomp_arch_native()) {
        if (int r = seccomp_arch_add(ctx.get(), arch); r < 0)
            return Error::sys(-r, "seccomp: add an ABI");
        if (int r = seccomp_arch_remove(ctx.get(), SCMP_ARCH_NATIVE); r < 0)
            return Error::sys(-r, "seccomp: remove the native ABI");
    }
    return ctx;
}

const char *nativeSection()
{
    // What libseccomp was built for, not uname(): under lxc.arch = i686 the
    // container runs with PER_LINUX32, uname says i686, and the x86_64 host
    // would lose its i386 and x32 filters (and kill every i386 call).
    switch (seccomp_arch_native()) {
    case SCMP_ARCH_X86_64: return "x86_64";
    case SCMP_ARCH_AARCH64: return "arm64";
    case SCMP_ARCH_ARM: return "arm";
    case SCMP_ARCH_PPC64LE: return "ppc64le";
    case SCMP_ARCH_PPC64: return "ppc64";
    case SCMP_ARCH_S390X: return "s390x";
    case SCMP_ARCH_RISCV64: return "riscv64";
    case SCMP_ARCH_X86: return "x86";
    default: return "";
    }
}

Status addRule(void *ctx, uint32_t arch, uint32_t defaultAction, const SeccompRule &rule, int version)
{
    if (rule.action == defaultAction)
        return std::nullopt;  // libseccomp refuses a rule that changes nothing
    int nr;
    if (version == 1) {
        uint64_t n = 0;
        if (!parseNumber(rule.syscall, n))
            return Error::msg("line " + std::to_string(rule.line) + ": not a syscall number");
        nr = int(n);
    } else {
        nr = seccomp_syscall_resolve_name(rule.syscall.c_str());
        if (nr == __NR_SCMP_ERROR)
            return std::nullopt;  // unknown to this libseccomp: skipped, as LXC does
        if (arch != SCMP_ARCH_NATIVE && arch != seccomp_arch_native()
            && seccomp_syscall_resolve_name_arch(arch, rule.syscall.c_str()) < 0)
            return std::nullopt;  // the ABI has no such call
        if (nr < 0 && (arch == SCMP_ARCH_NATIVE || arch == seccomp_arch_native()))
            return std::nullopt;  // a pseudo syscall: not on the native ABI
    }
    scmp_arg_cmp cmp[6]{};
    for (size_t i = 0; i < rule.args.size(); ++i) {
        const SeccompArg &a = rule.args[i];
        cmp[i] = a.op == SCMP_CMP_MASKED_EQ ? scmp_arg_cmp{a.index, SCMP_CMP_MASKED_EQ, a.mask, a.value}
                                            : scmp_arg_cmp{a.index, scmp_compare(a.op), a.value, 0};
    }
    if (int r = seccomp_rule_add_array(ctx, rule.action, nr, unsigned(rule.args.size()), cmp); r < 0)
        return Error::sys(-r, "line " + std::to_string(rule.line) + ": add the rule for " + rule.syscall);
    return std::nullopt;
}

}  // namespace

Result<SeccompProfile> parseSeccompProfile(const std::string &text)
{
    std::istringstream in(text);
    std::string line;
    int lineNo = 0;
    auto at = [&](const std::string &m) { return Error::msg("line " + std::to_string(lineNo) + ": " + m); };
    SeccompProfile p;
    // Line 1: the version.
    while (std::getline(in, line) && (++lineNo, trim(line).empty())) {
    }
    uint64_t version = 0;
    if (!parseNumber(line, version) || (version != 1 && version != 2))
        return at("the first line must be the format version, 1 or 2");
    p.version = int(version);
    // Line 2: the policy style and its default action.
    if (!std::getline(in, line))
        return Error::msg("line " + std::to_string(lineNo + 1) + ": missing \"allowlist\" or \"denylist\"");
    ++lineNo;
    line = trim(line);
    if (line.find("debug") != std::string::npos)
        return at("\"debug\" is not supported");
    const bool deny = startsWith(line, "denylist") || startsWith(line, "blacklist");
    const bool allow = startsWith(line, "allowlist") || startsWith(line, "whitelist");
    if (p.version == 1 ? line.find("allowlist") == std::string::npos && line.find("whitelist") == std::string::npos
                       : !deny && !allow)
        return at(p.version == 1 ? "version 1 profiles are allowlists" : "expected \"allowlist\" or \"denylist\"");
    p.denylist = p.version == 2 && deny;
    std::optional<uint32_t> policyDefault;
    if (p.version == 2) {
        const size_t space = line.find(' ');
        auto a = parseAction(space == std::string::npos ? std::string() : line.substr(space + 1));
        if (!a)
            return at(a.error().message);
        policyDefault = *a;
    }
    p.defaultAction = policyDefault.value_or(p.denylist ? SCMP_ACT_ALLOW : SCMP_ACT_KILL);
    const uint32_t ruleDefault = p.denylist ? SCMP_ACT_KILL : SCMP_ACT_ALLOW;

    std::string section = "all";
    while (std::getline(in, line)) {
        ++lineNo;
        line = trim(line);
        if (line.empty() || line[0] == '#')
            continue;
        SeccompRule rule;
        rule.line = lineNo;
        rule.section = section;
        if (p.version == 1) {
            uint64_t n = 0;
            if (!parseNumber(line, n))
                return at("expected a syscall number");
            rule.syscall = std::to_string(n);
            rule.action = SCMP_ACT_ALLOW;
            p.rules.push_back(rule);
            continue;
        }
        if (line[0] == '[') {
            if (line.back() != ']')
                return at("bad section \"" + line + "\"");
            std::string name = line.substr(1, line.size() - 2);
            std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
            if (std::find_if(std::begin(kSections), std::end(kSections), [&](const char *s) { return name == s; })
                == std::end(kSections))
                return at("unknown architecture section \"" + line + "\"");
            section = name;
            continue;
        }
        if (startsWith(line, "reject_force_umount")) {
            p.rejectForceUmount = true;
            continue;
        }
        if (auto err = parseRule(line, ruleDefault, rule))
            return at(err->message);
        p.rules.push_back(rule);
    }
    return p;
}

const std::string &defaultSeccompProfile()
{
    // ENOSYS for the keyring: systemd, sudo and keyutils take it as "no
    // keyrings here" and go on; EPERM for the rest, as the kernel answers
    // a process without the capability.
    static const std::string profile =
        "2\n"
        "denylist\n"
        "reject_force_umount\n"
        "[all]\n"
        "kexec_load errno 1\n"
        "kexec_file_load errno 1\n"
        "open_by_handle_at errno 1\n"
        "init_module errno 1\n"
        "finit_module errno 1\n"
        "delete_module errno 1\n"
        "keyctl errno 38\n"
        "add_key errno 38\n"
        "request_key errno 38\n"
        "bpf errno 1\n"
        "perf_event_open errno 1\n"
        "userfaultfd errno 1\n"
        "# TIOCSTI and TIOCLINUX: pushing input into a terminal a host process reads\n"
        "ioctl errno 1 [1,0x5412,SCMP_CMP_MASKED_EQ,0xffffffff]\n"
        "ioctl errno 1 [1,0x541c,SCMP_CMP_MASKED_EQ,0xffffffff]\n";
    return profile;
}

namespace {

// Already filtered (a container inside a container) and not asked to
// stack: the outer filter stays the only one, as LXC does.
bool keepOuterFilter(bool allowNesting)
{
    return !allowNesting && ::prctl(PR_GET_SECCOMP, 0, 0, 0, 0) == 2;
}

// The profile's filter contexts, merged into the first.
Result<Ctx> buildFilter(const std::string &text)
{
    auto profile = parseSeccompProfile(text);
    if (!profile)
        return profile.error().wrap("seccomp profile");
    const uint32_t def = profile->defaultAction;

    std::vector<Abi> abis;
    const std::string native = nativeSection();
    auto nativeCtx = newContext(def, SCMP_ARCH_NATIVE);
    if (!nativeCtx)
        return nativeCtx.error();
    abis.push_back({native.empty() ? "native" : nativeSection(), SCMP_ARCH_NATIVE, std::move(*nativeCtx)});
    if (native == "x86_64" && profile->version == 2) {
        for (auto [section, arch] : {std::pair<const char *, uint32_t>{"x86", SCMP_ARCH_X86},
                                      std::pair<const char *, uint32_t>{"x32", SCMP_ARCH_X32}}) {
            auto ctx = newContext(def, arch);
            if (!ctx)
                return ctx.error();
            abis.push_back({section, arch, std::move(*ctx)});
        }
    }
    for (Abi &abi : abis) {
        if (profile->rejectForceUmount) {
            const scmp_arg_cmp force{1, SCMP_CMP_MASKED_EQ, MNT_FORCE, MNT_FORCE};
            if (int r = seccomp_rule_add_array(abi.ctx.get(), SCMP_ACT_ERRNO(EACCES), SCMP_SYS(umount2), 1, &force);
                r < 0)
                return Error::sys(-r, "seccomp: reject_force_umount");
        }
        for (const SeccompRule &rule : profile->rules) {
            if (rule.section != "all" && rule.section != abi.section)
                continue;
            if (auto err = addRule(abi.ctx.get(), abi.arch, def, rule, profile->version))
                return err->wrap("seccomp profile");
        }
    }
    for (size_t i = 1; i < abis.size(); ++i) {
        // seccomp_merge takes the second context over, released or not.
        if (int r = seccomp_merge(abis[0].ctx.get(), abis[i].ctx.release()); r < 0)
            return Error::sys(-r, std::string("seccomp: merge the ") + abis[i].section + " filter");
    }
    return std::move(abis[0].ctx);
}

}  // namespace

Result<std::string> compileSeccompProfile(const std::string &text)
{
    auto filter = buildFilter(text);
    if (!filter)
        return filter.error();
    // libseccomp 2.5 exports to a file descriptor only.
    UniqueFd mem(::memfd_create("seccomp", MFD_CLOEXEC));
    if (!mem)
        return Error::sys("seccomp: memfd_create");
    if (int r = seccomp_export_bpf(filter->get(), mem.get()); r < 0)
        return Error::sys(-r, "seccomp: export the filter");
    std::string program;
    char buf[4096];
    ssize_t n;
    off_t at = 0;
    while ((n = ::pread(mem.get(), buf, sizeof buf, at)) > 0) {
        program.append(buf, size_t(n));
        at += n;
    }
    if (n < 0)
        return Error::sys("seccomp: read the exported filter");
    if (program.empty() || program.size() % sizeof(sock_filter) != 0)
        return Error::msg("seccomp: the exported filter has " + std::to_string(program.size()) + " bytes");
    return program;
}

Status loadSeccompFilter(const std::string &program, bool allowNesting)
{
    if (keepOuterFilter(allowNesting))
        return std::nullopt;
    if (program.empty() || program.size() % sizeof(sock_filter) != 0 || program.size() / sizeof(sock_filter) > BPF_MAXINSNS)
        return Error::msg("load the seccomp filter: a program of " + std::to_string(program.size()) + " bytes");
    // What seccomp_load does with the attributes newContext sets (no
    // no_new_privs, no flags): SECCOMP_SET_MODE_FILTER.
    sock_fprog prog{static_cast<unsigned short>(program.size() / sizeof(sock_filter)),
                    reinterpret_cast<sock_filter *>(const_cast<char *>(program.data()))};
    if (::syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0)
        return Error::sys("load the seccomp filter");
    return std::nullopt;
}

Status loadSeccompProfile(const std::string &text, bool allowNesting)
{
    if (keepOuterFilter(allowNesting))
        return std::nullopt;
    auto filter = buildFilter(text);
    if (!filter)
        return filter.error();
    if (int r = seccomp_load(filter->get()); r < 0)
        return Error::sys(-r, "load the seccomp filter");
    return std::nullopt;
}

Status applyNoNewPrivsAndSeccomp(const LaunchSpec &spec, const std::string *compiled)
{
    if (spec.noNewPrivs && ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
        return Error::sys("lxc.no_new_privs");
    if (spec.seccompProfile.empty())
        return std::nullopt;
    if (compiled && !compiled->empty())
        return loadSeccompFilter(*compiled, spec.seccompAllowNesting);
    return loadSeccompProfile(spec.seccompProfile, spec.seccompAllowNesting);
}

}  // namespace hutch::rt
