// An archive read as a stream and extracted as it comes, with no copy of
// it anywhere: a pipe or socket the caller passed (a copy between hosts:
// the other helper's tar at the far end), or a regular file from its
// start. A decompressor, when there is one, reads the caller's descriptor
// itself; the helper reads the tar stream, feeds every byte to the
// TarScanner and checks each member it completes (TarMemberRules) before
// any byte of the piece that holds it goes on to tar, which extracts from
// a socket of ours. Only what is checked reaches tar, and tar stops at the
// end blocks the scanner saw; a stream that ends before them (the far side
// killed) is an error, never a shorter archive.
//
// Helper process (root), a job thread; the children are killed when the
// stream goes away.
#pragma once

#include "backend.h"
#include "error.h"
#include "tarscan.h"
#include "uniquefd.h"

#include <QByteArrayList>
#include <QProcess>

#include <atomic>
#include <functional>
#include <memory>

namespace hutch::storage {

class ArchiveStream {
public:
    // `fd`: the caller's descriptor (not owned; a file is read from its
    // start); every member through `rules`, then `alsoCheck` (may be
    // empty); `capture` as for TarScanner.
    ArchiveStream(int fd, TarMemberRules rules, const QStringList &capture,
                  std::function<Status(const TarMember &)> alsoCheck, const std::atomic_bool *cancel);
    ~ArchiveStream();
    ArchiveStream(const ArchiveStream &) = delete;
    ArchiveStream &operator=(const ArchiveStream &) = delete;

    // `compression`: xz, gz, zst or none.
    Status start(const QString &compression);
    // Reads, holding the bytes, until every captured name has been taken
    // (or the stream ends); refused when they are not in its first 64 MiB.
    Status readHead();
    const TarScanner &scanner() const { return m_scanner; }
    // tar --extract into `directory` (extra arguments `tarArgs`): what was
    // held, then the rest of the stream to its end blocks; waits for tar.
    // On a failure tar and the decompressor have ended when it returns, so
    // that nothing writes into `directory` while the caller removes it.
    Status extractInto(const QString &directory, const QStringList &tarArgs, const Progress &progress);

private:
    // The next piece of the tar stream (empty at its end), waiting for
    // cancel or data; the children's messages collected meanwhile.
    Status read(QByteArray *piece);
    // The piece through the scanner and the new members through the rules.
    Status check(const QByteArray &piece);
    Status writeToTar(const QByteArray &piece);
    Status extract(const QString &directory, const QStringList &tarArgs, const Progress &progress);
    void collectMessages();
    QString messages() const;
    void killChildren();

    int m_fd;
    const std::atomic_bool *m_cancel;
    TarScanner m_scanner;
    TarMemberRules m_rules;
    std::function<Status(const TarMember &)> m_alsoCheck;
    QStringList m_capture;
    qsizetype m_checked = 0;  // members of m_scanner through m_rules
    QByteArrayList m_held;
    qint64 m_heldBytes = 0, m_read = 0;
    bool m_eof = false;
    UniqueFd m_source;       // the decompressor's output, when there is one
    UniqueFd m_errors;       // the children's standard error
    UniqueFd m_errorsWrite;  // its other end, until the children hold it
    UniqueFd m_tarInput;     // our end of tar's standard input
    std::unique_ptr<QProcess> m_decompressor, m_tar;
    QString m_decompressorName;
    QByteArray m_messages;
};

}  // namespace hutch::storage
