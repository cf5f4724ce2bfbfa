#include "accessoptions.h"

#include <QCheckBox>
#include <QDBusUnixFileDescriptor>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

#include <fcntl.h>
#include <pwd.h>
#include <unistd.h>

AccessOptions::AccessOptions(QWidget *parent)
    : QGroupBox(tr("Account and Access"), parent)
{
    setObjectName(QStringLiteral("accessOptions"));
    if (const struct passwd *pw = ::getpwuid(::getuid()))
        m_user = QString::fromLocal8Bit(pw->pw_name);
    m_shareHome = new QCheckBox(tr("Share my home folder and account (%1)").arg(m_user), this);
    m_shareHome->setObjectName(QStringLiteral("shareHomeCheck"));
    m_shareHome->setToolTip(tr("Your account and password, with sudo, in the container; your home folder is "
                               "mounted in it at each start."));
    m_shareHome->setEnabled(!m_user.isEmpty());
    connect(m_shareHome, &QCheckBox::toggled, this, &AccessOptions::changed);
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("accessProblem"));
    m_problem->setWordWrap(true);
    m_problem->setVisible(false);
    auto *form = new QFormLayout(this);
    form->addRow(m_shareHome);
    form->addRow(tr("SSH &key for root:"), fileRow(&m_sshKey, QStringLiteral("sshKeyEdit"), tr("Choose an SSH Public Key")));
    form->addRow(tr("cloud-init &user data:"),
                 fileRow(&m_userData, QStringLiteral("userDataEdit"), tr("Choose cloud-init User Data")));
    form->addRow(m_problem);
    m_sshKey->setAccessibleName(tr("SSH public key file for root"));
    m_sshKey->setPlaceholderText(tr("none (a .pub file)"));
    m_userData->setAccessibleName(tr("cloud-init user data file"));
    m_userData->setPlaceholderText(tr("none (for images with cloud-init)"));
    connect(this, &AccessOptions::changed, this, [this] {
        const QString why = problem();
        m_problem->setText(why);
        m_problem->setVisible(!why.isEmpty());
    });
}

QWidget *AccessOptions::fileRow(QLineEdit **edit, const QString &objectName, const QString &dialogTitle)
{
    auto *row = new QWidget(this);
    *edit = new QLineEdit(row);
    (*edit)->setObjectName(objectName);
    connect(*edit, &QLineEdit::textChanged, this, &AccessOptions::changed);
    auto *browse = new QToolButton(row);
    browse->setText(tr("Browse…"));
    QLineEdit *target = *edit;
    connect(browse, &QToolButton::clicked, this, [this, target, dialogTitle] {
        const QString file = QFileDialog::getOpenFileName(this, dialogTitle);
        if (!file.isEmpty())
            target->setText(file);
    });
    auto *l = new QHBoxLayout(row);
    l->setContentsMargins(0, 0, 0, 0);
    l->addWidget(*edit, 1);
    l->addWidget(browse);
    return row;
}

QString AccessOptions::problem() const
{
    for (const auto &[edit, label] : {std::pair{m_sshKey, tr("SSH key")}, std::pair{m_userData, tr("User data")}}) {
        const QString text = edit->text().trimmed();
        if (text.isEmpty())
            continue;
        const QFileInfo file(text);
        if (!file.exists())
            return tr("%1: there is no file \"%2\".").arg(label, text);
        if (!file.isFile())
            return tr("%1: \"%2\" is not a file.").arg(label, text);
        if (!file.isReadable())
            return tr("%1: you may not read \"%2\".").arg(label, text);
    }
    return {};
}

QVariantMap AccessOptions::createOptions() const
{
    QVariantMap out;
    if (m_shareHome->isChecked() && m_shareHome->isEnabled())
        out.insert(QStringLiteral("bind_user"), m_user);
    for (const auto &[edit, key] : {std::pair{m_sshKey, "ssh_key"}, std::pair{m_userData, "user_data"}}) {
        const QString path = edit->text().trimmed();
        if (path.isEmpty())
            continue;
        // The helper reads only what we can: an open descriptor, never a path.
        const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
        if (fd >= 0) {
            out.insert(QLatin1String(key), QVariant::fromValue(QDBusUnixFileDescriptor(fd)));
            ::close(fd);  // QDBusUnixFileDescriptor keeps its own dup
        }
    }
    return out;
}

QStringList AccessOptions::hutchctlArguments() const
{
    QStringList out;
    if (m_shareHome->isChecked() && m_shareHome->isEnabled())
        out << QStringLiteral("-b") << m_user;
    if (const QString key = m_sshKey->text().trimmed(); !key.isEmpty())
        out << QStringLiteral("-S") << key;
    if (const QString data = m_userData->text().trimmed(); !data.isEmpty())
        out << QStringLiteral("-u") << data;
    return out;
}

QStringList AccessOptions::summaryLines() const
{
    QStringList out;
    if (m_shareHome->isChecked() && m_shareHome->isEnabled())
        out << tr("Home folder and account of %1: shared").arg(m_user);
    if (const QString key = m_sshKey->text().trimmed(); !key.isEmpty())
        out << tr("SSH key for root: %1").arg(key);
    if (const QString data = m_userData->text().trimmed(); !data.isEmpty())
        out << tr("cloud-init user data: %1").arg(data);
    return out;
}
