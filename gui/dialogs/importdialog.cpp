#include "importdialog.h"

#include "archivetransfers.h"
#include "namecheck.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>

ImportDialog::ImportDialog(const QString &file, const ContainerListModel *model, QWidget *parent)
    : QDialog(parent), m_file(file), m_model(model), m_name(new QLineEdit(this)), m_problem(new QLabel(this)),
      m_storage(new QComboBox(this)), m_command(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("importDialog"));
    setWindowTitle(tr("Import \"%1\"").arg(QFileInfo(file).fileName()));
    m_name->setObjectName(QStringLiteral("importName"));
    m_name->setPlaceholderText(tr("As in the archive"));
    m_name->setAccessibleName(tr("New name"));
    m_name->setToolTip(tr("Leave empty to keep the name stored in the archive. A new name also gives the "
                          "container a new hostname and new MAC addresses, as a clone gets."));
    m_problem->setObjectName(QStringLiteral("importNameProblem"));
    m_problem->setWordWrap(true);
    m_storage->setObjectName(QStringLiteral("importStorage"));
    m_storage->setAccessibleName(tr("Storage"));
    m_storage->addItem(tr("Best available"), QStringLiteral("best"));
    m_storage->addItem(tr("Directory"), QStringLiteral("dir"));
    m_storage->addItem(tr("Btrfs subvolume"), QStringLiteral("btrfs"));
    m_storage->addItem(tr("LVM volume"), QStringLiteral("lvm"));
    m_command->setObjectName(QStringLiteral("importCommand"));
    m_command->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_command->setWordWrap(true);

    m_import = m_buttons->addButton(tr("&Import"), QDialogButtonBox::AcceptRole);
    m_import->setObjectName(QStringLiteral("importButton"));
    m_import->setDefault(true);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &ImportDialog::check);
    connect(m_storage, &QComboBox::currentIndexChanged, this, &ImportDialog::check);

    auto *archive = new QLabel(QFileInfo(file).fileName(), this);
    archive->setToolTip(file);
    auto *form = new QFormLayout(this);
    form->addRow(tr("Archive:"), archive);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(QString(), m_problem);
    form->addRow(tr("&Storage:"), m_storage);
    form->addRow(tr("Command:"), m_command);
    form->addRow(m_buttons);
    setMinimumWidth(qMax(fontMetrics().horizontalAdvance(windowTitle()) + 120, 420));
    check();
    readArchiveName();
}

ImportDialog::~ImportDialog()
{
    // Closed before tar ended: it ends unheard (its finished signal would
    // reach a dialog half destroyed).
    if (m_tar) {
        m_tar->disconnect(this);
        m_tar->kill();
        m_tar->waitForFinished(1000);
    }
}

void ImportDialog::readArchiveName()
{
    // hutch-export.json names the container; tar reads it as the user, who
    // opened the file anyway. --occurrence stops at the first match.
    auto *tar = new QProcess(this);
    m_tar = tar;
    tar->setProgram(QStringLiteral("tar"));
    tar->setArguments({QStringLiteral("--extract"), QStringLiteral("--to-stdout"), QStringLiteral("--occurrence=1"),
                       QStringLiteral("--file"), m_file, QStringLiteral("./hutch-export.json")});
    connect(tar, &QProcess::finished, this, [this, tar] {
        const QJsonObject meta = QJsonDocument::fromJson(tar->readAllStandardOutput()).object();
        m_archiveName = meta.value(QStringLiteral("name")).toString();
        tar->deleteLater();
        m_tar = nullptr;
        if (!m_archiveName.isEmpty())
            m_name->setPlaceholderText(tr("As in the archive: %1").arg(m_archiveName));
        check();
        Q_EMIT archiveRead();
    });
    tar->start(QIODevice::ReadOnly);
}

QString ImportDialog::newName() const
{
    return m_name->text().trimmed();
}

QString ImportDialog::backingStore() const
{
    return m_storage->currentData().toString();
}

QString ImportDialog::command() const
{
    return ArchiveTransfers::importCommand(m_file, newName(), backingStore());
}

void ImportDialog::check()
{
    // Empty is the archive's own name: checked once read (the helper checks
    // again, for one taken meanwhile).
    const QString name = newName().isEmpty() ? m_archiveName : newName();
    const QString problem = name.isEmpty() ? QString() : newNameProblem(name, m_model);
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_import->setEnabled(problem.isEmpty());
    m_command->setText(command());
}
