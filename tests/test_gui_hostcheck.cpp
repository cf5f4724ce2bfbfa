// Help → Host Check against the real helper, the GUI connected as the
// unprivileged user nobody: the dialog lists the helper's verdicts, and
// device-mapper's matches what this machine has. The helper's store is
// empty: the list's empty-state text names the menu that holds Create, in
// English and in German.
#include "busfixture.h"
#include "guibackend.h"
#include "helperconnection.h"
#include "hostcheckdialog.h"
#include "mainwindow.h"

#include <QAction>
#include <QCoreApplication>
#include <QLabel>
#include <QTranslator>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>

#include <fcntl.h>
#include <unistd.h>

using hutch::test::BusFixture;

class TestGuiHostCheck : public QObject {
    Q_OBJECT
    std::unique_ptr<BusFixture> fx;
    std::unique_ptr<MainWindow> w;

private Q_SLOTS:
    void initTestCase()
    {
        HUTCH_START_BUS_FIXTURE(fx);
        qputenv("HUTCH_BUS_ADDRESS", fx->address().toUtf8());
        QStandardPaths::setTestModeEnabled(true);
    }
    void cleanupTestCase()
    {
        w.reset();
        if (fx)
            fx->cleanup();
    }

    void dialogShowsTheVerdicts()
    {
        HUTCH_MAIN_WINDOW_AS_NOBODY(w);
        auto *action = w->findChild<QAction *>(QStringLiteral("actionHostCheck"));
        QVERIFY(action);
        action->trigger();
        auto *dialog = w->findChild<HostCheckDialog *>();
        QVERIFY(dialog);
        auto *table = dialog->findChild<QTableWidget *>(QStringLiteral("hostCheckTable"));
        QVERIFY(table);
        QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), 16, 30000);
        const int fd = ::open("/dev/mapper/control", O_RDWR | O_CLOEXEC);
        const QString expected = fd >= 0 ? QStringLiteral("ok") : QStringLiteral("missing");
        if (fd >= 0)
            ::close(fd);
        bool found = false;
        for (int row = 0; row < table->rowCount(); ++row)
            if (table->item(row, 0)->text() == QLatin1String("device-mapper")) {
                found = true;
                QCOMPARE(table->item(row, 1)->data(Qt::UserRole).toString(), expected);
                if (expected == QLatin1String("missing"))
                    QVERIFY(!table->item(row, 3)->text().isEmpty());  // what it costs
            }
        QVERIFY(found);
    }

    // No containers: the text says where Create and Import are, as the
    // menus read (the issue found "Container → Create" with Create in File).
    void emptyListNamesTheMenu()
    {
        QVERIFY(w);
        QTRY_VERIFY(w->connection()->isConnected());
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        auto *label = w->findChild<QLabel *>(QStringLiteral("placeholderLabel"));
        QVERIFY(label);
        QTRY_VERIFY2(label->isVisible() && label->text().contains(QStringLiteral("No containers yet.")),
                     qPrintable(label->text()));
        QVERIFY2(label->text().contains(QStringLiteral("File → Create… (Ctrl+N)"))
                     && label->text().contains(QStringLiteral("File → Import… (Ctrl+O)")),
                 qPrintable(label->text()));
        QTranslator german;
        QVERIFY(german.load(QStringLiteral(":/i18n/hutch_de.qm")));
        QVERIFY(QCoreApplication::installTranslator(&german));
        QTRY_VERIFY2(label->text().contains(QStringLiteral("Datei → Erstellen …")), qPrintable(label->text()));
        QVERIFY(QCoreApplication::removeTranslator(&german));
        QTRY_VERIFY(label->text().contains(QStringLiteral("File → Create…")));
    }
};

QTEST_MAIN(TestGuiHostCheck)
#include "test_gui_hostcheck.moc"
