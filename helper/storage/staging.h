// Building in staging: a new container (or snapshot) is made in a
// dot-directory beside its final place, STORE/.staging-NAME-XXXXXX, and
// renamed into place with RENAME_NOREPLACE only when complete and synced.
// A failure, a cancel or a crash leaves at most a dot-directory, which
// Store::list never shows and sweepLeftovers removes at the helper's start.
// Doomed containers go the other way: renamed to STORE/.destroy-NAME-XXXXXX
// first, so their name disappears at once, then removed.
#pragma once

#include "backend.h"
#include "error.h"
#include "uniquefd.h"

#include <QString>
#include <QStringList>

#include <memory>

namespace hutch::storage {

class Staging {
public:
    // Creates PARENT/.staging-NAME-XXXXXX (0700 while it is built); PARENT
    // is made if missing.
    static Result<Staging> create(const QString &parentDir, const QString &name);
    Staging(Staging &&other) noexcept;
    Staging &operator=(Staging &&) = delete;
    Staging(const Staging &) = delete;
    ~Staging();  // removes the directory unless committed

    const QString &path() const { return m_path; }
    int fd() const { return m_fd.get(); }

    // Sets the final mode, syncs, renames to PARENT/FINALNAME without
    // replacing anything (Conflict if it exists), syncs the parent.
    Status commit(const QString &finalName, mode_t mode = 0700);
    // Removes the directory now (anything mounted in it is detached first).
    Status discard();

private:
    Staging() = default;

    UniqueFd m_parentFd, m_fd;
    QString m_parent, m_path;
    QByteArray m_dirName;
    bool m_done = false;
};

// Renames PARENT/NAME to PARENT/.destroy-NAME-XXXXXX and returns the new
// path: the name is free at once, the removal can take its time.
Result<QString> moveAsideForRemoval(const QString &parentDir, const QString &name);

// Removes what a killed helper left: STORE/.staging-* and STORE/.destroy-*,
// and the same inside each container (snaps/.staging-*, .restore-*), with
// anything mounted in them detached first. Returns one line per directory
// removed, or why it could not be. Call it at the helper's start only: a
// job that is building would lose its staging directory.
QStringList sweepLeftovers(const QString &storePath);

// The start of a new container (an image build, an import): its staging
// directory, and in it the backend's new, empty rootfs to fill.
struct NewRootfs {
    Staging staging;
    BackendKind kind;
    std::unique_ptr<Backend> backend;
    Backend::Created created;

    static Result<NewRootfs> begin(const QString &storePath, const QString &name, const QString &finalDir,
                                   BackendKind kind);
    // On a failure: the backend's part undone (an LVM volume is removed;
    // the staging directory goes with `staging`); returns `e`.
    Error drop(const Error &e);
};

}  // namespace hutch::storage
