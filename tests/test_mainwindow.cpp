// GUI tests of the main window and its parts without a helper, run
// offscreen (CTest sets QT_QPA_PLATFORM=offscreen). HUTCH_BUS_ADDRESS points
// at a bus that does not exist, so the window is honestly disconnected; the
// model is fed directly through its update functions. The tests against the
// real helper are in test_gui_backend.
#include "modalanswer.h"
#include "consoletab.h"
#include "containeractions.h"
#include "containerlistmodel.h"
#include "containerview.h"
#include "createwizard.h"
#include "helperconnection.h"
#include "historygraph.h"
#include "mainwindow.h"
#include "messagebar.h"
#include "archivetransfers.h"
#include "preferences.h"
#include "resourcespanel.h"
#include "theme.h"
#include "usageslider.h"
#include "terminalsession.h"
#include "terminalwidget.h"

#include <QAbstractButton>
#include <QAbstractItemModel>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDBusMessage>
#include <QTemporaryDir>
#include <QDBusUnixFileDescriptor>
#include <QCheckBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLibraryInfo>
#include <QGroupBox>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTranslator>
#include <QTreeView>
#include <QtTest>

#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>
#include <tuple>

using hutch::test::answerNextBox;
using hutch::test::answerNextMenu;

namespace {

QVariantMap entry(const QString &name, const QString &state, const QStringList &ipv4 = {})
{
    return {{QStringLiteral("name"), name}, {QStringLiteral("state"), state},
            {QStringLiteral("ipv4"), ipv4}, {QStringLiteral("ttys"), 2u},
            {QStringLiteral("autostart"), false}};
}


}  // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void showsWithTitle();
    void listHasColumns();
    void placeholderExplainsMissingHelper();
    void statusSaysNotConnected();
    void quitActionClosesWindow();
    void aboutShowsVersion();
    void germanTranslationLoads();
    void modelFollowsUpdates();
    void actionsFollowStates_data();
    void actionsFollowStates();
    void hutchctlCommands();
    void refusalReadsCalmly();
    void thousandRowsSortAndFilter();
    void wizardRejectsBadName();
    void wizardOffersAccessOptions();
    void wizardOffersArchitectures();
    void wizardAccessOptionsTranslated();
    void dropOntoItselfDoesNothing();
    void pasteOfSeveralLinesAsks();
    void graphKeepsItsSpan();
    void contextMenuActsOnTheClickedRow();
    void dropOfARunningContainerExplains();
    void dragToCloneCanBeFound();
    void resourcesShowNothingWithoutSelection();
    void darkThemeByPreference();
    void exportFinishedOffersTheFolder();
    void shortcutsInTheLocalesWords();
};

void TestMainWindow::initTestCase()
{
    // Nothing listens there: no system bus, no helper, whatever the machine has.
    qputenv("HUTCH_BUS_ADDRESS", "unix:path=/nonexistent/hutch-test-bus");
}

void TestMainWindow::showsWithTitle()
{
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QCOMPARE(w.windowTitle(), QStringLiteral("Hutch"));
}

void TestMainWindow::listHasColumns()
{
    MainWindow w;
    auto *view = w.findChild<QTreeView *>(QStringLiteral("containerView"));
    QVERIFY(view);
    QAbstractItemModel *model = view->model();
    const QStringList expected = {
        QStringLiteral("Name"), QStringLiteral("State"), QStringLiteral("IP addresses"),
        QStringLiteral("CPU"), QStringLiteral("Memory"), QStringLiteral("Autostart"), QStringLiteral("Privileges"),
    };
    QCOMPARE(model->columnCount(), expected.size());
    for (int i = 0; i < expected.size(); ++i)
        QCOMPARE(model->headerData(i, Qt::Horizontal).toString(), expected.at(i));
    // No helper, no containers: the list must not invent any.
    QCOMPARE(model->rowCount(), 0);
}

void TestMainWindow::placeholderExplainsMissingHelper()
{
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    auto *label = w.findChild<QLabel *>(QStringLiteral("placeholderLabel"));
    QVERIFY(label);
    QTRY_VERIFY(label->isVisible());
    QVERIFY(label->text().contains(QStringLiteral("No connection to the Hutch helper service.")));
}

void TestMainWindow::statusSaysNotConnected()
{
    MainWindow w;
    auto *label = w.statusBar()->findChild<QLabel *>(QStringLiteral("connectionLabel"));
    QVERIFY(label);
    QTRY_COMPARE(label->text(), QStringLiteral("Not connected to the helper"));
    // Nothing can be done without the helper.
    QVERIFY(!w.findChild<QAction *>(QStringLiteral("actionCreate"))->isEnabled());
}

void TestMainWindow::quitActionClosesWindow()
{
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    auto *quit = w.findChild<QAction *>(QStringLiteral("actionQuit"));
    QVERIFY(quit);
    QCOMPARE(quit->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Q));
    QApplication::setQuitOnLastWindowClosed(false);
    quit->trigger();
    QVERIFY(!w.isVisible());
}

void TestMainWindow::aboutShowsVersion()
{
    MainWindow w;
    auto *about = w.findChild<QAction *>(QStringLiteral("actionAbout"));
    QVERIFY(about);
    QString shownText;
    hutch::test::answerNextBox(&shownText, QMessageBox::AcceptRole);
    about->trigger();
    QVERIFY(shownText.contains(QStringLiteral(HUTCH_VERSION)));
}

void TestMainWindow::germanTranslationLoads()
{
    MainWindow w;
    auto *fileMenu = w.findChild<QMenu *>(QStringLiteral("menuFile"));
    auto *view = w.findChild<QTreeView *>(QStringLiteral("containerView"));
    auto *status = w.findChild<QLabel *>(QStringLiteral("connectionLabel"));
    auto *start = w.findChild<QAction *>(QStringLiteral("actionStart"));
    QVERIFY(fileMenu && view && status && start);
    QTRY_COMPARE(status->text(), QStringLiteral("Not connected to the helper"));
    QCOMPARE(fileMenu->title(), QStringLiteral("&File"));

    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(":/i18n/hutch_de.qm")));
    QVERIFY(QCoreApplication::installTranslator(&translator));
    QTRY_COMPARE(fileMenu->title(), QStringLiteral("&Datei"));
    QCOMPARE(view->model()->headerData(1, Qt::Horizontal).toString(), QStringLiteral("Zustand"));
    QCOMPARE(status->text(), QStringLiteral("Nicht mit dem Hilfsdienst verbunden"));
    QCOMPARE(start->text(), QStringLiteral("&Starten"));

    QVERIFY(QCoreApplication::removeTranslator(&translator));
    QTRY_COMPARE(fileMenu->title(), QStringLiteral("&File"));
}

void TestMainWindow::modelFollowsUpdates()
{
    ContainerListModel model;
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.setEntries({entry(QStringLiteral("web"), QStringLiteral("STOPPED")),
                      entry(QStringLiteral("db"), QStringLiteral("RUNNING"), {QStringLiteral("10.0.3.5")})});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(inserted.count(), 1);  // one batch, not one signal per row
    const int db = model.rowOf(QStringLiteral("db"));
    QCOMPARE(model.index(db, ContainerListModel::Addresses).data().toString(), QStringLiteral("10.0.3.5"));
    QCOMPARE(model.index(db, ContainerListModel::State).data().toString(), QStringLiteral("Running"));
    QVERIFY(!model.index(db, ContainerListModel::State).data(Qt::DecorationRole).isNull());

    // Two stats samples one apart give a CPU figure; memory is shown at once.
    // A second later, 25 ms of CPU more: 2.5 % of one core.
    model.setStats({{QStringLiteral("db"), {1000000000ull, 64ull << 20}}}, 1000);
    QCOMPARE(model.index(db, ContainerListModel::Cpu).data().toString(), QString());
    model.setStats({{QStringLiteral("db"), {1000000000ull + 25000000ull, 64ull << 20}}}, 2000);
    QVERIFY(model.index(db, ContainerListModel::Cpu).data(ContainerListModel::SortRole).toDouble() > 0);
    QCOMPARE(model.index(db, ContainerListModel::Cpu).data(ContainerListModel::SortRole).toDouble(), 2.5);
    QVERIFY(model.index(db, ContainerListModel::Memory).data().toString().contains(QStringLiteral("64")));

    model.setState(QStringLiteral("db"), QStringLiteral("STOPPED"));
    QCOMPARE(model.index(db, ContainerListModel::State).data().toString(), QStringLiteral("Stopped"));
    QCOMPARE(model.index(db, ContainerListModel::Addresses).data().toString(), QString());
    QCOMPARE(model.index(db, ContainerListModel::Cpu).data().toString(), QString());

    // A refresh keeps rows by name and drops the vanished ones.
    model.setEntries({entry(QStringLiteral("web"), QStringLiteral("RUNNING"))});
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.stateOf(QStringLiteral("web")), QStringLiteral("RUNNING"));
    QCOMPARE(model.rowOf(QStringLiteral("db")), -1);
    model.removeContainer(QStringLiteral("web"));
    QCOMPARE(model.rowCount(), 0);
}

void TestMainWindow::actionsFollowStates_data()
{
    using K = ContainerActions;
    QTest::addColumn<QStringList>("states");
    QTest::addColumn<QList<int>>("enabled");
    QTest::addColumn<QList<int>>("disabled");
    QTest::newRow("nothing") << QStringList{} << QList<int>{K::Create, K::Import}
                             << QList<int>{K::Start, K::Stop, K::Destroy, K::Console, K::Properties, K::Export};
    QTest::newRow("stopped") << QStringList{QStringLiteral("STOPPED")}
                             << QList<int>{K::Start, K::Clone, K::Export, K::Rename, K::Destroy, K::Properties, K::Import, K::Throwaway}
                             << QList<int>{K::Stop, K::Shutdown, K::Console, K::Shell, K::Freeze, K::Unfreeze};
    QTest::newRow("running") << QStringList{QStringLiteral("RUNNING")}
                             << QList<int>{K::Stop, K::Shutdown, K::Reboot, K::Freeze, K::Console, K::Shell}
                             << QList<int>{K::Start, K::Clone, K::Export, K::Rename, K::Unfreeze, K::Throwaway};
    QTest::newRow("frozen") << QStringList{QStringLiteral("FROZEN")} << QList<int>{K::Unfreeze, K::Stop}
                            << QList<int>{K::Freeze, K::Start, K::Console, K::Shutdown};
    QTest::newRow("mixed") << QStringList{QStringLiteral("RUNNING"), QStringLiteral("STOPPED")}
                           << QList<int>{K::Start, K::Stop, K::Shutdown, K::Destroy}
                           << QList<int>{K::Console, K::Clone, K::Export, K::Rename, K::Properties};
}

void TestMainWindow::actionsFollowStates()
{
    QFETCH(QStringList, states);
    QFETCH(QList<int>, enabled);
    QFETCH(QList<int>, disabled);
    const auto allowed = ContainerActions::allowedFor(states);
    for (int k : enabled)
        QVERIFY2(allowed.contains(ContainerActions::Kind(k)), qPrintable(QString::number(k)));
    for (int k : disabled)
        QVERIFY2(!allowed.contains(ContainerActions::Kind(k)), qPrintable(QString::number(k)));
}

void TestMainWindow::hutchctlCommands()
{
    using K = ContainerActions;
    QCOMPARE(K::hutchctlCommand(K::Start, {QStringLiteral("web")}), QStringLiteral("hutchctl start web"));
    QCOMPARE(K::hutchctlCommand(K::Stop, {QStringLiteral("a"), QStringLiteral("b")}),
             QStringLiteral("hutchctl stop a --kill\nhutchctl stop b --kill"));
    QCOMPARE(K::hutchctlCommand(K::Console, {QStringLiteral("web")}), QStringLiteral("hutchctl console web"));
    MainWindow w;
    // The status tip of an action is its command line.
    QVERIFY(w.findChild<QAction *>(QStringLiteral("actionStart"))->statusTip().startsWith(QStringLiteral("hutchctl start")));
}

void TestMainWindow::refusalReadsCalmly()
{
    const QDBusError refusal(QDBusMessage::createError(QStringLiteral("io.github.hutch.Error.NotAuthorized"),
                                                       QStringLiteral("polkit: not authorized")));
    const QString text = HelperConnection::readableError(refusal);
    QVERIFY(!text.contains(QStringLiteral("io.github")));
    QVERIFY(text.contains(QStringLiteral("not allowed")));
    QVERIFY(HelperConnection::isRefusal(refusal));
    const QDBusError busy(QDBusMessage::createError(QStringLiteral("io.github.hutch.Error.Busy"),
                                                    QStringLiteral("\"web\" is running")));
    QCOMPARE(HelperConnection::readableError(busy), QStringLiteral("Not possible right now: \"web\" is running"));
    // A taken name does not pass by waiting: no "right now" before it.
    const QDBusError taken(QDBusMessage::createError(QStringLiteral("io.github.hutch.Error.Conflict"),
                                                     QStringLiteral("a container \"web\" exists")));
    QCOMPARE(HelperConnection::readableError(taken), QStringLiteral("Not possible: a container \"web\" exists"));

    MainWindow w;
    w.show();
    Q_EMIT w.actions()->error(text, true);
    QCOMPARE(w.messageBar()->text(), text);
    // Information, not an alarm: the refusal changed nothing.
    QCOMPARE(w.messageBar()->kind(), MessageBar::Kind::Information);
}

void TestMainWindow::thousandRowsSortAndFilter()
{
    ContainerListModel model;
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(ContainerListModel::SortRole);
    proxy.setFilterKeyColumn(-1);
    proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy.setDynamicSortFilter(true);
    QTreeView view;
    view.setUniformRowHeights(true);
    view.setModel(&proxy);
    view.setSortingEnabled(true);
    view.resize(800, 600);
    view.show();

    QList<QVariantMap> entries;
    for (int i = 0; i < 1000; ++i)
        entries << entry(QStringLiteral("ct-%1").arg(999 - i, 4, 10, QLatin1Char('0')),
                         i % 3 ? QStringLiteral("STOPPED") : QStringLiteral("RUNNING"),
                         {QStringLiteral("10.0.%1.%2").arg(i / 250).arg(i % 250 + 1)});
    QElapsedTimer t;
    t.start();
    model.setEntries(entries);
    const qint64 fill = t.restart();
    view.sortByColumn(ContainerListModel::Name, Qt::AscendingOrder);
    const qint64 sort = t.restart();
    QCOMPARE(proxy.rowCount(), 1000);
    QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("ct-0000"));
    QCOMPARE(proxy.index(999, 0).data().toString(), QStringLiteral("ct-0999"));

    // Stats for every running container in one batch, then sort by CPU.
    QHash<QString, ContainerListModel::Stats> stats;
    for (const QString &n : model.runningNames())
        stats.insert(n, {0, 1ull << 20});
    model.setStats(stats, 1000);
    for (auto it = stats.begin(); it != stats.end(); ++it)
        it->cpuNs = quint64(it.key().mid(3).toInt()) * 1000;
    t.restart();
    model.setStats(stats, 2000);  // a second later
    const qint64 update = t.restart();
    view.sortByColumn(ContainerListModel::Cpu, Qt::DescendingOrder);
    const qint64 sortCpu = t.restart();
    QVERIFY(proxy.index(0, ContainerListModel::Cpu).data(ContainerListModel::SortRole).toDouble()
            >= proxy.index(1, ContainerListModel::Cpu).data(ContainerListModel::SortRole).toDouble());

    proxy.setFilterFixedString(QStringLiteral("ct-01"));
    const qint64 filter = t.restart();
    QCOMPARE(proxy.rowCount(), 100);
    proxy.setFilterFixedString(QStringLiteral("10.0.3."));
    QCOMPARE(proxy.rowCount(), 250);
    proxy.setFilterFixedString(QString());
    model.setState(QStringLiteral("ct-0500"), QStringLiteral("FROZEN"));
    const qint64 stateChange = t.restart();
    QCOMPARE(proxy.rowCount(), 1000);
    qInfo("1,000 containers: fill %lld ms, sort by name %lld ms, stats batch %lld ms, sort by CPU %lld ms, "
          "filter %lld ms, one state change %lld ms",
          fill, sort, update, sortCpu, filter, stateChange);
}

void TestMainWindow::wizardRejectsBadName()
{
    HelperConnection connection;
    ContainerListModel model;
    model.setEntries({entry(QStringLiteral("web"), QStringLiteral("STOPPED"))});
    CreateWizard wizard(&connection, &model);
    wizard.show();
    auto *name = wizard.findChild<QLineEdit *>(QStringLiteral("nameEdit"));
    auto *problem = wizard.findChild<QLabel *>(QStringLiteral("nameProblem"));
    QVERIFY(name && problem);
    QTest::keyClicks(name, QStringLiteral("../x"));
    QVERIFY(problem->isVisible());
    QVERIFY2(problem->text().startsWith(QStringLiteral("This name cannot be used")), qPrintable(problem->text()));
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    name->setText(QStringLiteral("web"));
    QVERIFY(problem->text().contains(QStringLiteral("exists already")));
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    name->setText(QStringLiteral("web2"));
    QVERIFY(!problem->isVisible());
    QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
}

// The guide's -b, -S and -u in the wizard: the calling user's name, files
// passed as descriptors, an unreadable file holds the page, the summary's
// hutchctl line carries them.
void TestMainWindow::wizardOffersAccessOptions()
{
    HelperConnection connection;
    ContainerListModel model;
    CreateWizard wizard(&connection, &model);
    auto *share = wizard.findChild<QCheckBox *>(QStringLiteral("shareHomeCheck"));
    auto *key = wizard.findChild<QLineEdit *>(QStringLiteral("sshKeyEdit"));
    auto *userData = wizard.findChild<QLineEdit *>(QStringLiteral("userDataEdit"));
    QVERIFY(share && key && userData);
    QVERIFY(!wizard.createOptions().contains(QStringLiteral("bind_user")));
    const QString me = QString::fromLocal8Bit(::getpwuid(::getuid())->pw_name);
    QVERIFY2(share->text().contains(me), qPrintable(share->text()));
    share->setChecked(true);
    QTemporaryDir dir;
    const QString pub = dir.filePath(QStringLiteral("id.pub"));
    QFile f(pub);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("ssh-ed25519 AAAA test\n");
    f.close();
    key->setText(pub);
    userData->setText(dir.filePath(QStringLiteral("missing.yaml")));
    auto *problem = wizard.findChild<QLabel *>(QStringLiteral("accessProblem"));
    QVERIFY2(problem && problem->text().contains(QStringLiteral("missing.yaml")), qPrintable(problem->text()));
    userData->clear();
    QVERIFY(problem->text().isEmpty());
    const QVariantMap options = wizard.createOptions();
    QCOMPARE(options.value(QStringLiteral("bind_user")).toString(), me);
    QVERIFY(options.value(QStringLiteral("ssh_key")).value<QDBusUnixFileDescriptor>().isValid());
    QVERIFY(!options.contains(QStringLiteral("user_data")));
    QVERIFY2(wizard.summaryText().contains(QStringLiteral(" -b %1 -S %2").arg(me, pub)), qPrintable(wizard.summaryText()));
}

// The debian template's architectures, named in the user's language with
// how each runs here; the helper gets the Debian name.
void TestMainWindow::wizardOffersArchitectures()
{
    const QVariantMap option{{QStringLiteral("name"), QStringLiteral("arch")},
                             {QStringLiteral("default"), QStringLiteral("amd64")},
                             {QStringLiteral("choices"), QStringList{QStringLiteral("amd64"), QStringLiteral("i386"),
                                                                     QStringLiteral("riscv64")}}};
    const bool amd64 = QSysInfo::currentCpuArchitecture() == QLatin1String("x86_64");
    auto texts = [&] {
        std::unique_ptr<QComboBox> combo(CreateWizard::architectureChoice(option));
        QStringList out;
        for (int i = 0; i < combo->count(); ++i)
            out << combo->itemText(i);
        if (combo->itemData(1).toString() != QLatin1String("i386") || combo->currentData().toString() != QLatin1String("amd64"))
            out.clear();
        return out;
    };
    QStringList en = texts();
    QCOMPARE(en.size(), 3);
    QVERIFY2(en[1].startsWith(QStringLiteral("32-bit PC (i386) — ")), qPrintable(en[1]));
    if (amd64) {
        QCOMPARE(en[0], QStringLiteral("64-bit PC (amd64) — this computer's"));
        QCOMPARE(en[1], QStringLiteral("32-bit PC (i386) — runs natively as 32-bit"));
    }
    for (const auto &[lang, i386, riscv] : {std::tuple{"de", "32-Bit-PC (i386)", "64-Bit-RISC-V (riscv64)"},
                                           std::tuple{"fr", "PC 32 bits (i386)", "RISC-V 64 bits (riscv64)"}}) {
        QTranslator translator;
        QVERIFY(translator.load(QStringLiteral(":/i18n/hutch_%1.qm").arg(QLatin1String(lang))));
        QVERIFY(QCoreApplication::installTranslator(&translator));
        const QStringList got = texts();
        QVERIFY(QCoreApplication::removeTranslator(&translator));
        QCOMPARE(got.size(), 3);
        QVERIFY2(got[1].startsWith(QString::fromUtf8(i386)), qPrintable(got[1]));
        QVERIFY2(got[2].startsWith(QString::fromUtf8(riscv)), qPrintable(got[2]));
        if (amd64)
            QVERIFY2(got[1].endsWith(lang == std::string("de") ? QStringLiteral("läuft nativ als 32-Bit")
                                                                : QStringLiteral("s’exécute nativement en 32 bits")),
                     qPrintable(got[1]));
    }
}

// The guide's options as a German or French user meets them in the
// wizard: the group, the share check box, both file fields.
void TestMainWindow::wizardAccessOptionsTranslated()
{
    const QString me = QString::fromLocal8Bit(::getpwuid(::getuid())->pw_name);
    for (const auto &[lang, group, share, key, userData] :
         {std::tuple{"de", "Konto und Zugang", "Meinen persönlichen Ordner und mein Konto teilen (%1)",
                     "Datei mit öffentlichem SSH-Schlüssel für root", "Datei mit cloud-init-Benutzerdaten"},
          std::tuple{"fr", "Compte et accès", "Partager mon dossier personnel et mon compte (%1)",
                     "Fichier de clé publique SSH pour root", "Fichier de données utilisateur cloud-init"}}) {
        QTranslator translator;
        QVERIFY(translator.load(QStringLiteral(":/i18n/hutch_%1.qm").arg(QLatin1String(lang))));
        QVERIFY(QCoreApplication::installTranslator(&translator));
        HelperConnection connection;
        ContainerListModel model;
        CreateWizard wizard(&connection, &model);
        QVERIFY(QCoreApplication::removeTranslator(&translator));
        auto *box = wizard.findChild<QGroupBox *>(QStringLiteral("accessOptions"));
        auto *check = wizard.findChild<QCheckBox *>(QStringLiteral("shareHomeCheck"));
        auto *keyEdit = wizard.findChild<QLineEdit *>(QStringLiteral("sshKeyEdit"));
        auto *dataEdit = wizard.findChild<QLineEdit *>(QStringLiteral("userDataEdit"));
        QVERIFY(box && check && keyEdit && dataEdit);
        QCOMPARE(box->title(), QString::fromUtf8(group));
        QCOMPARE(check->text(), QString::fromUtf8(share).arg(me));
        QCOMPARE(keyEdit->accessibleName(), QString::fromUtf8(key));
        QCOMPARE(dataEdit->accessibleName(), QString::fromUtf8(userData));
    }
}

void TestMainWindow::dropOntoItselfDoesNothing()
{
    ContainerListModel model;
    model.setEntries({entry(QStringLiteral("alpha"), QStringLiteral("STOPPED")),
                      entry(QStringLiteral("beta"), QStringLiteral("STOPPED"))});
    ContainerView view;
    view.setModel(&model);
    view.resize(400, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy cloned(&view, &ContainerView::cloneDropped);
    const int alpha = model.rowOf(QStringLiteral("alpha"));
    const int beta = model.rowOf(QStringLiteral("beta"));
    auto drop = [&](int row) {
        std::unique_ptr<QMimeData> mime(model.mimeData({model.index(alpha, 0)}));
        const QPoint at = view.visualRect(model.index(row, 0)).center();
        QDragEnterEvent enter(at, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view.viewport(), &enter);
        QDragMoveEvent move(at, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view.viewport(), &move);
        const bool accepted = move.isAccepted();
        QDropEvent dropEvent(QPointF(at), Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view.viewport(), &dropEvent);
        return accepted;
    };
    // Onto itself: refused while hovering, and nothing happens on the drop.
    QVERIFY(!drop(alpha));
    QCOMPARE(cloned.count(), 0);
    QCOMPARE(model.rowCount(), 2);
    // Onto another row: a clone of the dragged container is asked for.
    QVERIFY(drop(beta));
    QCOMPARE(cloned.count(), 1);
    QCOMPARE(cloned.at(0).at(0).toString(), QStringLiteral("alpha"));
    QCOMPARE(model.rowCount(), 2);  // a copy, never a move
}

void TestMainWindow::pasteOfSeveralLinesAsks()
{
    HelperConnection connection;
    ConsoleTab tab(&connection, QStringLiteral("web"), ConsoleTab::Kind::Console, 1);
    tab.show();
    int fds[2];
    QVERIFY(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, fds) == 0);
    QVERIFY(tab.terminal()->session()->attach(fds[0]));
    QVERIFY(tab.isLive());
    // A paste is written to the socket before paste() returns (the session
    // writes at once while the socket takes it): what it sent is there.
    auto readPeer = [&] {
        QByteArray out;
        char buf[256];
        ssize_t n;
        while ((n = ::read(fds[1], buf, sizeof buf)) > 0)
            out.append(buf, n);
        return out;
    };

    QApplication::clipboard()->setText(QStringLiteral("echo one"));
    tab.terminal()->paste();
    QCOMPARE(readPeer(), QByteArray("echo one"));  // one line: no question

    QApplication::clipboard()->setText(QStringLiteral("rm -rf /srv\nreboot"));
    QString asked;
    answerNextBox(&asked, QMessageBox::RejectRole);
    tab.terminal()->paste();
    QVERIFY2(asked.contains(QStringLiteral("2 lines")), qPrintable(asked));
    QCOMPARE(readPeer(), QByteArray());  // declined: nothing reached the container

    answerNextBox(&asked, QMessageBox::AcceptRole);
    tab.terminal()->paste();
    QCOMPARE(readPeer(), QByteArray("rm -rf /srv\rreboot"));
    ::close(fds[1]);
}

void TestMainWindow::graphKeepsItsSpan()
{
    HistoryGraph g(QStringLiteral("CPU"));
    g.setSpanSeconds(60);
    g.resize(300, 100);
    const qint64 t0 = 1'000'000;
    for (int i = 0; i <= 120; ++i)
        g.addSample(t0 + i * 1000, i);
    // Older than the span is dropped: 61 samples cover the last minute.
    QCOMPARE(g.sampleCount(), 61);
    QCOMPARE(g.lastValue(), 120.0);
    // It paints the line in the highlight colour (antialiased: near it).
    const QImage image = g.grab().toImage();
    const QColor line = g.palette().color(QPalette::Highlight);
    int near = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            near += qAbs(c.red() - line.red()) + qAbs(c.green() - line.green()) + qAbs(c.blue() - line.blue()) < 60;
        }
    QVERIFY2(near > 50, qPrintable(QString::number(near)));
    g.addMarker(t0 + 120 * 1000, QStringLiteral("start"));
    QCOMPARE(g.markerCount(), 1);
    g.addSample(t0 + 200 * 1000, 5);
    QCOMPARE(g.markerCount(), 0);  // the marker scrolled out with its minute
    QCOMPARE(g.sampleCount(), 1);
}

// A window whose model is fed directly (the helper is absent; the feed
// clears the model once when it finds that out, so wait for that first).
static void feedWindow(MainWindow &w, const QList<QVariantMap> &entries)
{
    QTRY_VERIFY(w.findChild<QLabel *>(QStringLiteral("connectionLabel"))->text()
                == QLatin1String("Not connected to the helper"));
    QCoreApplication::processEvents();
    w.model()->setEntries(entries);
}

void TestMainWindow::contextMenuActsOnTheClickedRow()
{
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    feedWindow(w, {entry(QStringLiteral("alpha"), QStringLiteral("STOPPED")),
                   entry(QStringLiteral("beta"), QStringLiteral("RUNNING"))});
    auto *view = w.findChild<QTreeView *>(QStringLiteral("containerView"));
    QVERIFY(w.selectContainer(QStringLiteral("alpha")));
    QModelIndex beta;
    for (int r = 0; r < view->model()->rowCount(); ++r)
        if (view->model()->index(r, 0).data().toString() == QLatin1String("beta"))
            beta = view->model()->index(r, 0);
    QVERIFY(beta.isValid());

    QStringList menuEntries;
    answerNextMenu(QStringLiteral("containerContextMenu"), [&menuEntries](QMenu &menu) {
        for (QAction *a : menu.actions())
            menuEntries << a->objectName();
    });
    Q_EMIT view->customContextMenuRequested(view->visualRect(beta).center());
    // The clicked row became the selection; the menu offered the verbs.
    const QModelIndexList selected = view->selectionModel()->selectedRows();
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.first().data().toString(), QStringLiteral("beta"));
    QVERIFY(menuEntries.contains(QStringLiteral("actionShutdown")));
    QVERIFY(menuEntries.contains(QStringLiteral("actionDestroy")));
}

void TestMainWindow::dropOfARunningContainerExplains()
{
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    feedWindow(w, {entry(QStringLiteral("alpha"), QStringLiteral("RUNNING")),
                   entry(QStringLiteral("beta"), QStringLiteral("STOPPED"))});
    auto *view = w.findChild<ContainerView *>(QStringLiteral("containerView"));
    // A running container cannot be copied: the user is told, no dialog opens.
    Q_EMIT view->cloneDropped(QStringLiteral("alpha"));
    QVERIFY2(w.messageBar()->text().contains(QStringLiteral("Stop it before cloning")),
             qPrintable(w.messageBar()->text()));
    QCOMPARE(w.model()->rowCount(), 2);
}

QTEST_MAIN(TestMainWindow)
static void feedWindow(MainWindow &w, const QList<QVariantMap> &entries);

// Drag to clone is told, not guessed: hovering a row says so in the status
// bar, the empty area under the rows has a line about it, and a drag over
// the list shows what a drop does.
void TestMainWindow::dragToCloneCanBeFound()
{
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    feedWindow(w, {entry(QStringLiteral("alpha"), QStringLiteral("STOPPED")),
                   entry(QStringLiteral("beta"), QStringLiteral("STOPPED"))});
    auto *view = w.findChild<ContainerView *>(QStringLiteral("containerView"));
    QVERIFY(view);
    QVERIFY2(view->emptyAreaHint().contains(QStringLiteral("clone")),
             qPrintable(QStringLiteral("viewport %1, window %2x%3, rows %4")
                            .arg(view->viewport()->height()).arg(w.width()).arg(w.height()).arg(view->model()->rowCount())));
    const int alphaRow = w.model()->rowOf(QStringLiteral("alpha"));
    const QModelIndex alpha = view->model()->index(0, 0);  // sorted by name: alpha first
    QCOMPARE(alpha.data(ContainerListModel::NameRole).toString(), QStringLiteral("alpha"));
    QTest::mouseMove(view->viewport(), view->visualRect(alpha).center());
    QTRY_VERIFY2(w.statusBar()->currentMessage().contains(QStringLiteral("\"alpha\" onto the list to clone")),
                 qPrintable(w.statusBar()->currentMessage()));
    std::unique_ptr<QMimeData> mime(w.model()->mimeData({w.model()->index(alphaRow, 0)}));
    const QPoint at = view->visualRect(view->model()->index(1, 0)).center();
    QDragEnterEvent enter(at, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view->viewport(), &enter);
    QCOMPARE(view->dropHint(), QStringLiteral("alpha"));
    QDragLeaveEvent leave;
    QApplication::sendEvent(view->viewport(), &leave);
    QCOMPARE(view->dropHint(), QString());
}

// With nothing selected the Resources panel shows no sliders or values
// (they would be nobody's), only what to do.
void TestMainWindow::resourcesShowNothingWithoutSelection()
{
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    ResourcesPanel *panel = w.resources();
    panel->setContainer(QString(), false);
    panel->show();
    for (int l = 0; l < ResourcesPanel::LimitCount; ++l)
        QVERIFY(!panel->slider(ResourcesPanel::Limit(l))->isVisibleTo(panel));
    QVERIFY(!panel->findChild<QWidget *>(QStringLiteral("spin_memory.max"))->isVisibleTo(panel));
    QVERIFY(panel->findChild<QLabel *>(QStringLiteral("resourcesTitle"))->text().contains(QStringLiteral("Select")));
    panel->setContainer(QStringLiteral("web"), false);
    QVERIFY(panel->slider(ResourcesPanel::Memory)->isVisibleTo(panel));
    panel->setContainer(QString(), false);
}

// The Colours preference: dark and light whatever the system is, and back
// to the system's own palette.
void TestMainWindow::darkThemeByPreference()
{
    QStandardPaths::setTestModeEnabled(true);
    MainWindow w;
    w.preferences()->setTheme(Preferences::Theme::System);
    const QPalette system = QApplication::palette();
    w.preferences()->setTheme(Preferences::Theme::Dark);
    QVERIFY(theme::isDark(QApplication::palette()));
    QTRY_VERIFY2(theme::isDark(w.palette()), qPrintable(w.palette().color(QPalette::Window).name() + QLatin1Char(' ')
                                                    + w.palette().color(QPalette::WindowText).name()));
    QTRY_VERIFY(w.findChild<QTreeView *>(QStringLiteral("containerView"))->palette().color(QPalette::Base).lightness() < 80);
    w.preferences()->setTheme(Preferences::Theme::Light);
    QVERIFY(!theme::isDark(QApplication::palette()));
    w.preferences()->setTheme(Preferences::Theme::System);
    QCOMPARE(QApplication::palette().color(QPalette::Window), system.color(QPalette::Window));
    QCOMPARE(QApplication::palette().color(QPalette::Text), system.color(QPalette::Text));
}

// An export that ended well says so, with the file, and offers its folder.
void TestMainWindow::exportFinishedOffersTheFolder()
{
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    Q_EMIT w.transfers()->exported(QStringLiteral("web"), QStringLiteral("/tmp/web.tar.xz"));
    QVERIFY2(w.messageBar()->text().contains(QStringLiteral("/tmp/web.tar.xz")), qPrintable(w.messageBar()->text()));
    QCOMPARE(w.messageBar()->kind(), MessageBar::Kind::Information);
    QVERIFY(w.messageBar()->actionButton()->isVisible());
    QVERIFY(w.messageBar()->actionButton()->text().contains(QStringLiteral("Folder")));
    // The next message without an action hides the button again.
    w.messageBar()->showMessage(QStringLiteral("else"), MessageBar::Kind::Error);
    QVERIFY(!w.messageBar()->actionButton()->isVisible());
}

// Shortcuts read in the locale's words once Qt's own translations are
// loaded (as main.cpp does; hutch.sh installs qt6-translations-l10n).
void TestMainWindow::shortcutsInTheLocalesWords()
{
    QTranslator qt;
    QVERIFY2(qt.load(QLocale(QLocale::German), QStringLiteral("qtbase"), QStringLiteral("_"),
                     QLibraryInfo::path(QLibraryInfo::TranslationsPath)),
             "qtbase_de.qm missing: Debian package qt6-translations-l10n");
    QCoreApplication::installTranslator(&qt);
    const QString shown = QKeySequence(Qt::CTRL | Qt::Key_N).toString(QKeySequence::NativeText);
    QCoreApplication::removeTranslator(&qt);
    QCOMPARE(shown, QStringLiteral("Strg+N"));
}

#include "test_mainwindow.moc"
