#include "preferences.h"

#include <QSettings>

namespace {
// Stored in ~/.config/hutch/hutch.conf, whatever the application's
// organization name is.
const QString kStatsInterval = QStringLiteral("statsIntervalMs");
const QString kConfirmDestroy = QStringLiteral("confirmDestroy");
}

Preferences::Preferences(QObject *parent)
    : QObject(parent)
{
    const QSettings settings(QStringLiteral("hutch"), QStringLiteral("hutch"));
    m_statsIntervalMs = qBound(kMinStatsIntervalMs, settings.value(kStatsInterval, 2000).toInt(), kMaxStatsIntervalMs);
    m_confirmDestroy = settings.value(kConfirmDestroy, true).toBool();
}

void Preferences::setStatsIntervalMs(int ms)
{
    ms = qBound(kMinStatsIntervalMs, ms, kMaxStatsIntervalMs);
    if (ms == m_statsIntervalMs)
        return;
    m_statsIntervalMs = ms;
    QSettings(QStringLiteral("hutch"), QStringLiteral("hutch")).setValue(kStatsInterval, ms);
    Q_EMIT changed();
}

void Preferences::setConfirmDestroy(bool confirm)
{
    if (confirm == m_confirmDestroy)
        return;
    m_confirmDestroy = confirm;
    QSettings(QStringLiteral("hutch"), QStringLiteral("hutch")).setValue(kConfirmDestroy, confirm);
    Q_EMIT changed();
}
