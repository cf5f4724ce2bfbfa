#include "attach.h"


#include "capabilities.h"
#include "cgroupfs.h"
#include "processattrs.h"
#include "seccompprofile.h"
#include "protocol.h"
#include "pty.h"
#include "userns.h"

#include <fcntl.h>
#include <linux/close_range.h>

#include <algorithm>
#include <vector>
#include <sched.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <csignal>
#include <cstring>

namespace hutch::rt {

std::string AttachRequest::serialize() const
{
    std::string out = std::string("attach ") + (pty ? "pty" : "pipes") + (keepEnv ? " keep " : " clear ")
                      + std::to_string(rows) + " " + std::to_string(cols) + "\n";
    for (const auto &a : argv)
        out += "arg " + escapeField(a) + "\n";
    for (const auto &e : env)
        out += "env " + escapeField(e) + "\n";
    return out;
}

Result<AttachRequest> AttachRequest::parse(const std::string &text)
{
    AttachRequest r;
    // No string streams (they bring libstdc++'s locales into the monitor).
    std::vector<std::string> lines = cgroupfs::split(text, '\n');
    if (!lines.empty() && lines.back().empty())
        lines.pop_back();  // the last line's '\n'
    const std::vector<std::string> head = cgroupfs::splitWs(lines.empty() ? std::string() : lines.front());
    const std::string word = head.size() > 0 ? head[0] : std::string(), mode = head.size() > 1 ? head[1] : std::string(),
                      env = head.size() > 2 ? head[2] : std::string();
    uint64_t rows = 0, cols = 0;
    if (head.size() < 5 || !cgroupfs::parseU64(head[3], rows) || !cgroupfs::parseU64(head[4], cols))
        rows = cols = 0;
    if (word != "attach" || (mode != "pty" && mode != "pipes") || (env != "clear" && env != "keep") || rows == 0
        || cols == 0 || rows > 65535 || cols > 65535)
        return Error::msg("attach: malformed request");
    r.pty = mode == "pty";
    r.keepEnv = env == "keep";
    r.rows = (unsigned short)rows;
    r.cols = (unsigned short)cols;
    size_t bytes = 0;
    for (size_t i = 1; i < lines.size(); ++i) {
        const std::string &line = lines[i];
        bytes += line.size();
        if (line.rfind("arg ", 0) == 0)
            r.argv.push_back(unescapeField(line.substr(4)));
        else if (line.rfind("env ", 0) == 0 && line.find('=') != std::string::npos)
            r.env.push_back(unescapeField(line.substr(4)));
        else if (!line.empty())
            return Error::msg("attach: malformed request line");
    }
    if (r.argv.empty() || r.argv.front().empty())
        return Error::msg("attach: no program to run");
    if (r.argv.size() > 4096 || r.env.size() > 4096 || bytes > 60000)
        return Error::msg("attach: too many arguments");
    return r;
}

std::vector<std::string> attachEnvironment(const AttachRequest &request)
{
    std::vector<std::string> env;
    if (!request.keepEnv)
        env = {"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/root",
               "TERM=" + std::string(request.pty ? "xterm-256color" : "dumb")};
    env.push_back("container=lxc");
    for (const auto &e : request.env) {
        const std::string name = e.substr(0, e.find('='));
        // Later values win: drop an earlier one of the same name.
        std::erase_if(env, [&](const std::string &x) { return x.compare(0, name.size() + 1, name + "=") == 0; });
        env.push_back(e);
    }
    return env;
}

namespace {

[[noreturn]] void fail(int syncFd, const Error &e)
{
    (void)sendMessage(syncFd, errorReply(e));
    ::_exit(126);
}

// The PATH lookup happens inside the container, with its PATH.
[[noreturn]] void execProgram(const AttachRequest &request)
{
    std::vector<std::string> env = attachEnvironment(request);
    std::vector<char *> envp, argv;
    std::string path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    for (auto &e : env) {
        envp.push_back(e.data());
        if (e.rfind("PATH=", 0) == 0)
            path = e.substr(5);
    }
    envp.push_back(nullptr);
    std::vector<std::string> args = request.argv;
    for (auto &a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    const std::string &prog = request.argv.front();
    if (prog.find('/') != std::string::npos) {
        ::execve(prog.c_str(), argv.data(), envp.data());
    } else {
        for (const std::string &dir : cgroupfs::split(path, ':'))
            if (!dir.empty())
                ::execve((dir + "/" + prog).c_str(), argv.data(), envp.data());
    }
    const std::string msg = "hutch attach: cannot run \"" + prog + "\": " + std::strerror(errno) + "\n";
    (void)!::write(2, msg.data(), msg.size());
    ::_exit(127);
}

}  // namespace

void closeAllFdsBut(std::vector<int> keep)
{
    std::sort(keep.begin(), keep.end());
    unsigned from = 0;
    for (int fd : keep) {
        if (fd < 0 || unsigned(fd) < from)
            continue;
        if (unsigned(fd) > from)
            ::syscall(SYS_close_range, from, unsigned(fd) - 1, 0U);
        from = unsigned(fd) + 1;
    }
    ::syscall(SYS_close_range, from, ~0U, 0U);
}

void runAttached(const AttachRequest &request, const LaunchSpec &spec, pid_t init, int syncFd, int ioFd, int errFd)
{
    // Nothing of the monitor's (cgroup directories, its sockets, the
    // ptys of the console) enters the container with this process: only
    // the three it needs, and stdio (/dev/null).
    closeAllFdsBut({0, 1, 2, syncFd, ioFd, errFd});
    // Until exec, this process runs the monitor's binary: nothing in the
    // container may open it through /proc/PID/exe (CVE-2019-5736).
    ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    for (int sig = 1; sig < NSIG; ++sig)
        ::signal(sig, SIG_DFL);
    char go = 0;
    if (::recv(syncFd, &go, 1, 0) != 1)
        ::_exit(126);

    UniqueFd pidfd(int(::syscall(SYS_pidfd_open, init, 0)));
    if (!pidfd)
        fail(syncFd, Error::sys("pidfd_open of init"));
    // Init's root, as the kernel has it. Joining the mount namespace moves
    // root and cwd to the namespace's root mount, which is the container's
    // root only when the monitor itself runs at the real root: under a
    // chroot (a build chroot, a test's) it would be the host's "/".
    const std::string rootLink = "/proc/" + std::to_string(init) + "/root";
    UniqueFd initRoot(::open(rootLink.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!initRoot)
        fail(syncFd, Error::sys("open " + rootLink));
    // All at once. It succeeds only while the process of the pidfd lives,
    // so initRoot was not taken from a reused pid.
    // The user namespace first (the kernel orders it so): the others are its.
    const int userns = spec.userns() ? CLONE_NEWUSER : 0;
    const int timeNs = spec.timeNamespace ? CLONE_NEWTIME : 0;  // its clocks, as init sees them
    if (::setns(pidfd.get(), userns | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET | CLONE_NEWCGROUP | timeNs) < 0)
        fail(syncFd, Error::sys("join the container's namespaces"));
    // As the container's root, so that the pty below is its root's.
    if (userns)
        if (auto err = becomeContainerRoot())
            fail(syncFd, *err);
    if (::fchdir(initRoot.get()) < 0 || ::chroot(".") < 0)
        fail(syncFd, Error::sys("enter the container's root"));
    if (::chdir("/") < 0)
        fail(syncFd, Error::sys("chdir /"));

    UniqueFd master, slave;
    if (request.pty) {
        // A pty of the container's own devpts, as a terminal inside it would be.
        master.reset(::open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC));
        if (!master || ::unlockpt(master.get()) < 0)
            fail(syncFd, Error::sys("open /dev/ptmx in the container"));
        slave.reset(::ioctl(master.get(), TIOCGPTPEER, O_RDWR | O_NOCTTY | O_CLOEXEC));
        if (!slave)
            fail(syncFd, Error::sys("open the pty's terminal"));
        if (auto err = setWindowSize(master.get(), request.rows, request.cols))
            fail(syncFd, *err);
    }
    const pid_t child = ::fork();
    if (child < 0)
        fail(syncFd, Error::sys("fork"));
    if (child == 0) {
        ::setsid();
        if (request.pty) {
            if (::ioctl(slave.get(), TIOCSCTTY, 0) < 0)
                ::_exit(126);
            for (int fd = 0; fd < 3; ++fd)
                ::dup2(slave.get(), fd);
        } else {
            ::dup2(ioFd, 0);
            ::dup2(ioFd, 1);
            ::dup2(errFd, 2);
        }
        if (spec.schedCore && shareCoreSchedulingCookie(init))
            ::_exit(126);
        if (applyPersonality(spec.personality))
            ::_exit(126);
        if (applyCapabilities(spec.capDrop, spec.capKeep, spec.capKeepSet))
            ::_exit(126);
        // The same filter as init's: an attached shell is no way around it.
        if (auto err = applyNoNewPrivsAndSeccomp(spec)) {
            const std::string msg = "hutch: " + err->message + "\n";
            (void)!::write(2, msg.data(), msg.size());
            ::_exit(126);
        }
        // Nothing of the monitor's reaches the program: all above 2 close at exec.
        ::syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC);
        execProgram(request);
    }
    (void)sendMessage(syncFd, "ok " + std::to_string(child), master ? master.get() : -1);
    master.reset();
    slave.reset();
    ::syscall(SYS_close_range, 0U, ~0U, 0U);
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFSIGNALED(status)) {
        // End the same way, so the monitor reports the same signal.
        ::signal(WTERMSIG(status), SIG_DFL);
        ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
        ::kill(::getpid(), WTERMSIG(status));
    }
    ::_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 126);
}

}  // namespace hutch::rt
