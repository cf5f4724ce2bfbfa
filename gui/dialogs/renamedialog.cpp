#include "renamedialog.h"

#include "namecheck.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

RenameDialog::RenameDialog(const QString &name, const ContainerListModel *model, QWidget *parent)
    : QDialog(parent), m_current(name), m_model(model), m_name(new QLineEdit(name, this)),
      m_problem(new QLabel(this))
{
    setObjectName(QStringLiteral("renameDialog"));
    setWindowTitle(tr("Rename \"%1\"").arg(name));
    m_name->setObjectName(QStringLiteral("renameName"));
    m_name->setAccessibleName(tr("New name"));
    m_name->selectAll();
    m_problem->setObjectName(QStringLiteral("renameNameProblem"));
    m_problem->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_rename = buttons->addButton(tr("&Rename"), QDialogButtonBox::AcceptRole);
    m_rename->setObjectName(QStringLiteral("renameButton"));
    m_rename->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &RenameDialog::check);

    auto *form = new QFormLayout(this);
    form->addRow(tr("&New name:"), m_name);
    form->addRow(QString(), m_problem);
    form->addRow(buttons);
    // Wide enough for the title and a problem sentence without clipping.
    setMinimumWidth(qMax(fontMetrics().horizontalAdvance(windowTitle()) + 120, 380));
    check();
}

QString RenameDialog::newName() const
{
    return m_name->text().trimmed();
}

QString RenameDialog::problem() const
{
    return newName() == m_current ? QString() : newNameProblem(newName(), m_model);
}

void RenameDialog::check()
{
    const QString why = problem();
    m_problem->setText(why);
    m_problem->setVisible(!why.isEmpty());
    m_rename->setEnabled(why.isEmpty() && newName() != m_current);
}
