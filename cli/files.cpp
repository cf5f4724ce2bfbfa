// hutchctl file push SRC... NAME/PATH and hutchctl file pull NAME/PATH DEST
// (incus file push/pull): the files travel through a pipe whose other end
// the helper gets (PushFile, PullFile), in the stream of core/filestream.h;
// hutchctl reads and writes the user's files as the user, the helper those
// of the container. What comes back from the container is checked entry
// by entry and made without following a symlink (core/filetree.h).
#include "commands.h"

#include "common.h"
#include "filetree.h"
#include "uniquefd.h"

#include <QDBusUnixFileDescriptor>
#include <QFile>
#include <QDir>
#include <QFileInfo>

#include <atomic>
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
// helper's end as a descriptor for the call.
struct Pipe {
    UniqueFd ours;
    QDBusUnixFileDescriptor theirs;
};
std::optional<Pipe> makePipe(bool weWrite)
{
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) < 0)
        return std::nullopt;
    UniqueFd readEnd(fds[0]), writeEnd(fds[1]);
    Pipe p;
    p.ours = weWrite ? std::move(writeEnd) : std::move(readEnd);
    p.theirs = QDBusUnixFileDescriptor(weWrite ? readEnd.get() : writeEnd.get());  // a copy; ours closes
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

int push(Helper1Proxy &helper, const QString &source, const Target &target, const QVariantMap &options,
         bool recursive)
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
    QVariantMap withSize = options;
    withSize.insert(opt("size"), qulonglong(files::measure(fd.get(), pack)));
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
    const int result = runJob(helper, [&] { return helper.PushFile(target.name, target.path, pipe->theirs, withSize); });
    stop = result != Ok;
    writer.join();
    if (written && written->code != Error::Code::Cancelled)
        return fail(written->wrap(QStringLiteral("push %1").arg(source)));
    return result;
}

int pull(Helper1Proxy &helper, const Target &source, const QString &dest, bool recursive, bool parents)
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
    const QVariantMap options{{opt("recursive"), recursive}};
    const int result = runJob(helper, [&] { return helper.PullFile(source.name, source.path, pipe->theirs, options); });
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
    p.addOptions({recursive, parents, uid, gid, mode});
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
    if (!parseArgs(p, rest, synopsis, about, 2, isPush ? -1 : 2, &status))
        return status;
    const QStringList pos = p.positionalArguments();
    auto helper = connectHelper();
    if (!helper)
        return Failure;
    std::signal(SIGPIPE, SIG_IGN);  // a helper that stops reading is an error, not a death
    if (isPull) {
        const auto source = splitTarget(pos.at(0));
        if (!source)
            return fail(QStringLiteral("%1: expected NAME/PATH").arg(pos.at(0)));
        return pull(*helper, *source, pos.at(1), p.isSet(recursive), p.isSet(parents));
    }
    auto target = splitTarget(pos.last());
    if (!target)
        return fail(QStringLiteral("%1: expected NAME/PATH").arg(pos.last()));
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
    }
    const QStringList sources = pos.mid(0, pos.size() - 1);
    // Several sources go into a directory, as with cp.
    if (sources.size() > 1 && !target->path.endsWith(QLatin1Char('/')))
        target->path += QLatin1Char('/');
    for (const QString &source : sources) {
        Target one = *target;
        if (one.path.endsWith(QLatin1Char('/')))
            one.path += QFileInfo(QFileInfo(source).absoluteFilePath()).fileName();
        if (const int r = push(*helper, source, one, options, p.isSet(recursive)); r != Ok)
            return r;
    }
    return Ok;
}

}  // namespace hutch::cli
