// Preferences: what the desktop user chooses for this application alone,
// kept in QSettings (~/.config/hutch/hutch.conf). The helper's own settings
// are system-wide and read-only here (SettingsDialog shows them).
#pragma once

#include <QObject>

class Preferences : public QObject
{
    Q_OBJECT

public:
    explicit Preferences(QObject *parent = nullptr);

    // How often the list and the details panel ask for resource use.
    int statsIntervalMs() const { return m_statsIntervalMs; }
    void setStatsIntervalMs(int ms);
    // Whether Destroy asks before it destroys.
    bool confirmDestroy() const { return m_confirmDestroy; }
    void setConfirmDestroy(bool confirm);
    // Whether Stop (kill) and Reboot ask before they act.
    bool confirmStop() const { return m_confirmStop; }
    void setConfirmStop(bool confirm);
    // The colours: the system's palette, or light or dark whatever it is.
    enum class Theme { System, Light, Dark };
    Theme theme() const { return m_theme; }
    void setTheme(Theme theme);

    static constexpr int kMinStatsIntervalMs = 500;
    static constexpr int kMaxStatsIntervalMs = 60000;

Q_SIGNALS:
    void changed();

private:
    int m_statsIntervalMs = 2000;
    bool m_confirmDestroy = true;
    bool m_confirmStop = true;
    Theme m_theme = Theme::System;
};
