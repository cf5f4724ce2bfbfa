#include "preferences.h"

#include <QSettings>

namespace {
// Stored in ~/.config/hutch/hutch.conf, whatever the application's
// organization name is.
const QString kStatsInterval = QStringLiteral("statsIntervalMs");
const QString kConfirmDestroy = QStringLiteral("confirmDestroy");
const QString kConfirmStop = QStringLiteral("confirmStop");
const QString kTheme = QStringLiteral("theme");
const char *const kThemeNames[] = {"system", "light", "dark"};
}

Preferences::Preferences(QObject *parent)
    : QObject(parent)
{
    const QSettings settings(QStringLiteral("hutch"), QStringLiteral("hutch"));
    m_statsIntervalMs = qBound(kMinStatsIntervalMs, settings.value(kStatsInterval, 2000).toInt(), kMaxStatsIntervalMs);
    m_confirmDestroy = settings.value(kConfirmDestroy, true).toBool();
    m_confirmStop = settings.value(kConfirmStop, true).toBool();
    const QString theme = settings.value(kTheme).toString();
    for (int i = 0; i < 3; ++i)
        if (theme == QLatin1String(kThemeNames[i]))
            m_theme = Theme(i);
}

void Preferences::setConfirmStop(bool confirm)
{
    if (confirm == m_confirmStop)
        return;
    m_confirmStop = confirm;
    QSettings(QStringLiteral("hutch"), QStringLiteral("hutch")).setValue(kConfirmStop, confirm);
    Q_EMIT changed();
}

void Preferences::setTheme(Theme theme)
{
    if (theme == m_theme)
        return;
    m_theme = theme;
    QSettings(QStringLiteral("hutch"), QStringLiteral("hutch")).setValue(kTheme, QLatin1String(kThemeNames[int(theme)]));
    Q_EMIT changed();
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
