#include "personalize.h"

#include "uniquefd.h"

#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <cerrno>
#include <fcntl.h>
#include <grp.h>
#include <linux/openat2.h>
#include <pwd.h>
#include <shadow.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <vector>

namespace hutch::templates {

namespace {

QString s(const char *text) { return QString::fromLatin1(text); }

// The rootfs, opened once; ids of files made for the container's root
// (and its user, offset from it) follow the owner of its top directory.
struct Root {
    UniqueFd fd;
    uid_t baseUid = 0;
    gid_t baseGid = 0;
};

// Opens PATH (relative to the rootfs) as if the rootfs were "/", refusing
// every symlink on the way (RESOLVE_NO_SYMLINKS) unless `followInside`:
// then symlinks resolve within the rootfs (a merged /usr's /bin).
Result<UniqueFd> openIn(const Root &root, const QByteArray &path, int flags, bool followInside = false,
                        mode_t mode = 0)
{
    struct open_how how {};
    how.flags = uint64_t(flags | O_CLOEXEC | (followInside ? 0 : O_NOFOLLOW));
    how.mode = (flags & O_CREAT) ? mode : 0;
    how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS | (followInside ? 0 : RESOLVE_NO_SYMLINKS);
    const QByteArray relative = path.isEmpty() ? QByteArray(".") : path;
    const int fd = int(::syscall(SYS_openat2, root.fd.get(), relative.constData(), &how, sizeof how));
    if (fd < 0)
        return Error::system(errno, QStringLiteral("open /%1 in the rootfs").arg(QString::fromUtf8(path)));
    return UniqueFd(fd);
}

QByteArray relativePath(const QString &absolute)
{
    QByteArray p = QFile::encodeName(absolute);
    while (p.startsWith('/'))
        p.remove(0, 1);
    return p;
}

// The directory PATH in the rootfs, missing components made (MODE, owned
// by UID:GID); the last one gets MODE and that owner even if it existed.
Result<UniqueFd> makeDirIn(const Root &root, const QByteArray &path, mode_t mode, uid_t uid, gid_t gid)
{
    QByteArray done;
    for (const QByteArray &part : path.split('/')) {
        if (part.isEmpty() || part == ".")
            continue;
        if (part == "..")
            return Error::invalid(QStringLiteral("\"%1\": no \"..\" here").arg(QString::fromUtf8(path)));
        auto parent = openIn(root, done, O_DIRECTORY | O_RDONLY);
        if (!parent)
            return parent.error();
        if (::mkdirat(parent->get(), part.constData(), mode) == 0) {
            if (::fchownat(parent->get(), part.constData(), uid, gid, AT_SYMLINK_NOFOLLOW) < 0)
                return Error::system(errno, QStringLiteral("chown /%1/%2").arg(QString::fromUtf8(done), QString::fromUtf8(part)));
        } else if (errno != EEXIST) {
            return Error::system(errno, QStringLiteral("mkdir /%1/%2").arg(QString::fromUtf8(done), QString::fromUtf8(part)));
        }
        done += (done.isEmpty() ? "" : "/") + part;
    }
    auto dir = openIn(root, done, O_DIRECTORY | O_RDONLY);
    if (!dir)
        return dir.error();
    if (::fchown(dir->get(), uid, gid) < 0 || ::fchmod(dir->get(), mode) < 0)
        return Error::system(errno, QStringLiteral("set owner and mode of /%1").arg(QString::fromUtf8(done)));
    return dir;
}

// A whole file of the rootfs, or nullopt when there is none.
Result<std::optional<QByteArray>> readIn(const Root &root, const QByteArray &path, struct stat *st = nullptr)
{
    auto fd = openIn(root, path, O_RDONLY);
    if (!fd) {
        if (fd.error().sysErrno == ENOENT)
            return std::optional<QByteArray>();
        return fd.error();
    }
    struct stat local {};
    struct stat &info = st ? *st : local;
    if (::fstat(fd->get(), &info) < 0 || !S_ISREG(info.st_mode) || info.st_size > (16 << 20))
        return Error::failed(QStringLiteral("/%1 in the rootfs is not a file of at most 16 MiB").arg(QString::fromUtf8(path)));
    QByteArray data(qsizetype(info.st_size), Qt::Uninitialized);
    qsizetype got = 0;
    while (got < data.size()) {
        const ssize_t n = ::read(fd->get(), data.data() + got, size_t(data.size() - got));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return Error::system(errno, QStringLiteral("read /%1").arg(QString::fromUtf8(path)));
        if (n == 0)
            break;
        got += n;
    }
    data.truncate(got);
    return std::optional<QByteArray>(data);
}

// Replaces DIR/NAME by DATA (a new file renamed over it: a symlink there
// is replaced, never followed).
Status replaceIn(int dirFd, const QByteArray &name, const QByteArray &data, mode_t mode, uid_t uid, gid_t gid)
{
    const QByteArray temp = "." + name + ".hutch-new";
    ::unlinkat(dirFd, temp.constData(), 0);
    UniqueFd out(::openat(dirFd, temp.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    const QString what = QStringLiteral("write %1").arg(QString::fromUtf8(name));
    if (!out)
        return Error::system(errno, what);
    qsizetype done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(out.get(), data.constData() + done, size_t(data.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            const int err = errno;
            ::unlinkat(dirFd, temp.constData(), 0);
            return Error::system(err, what);
        }
        done += n;
    }
    if (::fchown(out.get(), uid, gid) < 0 || ::fchmod(out.get(), mode) < 0 || ::fsync(out.get()) < 0
        || ::renameat(dirFd, temp.constData(), dirFd, name.constData()) < 0) {
        const int err = errno;
        ::unlinkat(dirFd, temp.constData(), 0);
        return Error::system(err, what);
    }
    return std::nullopt;
}

// An account file of /etc rewritten, keeping its owner and mode.
Status replaceEtcFile(const Root &root, const QByteArray &name, const QByteArray &data, const struct stat &was)
{
    auto etc = openIn(root, "etc", O_DIRECTORY | O_RDONLY);
    if (!etc)
        return etc.error();
    return replaceIn(etc->get(), name, data, was.st_mode & 07777, was.st_uid, was.st_gid);
}

QList<QByteArray> linesOf(const QByteArray &text)
{
    QList<QByteArray> lines = text.split('\n');
    while (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast();
    return lines;
}

QByteArray joinLines(const QList<QByteArray> &lines)
{
    return lines.join('\n') + '\n';
}

// Adds MEMBER to the comma list of field INDEX of LINE.
QByteArray withMember(const QByteArray &line, int index, const QByteArray &member)
{
    QList<QByteArray> f = line.split(':');
    while (f.size() <= index)
        f << QByteArray();
    QList<QByteArray> members = f[index].split(',');
    members.removeAll(QByteArray());
    if (!members.contains(member))
        members << member;
    f[index] = members.join(',');
    return f.join(':');
}

// The group files (group, and gshadow where it exists): the user's primary
// group by gid, then sudo with the user in it.
Status bindGroups(const Root &root, const HostUser &user, const Progress &say)
{
    struct stat st {};
    auto group = readIn(root, "etc/group", &st);
    if (!group)
        return group.error();
    if (!*group)
        return Error::failed(s("the rootfs has no /etc/group"));
    QList<QByteArray> lines = linesOf(**group);
    const QByteArray name = user.name.toUtf8(), groupName = user.groupName.toUtf8();
    bool haveGid = false;
    QList<uint> gids;
    qsizetype sudo = -1;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QList<QByteArray> f = lines.at(i).split(':');
        if (f.size() < 3)
            continue;
        gids << f.at(2).toUInt();
        if (f.at(2).toUInt() == user.gid)
            haveGid = true;
        else if (f.at(0) == groupName)
            return Error::failed(QStringLiteral("the container's group \"%1\" has gid %2, the host's %3")
                                     .arg(user.groupName, QString::fromUtf8(f.at(2))).arg(user.gid));
        if (f.at(0) == "sudo")
            sudo = i;
    }
    QList<QByteArray> addedGroups;
    if (!haveGid) {
        lines << groupName + ":x:" + QByteArray::number(user.gid) + ":";
        addedGroups << groupName;
        say(QStringLiteral("group %1 (%2) added").arg(user.groupName).arg(user.gid));
    }
    if (sudo >= 0) {
        lines[sudo] = withMember(lines.at(sudo), 3, name);
    } else {
        // Debian's sudo gid where it is free, else a free system gid.
        uint gid = 27;
        while (gids.contains(gid) || gid == user.gid)
            ++gid;
        lines << "sudo:x:" + QByteArray::number(gid) + ":" + name;
        addedGroups << "sudo";
        say(QStringLiteral("group sudo (%1) added").arg(gid));
    }
    if (auto err = replaceEtcFile(root, "group", joinLines(lines), st))
        return err;

    auto gshadow = readIn(root, "etc/gshadow", &st);
    if (!gshadow)
        return gshadow.error();
    if (!*gshadow)
        return std::nullopt;
    QList<QByteArray> glines = linesOf(**gshadow);
    for (const QByteArray &g : addedGroups)
        glines << g + ":!::";
    for (QByteArray &l : glines)
        if (l.startsWith("sudo:"))
            l = withMember(l, 3, name);
    return replaceEtcFile(root, "gshadow", joinLines(glines), st);
}

// passwd and shadow: the user's entries, their shell where the rootfs has
// it, else /bin/sh.
Status bindAccount(const Root &root, const HostUser &user, const Progress &say)
{
    struct stat st {};
    auto passwd = readIn(root, "etc/passwd", &st);
    if (!passwd)
        return passwd.error();
    if (!*passwd)
        return Error::failed(s("the rootfs has no /etc/passwd"));
    QList<QByteArray> lines = linesOf(**passwd);
    for (const QByteArray &l : std::as_const(lines)) {
        const QList<QByteArray> f = l.split(':');
        if (f.size() < 3)
            continue;
        if (f.at(0) == user.name.toUtf8())
            return Error::failed(QStringLiteral("the container has a user \"%1\" already").arg(user.name));
        if (f.at(2).toUInt() == user.uid)
            return Error::failed(QStringLiteral("uid %1 is \"%2\" in the container").arg(user.uid).arg(QString::fromUtf8(f.at(0))));
    }
    QString shell = user.shell.isEmpty() ? s("/bin/sh") : user.shell;
    {
        auto found = openIn(root, relativePath(shell), O_PATH, true);
        struct stat sh {};
        if (!found || ::fstat(found->get(), &sh) < 0 || !S_ISREG(sh.st_mode) || !(sh.st_mode & 0111)) {
            say(QStringLiteral("%1 is not in the container: %2 gets /bin/sh").arg(shell, user.name));
            shell = s("/bin/sh");
        }
    }
    lines << QStringList{user.name, s("x"), QString::number(user.uid), QString::number(user.gid), user.gecos, user.home, shell}
                 .join(QLatin1Char(':')).toUtf8();
    if (auto err = replaceEtcFile(root, "passwd", joinLines(lines), st))
        return err;

    auto shadow = readIn(root, "etc/shadow", &st);
    if (!shadow)
        return shadow.error();
    QList<QByteArray> slines = *shadow ? linesOf(**shadow) : QList<QByteArray>();
    if (!*shadow) {
        st = {};
        st.st_mode = 0640;
        st.st_uid = root.baseUid;
        st.st_gid = root.baseGid;
    }
    slines << user.shadowLine;
    return replaceEtcFile(root, "shadow", joinLines(slines), st);
}

// Root's home in the container: passwd's entry for uid 0, else /root.
QByteArray rootHome(const Root &root)
{
    auto passwd = readIn(root, "etc/passwd");
    if (passwd && *passwd)
        for (const QByteArray &l : linesOf(**passwd)) {
            const QList<QByteArray> f = l.split(':');
            if (f.size() >= 6 && f.at(2) == "0" && f.at(5).startsWith('/'))
                return relativePath(QString::fromUtf8(f.at(5)));
        }
    return "root";
}

Status writeAuthorizedKeys(const Root &root, const QByteArray &keys, const Progress &say)
{
    const QByteArray home = rootHome(root);
    auto ssh = makeDirIn(root, home + "/.ssh", 0700, root.baseUid, root.baseGid);
    if (!ssh)
        return ssh.error();
    // Keys already there stay; ours are added once.
    auto old = readIn(root, home + "/.ssh/authorized_keys");
    if (!old)
        return old.error();
    QList<QByteArray> lines = *old ? linesOf(**old) : QList<QByteArray>();
    for (const QByteArray &k : linesOf(keys))
        if (!lines.contains(k))
            lines << k;
    if (auto err = replaceIn(ssh->get(), "authorized_keys", joinLines(lines), 0600, root.baseUid, root.baseGid))
        return err;
    say(QStringLiteral("SSH key for root in /%1/.ssh/authorized_keys").arg(QString::fromUtf8(home)));
    return std::nullopt;
}

Status writeNoCloudSeed(const Root &root, const QString &name, const QString &hostname, const QByteArray &userData,
                        const Progress &say)
{
    auto seed = makeDirIn(root, "var/lib/cloud/seed/nocloud", 0755, root.baseUid, root.baseGid);
    if (!seed)
        return seed.error();
    // A new instance id: cloud-init runs the user data once per instance.
    const QByteArray meta = "instance-id: iid-" + name.toUtf8() + "-"
        + QByteArray::number(QRandomGenerator::system()->generate(), 16) + "\nlocal-hostname: " + hostname.toUtf8() + "\n";
    if (auto err = replaceIn(seed->get(), "meta-data", meta, 0644, root.baseUid, root.baseGid))
        return err;
    if (auto err = replaceIn(seed->get(), "user-data", userData, 0600, root.baseUid, root.baseGid))
        return err;
    say(s("cloud-init NoCloud seed in /var/lib/cloud/seed/nocloud"));
    if (!openIn(root, "usr/bin/cloud-init", O_PATH, true))
        say(s("this rootfs has no cloud-init (/usr/bin/cloud-init): the seed waits for one"));
    return std::nullopt;
}

}  // namespace

Status validateUserName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[a-z_][a-z0-9_.-]{0,31}\\$?$"));
    if (!re.match(name).hasMatch())
        return Error::invalid(QStringLiteral("\"%1\" is not a user name (a-z, 0-9, _, ., -; at most 32)").arg(name.left(40)));
    return std::nullopt;
}

Result<HostUser> lookupHostUser(const QString &name)
{
    if (auto err = validateUserName(name))
        return *err;
    const QByteArray n = name.toUtf8();
    std::vector<char> buffer(1 << 16);
    struct passwd pw {}, *pwp = nullptr;
    if (::getpwnam_r(n.constData(), &pw, buffer.data(), buffer.size(), &pwp) != 0 || !pwp)
        return Error::notFound(QStringLiteral("the host has no user \"%1\"").arg(name));
    HostUser u;
    u.name = name;
    u.uid = pw.pw_uid;
    u.gid = pw.pw_gid;
    u.gecos = QString::fromUtf8(pw.pw_gecos ? pw.pw_gecos : "");
    u.home = QString::fromUtf8(pw.pw_dir ? pw.pw_dir : "");
    u.shell = QString::fromUtf8(pw.pw_shell ? pw.pw_shell : "");
    if (u.uid == 0)
        return Error::invalid(s("root is not bound into a container: it has a root of its own"));
    static const QRegularExpression homeRe(QStringLiteral("^/[^\\s\\\\:]*$"));
    if (!homeRe.match(u.home).hasMatch() || u.home == QLatin1String("/") || u.home.contains(QLatin1String("/..")))
        return Error::invalid(QStringLiteral("the home of \"%1\" (\"%2\") cannot be bound").arg(name, u.home.left(64)));
    struct stat st {};
    if (::stat(QFile::encodeName(u.home).constData(), &st) < 0 || !S_ISDIR(st.st_mode))
        return Error::notFound(QStringLiteral("the home of \"%1\" (%2) is not a directory").arg(name, u.home));
    for (QString *field : {&u.gecos, &u.shell})
        field->remove(QLatin1Char(':')).remove(QLatin1Char('\n'));
    struct group gr {}, *grp = nullptr;
    if (::getgrgid_r(u.gid, &gr, buffer.data(), buffer.size(), &grp) == 0 && grp)
        u.groupName = QString::fromUtf8(gr.gr_name);
    else
        u.groupName = name;
    struct spwd sp {}, *spp = nullptr;
    auto number = [](long v) { return v < 0 ? QByteArray() : QByteArray::number(qint64(v)); };
    if (::getspnam_r(n.constData(), &sp, buffer.data(), buffer.size(), &spp) == 0 && spp)
        u.shadowLine = n + ":" + QByteArray(sp.sp_pwdp ? sp.sp_pwdp : "*") + ":" + number(sp.sp_lstchg) + ":"
            + number(sp.sp_min) + ":" + number(sp.sp_max) + ":" + number(sp.sp_warn) + ":" + number(sp.sp_inact) + ":"
            + number(sp.sp_expire) + ":";
    else
        u.shadowLine = n + ":*:::::::";  // no password to copy: locked
    return u;
}

Status validateAuthorizedKeys(const QByteArray &text)
{
    if (text.size() > 64 * 1024)
        return Error::invalid(s("the SSH key file is larger than 64 KiB"));
    static const QRegularExpression key(QStringLiteral(
        "(^|\\s)(ssh-(rsa|dss|ed25519)|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\\.com|"
        "sk-ecdsa-sha2-nistp256@openssh\\.com) [A-Za-z0-9+/]+={0,3}(\\s|$)"));
    int keys = 0;
    int number = 0;
    for (const QByteArray &raw : text.split('\n')) {
        ++number;
        const QByteArray line = raw.trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        for (const char c : line)
            if ((uchar(c) < 0x20 && c != '\t') || c == 0x7f)
                return Error::invalid(QStringLiteral("SSH key line %1 holds a control character").arg(number));
        if (line.contains("PRIVATE KEY"))
            return Error::invalid(s("that is a private key: give the public one (.pub)"));
        if (!key.match(QString::fromUtf8(line)).hasMatch())
            return Error::invalid(QStringLiteral("SSH key line %1 is not a public key (\"TYPE BASE64 [comment]\")").arg(number));
        ++keys;
    }
    if (keys == 0)
        return Error::invalid(s("the SSH key file holds no key"));
    return std::nullopt;
}

Status validateUserData(const QByteArray &text)
{
    if (text.isEmpty())
        return Error::invalid(s("the cloud-init user data is empty"));
    if (text.size() > (1 << 20))
        return Error::invalid(s("the cloud-init user data is larger than 1 MiB"));
    if (text.contains('\0'))
        return Error::invalid(s("the cloud-init user data holds a NUL byte (a binary file?)"));
    return std::nullopt;
}

Result<QStringList> personalizeRootfs(const QString &rootfs, const QString &name, const QString &hostname,
                                      const Personalization &p, bool idmapped, const Progress &progress)
{
    const QString context = QStringLiteral("personalize \"%1\"").arg(name);
    auto say = [&](const QString &line) {
        if (progress)
            progress(line);
    };
    Root root;
    root.fd = UniqueFd(::open(QFile::encodeName(rootfs).constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    struct stat st {};
    if (!root.fd || ::fstat(root.fd.get(), &st) < 0)
        return Error::system(errno, QStringLiteral("open the rootfs %1").arg(rootfs)).wrap(context);
    root.baseUid = st.st_uid;
    root.baseGid = st.st_gid;
    QStringList config;
    if (p.user) {
        const HostUser &u = *p.user;
        const QString what = QStringLiteral("bind user \"%1\"").arg(u.name);
        if (auto err = bindAccount(root, u, say))
            return err->wrap(what).wrap(context);
        if (auto err = bindGroups(root, u, say))
            return err->wrap(what).wrap(context);
        // The mount point, owned as the user inside.
        if (auto dir = makeDirIn(root, relativePath(u.home), 0755, root.baseUid + u.uid, root.baseGid + u.gid); !dir)
            return dir.error().wrap(what).wrap(context);
        // In a user namespace the home is mounted idmapped: the user's
        // files show as theirs inside (uid U on disk is U in the container).
        config << QStringLiteral("%1 %2 none bind,create=dir%3 0 0")
                      .arg(u.home, QString::fromUtf8(relativePath(u.home)),
                           idmapped ? QStringLiteral(",idmap=container") : QString());
        say(QStringLiteral("%1 (uid %2) bound; %3 is mounted at each start%4")
                .arg(u.name).arg(u.uid).arg(u.home, idmapped ? QStringLiteral(", idmapped") : QString()));
    }
    if (!p.authorizedKeys.isEmpty())
        if (auto err = writeAuthorizedKeys(root, p.authorizedKeys, say))
            return err->wrap(context);
    if (!p.userData.isEmpty())
        if (auto err = writeNoCloudSeed(root, name, hostname, p.userData, say))
            return err->wrap(context);
    return config;
}

}  // namespace hutch::templates
