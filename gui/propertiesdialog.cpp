#include "propertiesdialog.h"

#include "client.h"
#include "containerlistmodel.h"
#include "helperconnection.h"

#include <QDBusPendingReply>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QVBoxLayout>

PropertiesDialog::PropertiesDialog(HelperConnection *connection, const QVariantMap &entry, QWidget *parent)
    : QDialog(parent)
{
    const QString name = entry.value(QStringLiteral("name")).toString();
    setObjectName(QStringLiteral("propertiesDialog"));
    setWindowTitle(tr("Properties of \"%1\"").arg(name));
    auto *tabs = new QTabWidget(this);

    auto *general = new QWidget;
    auto *form = new QFormLayout(general);
    auto row = [form](const QString &label, const QString &value) {
        auto *l = new QLabel(value.isEmpty() ? QStringLiteral("—") : value);
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
        l->setWordWrap(true);
        form->addRow(label, l);
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
    row(tr("Memory limit:"), entry.value(QStringLiteral("memory_limit")).toString());
    row(tr("Autostart:"), entry.value(QStringLiteral("autostart")).toBool() ? tr("Yes") : tr("No"));
    if (entry.value(QStringLiteral("broken")).toBool())
        row(tr("Problem:"), entry.value(QStringLiteral("problem")).toString());
    tabs->addTab(general, tr("General"));

    auto *config = new QPlainTextEdit;
    config->setObjectName(QStringLiteral("configView"));
    config->setReadOnly(true);
    config->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    config->setPlainText(tr("Loading…"));
    tabs->addTab(config, tr("Configuration"));
    connection->watch(
        connection->helper()->GetConfig(name, {}), config,
        [config](const QDBusPendingCall &call) {
            const QDBusPendingReply<QList<QVariantMap>> reply = call;
            QStringList lines;
            for (const QVariantMap &e : reply.value())
                lines << QStringLiteral("%1 = %2").arg(e.value(QStringLiteral("key")).toString(),
                                                       e.value(QStringLiteral("value")).toString());
            config->setPlainText(lines.join(QLatin1Char('\n')));
        },
        [config](const QString &message, bool) { config->setPlainText(message); });

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(tabs);
    layout->addWidget(buttons);
    resize(560, 420);
}
