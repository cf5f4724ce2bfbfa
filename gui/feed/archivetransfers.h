// ArchiveTransfers: export and import of containers as archives through the
// helper (ExportContainer, ImportContainer, as jobs). The GUI opens the
// archive itself, as the desktop user, and hands the helper only the
// descriptor: the helper, root, writes or reads that one file and nothing
// the user could not. An export's file, created here, is removed again when
// its job fails, is cancelled or dies with the helper.
#pragma once

#include <QHash>
#include <QObject>
#include <QStringList>

class HelperConnection;
class QDBusObjectPath;

class ArchiveTransfers : public QObject
{
    Q_OBJECT

public:
    explicit ArchiveTransfers(HelperConnection *connection, QObject *parent = nullptr);

    // The helper's compression for FILE's suffix (".tar.xz" → "xz", ".tar"
    // → "none", as hutchctl export chooses); empty when no suffix fits.
    static QString compressionFor(const QString &file);
    // The suffix of a compression ("xz" → ".tar.xz").
    static QString suffixFor(const QString &compression);
    // The kinds of archive in the order of nameFilters(): "xz", "gz", "zst", "none".
    static QStringList compressions();
    // Save and open dialogs' name filters, one per kind, in that order.
    static QStringList nameFilters();
    // hutchctl's equivalents.
    static QString exportCommand(const QString &name, const QString &file);
    static QString importCommand(const QString &file, const QString &newName, const QString &backingStore);

    // Writes the stopped container NAME into FILE (created, or truncated
    // when it exists: the save dialog asked). COMPRESSION empty: from FILE's
    // suffix, xz when it has none of the four.
    void exportContainer(const QString &name, const QString &file, const QString &compression = QString());
    // Makes a container from the archive FILE; NEWNAME and BACKINGSTORE may
    // be empty (the archive's name; the helper's default storage).
    void importArchive(const QString &file, const QString &newName, const QString &backingStore);

    // Export files whose jobs have not ended yet (tests).
    QStringList pendingExports() const { return m_exports.values(); }

Q_SIGNALS:
    // CONTAINER: the container's name; for an import without a new name the
    // archive's file name until the job says which name it made.
    void jobStarted(const QString &path, const QString &operation, const QString &container);
    void error(const QString &message, bool refused);
    // An export job of ours ended well: FILE holds NAME.
    void exported(const QString &name, const QString &file);

private:
    void onJobFinished(const QDBusObjectPath &job, bool success, const QString &error, const QString &message);

    HelperConnection *m_connection;
    QHash<QString, QString> m_exports;  // job path → the file this GUI created for it
    QHash<QString, QString> m_exportNames;  // job path → the container exported
    // Jobs heard to end, with their outcome, in case an end is heard before
    // the reply that says which job is ours (a handful are enough).
    QList<QPair<QString, bool>> m_ended;
};
