// A container's config read once per operation (helper/launch.h): the name
// is validated and the config parsed by loadContainer, and the launch spec is
// built from what it read, never from the file again. No root needed.
#include "launch.h"
#include "starter.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace hutch;

namespace {

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

}  // namespace

class TestLaunch : public QObject {
    Q_OBJECT
    QTemporaryDir m_store;

    QString configOf(const QString &name) const { return m_store.filePath(name + QStringLiteral("/config")); }

    bool makeContainer(const QString &name, const QByteArray &hostname)
    {
        const QString dir = m_store.filePath(name);
        return QDir().mkpath(dir + QStringLiteral("/rootfs"))
            && writeFile(configOf(name), "lxc.uts.name = " + hostname + "\nlxc.rootfs.path = dir:"
                                             + QFile::encodeName(dir) + "/rootfs\n");
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_store.isValid()); }

    // The spec says what the config said when it was read: a rewrite of the
    // file after the read, or its removal, changes nothing.
    void specComesFromTheConfigReadOnce()
    {
        QVERIFY(makeContainer(QStringLiteral("web"), "first"));
        const Store store(m_store.path());
        auto container = loadContainer(store, QStringLiteral("web"));
        QVERIFY2(container.ok(), container.ok() ? "" : qPrintable(container.error().message));
        QCOMPARE(container->name(), QStringLiteral("web"));
        QCOMPARE(container->config().value(QStringLiteral("lxc.uts.name"), QString()), QStringLiteral("first"));

        QVERIFY(writeFile(configOf(QStringLiteral("web")), "lxc.uts.name = second\nlxc.nosuchkey = 1\n"));
        auto spec = buildLaunchSpec(store, *container, HelperSettings{});
        QVERIFY2(spec.ok(), spec.ok() ? "" : qPrintable(spec.error().message));
        QCOMPARE(QString::fromStdString(spec->hostname), QStringLiteral("first"));

        QVERIFY(QFile::remove(configOf(QStringLiteral("web"))));
        spec = buildLaunchSpec(store, *container, HelperSettings{});
        QVERIFY2(spec.ok(), spec.ok() ? "" : qPrintable(spec.error().message));
        QCOMPARE(QString::fromStdString(spec->hostname), QStringLiteral("first"));
    }

    // What a start refuses is refused by the one load, with the contract's code.
    void loadRefuses_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("says");
        QTest::newRow("bad name") << QStringLiteral("../x") << int(Error::Code::InvalidArgument) << QStringLiteral("'/'");
        QTest::newRow("no container") << QStringLiteral("ghost") << int(Error::Code::NotFound)
                                       << QStringLiteral("no container \"ghost\"");
        QTest::newRow("config with an error") << QStringLiteral("broken") << int(Error::Code::InvalidArgument)
                                              << QStringLiteral("lxc.nosuchkey");
        QTest::newRow("config is a symlink") << QStringLiteral("linked") << int(Error::Code::InvalidArgument)
                                             << QStringLiteral("symlink");
    }

    void loadRefuses()
    {
        QFETCH(QString, name);
        QFETCH(int, code);
        QFETCH(QString, says);
        if (name == QLatin1String("broken")) {
            QVERIFY(makeContainer(name, "b"));
            QVERIFY(writeFile(configOf(name), "lxc.nosuchkey = 1\n"));
        } else if (name == QLatin1String("linked")) {
            QVERIFY(makeContainer(name, "l"));
            QVERIFY(QFile::remove(configOf(name)));
            QVERIFY(QFile::link(m_store.filePath(QStringLiteral("elsewhere")), configOf(name)));
        }
        auto container = loadContainer(Store(m_store.path()), name);
        QVERIFY(!container.ok());
        QCOMPARE(int(container.error().code), code);
        QVERIFY2(container.error().message.contains(says), qPrintable(container.error().message));
    }

    // A monitor that is gone before it reads its spec (here a program that
    // reads nothing) is an error of the start, not a SIGPIPE that ends the
    // helper: the spec is sent while the monitor's first process exits.
    void monitorGoneBeforeItsSpecIsAnError()
    {
        rt::LaunchSpec spec;
        spec.name = "gone";
        spec.rootfs = "/nonexistent";
        spec.init = {"/sbin/init"};
        spec.socketPath = "/nonexistent/socket";
        spec.env.assign(50000, std::string(8, 'x'));  // more than a socket buffer holds
        auto pid = rt::startMonitor("/bin/true", spec, -1);
        QVERIFY(!pid);
        QVERIFY2(pid.error().message.find("failed to run") != std::string::npos, pid.error().message.c_str());
    }
};

QTEST_GUILESS_MAIN(TestLaunch)
#include "test_launch.moc"
