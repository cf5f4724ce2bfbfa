// hutch-monitor [--detach] --spec-fd N --status-fd M [--init-fd K]
// Started by the helper (through startMonitor, in a session of its own;
// --detach: forks once and the first process exits, so that the monitor is
// not the helper's child; a fork of this small program costs little beside
// one of the helper): reads the
// launch spec from fd N, starts the container, writes "ok PID" or an error
// reply (protocol.h: code, errno, message) to fd M and closes it, then
// serves until the container stops.
#include "fdio.h"
#include "init.h"
#include "monitor.h"

#include <csignal>
#include <fcntl.h>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <link.h>
#include <malloc.h>
#include <poll.h>
#include <string>
#include <sys/mman.h>
#include <unistd.h>

using namespace hutch::rt;

namespace {

// Start-up is over: this process stops mapping its read-only segments
// (code and constants of the executable, clean pages that stay in the page
// cache, shared by every monitor) and gives freed heap back. What serving
// the container runs maps back in on first use, so the monitor's resident
// memory is what it needs from now on rather than all that starting
// touched (bench_runtime and bench_cli print it).
void dropStartupMemory()
{
    ::dl_iterate_phdr(
        [](dl_phdr_info *info, size_t, void *) {
            if (info->dlpi_name && info->dlpi_name[0])
                return 1;  // the executable comes first; nothing else is ours
            const uintptr_t page = uintptr_t(::sysconf(_SC_PAGESIZE));
            for (int i = 0; i < info->dlpi_phnum; ++i) {
                const ElfW(Phdr) &ph = info->dlpi_phdr[i];
                if (ph.p_type != PT_LOAD || (ph.p_flags & PF_W))
                    continue;
                const uintptr_t begin = (info->dlpi_addr + ph.p_vaddr) & ~(page - 1);
                const uintptr_t end = (info->dlpi_addr + ph.p_vaddr + ph.p_memsz + page - 1) & ~(page - 1);
                ::madvise(reinterpret_cast<void *>(begin), end - begin, MADV_DONTNEED);
            }
            return 1;
        },
        nullptr);
    ::malloc_trim(0);
}

}  // namespace

int main(int argc, char **argv)
{
    // PID 1 of an executed command (see init.h).
    if (argc >= 2 && !std::strcmp(argv[1], "--init"))
        return runMinimalInit(argv + 2);
    int first = 1;
    if (argc >= 2 && !std::strcmp(argv[1], "--detach")) {
        const pid_t child = ::fork();
        if (child < 0)
            return 1;  // the helper reads no answer and says hutch-monitor failed to run
        if (child > 0)
            ::_exit(0);
        first = 2;
    }
    int specFd = -1, statusFd = -1, initFd = -1;
    for (int i = first; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--spec-fd"))
            specFd = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--status-fd"))
            statusFd = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--init-fd"))
            initFd = std::atoi(argv[i + 1]);
    }
    // Only a sealed copy will do (nothing the container could write to);
    // anything else is closed and the child copies this binary itself.
    if (initFd >= 0 && (::fcntl(initFd, F_SETFD, FD_CLOEXEC) < 0 || !isSealedCopy(initFd))) {
        ::close(initFd);
        initFd = -1;
    }
    if (specFd < 0 || statusFd < 0) {
        std::fprintf(stderr, "usage: hutch-monitor [--detach] --spec-fd N --status-fd M [--init-fd K]\n");
        return 2;
    }
    // Signals are read from a signalfd in the event loop; block them before
    // init exists so that none is lost. SIGPIPE: a client may vanish.
    sigset_t mask;
    sigemptyset(&mask);
    for (int sig : {SIGCHLD, SIGTERM, SIGINT, SIGHUP})
        sigaddset(&mask, sig);
    sigprocmask(SIG_BLOCK, &mask, nullptr);
    signal(SIGPIPE, SIG_IGN);

    // What does not depend on the spec is done while it has not come (a
    // spare monitor waits here for its start): the cgroup layout, read
    // again if a mount changed meanwhile (mountinfo then polls POLLPRI).
    hutch::UniqueFd mountinfo(::open("/proc/self/mountinfo", O_RDONLY | O_CLOEXEC));
    auto layout = CgroupLayout::detect();

    std::string specText;
    const int readErr = hutch::readAll(specFd, &specText);
    ::close(specFd);
    auto spec = readErr ? Result<LaunchSpec>(Error::sys(readErr, "read the launch spec")) : LaunchSpec::parse(specText);
    if (!spec) {
        (void)hutch::writeAll(statusFd, errorReply(spec.error()));
        return 1;
    }
    spec->initFd = initFd;
    Monitor monitor(std::move(*spec));
    pollfd changed{mountinfo.get(), POLLPRI, 0};
    if (layout && mountinfo && ::poll(&changed, 1, 0) == 0)
        monitor.useLayout(std::move(*layout));
    auto pid = monitor.start();
    if (!pid) {
        (void)hutch::writeAll(statusFd, errorReply(pid.error()));
        return 1;
    }
    (void)hutch::writeAll(statusFd, "ok " + std::to_string(*pid));
    ::close(statusFd);
    dropStartupMemory();
    return monitor.run();
}
