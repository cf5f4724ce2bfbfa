// The container store: which directories are listed, in which order, and
// how broken containers are reported instead of failing the listing.
#include "store.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(hutch::Error::Code)

namespace hutch {

namespace {

// The message of an error, or a placeholder: QVERIFY2 evaluates its
// message even when the check passes.
template <typename T>
QByteArray messageOf(const Result<T> &r)
{
    return r.ok() ? QByteArray("(no error)") : r.error().message.toUtf8();
}

}  // namespace

class TestStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void paths();
    void list();
    void brokenReasons();
    void legacyConfigIsUsable();
    void missingStore();
    void storeIsAFile();
    void entry_data();
    void entry();

private:
    void makeContainer(const QString &name, const QByteArray *config);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());

    const QByteArray good = "lxc.uts.name = web\nlxc.rootfs.path = dir:/srv/rootfs\n"_ba;
    const QByteArray invalid = "lxc.uts.name = web\nlxc.bogus.key = 1\n"_ba;
    // Created out of order; listed sorted.
    makeContainer(u"zeta"_s, &good);
    makeContainer(u"alpha"_s, &good);
    makeContainer(u"noconfig"_s, nullptr);
    makeContainer(u"badconfig"_s, &invalid);
    makeContainer(u".staging-web"_s, &good);
    QFile plain(m_dir->filePath(u"plainfile"_s));
    QVERIFY(plain.open(QIODevice::WriteOnly));
    plain.write(good);
    plain.close();
    QVERIFY(QFile::link(m_dir->filePath(u"alpha"_s), m_dir->filePath(u"linked"_s)));
}

void TestStore::makeContainer(const QString &name, const QByteArray *config)
{
    QDir root(m_dir->path());
    QVERIFY(root.mkpath(name + u"/rootfs"_s));
    if (!config)
        return;
    QFile f(root.filePath(name + u"/config"_s));
    QVERIFY(f.open(QIODevice::WriteOnly));
    QCOMPARE(f.write(*config), config->size());
}

void TestStore::paths()
{
    const Store store(u"/var/lib/hutch"_s);
    QCOMPARE(store.path(), u"/var/lib/hutch"_s);
    QCOMPARE(store.containerDir(u"web"_s), u"/var/lib/hutch/web"_s);
    QCOMPARE(store.configPath(u"web"_s), u"/var/lib/hutch/web/config"_s);
    QCOMPARE(store.rootfsPath(u"web"_s), u"/var/lib/hutch/web/rootfs"_s);
    QCOMPARE(Store().path(), Store::defaultPath());
}

void TestStore::list()
{
    const Store store(m_dir->path());
    const auto listed = store.list();
    QVERIFY2(listed.ok(), messageOf(listed));

    QStringList names;
    for (const StoreEntry &e : *listed)
        names.append(e.name);
    // No dot-directory, no plain file, no symlink.
    QCOMPARE(names, (QStringList{u"alpha"_s, u"badconfig"_s, u"noconfig"_s, u"zeta"_s}));

    for (const StoreEntry &e : *listed) {
        QCOMPARE(e.path, store.containerDir(e.name));
        const bool shouldBreak = e.name == u"badconfig"_s || e.name == u"noconfig"_s;
        QVERIFY2(e.broken == shouldBreak, qPrintable(e.name + u": "_s + e.problem));
        QCOMPARE(e.problem.isEmpty(), !shouldBreak);
    }
}

void TestStore::brokenReasons()
{
    const Store store(m_dir->path());
    const auto noConfig = store.entry(u"noconfig"_s);
    QVERIFY(noConfig.ok());
    QVERIFY(noConfig->broken);
    QVERIFY2(noConfig->problem.contains(u"config"_s), qPrintable(noConfig->problem));

    const auto bad = store.entry(u"badconfig"_s);
    QVERIFY(bad.ok());
    QVERIFY(bad->broken);
    // The reason names what is wrong in the file.
    QVERIFY2(bad->problem.contains(u"lxc.bogus.key"_s), qPrintable(bad->problem));
}

void TestStore::legacyConfigIsUsable()
{
    // Warnings (legacy keys, martian lines) do not break a container.
    const QByteArray legacy = "lxc.utsname = old\nlxc.network.type = veth\nhello\n"_ba;
    makeContainer(u"legacy"_s, &legacy);
    const auto e = Store(m_dir->path()).entry(u"legacy"_s);
    QVERIFY(e.ok());
    QVERIFY2(!e->broken, qPrintable(e->problem));
}

void TestStore::missingStore()
{
    const Store store(m_dir->filePath(u"does-not-exist"_s));
    const auto listed = store.list();
    QVERIFY2(listed.ok(), messageOf(listed));
    QVERIFY(listed->isEmpty());
    const auto e = store.entry(u"web"_s);
    QVERIFY(!e.ok());
    QCOMPARE(e.error().code, Error::Code::NotFound);
}

void TestStore::storeIsAFile()
{
    const auto listed = Store(m_dir->filePath(u"plainfile"_s)).list();
    QVERIFY(!listed.ok());
    QVERIFY2(listed.error().message.contains(m_dir->filePath(u"plainfile"_s)),
             qPrintable(listed.error().message));
}

void TestStore::entry_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<Error::Code>("code");  // when not ok

    QTest::newRow("alpha") << u"alpha"_s << true << Error::Code::Failed;
    QTest::newRow("badconfig") << u"badconfig"_s << true << Error::Code::Failed;
    QTest::newRow("missing") << u"nothere"_s << false << Error::Code::NotFound;
    QTest::newRow("plain file") << u"plainfile"_s << false << Error::Code::NotFound;
    QTest::newRow("symlink") << u"linked"_s << false << Error::Code::NotFound;
    QTest::newRow("empty") << u""_s << false << Error::Code::InvalidArgument;
    QTest::newRow("..") << u".."_s << false << Error::Code::InvalidArgument;
    QTest::newRow("../alpha") << u"../alpha"_s << false << Error::Code::InvalidArgument;
    QTest::newRow("dot-directory") << u".staging-web"_s << false << Error::Code::InvalidArgument;
    QTest::newRow("space") << u"al pha"_s << false << Error::Code::InvalidArgument;
}

void TestStore::entry()
{
    QFETCH(QString, name);
    QFETCH(bool, ok);
    QFETCH(Error::Code, code);

    const auto e = Store(m_dir->path()).entry(name);
    if (!ok) {
        QVERIFY(!e.ok());
        QCOMPARE(int(e.error().code), int(code));
        QVERIFY(!e.error().message.isEmpty());
        return;
    }
    QVERIFY2(e.ok(), messageOf(e));
    QCOMPARE(e->name, name);
    QCOMPARE(e->path, m_dir->filePath(name));
}

}  // namespace hutch

QTEST_GUILESS_MAIN(hutch::TestStore)
#include "test_store.moc"
