// Shared by the runtime tests: a store in a temporary directory, busybox
// containers made by the real template, the real hutch-monitor, and a
// console session that runs shell commands inside a container.
#pragma once

#include "busybox.h"
#include "launch.h"
#include "monitorlink.h"

#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <optional>

namespace hutch::test {

// Why the runtime tests cannot run here, or an empty string.
QString runtimeUnavailableReason();

class RuntimeFixture {
public:
    RuntimeFixture();
    ~RuntimeFixture();

    bool ok() const { return m_dir.isValid(); }

    // The kind of container create() makes: privileged (no user namespace)
    // or unprivileged, with an id range of its own (idranges.h), as
    // CreateContainer makes them by default. Tests run both as a data column.
    // Each kind has a store and runtime directory of its own, so that a
    // test run once per kind reuses its container names: a change of kind
    // stops what runs and switches to the other store.
    enum class Kind { Privileged, Unprivileged };
    void setKind(Kind kind);
    Kind kind() const { return m_kind; }
    Runtime &runtime() { return *m_runtime; }
    Store store() const { return m_runtime->store(); }
    const HelperSettings &settings() const { return m_runtime->settings(); }

    // A busybox container with extra config lines appended.
    Status create(const QString &name, const QStringList &extraConfig = {}, int ttys = 2,
                  const QString &hostname = {});
    // Replaces (set) or adds config keys of an existing container.
    Status setConfig(const QString &name, const QString &key, const QString &value);
    // Stops every container still running and waits until its monitor is gone.
    void stopAll();
    // Waits until the container reaches `state` (subscribing to the monitor);
    // STOPPED is reached when the monitor goes away.
    bool waitForState(const QString &name, const QString &state, int timeoutMs = 20000);

    // One verb of NAME's monitor: f(link), or NAME's "not running" when no
    // monitor listens. fx->ask(name, &MonitorLink::stop),
    // fx->ask(name, [](MonitorLink &l) { return l.cgroupGet(true, "memory.max"); })
    template <typename F>
    auto ask(const QString &name, F f) -> decltype(std::invoke(f, std::declval<MonitorLink &>()))
    {
        auto link = MonitorLink::connect(settings(), name);
        if (!link)
            return link.error();
        return std::invoke(f, *link);
    }

    // Runs `sh -c command` in the running container NAME (attach, no
    // terminal), its output in *out; returns the monitor's end status
    // ("exit 0") or why it could not run.
    QString exec(const QString &name, const QString &command, QByteArray *out);

private:
    QTemporaryDir m_dir;
    Kind m_kind = Kind::Privileged;
    std::optional<Runtime> m_runtime;
    QStringList m_created;
};

// Moves the calling thread (a network test's only thread that creates links
// and starts monitors) into a network namespace of its own, with lo up and a
// bridge BRIDGE at ADDRESS ("10.99.0.1/24"): no packet reaches the machine's
// interfaces. Returns what failed, or an empty string; *noNamespace is set
// when the kernel or the process could not create the namespace (a skip).
QString enterTestNetwork(const char *bridge, const char *address, bool *noNamespace);

// "MAJOR MINOR" of a block device of the host that the host itself can
// read (these machines refuse their own disk to the test's root: then a
// loop device stands in), or an empty string.
QString hostBlockDevice();

// The privileged/unprivileged column of a runtime test: called from its
// initTestCase_data(), it runs every test function once per kind;
// currentKind() (in init()) says which, for RuntimeFixture::setKind.
void addKindRows();
RuntimeFixture::Kind currentKind();

// "state RUNNING", "exit 0", "signal 9": an event as the tests compare it.
QString eventText(const MonitorEvent &event);

// Runs `sh -c command` in the running container NAME of that runtime
// directory (see RuntimeFixture::exec).
QString execIn(const HelperSettings &settings, const QString &name, const QString &command, QByteArray *out,
               int timeoutMs);

// A shell on the container's console.
class ConsoleSession {
public:
    // Connects to the console of a running container.
    static std::optional<ConsoleSession> open(Runtime &runtime, const QString &name);
    // Runs a command line in the console shell and returns its output
    // (without the echoed command), or nullopt after the timeout.
    std::optional<QString> run(const QString &command, int timeoutMs = 15000);
    // Types BYTES on the console.
    bool send(const QByteArray &bytes);
    // Reads until TEXT appears in what the console prints from now on
    // (poll on the pty: a getty's prompt is an event); false after the timeout.
    bool waitFor(const QByteArray &text, int timeoutMs);
    // Everything read so far.
    const QByteArray &transcript() const { return m_all; }

private:
    // Reads what comes into the transcript until DONE says so (true) or
    // TIMEOUTMS pass, the console closes (false).
    bool readUntil(int timeoutMs, const std::function<bool()> &done);

    UniqueFd m_fd;
    QByteArray m_all;
    int m_serial = 0;
};

}  // namespace hutch::test

// initTestCase of a runtime test: skips, naming it, where the machine cannot
// run containers; else makes `fx` (a std::optional<RuntimeFixture>).
#define HUTCH_START_RUNTIME_FIXTURE(fx)                                                                            \
    do {                                                                                                           \
        if (const QString whyNot_ = hutch::test::runtimeUnavailableReason(); !whyNot_.isEmpty())                  \
            QSKIP(qPrintable(whyNot_));                                                                            \
        fx.emplace();                                                                                              \
        QVERIFY(fx->ok());                                                                                         \
    } while (0)

// initTestCase of a network test: as HUTCH_START_RUNTIME_FIXTURE, in a
// network namespace of its own with BRIDGE at ADDRESS (enterTestNetwork).
#define HUTCH_START_NETWORK_FIXTURE(fx, bridge, address)                                                           \
    do {                                                                                                           \
        if (const QString whyNot_ = hutch::test::runtimeUnavailableReason(); !whyNot_.isEmpty())                  \
            QSKIP(qPrintable(whyNot_));                                                                            \
        bool noNamespace_ = false;                                                                                 \
        const QString failed_ = hutch::test::enterTestNetwork(bridge, address, &noNamespace_);                     \
        if (noNamespace_)                                                                                          \
            QSKIP("cannot create a network namespace (unshare CLONE_NEWNET)");                                     \
        QVERIFY2(failed_.isEmpty(), qPrintable(failed_));                                                          \
        fx.emplace();                                                                                              \
        QVERIFY(fx->ok());                                                                                         \
    } while (0)
