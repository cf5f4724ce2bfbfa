// Container cgroups on this machine's real hierarchies (label "root"):
// BASE/NAME made and removed in every hierarchy,
// settings with v1 <-> v2 translation, refused names, processes, freezing,
// stats and killing. The "v2 only" and "v1 only" rows run the same code on a
// layout restricted to one version, so that a hybrid machine exercises both
// backends (cgroup.freeze/cgroup.kill, and the v1 freezer/SIGKILL loop).
// The layout detection is in test_cgroup_layout.
#include "cgroups.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QTest>

#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <memory>
#include <thread>

using namespace hutch::rt;

namespace {

// Written by a child, read by the test: lives in MAP_SHARED memory.
struct Shared {
    std::atomic<uint64_t> counter{0};
    std::atomic<int> go{0};       // set by the test once the child is in the cgroup
    std::atomic<int> touched{0};  // the child has allocated memory after `go`
};

QString q(const std::string &s) { return QString::fromStdString(s); }
bool isOk(const Status &s) { return !s; }
const char *why(const Status &s) { return s ? s->message.c_str() : ""; }
template <typename T> bool isOk(const Result<T> &r) { return r.ok(); }
template <typename T> const char *why(const Result<T> &r) { return r.ok() ? "" : r.error().message.c_str(); }

#define VERIFY_OK(expr)                                                                                            \
    do {                                                                                                           \
        const auto &res_ = (expr);                                                                                 \
        QVERIFY2(isOk(res_), why(res_));                                                                           \
    } while (0)

QString readText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()).trimmed() : QString();
}

bool writeText(const QString &path, const QByteArray &value)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::write(fd, value.constData(), size_t(value.size())) == value.size();
    ::close(fd);
    return ok;
}

// Sub-cgroups first; a cgroup stays busy for a moment after its last task dies.
void removeCgroupTree(const QString &path)
{
    if (!QFileInfo(path).isDir())
        return;
    for (const QString &sub : QDir(path).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        removeCgroupTree(path + u'/' + sub);
    for (int i = 0; i < 200 && ::rmdir(QFile::encodeName(path).constData()) != 0 && errno == EBUSY; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

// A frozen v1 task does not die until thawed: undo what a failed test left.
void thawCgroupTree(const QString &path)
{
    if (!QFileInfo(path).isDir())
        return;
    if (QFile::exists(path + "/freezer.state"))
        writeText(path + "/freezer.state", "THAWED");
    if (QFile::exists(path + "/cgroup.freeze"))
        writeText(path + "/cgroup.freeze", "0");
    for (const QString &sub : QDir(path).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        thawCgroupTree(path + u'/' + sub);
}

QSet<QString> entries(const QString &dir)
{
    const auto list = QDir(dir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);
    return QSet<QString>(list.begin(), list.end());
}

}  // namespace

class TestCgroups : public QObject {
    Q_OBJECT

    CgroupLayout m_layout;
    QStringList m_mounts;               // every hierarchy create() uses
    QStringList m_baseDirsBefore;       // MOUNT/hutch that existed before the test
    QList<QPair<QString, QString>> m_made;  // (base, name) to remove in cleanup()
    QStringList m_extraBases;           // bases of our own, removed at the end
    QList<pid_t> m_children;
    Shared *m_shared = nullptr;         // kSlots slots, one per child
    static constexpr int kSlots = 8;
    int m_seq = 0;
    QString m_skip;                     // why the tests on the real hierarchies cannot run
    QString m_noLayout;                 // why even detect() failed

#define REQUIRE_CGROUPS()                                                                                          \
    do {                                                                                                           \
        if (!m_skip.isEmpty())                                                                                     \
            QSKIP(qPrintable(m_skip));                                                                             \
    } while (0)

    std::string uniqueName()
    {
        return "test-cg-" + std::to_string(::getpid()) + "-" + std::to_string(++m_seq);
    }

    // The detected layout, or one restricted to a single version.
    bool variant(const QString &which, CgroupLayout &out)
    {
        out = m_layout;
        if (which == QLatin1String("v2 only")) {
            out.v1.clear();
            out.kind = CgroupLayout::Kind::V2;
            return !out.unifiedMount.empty();
        }
        if (which == QLatin1String("v1 only")) {
            out.unifiedMount.clear();
            out.v2Controllers.clear();
            out.kind = CgroupLayout::Kind::V1;
            return !out.v1.empty();
        }
        return true;
    }

    std::unique_ptr<Cgroup> make(const std::string &name, const CgroupLayout *layout = nullptr,
                                 const std::string &base = "hutch")
    {
        m_made.append({q(base), q(name)});
        auto cg = Cgroup::create(layout ? *layout : m_layout, name, base);
        if (!cg) {
            qWarning("create failed: %s", cg.error().message.c_str());
            return nullptr;
        }
        return std::move(*cg);
    }

    // A child that pause()s, or one that counts in its slot (and allocates
    // memory once told to, so that the new memory cgroup is charged).
    pid_t spawn(int slot = -1)
    {
        const pid_t pid = ::fork();
        if (pid == 0) {
            if (slot < 0)
                for (;;)
                    ::pause();
            Shared &s = m_shared[slot];
            for (;;) {
                s.counter.fetch_add(1);
                if (s.go.load() && !s.touched.load()) {
                    const size_t len = 4 << 20;
                    void *p = ::mmap(nullptr, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
                    if (p != MAP_FAILED)
                        for (size_t i = 0; i < len; i += 4096)
                            static_cast<volatile char *>(p)[i] = 1;
                    s.touched.store(1);
                }
                ::usleep(500);
            }
        }
        if (pid > 0)
            m_children.append(pid);
        return pid;
    }

    // The directory of NAME in the hierarchy that holds a v1 controller, or
    // the v2 one.
    QString dirOf(const Cgroup &cg, const std::string &v1Controller) const
    {
        const auto paths = cg.paths();
        for (const auto &h : m_layout.v1)
            if (std::find(h.controllers.begin(), h.controllers.end(), v1Controller) != h.controllers.end())
                for (const auto &p : paths)
                    if (p.starts_with(h.mount + "/"))
                        return q(p);
        for (const auto &p : paths)
            if (!m_layout.unifiedMount.empty() && p.starts_with(m_layout.unifiedMount + "/"))
                return q(p);
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto layout = CgroupLayout::detect();
        if (!layout) {
            m_skip = m_noLayout = "no cgroup mount: " + q(layout.error().message);
            return;
        }
        m_layout = *layout;
        if (!m_layout.unifiedMount.empty())
            m_mounts << q(m_layout.unifiedMount);
        for (const auto &h : m_layout.v1)
            m_mounts << q(h.mount);
        if (!m_layout.systemdMount.empty())  // membership only, for a systemd inside
            m_mounts << q(m_layout.systemdMount);
        for (const QString &m : std::as_const(m_mounts))
            if (QFileInfo(m + "/hutch").isDir())
                m_baseDirsBefore << m;
        if (::geteuid() != 0) {
            m_skip = QStringLiteral("needs root: creates cgroups under /sys/fs/cgroup");
            return;
        }
        // Read-only cgroupfs (an unprivileged container): nothing to test.
        const std::string probeName = uniqueName();
        m_made.append({"hutch", q(probeName)});
        auto probe = Cgroup::create(m_layout, probeName);
        if (!probe) {
            m_skip = "cannot create cgroups here: " + q(probe.error().message);
            return;
        }
        void *mem = ::mmap(nullptr, sizeof(Shared) * kSlots, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
        QVERIFY(mem != MAP_FAILED);
        m_shared = new (mem) Shared[kSlots];
        cleanup();
    }

    void cleanup()
    {
        for (const auto &[base, name] : std::as_const(m_made))
            for (const QString &m : std::as_const(m_mounts))
                thawCgroupTree(m + u'/' + base + u'/' + name);
        for (pid_t pid : std::as_const(m_children))
            ::kill(pid, SIGKILL);
        for (pid_t pid : std::as_const(m_children))
            ::waitpid(pid, nullptr, 0);
        m_children.clear();
        for (const auto &[base, name] : std::as_const(m_made))
            for (const QString &m : std::as_const(m_mounts))
                removeCgroupTree(m + u'/' + base + u'/' + name);
        m_made.clear();
        if (m_shared)
            for (int i = 0; i < kSlots; ++i) {
                m_shared[i].counter = 0;
                m_shared[i].go = 0;
                m_shared[i].touched = 0;
            }
    }

    void cleanupTestCase()
    {
        cleanup();
        // Leave the machine as found: BASE dirs that we made, if empty now
        // (rmdir fails harmlessly when another container uses them).
        for (const QString &m : std::as_const(m_mounts)) {
            for (const QString &b : std::as_const(m_extraBases)) {
                QString dir = m + u'/' + b;
                for (; dir != m; dir = QFileInfo(dir).path())
                    ::rmdir(QFile::encodeName(dir).constData());
            }
            if (!m_baseDirsBefore.contains(m))
                ::rmdir(QFile::encodeName(m + "/hutch").constData());
        }
        if (m_shared)
            ::munmap(m_shared, sizeof(Shared) * kSlots);
    }

    void createAndDestroy()
    {
        REQUIRE_CGROUPS();
        const std::string name = uniqueName();
        auto cg = make(name);
        QVERIFY(cg);
        const auto paths = cg->paths();
        QCOMPARE(paths.size(), size_t(m_mounts.size()));
        for (const QString &m : std::as_const(m_mounts)) {
            const QString dir = m + "/hutch/" + q(name);
            QVERIFY2(std::find(paths.begin(), paths.end(), dir.toStdString()) != paths.end(), qPrintable(dir));
            QVERIFY2(QFileInfo(dir).isDir(), qPrintable(dir));
        }
        // v1 cpuset: a task may join only with cpus and mems set.
        if (m_layout.hasV1("cpuset")) {
            const QString dir = dirOf(*cg, "cpuset");
            QVERIFY(!readText(dir + "/cpuset.cpus").isEmpty());
            QVERIFY(!readText(dir + "/cpuset.mems").isEmpty());
            QCOMPARE(readText(dir + "/../cpuset.cpus"), readText(dir + "/../../cpuset.cpus"));
        }
        VERIFY_OK(cg->destroy());
        for (const QString &m : std::as_const(m_mounts)) {
            QVERIFY(!QFileInfo::exists(m + "/hutch/" + q(name)));
            QVERIFY2(QFileInfo(m + "/hutch").isDir(), "BASE is shared and stays");
        }
        VERIFY_OK(cg->destroy());  // twice is fine
        const Status after = cg->set({"pids.max", "10", false});
        QVERIFY(after);
        QVERIFY2(after->message.find("destroyed") != std::string::npos, after->message.c_str());
    }

    void emptyBaseGoesEverywhere()
    {
        REQUIRE_CGROUPS();
        const std::string base = "hutch-test-" + std::to_string(::getpid()) + "-empty";
        auto cg = Cgroup::create(m_layout, uniqueName(), base);
        VERIFY_OK(cg);
        auto held = std::move(*cg);
        // In use: stays.
        Cgroup::removeBaseIfEmpty(m_layout, base);
        for (const QString &m : std::as_const(m_mounts))
            QVERIFY2(QFileInfo(m + u'/' + q(base)).isDir(), qPrintable(m));
        VERIFY_OK(held->destroy());
        // Empty: gone from every hierarchy the container had a cgroup in.
        Cgroup::removeBaseIfEmpty(m_layout, base);
        for (const QString &m : std::as_const(m_mounts))
            QVERIFY2(!QFileInfo::exists(m + u'/' + q(base)), qPrintable(m));
    }

    void createTwiceFails()
    {
        REQUIRE_CGROUPS();
        const std::string name = uniqueName();
        auto first = make(name);
        QVERIFY(first);
        auto second = Cgroup::create(m_layout, name);
        QVERIFY(!second);
        QVERIFY2(second.error().message.find(name) != std::string::npos, second.error().message.c_str());
        QCOMPARE(second.error().sysErrno, EEXIST);
        // The failed attempt removed nothing of the first one.
        for (const auto &p : first->paths())
            QVERIFY2(QFileInfo(q(p)).isDir(), p.c_str());
        auto adopted = Cgroup::create(m_layout, name, "hutch", true);
        VERIFY_OK(adopted);
        QCOMPARE((*adopted)->paths(), first->paths());
    }

    void failedCreateRollsBack()
    {
        REQUIRE_CGROUPS();
        if (m_mounts.size() < 2)
            QSKIP("needs two hierarchies");
        // NAME exists already in the last hierarchy only: creation fails there
        // and removes what it made in the others, not the existing one.
        const std::string name = uniqueName();
        m_made.append({"hutch", q(name)});
        const QString last = m_mounts.last() + "/hutch/" + q(name);
        QVERIFY(QDir().mkpath(last));
        auto cg = Cgroup::create(m_layout, name);
        QVERIFY(!cg);
        for (const QString &m : m_mounts.mid(0, m_mounts.size() - 1))
            QVERIFY2(!QFileInfo::exists(m + "/hutch/" + q(name)), qPrintable(m));
        QVERIFY(QFileInfo(last).isDir());
    }

    // Each row carries a token unique to this run ("PID"): other sessions may
    // be using the shared BASE meanwhile, so only what carries it is checked.
    void badNamesAreRefused_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("base");
        const QString base = QStringLiteral("hutch-test-PID");
        QTest::newRow("empty name") << "" << base;
        QTest::newRow("dot") << "." << base;
        QTest::newRow("dotdot") << ".." << base;
        QTest::newRow("slash") << "PID-a/b" << base;
        QTest::newRow("escape") << "../../PID-x" << base;
        QTest::newRow("absolute base") << "ok" << "/PID-hutch";
        QTest::newRow("dotdot base") << "ok" << "../PID-x";
        QTest::newRow("dotdot inside base") << "ok" << "PID-a/../PID-b";
        QTest::newRow("empty base") << "ok" << "";
        QTest::newRow("empty segment") << "ok" << "PID-a//PID-b";
    }

    void badNamesAreRefused()
    {
        if (!m_noLayout.isEmpty())
            QSKIP(qPrintable(m_noLayout));
        QFETCH(QString, name);
        QFETCH(QString, base);
        const QString token = QString::number(::getpid());
        name.replace(QLatin1String("PID"), token);
        base.replace(QLatin1String("PID"), token);
        auto cg = Cgroup::create(m_layout, name.toStdString(), base.toStdString());
        QVERIFY(!cg);
        QVERIFY2(cg.error().message.find("invalid") != std::string::npos, cg.error().message.c_str());
        QCOMPARE(cg.error().sysErrno, 0);  // refused before any system call
        // Nothing with the token anywhere a mkdir could have reached.
        QStringList dirs{QStringLiteral("/sys/fs/cgroup"), QStringLiteral("/sys/fs")};
        for (const QString &m : std::as_const(m_mounts))
            dirs << m << m + "/hutch" << QFileInfo(m).path();
        for (const QString &d : std::as_const(dirs))
            for (const QString &e : entries(d))
                QVERIFY2(!e.contains(token), qPrintable(d + u'/' + e));
    }

    void settingsAreWrittenAndTranslated()
    {
        REQUIRE_CGROUPS();
        auto cg = make(uniqueName());
        QVERIFY(cg);
        VERIFY_OK(cg->apply({{"memory.limit_in_bytes", "64M", false},
                             {"cpu.shares", "512", false},
                             {"pids.max", "64", false}}));
        QCOMPARE(q(*cg->get("memory.limit_in_bytes", false)), QStringLiteral("67108864"));
        QCOMPARE(q(*cg->get("memory.max", true)), QStringLiteral("67108864"));
        QCOMPARE(q(*cg->get("pids.max", false)), QStringLiteral("64"));
        if (m_layout.hasV1("cpu")) {
            QCOMPARE(q(*cg->get("cpu.shares", false)), QStringLiteral("512"));
            QCOMPARE(q(*cg->get("cpu.weight", true)), QStringLiteral("20"));  // 1 + 510*9999/262142
        } else {
            QCOMPARE(q(*cg->get("cpu.weight", true)), QStringLiteral("20"));
        }
        if (m_layout.hasV1("memory"))
            QCOMPARE(readText(dirOf(*cg, "memory") + "/memory.limit_in_bytes"), QStringLiteral("67108864"));

        // v2 names on this machine's controllers, read back under either name.
        VERIFY_OK(cg->set({"memory.max", "32M", true}));
        QCOMPARE(q(*cg->get("memory.limit_in_bytes", false)), QStringLiteral("33554432"));
        QCOMPARE(q(*cg->get("memory.max", true)), QStringLiteral("33554432"));
        VERIFY_OK(cg->set({"cpu.weight", "100", true}));
        QCOMPARE(q(*cg->get("cpu.weight", true)), QStringLiteral("100"));
        if (m_layout.hasV1("cpu"))
            QCOMPARE(q(*cg->get("cpu.shares", false)), QStringLiteral("2598"));  // exact inverse, rounded up
        VERIFY_OK(cg->set({"cpu.max", "50000 200000", true}));
        QCOMPARE(q(*cg->get("cpu.max", true)), QStringLiteral("50000 200000"));
        QCOMPARE(q(*cg->get("cpu.cfs_quota_us", false)), QStringLiteral("50000"));
        QCOMPARE(q(*cg->get("cpu.cfs_period_us", false)), QStringLiteral("200000"));
        VERIFY_OK(cg->set({"cpu.max", "max", true}));
        QCOMPARE(q(*cg->get("cpu.max", true)), QStringLiteral("max 200000"));
        QCOMPARE(q(*cg->get("cpu.cfs_quota_us", false)), QStringLiteral("-1"));
        VERIFY_OK(cg->set({"cpu.cfs_quota_us", "30000", false}));
        QCOMPARE(q(*cg->get("cpu.max", true)), QStringLiteral("30000 200000"));

        // Swap: v1 limits memory + swap, v2 swap alone.
        const QString memDir = dirOf(*cg, "memory");
        if (m_layout.hasV1("memory") && QFile::exists(memDir + "/memory.memsw.limit_in_bytes")) {
            VERIFY_OK(cg->set({"memory.swap.max", "16M", true}));
            QCOMPARE(readText(memDir + "/memory.memsw.limit_in_bytes"), QStringLiteral("50331648"));
            QCOMPARE(q(*cg->get("memory.swap.max", true)), QStringLiteral("16777216"));
            VERIFY_OK(cg->set({"memory.swap.max", "max", true}));
            QCOMPARE(q(*cg->get("memory.swap.max", true)), QStringLiteral("max"));
        }
        // No limit: -1 in v1 terms, max in v2 terms, 0 in stats.
        VERIFY_OK(cg->set({"memory.limit_in_bytes", "-1", false}));
        QCOMPARE(q(*cg->get("memory.max", true)), QStringLiteral("max"));
        QCOMPARE((*cg->stats()).memoryLimit, uint64_t(0));
        VERIFY_OK(cg->set({"memory.max", "1G", true}));
        QCOMPARE((*cg->stats()).memoryLimit, uint64_t(1) << 30);
    }

    void badValueNamesTheFile()
    {
        REQUIRE_CGROUPS();
        auto cg = make(uniqueName());
        QVERIFY(cg);
        const Status kernel = cg->set({"pids.max", "-5", false});
        QVERIFY(kernel);
        const std::string expected = "cgroup setting pids.max = \"-5\": write " + dirOf(*cg, "pids").toStdString()
            + "/pids.max: Invalid argument";
        QCOMPARE(q(kernel->message), q(expected));
        QCOMPARE(kernel->sysErrno, EINVAL);

        const Status size = cg->set({"memory.limit_in_bytes", "12Q", false});
        QVERIFY(size);
        QCOMPARE(q(size->message), QStringLiteral("cgroup setting memory.limit_in_bytes = \"12Q\": invalid size \"12Q\""));

        // Stops at the first error: the next setting is not written.
        const Status first = cg->apply({{"cpu.shares", "abc", false}, {"pids.max", "7", false}});
        QVERIFY(first);
        QVERIFY2(first->message.starts_with("cgroup setting cpu.shares = \"abc\": "), first->message.c_str());
        QVERIFY(q(*cg->get("pids.max", false)) != QStringLiteral("7"));
    }

    void unsafeFileNamesAreRefused_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("v2");
        QTest::newRow("parent") << "../x" << false;
        QTest::newRow("through a controller") << "memory/../../x" << false;
        QTest::newRow("below a file") << "memory.max/x" << true;
        QTest::newRow("out of a real file") << "pids.max/../../../x" << false;
        QTest::newRow("out of a v2 file") << "cgroup.max.depth/../../x" << true;
        QTest::newRow("hidden") << ".memory.max" << true;
        QTest::newRow("no dot") << "memory" << false;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("space") << "memory max" << true;
        QTest::newRow("procs") << "cgroup.procs" << true;
        QTest::newRow("kill") << "cgroup.kill" << true;
    }

    void unsafeFileNamesAreRefused()
    {
        REQUIRE_CGROUPS();
        QFETCH(QString, file);
        QFETCH(bool, v2);
        auto cg = make(uniqueName());
        QVERIFY(cg);
        const Status err = cg->set({file.toStdString(), "1", v2});
        QVERIFY(err);
        QCOMPARE(err->sysErrno, 0);  // refused before any system call
        QVERIFY2(err->message.find(file.toStdString()) != std::string::npos, err->message.c_str());
        QVERIFY(!cg->get(file.toStdString(), v2) || file.startsWith("cgroup."));
        for (const auto &p : cg->paths())
            for (const QString &dir : {q(p), q(p) + "/..", q(p) + "/../.."})
                QVERIFY(!QFileInfo::exists(dir + "/x"));
        VERIFY_OK(cg->processes());
        QVERIFY((*cg->processes()).empty());
    }

    void unknownControllerIsNamed()
    {
        REQUIRE_CGROUPS();
        auto cg = make(uniqueName());
        QVERIFY(cg);
        const Status err = cg->set({"nosuch.limit", "1", false});
        QVERIFY(err);
        QVERIFY2(err->message.find("\"nosuch\"") != std::string::npos, err->message.c_str());
        const Status err2 = cg->set({"nosuch.max", "1", true});
        QVERIFY(err2);
        QVERIFY2(err2->message.find("\"nosuch\"") != std::string::npos, err2->message.c_str());
        // A restricted layout without the memory controller anywhere.
        CgroupLayout noMemory = m_layout;
        std::erase_if(noMemory.v1, [](const auto &h) {
            return std::find(h.controllers.begin(), h.controllers.end(), "memory") != h.controllers.end();
        });
        std::erase(noMemory.v2Controllers, "memory");
        auto small = make(uniqueName(), &noMemory);
        QVERIFY(small);
        const Status err3 = small->set({"memory.limit_in_bytes", "64M", false});
        QVERIFY(err3);
        QVERIFY2(err3->message.find("\"memory\"") != std::string::npos, err3->message.c_str());
    }

    void addedProcessIsListed()
    {
        REQUIRE_CGROUPS();
        auto cg = make(uniqueName());
        QVERIFY(cg);
        QVERIFY((*cg->processes()).empty());
        const pid_t child = spawn();
        QVERIFY(child > 0);
        VERIFY_OK(cg->addProcess(child));
        const auto procs = cg->processes();
        VERIFY_OK(procs);
        QCOMPARE(*procs, std::vector<pid_t>{child});
        for (const auto &p : cg->paths())
            QVERIFY2(readText(q(p) + "/cgroup.procs").split(u'\n').contains(QString::number(child)), p.c_str());
        QVERIFY(cg->addProcess(0));
        QVERIFY(cg->addProcess(-1));
    }

    // A process moves itself in, as the container's child and an attached
    // program do (without the kernel's global threadgroup lock on v1).
    void joinedProcessIsListed()
    {
        REQUIRE_CGROUPS();
        auto cg = make(uniqueName());
        QVERIFY(cg);
        int ready[2];
        QVERIFY(::pipe(ready) == 0);
        const pid_t child = ::fork();
        if (child == 0) {
            const char verdict = cg->joinSelf(false) ? 'n' : 'y';
            (void)!::write(ready[1], &verdict, 1);
            for (;;)
                ::pause();
        }
        QVERIFY(child > 0);
        m_children.append(child);
        ::close(ready[1]);
        char verdict = 0;
        QCOMPARE(::read(ready[0], &verdict, 1), ssize_t(1));
        ::close(ready[0]);
        QCOMPARE(verdict, 'y');
        const auto procs = cg->processes();
        VERIFY_OK(procs);
        QCOMPARE(*procs, std::vector<pid_t>{child});
        for (const auto &p : cg->paths())
            QVERIFY2(readText(q(p) + "/cgroup.procs").split(u'\n').contains(QString::number(child)), p.c_str());
    }

    void freezeStopsAChild_data()
    {
        QTest::addColumn<QString>("layout");
        QTest::newRow("detected") << "detected";
        QTest::newRow("v2 only") << "v2 only";
        QTest::newRow("v1 only") << "v1 only";
    }

    void freezeStopsAChild()
    {
        REQUIRE_CGROUPS();
        QFETCH(QString, layout);
        CgroupLayout l;
        if (!variant(layout, l))
            QSKIP("no such hierarchy here");
        if (l.unifiedMount.empty() && !l.hasV1("freezer"))
            QSKIP("no freezer");
        auto cg = make(uniqueName(), &l);
        QVERIFY(cg);
        const pid_t child = spawn(0);
        QVERIFY(child > 0);
        VERIFY_OK(cg->addProcess(child));
        QTRY_VERIFY(m_shared[0].counter.load() > 10);
        QVERIFY(!cg->isFrozen());
        VERIFY_OK(cg->freeze());
        QVERIFY(cg->isFrozen());
        // While frozen the counter stands still: the wait is the measurement.
        const uint64_t c1 = m_shared[0].counter.load();
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        const uint64_t c2 = m_shared[0].counter.load();
        QCOMPARE(c2, c1);
        VERIFY_OK(cg->thaw());
        QVERIFY(!cg->isFrozen());
        QTRY_VERIFY_WITH_TIMEOUT(m_shared[0].counter.load() > c2, 5000);
    }

    void statsCountTheChild()
    {
        REQUIRE_CGROUPS();
        auto cg = make(uniqueName());
        QVERIFY(cg);
        VERIFY_OK(cg->set({"memory.limit_in_bytes", "256M", false}));
        const pid_t child = spawn(1);
        QVERIFY(child > 0);
        VERIFY_OK(cg->addProcess(child));
        m_shared[1].go = 1;
        QTRY_VERIFY(m_shared[1].touched.load());
        QTRY_VERIFY(m_shared[1].counter.load() > 50);  // some cpu time in the cgroup
        const auto s = cg->stats();
        VERIFY_OK(s);
        qInfo("cpu %llu ns, memory %llu of %llu, pids %llu, io %llu/%llu", (unsigned long long)s->cpuUsageNs,
              (unsigned long long)s->memoryBytes, (unsigned long long)s->memoryLimit, (unsigned long long)s->pids,
              (unsigned long long)s->ioReadBytes, (unsigned long long)s->ioWriteBytes);
        QVERIFY(s->pids >= 1);
        if (m_layout.hasV1("memory") || m_layout.hasV2("memory")) {
            QVERIFY(s->memoryBytes >= 4u << 20);
            QCOMPARE(s->memoryLimit, uint64_t(256) << 20);
        }
        QVERIFY(s->cpuUsageNs > 0);
    }

    void killAllEmptiesTheCgroup_data()
    {
        QTest::addColumn<QString>("layout");
        QTest::addColumn<bool>("frozen");
        QTest::newRow("detected") << "detected" << false;
        QTest::newRow("detected, frozen") << "detected" << true;
        QTest::newRow("v2 only, frozen") << "v2 only" << true;
        QTest::newRow("v1 only, frozen") << "v1 only" << true;
    }

    void killAllEmptiesTheCgroup()
    {
        REQUIRE_CGROUPS();
        QFETCH(QString, layout);
        QFETCH(bool, frozen);
        CgroupLayout l;
        if (!variant(layout, l))
            QSKIP("no such hierarchy here");
        auto cg = make(uniqueName(), &l);
        QVERIFY(cg);
        VERIFY_OK(cg->killAll());  // empty: returns at once
        const pid_t a = spawn(2), b = spawn();
        QVERIFY(a > 0 && b > 0);
        VERIFY_OK(cg->addProcess(a));
        // b in a sub-cgroup, as a container's own init system would nest.
        for (const auto &p : cg->paths()) {
            const QString sub = q(p) + "/nested";
            QVERIFY(QDir().mkdir(sub));
            if (QFile::exists(sub + "/cpuset.cpus")) {
                QVERIFY(writeText(sub + "/cpuset.cpus", readText(q(p) + "/cpuset.cpus").toUtf8()));
                QVERIFY(writeText(sub + "/cpuset.mems", readText(q(p) + "/cpuset.mems").toUtf8()));
            }
            QVERIFY(writeText(sub + "/cgroup.procs", QByteArray::number(b)));
        }
        QCOMPARE(*cg->processes(), (std::vector<pid_t>{std::min(a, b), std::max(a, b)}));
        if (frozen && (l.hasV1("freezer") || !l.unifiedMount.empty())) {
            VERIFY_OK(cg->freeze());
            QVERIFY(cg->isFrozen());
        }
        VERIFY_OK(cg->killAll());
        VERIFY_OK(cg->processes());
        QVERIFY((*cg->processes()).empty());
        QVERIFY(!cg->isFrozen());  // what joins next is not frozen
        for (pid_t pid : {a, b}) {
            int status = 0;
            QCOMPARE(::waitpid(pid, &status, 0), pid);
            QVERIFY(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
            m_children.removeAll(pid);
        }
        VERIFY_OK(cg->killAll());  // twice is fine
        // The cgroup is usable again (a reboot): what joins it runs.
        const pid_t next = spawn(3);
        QVERIFY(next > 0);
        VERIFY_OK(cg->addProcess(next));
        QTRY_VERIFY(m_shared[3].counter.load() > 10);
        VERIFY_OK(cg->killAll());
        VERIFY_OK(cg->destroy());  // sub-cgroups included
        for (const auto &p : cg->paths())
            QVERIFY2(!QFileInfo::exists(q(p)), p.c_str());
        VERIFY_OK(cg->killAll());  // and after destroy
    }

    void nestedBase()
    {
        REQUIRE_CGROUPS();
        const std::string base = "hutch-test-" + std::to_string(::getpid()) + "/inner";
        m_extraBases << q(base);
        const std::string name = uniqueName();
        auto cg = make(name, nullptr, base);
        QVERIFY(cg);
        for (const QString &m : std::as_const(m_mounts))
            QVERIFY(QFileInfo(m + u'/' + q(base) + u'/' + q(name)).isDir());
        const pid_t child = spawn();
        VERIFY_OK(cg->addProcess(child));
        QCOMPARE(*cg->processes(), std::vector<pid_t>{child});
        VERIFY_OK(cg->killAll());
        VERIFY_OK(cg->destroy());
        for (const QString &m : std::as_const(m_mounts)) {
            QVERIFY(!QFileInfo::exists(m + u'/' + q(base) + u'/' + q(name)));
            QVERIFY(QFileInfo(m + u'/' + q(base)).isDir());
        }
    }
};

QTEST_GUILESS_MAIN(TestCgroups)
#include "test_cgroups.moc"
