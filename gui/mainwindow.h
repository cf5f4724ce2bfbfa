#pragma once

#include <QMainWindow>

class ArchiveTransfers;
class ConsoleWindows;
class ContainerActions;
class ContainerFeed;
class ContainerListModel;
class ContainerView;
class DetailsPanel;
class FileTransfers;
class FilesView;
class HelperConnection;
class HostsPanel;
class ImportDialog;
class MessageBar;
class OperationsPanel;
class Preferences;
class QAction;
class QDockWidget;
class QLabel;
class QLineEdit;
class QMenu;
class QSortFilterProxyModel;
class ResourcesPanel;
class SettingsDialog;

// The main window: the container list (model fed by ContainerFeed), the
// actions (ContainerActions), the operations panel, the console windows and
// a status bar saying whether the helper is reachable. It lays out and wires
// these; their logic lives in their own files.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    HelperConnection *connection() const { return m_connection; }
    ContainerListModel *model() const { return m_model; }
    ContainerFeed *feed() const { return m_feed; }
    ContainerActions *actions() const { return m_actions; }
    OperationsPanel *operations() const { return m_operations; }
    ConsoleWindows *consoles() const { return m_consoles; }
    MessageBar *messageBar() const { return m_messages; }
    ResourcesPanel *resources() const { return m_resources; }
    DetailsPanel *details() const { return m_details; }
    Preferences *preferences() const { return m_preferences; }
    // Opens the Settings dialog (Edit → Settings…); returns it (tests).
    SettingsDialog *showSettings();
    ArchiveTransfers *transfers() const { return m_transfers; }
    FileTransfers *fileTransfers() const { return m_fileTransfers; }
    FilesView *filesView() const { return m_filesView; }
    // The host list (View → Hosts): this computer and the hosts added.
    HostsPanel *hosts() const { return m_hosts; }
    // Files dropped onto NAME's row: asks for the directory (/root by
    // default), then copies them in as jobs.
    void dropFiles(const QString &name, const QStringList &files);
    // Selects NAME in the list (a finished creation, a clone, an import).
    bool selectContainer(const QString &name);
    // Container → Export…: asks where (a save dialog) unless FILE is given
    // (tests), then follows the job in the operations panel.
    void exportContainer(const QString &name, const QString &file = QString());
    // File → Import…: asks for the archive (an open dialog) unless FILE is
    // given (tests), then opens the import dialog (window-modal, returned;
    // null when the user chose no file); accepting it starts the job.
    ImportDialog *importArchive(const QString &file = QString());

protected:
    void changeEvent(QEvent *event) override;

private:
    void createMenus();
    void createCentralView();
    void createToolBar();
    void wireActions();
    void retranslateUi();
    void updateConnectionStatus();
    void updatePlaceholder();
    QString menuPath(const QAction *action) const;
    void fitToScreen();
    void updateResourcesPanel();
    void showContextMenu(const QPoint &pos);
    void showError(const QString &message, bool refused);
    void openCreateWizard();
    void openCloneDialog(const QString &source);
    void showProperties(const QString &name);
    void showAbout();
    void applyPreferences();
    QStringList selectedNames() const;

    HelperConnection *m_connection = nullptr;
    ContainerListModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    ContainerFeed *m_feed = nullptr;
    ContainerActions *m_actions = nullptr;
    ArchiveTransfers *m_transfers = nullptr;
    FileTransfers *m_fileTransfers = nullptr;
    FilesView *m_filesView = nullptr;
    QDockWidget *m_filesDock = nullptr;
    HostsPanel *m_hosts = nullptr;
    QDockWidget *m_hostsDock = nullptr;
    ConsoleWindows *m_consoles = nullptr;
    OperationsPanel *m_operations = nullptr;
    QDockWidget *m_operationsDock = nullptr;
    ResourcesPanel *m_resources = nullptr;
    QDockWidget *m_resourcesDock = nullptr;
    DetailsPanel *m_details = nullptr;
    QDockWidget *m_detailsDock = nullptr;
    ContainerView *m_view = nullptr;
    MessageBar *m_messages = nullptr;
    QLineEdit *m_filter = nullptr;
    QLabel *m_placeholder = nullptr;
    QLabel *m_connectionLabel = nullptr;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_editMenu = nullptr;
    QMenu *m_containerMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_settingsAction = nullptr;
    Preferences *m_preferences = nullptr;
    QString m_selectAfterCreate;
    QString m_archiveDir;  // where the last export or import was, this session
};
