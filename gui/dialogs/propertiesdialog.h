// PropertiesDialog: what the helper knows of one container (its
// ListContainers entry), its configuration in an editor (ConfigEditor) and
// its log (LogView) and its snapshots (SnapshotsView).
#pragma once

#include <QDialog>
#include <QVariantMap>

class ConfigEditor;
class HelperConnection;
class LogView;
class SnapshotsView;

class PropertiesDialog : public QDialog
{
    Q_OBJECT

public:
    PropertiesDialog(HelperConnection *connection, const QVariantMap &entry, QWidget *parent = nullptr);

    ConfigEditor *configEditor() const { return m_config; }
    LogView *logView() const { return m_log; }
    SnapshotsView *snapshotsView() const { return m_snapshots; }

    // Close, Escape and the window's close button: unsaved edits of the
    // configuration are not dropped without asking.
    void reject() override;

private:
    ConfigEditor *m_config = nullptr;
    LogView *m_log = nullptr;
    SnapshotsView *m_snapshots = nullptr;
};
