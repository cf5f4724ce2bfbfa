// hutch-helper's authorization, for real: a private system bus, the real
// polkitd deciding from the installed actions and a rule of the test's own,
// and clients running as the unprivileged user nobody or as root.
#include "busfixture.h"

#include <QFile>
#include <QTest>

#include <sys/wait.h>
#include <unistd.h>

using hutch::test::BusFixture;
using hutch::test::storeState;

namespace {

// Every method that changes something, with arguments for container c1.
void mutatingMethods()
{
    QTest::addColumn<QStringList>("call");
    auto row = [](const char *name, QStringList args) { QTest::newRow(name) << args; };
    row("Start", {"Start", "s:c1", "a{sv}:"});
    row("Stop", {"Stop", "s:c1", "a{sv}:"});
    row("Shutdown", {"Shutdown", "s:c1", "u:5", "a{sv}:"});
    row("Reboot", {"Reboot", "s:c1", "a{sv}:"});
    row("Freeze", {"Freeze", "s:c1", "a{sv}:"});
    row("Unfreeze", {"Unfreeze", "s:c1", "a{sv}:"});
    row("CreateContainer", {"CreateContainer", "s:n1", "s:busybox", "a{sv}:", "a{sv}:"});
    row("CloneContainer", {"CloneContainer", "s:c1", "s:n2", "a{sv}:"});
    row("DestroyContainer", {"DestroyContainer", "s:c1", "a{sv}:force=b:true"});
    row("RenameContainer", {"RenameContainer", "s:c1", "s:n3", "a{sv}:"});
    row("SetConfigItem", {"SetConfigItem", "s:c1", "s:lxc.start.auto", "s:1", "a{sv}:"});
    row("SetLimits", {"SetLimits", "s:c1", "a{sv}:memory.limit_in_bytes=s:64M", "a{sv}:"});
    row("OpenConsole", {"OpenConsole", "s:c1", "u:0", "a{sv}:"});
    row("ResizeConsole", {"ResizeConsole", "s:c1", "u:0", "u:24", "u:80", "a{sv}:"});
    row("Attach", {"Attach", "s:c1", "as:true", "as:", "a{sv}:"});
    row("MakeDirectory", {"MakeDirectory", "s:c1", "s:/root/made", "a{sv}:"});
    row("DeleteFile", {"DeleteFile", "s:c1", "s:/etc/hostname", "a{sv}:"});
}

}  // namespace

class TestServiceAuth : public QObject {
    Q_OBJECT
    std::unique_ptr<BusFixture> fx;

    QString state(const QString &name)
    {
        const auto r = fx->call({"GetContainer", "s:" + name, "a{sv}:"}, false);
        return r.text().section(QLatin1String("state="), 1).section(QLatin1Char(' '), 0, 0);
    }
    void waitForJobs()
    {
        // Jobs of a name are serialized with everything else on it: a
        // read-modify call on each name waits for them.
        for (const char *n : {"c1", "n1", "n2", "n3"})
            fx->call({"WaitForState", QStringLiteral("s:%1").arg(QLatin1String(n)), "s:STOPPED|RUNNING", "u:1", "a{sv}:"}, false);
    }

private Q_SLOTS:
    void initTestCase()
    {
        // A rule that allows every Hutch action, left by a test killed before its
        // clean-up (a pid no longer running): the fixture removes it, or
        // every refusal below fails.
        const pid_t gone = ::fork();
        if (gone == 0)
            ::_exit(0);
        QVERIFY(gone > 0 && ::waitpid(gone, nullptr, 0) == gone);
        const QString stale = QStringLiteral("/etc/polkit-1/rules.d/50-hutch-test-%1-0.rules").arg(gone);
        QFile rule(stale);
        QVERIFY(rule.open(QIODevice::WriteOnly));
        rule.write("polkit.addRule(function(action, subject) {\n"
                   "    if (action.id.indexOf(\"io.github.hutch.\") == 0) return polkit.Result.YES;\n});\n");
        rule.close();
        HUTCH_START_BUS_FIXTURE(fx);
        QVERIFY2(!QFile::exists(stale), qPrintable(stale));
        const auto made = fx->hutchctl({"create", "c1", "-t", "busybox", "--", "--ttys", "1"}, false);
        QVERIFY2(made.exitCode == 0, qPrintable(made.text()));
    }

    void cleanupTestCase()
    {
        if (fx)
            fx->cleanup();
    }

    void listingIsForEveryone()
    {
        const auto list = fx->call({"ListContainers", "a{sv}:"});
        QVERIFY2(list.exitCode == 0 && list.text().contains(QLatin1String("name=c1")), qPrintable(list.text()));
        const auto one = fx->call({"GetContainer", "s:c1", "a{sv}:"});
        QVERIFY2(one.text().contains(QLatin1String("state=STOPPED")), qPrintable(one.text()));
        QVERIFY(fx->call({"ListTemplates", "a{sv}:"}).text().contains(QLatin1String("busybox")));
        QVERIFY(fx->call({"GetConfig", "s:c1", "a{sv}:"}).text().contains(QLatin1String("lxc.uts.name")));
        const auto ctl = fx->hutchctl({"list"});
        QCOMPARE(ctl.exitCode, 0);
        QCOMPARE(ctl.out, QByteArray("c1\n"));
    }

    void mutatingRefusedWithoutRule_data() { mutatingMethods(); }
    void mutatingRefusedWithoutRule()
    {
        QFETCH(QStringList, call);
        const QByteArray before = storeState(fx->storePath());
        const auto r = fx->call(call);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.text().startsWith(QLatin1String("io.github.hutch.Error.NotAuthorized: not authorized for io.github.hutch.")),
                 qPrintable(r.text()));
        waitForJobs();
        QCOMPARE(storeState(fx->storePath()), before);
        QCOMPARE(state(QStringLiteral("c1")), QStringLiteral("STOPPED"));
    }

    void hutchctlRefusedWithoutRule()
    {
        const auto r = fx->hutchctl({"start", "c1"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith("hutchctl: not authorized for io.github.hutch.lifecycle"), r.err.constData());
        QCOMPARE(state(QStringLiteral("c1")), QStringLiteral("STOPPED"));
    }

    void rootIsAllowed()
    {
        QCOMPARE(fx->call({"Start", "s:c1", "a{sv}:"}, false).text().trimmed(), QStringLiteral("ok"));
        QCOMPARE(state(QStringLiteral("c1")), QStringLiteral("RUNNING"));
        QCOMPARE(fx->call({"Stop", "s:c1", "a{sv}:"}, false).text().trimmed(), QStringLiteral("ok"));
        QCOMPARE(state(QStringLiteral("c1")), QStringLiteral("STOPPED"));
        // Root passes the never-kept admin action as well.
        const auto r = fx->call({"SetConfigItem", "s:c1", "s:lxc.mount.entry",
                                 "s:tmpfs tmp tmpfs defaults 0 0", "a{sv}:mode=s:append"}, false);
        QCOMPARE(r.text().trimmed(), QStringLiteral("ok"));
        QVERIFY(fx->call({"SetConfigItem", "s:c1", "s:lxc.mount.entry", "s:", "a{sv}:mode=s:remove"}, false)
                    .text().startsWith(QLatin1String("ok")));
    }

    void privilegedKeysNeedTheAdminAction()
    {
        QVERIFY(fx->allowNobody({QStringLiteral("io.github.hutch.configure-privileged")}));
        const QByteArray before = storeState(fx->storePath());
        for (const QStringList &kv : QList<QStringList>{{"lxc.mount.entry", "/ host none bind 0 0"},
                                                        {"lxc.hook.pre-start", "/bin/sh -c id"},
                                                        {"lxc.rootfs.path", "dir:/"},
                                                        {"lxc.cap.drop", ""},
                                                        {"lxc.cgroup.devices.allow", "a"},
                                                        {"lxc.include", "/etc/passwd"}}) {
            const auto r = fx->call({"SetConfigItem", "s:c1", "s:" + kv.at(0), "s:" + kv.at(1), "a{sv}:"});
            QVERIFY2(r.text().startsWith(QLatin1String("io.github.hutch.Error.NotAuthorized: not authorized for "
                                                       "io.github.hutch.configure-privileged")),
                     qPrintable(kv.at(0) + QStringLiteral(": ") + r.text()));
        }
        const auto limits = fx->call({"SetLimits", "s:c1", "a{sv}:devices.allow=s:a", "a{sv}:"});
        QVERIFY2(limits.text().contains(QLatin1String("NotAuthorized")), qPrintable(limits.text()));
        QCOMPARE(storeState(fx->storePath()), before);
        // An ordinary key goes through with the same rule.
        QCOMPARE(fx->call({"SetConfigItem", "s:c1", "s:lxc.start.auto", "s:1", "a{sv}:"}).text().trimmed(),
                 QStringLiteral("ok"));
    }

    // polkit is asked on every call: on one connection, a call polkit
    // refuses right after one it allowed (and the other way round) is
    // still refused; nothing is remembered per caller.
    void refusedAfterAnAllowedCallOnTheSameConnection()
    {
        QVERIFY(fx->allowNobody({QStringLiteral("io.github.hutch.console")}));
        const auto r = fx->call({"SetConfigItem", "s:c1", "s:lxc.start.delay", "s:3", "a{sv}:",
                                 "--then", "OpenConsole", "s:c1", "u:0", "a{sv}:",
                                 "--then", "SetConfigItem", "s:c1", "s:lxc.start.delay", "s:4", "a{sv}:",
                                 "--then", "Attach", "s:c1", "as:true", "as:", "a{sv}:"});
        QCOMPARE(r.exitCode, 1);
        const QStringList lines = r.text().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        const QString refused = QStringLiteral("io.github.hutch.Error.NotAuthorized: not authorized for io.github.hutch.console");
        QCOMPARE(lines.at(0).trimmed(), QStringLiteral("ok"));
        QVERIFY2(lines.at(1).startsWith(refused), qPrintable(lines.at(1)));
        QCOMPARE(lines.at(2).trimmed(), QStringLiteral("ok"));
        QVERIFY2(lines.at(3).startsWith(refused), qPrintable(lines.at(3)));
        const auto delay = fx->call({"GetConfig", "s:c1", "a{sv}:key=s:lxc.start.delay"}, false);
        QVERIFY2(delay.text().contains(QLatin1String("value=4")), qPrintable(delay.text()));
    }

    void mutatingAllowedWithRule_data()
    {
        // In order: each row works on what the ones before left.
        QTest::addColumn<QStringList>("call");
        QTest::addColumn<QString>("expected");
        auto row = [](const char *name, QStringList args, const char *expected) {
            QTest::newRow(name) << args << QString::fromLatin1(expected);
        };
        row("SetConfigItem", {"SetConfigItem", "s:c1", "s:lxc.start.delay", "s:5", "a{sv}:"}, "ok");
        row("SetLimits (stopped)", {"SetLimits", "s:c1", "a{sv}:memory.limit_in_bytes=s:64M", "a{sv}:"}, "ok");
        row("Start", {"Start", "s:c1", "a{sv}:"}, "ok");
        row("Freeze", {"Freeze", "s:c1", "a{sv}:"}, "ok");
        row("Unfreeze", {"Unfreeze", "s:c1", "a{sv}:"}, "ok");
        row("SetLimits (running)", {"SetLimits", "s:c1", "a{sv}:memory.limit_in_bytes=s:96M", "a{sv}:"}, "ok");
        row("OpenConsole", {"OpenConsole", "s:c1", "u:0", "a{sv}:"}, "ok fd");
        row("OpenConsole tty1", {"OpenConsole", "s:c1", "u:1", "a{sv}:"}, "ok fd");
        row("ResizeConsole", {"ResizeConsole", "s:c1", "u:1", "u:30", "u:100", "a{sv}:"}, "ok");
        row("Attach", {"Attach", "s:c1", "as:true", "as:", "a{sv}:"}, "ok fd");
        row("Reboot", {"Reboot", "s:c1", "a{sv}:"}, "ok");
        row("Stop", {"Stop", "s:c1", "a{sv}:"}, "ok");
        row("Start again", {"Start", "s:c1", "a{sv}:"}, "ok");
        row("Shutdown", {"Shutdown", "s:c1", "u:5", "a{sv}:"}, "ok");
        row("CreateContainer", {"CreateContainer", "s:n1", "s:busybox", "a{sv}:ttys=u:1", "a{sv}:"}, "ok /io/github/hutch/Job/");
        row("CloneContainer", {"CloneContainer", "s:c1", "s:n2", "a{sv}:"}, "ok /io/github/hutch/Job/");
        row("RenameContainer", {"RenameContainer", "s:c1", "s:n3", "a{sv}:"}, "ok");
        row("DestroyContainer", {"DestroyContainer", "s:n3", "a{sv}:"}, "ok /io/github/hutch/Job/");
    }
    void mutatingAllowedWithRule()
    {
        QFETCH(QStringList, call);
        QFETCH(QString, expected);
        QVERIFY(fx->allowNobody());
        const auto r = fx->call(call);
        QVERIFY2(r.text().startsWith(expected), qPrintable(r.text()));
    }

    void storeAfterTheAllowedCalls()
    {
        waitForJobs();
        const auto list = fx->call({"ListContainers", "a{sv}:"});
        QVERIFY2(list.text().contains(QLatin1String("name=n1")) && list.text().contains(QLatin1String("name=n2"))
                     && !list.text().contains(QLatin1String("name=c1")) && !list.text().contains(QLatin1String("name=n3")),
                 qPrintable(list.text()));
    }

    void ruleRemovedRefusesAgain()
    {
        QVERIFY(fx->forbidNobody());
        const auto r = fx->call({"DestroyContainer", "s:n1", "a{sv}:"});
        QVERIFY2(r.text().contains(QLatin1String("NotAuthorized")), qPrintable(r.text()));
    }
};

QTEST_GUILESS_MAIN(TestServiceAuth)
#include "test_service_auth.moc"
