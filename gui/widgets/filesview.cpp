#include "filesview.h"

#include "client.h"
#include "filetransfers.h"
#include "helperconnection.h"
#include "modal.h"

#include <QDBusPendingReply>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace hutch;

namespace {

enum Column { NameColumn, SizeColumn, ModeColumn, OwnerColumn };
constexpr int kTypeRole = Qt::UserRole + 1;

QString joined(const QString &directory, const QString &name)
{
    return (directory.endsWith(QLatin1Char('/')) ? directory : directory + QLatin1Char('/')) + name;
}

QString modeText(const QString &type, uint mode)
{
    static const char bits[] = "rwxrwxrwx";
    QString out = type == QLatin1String("directory") ? QStringLiteral("d")
                  : type == QLatin1String("symlink") ? QStringLiteral("l") : QStringLiteral("-");
    for (int i = 0; i < 9; ++i)
        out += (mode & (0400u >> i)) ? QLatin1Char(bits[i]) : QLatin1Char('-');
    return out;
}

}  // namespace

FilesView::FilesView(HelperConnection *connection, FileTransfers *transfers, QWidget *parent)
    : QWidget(parent), m_connection(connection), m_transfers(transfers)
{
    m_path = new QLineEdit(this);
    m_path->setObjectName(QStringLiteral("filesPath"));
    m_up = new QPushButton(style()->standardIcon(QStyle::SP_FileDialogToParent), QString(), this);
    m_up->setObjectName(QStringLiteral("filesUp"));
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("filesList"));
    m_list->setRootIsDecorated(false);
    m_list->setColumnCount(4);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->header()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_upload = new QPushButton(this);
    m_upload->setObjectName(QStringLiteral("filesUpload"));
    m_download = new QPushButton(this);
    m_download->setObjectName(QStringLiteral("filesDownload"));
    m_newFolder = new QPushButton(this);
    m_newFolder->setObjectName(QStringLiteral("filesNewFolder"));
    m_delete = new QPushButton(this);
    m_delete->setObjectName(QStringLiteral("filesDelete"));

    auto *top = new QHBoxLayout;
    top->addWidget(m_up);
    top->addWidget(m_path, 1);
    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {m_upload, m_download, m_newFolder, m_delete})
        buttons->addWidget(b);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);

    connect(m_path, &QLineEdit::returnPressed, this, [this] { open(m_path->text()); });
    connect(m_up, &QPushButton::clicked, this, [this] {
        const qsizetype slash = m_directory.lastIndexOf(QLatin1Char('/'));
        open(slash <= 0 ? QStringLiteral("/") : m_directory.left(slash));
    });
    connect(m_list, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const QString type = item->data(NameColumn, kTypeRole).toString();
        if (type == QLatin1String("directory") || type == QLatin1String("symlink"))
            open(joined(m_directory, item->text(NameColumn)));
    });
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &FilesView::updateButtons);
    connect(m_upload, &QPushButton::clicked, this, &FilesView::upload);
    connect(m_download, &QPushButton::clicked, this, &FilesView::download);
    connect(m_newFolder, &QPushButton::clicked, this, &FilesView::newFolder);
    connect(m_delete, &QPushButton::clicked, this, &FilesView::deleteSelected);
    // What a push of ours brought in shows at once.
    connect(m_transfers, &FileTransfers::finished, this, [this](const QString &name, const QString &op, bool) {
        if (name == m_name && op == QLatin1String("push"))
            open(m_directory);
    });
    retranslate();
    updateButtons();
}

void FilesView::retranslate()
{
    m_list->setHeaderLabels({tr("Name"), tr("Size"), tr("Mode"), tr("Owner")});
    m_up->setToolTip(tr("Up one directory"));
    m_path->setPlaceholderText(tr("A directory in the container"));
    m_upload->setText(tr("&Upload…"));
    m_download->setText(tr("Do&wnload…"));
    m_newFolder->setText(tr("New &Folder…"));
    m_delete->setText(tr("&Delete…"));
}

void FilesView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void FilesView::updateButtons()
{
    const bool any = !m_name.isEmpty();
    for (QPushButton *b : {m_up, m_upload, m_newFolder})
        b->setEnabled(any);
    m_download->setEnabled(any && !selectedPath().isEmpty());
    m_delete->setEnabled(any && !selectedPath().isEmpty());
}

void FilesView::setContainer(const QString &name)
{
    if (name == m_name)
        return;
    m_name = name;
    m_list->clear();
    updateButtons();
    if (!name.isEmpty())
        open(QStringLiteral("/root"));
}

void FilesView::open(const QString &directory)
{
    if (m_name.isEmpty())
        return;
    QString dir = directory.trimmed();
    if (!dir.startsWith(QLatin1Char('/')))
        dir.prepend(QLatin1Char('/'));
    const quint64 generation = ++m_generation;
    m_connection->watch(
        m_connection->helper()->ListFiles(m_name, dir, {}), this,
        [this, dir, generation](const QDBusPendingCall &call) {
            if (generation != m_generation)
                return;
            const QDBusPendingReply<QList<QVariantMap>> reply = call;
            m_directory = dir;
            m_path->setText(dir);
            m_list->clear();
            for (const QVariantMap &raw : reply.value()) {
                const QVariantMap e = client::plainMap(raw);
                const QString type = e.value(QStringLiteral("type")).toString();
                auto *item = new QTreeWidgetItem(m_list);
                QString name = e.value(QStringLiteral("name")).toString();
                item->setText(NameColumn, name);
                item->setData(NameColumn, kTypeRole, type);
                item->setIcon(NameColumn, style()->standardIcon(type == QLatin1String("directory") ? QStyle::SP_DirIcon
                                                               : type == QLatin1String("symlink") ? QStyle::SP_FileLinkIcon
                                                                                                   : QStyle::SP_FileIcon));
                if (type == QLatin1String("symlink"))
                    item->setToolTip(NameColumn, tr("Link to %1").arg(e.value(QStringLiteral("target")).toString()));
                if (type == QLatin1String("file"))
                    item->setText(SizeColumn, QLocale().formattedDataSize(e.value(QStringLiteral("size")).toLongLong()));
                item->setText(ModeColumn, modeText(type, e.value(QStringLiteral("mode")).toUInt()));
                item->setText(OwnerColumn, QStringLiteral("%1:%2").arg(e.value(QStringLiteral("uid")).toUInt())
                                               .arg(e.value(QStringLiteral("gid")).toUInt()));
            }
            updateButtons();
            Q_EMIT listed(dir);
        },
        [this, dir](const QString &message, bool refused) {
            Q_EMIT error(refused ? message : tr("Could not list \"%1\": %2").arg(dir, message), refused);
        });
}

QString FilesView::selectedPath() const
{
    const QList<QTreeWidgetItem *> items = m_list->selectedItems();
    return items.isEmpty() ? QString() : joined(m_directory, items.first()->text(NameColumn));
}

void FilesView::upload()
{
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Upload into %1").arg(m_directory));
    if (!files.isEmpty())
        m_transfers->push(m_name, files, m_directory);
}

void FilesView::download()
{
    const QString path = selectedPath();
    if (path.isEmpty())
        return;
    const QString into = QFileDialog::getExistingDirectory(this, tr("Download \"%1\" into").arg(path));
    if (!into.isEmpty())
        m_transfers->pull(m_name, path, into);
}

void FilesView::newFolder()
{
    QInputDialog dialog(this);
    dialog.setObjectName(QStringLiteral("newFolderDialog"));
    dialog.setWindowTitle(tr("New Folder"));
    dialog.setLabelText(tr("Name of the new folder in %1:").arg(m_directory));
    const bool ok = runModal(dialog) == QDialog::Accepted;
    const QString name = dialog.textValue();
    if (!ok || name.isEmpty())
        return;
    if (name.contains(QLatin1Char('/')) || name == QLatin1String(".") || name == QLatin1String("..")) {
        Q_EMIT error(tr("A folder name cannot hold \"/\" or be \".\" or \"..\"."), false);
        return;
    }
    const QString path = joined(m_directory, name);
    m_connection->watch(
        m_connection->helper()->MakeDirectory(m_name, path, {}), this, [this](const QDBusPendingCall &) { open(m_directory); },
        [this, path](const QString &message, bool refused) {
            Q_EMIT error(refused ? message : tr("Could not make \"%1\": %2").arg(path, message), refused);
        });
}

void FilesView::deleteSelected()
{
    const QString path = selectedPath();
    if (path.isEmpty())
        return;
    QMessageBox box(QMessageBox::Warning, tr("Delete"),
                    tr("Delete \"%1\" in \"%2\", with everything in it if it is a folder?").arg(path, m_name),
                    QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("deleteFileConfirmation"));
    QPushButton *yes = box.addButton(tr("Delete"), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    runModal(box);
    if (box.clickedButton() != yes)
        return;
    m_connection->watch(
        m_connection->helper()->DeleteFile(m_name, path, {{QStringLiteral("recursive"), true}}), this,
        [this](const QDBusPendingCall &) { open(m_directory); },
        [this, path](const QString &message, bool refused) {
            Q_EMIT error(refused ? message : tr("Could not delete \"%1\": %2").arg(path, message), refused);
        });
}
