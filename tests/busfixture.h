// A private system-type bus with the real polkitd and the real hutch-helper
// on a temporary store, for the service tests and bench_list. Needs root:
// it installs the polkit actions in /usr/share/polkit-1/actions and polkit
// rules in /etc/polkit-1/rules.d under names of its own, and removes them
// again (destructor; call cleanup() from cleanupTestCase too), leaving the
// machine as it found it. Clients run as root or as the unprivileged user
// nobody (fork, setgroups, setgid, setuid, exec).
//
// The helper runs in a network namespace of the fixture's own (kept by a
// file descriptor, shared by a restarted helper): the default bridge, its
// dnsmasq and NAT table, and every veth host end live there and go with it.
//
// No Qt Test here: the benchmark uses it too.
#pragma once

#include <QByteArray>
#include <QDBusConnection>
#include <QFile>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>

#include <functional>
#include <memory>

namespace hutch::test {

// Why the bus tests cannot run on this machine ("needs root", "needs
// /usr/lib/polkit-1/polkitd (Debian package polkitd)", ...), or empty.
QString busUnavailableReason();

class BusFixture {
public:
    struct Result {
        int exitCode = -1;  // -1: did not finish
        QByteArray out, err;
        QString text() const { return QString::fromUtf8(out + err); }
    };

    BusFixture();
    ~BusFixture();
    BusFixture(const BusFixture &) = delete;
    BusFixture &operator=(const BusFixture &) = delete;

    // Starts the bus, polkitd and the helper; false with *why on failure.
    // `helperEnv`: extra environment of the helper (HUTCH_TEST_JOB_STEP_MS=...).
    bool start(QString *why, const QStringList &helperEnv = {});
    // The helper's template cache (default: in the fixture's temporary
    // directory); set before start(). A debootstrap cache kept here between
    // runs spares each run the download.
    void setCachePath(const QString &path) { m_cachePath = path; }
    // Stops containers, helper, polkitd and bus; removes the installed
    // policy and rule files. Safe to call twice.
    void cleanup();

    QString address() const { return m_address; }
    QString storePath() const { return m_dir.filePath(QStringLiteral("store")); }
    QString runtimePath() const { return m_dir.filePath(QStringLiteral("run")); }
    QString settingsPath() const { return m_dir.filePath(QStringLiteral("hutch.conf")); }
    // The test's own connection (root) to the private bus.
    QDBusConnection bus() const;
    // How many match rules the bus holds for the connections of process
    // `pid` (dbus-daemon's Debug.Stats): a client has subscribed to the
    // helper's signals once its rules are there. -1 when the bus cannot say.
    int matchRules(qint64 pid) const;

    // The helper: (re)start it, kill it (SIGKILL: mid-job, no clean-up).
    bool startHelper(QString *why, const QStringList &env = {});
    void killHelper();
    qint64 helperPid() const;
    QByteArray helperLog() const;

    // A polkit rule letting nobody do every io.github.hutch.* action except
    // `except`; returns once polkitd applies it (or false after 20 s).
    // `andAlso`: a further JavaScript condition of the rule (on `action`,
    // `subject`), such as action.lookup("job-owner") == undefined.
    bool allowNobody(const QStringList &except = {}, const QString &andAlso = {});
    // Removes the rule; returns once nobody is refused again.
    bool forbidNobody();
    // Runs `change` (of a file in /etc/polkit-1/rules.d), then waits for
    // polkitd's Changed signals until `applied` holds: false when it does
    // not after timeoutMs, or when `change` failed.
    bool changePolkitRules(const std::function<bool()> &change, const std::function<bool()> &applied,
                           int timeoutMs = 20000) const;

    // hutchctl with HUTCH_BUS_ADDRESS set, as nobody or root.
    Result hutchctl(const QStringList &args, bool asNobody = true, const QByteArray &input = {},
                    int timeoutMs = 120000) const;
    // The same, started and left running (for concurrency tests); the
    // caller owns the process.
    std::unique_ptr<QProcess> startHutchctl(const QStringList &args, bool asNobody = true) const;
    // One D-Bus call through hutch-buscall (tests/buscall.cpp): prints
    // "ok ..." or the error name and message.
    Result call(const QStringList &args, bool asNobody = true, int timeoutMs = 120000) const;

    // Stops every container the helper's monitors run (runtime dir sockets).
    void stopContainers();

    // The helper's network namespace (/proc/self/fd/N opens it).
    int networkNamespaceFd() const { return m_netns; }
    // Runs `program` in the helper's network namespace (nft, ip), waits.
    Result run(const QString &program, const QStringList &args) const;

private:
    bool startBus(QString *why);
    bool startPolkit(QString *why);
    bool makeNetworkNamespace(QString *why);
    // A dnsmasq a killed helper left in our namespace (its pid file).
    void endOrphanDnsmasq();
    // Until NAME has an owner on the bus (or, with owned false, has none).
    bool waitForName(const QString &name, int timeoutMs, bool owned = true) const;
    void prepareProcess(QProcess &p, bool asNobody) const;
    bool nobodyAuthorized() const;

    QTemporaryDir m_dir;
    QString m_address;
    QString m_policyFile, m_ruleFile;
    QString m_connectionName;
    std::unique_ptr<QProcess> m_bus, m_polkit, m_helper;
    QStringList m_helperEnv;
    QString m_cachePath;
    int m_netns = -1;
    bool m_cleaned = false;
};

// For "nothing changed" checks: a digest of every path under `dirs` (the
// store, the runtime directory) and of every config's bytes.
QByteArray hostState(const QStringList &dirs);
inline QByteArray storeState(const QString &store) { return hostState({store}); }

}  // namespace hutch::test

// The first step of a bus test's initTestCase: skips, naming it, where the
// machine lacks what the fixture needs; else starts `fx` (a
// std::unique_ptr<BusFixture>) or fails with the fixture's reason.
#define HUTCH_START_BUS_FIXTURE(fx)                                                                                \
    do {                                                                                                           \
        if (const QString whyNot_ = hutch::test::busUnavailableReason(); !whyNot_.isEmpty())                      \
            QSKIP(qPrintable(whyNot_));                                                                            \
        fx = std::make_unique<hutch::test::BusFixture>();                                                          \
        QString failed_;                                                                                           \
        QVERIFY2(fx->start(&failed_), qPrintable(failed_));                                                        \
    } while (0)

// The same, then a busybox container `name` made by root (skipped without
// busybox-static) and a rule that lets the user nobody do every action.
#define HUTCH_START_BUS_FIXTURE_WITH_BOX(fx, name)                                                                 \
    do {                                                                                                           \
        if (!QFile::exists(QStringLiteral("/bin/busybox")))                                                        \
            QSKIP("needs /bin/busybox (Debian package busybox-static)");                                           \
        HUTCH_START_BUS_FIXTURE(fx);                                                                               \
        const auto made_ = fx->hutchctl({QStringLiteral("create"), name, QStringLiteral("-t"),                    \
                                         QStringLiteral("busybox")}, false);                                      \
        QVERIFY2(made_.exitCode == 0, qPrintable(made_.text()));                                                   \
        QVERIFY(fx->allowNobody());                                                                                \
    } while (0)
