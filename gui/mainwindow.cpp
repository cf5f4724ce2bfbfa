#include "mainwindow.h"

#include "containerlistmodel.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTreeView>

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    createMenus();
    createCentralView();

    // The helper client does not exist yet, so the state is fixed: saying
    // "not connected" is the truth, not a placeholder for a fake status.
    m_connection = new QLabel(this);
    m_connection->setObjectName(QStringLiteral("connectionLabel"));
    statusBar()->addPermanentWidget(m_connection);

    retranslateUi();
    resize(900, 540);
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->setObjectName(QStringLiteral("menuFile"));
    m_quitAction = m_fileMenu->addAction(QString());
    m_quitAction->setObjectName(QStringLiteral("actionQuit"));
    m_quitAction->setIcon(QIcon::fromTheme(QStringLiteral("application-exit")));
    // Explicit rather than QKeySequence::Quit: that standard key is empty on
    // some platform themes (e.g. offscreen), and Ctrl+Q is what desktops use.
    m_quitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    m_quitAction->setMenuRole(QAction::QuitRole);
    // close(), not qApp->quit(): the application ends when its last window
    // closes, and a later closeEvent() can ask about running jobs first.
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->setObjectName(QStringLiteral("menuHelp"));
    m_aboutAction = m_helpMenu->addAction(QString());
    m_aboutAction->setObjectName(QStringLiteral("actionAbout"));
    m_aboutAction->setIcon(QIcon::fromTheme(QStringLiteral("help-about")));
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::createCentralView()
{
    m_model = new ContainerListModel(this);

    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("containerView"));
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->header()->setSectionResizeMode(ContainerListModel::Name, QHeaderView::Stretch);
    m_view->header()->setStretchLastSection(false);

    // The explanation sits inside the list's empty area, under the column
    // headers, the way file managers show "folder is empty": the user sees
    // where containers will appear and why there are none.
    m_placeholder = new QLabel(m_view->viewport());
    m_placeholder->setObjectName(QStringLiteral("placeholderLabel"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setTextFormat(Qt::RichText);
    // A readable line length rather than the full width of a wide window.
    m_placeholder->setMaximumWidth(fontMetrics().averageCharWidth() * 70);
    m_placeholder->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    auto *layout = new QHBoxLayout(m_view->viewport());
    layout->addStretch();
    layout->addWidget(m_placeholder, 1);
    layout->addStretch();

    setCentralWidget(m_view);
}

void MainWindow::retranslateUi()
{
    setWindowTitle(tr("Hutch"));
    m_fileMenu->setTitle(tr("&File"));
    m_quitAction->setText(tr("&Quit"));
    m_helpMenu->setTitle(tr("&Help"));
    m_aboutAction->setText(tr("&About Hutch"));

    const QString heading = tr("No connection to the Hutch helper service.");
    const QString detail = tr("Containers are listed and managed by the hutch-helper "
                              "system service over D-Bus. This version of Hutch cannot "
                              "connect to it yet, so no containers are shown.");
    m_placeholder->setText(QStringLiteral("<p><b>%1</b></p><p>%2</p>")
                               .arg(heading.toHtmlEscaped(), detail.toHtmlEscaped()));
    m_connection->setText(tr("Not connected to the helper"));
    m_model->retranslate();
}

void MainWindow::changeEvent(QEvent *event)
{
    // Installing or removing a QTranslator sends LanguageChange to every
    // widget; texts set once in the constructor would otherwise stay stale.
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QMainWindow::changeEvent(event);
}

void MainWindow::showAbout()
{
    const QString text = QStringLiteral("<h3>%1</h3><p>%2</p>")
        .arg(tr("Hutch %1").arg(QStringLiteral(HUTCH_VERSION)).toHtmlEscaped(),
             tr("A desktop manager for Linux system containers.").toHtmlEscaped());
    QMessageBox::about(this, tr("About Hutch"), text);
}
