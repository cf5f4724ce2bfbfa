#include "bpfdevices.h"

#include "uniquefd.h"

#include <sys/syscall.h>
#include <unistd.h>

#include <cstring>

namespace hutch::rt {

namespace {

// The few instruction forms the program needs (linux/filter.h has them as
// macros for the kernel only).
bpf_insn insn(uint8_t code, uint8_t dst, uint8_t src, int16_t off, int32_t imm)
{
    bpf_insn i{};
    i.code = code;
    i.dst_reg = dst & 0xf;
    i.src_reg = src & 0xf;
    i.off = off;
    i.imm = imm;
    return i;
}
bpf_insn loadWord(uint8_t dst, uint8_t src, int16_t off) { return insn(BPF_LDX | BPF_W | BPF_MEM, dst, src, off, 0); }
bpf_insn movReg(uint8_t dst, uint8_t src) { return insn(BPF_ALU64 | BPF_MOV | BPF_X, dst, src, 0, 0); }
bpf_insn movImm(uint8_t dst, int32_t imm) { return insn(BPF_ALU64 | BPF_MOV | BPF_K, dst, 0, 0, imm); }
bpf_insn andImm(uint8_t dst, int32_t imm) { return insn(BPF_ALU64 | BPF_AND | BPF_K, dst, 0, 0, imm); }
bpf_insn rshImm(uint8_t dst, int32_t imm) { return insn(BPF_ALU64 | BPF_RSH | BPF_K, dst, 0, 0, imm); }
bpf_insn jumpImm(uint8_t op, uint8_t dst, int32_t imm) { return insn(BPF_JMP | op | BPF_K, dst, 0, 0, imm); }
bpf_insn exitInsn() { return insn(BPF_JMP | BPF_EXIT, 0, 0, 0, 0); }

// Registers: r1 the context (struct bpf_cgroup_dev_ctx), r2 the device
// type, r3 the access asked for, r4 major, r5 minor, r6 scratch.
constexpr uint8_t R0 = 0, R1 = 1, R2 = 2, R3 = 3, R4 = 4, R5 = 5, R6 = 6;

unsigned bpfAccess(unsigned access)
{
    return ((access & kDevMknod) ? BPF_DEVCG_ACC_MKNOD : 0) | ((access & kDevRead) ? BPF_DEVCG_ACC_READ : 0)
           | ((access & kDevWrite) ? BPF_DEVCG_ACC_WRITE : 0);
}

// One rule: jumps past its block when the device does not match,
// otherwise returns its verdict.
void appendRule(std::vector<bpf_insn> &prog, const DeviceRule &r)
{
    std::vector<bpf_insn> block;
    std::vector<size_t> skips;  // jumps to the end of the block
    auto skipIf = [&](uint8_t op, uint8_t reg, int32_t imm) {
        skips.push_back(block.size());
        block.push_back(jumpImm(op, reg, imm));
    };
    if (r.type != 'a') {
        skipIf(BPF_JNE, R2, r.type == 'b' ? BPF_DEVCG_DEV_BLOCK : BPF_DEVCG_DEV_CHAR);
        const unsigned acc = bpfAccess(r.access);
        const unsigned all = BPF_DEVCG_ACC_MKNOD | BPF_DEVCG_ACC_READ | BPF_DEVCG_ACC_WRITE;
        if (acc != all) {
            block.push_back(movReg(R6, R3));
            if (r.allow) {
                // Allowed only if everything asked for is in the rule.
                block.push_back(andImm(R6, int32_t(~acc & all)));
                skipIf(BPF_JNE, R6, 0);
            } else {
                // Denied if anything asked for is in the rule.
                block.push_back(andImm(R6, int32_t(acc)));
                skipIf(BPF_JEQ, R6, 0);
            }
        }
        if (r.major >= 0)
            skipIf(BPF_JNE, R4, int32_t(r.major));
        if (r.minor >= 0)
            skipIf(BPF_JNE, R5, int32_t(r.minor));
    }
    block.push_back(movImm(R0, r.allow ? 1 : 0));
    block.push_back(exitInsn());
    for (size_t at : skips)
        block[at].off = int16_t(block.size() - at - 1);
    prog.insert(prog.end(), block.begin(), block.end());
}

}  // namespace

std::vector<bpf_insn> deviceProgram(const std::vector<DeviceRule> &rules)
{
    std::vector<bpf_insn> prog = {
        loadWord(R2, R1, offsetof(bpf_cgroup_dev_ctx, access_type)),
        andImm(R2, 0xffff),
        loadWord(R3, R1, offsetof(bpf_cgroup_dev_ctx, access_type)),
        rshImm(R3, 16),
        loadWord(R4, R1, offsetof(bpf_cgroup_dev_ctx, major)),
        loadWord(R5, R1, offsetof(bpf_cgroup_dev_ctx, minor)),
    };
    // The last rule that matches decides: check from the end, first match
    // wins. An "a" rule matches everything, so nothing before it matters.
    for (auto it = rules.rbegin(); it != rules.rend(); ++it) {
        appendRule(prog, *it);
        if (it->type == 'a')
            return prog;
    }
    prog.push_back(movImm(R0, 1));
    prog.push_back(exitInsn());
    return prog;
}

Status attachDeviceProgram(int cgroupFd, const std::vector<DeviceRule> &rules)
{
    const std::vector<bpf_insn> prog = deviceProgram(rules);
    static const char license[] = "GPL";
    char log[8192] = {};
    auto load = [&](bool withLog) {
        bpf_attr a{};
        a.prog_type = BPF_PROG_TYPE_CGROUP_DEVICE;
        a.expected_attach_type = BPF_CGROUP_DEVICE;
        a.insns = uint64_t(uintptr_t(prog.data()));
        a.insn_cnt = uint32_t(prog.size());
        a.license = uint64_t(uintptr_t(license));
        if (withLog) {
            a.log_buf = uint64_t(uintptr_t(log));
            a.log_size = sizeof log;
            a.log_level = 1;
        }
        std::strncpy(a.prog_name, "hutch_devices", sizeof a.prog_name - 1);
        return int(::syscall(SYS_bpf, BPF_PROG_LOAD, &a, sizeof a));
    };
    UniqueFd progFd(load(false));
    if (!progFd) {
        const int err = errno;
        (void)!load(true);  // again, for the verifier's reason
        return Error::sys(err, std::string("load the device program") + (log[0] ? std::string(" (") + log + ")" : ""));
    }
    bpf_attr attach{};
    attach.target_fd = uint32_t(cgroupFd);
    attach.attach_bpf_fd = uint32_t(progFd.get());
    attach.attach_type = BPF_CGROUP_DEVICE;
    attach.attach_flags = BPF_F_ALLOW_MULTI;
    if (::syscall(SYS_bpf, BPF_PROG_ATTACH, &attach, sizeof attach) < 0)
        return Error::sys("attach the device program to the cgroup");
    return std::nullopt;
}

}  // namespace hutch::rt
