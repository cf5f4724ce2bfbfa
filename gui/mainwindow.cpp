#include "mainwindow.h"

#include "archivetransfers.h"
#include "clonedialog.h"
#include "consolewindow.h"
#include "containeractions.h"
#include "containerfeed.h"
#include "containerlistmodel.h"
#include "containerview.h"
#include "createwizard.h"
#include "hostcheckdialog.h"
#include "detailspanel.h"
#include "filesview.h"
#include "filetransfers.h"
#include "helperconnection.h"
#include "hostspanel.h"
#include "hosttransfers.h"
#include "importdialog.h"
#include "messagebar.h"
#include "modal.h"
#include "operationspanel.h"
#include "preferences.h"
#include "propertiesdialog.h"
#include "remotehosts.h"
#include "resourcespanel.h"
#include "settingsdialog.h"
#include "sparklinedelegate.h"
#include "theme.h"

#include <QAction>
#include <QDesktopServices>
#include <QDockWidget>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QRegularExpression>
#include <QScreen>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QToolBar>
#include <QUrl>
#include <QVBoxLayout>

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    m_preferences = new Preferences(this);
    m_connection = new HelperConnection(this);
    m_model = new ContainerListModel(this);
    m_feed = new ContainerFeed(m_connection, m_model, this);
    m_actions = new ContainerActions(m_connection, m_model, this);
    m_transfers = new ArchiveTransfers(m_connection, this);
    m_fileTransfers = new FileTransfers(m_connection, this);
    m_consoles = new ConsoleWindows(m_connection, this);

    createCentralView();
    createMenus();
    createToolBar();

    m_operations = new OperationsPanel(m_connection, this);
    m_operationsDock = new QDockWidget(this);
    m_operationsDock->setObjectName(QStringLiteral("operationsDock"));
    m_operationsDock->setWidget(m_operations);
    m_operationsDock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable);
    addDockWidget(Qt::BottomDockWidgetArea, m_operationsDock);
    m_operationsDock->hide();
    m_viewMenu->addAction(m_operationsDock->toggleViewAction());

    m_resources = new ResourcesPanel(m_connection, this);
    m_resourcesDock = new QDockWidget(this);
    m_resourcesDock->setObjectName(QStringLiteral("resourcesDock"));
    m_resourcesDock->setWidget(m_resources);
    m_resourcesDock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable);
    addDockWidget(Qt::RightDockWidgetArea, m_resourcesDock);
    m_resourcesDock->hide();
    QAction *showResources = m_resourcesDock->toggleViewAction();
    showResources->setObjectName(QStringLiteral("actionResources"));
    showResources->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_viewMenu->addAction(showResources);

    m_details = new DetailsPanel(m_connection, this);
    m_detailsDock = new QDockWidget(this);
    m_detailsDock->setObjectName(QStringLiteral("detailsDock"));
    m_detailsDock->setWidget(m_details);
    m_detailsDock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable);
    addDockWidget(Qt::RightDockWidgetArea, m_detailsDock);
    tabifyDockWidget(m_resourcesDock, m_detailsDock);
    m_detailsDock->hide();
    QAction *showDetails = m_detailsDock->toggleViewAction();
    showDetails->setObjectName(QStringLiteral("actionDetails"));
    showDetails->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    m_viewMenu->addAction(showDetails);

    // The Files tab lists only while shown: a listing asks polkit.
    m_filesView = new FilesView(m_connection, m_fileTransfers, this);
    m_filesDock = new QDockWidget(this);
    m_filesDock->setObjectName(QStringLiteral("filesDock"));
    m_filesDock->setWidget(m_filesView);
    m_filesDock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable);
    addDockWidget(Qt::RightDockWidgetArea, m_filesDock);
    tabifyDockWidget(m_detailsDock, m_filesDock);
    m_filesDock->hide();
    QAction *showFiles = m_filesDock->toggleViewAction();
    showFiles->setObjectName(QStringLiteral("actionFiles"));
    m_viewMenu->addAction(showFiles);
    connect(m_filesDock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible)
            updateResourcesPanel();
    });

    // The host list: shown from the start once the user has added a host.
    auto *remoteHosts = new RemoteHosts(this);
    m_consoles->setRemoteHosts(remoteHosts);
    m_hosts = new HostsPanel(remoteHosts, new HostTransfers(this), m_model, m_operations, this);
    m_hostsDock = new QDockWidget(this);
    m_hostsDock->setObjectName(QStringLiteral("hostsDock"));
    m_hostsDock->setWidget(m_hosts);
    m_hostsDock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable);
    addDockWidget(Qt::LeftDockWidgetArea, m_hostsDock);
    m_hostsDock->setVisible(!remoteHosts->hosts().isEmpty());
    QAction *showHosts = m_hostsDock->toggleViewAction();
    showHosts->setObjectName(QStringLiteral("actionHosts"));
    m_viewMenu->addAction(showHosts);
    connect(remoteHosts, &RemoteHosts::hostsChanged, m_hostsDock, [this, remoteHosts] {
        if (!remoteHosts->hosts().isEmpty())
            m_hostsDock->show();
    });
    connect(m_hosts, &HostsPanel::operationStarted, m_operationsDock, &QWidget::show);
    connect(m_hosts, &HostsPanel::error, this, &MainWindow::showError);
    // Another host's console or shell opens in the same console windows.
    connect(m_hosts, &HostsPanel::consoleRequested, this, [this, remoteHosts](const QString &host, const QString &name) {
        if (host.isEmpty())
            m_consoles->openConsole(name, 0);
        else if (const RemoteHosts::Host *h = remoteHosts->host(host))
            m_consoles->openRemoteConsole(host, h->target(), name, 0);
    });
    connect(m_hosts, &HostsPanel::shellRequested, this, [this, remoteHosts](const QString &host, const QString &name) {
        if (host.isEmpty())
            m_consoles->openShell(name);
        else if (const RemoteHosts::Host *h = remoteHosts->host(host))
            m_consoles->openRemoteShell(host, h->target(), name);
    });

    m_connectionLabel = new QLabel(this);
    m_connectionLabel->setObjectName(QStringLiteral("connectionLabel"));
    statusBar()->addPermanentWidget(m_connectionLabel);

    wireActions();
    applyPreferences();
    connect(m_preferences, &Preferences::changed, this, &MainWindow::applyPreferences);
    retranslateUi();
    updateConnectionStatus();
    fitToScreen();
}

void MainWindow::fitToScreen()
{
    // 960×560 where there is room; never more than the screen's available
    // area (a laptop at 200 % has 640×400 of it), never less than the
    // window's own minimum.
    QSize size(960, 560);
    if (const QScreen *s = screen()) {
        const QSize room = s->availableGeometry().size() * 0.9;
        size = size.boundedTo(room).expandedTo(minimumSizeHint().boundedTo(room));
    }
    resize(size);
}

MainWindow::~MainWindow() = default;

void MainWindow::createCentralView()
{
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ContainerListModel::SortRole);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    // The filter matches the name and the addresses: what a user remembers.
    m_proxy->setFilterKeyColumn(-1);
    // A state change re-sorts and re-filters only the rows it touches.
    m_proxy->setDynamicSortFilter(true);

    m_view = new ContainerView(this);
    m_view->setObjectName(QStringLiteral("containerView"));
    m_view->setModel(m_proxy);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);  // no per-row size query with 1,000 rows
    m_view->setAllColumnsShowFocus(true);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(ContainerListModel::Name, Qt::AscendingOrder);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setAccessibleName(tr("Containers"));
    QHeaderView *header = m_view->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(ContainerListModel::Addresses, QHeaderView::Stretch);
    header->resizeSection(ContainerListModel::Name, 200);
    header->resizeSection(ContainerListModel::State, 110);
    // The CPU column holds the sparkline and the value beside it.
    m_view->setItemDelegateForColumn(ContainerListModel::Cpu, new SparklineDelegate(m_view));
    header->resizeSection(ContainerListModel::Cpu, 130);
    header->resizeSection(ContainerListModel::Memory, 90);
    header->resizeSection(ContainerListModel::Autostart, 80);

    // The explanation sits inside the list's empty area, under the column
    // headers, the way file managers show "folder is empty".
    m_placeholder = new QLabel(m_view->viewport());
    m_placeholder->setObjectName(QStringLiteral("placeholderLabel"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setTextFormat(Qt::RichText);
    m_placeholder->setMaximumWidth(fontMetrics().averageCharWidth() * 70);
    m_placeholder->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    auto *placeholderLayout = new QHBoxLayout(m_view->viewport());
    placeholderLayout->addStretch();
    placeholderLayout->addWidget(m_placeholder, 1);
    placeholderLayout->addStretch();

    m_messages = new MessageBar(this);
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_messages);
    layout->addWidget(m_view, 1);
    setCentralWidget(central);

    m_actions->setSelectionSource([this] { return selectedNames(); });
}

void MainWindow::createMenus()
{
    using K = ContainerActions;
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->setObjectName(QStringLiteral("menuFile"));
    m_fileMenu->addAction(m_actions->action(K::Create));
    m_fileMenu->addAction(m_actions->action(K::Import));
    m_fileMenu->addAction(m_actions->action(K::Refresh));
    m_fileMenu->addSeparator();
    m_quitAction = m_fileMenu->addAction(QString());
    m_quitAction->setObjectName(QStringLiteral("actionQuit"));
    m_quitAction->setIcon(QIcon::fromTheme(QStringLiteral("application-exit")));
    // Explicit rather than QKeySequence::Quit: that standard key is empty on
    // some platform themes (e.g. offscreen), and Ctrl+Q is what desktops use.
    m_quitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_editMenu = menuBar()->addMenu(QString());
    m_editMenu->setObjectName(QStringLiteral("menuEdit"));
    m_settingsAction = m_editMenu->addAction(QIcon::fromTheme(QStringLiteral("preferences-system")), QString());
    m_settingsAction->setObjectName(QStringLiteral("actionSettings"));
    // QKeySequence::Preferences is empty on most Linux themes; Ctrl+, is
    // what GNOME and KDE applications use.
    m_settingsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    m_settingsAction->setMenuRole(QAction::PreferencesRole);
    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::showSettings);

    m_containerMenu = menuBar()->addMenu(QString());
    m_containerMenu->setObjectName(QStringLiteral("menuContainer"));
    m_containerMenu->addActions(m_actions->lifecycleActions());
    m_containerMenu->addSeparator();
    m_containerMenu->addAction(m_actions->action(K::Console));
    m_containerMenu->addAction(m_actions->action(K::Shell));
    m_containerMenu->addSeparator();
    m_containerMenu->addAction(m_actions->action(K::Clone));
    m_containerMenu->addAction(m_actions->action(K::Export));
    m_containerMenu->addAction(m_actions->action(K::Rename));
    m_containerMenu->addAction(m_actions->action(K::Destroy));
    m_containerMenu->addSeparator();
    m_containerMenu->addMenu(m_actions->copyCommandMenu());
    m_containerMenu->addAction(m_actions->action(K::Properties));

    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->setObjectName(QStringLiteral("menuView"));
    m_findAction = m_viewMenu->addAction(QIcon::fromTheme(QStringLiteral("edit-find")), QString());
    m_findAction->setObjectName(QStringLiteral("actionFind"));
    m_findAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F));
    connect(m_findAction, &QAction::triggered, this, [this] {
        m_filter->setFocus();
        m_filter->selectAll();
    });

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->setObjectName(QStringLiteral("menuHelp"));
    QAction *hostCheck = m_helpMenu->addAction(tr("Host &Check…"));
    hostCheck->setObjectName(QStringLiteral("actionHostCheck"));
    connect(hostCheck, &QAction::triggered, this, [this] {
        auto *dialog = new HostCheckDialog(m_connection, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
    m_aboutAction = m_helpMenu->addAction(QString());
    m_aboutAction->setObjectName(QStringLiteral("actionAbout"));
    m_aboutAction->setIcon(QIcon::fromTheme(QStringLiteral("help-about")));
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::createToolBar()
{
    using K = ContainerActions;
    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(m_actions->action(K::Create));
    bar->addSeparator();
    bar->addAction(m_actions->action(K::Start));
    bar->addAction(m_actions->action(K::Shutdown));
    bar->addAction(m_actions->action(K::Console));
    bar->addSeparator();
    bar->addAction(m_actions->action(K::Clone));
    bar->addAction(m_actions->action(K::Destroy));
    auto *spacer = new QWidget(bar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    bar->addWidget(spacer);
    m_filter = new QLineEdit(bar);
    m_filter->setObjectName(QStringLiteral("filterEdit"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setMinimumWidth(fontMetrics().averageCharWidth() * 30);
    m_filter->setMaximumWidth(fontMetrics().averageCharWidth() * 40);
    m_filter->addAction(QIcon::fromTheme(QStringLiteral("edit-find")), QLineEdit::LeadingPosition);
    bar->addWidget(m_filter);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, [this](const QString &text) {
        m_proxy->setFilterFixedString(text);
        updatePlaceholder();
    });
}

void MainWindow::wireActions()
{
    using K = ContainerActions;
    auto update = [this] {
        m_actions->updateEnabled();
        updatePlaceholder();
        updateResourcesPanel();
    };
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, update);
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this] {
        m_actions->updateEnabled();
        updateResourcesPanel();
    });
    connect(m_resources, &ResourcesPanel::error, this, &MainWindow::showError);
    connect(m_resources, &ResourcesPanel::applied, m_details, [this](const QString &file, const QString &) {
        m_details->mark(tr("limit %1").arg(file));
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, update);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, update);
    connect(m_model, &QAbstractItemModel::modelReset, this, update);
    connect(m_view, &QWidget::customContextMenuRequested, this, &MainWindow::showContextMenu);
    connect(m_view, &QAbstractItemView::doubleClicked, this, [this] {
        if (m_actions->action(K::Console)->isEnabled())
            m_actions->action(K::Console)->trigger();
        else
            m_actions->action(K::Properties)->trigger();
    });
    connect(m_view, &ContainerView::cloneDropped, this, &MainWindow::openCloneDialog);
    // Return does what a double click does: the console of a running
    // container, else its properties.
    connect(m_view, &ContainerView::returnPressed, this, [this] {
        if (m_actions->action(K::Console)->isEnabled())
            m_actions->action(K::Console)->trigger();
        else if (m_actions->action(K::Properties)->isEnabled())
            m_actions->action(K::Properties)->trigger();
    });
    connect(m_view, &ContainerView::rowHovered, this, [this](const QString &name) {
        if (name.isEmpty())
            statusBar()->clearMessage();
        else
            statusBar()->showMessage(tr("Drag \"%1\" onto the list to clone it; double-click or Return opens it.")
                                         .arg(name), 4000);
    });

    connect(m_connection, &HelperConnection::connected, this, &MainWindow::updateConnectionStatus);
    connect(m_connection, &HelperConnection::disconnected, this, &MainWindow::updateConnectionStatus);
    connect(m_feed, &ContainerFeed::failed, this, [this](const QString &m) { showError(m, false); });
    connect(m_feed, &ContainerFeed::listed, this, [this] {
        updatePlaceholder();
        if (!m_selectAfterCreate.isEmpty() && selectContainer(m_selectAfterCreate))
            m_selectAfterCreate.clear();
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (!m_selectAfterCreate.isEmpty() && selectContainer(m_selectAfterCreate))
            m_selectAfterCreate.clear();
    });

    connect(m_actions, &ContainerActions::error, this, &MainWindow::showError);
    connect(m_actions, &ContainerActions::confirmStopTurnedOff, m_preferences, [this] {
        m_preferences->setConfirmStop(false);
    });
    connect(m_actions, &ContainerActions::info, this, [this](const QString &message) {
        if (message.isEmpty())
            m_feed->refresh();
        else
            statusBar()->showMessage(message, 5000);
    });
    auto track = [this](const QString &path, const QString &op, const QString &name) {
        m_operations->track(path, op, name);
        m_operationsDock->show();
    };
    connect(m_actions, &ContainerActions::jobStarted, this, track);
    connect(m_transfers, &ArchiveTransfers::jobStarted, this, track);
    connect(m_transfers, &ArchiveTransfers::error, this, &MainWindow::showError);
    connect(m_fileTransfers, &FileTransfers::jobStarted, this, track);
    connect(m_fileTransfers, &FileTransfers::error, this, &MainWindow::showError);
    connect(m_filesView, &FilesView::error, this, &MainWindow::showError);
    connect(m_view, &ContainerView::filesDropped, this, &MainWindow::dropFiles);
    connect(m_transfers, &ArchiveTransfers::exported, this, [this](const QString &name, const QString &file) {
        const QString folder = QFileInfo(file).absolutePath();
        m_messages->showMessage(tr("Export finished: \"%1\" is in %2.").arg(name, file), MessageBar::Kind::Information,
                                tr("Show in &Folder"),
                                [folder] { QDesktopServices::openUrl(QUrl::fromLocalFile(folder)); });
    });
    connect(m_actions, &ContainerActions::exportRequested, this, [this](const QString &name) { exportContainer(name); });
    connect(m_actions, &ContainerActions::importRequested, this, [this] { importArchive(); });
    connect(m_actions, &ContainerActions::consoleRequested, m_consoles, &ConsoleWindows::openConsole);
    connect(m_actions, &ContainerActions::shellRequested, m_consoles, &ConsoleWindows::openShell);
    connect(m_actions, &ContainerActions::createRequested, this, &MainWindow::openCreateWizard);
    connect(m_actions, &ContainerActions::cloneRequested, this, &MainWindow::openCloneDialog);
    connect(m_actions, &ContainerActions::propertiesRequested, this, &MainWindow::showProperties);

    connect(m_operations, &OperationsPanel::progressed, this, [this] { m_operationsDock->show(); });
    connect(m_operations, &OperationsPanel::finished, this,
            [this](const QString &, const QString &op, const QString &name, bool success, bool cancelled,
                   const QString &message) {
                // A cancelled job is what the user asked for: a note, not an error.
                const QString what = OperationsPanel::operationText(op);
                if (cancelled)
                    statusBar()->showMessage(tr("Cancelled: %1 of \"%2\"").arg(what, name), 5000);
                else if (!success)
                    showError(tr("%1 of \"%2\" failed: %3").arg(what, name, message), false);
                else if ((op == QLatin1String("clone") || op == QLatin1String("import")) && !selectContainer(name))
                    m_selectAfterCreate = name;  // when its row comes
                if (m_operations->runningCount() == 0)
                    m_operationsDock->hide();
            });
}

QStringList MainWindow::selectedNames() const
{
    QStringList names;
    for (const QModelIndex &i : m_view->selectionModel()->selectedRows())
        names << i.data(ContainerListModel::NameRole).toString();
    return names;
}

bool MainWindow::selectContainer(const QString &name)
{
    const int row = m_model->rowOf(name);
    if (row < 0)
        return false;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid())
        return false;
    m_view->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
    return true;
}

void MainWindow::showContextMenu(const QPoint &pos)
{
    using K = ContainerActions;
    // The menu acts on the row that was clicked: a click outside the
    // selection makes that row the selection, as file managers do.
    const QModelIndex index = m_view->indexAt(pos);
    if (index.isValid() && !m_view->selectionModel()->isRowSelected(index.row(), index.parent()))
        m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect
                                                             | QItemSelectionModel::Rows);
    else if (!index.isValid())
        m_view->clearSelection();
    m_actions->updateEnabled();

    QMenu menu(this);
    menu.setObjectName(QStringLiteral("containerContextMenu"));
    if (!index.isValid()) {
        menu.addAction(m_actions->action(K::Create));
        menu.addAction(m_actions->action(K::Import));
        menu.addAction(m_actions->action(K::Refresh));
    } else {
        menu.addActions(m_actions->lifecycleActions());
        menu.addSeparator();
        // Console: the main console or one of the container's ttys.
        QMenu *console = menu.addMenu(m_actions->action(K::Console)->icon(), tr("&Console"));
        console->setObjectName(QStringLiteral("menuConsole"));
        console->setEnabled(m_actions->action(K::Console)->isEnabled());
        const QString name = index.data(ContainerListModel::NameRole).toString();
        QAction *main = console->addAction(tr("Main &Console"));
        main->setObjectName(QStringLiteral("actionMainConsole"));
        connect(main, &QAction::triggered, this, [this, name] { m_consoles->openConsole(name, 0); });
        const uint ttys = index.data(ContainerListModel::TtysRole).toUInt();
        for (uint n = 1; n <= ttys; ++n) {
            QAction *a = console->addAction(tr("tty&%1").arg(n));
            a->setObjectName(QStringLiteral("actionTty%1").arg(n));
            connect(a, &QAction::triggered, this, [this, name, n] { m_consoles->openConsole(name, n); });
        }
        menu.addAction(m_actions->action(K::Shell));
        menu.addAction(m_actions->action(K::Throwaway));
        menu.addSeparator();
        menu.addAction(m_actions->action(K::Clone));
        menu.addAction(m_actions->action(K::Export));
        menu.addAction(m_actions->action(K::Rename));
        menu.addAction(m_actions->action(K::Destroy));
        menu.addSeparator();
        menu.addMenu(m_actions->copyCommandMenu());
        menu.addAction(m_actions->action(K::Properties));
    }
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

void MainWindow::showError(const QString &message, bool refused)
{
    // A refusal is the answer the user's policy gives: information, calmly.
    m_messages->showMessage(message, refused ? MessageBar::Kind::Information : MessageBar::Kind::Error);
}

void MainWindow::openCreateWizard()
{
    auto *wizard = new CreateWizard(m_connection, m_model, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(wizard, &CreateWizard::created, this, [this](const QString &name) {
        if (!selectContainer(name))
            m_selectAfterCreate = name;
    });
    wizard->show();
}

void MainWindow::openCloneDialog(const QString &source)
{
    const QString state = m_model->stateOf(source);
    if (state.isEmpty())
        return;
    // Cloning copies a stopped container; a running one is not refused
    // later by the helper but explained now.
    if (state != QLatin1String("STOPPED")) {
        showError(tr("\"%1\" is %2. Stop it before cloning it.").arg(source, ContainerListModel::stateText(state).toLower()),
                  false);
        return;
    }
    CloneDialog dialog(source, m_model, this);
    if (runModal(dialog) != QDialog::Accepted)
        return;
    m_actions->clone(source, dialog.newName(), dialog.snapshot());
}

void MainWindow::exportContainer(const QString &name, const QString &file)
{
    QString path = file;
    QString compression = ArchiveTransfers::compressionFor(file);
    if (path.isEmpty()) {
        QFileDialog dialog(this, tr("Export \"%1\"").arg(name));
        dialog.setObjectName(QStringLiteral("exportFileDialog"));
        dialog.setAcceptMode(QFileDialog::AcceptSave);
        dialog.setFileMode(QFileDialog::AnyFile);
        const QStringList filters = ArchiveTransfers::nameFilters();
        const QStringList kinds = ArchiveTransfers::compressions();
        dialog.setNameFilters(filters);
        dialog.selectNameFilter(filters.first());
        // A name typed without a suffix gets the chosen kind's (and the
        // dialog asks about replacing that file, not the typed one).
        dialog.setDefaultSuffix(ArchiveTransfers::suffixFor(kinds.first()).mid(1));
        connect(&dialog, &QFileDialog::filterSelected, &dialog, [&](const QString &filter) {
            if (const qsizetype i = filters.indexOf(filter); i >= 0)
                dialog.setDefaultSuffix(ArchiveTransfers::suffixFor(kinds.at(i)).mid(1));
        });
        dialog.setDirectory(m_archiveDir.isEmpty() ? QDir::homePath() : m_archiveDir);
        dialog.selectFile(name + ArchiveTransfers::suffixFor(kinds.first()));
        if (runModal(dialog) != QDialog::Accepted || dialog.selectedFiles().isEmpty())
            return;
        path = dialog.selectedFiles().constFirst();
        compression = ArchiveTransfers::compressionFor(path);
        // Another suffix than the four: the kind the filter says.
        if (compression.isEmpty())
            compression = kinds.value(filters.indexOf(dialog.selectedNameFilter()), kinds.first());
    }
    m_archiveDir = QFileInfo(path).absolutePath();
    statusBar()->showMessage(ArchiveTransfers::exportCommand(name, path), 5000);
    m_transfers->exportContainer(name, path, compression);
}

ImportDialog *MainWindow::importArchive(const QString &file)
{
    QString path = file;
    if (path.isEmpty()) {
        const QStringList filters = QStringList{tr("Container archives") + QStringLiteral(" (*.tar.xz *.tar.gz *.tar.zst *.tar)")}
            + ArchiveTransfers::nameFilters() + QStringList{tr("All files") + QStringLiteral(" (*)")};
        path = QFileDialog::getOpenFileName(this, tr("Import Container"),
                                            m_archiveDir.isEmpty() ? QDir::homePath() : m_archiveDir,
                                            filters.join(QStringLiteral(";;")));
        if (path.isEmpty())
            return nullptr;
    }
    m_archiveDir = QFileInfo(path).absolutePath();
    auto *dialog = new ImportDialog(path, m_model, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        statusBar()->showMessage(dialog->command(), 5000);
        m_transfers->importArchive(dialog->file(), dialog->newName(), dialog->backingStore());
    });
    dialog->open();
    return dialog;
}

void MainWindow::showProperties(const QString &name)
{
    auto *dialog = new PropertiesDialog(m_connection, m_model->entryOf(name), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::updateResourcesPanel()
{
    const QStringList names = selectedNames();
    const QString name = names.size() == 1 ? names.first() : QString();
    const QString state = m_model->stateOf(name);
    const bool running = state == QLatin1String("RUNNING") || state == QLatin1String("FROZEN");
    if (name != m_resources->container() || running != m_resources->isRunning())
        m_resources->setContainer(name, running);
    m_details->setContainer(m_model->entryOf(name));
    if (m_filesDock->isVisible())
        m_filesView->setContainer(name);
}

void MainWindow::dropFiles(const QString &name, const QStringList &files)
{
    bool ok = false;
    QInputDialog dialog(this);
    dialog.setObjectName(QStringLiteral("dropDirectoryDialog"));
    dialog.setWindowTitle(tr("Copy into \"%1\"").arg(name));
    dialog.setLabelText(tr("Copy %n item(s) into this directory of \"%1\":", nullptr, int(files.size())).arg(name));
    dialog.setTextValue(QStringLiteral("/root"));
    ok = runModal(dialog) == QDialog::Accepted;
    const QString directory = dialog.textValue().trimmed();
    if (!ok || directory.isEmpty())
        return;
    if (!directory.startsWith(QLatin1Char('/'))) {
        showError(tr("\"%1\" is not a directory of the container: it must start with \"/\".").arg(directory), false);
        return;
    }
    m_fileTransfers->push(name, files, directory);
    statusBar()->showMessage(FileTransfers::pushCommand(name, files.first(), directory), 5000);
}

void MainWindow::updateConnectionStatus()
{
    const bool on = m_connection->isConnected();
    m_connectionLabel->setText(on ? tr("Connected to the helper on %1").arg(m_connection->busDescription())
                                  : tr("Not connected to the helper"));
    m_connectionLabel->setToolTip(on ? QString()
                                     : tr("hutch-helper is not running on %1. Hutch reconnects when it starts.")
                                           .arg(m_connection->busDescription()));
    if (on)
        m_messages->hide();
    m_actions->updateEnabled();
    updatePlaceholder();
}

// "File → Create… (Ctrl+N)": the menu that holds ACTION and its words as
// shown, in the current language, so the text cannot name a wrong menu.
QString MainWindow::menuPath(const QAction *action) const
{
    auto plain = [](QString text) { return text.remove(QRegularExpression(QStringLiteral("&(?!&)"))); };
    QString path = plain(action->text());
    for (const QAction *top : menuBar()->actions())
        if (top->menu() && top->menu()->actions().contains(action))
            path = plain(top->menu()->title()) + QStringLiteral(" → ") + path;
    const QString keys = action->shortcut().toString(QKeySequence::NativeText);
    return keys.isEmpty() ? path : tr("%1 (%2)").arg(path, keys);
}

void MainWindow::updatePlaceholder()
{
    QString heading, detail;
    if (!m_connection->isConnected()) {
        heading = tr("No connection to the Hutch helper service.");
        detail = tr("Containers are listed and managed by the hutch-helper system service over D-Bus. "
                    "Hutch connects by itself as soon as the service runs.");
    } else if (m_model->rowCount() == 0) {
        heading = tr("No containers yet.");
        detail = tr("Create one with %1, or import an archive with %2.")
                     .arg(menuPath(m_actions->action(ContainerActions::Create)),
                          menuPath(m_actions->action(ContainerActions::Import)));
    } else if (m_proxy->rowCount() == 0) {
        heading = tr("No container matches \"%1\".").arg(m_filter->text());
    }
    m_placeholder->setText(heading.isEmpty() ? QString()
                                             : QStringLiteral("<p><b>%1</b></p><p>%2</p>")
                                                   .arg(heading.toHtmlEscaped(), detail.toHtmlEscaped()));
    m_placeholder->setVisible(!heading.isEmpty());
}

void MainWindow::retranslateUi()
{
    setWindowTitle(tr("Hutch"));
    m_fileMenu->setTitle(tr("&File"));
    m_editMenu->setTitle(tr("&Edit"));
    m_settingsAction->setText(tr("&Settings…"));
    m_containerMenu->setTitle(tr("&Container"));
    m_viewMenu->setTitle(tr("&View"));
    m_quitAction->setText(tr("&Quit"));
    m_findAction->setText(tr("&Find…"));
    m_helpMenu->setTitle(tr("&Help"));
    m_aboutAction->setText(tr("&About Hutch"));
    m_filter->setPlaceholderText(tr("Filter by name or address"));
    m_filter->setAccessibleName(tr("Filter containers"));
    m_operationsDock->setWindowTitle(tr("Operations"));
    m_resourcesDock->setWindowTitle(tr("Resources"));
    m_detailsDock->setWindowTitle(tr("Details"));
    m_filesDock->setWindowTitle(tr("Files"));
    m_hostsDock->setWindowTitle(tr("Hosts"));
    m_actions->retranslate();
    m_model->retranslate();
    updateConnectionStatus();
}

void MainWindow::changeEvent(QEvent *event)
{
    // Installing or removing a QTranslator sends LanguageChange to every
    // widget; texts set once in the constructor would otherwise stay stale.
    if (event->type() == QEvent::LanguageChange && m_operationsDock)
        retranslateUi();
    QMainWindow::changeEvent(event);
}

void MainWindow::showAbout()
{
    const QString text = QStringLiteral("<h3>%1</h3><p>%2</p>")
        .arg(tr("Hutch %1").arg(QStringLiteral(HUTCH_VERSION)).toHtmlEscaped(),
             tr("A desktop manager for Linux system containers.").toHtmlEscaped());
    // QMessageBox::about's box, made here so that it runs through runModal.
    QMessageBox box(QMessageBox::NoIcon, tr("About Hutch"), text, QMessageBox::Ok, this);
    box.setIconPixmap(windowIcon().pixmap(64, 64));
    runModal(box);
}

SettingsDialog *MainWindow::showSettings()
{
    auto *dialog = new SettingsDialog(m_connection, m_preferences, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

void MainWindow::applyPreferences()
{
    m_feed->setStatsInterval(m_preferences->statsIntervalMs());
    m_details->setInterval(m_preferences->statsIntervalMs());
    m_actions->setConfirmDestroy(m_preferences->confirmDestroy());
    m_actions->setConfirmStop(m_preferences->confirmStop());
    theme::apply(m_preferences->theme());
}
