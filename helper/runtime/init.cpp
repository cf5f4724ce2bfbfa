#include "init.h"

#include <elf.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>

namespace hutch::rt {

namespace {

void mountIfMissing(const char *probe, const char *target, const char *type, const char *data)
{
    struct stat st {};
    if (::stat(probe, &st) == 0 || ::stat(target, &st) != 0)
        return;  // there already, or nowhere to put it
    ::mount(type, target, type, MS_NOSUID | MS_NODEV | MS_NOEXEC, data);
}

}  // namespace

int runMinimalInit(char **argv)
{
    if (!argv[0]) {
        std::fprintf(stderr, "hutch-init: no command\n");
        return 126;
    }
    mountIfMissing("/proc/self", "/proc", "proc", nullptr);
    mountIfMissing("/dev/shm/.", "/dev/shm", "tmpfs", "mode=1777");
    ::mount("mqueue", "/dev/mqueue", "mqueue", MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr);

    sigset_t all;
    sigfillset(&all);
    ::sigprocmask(SIG_BLOCK, &all, nullptr);
    const pid_t command = ::fork();
    if (command < 0) {
        std::perror("hutch-init: fork");
        return 126;
    }
    if (command == 0) {
        sigset_t none;
        sigemptyset(&none);
        ::sigprocmask(SIG_SETMASK, &none, nullptr);
        ::execvp(argv[0], argv);
        std::fprintf(stderr, "hutch-init: cannot run \"%s\": %s\n", argv[0], std::strerror(errno));
        ::_exit(127);
    }
    for (;;) {
        siginfo_t info{};
        if (::sigwaitinfo(&all, &info) < 0)
            continue;
        if (info.si_signo != SIGCHLD) {
            // Everything but the death of a child is for the command.
            ::kill(command, info.si_signo);
            continue;
        }
        int status = 0;
        pid_t p;
        while ((p = ::waitpid(-1, &status, WNOHANG)) > 0) {
            if (p != command)
                continue;  // an orphan adopted by PID 1: reaped, nothing more
            // PID 1 exiting ends everything else in the namespace.
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
    }
}

namespace {

// The part of the ELF file at FD that exec reads: headers and loadable
// segments, without the debug sections after them (most of the file in a
// RelWithDebInfo build, copied for nothing on every execute and charged to
// the container's memory).
off_t loadedExtent(int fd, off_t fileSize)
{
    Elf64_Ehdr eh{};
    if (::pread(fd, &eh, sizeof eh, 0) != ssize_t(sizeof eh) || std::memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0
        || eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_phentsize != sizeof(Elf64_Phdr))
        return fileSize;
    off_t end = off_t(eh.e_phoff + uint64_t(eh.e_phnum) * sizeof(Elf64_Phdr));
    for (unsigned i = 0; i < eh.e_phnum; ++i) {
        Elf64_Phdr ph{};
        if (::pread(fd, &ph, sizeof ph, off_t(eh.e_phoff + i * sizeof ph)) != ssize_t(sizeof ph))
            return fileSize;
        end = std::max(end, off_t(ph.p_offset + ph.p_filesz));
    }
    return std::min(end, fileSize);
}

}  // namespace

Result<UniqueFd> sealedCopyOfSelf()
{
    UniqueFd self(::open("/proc/self/exe", O_RDONLY | O_CLOEXEC));
    if (!self)
        return Error::sys("open /proc/self/exe");
    return sealedCopy(self.get());
}

bool isSealedCopy(int fd)
{
    const int seals = ::fcntl(fd, F_GET_SEALS);
    constexpr int needed = F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL;
    return seals >= 0 && (seals & needed) == needed;
}

Result<UniqueFd> sealedCopy(int fd)
{
    struct stat st {};
    if (::fstat(fd, &st) < 0)
        return Error::sys("stat the init binary");
    UniqueFd copy(::memfd_create("hutch-init", MFD_CLOEXEC | MFD_ALLOW_SEALING));
    if (!copy)
        return Error::sys("memfd_create");
    const off_t size = loadedExtent(fd, st.st_size);
    off_t offset = 0;
    while (offset < size) {
        const ssize_t n = ::sendfile(copy.get(), fd, &offset, size_t(size - offset));
        if (n <= 0)
            return Error::sys("copy the init binary");
    }
    if (::fcntl(copy.get(), F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL) < 0)
        return Error::sys("seal the init binary");
    return copy;
}

}  // namespace hutch::rt
