// What the guide's templates and tools offer (issue 22), end to end through
// the real helper, polkitd and hutchctl on busybox containers: a host user
// bound into a (default, unprivileged) container logs in on its console
// with their password and sees their home, owned by them; an SSH key in
// root's authorized_keys with its owner and modes; a cloud-init NoCloud
// seed; hutchctl top and ps over two running containers; a libvirt-lxc
// domain that virt-xml-validate accepts.
#include "busfixture.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

using hutch::test::BusFixture;

namespace {

const QString kUser = QStringLiteral("hutchg22");
const QByteArray kPassword = "Hutch-22-pw";
const QByteArray kKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKt0dGhpc2lzbm90YXJlYWxrZXlidXRpdHBhcnNlcw== guide@test";
const QByteArray kUserData = "#cloud-config\nhostname: seeded\nruncmd:\n  - [touch, /root/seeded]\n";

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

int run(const QString &program, const QStringList &args, const QByteArray &input = {}, QByteArray *out = nullptr)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForStarted())
        return -1;
    p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(60000);
    if (out)
        *out = p.readAll();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

// Reads the process's output until it holds `what` (or the time is up).
bool waitForOutput(QProcess &p, QByteArray *seen, const QByteArray &what, int timeoutMs = 15000)
{
    QElapsedTimer t;
    t.start();
    while (!seen->contains(what) && t.elapsed() < timeoutMs) {
        p.waitForReadyRead(200);
        *seen += p.readAll();
    }
    return seen->contains(what);
}

// hutchctl as UID:GID (the test user), on the fixture's bus.
QByteArray hutchctlAs(const BusFixture &fx, uid_t uid, gid_t gid, const QStringList &args, int *exitCode)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HUTCH_BUS_ADDRESS"), fx.address());
    env.insert(QStringLiteral("HUTCH_DEFAULT_CONFIG"), QStringLiteral("/dev/null"));
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(QStringLiteral("/"));
    p.setProcessChannelMode(QProcess::MergedChannels);
    // Between fork and exec: async-signal-safe calls only.
    p.setChildProcessModifier([uid, gid] {
        if (::setgroups(0, nullptr) != 0 || ::setgid(gid) != 0 || ::setuid(uid) != 0)
            ::_exit(126);
    });
    p.start(QStringLiteral(HUTCHCTL_PATH), args);
    p.waitForFinished(120000);
    *exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return p.readAll();
}

}  // namespace

class TestGuideOptions : public QObject {
    Q_OBJECT
    std::unique_ptr<BusFixture> fx;
    QTemporaryDir files;
    bool userMade = false;
    QString ruleFile;
    uint uid = 0;
    uint gid = 0;

    QString rootfs(const QString &name) const { return fx->storePath() + u'/' + name + QStringLiteral("/rootfs"); }

private Q_SLOTS:
    void initTestCase()
    {
        if (const QString why = hutch::test::busUnavailableReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        if (QStandardPaths::findExecutable(QStringLiteral("useradd")).isEmpty())
            QSKIP("needs useradd and chpasswd (Debian package passwd)");
        fx = std::make_unique<BusFixture>();
        QString why;
        QVERIFY2(fx->start(&why), qPrintable(why));
        QVERIFY(fx->allowNobody({QStringLiteral("io.github.hutch.configure-privileged")}));
        // A host user with a password busybox's login can check (SHA-512
        // crypt; busybox knows no yescrypt) and a file in their home.
        run(QStringLiteral("userdel"), {QStringLiteral("-r"), kUser});
        QByteArray out;
        QVERIFY2(run(QStringLiteral("useradd"), {QStringLiteral("-m"), QStringLiteral("-s"), QStringLiteral("/bin/bash"),
                                                 QStringLiteral("-U"), kUser}, {}, &out) == 0, out.constData());
        userMade = true;
        QVERIFY2(run(QStringLiteral("chpasswd"), {QStringLiteral("-c"), QStringLiteral("SHA512")},
                     kUser.toUtf8() + ':' + kPassword + '\n', &out) == 0, out.constData());
        const struct passwd *pw = ::getpwnam(kUser.toUtf8().constData());
        QVERIFY(pw);
        uid = pw->pw_uid;
        gid = pw->pw_gid;
        const QString marker = QStringLiteral("/home/%1/marker").arg(kUser);
        QVERIFY(writeFile(marker, "home-of-hutchg22\n"));
        QVERIFY(::chown(QFile::encodeName(marker).constData(), pw->pw_uid, pw->pw_gid) == 0);
        QVERIFY(writeFile(files.filePath(QStringLiteral("key.pub")), kKey + '\n'));
        QVERIFY(writeFile(files.filePath(QStringLiteral("user-data")), kUserData));
    }

    void cleanupTestCase()
    {
        if (fx)
            fx->cleanup();
        if (!ruleFile.isEmpty())
            QFile::remove(ruleFile);
        if (userMade)
            run(QStringLiteral("userdel"), {QStringLiteral("-r"), kUser});
    }

    void boundUserLogsInWithKeyAndSeed()
    {
        const auto made = fx->hutchctl({"create", "g1", "-t", "busybox", "-b", kUser, "-S", files.filePath("key.pub"),
                                        "-u", files.filePath("user-data"), "-f", "/dev/null", "--", "--login"},
                                       false);
        QVERIFY2(made.exitCode == 0, qPrintable(made.text()));
        const QString root = rootfs(QStringLiteral("g1"));

        // The account: passwd (busybox has no bash: /bin/sh), the host's
        // password hash, the group and sudo.
        const QByteArray passwd = readFile(root + "/etc/passwd");
        QVERIFY2(passwd.contains(QStringLiteral("%1:x:%2:").arg(kUser).arg(uid).toUtf8()), passwd.constData());
        QVERIFY2(passwd.contains(QStringLiteral(":/home/%1:/bin/sh\n").arg(kUser).toUtf8()), passwd.constData());
        QByteArray hostShadow;
        for (const QByteArray &l : readFile("/etc/shadow").split('\n'))
            if (l.startsWith(kUser.toUtf8() + ':'))
                hostShadow = l;
        QVERIFY(hostShadow.contains("$6$"));
        QVERIFY2(readFile(root + "/etc/shadow").contains(hostShadow), readFile(root + "/etc/shadow").constData());
        const QByteArray group = readFile(root + "/etc/group");
        QVERIFY2(group.contains(QStringLiteral("\n%1:x:").arg(kUser).toUtf8()), group.constData());
        QVERIFY2(group.contains(QStringLiteral("sudo:x:27:%1").arg(kUser).toUtf8()), group.constData());
        const QByteArray config = readFile(fx->storePath() + "/g1/config");
        // Unprivileged (the default): the bind mount says idmap=container.
        QVERIFY2(config.contains(QStringLiteral("lxc.mount.entry = /home/%1 home/%1 none bind,create=dir,idmap=container 0 0").arg(kUser).toUtf8()),
                 config.constData());

        // The key: root's, 0700 and 0600.
        struct stat st {};
        QCOMPARE(::stat(QFile::encodeName(root + "/root/.ssh").constData(), &st), 0);
        QCOMPARE(st.st_mode & 07777, 0700u);
        QCOMPARE(st.st_uid, 0u);
        QCOMPARE(::stat(QFile::encodeName(root + "/root/.ssh/authorized_keys").constData(), &st), 0);
        QCOMPARE(st.st_mode & 07777, 0600u);
        QCOMPARE(st.st_uid, 0u);
        QCOMPARE(st.st_gid, 0u);
        QCOMPARE(readFile(root + "/root/.ssh/authorized_keys"), kKey + '\n');

        // The NoCloud seed.
        QCOMPARE(readFile(root + "/var/lib/cloud/seed/nocloud/user-data"), kUserData);
        const QByteArray meta = readFile(root + "/var/lib/cloud/seed/nocloud/meta-data");
        QVERIFY2(meta.startsWith("instance-id: iid-g1-") && meta.contains("local-hostname: g1\n"), meta.constData());

        // The user logs in on the console: a wrong password is refused, theirs
        // lets them in, and their home is the host's.
        QVERIFY2(fx->hutchctl({"start", "g1"}, false).exitCode == 0, "start g1");
        QVERIFY(fx->hutchctl({"wait", "g1", "--state", "RUNNING", "--timeout", "10"}, false).exitCode == 0);
        auto console = fx->startHutchctl({"console", "g1"}, false);
        QByteArray seen;
        auto login = [&](const QByteArray &password) {
            seen.clear();
            console->write("\n");
            if (!waitForOutput(*console, &seen, "login: "))
                return false;
            console->write(kUser.toUtf8() + '\n');
            if (!waitForOutput(*console, &seen, "assword: "))
                return false;
            console->write(password + '\n');
            return true;
        };
        QVERIFY2(login("not-" + kPassword), seen.constData());
        QVERIFY2(waitForOutput(*console, &seen, "Login incorrect"), seen.constData());
        QVERIFY2(login(kPassword), seen.constData());
        console->write("echo user=$(id -un) uid=$(id -u); cat ~/marker; stat -c owner=%u:%g ~ ~/marker; "
                       "touch ~/made-inside; echo root-is=$(awk '$1==0{print $2}' /proc/self/uid_map); "
                       "echo done-$((20+2))\n");
        QVERIFY2(waitForOutput(*console, &seen, "done-22"), seen.constData());
        QVERIFY2(seen.contains(QStringLiteral("user=%1 uid=%2").arg(kUser).arg(uid).toUtf8()), seen.constData());
        QVERIFY2(seen.contains("home-of-hutchg22"), seen.constData());
        // Unprivileged (created without --privileged): container root is not
        // host root, yet the home bound from the host keeps its owner inside
        // (the user's ids are the host's: lxc.idmap shares them), and a file
        // the user makes there is theirs on the host.
        const QRegularExpressionMatch rootIs = QRegularExpression(QStringLiteral("root-is=(\\d+)\r?\n")).match(QString::fromUtf8(seen));
        QVERIFY2(rootIs.hasMatch() && rootIs.captured(1).toUInt() != 0, seen.constData());
        const QByteArray owner = QStringLiteral("owner=%1:%2").arg(uid).arg(gid).toUtf8();
        QVERIFY2(seen.count(owner) == 2, seen.constData());
        struct stat fromInside {};
        QCOMPARE(::stat(QFile::encodeName(QStringLiteral("/home/%1/made-inside").arg(kUser)).constData(), &fromInside), 0);
        QCOMPARE(fromInside.st_uid, uid_t(uid));
        QCOMPARE(fromInside.st_gid, gid_t(gid));
        console->kill();
        console->waitForFinished();
        QVERIFY(fx->hutchctl({"stop", "g1", "--kill"}, false).exitCode == 0);
    }

    void othersAreAnAdministratorsChoice()
    {
        // nobody has every action but configure-privileged: binding another
        // user is refused before anything is made.
        const auto refused = fx->hutchctl({"create", "g2", "-t", "busybox", "-b", kUser});
        QVERIFY2(refused.exitCode != 0 && refused.text().contains("not you"), qPrintable(refused.text()));
        QVERIFY(!QFileInfo::exists(fx->storePath() + "/g2"));
        // Nor does such a caller learn whether a user exists: a name the host
        // does not have is refused the same way, before it is looked up.
        const QString none = QStringLiteral("hutchg22none");
        QVERIFY(!::getpwnam(none.toUtf8().constData()));
        const auto unknown = fx->hutchctl({"create", "g2", "-t", "busybox", "-b", none});
        QVERIFY2(unknown.exitCode == refused.exitCode, qPrintable(unknown.text()));
        QCOMPARE(unknown.text().replace(none, QStringLiteral("NAME")), refused.text().replace(kUser, QStringLiteral("NAME")));
        QVERIFY(!QFileInfo::exists(fx->storePath() + "/g2"));
        const auto root = fx->hutchctl({"create", "g2", "-t", "busybox", "-b", "root"}, false);
        QVERIFY2(root.exitCode != 0 && root.text().contains("root is not bound"), qPrintable(root.text()));
        QVERIFY(!QFileInfo::exists(fx->storePath() + "/g2"));
    }

    void youMayBindYourself()
    {
        // The test user, allowed everything but configure-privileged by a
        // rule of this test, binds themselves: no administrator needed.
        const struct passwd *pw = ::getpwnam(kUser.toUtf8().constData());
        QVERIFY(pw);
        const uid_t userUid = pw->pw_uid;
        const gid_t userGid = pw->pw_gid;
        ruleFile = QStringLiteral("/etc/polkit-1/rules.d/50-hutch-test-g22-%1.rules").arg(::getpid());
        const QByteArray rule = QStringLiteral("polkit.addRule(function(action, subject) {\n"
                                               "    if (action.id.indexOf(\"io.github.hutch.\") == 0 && subject.user == \"%1\"\n"
                                               "        && action.id != \"io.github.hutch.configure-privileged\")\n"
                                               "        return polkit.Result.YES;\n"
                                               "});\n").arg(kUser).toUtf8();
        int code = -1;
        QByteArray out;
        // Once polkitd has read the rule: "no container" instead of refused.
        const bool applied = fx->changePolkitRules(
            [&] {
                return writeFile(ruleFile + ".new", rule)
                       && ::rename(QFile::encodeName(ruleFile + ".new").constData(), QFile::encodeName(ruleFile).constData()) == 0;
            },
            [&] {
                out = hutchctlAs(*fx, userUid, userGid, {"freeze", "no-such"}, &code);
                return !out.contains("not authorized");
            });
        QVERIFY2(applied, out.constData());
        QVERIFY2(out.contains("no container"), out.constData());
        out = hutchctlAs(*fx, userUid, userGid, {"create", "g4", "-t", "busybox", "-b", kUser}, &code);
        QVERIFY2(code == 0, out.constData());
        QVERIFY(readFile(rootfs(QStringLiteral("g4")) + "/etc/passwd").contains(kUser.toUtf8() + ":x:"));
        out = hutchctlAs(*fx, userUid, userGid, {"destroy", "g4"}, &code);
        QVERIFY2(code == 0, out.constData());
        QFile::remove(ruleFile);
    }

    void badFilesAreRefused_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("message");
        QTest::newRow("private key") << "-S" << QByteArray("-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n") << "private key";
        QTest::newRow("not a key") << "-S" << QByteArray("hello world\n") << "not a public key";
        QTest::newRow("no key") << "-S" << QByteArray("# only a comment\n") << "holds no key";
        QTest::newRow("binary user data") << "-u" << QByteArray("#cloud-config\n\0x", 16) << "NUL";
        QTest::newRow("empty user data") << "-u" << QByteArray() << "empty";
    }
    void badFilesAreRefused()
    {
        QFETCH(QString, option);
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        const QString file = files.filePath(QStringLiteral("bad"));
        QVERIFY(writeFile(file, content));
        const auto r = fx->hutchctl({"create", "g3", "-t", "busybox", option, file}, false);
        QVERIFY2(r.exitCode != 0 && r.text().contains(message), qPrintable(r.text()));
        QVERIFY(!QFileInfo::exists(fx->storePath() + "/g3"));
    }

    void topAndPsListTwoContainers()
    {
        for (const char *name : {"p1", "p2"}) {
            QVERIFY(fx->hutchctl({"create", name, "-t", "busybox", "-f", "/dev/null"}).exitCode == 0);
            QVERIFY(fx->hutchctl({"start", name}).exitCode == 0);
            QVERIFY(fx->hutchctl({"wait", name, "--state", "RUNNING", "--timeout", "10"}).exitCode == 0);
            // One more process inside, to be found by both.
            QVERIFY(fx->hutchctl({"attach", name, "--", "sh", "-c", "sleep 300 </dev/null >/dev/null 2>&1 &"}).exitCode == 0);
        }
        const auto ps = fx->hutchctl({"ps", "p1", "p2", "--json"});
        QVERIFY2(ps.exitCode == 0, qPrintable(ps.text()));
        const QJsonObject all = QJsonDocument::fromJson(ps.out).object();
        QMap<QString, int> processes;
        for (const char *name : {"p1", "p2"}) {
            const QJsonArray list = all.value(QLatin1String(name)).toArray();
            QVERIFY2(list.size() >= 2, ps.out.constData());
            // Init: pid 1 inside, the pid info gives on the host.
            const QJsonObject init = list.at(0).toObject();
            QCOMPARE(init.value("ns_pid").toInteger(), 1);
            const auto info = fx->hutchctl({"info", name});
            QVERIFY2(info.out.contains(QByteArray::number(init.value("pid").toInteger())), info.out.constData());
            bool sleeper = false;
            for (const QJsonValue &v : list) {
                const QJsonObject p = v.toObject();
                if (p.value("command").toString() == "sleep 300") {
                    sleeper = true;
                    QVERIFY(p.value("pid").toInteger() != p.value("ns_pid").toInteger());
                    QVERIFY(QFile::exists(QStringLiteral("/proc/%1").arg(p.value("pid").toInteger())));
                }
            }
            QVERIFY2(sleeper, ps.out.constData());
            processes[name] = int(list.size());
        }
        const auto table = fx->hutchctl({"ps", "p1"});
        QVERIFY2(table.out.contains("NSPID") && table.out.contains("sleep 300"), table.out.constData());

        const auto top = fx->hutchctl({"top", "--batch", "-n", "2", "-d", "0.2"});
        QVERIFY2(top.exitCode == 0, qPrintable(top.text()));
        const QList<QByteArray> blocks = top.out.split('\n');
        int headers = 0;
        QMap<QString, int> seenProcs;
        for (const QByteArray &line : blocks) {
            const QList<QByteArray> cells = line.simplified().split(' ');
            if (line.startsWith("Container"))
                ++headers;
            else if (!cells.isEmpty() && processes.contains(QString::fromUtf8(cells.at(0))))
                seenProcs[QString::fromUtf8(cells.at(0))] = cells.constLast().toInt();
        }
        QCOMPARE(headers, 2);
        for (auto it = processes.begin(); it != processes.end(); ++it)
            QVERIFY2(seenProcs.value(it.key()) >= 2, top.out.constData());
        for (const char *name : {"p1", "p2"})
            QVERIFY(fx->hutchctl({"stop", name, "--kill"}).exitCode == 0);
        const auto stopped = fx->hutchctl({"ps", "p1"});
        QVERIFY2(stopped.exitCode != 0 && stopped.text().contains("not running"), qPrintable(stopped.text()));
    }

    void libvirtDomainValidates()
    {
        const QString validator = QStandardPaths::findExecutable(QStringLiteral("virt-xml-validate"));
        if (validator.isEmpty())
            QSKIP("needs virt-xml-validate (Debian package libvirt-clients)");
        // As root: lxc.idmap is the administrator's (configure-privileged).
        for (const QStringList &set : {QStringList{"config", "p1", "lxc.cgroup2.memory.max", "256M"},
                                       QStringList{"config", "p1", "--append", "lxc.idmap", "u 0 100000 65536"},
                                       QStringList{"config", "p1", "--append", "lxc.idmap", "g 0 100000 65536"}}) {
            const auto r = fx->hutchctl(set, false);
            QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        }
        for (const char *name : {"p1", "g1"}) {
            const QString xml = files.filePath(QStringLiteral("%1.xml").arg(QLatin1String(name)));
            const auto r = fx->hutchctl({"export", name, "--libvirt", xml}, false);
            QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
            QByteArray out;
            QVERIFY2(run(validator, {xml, QStringLiteral("domain")}, {}, &out) == 0, (out + readFile(xml)).constData());
            const QByteArray domain = readFile(xml);
            QVERIFY2(domain.contains("<domain type=\"lxc\">") && domain.contains(QStringLiteral("<name>%1</name>").arg(name).toUtf8())
                         && domain.contains(QStringLiteral("/%1/rootfs\"/>").arg(name).toUtf8()),
                     domain.constData());
            if (QByteArray(name) == "p1")
                QVERIFY2(domain.contains("<memory unit=\"KiB\">262144</memory>")
                             && domain.contains("<uid start=\"0\" target=\"100000\" count=\"65536\"/>"),
                         domain.constData());
            else
                QVERIFY2(domain.contains(QStringLiteral("<source dir=\"/home/%1\"/>").arg(kUser).toUtf8()), domain.constData());
        }
        QCOMPARE(fx->hutchctl({"export", "p1", "--libvirt", files.filePath("p1.xml"), "extra"}, false).exitCode, 1);
    }
};

QTEST_GUILESS_MAIN(TestGuideOptions)
#include "test_guide_options.moc"
