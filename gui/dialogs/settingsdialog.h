// SettingsDialog: the helper's settings as it reports them (GetSettings:
// store, cache and runtime paths, default storage, the default bridge and
// its state), read-only because they are the administrator's, in
// /etc/hutch/hutch.conf; and this application's own preferences
// (Preferences), which take effect when the dialog is accepted.
#pragma once

#include <QDialog>
#include <QVariantMap>

class HelperConnection;
class Preferences;
class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QDoubleSpinBox;

class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    SettingsDialog(HelperConnection *connection, Preferences *preferences, QWidget *parent = nullptr);

    // Asks the helper again (done once on construction).
    void refresh();
    // The field showing a GetSettings key ("storePath", ...), for tests.
    QLineEdit *field(const QString &key) const { return m_fields.value(key); }
    QDoubleSpinBox *statsIntervalBox() const { return m_interval; }
    QCheckBox *confirmDestroyBox() const { return m_confirm; }
    QCheckBox *confirmStopBox() const { return m_confirmStop; }
    QComboBox *themeBox() const { return m_theme; }
    QLabel *noteLabel() const { return m_note; }

    // The text of a bridge state ("up", "down", "external") for a user.
    static QString bridgeStateText(const QString &state, const QString &bridge);

    void accept() override;

Q_SIGNALS:
    void settingsReceived(const QVariantMap &settings);

private:
    void showSettings(const QVariantMap &settings);

    HelperConnection *m_connection;
    Preferences *m_preferences;
    QHash<QString, QLineEdit *> m_fields;
    QLabel *m_note, *m_warning;
    QDoubleSpinBox *m_interval;
    QCheckBox *m_confirm;
    QCheckBox *m_confirmStop;
    QComboBox *m_theme;
};
