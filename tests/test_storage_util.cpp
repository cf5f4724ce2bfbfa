#include "test_storage_util.h"

#include "monitorlink.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QThread>

#include <cstring>
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <sys/xattr.h>
#include <unistd.h>

namespace hutch::test {

int runProgram(const QString &program, const QStringList &args, QString *output, int timeoutMs)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForStarted()) {
        if (output)
            *output = p.errorString();
        return -1;
    }
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        if (output)
            *output = QStringLiteral("timed out");
        return -1;
    }
    if (output)
        *output = QString::fromLocal8Bit(p.readAll());
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

QString btrfsUnavailableReason()
{
    if (::geteuid() != 0)
        return QStringLiteral("needs root (loop devices, mounts)");
    const QStringList dirs = {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin"), QStringLiteral("/usr/bin"),
                              QStringLiteral("/bin")};
    if (QStandardPaths::findExecutable(QStringLiteral("mkfs.btrfs"), dirs).isEmpty())
        return QStringLiteral("mkfs.btrfs not installed (btrfs-progs)");
    return {};
}

LoopFs::LoopFs(const QString &type, qint64 sizeBytes)
{
    if (!m_dir.isValid()) {
        m_why = QStringLiteral("no temporary directory");
        return;
    }
    const QString image = m_dir.filePath(QStringLiteral("image"));
    QFile f(image);
    if (!f.open(QIODevice::WriteOnly) || !f.resize(sizeBytes)) {
        m_why = QStringLiteral("cannot make the image file");
        return;
    }
    f.close();
    const QStringList dirs = {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin"), QStringLiteral("/usr/bin")};
    const QString mkfs = QStandardPaths::findExecutable(QStringLiteral("mkfs.") + type, dirs);
    if (mkfs.isEmpty()) {
        m_why = QStringLiteral("mkfs.%1 not installed").arg(type);
        return;
    }
    QString out;
    const QStringList args = type == QLatin1String("btrfs") ? QStringList{QStringLiteral("-q"), QStringLiteral("-f"), image}
                                                            : QStringList{QStringLiteral("-q"), QStringLiteral("-F"), image};
    if (runProgram(mkfs, args, &out) != 0) {
        m_why = QStringLiteral("mkfs.%1 failed: %2").arg(type, out);
        return;
    }
    QDir().mkpath(mountPoint());
    if (runProgram(QStringLiteral("mount"), {QStringLiteral("-o"), QStringLiteral("loop"), QStringLiteral("-t"), type,
                                             image, mountPoint()}, &out) != 0) {
        m_why = QStringLiteral("mount -o loop failed: %1").arg(out);
        return;
    }
    m_mounted = true;
}

LoopFs::~LoopFs()
{
    if (m_mounted) {
        // The loop device is released with the last unmount (autoclear).
        for (int i = 0; i < 50; ++i) {
            if (::umount2(QFile::encodeName(mountPoint()).constData(), 0) == 0 || errno == EINVAL)
                break;
            QThread::msleep(100);
        }
    }
}

QString addAwkwardFiles(const QString &rootfs)
{
    const QByteArray r = QFile::encodeName(rootfs);
    auto path = [&](const char *p) { return QByteArray(r + '/' + p); };
    auto fail = [](const char *what) { return QStringLiteral("%1: %2").arg(QLatin1String(what), QString::fromLocal8Bit(strerror(errno))); };

    ::mkdir(path("awk").constData(), 0755);
    {
        QFile f(QFile::decodeName(path("awk/original")));
        if (!f.open(QIODevice::WriteOnly) || f.write("hardlinked content\n") < 0)
            return QStringLiteral("write awk/original");
    }
    if (::link(path("awk/original").constData(), path("awk/second-name").constData()) < 0)
        return fail("link");
    if (::mknod(path("awk/null").constData(), S_IFCHR | 0666, makedev(1, 3)) < 0)
        return fail("mknod char");
    if (::mknod(path("awk/blockdev").constData(), S_IFBLK | 0660, makedev(7, 200)) < 0)
        return fail("mknod block");
    if (::mkfifo(path("awk/fifo").constData(), 0620) < 0)
        return fail("mkfifo");
    {
        int s = ::socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        const QByteArray sp = path("awk/sock");
        if (sp.size() < qsizetype(sizeof addr.sun_path)) {
            std::memcpy(addr.sun_path, sp.constData(), size_t(sp.size()));
            if (::bind(s, reinterpret_cast<sockaddr *>(&addr), sizeof addr) < 0) {
                ::close(s);
                return fail("bind socket");
            }
        }
        ::close(s);
    }
    if (::setxattr(path("awk/original").constData(), "user.hutch", "value", 5, 0) < 0)
        return fail("setxattr user");
    if (::setxattr(path("awk").constData(), "user.dir", "d", 1, 0) < 0)
        return fail("setxattr dir");
    if (::symlink("/etc/passwd", path("awk/abs-link").constData()) < 0)
        return fail("symlink");
    if (::symlink("../awk/nowhere", path("awk/dangling").constData()) < 0)
        return fail("symlink");
    if (::lsetxattr(path("awk/abs-link").constData(), "trusted.hutch", "t", 1, 0) < 0)
        return fail("lsetxattr trusted");
    // A POSIX ACL (the system.posix_acl_access xattr, version 2): user::rw-,
    // user:1000:r--, group::r--, mask::r--, other::r--.
    {
        struct Entry { uint16_t tag, perm; uint32_t id; };
        const uint32_t version = 2;
        const Entry entries[] = {{0x01, 6, 0xffffffff}, {0x02, 4, 1000}, {0x04, 4, 0xffffffff},
                                 {0x10, 4, 0xffffffff}, {0x20, 4, 0xffffffff}};
        QByteArray acl(reinterpret_cast<const char *>(&version), 4);
        acl.append(reinterpret_cast<const char *>(entries), sizeof entries);
        QFile f(QFile::decodeName(path("awk/acl-file")));
        if (!f.open(QIODevice::WriteOnly) || f.write("acl\n") < 0)
            return QStringLiteral("write acl-file");
        f.close();
        if (::setxattr(path("awk/acl-file").constData(), "system.posix_acl_access", acl.constData(), size_t(acl.size()), 0) < 0)
            return fail("set ACL");
    }
    {
        QFile f(QFile::decodeName(path("awk/setuid")));
        if (!f.open(QIODevice::WriteOnly) || f.write("#!/bin/sh\n") < 0)
            return QStringLiteral("write setuid");
        f.close();
        if (::chown(path("awk/setuid").constData(), 1234, 5678) < 0 || ::chmod(path("awk/setuid").constData(), 04751) < 0)
            return fail("chown/chmod setuid");
    }
    {
        int fd = ::open(path("awk/sparse").constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0)
            return fail("create sparse");
        QByteArray data(4096, 'S');
        const bool ok = ::ftruncate(fd, 64 << 20) == 0 && ::pwrite(fd, data.constData(), 4096, 32 << 20) == 4096;
        ::close(fd);
        if (!ok)
            return fail("write sparse");
    }
    {
        QFile f(QFile::decodeName(path("awk/empty")));
        if (!f.open(QIODevice::WriteOnly))
            return QStringLiteral("write empty");
    }
    QDir().mkpath(QFile::decodeName(path("awk/deep/a/b/c/d/with space/and\ttab")));
    {
        QFile f(QFile::decodeName(path("awk/deep/a/b/c/d/with space/file:with,odd=chars")));
        if (!f.open(QIODevice::WriteOnly) || f.write("odd\n") < 0)
            return QStringLiteral("write odd file");
    }
    ::chmod(path("awk/deep/a").constData(), 0700);
    ::chown(path("awk/deep/a/b").constData(), 100, 101);
    return {};
}

void stopAndWait(Runtime &runtime, const QString &name, int timeoutMs)
{
    (void)hutch::stopAndWait(runtime.settings(), name, std::nullopt, timeoutMs);
}

QStringList hiddenEntries(const QString &dir)
{
    QStringList out;
    for (const QString &n : QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot))
        if (n.startsWith(QLatin1Char('.')) && n != QLatin1String(".idranges"))  // the id ranges' record stays
            out << n;
    return out;
}

}  // namespace hutch::test
