#include "clonedialog.h"

#include "containerlistmodel.h"
#include "namecheck.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

CloneDialog::CloneDialog(const QString &source, const ContainerListModel *model, QWidget *parent)
    : QDialog(parent), m_model(model), m_name(new QLineEdit(this)), m_problem(new QLabel(this)),
      m_snapshot(new QCheckBox(tr("&Snapshot (copy-on-write: instant, shares unchanged files)"), this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("cloneDialog"));
    setWindowTitle(tr("Clone \"%1\"").arg(source));
    m_name->setObjectName(QStringLiteral("cloneName"));
    m_name->setText(proposeCloneName(source, model));
    m_name->selectAll();
    m_problem->setObjectName(QStringLiteral("cloneNameProblem"));
    m_problem->setWordWrap(true);
    m_snapshot->setObjectName(QStringLiteral("cloneSnapshot"));
    // lxc.rootfs.path tells the backing store: a plain directory, overlay
    // and btrfs can be snapshotted; anything unknown is left to a full copy.
    const QString rootfs = model ? model->entryOf(source).value(QStringLiteral("rootfs")).toString() : QString();
    const bool canSnapshot = rootfs.isEmpty() || rootfs.startsWith(QLatin1Char('/'))
        || rootfs.startsWith(QLatin1String("dir:")) || rootfs.startsWith(QLatin1String("overlay"))
        || rootfs.startsWith(QLatin1String("btrfs:"));
    m_snapshot->setEnabled(canSnapshot);
    if (!canSnapshot)
        m_snapshot->setToolTip(tr("The storage of \"%1\" cannot be snapshotted; it is copied.").arg(source));

    QPushButton *clone = m_buttons->addButton(tr("&Clone"), QDialogButtonBox::AcceptRole);
    clone->setObjectName(QStringLiteral("cloneButton"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &CloneDialog::check);

    auto *form = new QFormLayout(this);
    form->addRow(tr("Source:"), new QLabel(source, this));
    form->addRow(tr("&Name of the copy:"), m_name);
    form->addRow(QString(), m_problem);
    form->addRow(QString(), m_snapshot);
    form->addRow(m_buttons);
    check();
}

QString CloneDialog::newName() const
{
    return m_name->text().trimmed();
}

bool CloneDialog::snapshot() const
{
    return m_snapshot->isEnabled() && m_snapshot->isChecked();
}

void CloneDialog::check()
{
    const QString problem = newNameProblem(newName(), m_model);
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    for (QAbstractButton *b : m_buttons->buttons())
        if (m_buttons->buttonRole(b) == QDialogButtonBox::AcceptRole)
            b->setEnabled(problem.isEmpty());
}
