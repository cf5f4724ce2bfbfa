// hutch-monitor: one per running container, detached from whoever started
// it (setsid, double fork), so that it outlives the helper. It owns the
// container's cgroup and ptys, is the parent of its init, and answers the
// command socket (protocol.h). Plain C++, no Qt: a hundred of them must
// cost little.
#pragma once

#include "cgroups.h"
#include "protocol.h"
#include "pty.h"
#include "terminals.h"
#include "spec.h"

#include <sys/types.h>

#include <cstdint>
#include <cstdio>
#include <memory>
#include <vector>

namespace hutch::rt {

class Monitor {
public:
    explicit Monitor(LaunchSpec spec);
    ~Monitor();

    // The cgroup layout, found before the spec came (a spare monitor
    // waiting for its start); start() finds it itself otherwise.
    void useLayout(CgroupLayout layout);

    // Binds the command socket (refusing if a live monitor answers there),
    // creates the cgroup, the ptys, and starts init. Returns init's pid
    // (in the host's PID namespace) once exec succeeded.
    Result<pid_t> start();
    // Serves commands until the container has stopped; returns the exit
    // status for the monitor process.
    int run();

private:
    struct Client {
        UniqueFd fd;
        bool subscriber = false;
        bool addressEvents = false;  // "subscribe addresses": also told of address changes
        pid_t attached = -1;  // the program it attached, until it ends
    };

    Status bindSocket();
    Status cloneInit();
    // The cgroup settings (DEVICES: the device rules, otherwise the rest),
    // applied once, while init mounts its filesystem (cloneInit).
    Status applyLimits(bool devices);
    void setState(State s);
    void log(int level, const std::string &message);
    void handleRequest(Client &c, const std::string &request);
    void onInitExit(int status);
    void cleanup();
    // Unlinks the command socket and stops listening (at the stop, or before
    // an executed command's status is told).
    void closeSocket();
    void connectTerminal(Client &c, int n, Terminals::Mode mode);
    void startAttach(Client &c, const std::string &request);
    void onChildExit(pid_t pid, int status);
    void sendRepeatedly(int signal);
    void stopRepeating();
    void watch(int fd);
    void unwatch(int fd);

    LaunchSpec m_spec;
    CgroupLayout m_layout;
    bool m_layoutKnown = false;
    std::unique_ptr<Cgroup> m_cgroup;
    std::vector<CgroupSetting> m_limits, m_deviceRules;  // from the spec, until applied
    Terminals m_terminals;  // console (0) and ttys
    UniqueFd m_listen, m_epoll, m_signals, m_timer, m_retry;
    int m_pendingSignal = 0;  // halt/reboot signal waiting for init to handle it
    std::vector<std::unique_ptr<Client>> m_clients;
    FILE *m_log = nullptr;
    Status m_logError;  // why the log file could not be opened: the start fails with it
    pid_t m_init = -1;
    UniqueFd m_netns;                     // the container's network namespace, held until stop
    UniqueFd m_addressEvents;             // rtnetlink address groups in that namespace
    void sendAddresses();
    std::vector<std::string> m_hostLinks; // host-side veth names
    void releaseNetwork();
    State m_state = State::Stopped;
    bool m_rebootRequested = false;
    bool m_stopRequested = false;
    bool m_done = false;
    // An executed command (spec.execute) has ended: its status waits for a
    // client to collect it (subscribe), for at most 30 s.
    bool m_lingering = false;
    std::string m_exitMessage;
};

// clone3 with FLAGS; CGROUPFD >= 0: into that v2 cgroup (CLONE_INTO_CGROUP)
// from the start. For init and attached programs (monitor_start.cpp).
pid_t cloneChild(uint64_t flags, int cgroupFd);

}  // namespace hutch::rt
