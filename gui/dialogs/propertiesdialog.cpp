#include "propertiesdialog.h"

#include "client.h"
#include "configeditor.h"
#include "logview.h"
#include "modal.h"
#include "readonlyfield.h"
#include "snapshotsview.h"
#include "containerlistmodel.h"
#include "helperconnection.h"
#include "values.h"

#include <QDBusPendingReply>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QVBoxLayout>

namespace {

// The config's value in IEC units (134217728 → "128 MiB"); "max" or an
// unparsable value as it is written.
QString memoryLimitText(const QString &value)
{
    const auto bytes = hutch::values::parseSize(value);
    if (value.isEmpty() || !bytes)
        return value;
    return QLocale().formattedDataSize(qint64(*bytes), 1, QLocale::DataSizeIecFormat);
}

}  // namespace

PropertiesDialog::PropertiesDialog(HelperConnection *connection, const QVariantMap &entry, QWidget *parent)
    : QDialog(parent)
{
    const QString name = entry.value(QStringLiteral("name")).toString();
    setObjectName(QStringLiteral("propertiesDialog"));
    setWindowTitle(tr("Properties of \"%1\"").arg(name));
    auto *tabs = new QTabWidget(this);
    tabs->setObjectName(QStringLiteral("propertiesTabs"));

    auto *general = new QWidget;
    auto *form = new QFormLayout(general);
    // Read-only fields, not labels: reached by Tab and read with their label.
    auto row = [form](const QString &label, const QString &value) {
        QLineEdit *field = addReadOnlyField(form, label);
        field->setText(value.isEmpty() ? QStringLiteral("—") : value);
        field->setCursorPosition(0);  // a long path shows its start
    };
    row(tr("Name:"), name);
    row(tr("State:"), ContainerListModel::stateText(entry.value(QStringLiteral("state")).toString()));
    const qint64 pid = entry.value(QStringLiteral("pid")).toLongLong();
    row(tr("Init PID:"), pid > 0 ? QString::number(pid) : QString());
    row(tr("Hostname:"), entry.value(QStringLiteral("hostname")).toString());
    row(tr("Root filesystem:"), entry.value(QStringLiteral("rootfs")).toString());
    row(tr("Networks:"), entry.value(QStringLiteral("networks")).toStringList().join(QStringLiteral(", ")));
    row(tr("IPv4:"), entry.value(QStringLiteral("ipv4")).toStringList().join(QStringLiteral(", ")));
    row(tr("IPv6:"), entry.value(QStringLiteral("ipv6")).toStringList().join(QStringLiteral(", ")));
    row(tr("Ttys:"), QString::number(entry.value(QStringLiteral("ttys")).toUInt()));
    row(tr("Memory limit:"), memoryLimitText(entry.value(QStringLiteral("memory_limit")).toString()));
    row(tr("Autostart:"), entry.value(QStringLiteral("autostart")).toBool() ? tr("Yes") : tr("No"));
    row(tr("Privileges:"), ContainerListModel::privilegesText(entry) + QStringLiteral(" — ")
                               + ContainerListModel::privilegesToolTip(entry));
    if (entry.value(QStringLiteral("broken")).toBool())
        row(tr("Problem:"), entry.value(QStringLiteral("problem")).toString());
    tabs->addTab(general, tr("&General"));

    // The config file in an editor that validates as you type, and the
    // container's log; both from the helper.
    m_config = new ConfigEditor(connection, tabs);
    m_config->setContainer(name);
    tabs->addTab(m_config, tr("&Configuration"));
    m_log = new LogView(connection, tabs);
    m_log->setContainer(name);
    tabs->addTab(m_log, tr("&Log"));
    m_snapshots = new SnapshotsView(connection, tabs);
    m_snapshots->setContainer(name);
    m_snapshots->setState(entry.value(QStringLiteral("state")).toString());
    tabs->addTab(m_snapshots, tr("Sna&pshots"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(tabs);
    layout->addWidget(buttons);
    resize(680, 520);
}

void PropertiesDialog::reject()
{
    if (m_config->isModified()) {
        QMessageBox box(QMessageBox::Question, tr("Unsaved Changes"),
                        tr("The configuration of \"%1\" has changes that are not saved.").arg(m_config->container()),
                        QMessageBox::Discard | QMessageBox::Cancel, this);
        box.setObjectName(QStringLiteral("unsavedChanges"));
        // Saving is offered only when it can succeed as far as we know.
        QPushButton *save = m_config->saveButton()->isEnabled() ? box.addButton(QMessageBox::Save) : nullptr;
        box.setDefaultButton(QMessageBox::Cancel);
        runModal(box);
        if (box.clickedButton() == box.button(QMessageBox::Cancel) || !box.clickedButton())
            return;
        if (save && box.clickedButton() == save) {
            // Closes once the helper has written it; a refusal keeps the
            // dialog open with the problems shown.
            connect(m_config, &ConfigEditor::saved, this, &QDialog::reject, Qt::SingleShotConnection);
            m_config->save();
            return;
        }
        // Discard: close without asking again.
        m_config->setText(m_config->savedText());
    }
    QDialog::reject();
}
