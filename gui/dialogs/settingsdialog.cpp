#include "settingsdialog.h"

#include "client.h"
#include "helperconnection.h"
#include "preferences.h"
#include "readonlyfield.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

SettingsDialog::SettingsDialog(HelperConnection *connection, Preferences *preferences, QWidget *parent)
    : QDialog(parent), m_connection(connection), m_preferences(preferences), m_note(new QLabel(this)),
      m_warning(new QLabel(this)), m_interval(new QDoubleSpinBox(this)), m_confirm(new QCheckBox(this)),
      m_confirmStop(new QCheckBox(this)), m_theme(new QComboBox(this))
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));

    // The helper's settings: read-only line edits rather than labels, so
    // that a keyboard user can reach, read and copy each path.
    auto *system = new QGroupBox(tr("System-wide (hutch-helper)"), this);
    auto *form = new QFormLayout(system);
    const QList<QPair<QString, QString>> rows = {
        {QStringLiteral("storePath"), tr("&Container store:")},
        {QStringLiteral("cachePath"), tr("C&ache:")},
        {QStringLiteral("runtimePath"), tr("R&untime files:")},
        {QStringLiteral("defaultBackingStore"), tr("Default &storage:")},
        {QStringLiteral("defaultBridge"), tr("Default &bridge:")},
        {QStringLiteral("bridgeState"), tr("Bridge s&tate:")},
        {QStringLiteral("bridgeSubnet"), tr("Bridge subn&et:")},
        {QStringLiteral("dnsmasqRunning"), tr("D&HCP and DNS (dnsmasq):")},
        {QStringLiteral("settingsPath"), tr("Settings &file:")},
    };
    for (const auto &[key, label] : rows) {
        QLineEdit *edit = addReadOnlyField(form, label);
        edit->setObjectName(key + QStringLiteral("Field"));
        edit->setPlaceholderText(tr("unknown"));
        m_fields.insert(key, edit);
    }
    m_warning->setObjectName(QStringLiteral("settingsWarning"));
    m_warning->setWordWrap(true);
    m_warning->hide();
    m_note->setObjectName(QStringLiteral("settingsNote"));
    m_note->setWordWrap(true);
    m_note->setText(tr("These settings belong to the system and are changed by an administrator in "
                       "/etc/hutch/hutch.conf; hutch-helper reads them when it starts."));
    form->addRow(m_warning);
    form->addRow(m_note);

    auto *local = new QGroupBox(tr("This application"), this);
    auto *localForm = new QFormLayout(local);
    m_interval->setObjectName(QStringLiteral("statsIntervalBox"));
    m_interval->setRange(Preferences::kMinStatsIntervalMs / 1000.0, Preferences::kMaxStatsIntervalMs / 1000.0);
    m_interval->setDecimals(1);
    m_interval->setSingleStep(0.5);
    m_interval->setSuffix(tr(" s"));
    m_interval->setValue(preferences->statsIntervalMs() / 1000.0);
    m_interval->setAccessibleName(tr("Resource use refresh interval"));
    auto *intervalLabel = new QLabel(tr("&Refresh resource use every:"), local);
    intervalLabel->setBuddy(m_interval);
    localForm->addRow(intervalLabel, m_interval);
    m_confirm->setObjectName(QStringLiteral("confirmDestroyBox"));
    m_confirm->setText(tr("Ask before &destroying a container"));
    m_confirm->setChecked(preferences->confirmDestroy());
    localForm->addRow(m_confirm);
    m_confirmStop->setObjectName(QStringLiteral("confirmStopBox"));
    m_confirmStop->setText(tr("Ask before s&topping or rebooting a container"));
    m_confirmStop->setChecked(preferences->confirmStop());
    localForm->addRow(m_confirmStop);
    m_theme->setObjectName(QStringLiteral("themeBox"));
    m_theme->addItem(tr("As the system"), int(Preferences::Theme::System));
    m_theme->addItem(tr("Light"), int(Preferences::Theme::Light));
    m_theme->addItem(tr("Dark"), int(Preferences::Theme::Dark));
    m_theme->setCurrentIndex(m_theme->findData(int(preferences->theme())));
    m_theme->setAccessibleName(tr("Colours"));
    auto *themeLabel = new QLabel(tr("C&olours:"), local);
    themeLabel->setBuddy(m_theme);
    localForm->addRow(themeLabel, m_theme);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(QStringLiteral("settingsButtons"));
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(system);
    layout->addWidget(local);
    layout->addWidget(buttons);
    resize(680, sizeHint().height());
    refresh();
}

QString SettingsDialog::bridgeStateText(const QString &state, const QString &bridge)
{
    if (state == QLatin1String("up"))
        return tr("%1 is up (made and run by Hutch)").arg(bridge);
    if (state == QLatin1String("down"))
        return tr("%1 is not created yet (Hutch makes it when a container needs it)").arg(bridge);
    if (state == QLatin1String("external"))
        return tr("%1 is a bridge of this system's, not Hutch's").arg(bridge);
    return state;
}

void SettingsDialog::refresh()
{
    if (!m_connection->isConnected()) {
        m_warning->setText(tr("Not connected to the helper: its settings are unknown."));
        m_warning->show();
        return;
    }
    auto *watcher = new QDBusPendingCallWatcher(
        m_connection->helper()->GetSettings({}), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher] {
        watcher->deleteLater();
        if (watcher->isError()) {
            m_warning->setText(HelperConnection::readableError(watcher->error()));
            m_warning->show();
            return;
        }
        const QDBusPendingReply<QVariantMap> reply = *watcher;
        showSettings(hutch::client::plainMap(reply.value()));
    });
}

void SettingsDialog::showSettings(const QVariantMap &settings)
{
    for (auto it = m_fields.begin(); it != m_fields.end(); ++it) {
        const QVariant v = settings.value(it.key());
        QString text = v.toString();
        if (it.key() == QLatin1String("bridgeState"))
            text = bridgeStateText(text, settings.value(QStringLiteral("defaultBridge")).toString());
        else if (it.key() == QLatin1String("dnsmasqRunning") && v.isValid())
            text = v.toBool() ? tr("running") : tr("not running");
        else if (it.key() == QLatin1String("bridgeSubnet") && text.isEmpty() && settings.contains(it.key()))
            text = tr("none yet");
        (*it)->setText(text);
        (*it)->setCursorPosition(0);
    }
    const QString settingsPath = settings.value(QStringLiteral("settingsPath")).toString();
    if (!settingsPath.isEmpty())
        m_note->setText(tr("These settings belong to the system and are changed by an administrator in "
                           "%1; hutch-helper reads them when it starts.").arg(settingsPath));
    const QString warning = settings.value(QStringLiteral("warning")).toString();
    m_warning->setText(warning);
    m_warning->setVisible(!warning.isEmpty());
    Q_EMIT settingsReceived(settings);
}

void SettingsDialog::accept()
{
    m_preferences->setStatsIntervalMs(qRound(m_interval->value() * 1000));
    m_preferences->setConfirmDestroy(m_confirm->isChecked());
    m_preferences->setConfirmStop(m_confirmStop->isChecked());
    m_preferences->setTheme(Preferences::Theme(m_theme->currentData().toInt()));
    QDialog::accept();
}
