// What a distribution container gets written into its rootfs at creation
// (helper/templates/distsetup.cpp): DHCP on eth0 for ifupdown or
// systemd-networkd, a root password hashed with yescrypt, the root login's
// state for the console's hint; and that none of it follows a symlink of
// the rootfs out to the host. Root: the files are made root's.
#include "distsetup.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <crypt.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace hutch::templates;

namespace {

bool put(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

QByteArray get(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QByteArray rootField(const QByteArray &shadow)
{
    for (const QByteArray &line : shadow.split('\n'))
        if (line.startsWith("root:"))
            return line.split(':').value(1);
    return {};
}

const QByteArray kShadow = "root:*:19700:0:99999:7:::\ndaemon:*:19700:0:99999:7:::\n";

}  // namespace

class TestDistSetup : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        if (::geteuid() != 0)
            QSKIP("needs root (the files it writes are root's)");
    }

    void ifupdownGetsDhcpAndRootItsPassword()
    {
        QTemporaryDir root;
        QVERIFY(put(root.filePath("etc/network/interfaces"), "source /etc/network/interfaces.d/*\nauto lo\niface lo inet loopback\n"));
        QVERIFY(put(root.filePath("etc/shadow"), kShadow));
        QVERIFY(::chown(QFile::encodeName(root.filePath("etc/shadow")).constData(), 0, 42) == 0);
        QVERIFY(::chmod(QFile::encodeName(root.filePath("etc/shadow")).constData(), 0640) == 0);
        QCOMPARE(rootLoginState(root.path()), QStringLiteral("locked"));

        QStringList lines;
        const QByteArray password = "Corr3ct horse";
        auto err = setUpDistribution(root.path(), {password}, [&](const QString &l) { lines << l; });
        QVERIFY2(!err, err ? qPrintable(err->message) : "");
        QCOMPARE(get(root.filePath("etc/network/interfaces.d/eth0")), QByteArray("auto eth0\niface eth0 inet dhcp\n"));

        const QByteArray shadow = get(root.filePath("etc/shadow"));
        const QByteArray hash = rootField(shadow);
        QVERIFY2(hash.startsWith("$y$"), shadow.constData());
        // The hash is root's password: crypt of it with the hash as salt.
        QCOMPARE(QByteArray(::crypt(password.constData(), hash.constData())), hash);
        QVERIFY(QByteArray(::crypt("wrong", hash.constData())) != hash);
        // The other lines and the file's owner and mode are kept.
        QVERIFY(shadow.endsWith(":19700:0:99999:7:::\ndaemon:*:19700:0:99999:7:::\n"));
        struct stat st {};
        QCOMPARE(::stat(QFile::encodeName(root.filePath("etc/shadow")).constData(), &st), 0);
        QCOMPARE(st.st_mode & 07777, mode_t(0640));
        QCOMPARE(st.st_gid, gid_t(42));
        QCOMPARE(rootLoginState(root.path()), QStringLiteral("password"));
        // No temporary file is left, and the password is in no job line.
        QVERIFY(!QFileInfo::exists(root.filePath("etc/.shadow.hutch-new")));
        QVERIFY(!lines.join(QLatin1Char('\n')).contains(QLatin1String("horse")));
        QVERIFY(lines.contains(QStringLiteral("root password set")));
    }

    void anImageThatConfiguresEth0IsLeftAlone()
    {
        QTemporaryDir root;
        QVERIFY(put(root.filePath("etc/network/interfaces"), "source /etc/network/interfaces.d/*\n"));
        QVERIFY(put(root.filePath("etc/network/interfaces.d/lan"), "auto eth0\niface eth0 inet static\n  address 10.1.2.3/24\n"));
        QVERIFY(!setUpDistribution(root.path(), {}, [](const QString &) {}));
        QVERIFY(!QFileInfo::exists(root.filePath("etc/network/interfaces.d/eth0")));

        QTemporaryDir lxcImage;  // LXC's images bring a systemd-networkd file
        QVERIFY(put(lxcImage.filePath("etc/systemd/network/eth0.network"), "[Match]\nName=eth0\n[Network]\nDHCP=true\n"));
        QVERIFY(put(lxcImage.filePath("lib/systemd/system/systemd-networkd.service"), "[Unit]\n"));
        QVERIFY(!setUpDistribution(lxcImage.path(), {}, [](const QString &) {}));
        QCOMPARE(get(lxcImage.filePath("etc/systemd/network/eth0.network")), QByteArray("[Match]\nName=eth0\n[Network]\nDHCP=true\n"));
    }

    void networkdWithoutIfupdown()
    {
        QTemporaryDir root;
        QVERIFY(put(root.filePath("lib/systemd/system/systemd-networkd.service"), "[Unit]\n"));
        QVERIFY(!setUpDistribution(root.path(), {}, [](const QString &) {}));
        QCOMPARE(get(root.filePath("etc/systemd/network/eth0.network")), QByteArray("[Match]\nName=eth0\n\n[Network]\nDHCP=yes\n"));
        QCOMPARE(QFileInfo(root.filePath("etc/systemd/system/multi-user.target.wants/systemd-networkd.service")).symLinkTarget(),
                 QStringLiteral("/lib/systemd/system/systemd-networkd.service"));
    }

    // A rootfs is the container's: its links point wherever its author
    // wanted, the host's /etc included. They resolve inside the rootfs.
    void symlinksOfTheRootfsStayInside()
    {
        const QByteArray hostShadow = get(QStringLiteral("/etc/shadow"));
        QVERIFY(!QFileInfo::exists(QStringLiteral("/etc/eth0")));
        QTemporaryDir root;
        QVERIFY(put(root.filePath("etc/network/interfaces"), "source /etc/network/interfaces.d/*\n"));
        QVERIFY(QFile::link(QStringLiteral("/etc"), root.filePath("etc/network/interfaces.d")));
        QVERIFY(QFile::link(QStringLiteral("/etc/shadow"), root.filePath("etc/shadow")));
        auto err = setUpDistribution(root.path(), {"secret"}, [](const QString &) {});
        // DHCP went to the rootfs's own /etc; the shadow link is refused.
        QVERIFY(QFileInfo::exists(root.filePath("etc/eth0")));
        QVERIFY(!QFileInfo::exists(QStringLiteral("/etc/eth0")));
        QVERIFY(err);
        QVERIFY2(err->message.contains(QLatin1String("/etc/shadow")), qPrintable(err->message));
        QCOMPARE(get(QStringLiteral("/etc/shadow")), hostShadow);
        QCOMPARE(rootLoginState(root.path()), QStringLiteral("unknown"));
    }

    void loginStates()
    {
        QTemporaryDir root;
        QCOMPARE(rootLoginState(root.path()), QStringLiteral("unknown"));
        QVERIFY(put(root.filePath("etc/shadow"), "root::19700:0:99999:7:::\n"));
        QCOMPARE(rootLoginState(root.path()), QStringLiteral("empty"));
        QVERIFY(put(root.filePath("etc/shadow"), "root:!$y$j9T$abc$def:19700::::::\n"));
        QCOMPARE(rootLoginState(root.path()), QStringLiteral("locked"));
    }

    void badPasswordsAreRefused()
    {
        QVERIFY(!hashPassword(QByteArray()));
        QVERIFY(!hashPassword("two\nlines"));
        auto a = hashPassword("same");
        auto b = hashPassword("same");
        QVERIFY(a && b);
        QVERIFY(*a != *b);  // a fresh salt each time
    }
};

QTEST_GUILESS_MAIN(TestDistSetup)
#include "test_distsetup.moc"
