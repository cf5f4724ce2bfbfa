// hutchctl create, clone, destroy: operations the helper runs as jobs.
// The command follows its job (a progress bar on a terminal) and exits
// with its outcome; Ctrl-C cancels the job.
#include "commands.h"

#include "atomicfile.h"
#include "common.h"
#include "config.h"
#include "libvirtxml.h"
#include "fdio.h"
#include "uniquefd.h"
#include "watchers.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusUnixFileDescriptor>
#include <QFile>
#include <QTimer>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace hutch::cli {

namespace {

QString opt(const char *name) { return QString::fromLatin1(name); }

std::atomic_bool g_interrupted = false;
// Export and import with FILE "-" (a copy between hosts: transfer.cpp, or
// ssh for a remote host): the job is cancelled when the reader of our
// standard output goes away, so that a transfer killed at the other end
// leaves no container behind.
bool g_cancelOnHangup = false;

bool outputHungUp()
{
    pollfd p{STDOUT_FILENO, 0, 0};
    return ::poll(&p, 1, 0) == 1 && (p.revents & (POLLERR | POLLHUP));
}

// For export and import with FILE "-": the standard stream `fd` goes to
// the helper as it is, which streams it (a file, a pipe or a socket).
bool streamable(int fd)
{
    struct stat st {};
    return ::fstat(fd, &st) == 0 && (S_ISREG(st.st_mode) || S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode));
}

// A stream on standard input whose compression was not given: its first
// bytes tell it, but they are then read, so the helper gets a pipe of
// ours instead, fed those bytes and the rest of standard input by a child
// (it ends with us). The pipe's reading end, or -1 (errno set; 0 for an
// empty input).
int sniffStandardInput(QString *compression)
{
    char head[6];
    size_t got = 0;
    while (got < sizeof head) {
        const ssize_t n = ::read(STDIN_FILENO, head + got, sizeof head - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0)
            break;
        got += size_t(n);
    }
    if (got == 0) {
        errno = 0;
        return -1;
    }
    const QByteArray bytes(head, qsizetype(got));
    *compression = bytes.startsWith("\xfd" "7zXZ") ? opt("xz") : bytes.startsWith("\x1f\x8b") ? opt("gz")
                 : bytes.startsWith("\x28\xb5\x2f\xfd") ? opt("zst") : opt("none");
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) < 0)
        return -1;
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent)
            ::_exit(1);
        ::close(fds[0]);
        if (writeAll(fds[1], head, got) != 0)
            ::_exit(1);
        char buffer[1 << 16];
        for (;;) {
            const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0 || writeAll(fds[1], buffer, size_t(n)) != 0)
                ::_exit(n == 0 ? 0 : 1);
        }
    }
    ::close(fds[1]);
    return fds[0];
}

void drawProgress(const JobWatcher &w)
{
    if (!::isatty(STDERR_FILENO))
        return;
    const int width = 30;
    const int filled = int(w.progress * width + 0.5);
    std::fprintf(stderr, "\r\033[K[%s%s] %3d%% %s", QByteArray(filled, '#').constData(),
                 QByteArray(width - filled, '.').constData(), int(w.progress * 100 + 0.5),
                 qPrintable(w.lastLine.left(60)));
}

}  // namespace

// Starts a job with `begin` (returns its path) and follows it to its end.
int runJob(Helper1Proxy &helper, const std::function<QDBusPendingReply<QDBusObjectPath>()> &begin,
           QString *lastLine)
{
    QDBusConnection bus = helper.connection();
    JobWatcher watcher;
    // Subscribed before the call, so that not even a quick end is missed.
    bus.connect(client::kService, client::kPath, QStringLiteral("io.github.hutch.Helper1"), QStringLiteral("JobProgress"),
                &watcher, SLOT(onProgress(QDBusObjectPath,double)));
    bus.connect(client::kService, client::kPath, QStringLiteral("io.github.hutch.Helper1"), QStringLiteral("JobFinished"),
                &watcher, SLOT(onFinished(QDBusObjectPath,bool,QString,QString)));
    auto reply = begin();
    if (!finished(reply))
        return Failure;
    watcher.path = reply.value().path();
    bus.connect(client::kService, watcher.path, QStringLiteral("io.github.hutch.Job1"), QStringLiteral("Log"), &watcher,
                SLOT(onLog(QString)));
    auto job = client::job(bus, watcher.path);
    // It may have ended before we listened to it by its path.
    const QString state = job->state();
    if (state == QLatin1String("succeeded") || state == QLatin1String("failed") || state == QLatin1String("cancelled"))
        watcher.onFinished(QDBusObjectPath(watcher.path), state == QLatin1String("succeeded"), job->errorName(),
                           job->errorMessage());

    QEventLoop loop;
    QObject::connect(&watcher, &JobWatcher::changed, &loop, [&] {
        drawProgress(watcher);
        if (watcher.done)
            loop.quit();
    });
    // Ctrl-C (or SIGTERM) asks the helper to cancel; the job's end is still waited for.
    std::signal(SIGINT, [](int) { g_interrupted = true; });
    std::signal(SIGTERM, [](int) { g_interrupted = true; });
    QTimer poll;
    bool cancelSent = false;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if ((g_interrupted || (g_cancelOnHangup && outputHungUp())) && !cancelSent) {
            cancelSent = true;
            job->Cancel();
        }
    });
    poll.start(100);
    // The bus going away (a helper killed mid-job) ends the wait too.
    QTimer alive;
    QObject::connect(&alive, &QTimer::timeout, &loop, [&] {
        if (!bus.interface()->isServiceRegistered(client::kService).value()) {
            watcher.done = true;
            watcher.errorMessage = QStringLiteral("hutch-helper went away before the job ended");
            loop.quit();
        }
    });
    alive.start(1000);
    if (!watcher.done)
        loop.exec();
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    if (::isatty(STDERR_FILENO))
        std::fprintf(stderr, "\r\033[K");
    if (!watcher.success)
        return fail(watcher.errorMessage.isEmpty() ? watcher.errorName : watcher.errorMessage);
    if (lastLine)
        *lastLine = watcher.lastLine;
    return Ok;
}

namespace {

// Template arguments after "--" as the template's schema describes them:
// --NAME VALUE for numbers and strings, --NAME for booleans.
bool templateOptions(Helper1Proxy &helper, const QString &templateName, const QStringList &args, QVariantMap *out)
{
    auto reply = helper.ListTemplates({});
    if (!finished(reply))
        return false;
    QVariantList schema;
    for (const QVariantMap &raw : reply.value()) {
        const QVariantMap t = client::plainMap(raw);
        if (t.value(opt("name")).toString() == templateName)
            schema = t.value(opt("options")).toList();
    }
    if (schema.isEmpty() && !args.isEmpty()) {
        fail(QStringLiteral("template \"%1\" takes no options").arg(templateName));
        return false;
    }
    for (qsizetype i = 0; i < args.size(); ++i) {
        QString arg = args.at(i);
        if (!arg.startsWith(QLatin1String("--"))) {
            fail(QStringLiteral("template argument \"%1\": expected --OPTION").arg(arg));
            return false;
        }
        arg = arg.mid(2);
        QString inlineValue;
        bool hasInline = false;
        if (const qsizetype eq = arg.indexOf(QLatin1Char('=')); eq >= 0) {
            inlineValue = arg.mid(eq + 1);
            arg = arg.left(eq);
            hasInline = true;
        }
        QVariantMap option;
        for (const QVariant &o : std::as_const(schema))
            if (o.toMap().value(opt("name")).toString() == arg)
                option = o.toMap();
        if (option.isEmpty()) {
            fail(QStringLiteral("template %1 has no option --%2 (see hutchctl templates)").arg(templateName, arg));
            return false;
        }
        const QString type = option.value(opt("type")).toString();
        if (type == QLatin1String("bool")) {
            out->insert(arg, hasInline ? inlineValue != QLatin1String("false") && inlineValue != QLatin1String("0") : true);
            continue;
        }
        if (!hasInline && i + 1 >= args.size()) {
            fail(QStringLiteral("template option --%1 needs a value").arg(arg));
            return false;
        }
        const QString value = hasInline ? inlineValue : args.at(++i);
        if (type == QLatin1String("int")) {
            bool ok = false;
            const int n = value.toInt(&ok);
            if (!ok) {
                fail(QStringLiteral("template option --%1: \"%2\" is not a number").arg(arg, value));
                return false;
            }
            out->insert(arg, n);
        } else if (type == QLatin1String("path")) {
            // The helper reads files through descriptors we open, as us.
            if (refusedOverHost(QStringLiteral("template option --%1").arg(arg)))
                return false;
            const int fd = ::open(QFile::encodeName(value).constData(), O_RDONLY | O_CLOEXEC);
            if (fd < 0) {
                fail(QStringLiteral("template option --%1: cannot open \"%2\": %3").arg(arg, value,
                                                                                        QString::fromLocal8Bit(std::strerror(errno))));
                return false;
            }
            out->insert(arg, QVariant::fromValue(QDBusUnixFileDescriptor(fd)));
            ::close(fd);
        } else if (type == QLatin1String("secret")) {
            // A secret never goes on a command line, where ps shows it: its
            // value names a file holding it, or "-" for standard input; the
            // first line counts.
            QFile f;
            const bool opened = value == QLatin1String("-") ? f.open(stdin, QIODevice::ReadOnly)
                                                            : (f.setFileName(value), f.open(QIODevice::ReadOnly));
            if (!opened) {
                fail(QStringLiteral("template option --%1: cannot read \"%2\": %3").arg(arg, value, f.errorString()));
                return false;
            }
            QByteArray secret = f.readLine(4096);
            while (secret.endsWith('\n') || secret.endsWith('\r'))
                secret.chop(1);
            out->insert(arg, QString::fromUtf8(secret));
        } else {
            out->insert(arg, value);
        }
    }
    return true;
}

// The config lines `create` adds (lxc-create's default.conf): KEY = VALUE
// pairs in order; comments and blank lines skipped.
bool readDefaultConfig(const QString &file, QList<QPair<QString, QString>> *items)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "hutchctl: cannot read %s: %s\n", qPrintable(file), qPrintable(f.errorString()));
        return false;
    }
    int number = 0;
    for (const QByteArray &raw : f.readAll().split('\n')) {
        ++number;
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            std::fprintf(stderr, "hutchctl: %s:%d: not KEY = VALUE\n", qPrintable(file), number);
            return false;
        }
        items->append({line.left(eq).trimmed(), line.mid(eq + 1).trimmed()});
    }
    return true;
}

}  // namespace

int create(const QStringList &args)
{
    // Everything after "--" belongs to the template.
    const qsizetype dashes = args.indexOf(opt("--"));
    const QStringList own = dashes < 0 ? args : args.mid(0, dashes);
    const QStringList forTemplate = dashes < 0 ? QStringList() : args.mid(dashes + 1);
    QCommandLineParser p;
    const QCommandLineOption templ({opt("t"), opt("template")}, opt("The template (see hutchctl templates)."), opt("TEMPLATE"));
    const QCommandLineOption backing({opt("B"), opt("bdev")}, opt("Backing store: best (default), dir, btrfs or lvm."),
                                     opt("BACKEND"));
    const QCommandLineOption config({opt("f"), opt("config")},
                                    opt("Config lines to add instead of /etc/hutch/default.conf (/dev/null: none)."),
                                    opt("FILE"));
    const QCommandLineOption bindUser({opt("b"), opt("bind-user")},
                                      opt("Bind host USER into the container: account, sudo, home mounted at start."),
                                      opt("USER"));
    const QCommandLineOption sshKey({opt("S"), opt("ssh-key")}, opt("Add this public key to root's authorized_keys."),
                                    opt("KEY.pub"));
    const QCommandLineOption userData({opt("u"), opt("user-data")}, opt("cloud-init user data, as a NoCloud seed."),
                                      opt("FILE"));
    const QCommandLineOption privileged(opt("privileged"),
                                        opt("A privileged container: root inside is root on the host (no user namespace). "
                                            "Needs the configure-privileged action."));
    p.addOptions({templ, backing, config, bindUser, sshKey, userData, privileged});
    int status = 0;
    if (!parseArgs(p, own, opt("create NAME -t TEMPLATE [-B BACKEND] [-f FILE] [-b USER] [-S KEY.pub] [-u USER-DATA] "
                               "[--privileged] [-- TEMPLATE-OPTIONS]"),
                   opt("Create a container from a template (lxc-create). Template options: hutchctl templates."),
                   1, 1, &status))
        return status;
    if (!p.isSet(templ)) {
        std::fprintf(stderr, "hutchctl: create needs a template (-t busybox)\n");
        return Usage;
    }
    auto helper = connectHelper();
    if (!helper)
        return Failure;
    QVariantMap options;
    if (!templateOptions(*helper, p.value(templ), forTemplate, &options))
        return Failure;
    // As lxc-create: the default config gives a new container its network
    // (a veth on the default bridge); a missing default file adds nothing.
    QList<QPair<QString, QString>> extra;
    const QString defaults = qEnvironmentVariable("HUTCH_DEFAULT_CONFIG", opt("/etc/hutch/default.conf"));
    const QString file = p.isSet(config) ? p.value(config) : defaults;
    if ((p.isSet(config) || QFile::exists(file)) && !readDefaultConfig(file, &extra))
        return Failure;
    const QString name = p.positionalArguments().at(0);
    QVariantMap createOptions;
    if (p.isSet(backing))
        createOptions.insert(opt("backing_store"), p.value(backing));
    if (p.isSet(bindUser))
        createOptions.insert(opt("bind_user"), p.value(bindUser));
    if (p.isSet(privileged))
        createOptions.insert(opt("privileged"), true);
    // Files are opened here, as the user, and passed as descriptors.
    for (const auto &[option, key] : {std::pair{&sshKey, "ssh_key"}, std::pair{&userData, "user_data"}}) {
        if (!p.isSet(*option))
            continue;
        if (refusedOverHost(QStringLiteral("--") + option->names().constLast()))
            return Failure;
        const int fd = ::open(QFile::encodeName(p.value(*option)).constData(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return fail(QStringLiteral("cannot open %1: %2").arg(p.value(*option), QString::fromLocal8Bit(std::strerror(errno))));
        createOptions.insert(opt(key), QVariant::fromValue(QDBusUnixFileDescriptor(fd)));
        ::close(fd);
    }
    const int made = runJob(*helper, [&] {
        return helper->CreateContainer(name, p.value(templ), options, createOptions);
    });
    if (made != Ok)
        return made;
    for (const auto &[key, value] : std::as_const(extra)) {
        auto reply = helper->SetConfigItem(name, key, value, {{opt("mode"), opt("set")}});
        if (!finished(reply)) {
            std::fprintf(stderr, "hutchctl: \"%s\" was created, but %s = %s was not set\n", qPrintable(name),
                         qPrintable(key), qPrintable(value));
            return Failure;
        }
    }
    return Ok;
}

int clone(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption snapshot({opt("s"), opt("snapshot")}, opt("A copy-on-write snapshot (needs btrfs or overlay)."));
    p.addOption(snapshot);
    int status = 0;
    if (!parseArgs(p, args, opt("clone SOURCE NEWNAME [--snapshot]"), opt("Copy a stopped container (lxc-copy)."), 2, 2,
                   &status))
        return status;
    auto helper = connectHelper();
    if (!helper)
        return Failure;
    const QStringList pos = p.positionalArguments();
    return runJob(*helper, [&] {
        return helper->CloneContainer(pos.at(0), pos.at(1), {{opt("snapshot"), p.isSet(snapshot)}});
    });
}

int destroy(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption force({opt("f"), opt("force")}, opt("Stop the container first if it runs."));
    p.addOption(force);
    int status = 0;
    if (!parseArgs(p, args, opt("destroy NAME [--force]"), opt("Destroy a container and everything in it (lxc-destroy)."),
                   1, 1, &status))
        return status;
    auto helper = connectHelper();
    if (!helper)
        return Failure;
    const QString name = p.positionalArguments().at(0);
    return runJob(*helper, [&] { return helper->DestroyContainer(name, {{opt("force"), p.isSet(force)}}); });
}

int snapshot(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption comment({opt("c"), opt("comment")}, opt("A comment kept with the new snapshot."), opt("TEXT"));
    const QCommandLineOption list({opt("L"), opt("list")}, opt("List the snapshots (with --comments, their comments)."));
    const QCommandLineOption comments({opt("C"), opt("comments")}, opt("With --list: show each snapshot's comment."));
    const QCommandLineOption restore({opt("r"), opt("restore")}, opt("Put SNAPSHOT's rootfs and config back."), opt("SNAPSHOT"));
    const QCommandLineOption destroy({opt("d"), opt("destroy")}, opt("Delete SNAPSHOT."), opt("SNAPSHOT"));
    p.addOptions({comment, list, comments, restore, destroy});
    int status = 0;
    if (!parseArgs(p, args, opt("snapshot NAME [-c COMMENT] | NAME --list [--comments] | NAME --restore SNAP | NAME --destroy SNAP"),
                   opt("Snapshots of a stopped container (lxc-snapshot)."), 1, 1, &status))
        return status;
    if (int(p.isSet(list)) + int(p.isSet(restore)) + int(p.isSet(destroy)) > 1)
        return fail(QStringLiteral("--list, --restore and --destroy go one at a time"));
    auto helper = connectHelper();
    if (!helper)
        return Failure;
    const QString name = p.positionalArguments().at(0);
    if (p.isSet(list)) {
        auto reply = helper->ListSnapshots(name, {});
        if (!finished(reply))
            return Failure;
        for (const QVariantMap &s : reply.value()) {
            std::printf("%s %s\n", qPrintable(s.value(opt("name")).toString()), qPrintable(s.value(opt("timestamp")).toString()));
            if (p.isSet(comments) && !s.value(opt("comment")).toString().isEmpty())
                std::printf("    %s\n", qPrintable(s.value(opt("comment")).toString().replace(QLatin1Char('\n'), opt("\n    "))));
        }
        return Ok;
    }
    if (p.isSet(destroy)) {
        auto reply = helper->DeleteSnapshot(name, p.value(destroy), {});
        return finished(reply) ? Ok : Failure;
    }
    if (p.isSet(restore))
        return runJob(*helper, [&] { return helper->RestoreSnapshot(name, p.value(restore), {}); });
    if (const int made = runJob(*helper, [&] { return helper->CreateSnapshot(name, p.value(comment), {}); }); made != Ok)
        return made;
    // The new one is the last: its name, for scripts.
    auto reply = helper->ListSnapshots(name, {});
    if (finished(reply) && !reply.value().isEmpty())
        std::printf("%s\n", qPrintable(reply.value().constLast().value(opt("name")).toString()));
    return Ok;
}

namespace {

// export --libvirt: the config as the helper has it, turned into a
// domain here (core/libvirtxml.h); what libvirt has no place for is said.
int exportLibvirt(const QString &name, const QString &file)
{
    auto helper = connectHelper();
    if (!helper)
        return Failure;
    auto reply = helper->GetConfigText(name, {});
    if (!finished(reply))
        return Failure;
    const LoadResult loaded = loadConfigBytes(reply.value().toUtf8(), opt("config"), QString());
    if (auto err = loaded.firstError())
        return fail(err->wrap(QStringLiteral("config of \"%1\"").arg(name)));
    auto domain = libvirtDomain(name, loaded.config);
    if (!domain)
        return fail(domain.error());
    if (auto err = writeFileAtomically(file, domain->xml, 0644))
        return fail(*err);
    for (const QString &line : std::as_const(domain->notCarried))
        std::fprintf(stderr, "hutchctl: not carried over: %s\n", qPrintable(line));
    return Ok;
}

}  // namespace

int exportArchive(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption libvirt(opt("libvirt"), opt("Write NAME as a libvirt-lxc domain (XML) instead."),
                                     opt("FILE.xml"));
    const QCommandLineOption compression(opt("compression"), opt("xz, gz, zst or none (default: from FILE's name)."),
                                         opt("KIND"));
    p.addOptions({libvirt, compression});
    int status = 0;
    if (!parseArgs(p, args, opt("export NAME FILE [--compression KIND] | NAME --libvirt FILE.xml"),
                   opt("Write a stopped container to one archive (config, files, rootfs with owners, xattrs, "
                       "device nodes); FILE ends in .tar, .tar.gz, .tar.xz or .tar.zst, or is - (standard output, "
                       "with --compression). With --libvirt, "
                       "write its config as a libvirt-lxc domain (virsh -c lxc:/// define FILE.xml)."),
                   1, 2, &status))
        return status;
    if (p.isSet(libvirt)) {
        if (p.positionalArguments().size() != 1)
            return fail(QStringLiteral("--libvirt takes only NAME"));
        return exportLibvirt(p.positionalArguments().at(0), p.value(libvirt));
    }
    if (p.positionalArguments().size() != 2)
        return fail(QStringLiteral("export needs NAME and FILE"));
    const QString name = p.positionalArguments().at(0), file = p.positionalArguments().at(1);
    QString kind = p.value(compression);
    for (const auto &[suffix, k] : {std::pair{".tar.xz", "xz"}, std::pair{".tar.gz", "gz"},
                                    std::pair{".tar.zst", "zst"}, std::pair{".tar", "none"}})
        if (kind.isEmpty() && file.endsWith(QLatin1String(suffix)))
            kind = QLatin1String(k);
    if (kind.isEmpty() && file == QLatin1String("-"))
        kind = opt("none");
    if (kind.isEmpty())
        return fail(QStringLiteral("%1: the name must end in .tar, .tar.gz, .tar.xz or .tar.zst").arg(file));
    auto helper = connectHelper();
    if (!helper)
        return Failure;
    if (file == QLatin1String("-")) {
        // The helper's tar writes straight into our standard output.
        g_cancelOnHangup = true;
        if (!streamable(STDOUT_FILENO))
            return fail(QStringLiteral("standard output must be a file, a pipe or a socket"));
        const QDBusUnixFileDescriptor out(STDOUT_FILENO);
        return runJob(*helper, [&] { return helper->ExportContainer(name, out, {{opt("compression"), kind}}); });
    }
    // Opened here, as the user: the helper writes only into this file.
    const int fd = ::open(QFile::encodeName(file).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        return fail(QStringLiteral("cannot create %1: %2").arg(file, QString::fromLocal8Bit(std::strerror(errno))));
    const QDBusUnixFileDescriptor out(fd);
    ::close(fd);  // QDBusUnixFileDescriptor holds its own copy
    const int result = runJob(*helper, [&] { return helper->ExportContainer(name, out, {{opt("compression"), kind}}); });
    if (result != Ok)
        ::unlink(QFile::encodeName(file).constData());  // ours, and incomplete
    return result;
}

int importArchive(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption newName({opt("n"), opt("name")}, opt("Import under NEWNAME (a new hostname and MACs)."), opt("NEWNAME"));
    const QCommandLineOption backing({opt("B"), opt("backingstore")}, opt("dir, btrfs, lvm or best (default)."), opt("BACKEND"));
    const QCommandLineOption compression(opt("compression"),
                                         opt("The compression of a stream on standard input: xz, gz, zst or none "
                                             "(default: told by its first bytes)."),
                                         opt("KIND"));
    p.addOptions({newName, backing, compression});
    int status = 0;
    if (!parseArgs(p, args, opt("import FILE [--name NEWNAME] [-B BACKEND] [--compression KIND]"),
                   opt("Make a container from an archive hutchctl export wrote (FILE - reads standard input)."), 1, 1, &status))
        return status;
    const QString file = p.positionalArguments().at(0);
    auto helper = connectHelper();
    if (!helper)
        return Failure;
    int fd = -1;
    QString kind = p.value(compression);
    if (file == QLatin1String("-")) {
        // Standard input goes to the helper as it is (it reads it as a
        // stream); a stream of unsaid compression through sniffStandardInput.
        g_cancelOnHangup = true;
        struct stat st {};
        if (!streamable(STDIN_FILENO))
            return fail(QStringLiteral("standard input must be a file, a pipe or a socket"));
        const bool regular = ::fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode);
        if (regular || !kind.isEmpty()) {
            fd = ::dup(STDIN_FILENO);
        } else {
            fd = sniffStandardInput(&kind);
            // An exporter that failed before writing (a copy between hosts cut short).
            if (fd < 0 && errno == 0)
                return fail(QStringLiteral("no archive on standard input"));
        }
    } else {
        fd = ::open(QFile::encodeName(file).constData(), O_RDONLY | O_CLOEXEC);
    }
    if (fd < 0)
        return fail(QStringLiteral("cannot read %1: %2").arg(file, QString::fromLocal8Bit(std::strerror(errno))));
    const QDBusUnixFileDescriptor in(fd);
    ::close(fd);
    QVariantMap options;
    if (p.isSet(newName))
        options.insert(opt("name"), p.value(newName));
    if (p.isSet(backing))
        options.insert(opt("backing_store"), p.value(backing));
    if (!kind.isEmpty())
        options.insert(opt("compression"), kind);
    QString last;
    const int result = runJob(*helper, [&] { return helper->ImportContainer(in, options); }, &last);
    if (result == Ok && last.startsWith(QLatin1String("imported as ")))
        std::printf("%s\n", qPrintable(last.mid(12)));
    return result;
}

void JobWatcher::onProgress(const QDBusObjectPath &job, double value)
{
    if (job.path() != path)
        return;
    progress = value;
    Q_EMIT changed();
}

void JobWatcher::onFinished(const QDBusObjectPath &job, bool ok, const QString &error, const QString &message)
{
    if (job.path() != path || done)
        return;
    done = true;
    success = ok;
    errorName = error;
    errorMessage = message;
    if (ok)
        progress = 1;
    Q_EMIT changed();
}

void JobWatcher::onLog(const QString &line)
{
    lastLine = line;
    Q_EMIT changed();
}

}  // namespace hutch::cli
