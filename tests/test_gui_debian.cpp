// A new user's first distribution container, through the GUI against the
// real helper on a private bus (busfixture): the wizard makes a Debian
// container by debootstrap (from the mirror apt uses here, cached between
// runs in /var/cache/hutch-test, built by the test itself since the
// helper's network namespace reaches no mirror) with a root password, on
// the default bridge; started, it gets an IPv4 address from the helper's dnsmasq, shown
// in its row, and a login as root with that password works on its console.
// A Debian container made without a password says so on its console and
// points to Shell. Root; skips, saying why, without the bus, debootstrap or
// the mirror.
#include "aptmirror.h"
#include "busfixture.h"
#include "consoletab.h"
#include "consolewindow.h"
#include "containeractions.h"
#include "containerlistmodel.h"
#include "createwizard.h"
#include "image.h"
#include "mainwindow.h"
#include "terminalsession.h"
#include "terminalwidget.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QUrl>
#include <QtTest>

#include <sys/stat.h>

using hutch::test::BusFixture;

namespace {

// Kept between runs: the first run downloads, later ones copy.
const QString kCache = QStringLiteral("/var/cache/hutch-test");
const QByteArray kPassword = "Hutch-t3st pw";

QString screen(const TerminalWidget *w)
{
    const TerminalSession *s = w->session();
    QStringList lines;
    for (int i = 0; i < s->lineCount(); ++i)
        lines << s->lineText(i);
    return lines.join(QLatin1Char('\n'));
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace

class TestGuiDebian : public QObject
{
    Q_OBJECT
    std::unique_ptr<BusFixture> fx;
    std::unique_ptr<MainWindow> w;
    QString mirror;

    QString addressesOf(const QString &name) const
    {
        const int row = w->model()->rowOf(name);
        return row < 0 ? QString() : w->model()->index(row, ContainerListModel::Addresses).data().toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (const QString why = hutch::test::busUnavailableReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        if (const QString why = hutch::templates::debootstrapUnavailableReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        mirror = hutch::test::aptMirror();
        if (mirror.isEmpty())
            QSKIP("no Debian mirror in /etc/apt (sources.list or sources.list.d/*.sources)");
        const QUrl url(mirror);
        QTcpSocket probe;
        probe.connectToHost(url.host(), quint16(url.port(url.scheme() == QLatin1String("https") ? 443 : 80)));
        if (!probe.waitForConnected(10000))
            QSKIP(qPrintable(QStringLiteral("the Debian mirror %1 cannot be reached: %2").arg(mirror, probe.errorString())));
        probe.abort();

        QVERIFY(QDir().mkpath(kCache));
        QVERIFY(::chmod(QFile::encodeName(kCache).constData(), 0700) == 0);
        // The helper runs in the fixture's network namespace, which reaches
        // no mirror: the cache it copies from is built here (once).
        hutch::templates::DebootstrapOptions o;
        o.mirror = mirror;
        o.cachePath = kCache;
        QStringList lines;
        auto err = hutch::templates::prepareDebootstrapCache(o, [&](const QString &l) { lines << l; });
        QVERIFY2(!err, err ? qPrintable(err->message + QLatin1Char('\n') + lines.mid(lines.size() - 20).join(QLatin1Char('\n'))) : "");
        fx = std::make_unique<BusFixture>();
        fx->setCachePath(kCache);
        QString why;
        QVERIFY2(fx->start(&why), qPrintable(why));
        qputenv("HUTCH_BUS_ADDRESS", fx->address().toUtf8());
        QStandardPaths::setTestModeEnabled(true);
        w = std::make_unique<MainWindow>();
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
    }

    void cleanupTestCase()
    {
        w.reset();
        if (fx)
            fx->cleanup();
    }

    void wizardMakesADebianThatLogsIn()
    {
        w->actions()->action(ContainerActions::Create)->trigger();
        CreateWizard *wizard = w->findChild<CreateWizard *>();
        QVERIFY(wizard);
        QSignalSpy created(wizard, &CreateWizard::created);
        QTRY_VERIFY(!wizard->templateName().isEmpty());
        wizard->findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(QStringLiteral("deb"));
        wizard->next();
        QCOMPARE(wizard->currentId(), int(CreateWizard::TemplatePage));
        auto *templates = wizard->findChild<QComboBox *>(QStringLiteral("templateCombo"));
        templates->setCurrentIndex(templates->findText(QStringLiteral("debian")));
        QCOMPARE(wizard->templateName(), QStringLiteral("debian"));
        auto *mirrorEdit = wizard->findChild<QLineEdit *>(QStringLiteral("option_mirror"));
        QVERIFY(mirrorEdit);
        mirrorEdit->setText(mirror);
        QWidget *secret = wizard->findChild<QWidget *>(QStringLiteral("option_root-password"));
        QVERIFY(secret);
        auto *password = secret->findChild<QLineEdit *>(QStringLiteral("secretEdit"));
        auto *repeat = secret->findChild<QLineEdit *>(QStringLiteral("secretRepeat"));
        QCOMPARE(password->echoMode(), QLineEdit::Password);
        // The page is not left with two different entries.
        password->setText(QString::fromUtf8(kPassword));
        repeat->setText(QStringLiteral("something else"));
        QVERIFY(!wizard->currentPage()->isComplete());
        repeat->setText(QString::fromUtf8(kPassword));
        QVERIFY(wizard->currentPage()->isComplete());
        wizard->next();  // settings
        auto *network = wizard->findChild<QComboBox *>(QStringLiteral("networkCombo"));
        network->setCurrentIndex(network->findData(QStringLiteral("veth")));
        wizard->next();  // summary: the command reads the password from stdin, never shows it
        QVERIFY2(wizard->summaryText().contains(QStringLiteral("--root-password -")), qPrintable(wizard->summaryText()));
        QVERIFY(!wizard->summaryText().contains(QString::fromUtf8(kPassword)));
        wizard->next();  // runs the job: a first debootstrap takes minutes
        QTRY_COMPARE_WITH_TIMEOUT(created.count(), 1, 840000);
        const QString log = wizard->findChild<QPlainTextEdit *>(QStringLiteral("createLog"))->toPlainText();
        QVERIFY2(log.contains(QStringLiteral("network: DHCP on eth0")), qPrintable(log.right(2000)));
        QVERIFY(log.contains(QStringLiteral("root password set")));
        QVERIFY(!log.contains(QString::fromUtf8(kPassword)));
        QVERIFY(!fx->helperLog().contains(kPassword));
        wizard->accept();
        QVERIFY(readAll(fx->storePath() + QStringLiteral("/deb/rootfs/etc/shadow")).startsWith("root:$y$"));

        // Started from the GUI: an address from dnsmasq appears in the row.
        QTRY_VERIFY(w->model()->rowOf(QStringLiteral("deb")) >= 0);
        QVERIFY(w->selectContainer(QStringLiteral("deb")));
        w->actions()->action(ContainerActions::Start)->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(addressesOf(QStringLiteral("deb")).startsWith(QLatin1String("10.")), 120000);

        // The console asks for a login, and root's password is the wizard's.
        ConsoleTab *tab = w->consoles()->openConsole(QStringLiteral("deb"), 0);
        QTRY_VERIFY(tab->isLive());
        QTRY_VERIFY2_WITH_TIMEOUT(
            [&] {
                if (!screen(tab->terminal()).contains(QStringLiteral("deb login:")))
                    tab->sendBytes("\r");  // getty may have written its prompt before we came
                return screen(tab->terminal()).contains(QStringLiteral("deb login:"));
            }(),
            qPrintable(screen(tab->terminal())), 90000);
        tab->sendBytes("root\r");
        QTRY_VERIFY2_WITH_TIMEOUT(screen(tab->terminal()).contains(QStringLiteral("Password:")),
                                  qPrintable(screen(tab->terminal())), 30000);
        tab->sendBytes(kPassword + "\r");
        QTRY_VERIFY2_WITH_TIMEOUT(screen(tab->terminal()).contains(QStringLiteral("root@deb:")),
                                  qPrintable(screen(tab->terminal())), 30000);
        tab->sendBytes("echo logged-in-$((6*7)); ip -4 -o addr show dev eth0\r");
        QTRY_VERIFY2_WITH_TIMEOUT(screen(tab->terminal()).contains(QStringLiteral("logged-in-42")),
                                  qPrintable(screen(tab->terminal())), 30000);
        QTRY_VERIFY2(screen(tab->terminal()).contains(addressesOf(QStringLiteral("deb")).section(QLatin1Char(','), 0, 0).trimmed()),
                     qPrintable(screen(tab->terminal())));
        // root has a password: no hint.
        QCOMPARE(tab->statusText(), QString());
    }

    // Without a password root stays locked: the console says to use Shell.
    void consoleOfALockedRootHints()
    {
        const auto made = fx->hutchctl({QStringLiteral("create"), QStringLiteral("deb2"), QStringLiteral("-t"),
                                        QStringLiteral("debian"), QStringLiteral("--"), QStringLiteral("--mirror"), mirror},
                                       false, {}, 600000);
        QVERIFY2(made.exitCode == 0, qPrintable(made.text()));
        const auto started = fx->hutchctl({QStringLiteral("start"), QStringLiteral("deb2")}, false);
        QVERIFY2(started.exitCode == 0, qPrintable(started.text()));
        ConsoleTab *tab = w->consoles()->openConsole(QStringLiteral("deb2"), 0);
        QTRY_VERIFY(tab->isLive());
        QTRY_VERIFY2(tab->statusText().contains(QStringLiteral("root has no password in deb2")), qPrintable(tab->statusText()));
        QVERIFY(tab->statusText().contains(QStringLiteral("Shell")));
    }
};

QTEST_MAIN(TestGuiDebian)
#include "test_gui_debian.moc"
