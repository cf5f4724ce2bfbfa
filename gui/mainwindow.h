#pragma once

#include <QMainWindow>

class ContainerListModel;
class QAction;
class QLabel;
class QMenu;
class QTreeView;

// The one window of the foundation GUI: the container list, a status bar that
// says whether the helper is reachable, and File/Help menus. It only lays out
// and wires widgets; panels added later (details, console, wizard) keep their
// logic in their own files.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);

protected:
    void changeEvent(QEvent *event) override;

private:
    void createMenus();
    void createCentralView();
    void retranslateUi();
    void showAbout();

    ContainerListModel *m_model = nullptr;
    QTreeView *m_view = nullptr;
    QLabel *m_placeholder = nullptr;
    QLabel *m_connection = nullptr;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_aboutAction = nullptr;
};
