// writeFileAtomically: content, modes, no leftovers, and replacement that a
// reader holding the old file never sees half done.
#include "atomicfile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace hutch {

namespace {

// The message of an error, or a placeholder: QVERIFY2 evaluates its
// message even when the check passes.
QByteArray messageOf(const Status &s)
{
    return s ? s->message.toUtf8() : QByteArray("(no error)");
}

template <typename T>
QByteArray messageOf(const Result<T> &r)
{
    return r.ok() ? QByteArray("(no error)") : r.error().message.toUtf8();
}

mode_t modeOf(const QString &path)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return mode_t(-1);
    return st.st_mode & 07777;
}

QByteArray contentOf(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("(unreadable)");
}

QStringList entriesOf(const QString &dir)
{
    const auto filters = QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot;
    return QDir(dir).entryList(filters, QDir::Name);
}

}  // namespace

class TestAtomicFile : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void newFile_data();
    void newFile();
    void replaceKeepsMode();
    void replaceIsAtomic();
    void noTemporaryFilesLeft();
    void missingDirectory();
    void targetIsDirectory();
};

void TestAtomicFile::newFile_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<QByteArray>("data");
    QTest::newRow("0644") << 0644 << "lxc.uts.name = web\n"_ba;
    QTest::newRow("0600") << 0600 << "secret\n"_ba;
    QTest::newRow("0640") << 0640 << "x"_ba;
    QTest::newRow("0755, empty") << 0755 << QByteArray();
    QTest::newRow("0644, 5 MB") << 0644 << QByteArray(5 * 1024 * 1024, 'z');
}

void TestAtomicFile::newFile()
{
    QFETCH(int, mode);
    QFETCH(QByteArray, data);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"config"_s);
    const mode_t oldMask = ::umask(022);
    const Status status = writeFileAtomically(path, data, mode_t(mode));
    ::umask(oldMask);
    QVERIFY2(!status, messageOf(status));
    QCOMPARE(contentOf(path), data);
    // The mode is applied as given, umask or not.
    QCOMPARE(int(modeOf(path)), mode);
    QCOMPARE(entriesOf(dir.path()), QStringList{u"config"_s});
}

void TestAtomicFile::replaceKeepsMode()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"config"_s);
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("old content that is longer than the new one\n");
    f.close();
    QCOMPARE(::chmod(QFile::encodeName(path).constData(), 0600), 0);

    const Status status = writeFileAtomically(path, "new\n"_ba, 0644);
    QVERIFY2(!status, messageOf(status));
    QCOMPARE(contentOf(path), "new\n"_ba);
    QCOMPARE(int(modeOf(path)), 0600);

    // The default mode does not apply to an existing file either.
    QCOMPARE(::chmod(QFile::encodeName(path).constData(), 0640), 0);
    QVERIFY(!writeFileAtomically(path, "newer\n"_ba));
    QCOMPARE(contentOf(path), "newer\n"_ba);
    QCOMPARE(int(modeOf(path)), 0640);
}

void TestAtomicFile::replaceIsAtomic()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"config"_s);
    QVERIFY(!writeFileAtomically(path, "old\n"_ba));

    // A reader that opened the old file keeps reading the old content: the
    // new file is renamed into place, never written over the old one.
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    QVERIFY(fd >= 0);
    struct stat before {};
    QCOMPARE(::fstat(fd, &before), 0);
    const Status status = writeFileAtomically(path, "new content\n"_ba);
    char buf[64] = {};
    const ssize_t n = ::pread(fd, buf, sizeof buf, 0);
    ::close(fd);
    QVERIFY2(!status, messageOf(status));
    QCOMPARE(QByteArray(buf, int(n)), "old\n"_ba);
    QCOMPARE(contentOf(path), "new content\n"_ba);

    struct stat after {};
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &after), 0);
    QVERIFY(after.st_ino != before.st_ino);
}

void TestAtomicFile::noTemporaryFilesLeft()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"config"_s);
    for (int i = 0; i < 20; ++i)
        QVERIFY(!writeFileAtomically(path, QByteArray::number(i) + "\n"));
    QVERIFY(!writeFileAtomically(dir.filePath(u"fstab"_s), "proc proc proc defaults 0 0\n"_ba));
    QCOMPARE(entriesOf(dir.path()), (QStringList{u"config"_s, u"fstab"_s}));
    QCOMPARE(contentOf(path), "19\n"_ba);
}

void TestAtomicFile::missingDirectory()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"missing/config"_s);
    const Status status = writeFileAtomically(path, "x\n"_ba);
    QVERIFY(status.has_value());
    QVERIFY2(status->message.contains(path), qPrintable(status->message));
    QCOMPARE(status->sysErrno, ENOENT);
    QCOMPARE(status->code, Error::Code::NotFound);
    QVERIFY(entriesOf(dir.path()).isEmpty());
}

void TestAtomicFile::targetIsDirectory()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QDir(dir.path()).mkdir(u"config"_s));
    const QString path = dir.filePath(u"config"_s);
    const Status status = writeFileAtomically(path, "x\n"_ba);
    QVERIFY(status.has_value());
    QVERIFY2(status->message.contains(path), qPrintable(status->message));
    QVERIFY(status->sysErrno != 0);
    // The failed attempt leaves nothing behind.
    QCOMPARE(entriesOf(dir.path()), QStringList{u"config"_s});
    QVERIFY(QDir(path).isEmpty());
}

}  // namespace hutch

QTEST_GUILESS_MAIN(hutch::TestAtomicFile)
#include "test_atomicfile.moc"
