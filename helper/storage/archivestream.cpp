// An archive extracted as it streams in (see archivestream.h). Helper
// process (root), a job thread.
#include "archivestream.h"
#include "fsops.h"
#include "spawnenv.h"

#include <QFile>
#include <QHash>

#include <cerrno>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hutch::storage {

namespace {

constexpr qsizetype kPiece = 1 << 20;
// What may come before the captured members (an export puts them first).
constexpr qint64 kMaxHeld = 64 << 20;
constexpr int kPollMs = 200;
// The pipes and tar's socket hold this much: fewer wake-ups of the
// reader and the writer per MiB (a pipe's 64 KiB meant one per piece).
constexpr int kBufferBytes = 1 << 20;
// What tar has written is sent to disk every so many bytes received
// (bench_remote, 1 GiB: 16 MiB left the least for the commit's syncfs
// and gave the fastest copies; none at all was 0.5-1 s slower).
constexpr qint64 kWritebackEvery = 16 << 20;

// A pipe made to hold kBufferBytes (best effort: a smaller one works, slower).
void enlargePipe(int fd)
{
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode))
        ::fcntl(fd, F_SETPIPE_SZ, kBufferBytes);
}

// Writes back what tar has extracted while the stream still comes: the
// disk works beside the network instead of after it, and the commit's
// syncfs (staging.cpp) finds little left to write (for a 1 GiB rootfs it
// was 2-3 s after the last byte had arrived). A thread of its own, as a
// syncfs waits for the disk; kick() never waits. Whether the data is on
// disk is still decided by the commit's syncfs, not by this.
class Writeback {
public:
    explicit Writeback(const QString &directory)
        : m_fd(::open(QFile::encodeName(directory).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC))
    {
        if (m_fd)
            m_thread = std::thread([this] { run(); });
    }
    ~Writeback()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_wake.notify_one();
        if (m_thread.joinable())
            m_thread.join();  // a syncfs under way ends first
    }
    Writeback(const Writeback &) = delete;
    Writeback &operator=(const Writeback &) = delete;

    void kick()
    {
        {
            std::lock_guard lock(m_mutex);
            m_pending = true;
        }
        m_wake.notify_one();
    }

private:
    void run()
    {
        std::unique_lock lock(m_mutex);
        for (;;) {
            m_wake.wait(lock, [this] { return m_pending || m_stop; });
            if (m_stop)
                return;
            m_pending = false;
            lock.unlock();
            ::syncfs(m_fd.get());  // errors: the commit's own syncfs reports them
            lock.lock();
        }
    }

    UniqueFd m_fd;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_pending = false, m_stop = false;
    std::thread m_thread;
};

// Starts `program` with its standard streams on our descriptors.
Status startWith(QProcess &p, const QString &program, const QStringList &args, int in, int out, int err)
{
    p.setProcessEnvironment(cleanEnvironment());
    p.setStandardInputFile(QProcess::nullDevice());
    p.setStandardOutputFile(QProcess::nullDevice());
    p.setStandardErrorFile(QProcess::nullDevice());
    const pid_t helper = ::getpid();
    p.setChildProcessModifier([helper, in, out, err] {
        // In the child between fork and exec, after QProcess set its own
        // streams: it ends with the helper (as endWithHelper), and ours
        // replace its streams (dup2 clears close-on-exec).
        ::prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
        if (::getppid() != helper)
            ::_exit(127);
        ::dup2(in, STDIN_FILENO);
        ::dup2(out, STDOUT_FILENO);
        ::dup2(err, STDERR_FILENO);
    });
    p.start(program, args);
    if (!p.waitForStarted())
        return Error::failed(QStringLiteral("%1: %2").arg(program, p.errorString()));
    return std::nullopt;
}

}  // namespace

ArchiveStream::ArchiveStream(int fd, TarMemberRules rules, const QStringList &capture,
                             std::function<Status(const TarMember &)> alsoCheck, const std::atomic_bool *cancel)
    : m_fd(fd), m_cancel(cancel), m_scanner(capture), m_rules(std::move(rules)), m_alsoCheck(std::move(alsoCheck)),
      m_capture(capture)
{
}

ArchiveStream::~ArchiveStream() { killChildren(); }

void ArchiveStream::killChildren()
{
    for (QProcess *p : {m_tar.get(), m_decompressor.get()})
        if (p && p->state() != QProcess::NotRunning) {
            p->kill();
            p->waitForFinished();
        }
}

Status ArchiveStream::start(const QString &compression)
{
    struct stat st {};
    if (::fstat(m_fd, &st) < 0)
        return Error::system(errno, QStringLiteral("the archive's descriptor"));
    // A file is read from its start, whatever its offset.
    if (S_ISREG(st.st_mode) && ::lseek(m_fd, 0, SEEK_SET) < 0)
        return Error::system(errno, QStringLiteral("rewind the archive"));
    enlargePipe(m_fd);
    int errors[2];
    if (::pipe2(errors, O_CLOEXEC | O_NONBLOCK) < 0)
        return Error::system(errno, QStringLiteral("pipe"));
    m_errors.reset(errors[0]);
    m_errorsWrite.reset(errors[1]);
    static const QHash<QString, QString> programs = {{QStringLiteral("xz"), QStringLiteral("xz")},
                                                     {QStringLiteral("gz"), QStringLiteral("gzip")},
                                                     {QStringLiteral("zst"), QStringLiteral("zstd")}};
    if (compression == QLatin1String("none"))
        return std::nullopt;
    if (!programs.contains(compression))
        return Error::invalid(QStringLiteral("unknown compression \"%1\" (xz, gz, zst or none)").arg(compression.left(16)));
    // The decompressor reads the caller's descriptor itself.
    int out[2];
    if (::pipe2(out, O_CLOEXEC) < 0)
        return Error::system(errno, QStringLiteral("pipe"));
    m_source.reset(out[0]);
    UniqueFd write(out[1]);
    enlargePipe(out[0]);
    m_decompressorName = programs.value(compression);
    m_decompressor = std::make_unique<QProcess>();
    return startWith(*m_decompressor, m_decompressorName, {QStringLiteral("-dc")}, m_fd, write.get(), m_errorsWrite.get());
}

void ArchiveStream::collectMessages()
{
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(m_errors.get(), buffer, sizeof buffer);
        if (n <= 0)
            return;
        if (m_messages.size() < 8192)
            m_messages.append(buffer, qsizetype(n));
    }
}

QString ArchiveStream::messages() const
{
    return QString::fromLocal8Bit(m_messages).trimmed().section(QLatin1Char('\n'), 0, 2);
}

Status ArchiveStream::read(QByteArray *piece)
{
    const int source = m_source ? m_source.get() : m_fd;
    piece->clear();
    while (!m_eof) {
        if (isCancelled(m_cancel))
            return Error::cancelled();
        pollfd fds[2] = {{source, POLLIN, 0}, {m_errors.get(), POLLIN, 0}};
        if (::poll(fds, 2, kPollMs) < 0 && errno != EINTR)
            return Error::system(errno, QStringLiteral("poll"));
        collectMessages();
        if (!(fds[0].revents & (POLLIN | POLLHUP | POLLERR)))
            continue;
        piece->resize(kPiece);
        const ssize_t n = ::read(source, piece->data(), size_t(kPiece));
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (n < 0)
            return Error::system(errno, QStringLiteral("read the archive"));
        piece->resize(qsizetype(n));
        m_eof = n == 0;
        m_read += n;
        return std::nullopt;
    }
    return std::nullopt;
}

Status ArchiveStream::check(const QByteArray &piece)
{
    if (m_scanner.ended())
        return std::nullopt;  // after the end blocks: tar does not read it either
    if (auto err = m_scanner.feed(piece.constData(), piece.size()))
        return err;
    const QList<TarMember> &members = m_scanner.members();
    for (; m_checked < members.size(); ++m_checked) {
        if (auto err = m_rules.check(members.at(m_checked)))
            return err;
        if (m_alsoCheck)
            if (auto err = m_alsoCheck(members.at(m_checked)))
                return err;
    }
    return std::nullopt;
}

Status ArchiveStream::readHead()
{
    auto complete = [&] {
        for (const QString &name : std::as_const(m_capture))
            if (!m_scanner.captured(name))
                return false;
        return true;
    };
    while (!complete() && !m_scanner.ended() && !m_eof) {
        QByteArray piece;
        if (auto err = read(&piece))
            return err;
        if (auto err = check(piece))
            return err;
        m_heldBytes += piece.size();
        m_held << std::move(piece);
        if (m_heldBytes > kMaxHeld && !complete())
            return Error::invalid(QStringLiteral("%1 are not within the stream's first %2 MiB (an export by an older "
                                                 "Hutch: import it from a file)")
                                      .arg(m_capture.join(QStringLiteral(" and ")))
                                      .arg(kMaxHeld >> 20));
    }
    return std::nullopt;
}

Status ArchiveStream::writeToTar(const QByteArray &piece)
{
    qsizetype done = 0;
    while (done < piece.size()) {
        if (isCancelled(m_cancel))
            return Error::cancelled();
        // A socket, so that a tar gone away is EPIPE here, not SIGPIPE.
        const ssize_t n = ::send(m_tarInput.get(), piece.constData() + done, size_t(piece.size() - done),
                                 MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n >= 0) {
            done += n;
            continue;
        }
        if (errno == EINTR)
            continue;
        if (errno != EAGAIN)
            return Error::system(errno, QStringLiteral("tar stopped reading (%1)").arg(messages()));
        // tar is busy: wait, reading its messages (a full stderr would stop it).
        pollfd fds[2] = {{m_tarInput.get(), POLLOUT, 0}, {m_errors.get(), POLLIN, 0}};
        ::poll(fds, 2, kPollMs);
        collectMessages();
    }
    return std::nullopt;
}

Status ArchiveStream::extractInto(const QString &directory, const QStringList &tarArgs, const Progress &progress)
{
    Status status = extract(directory, tarArgs, progress);
    // A tar left running goes on writing what its socket still holds: the
    // caller's removal of `directory` would race it (and lose, under load).
    if (status)
        killChildren();
    return status;
}

Status ArchiveStream::extract(const QString &directory, const QStringList &tarArgs, const Progress &progress)
{
    int pair[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) < 0)
        return Error::system(errno, QStringLiteral("socketpair"));
    m_tarInput.reset(pair[0]);
    UniqueFd theirs(pair[1]);
    // Root may go past wmem_max/rmem_max (best effort).
    ::setsockopt(pair[0], SOL_SOCKET, SO_SNDBUFFORCE, &kBufferBytes, sizeof kBufferBytes);
    ::setsockopt(pair[1], SOL_SOCKET, SO_RCVBUFFORCE, &kBufferBytes, sizeof kBufferBytes);
    m_tar = std::make_unique<QProcess>();
    if (auto err = startWith(*m_tar, QStringLiteral("tar"),
                             QStringList{QStringLiteral("--extract"), QStringLiteral("--file"), QStringLiteral("-"),
                                         QStringLiteral("--directory"), directory,
                                         // read in records of kBufferBytes, not of 10 KiB
                                         QStringLiteral("--record-size=%1").arg(kBufferBytes)} + tarArgs,
                             theirs.get(), m_errorsWrite.get(), m_errorsWrite.get()))
        return err;
    theirs.reset();
    m_errorsWrite.reset();  // the children hold it: the pipe ends with them

    for (const QByteArray &piece : std::as_const(m_held))
        if (auto err = writeToTar(piece))
            return err;
    m_held.clear();
    qint64 reported = m_read >> 26;
    Writeback writeback(directory);
    qint64 writtenBack = m_read;
    while (!m_scanner.ended() && !m_eof) {
        QByteArray piece;
        if (auto err = read(&piece))
            return err;
        if (auto err = check(piece))
            return err;
        if (auto err = writeToTar(piece))
            return err;
        if (m_read - writtenBack >= kWritebackEvery) {
            writtenBack = m_read;
            writeback.kick();
        }
        if (progress && (m_read >> 26) > reported) {
            reported = m_read >> 26;
            progress(QStringLiteral("received %1 MiB").arg(m_read >> 20));
        }
    }
    ::shutdown(m_tarInput.get(), SHUT_WR);
    if (auto err = m_scanner.finish())
        return err;
    if (!m_scanner.ended())
        return Error::invalid(QStringLiteral("the stream ended before the archive did (%1 MiB read%2)")
                                  .arg(m_read >> 20)
                                  .arg(messages().isEmpty() ? QString() : QStringLiteral(": ") + messages()));
    // What follows the end blocks (the sender's padding) is read and
    // dropped, so that the sender sees its stream taken to the end.
    while (!m_eof) {
        QByteArray piece;
        if (auto err = read(&piece))
            return err;
    }
    for (QProcess *p : {m_tar.get(), m_decompressor.get()}) {
        if (!p)
            continue;
        while (!p->waitForFinished(kPollMs)) {
            collectMessages();
            if (isCancelled(m_cancel))
                return Error::cancelled();
        }
        collectMessages();
        if (p->exitStatus() != QProcess::NormalExit || p->exitCode() != 0)
            return Error::failed(QStringLiteral("%1: %2").arg(p == m_tar.get() ? QStringLiteral("tar") : m_decompressorName,
                                                              messages().isEmpty() ? QStringLiteral("exit %1").arg(p->exitCode())
                                                                                   : messages()));
    }
    if (progress)
        progress(QStringLiteral("received %1 MiB").arg(m_read >> 20));
    return std::nullopt;
}

}  // namespace hutch::storage
