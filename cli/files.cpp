// hutchctl file push SRC... NAME/PATH and hutchctl file pull NAME/PATH DEST
// (incus file push/pull): the files travel through a pipe whose other end
// the helper gets (PushFile, PullFile), in the stream of core/filestream.h;
// hutchctl reads and writes the user's files as the user, the helper those
// of the container. What comes back from the container is checked entry
// by entry and made without following a symlink (core/filetree.h).
//
// With --host the pipe's other end is ssh (a descriptor cannot cross the
// bus bridge): this hutchctl packs or unpacks the user's files here, and
// `hutchctl file push|pull --stream` on the remote host hands its standard
// input or output, the ssh session's pipe, to its helper as it is. The
// remote helper checks a pushed stream as it checks any; a pulled one is
// checked here.
#include "commands.h"

#include "common.h"
#include "filetree.h"
#include "remote.h"
#include "uniquefd.h"

#include <QDBusUnixFileDescriptor>
#include <QFile>
#include <QDir>
#include <QFileInfo>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace hutch::cli {

namespace {

QString opt(const char *name) { return QString::fromLatin1(name); }

struct Target {
    QString name, path;
};

// "NAME/PATH" → NAME and "/PATH".
std::optional<Target> splitTarget(const QString &text)
{
    const qsizetype slash = text.indexOf(QLatin1Char('/'));
    if (slash <= 0)
        return std::nullopt;
    return Target{text.left(slash), text.mid(slash)};
}

QString systemError(const QString &what)
{
    return what + QStringLiteral(": ") + QString::fromLocal8Bit(std::strerror(errno));
}

// A pipe: our end non-blocking (the stream's channel polls it), the
// other end for the helper's call or for ssh.
struct Pipe {
    UniqueFd ours, theirs;
};
std::optional<Pipe> makePipe(bool weWrite)
{
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) < 0)
        return std::nullopt;
    UniqueFd readEnd(fds[0]), writeEnd(fds[1]);
    Pipe p;
    p.ours = weWrite ? std::move(writeEnd) : std::move(readEnd);
    p.theirs = weWrite ? std::move(readEnd) : std::move(writeEnd);
    ::fcntl(p.ours.get(), F_SETFL, ::fcntl(p.ours.get(), F_GETFL) | O_NONBLOCK);
    return p;
}

Result<quint32> parseNumber(const QString &text, int base, quint32 max, const QString &what)
{
    bool ok = false;
    const uint v = text.toUInt(&ok, base);
    if (!ok || v > max)
        return Error::invalid(QStringLiteral("%1 \"%2\" is not valid").arg(what, text));
    return quint32(v);
}

// The far side of a push or a pull: given the pipe's other end (and a
// push's size in bytes), runs the helper's job or the remote hutchctl to
// its end; its exit status.
using FarSide = std::function<int(UniqueFd theirs, quint64 size)>;

int push(const QString &source, bool recursive, const FarSide &farSide)
{
    UniqueFd fd(::open(QFile::encodeName(source).constData(), O_PATH | O_CLOEXEC));
    if (!fd)
        return fail(systemError(QStringLiteral("open %1").arg(source)));
    files::PackOptions pack;
    pack.recursive = recursive;
    pack.note = [](const QString &line) { std::fprintf(stderr, "hutchctl: %s\n", qPrintable(line)); };
    struct stat st {};
    if (::fstat(fd.get(), &st) == 0 && S_ISDIR(st.st_mode) && !recursive)
        return fail(QStringLiteral("%1 is a directory (push it with -r)").arg(source));
    QByteArray top = QFile::encodeName(QFileInfo(source).fileName());
    if (top.isEmpty() || top == "." || top == "..")
        top = QFile::encodeName(QFileInfo(QFileInfo(source).absoluteFilePath()).fileName());
    auto pipe = makePipe(true);
    if (!pipe)
        return fail(systemError(QStringLiteral("make a pipe")));
    const quint64 size = files::measure(fd.get(), pack);
    std::atomic_bool stop = false;
    Status written;
    std::thread writer([&] {
        files::Channel channel(pipe->ours.get(), &stop);
        files::Writer w(channel);
        written = w.begin();
        if (!written)
            written = files::pack(w, fd.get(), top, pack);
        if (!written)
            written = w.end();
        pipe->ours.reset();  // the helper reads to the end
    });
    const int result = farSide(std::move(pipe->theirs), size);
    stop = result != Ok;
    writer.join();
    if (written && written->code != Error::Code::Cancelled)
        return fail(written->wrap(QStringLiteral("push %1").arg(source)));
    return result;
}

int pull(const Target &source, const QString &dest, bool parents, const FarSide &farSide)
{
    // DEST an existing directory: the tree goes in under its own name.
    UniqueFd parent;
    QByteArray leaf;
    const QByteArray destPath = QFile::encodeName(dest);
    if (QFileInfo(dest).isDir()) {
        parent.reset(::open(destPath.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    } else {
        const QFileInfo info(dest);
        if (parents && !QFileInfo(info.absolutePath()).isDir() && !QDir().mkpath(info.absolutePath()))
            return fail(QStringLiteral("cannot make %1").arg(info.absolutePath()));
        parent.reset(::open(QFile::encodeName(info.absolutePath()).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        leaf = QFile::encodeName(info.fileName());
    }
    if (!parent)
        return fail(systemError(QStringLiteral("open the destination %1").arg(dest)));
    auto pipe = makePipe(false);
    if (!pipe)
        return fail(systemError(QStringLiteral("make a pipe")));
    files::UnpackOptions unpack;
    // As tar does: owners kept for root only, setuid bits too.
    unpack.chown = ::geteuid() == 0;
    unpack.modeMask = ::geteuid() == 0 ? 07777 : 0777;
    std::atomic_bool stop = false;
    Status read;
    std::thread reader([&] {
        files::Channel channel(pipe->ours.get(), &stop);
        files::Reader r(channel);
        read = r.begin();
        if (!read)
            read = files::unpack(r, parent.get(), leaf, unpack);
    });
    const int result = farSide(std::move(pipe->theirs), 0);
    stop = result != Ok;
    reader.join();
    if (result != Ok)
        return result;
    if (read)
        return fail(read->wrap(QStringLiteral("pull %1%2").arg(source.name, source.path)));
    return Ok;
}

}  // namespace

int file(const QStringList &args)
{
    const QString verb = args.value(1);
    const bool isPush = verb == QLatin1String("push"), isPull = verb == QLatin1String("pull");
    QCommandLineParser p;
    const QCommandLineOption recursive({opt("r"), opt("recursive")}, opt("Copy directories with their contents."));
    const QCommandLineOption parents({opt("p"), opt("create-dirs")}, opt("Make missing parent directories."));
    const QCommandLineOption uid(opt("uid"), opt("Owner in the container (push; default 0)."), opt("UID"));
    const QCommandLineOption gid(opt("gid"), opt("Group in the container (push; default 0)."), opt("GID"));
    const QCommandLineOption mode(opt("mode"), opt("Mode of the pushed files, octal (default: the source's)."), opt("MODE"));
    // The remote end of --host: the stream itself on standard input (push)
    // or output (pull), as `file` over ssh sends and reads it.
    QCommandLineOption stream(opt("stream"), opt("The file stream on standard input (push) or output (pull)."));
    QCommandLineOption size(opt("size"), opt("The pushed stream's bytes, for progress."), opt("BYTES"));
    stream.setFlags(QCommandLineOption::HiddenFromHelp);
    size.setFlags(QCommandLineOption::HiddenFromHelp);
    p.addOptions({recursive, parents, uid, gid, mode, stream, size});
    int status = 0;
    const QString synopsis = opt("file push [-r] [-p] [--uid N] [--gid N] [--mode M] SRC... NAME/PATH | "
                                 "file pull [-r] [-p] NAME/PATH DEST");
    const QString about = opt("Copy files into a container (push) or out of it (pull), running or stopped. "
                              "PATH is inside the container; what a path ending in '/' or an existing directory "
                              "names receives the files under their own names.");
    if (!isPush && !isPull) {
        if (!parseArgs(p, args, synopsis, about, 1, -1, &status))
            return status;
        return fail(opt("file: say push or pull"));
    }
    QStringList rest = args;
    rest.removeAt(1);
    const bool streamed = rest.contains(opt("--stream"));
    if (!parseArgs(p, rest, synopsis, about, streamed ? 1 : 2, isPush && !streamed ? -1 : streamed ? 1 : 2, &status))
        return status;
    const QStringList pos = p.positionalArguments();
    std::signal(SIGPIPE, SIG_IGN);  // a helper that stops reading is an error, not a death
    // What a remote hutchctl is told: the options as given (checked here first).
    QStringList forwarded;
    if (p.isSet(parents))
        forwarded << opt("-p");
    if (isPull && p.isSet(recursive))
        forwarded << opt("-r");
    QVariantMap options{{opt("parents"), p.isSet(parents)}};
    const QList<std::pair<QCommandLineOption, QString>> numbers{{uid, opt("uid")}, {gid, opt("gid")}, {mode, opt("mode")}};
    for (const auto &[option, key] : numbers) {
        if (!p.isSet(option))
            continue;
        auto n = key == QLatin1String("mode") ? parseNumber(p.value(option), 8, 07777, key)
                                              : parseNumber(p.value(option), 10, 0xfffffffe, key);
        if (!n)
            return fail(n.error());
        options.insert(key, uint(*n));
        forwarded << QStringLiteral("--%1").arg(key) << p.value(option);
    }
    const auto target = splitTarget(isPull ? pos.at(0) : pos.last());
    if (!target)
        return fail(QStringLiteral("%1: expected NAME/PATH").arg(isPull ? pos.at(0) : pos.last()));

    const QString host = client::remoteHost();
    std::unique_ptr<Helper1Proxy> helper;
    if (host.isEmpty() || streamed) {
        helper = connectHelper();
        if (!helper)
            return Failure;
    }
    if (streamed) {
        // Our standard stream goes to the helper as it is: the ssh
        // session's pipe, or whatever a caller gives.
        const int fd = isPush ? STDIN_FILENO : STDOUT_FILENO;
        struct stat st {};
        if (::fstat(fd, &st) < 0 || !(S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode) || S_ISREG(st.st_mode)))
            return fail(QStringLiteral("--stream: standard %1 must be a pipe, a socket or a file").arg(isPush ? opt("input") : opt("output")));
        const QDBusUnixFileDescriptor theirs(fd);
        if (isPull)
            return runJob(*helper, [&] {
                return helper->PullFile(target->name, target->path, theirs, {{opt("recursive"), p.isSet(recursive)}});
            });
        bool ok = false;
        const qulonglong bytes = p.value(size).toULongLong(&ok);
        if (ok)
            options.insert(opt("size"), bytes);
        return runJob(*helper, [&] { return helper->PushFile(target->name, target->path, theirs, options); });
    }

    // The far side of one push or pull: this computer's helper, or
    // `hutchctl file push|pull --stream` on the remote host through ssh.
    auto farSide = [&](const Target &t) -> FarSide {
        return [&, t](UniqueFd theirs, quint64 bytes) -> int {
            if (host.isEmpty()) {
                const QDBusUnixFileDescriptor fd(theirs.get());  // a copy: ours closes now
                theirs.reset();
                if (isPull)
                    return runJob(*helper, [&] {
                        return helper->PullFile(t.name, t.path, fd, {{opt("recursive"), p.isSet(recursive)}});
                    });
                QVariantMap withSize = options;
                withSize.insert(opt("size"), qulonglong(bytes));
                return runJob(*helper, [&] { return helper->PushFile(t.name, t.path, fd, withSize); });
            }
            QStringList remote{opt("file"), verb, opt("--stream")};
            if (isPush)
                remote << opt("--size") << QString::number(bytes);
            remote << forwarded << opt("--") << t.name + t.path;
            auto argv = client::remoteHutchctl(host, remote, false, true);
            if (!argv)
                return fail(argv.error());
            return remoteStatus(runWith(*argv, isPush ? theirs.get() : -1, isPull ? theirs.get() : -1), host);
        };
    };
    if (isPull)
        return pull(*target, pos.at(1), p.isSet(parents), farSide(*target));
    const QStringList sources = pos.mid(0, pos.size() - 1);
    // Several sources go into a directory, as with cp.
    Target into = *target;
    if (sources.size() > 1 && !into.path.endsWith(QLatin1Char('/')))
        into.path += QLatin1Char('/');
    for (const QString &source : sources) {
        Target one = into;
        if (one.path.endsWith(QLatin1Char('/')))
            one.path += QFileInfo(QFileInfo(source).absoluteFilePath()).fileName();
        if (const int r = push(source, p.isSet(recursive), farSide(one)); r != Ok)
            return r;
    }
    return Ok;
}

}  // namespace hutch::cli
