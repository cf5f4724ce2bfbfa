#include "createwizard.h"

#include "accessoptions.h"
#include "arch.h"
#include "client.h"
#include "containerlistmodel.h"
#include "helperconnection.h"
#include "namecheck.h"
#include "templatetexts.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDBusObjectPath>
#include <QDBusPendingReply>
#include <QDBusUnixFileDescriptor>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QThread>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

#include <fcntl.h>
#include <unistd.h>

using namespace hutch;

namespace {

// A page whose "complete" follows a predicate (Next enabled or not).
class PredicatePage : public QWizardPage
{
public:
    std::function<bool()> complete;
    bool isComplete() const override { return complete ? complete() : true; }
    void changed() { Q_EMIT completeChanged(); }
};

}  // namespace

CreateWizard::CreateWizard(HelperConnection *connection, const ContainerListModel *model, QWidget *parent)
    : QWizard(parent), m_connection(connection), m_model(model)
{
    setObjectName(QStringLiteral("createWizard"));
    setWindowTitle(tr("Create Container"));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnLastPage);
    setPage(NamePage, createNamePage());
    setPage(TemplatePage, createTemplatePage());
    setPage(SettingsPage, createSettingsPage());
    setPage(SummaryPage, createSummaryPage());
    setPage(ProgressPage, createProgressPage());
    setButtonText(QWizard::CommitButton, tr("&Create"));
    resize(620, 480);

    connect(connection->helper(), &Helper1Proxy::JobFinished, this,
            [this](const QDBusObjectPath &job, bool ok, const QString &error, const QString &message) {
                onJobFinished(job.path(), ok, error, message);
            });
    connect(connection->helper(), &Helper1Proxy::JobProgress, this,
            [this](const QDBusObjectPath &job, double progress) {
                if (job.path() == m_jobPath)
                    m_progress->setValue(int(progress * 1000));
            });
    loadTemplates();
    // The bridge "Default bridge" links to, as the helper's settings name it.
    m_connection->watch(
        m_connection->helper()->GetSettings({}), this,
        [this](const QDBusPendingCall &call) {
            const QDBusPendingReply<QVariantMap> reply = call;
            const QString bridge = client::plainMap(reply.value()).value(QStringLiteral("defaultBridge")).toString();
            if (!bridge.isEmpty())
                m_bridge = bridge;
        },
        [](const QString &, bool) {});  // the default name stays
}

CreateWizard::~CreateWizard() = default;

// --- Pages -----------------------------------------------------------------

QWizardPage *CreateWizard::createNamePage()
{
    auto *page = new PredicatePage;
    page->setTitle(tr("Name"));
    page->setSubTitle(tr("The container's name is also its directory and, by default, its hostname."));
    m_name = new QLineEdit(page);
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setAccessibleName(tr("Container name"));
    m_nameProblem = new QLabel(page);
    m_nameProblem->setObjectName(QStringLiteral("nameProblem"));
    m_nameProblem->setWordWrap(true);
    // A warning colour that reads on light and dark palettes alike.
    QPalette warning = m_nameProblem->palette();
    warning.setColor(QPalette::WindowText, QColor(0xd0, 0x3a, 0x2f));
    m_nameProblem->setPalette(warning);
    auto *form = new QFormLayout(page);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(QString(), m_nameProblem);
    page->complete = [this] { return nameProblem().isEmpty(); };
    connect(m_name, &QLineEdit::textChanged, page, [this, page] {
        checkName();
        page->changed();
    });
    checkName();
    return page;
}

QWizardPage *CreateWizard::createTemplatePage()
{
    auto *page = new PredicatePage;
    page->setTitle(tr("Template"));
    page->setSubTitle(tr("What the container's root filesystem is made from."));
    m_template = new QComboBox(page);
    m_template->setObjectName(QStringLiteral("templateCombo"));
    // A combo box's own accessible text is its current item; the name says
    // what is being chosen.
    m_template->setAccessibleName(tr("Template"));
    m_templateDescription = new QLabel(page);
    m_templateDescription->setObjectName(QStringLiteral("templateDescription"));
    m_templateDescription->setWordWrap(true);
    m_templateProblem = new QLabel(page);
    m_templateProblem->setObjectName(QStringLiteral("templateProblem"));
    m_templateProblem->setWordWrap(true);
    m_templateProblem->setPalette(m_nameProblem->palette());
    auto *options = new QWidget(page);
    m_optionsForm = new QFormLayout(options);
    m_optionsForm->setContentsMargins(0, 0, 0, 0);
    auto *layout = new QFormLayout(page);
    layout->addRow(tr("&Template:"), m_template);
    layout->addRow(QString(), m_templateDescription);
    layout->addRow(options);
    layout->addRow(QString(), m_templateProblem);
    page->complete = [this] { return m_template->count() > 0 && templateProblem().isEmpty(); };
    m_templatePage = page;
    connect(m_template, &QComboBox::currentIndexChanged, this, &CreateWizard::showTemplateOptions);
    connect(this, &CreateWizard::templatesLoaded, page, [page] { page->changed(); });
    return page;
}

QWizardPage *CreateWizard::createSettingsPage()
{
    auto *page = new PredicatePage;
    page->setTitle(tr("Storage, Network and Resources"));
    page->setSubTitle(tr("Where the container lives, how it reaches the network, and what it may use."));
    m_storage = new QComboBox(page);
    m_storage->setObjectName(QStringLiteral("storageCombo"));
    m_storage->setAccessibleName(tr("Storage"));
    m_storage->addItem(tr("Best available"), QStringLiteral("best"));
    m_storage->addItem(tr("Directory"), QStringLiteral("dir"));
    m_storage->addItem(tr("Btrfs subvolume"), QStringLiteral("btrfs"));
    m_storage->addItem(tr("LVM volume"), QStringLiteral("lvm"));
    m_network = new QComboBox(page);
    m_network->setObjectName(QStringLiteral("networkCombo"));
    m_network->setAccessibleName(tr("Network"));
    m_network->addItem(tr("As the template sets it"), QString());
    m_network->addItem(tr("Default bridge (veth)"), QStringLiteral("veth"));
    m_network->addItem(tr("Isolated (no network)"), QStringLiteral("empty"));
    m_network->addItem(tr("Host's network (no isolation)"), QStringLiteral("none"));
    m_memory = new QSpinBox(page);
    m_memory->setObjectName(QStringLiteral("memorySpin"));
    m_memory->setRange(0, 1024 * 1024);
    m_memory->setSingleStep(128);
    m_memory->setSuffix(tr(" MiB"));
    m_memory->setSpecialValueText(tr("Unlimited"));
    m_cpus = new QDoubleSpinBox(page);
    m_cpus->setObjectName(QStringLiteral("cpuSpin"));
    m_cpus->setRange(0, qMax(1, QThread::idealThreadCount()));
    m_cpus->setDecimals(2);
    m_cpus->setSingleStep(0.25);
    m_cpus->setSuffix(tr(" cores"));
    m_cpus->setSpecialValueText(tr("Unlimited"));
    m_autostart = new QCheckBox(tr("Start when the computer starts"), page);
    m_autostart->setObjectName(QStringLiteral("autostartCheck"));
    // Unprivileged (a user namespace) unless the user asks otherwise, and
    // then with the warning in plain sight.
    m_privileged = new QCheckBox(tr("Privileged (root inside is root on the host)"), page);
    m_privileged->setObjectName(QStringLiteral("privilegedCheck"));
    auto *privilegedWarning = new QLabel(tr("Warning: a program that escapes a privileged container owns this "
                                            "computer. Choose it only for images you trust; it needs an "
                                            "administrator's password."),
                                         page);
    privilegedWarning->setObjectName(QStringLiteral("privilegedWarning"));
    privilegedWarning->setWordWrap(true);
    privilegedWarning->setVisible(false);
    connect(m_privileged, &QCheckBox::toggled, privilegedWarning, &QLabel::setVisible);
    auto *form = new QFormLayout(page);
    form->addRow(tr("&Storage:"), m_storage);
    form->addRow(tr("N&etwork:"), m_network);
    form->addRow(tr("&Memory limit:"), m_memory);
    form->addRow(tr("C&PU limit:"), m_cpus);
    form->addRow(tr("Autostart:"), m_autostart);
    m_access = new AccessOptions(page);
    form->addRow(m_access);
    page->complete = [this] { return m_access->problem().isEmpty(); };
    connect(m_access, &AccessOptions::changed, page, &PredicatePage::changed);
    form->addRow(tr("Security:"), m_privileged);
    form->addRow(QString(), privilegedWarning);
    return page;
}

QWizardPage *CreateWizard::createSummaryPage()
{
    auto *page = new PredicatePage;
    page->setTitle(tr("Summary"));
    page->setSubTitle(tr("Check the settings, then create the container."));
    page->setCommitPage(true);
    m_summary = new QLabel(page);
    m_summary->setObjectName(QStringLiteral("summaryLabel"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_summary);
    layout->addStretch();
    return page;
}

QWizardPage *CreateWizard::createProgressPage()
{
    auto *page = new PredicatePage;
    page->setTitle(tr("Creating"));
    page->setSubTitle(tr("The helper builds the container; closing this window cancels it."));
    page->setFinalPage(true);
    m_progress = new QProgressBar(page);
    m_progress->setObjectName(QStringLiteral("createProgress"));
    m_progress->setRange(0, 1000);
    m_log = new QPlainTextEdit(page);
    m_log->setObjectName(QStringLiteral("createLog"));
    m_log->setReadOnly(true);
    m_log->setAccessibleName(tr("Creation log"));
    m_result = new QLabel(page);
    m_result->setObjectName(QStringLiteral("createResult"));
    m_result->setWordWrap(true);
    m_cancelJob = new QPushButton(tr("Cancel Creation"), page);
    m_cancelJob->setObjectName(QStringLiteral("cancelCreation"));
    connect(m_cancelJob, &QPushButton::clicked, this, [this] {
        if (m_job)
            m_job->Cancel();
    });
    auto *row = new QHBoxLayout;
    row->addWidget(m_progress, 1);
    row->addWidget(m_cancelJob);
    auto *layout = new QVBoxLayout(page);
    layout->addLayout(row);
    layout->addWidget(m_log, 1);
    layout->addWidget(m_result);
    page->complete = [this] { return m_done; };
    return page;
}

// --- Templates -------------------------------------------------------------

void CreateWizard::loadTemplates()
{
    m_connection->watch(
        m_connection->helper()->ListTemplates({}), this,
        [this](const QDBusPendingCall &call) {
            const QDBusPendingReply<QList<QVariantMap>> reply = call;
            m_templates.clear();
            m_template->clear();
            for (const QVariantMap &t : reply.value()) {
                const QVariantMap plain = client::plainMap(t);
                m_templates << plain;
                m_template->addItem(plain.value(QStringLiteral("name")).toString());
            }
            const int busybox = m_template->findText(QStringLiteral("busybox"));
            if (busybox >= 0)
                m_template->setCurrentIndex(busybox);
            showTemplateOptions();
            Q_EMIT templatesLoaded();
        },
        [this](const QString &message, bool) {
            m_templateDescription->setText(tr("The templates could not be listed: %1").arg(message));
        });
}

// An option's label in the user's language: the helper's description
// through templatetexts' table, else its name.
static QString optionLabel(const QString &templateName, const QVariantMap &option)
{
    const QString name = option.value(QStringLiteral("name")).toString();
    const QString label = templatetexts::optionLabel(templateName, name, option.value(QStringLiteral("description")).toString());
    return label.isEmpty() ? name : label;
}

void CreateWizard::showTemplateOptions()
{
    while (m_optionsForm->rowCount() > 0)
        m_optionsForm->removeRow(0);
    m_optionWidgets.clear();
    m_optionTypes.clear();
    const int index = m_template->currentIndex();
    if (index < 0 || index >= m_templates.size())
        return;
    const QVariantMap t = m_templates.at(index);
    const QString templateName = t.value(QStringLiteral("name")).toString();
    m_templateDescription->setText(
        templatetexts::description(templateName, t.value(QStringLiteral("description")).toString()));
    for (const QVariant &v : t.value(QStringLiteral("options")).toList()) {
        const QVariantMap o = v.toMap();
        const QString name = o.value(QStringLiteral("name")).toString();
        const QString type = o.value(QStringLiteral("type")).toString();
        const QVariant def = o.value(QStringLiteral("default"));
        // The storage choice lives on the settings page, for every template.
        if (name == QLatin1String("backend"))
            continue;
        QWidget *w = nullptr;
        if (type == QLatin1String("int") || type == QLatin1String("uint")) {
            auto *spin = new QSpinBox;
            spin->setRange(o.contains(QStringLiteral("min")) ? o.value(QStringLiteral("min")).toInt() : 0,
                           o.contains(QStringLiteral("max")) ? o.value(QStringLiteral("max")).toInt() : 1 << 20);
            spin->setValue(def.toInt());
            w = spin;
        } else if (type == QLatin1String("bool")) {
            auto *check = new QCheckBox;
            check->setChecked(def.toBool());
            w = check;
        } else if (type == QLatin1String("choice") && name == QLatin1String("arch")) {
            w = architectureChoice(o);
        } else if (type == QLatin1String("choice")) {
            auto *combo = new QComboBox;
            combo->addItems(o.value(QStringLiteral("choices")).toStringList());
            combo->setCurrentText(def.toString());
            w = combo;
        } else if (type == QLatin1String("path")) {
            auto *row = new QWidget;
            auto *edit = new QLineEdit(row);
            edit->setObjectName(QStringLiteral("pathEdit"));
            connect(edit, &QLineEdit::textChanged, this, &CreateWizard::checkTemplate);
            auto *browse = new QToolButton(row);
            browse->setText(tr("Browse…"));
            connect(browse, &QToolButton::clicked, this, [this, edit] {
                const QString file = QFileDialog::getOpenFileName(this, tr("Choose a File"));
                if (!file.isEmpty())
                    edit->setText(file);
            });
            auto *l = new QHBoxLayout(row);
            l->setContentsMargins(0, 0, 0, 0);
            l->addWidget(edit, 1);
            l->addWidget(browse);
            w = row;
        } else if (type == QLatin1String("secret")) {
            // Typed twice, never shown, and never in the summary's command.
            auto *row = new QWidget;
            auto *edit = new QLineEdit(row);
            edit->setObjectName(QStringLiteral("secretEdit"));
            edit->setEchoMode(QLineEdit::Password);
            edit->setPlaceholderText(tr("Password"));
            auto *repeat = new QLineEdit(row);
            repeat->setObjectName(QStringLiteral("secretRepeat"));
            repeat->setEchoMode(QLineEdit::Password);
            repeat->setPlaceholderText(tr("Repeat"));
            repeat->setAccessibleName(tr("Repeat the password"));
            for (QLineEdit *e : {edit, repeat})
                connect(e, &QLineEdit::textChanged, this, &CreateWizard::checkTemplate);
            auto *l = new QHBoxLayout(row);
            l->setContentsMargins(0, 0, 0, 0);
            l->addWidget(edit, 1);
            l->addWidget(repeat, 1);
            w = row;
        } else {
            auto *edit = new QLineEdit(def.toString());
            connect(edit, &QLineEdit::textChanged, this, &CreateWizard::checkTemplate);
            w = edit;
        }
        w->setObjectName(QStringLiteral("option_") + name);
        // The helper describes its options in English; templatetexts names
        // them in the user's language.
        const QString label = optionLabel(templateName, o);
        if (w->toolTip().isEmpty())
            w->setToolTip(label);
        w->setAccessibleName(label);
        m_optionWidgets.insert(name, w);
        m_optionTypes.insert(name, type);
        m_optionsForm->addRow(tr("%1:").arg(label), w);
    }
    checkTemplate();
}

// lxc.arch / debootstrap --arch: each architecture by what it is, and how
// it would run on this computer (core/arch.h): natively, as a 32-bit
// container under the host's kernel, through qemu-user-static, or not.
QComboBox *CreateWizard::architectureChoice(const QVariantMap &option)
{
    const QHash<QString, QString> names = {
        {QStringLiteral("amd64"), tr("64-bit PC (amd64)")},
        {QStringLiteral("i386"), tr("32-bit PC (i386)")},
        {QStringLiteral("arm64"), tr("64-bit ARM (arm64)")},
        {QStringLiteral("armhf"), tr("32-bit ARM, hard float (armhf)")},
        {QStringLiteral("armel"), tr("32-bit ARM, soft float (armel)")},
        {QStringLiteral("ppc64el"), tr("64-bit POWER, little-endian (ppc64el)")},
        {QStringLiteral("s390x"), tr("IBM Z (s390x)")},
        {QStringLiteral("riscv64"), tr("64-bit RISC-V (riscv64)")},
    };
    auto *combo = new QComboBox;
    const QString host = arch::hostDebianName();
    for (const QString &a : option.value(QStringLiteral("choices")).toStringList()) {
        const arch::Plan plan = arch::plan(a, host);
        QString how;
        switch (plan.kind) {
        case arch::Plan::Kind::Native:
            how = tr("this computer's");
            break;
        case arch::Plan::Kind::Linux32:
            how = tr("runs natively as 32-bit");
            break;
        case arch::Plan::Kind::Emulated:
            how = tr("emulated by QEMU, slow");
            break;
        case arch::Plan::Kind::Unsupported:
            how = tr("needs qemu-user-static");
            break;
        }
        combo->addItem(tr("%1 — %2").arg(names.value(a, a), how), a);
        if (plan.kind == arch::Plan::Kind::Unsupported)
            combo->setItemData(combo->count() - 1, plan.why, Qt::ToolTipRole);
    }
    combo->setCurrentIndex(std::max(0, combo->findData(option.value(QStringLiteral("default")).toString())));
    combo->setToolTip(tr("The processor architecture of the container's programs"));
    return combo;
}

QString CreateWizard::templateProblem() const
{
    const int index = m_template->currentIndex();
    if (index < 0 || index >= m_templates.size())
        return {};
    for (const QVariant &v : m_templates.at(index).value(QStringLiteral("options")).toList()) {
        const QVariantMap o = v.toMap();
        QWidget *w = m_optionWidgets.value(o.value(QStringLiteral("name")).toString());
        auto *edit = w ? (qobject_cast<QLineEdit *>(w) ? qobject_cast<QLineEdit *>(w) : w->findChild<QLineEdit *>())
                       : nullptr;
        if (!edit)
            continue;
        const QString label = optionLabel(m_templates.at(index).value(QStringLiteral("name")).toString(), o);
        if (o.value(QStringLiteral("type")).toString() == QLatin1String("secret")) {
            auto *repeat = w->findChild<QLineEdit *>(QStringLiteral("secretRepeat"));
            if (repeat && repeat->text() != edit->text())
                return tr("%1: the two entries differ.").arg(label);
            continue;
        }
        const QString text = edit->text().trimmed();
        if (text.isEmpty()) {
            if (o.value(QStringLiteral("required")).toBool())
                return tr("Needed: %1.").arg(label);
            continue;
        }
        if (o.value(QStringLiteral("type")).toString() == QLatin1String("path")) {
            // The GUI opens the file as the user and passes it on: what the
            // user cannot read, the helper never gets.
            const QFileInfo file(text);
            if (!file.exists())
                return tr("%1: there is no file \"%2\".").arg(label, text);
            if (!file.isFile())
                return tr("%1: \"%2\" is not a file.").arg(label, text);
            if (!file.isReadable())
                return tr("%1: you may not read \"%2\".").arg(label, text);
        }
    }
    return {};
}

void CreateWizard::checkTemplate()
{
    const QString problem = templateProblem();
    m_templateProblem->setText(problem);
    m_templateProblem->setVisible(!problem.isEmpty());
    if (m_templatePage)
        static_cast<PredicatePage *>(m_templatePage)->changed();
}

QVariantMap CreateWizard::templateOptions() const
{
    QVariantMap out;
    for (auto it = m_optionWidgets.begin(); it != m_optionWidgets.end(); ++it) {
        const QString type = m_optionTypes.value(it.key());
        if (auto *spin = qobject_cast<QSpinBox *>(it.value()))
            out.insert(it.key(), type == QLatin1String("uint") ? QVariant(uint(spin->value())) : QVariant(spin->value()));
        else if (auto *check = qobject_cast<QCheckBox *>(it.value()))
            out.insert(it.key(), check->isChecked());
        else if (auto *combo = qobject_cast<QComboBox *>(it.value()))
            out.insert(it.key(), combo->currentData().isValid() ? combo->currentData().toString() : combo->currentText());
        else if (type == QLatin1String("path")) {
            // The helper reads only what we can: it gets an open fd, never a path.
            const QString path = it.value()->findChild<QLineEdit *>()->text();
            if (path.isEmpty())
                continue;
            const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
            if (fd >= 0) {
                out.insert(it.key(), QVariant::fromValue(QDBusUnixFileDescriptor(fd)));
                ::close(fd);  // QDBusUnixFileDescriptor keeps its own dup
            }
        } else if (type == QLatin1String("secret")) {
            const QString secret = it.value()->findChild<QLineEdit *>(QStringLiteral("secretEdit"))->text();
            if (!secret.isEmpty())
                out.insert(it.key(), secret);
        } else if (auto *edit = qobject_cast<QLineEdit *>(it.value())) {
            // An empty string means "the default" for hostname and the like.
            if (!edit->text().isEmpty())
                out.insert(it.key(), edit->text());
        }
    }
    const int index = m_template->currentIndex();
    if (index >= 0 && index < m_templates.size()) {
        for (const QVariant &v : m_templates.at(index).value(QStringLiteral("options")).toList())
            if (v.toMap().value(QStringLiteral("name")).toString() == QLatin1String("backend"))
                out.insert(QStringLiteral("backend"), m_storage->currentData().toString());
    }
    return out;
}

// --- Values ----------------------------------------------------------------

QString CreateWizard::containerName() const { return m_name->text().trimmed(); }
QString CreateWizard::templateName() const { return m_template->currentText(); }
QString CreateWizard::nameProblem() const { return newNameProblem(containerName(), m_model); }

QVariantMap CreateWizard::createOptions() const
{
    QVariantMap out = m_access->createOptions();
    out.insert(QStringLiteral("backing_store"), m_storage->currentData().toString());
    if (m_privileged->isChecked())
        out.insert(QStringLiteral("privileged"), true);
    return out;
}

QHash<QString, QString> CreateWizard::configItems() const
{
    QHash<QString, QString> items;
    if (const QString net = m_network->currentData().toString(); !net.isEmpty()) {
        items.insert(QStringLiteral("lxc.net.0.type"), net);
        if (net == QLatin1String("veth")) {
            // On the default bridge, up: the helper brings the bridge, DHCP
            // and DNS up when the container starts.
            items.insert(QStringLiteral("lxc.net.0.link"), m_bridge);
            items.insert(QStringLiteral("lxc.net.0.flags"), QStringLiteral("up"));
        }
    }
    if (m_autostart->isChecked())
        items.insert(QStringLiteral("lxc.start.auto"), QStringLiteral("1"));
    return items;
}

QVariantMap CreateWizard::limits() const
{
    QVariantMap out;
    if (m_memory->value() > 0)
        out.insert(QStringLiteral("memory.limit_in_bytes"), QString::number(qint64(m_memory->value()) * 1024 * 1024));
    if (m_cpus->value() > 0) {
        // cpu.max: QUOTA PERIOD in µs; the monitor translates to v1's
        // cfs_quota_us/cfs_period_us where the machine needs it.
        const qint64 period = 100000;
        out.insert(QStringLiteral("cpu.max"), QStringLiteral("%1 %2").arg(qint64(m_cpus->value() * period)).arg(period));
    }
    return out;
}

QString CreateWizard::summaryText() const
{
    QStringList lines;
    lines << tr("Name: %1").arg(containerName());
    lines << tr("Template: %1").arg(templateName());
    const QVariantMap options = templateOptions();
    for (auto it = options.begin(); it != options.end(); ++it) {
        if (m_optionTypes.value(it.key()) == QLatin1String("secret"))
            lines << QStringLiteral("    %1 = %2").arg(it.key(), tr("(set)"));
        else if (it.value().canConvert<QString>())
            lines << QStringLiteral("    %1 = %2").arg(it.key(), it.value().toString());
    }
    lines << tr("Storage: %1").arg(m_storage->currentText());
    lines << tr("Network: %1").arg(m_network->currentText());
    lines << tr("Memory limit: %1").arg(m_memory->text());
    lines << tr("CPU limit: %1").arg(m_cpus->text());
    lines << tr("Autostart: %1").arg(m_autostart->isChecked() ? tr("yes") : tr("no"));
    lines << m_access->summaryLines();
    lines << (m_privileged->isChecked() ? tr("Privileged: root inside is root on the host")
                                        : tr("Unprivileged: root inside is an ordinary user of the host"));
    // The same creation as command lines: hutchctl create adds
    // /etc/hutch/default.conf (a veth on the default bridge) unless -f
    // says otherwise; what the wizard sets after the creation follows.
    const QString name = containerName();
    QStringList command{QStringLiteral("hutchctl"), QStringLiteral("create"), name, QStringLiteral("-t"), templateName()};
    const QString backing = m_storage->currentData().toString();
    if (backing != QLatin1String("best"))
        command << QStringLiteral("-B") << backing;
    if (m_privileged->isChecked())
        command << QStringLiteral("--privileged");
    const QString net = m_network->currentData().toString();
    if (net != QLatin1String("veth"))
        command << QStringLiteral("-f") << QStringLiteral("/dev/null");
    command << m_access->hutchctlArguments();
    QStringList extra;
    for (auto it = options.begin(); it != options.end(); ++it) {
        if (it.key() == QLatin1String("backend"))
            continue;
        if (m_optionTypes.value(it.key()) == QLatin1String("path")) {
            // hutchctl opens the file itself: its path, not our descriptor.
            if (QWidget *w = m_optionWidgets.value(it.key()))
                extra << QStringLiteral("--") + it.key() << w->findChild<QLineEdit *>()->text();
        } else if (m_optionTypes.value(it.key()) == QLatin1String("secret")) {
            // hutchctl reads a secret from standard input, never from argv.
            extra << QStringLiteral("--") + it.key() << QStringLiteral("-");
        } else if (it.value().typeId() == QMetaType::Bool) {
            if (it.value().toBool())
                extra << QStringLiteral("--") + it.key();
        } else if (it.value().canConvert<QString>() && !it.value().toString().isEmpty()) {
            extra << QStringLiteral("--") + it.key() << it.value().toString();
        }
    }
    if (!extra.isEmpty())
        command << QStringLiteral("--") << extra;
    QStringList commands{command.join(QLatin1Char(' '))};
    auto then = [&commands, &name](const QString &verb, const QString &key, const QString &value) {
        const QString quoted = value.contains(QLatin1Char(' ')) ? QStringLiteral("\"%1\"").arg(value) : value;
        commands << QStringLiteral("hutchctl %1 %2 %3 %4").arg(verb, name, key, quoted);
    };
    if (net == QLatin1String("veth") && m_bridge != QLatin1String("hutchbr0"))
        then(QStringLiteral("config"), QStringLiteral("lxc.net.0.link"), m_bridge);
    else if (!net.isEmpty() && net != QLatin1String("veth"))
        then(QStringLiteral("config"), QStringLiteral("lxc.net.0.type"), net);
    if (m_autostart->isChecked())
        then(QStringLiteral("config"), QStringLiteral("lxc.start.auto"), QStringLiteral("1"));
    const QVariantMap lim = limits();
    for (auto it = lim.begin(); it != lim.end(); ++it)
        then(QStringLiteral("cgroup"), it.key(), it.value().toString());
    lines << QString() << tr("The same with hutchctl:") << commands.join(QStringLiteral(" &&\n"));
    return lines.join(QLatin1Char('\n'));
}

void CreateWizard::checkName()
{
    const QString problem = nameProblem();
    m_nameProblem->setText(problem);
    m_nameProblem->setVisible(!problem.isEmpty());
}

// --- Running ---------------------------------------------------------------

void CreateWizard::initializePage(int id)
{
    if (id == SummaryPage)
        m_summary->setText(summaryText());
    if (id == ProgressPage)
        startCreation();
    QWizard::initializePage(id);
}

bool CreateWizard::validateCurrentPage()
{
    if (currentId() == NamePage && !nameProblem().isEmpty())
        return false;
    if (currentId() == TemplatePage && !templateProblem().isEmpty())
        return false;
    return QWizard::validateCurrentPage();
}

void CreateWizard::startCreation()
{
    m_running = true;
    m_done = false;
    m_log->clear();
    m_result->clear();
    m_cancelJob->setEnabled(true);
    appendLog(tr("Creating %1 from %2…").arg(containerName(), templateName()));
    m_connection->watch(
        m_connection->helper()->CreateContainer(containerName(), templateName(), templateOptions(), createOptions()),
        this,
        [this](const QDBusPendingCall &call) {
            const QDBusPendingReply<QDBusObjectPath> reply = call;
            m_jobPath = reply.value().path();
            m_job = client::job(m_connection->bus(), m_jobPath).release();
            m_job->setParent(this);
            connect(m_job, &Job1Proxy::Log, this, &CreateWizard::appendLog);
            if (m_earlyFinished.contains(m_jobPath)) {
                const QVariantList f = m_earlyFinished.take(m_jobPath);
                onJobFinished(m_jobPath, f.at(0).toBool(), f.at(1).toString(), f.at(2).toString());
            } else if (const QString state = m_job->state();
                       state == QLatin1String("succeeded") || state == QLatin1String("failed")
                       || state == QLatin1String("cancelled")) {
                onJobFinished(m_jobPath, state == QLatin1String("succeeded"), m_job->errorName(), m_job->errorMessage());
            }
        },
        [this](const QString &message, bool) { finishWith(false, message); });
}

void CreateWizard::onJobFinished(const QString &path, bool success, const QString &error, const QString &message)
{
    if (!m_running)
        return;
    if (m_jobPath.isEmpty()) {
        m_earlyFinished.insert(path, {success, error, message});
        return;
    }
    if (path != m_jobPath)
        return;
    m_progress->setValue(1000);
    if (success) {
        applySettings();
    } else if (HelperConnection::isCancelled(error)) {
        finishWith(false, tr("Cancelled. Nothing was created."));
    } else {
        finishWith(false, HelperConnection::readableError(error, message));
    }
}

void CreateWizard::applySettings()
{
    // The settings are config lines of the new container; each is its own
    // call, and the first failure is reported (the container exists anyway).
    const QString name = containerName();
    const auto items = configItems();
    const QVariantMap lim = limits();
    auto remaining = std::make_shared<int>(int(items.size()) + (lim.isEmpty() ? 0 : 1));
    auto problems = std::make_shared<QStringList>();
    auto oneDone = [this, remaining, problems, name] {
        if (--*remaining > 0)
            return;
        if (problems->isEmpty())
            finishWith(true, tr("\"%1\" was created.").arg(name));
        else
            finishWith(true, tr("\"%1\" was created, but some settings were not applied: %2")
                                 .arg(name, problems->join(QStringLiteral("; "))));
    };
    if (*remaining == 0) {
        ++*remaining;
        oneDone();
        return;
    }
    auto failed = [problems, oneDone](const QString &message, bool) {
        *problems << message;
        oneDone();
    };
    for (auto it = items.begin(); it != items.end(); ++it) {
        appendLog(tr("Setting %1 = %2").arg(it.key(), it.value()));
        m_connection->watch(m_connection->helper()->SetConfigItem(name, it.key(), it.value(), {}), this,
                            [oneDone](const QDBusPendingCall &) { oneDone(); }, failed);
    }
    if (!lim.isEmpty()) {
        appendLog(tr("Setting resource limits"));
        m_connection->watch(m_connection->helper()->SetLimits(name, lim, {}), this,
                            [oneDone](const QDBusPendingCall &) { oneDone(); }, failed);
    }
}

void CreateWizard::finishWith(bool success, const QString &text)
{
    m_running = false;
    m_done = true;
    m_cancelJob->setEnabled(false);
    m_result->setText(text);
    appendLog(text);
    if (auto *p = static_cast<PredicatePage *>(page(ProgressPage)))
        p->changed();
    button(QWizard::CancelButton)->setEnabled(!success);
    if (success)
        Q_EMIT created(containerName());
    Q_EMIT jobFinished(success);
}

void CreateWizard::appendLog(const QString &line)
{
    m_log->appendPlainText(line);
}

void CreateWizard::reject()
{
    // Closing while the job runs cancels it: the user said "no" to it.
    if (m_running && m_job)
        m_job->Cancel();
    QWizard::reject();
}
