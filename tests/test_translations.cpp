// The GUI's translations are complete: every message of each .ts file has
// a finished translation with the same placeholders as its source, and
// lupdate, run over gui/ now, finds no string the .ts files lack (so a new
// tr() without a translation fails here). Then each .qm compiled into the
// GUI is loaded and changes the main window's texts.
#include "helperconnection.h"
#include "mainwindow.h"

#include <QFile>
#include <QMenu>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTranslator>
#include <QXmlStreamReader>
#include <QtTest>

namespace {

struct Message {
    QString context, source;
    QStringList translations;  // one, or the numerus forms
    QString type;              // "unfinished", "vanished", "obsolete" or empty
};

QList<Message> readTs(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = f.errorString();
        return {};
    }
    QList<Message> out;
    QXmlStreamReader xml(&f);
    QString context;
    Message m;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("name"))
            context = xml.readElementText();
        else if (name == QLatin1String("message"))
            m = Message{context, {}, {}, {}};
        else if (name == QLatin1String("source"))
            m.source = xml.readElementText();
        else if (name == QLatin1String("translation")) {
            m.type = xml.attributes().value(QLatin1String("type")).toString();
            // Plain text, or <numerusform> children.
            QString text;
            while (!xml.atEnd()) {
                xml.readNext();
                if (xml.isCharacters())
                    text += xml.text();
                else if (xml.isStartElement() && xml.name() == QLatin1String("numerusform"))
                    m.translations << xml.readElementText();
                else if (xml.isEndElement() && xml.name() == QLatin1String("translation"))
                    break;
            }
            if (m.translations.isEmpty())
                m.translations << text;
            out << m;
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return out;
}

QSet<QString> placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("%(\\d+|n)"));
    QSet<QString> out;
    for (auto it = re.globalMatch(text); it.hasNext();)
        out.insert(it.next().captured(0));
    return out;
}

const QStringList kLanguages = {QStringLiteral("de"), QStringLiteral("fr")};

QString tsPath(const QString &lang)
{
    return QStringLiteral(HUTCH_SOURCE_DIR "/translations/hutch_%1.ts").arg(lang);
}

}  // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void complete_data()
    {
        QTest::addColumn<QString>("lang");
        for (const QString &l : kLanguages)
            QTest::newRow(qPrintable(l)) << l;
    }

    void complete()
    {
        QFETCH(QString, lang);
        QString error;
        const QList<Message> messages = readTs(tsPath(lang), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(messages.size() > 100);
        QStringList problems;
        for (const Message &m : messages) {
            const QString where = m.context + QStringLiteral(": \"") + m.source + QLatin1Char('"');
            if (!m.type.isEmpty()) {
                problems << where + QStringLiteral(" is ") + m.type;
                continue;
            }
            const bool numerus = m.source.contains(QLatin1String("%n"));
            for (const QString &t : m.translations) {
                if (t.isEmpty()) {
                    problems << where + QStringLiteral(" has an empty translation");
                    continue;
                }
                // %n may be left out of a singular form ("Delete this container?").
                QSet<QString> want = placeholders(m.source), have = placeholders(t);
                if (numerus) {
                    want.remove(QStringLiteral("%n"));
                    have.remove(QStringLiteral("%n"));
                }
                if (want != have)
                    problems << where + QStringLiteral(" → \"") + t + QStringLiteral("\": placeholders differ");
                if (t.count(QLatin1Char('&')) > 1 && !t.contains(QLatin1String("&&")))
                    problems << where + QStringLiteral(" → \"") + t + QStringLiteral("\": more than one mnemonic");
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    void nothingMissing_data() { complete_data(); }

    void nothingMissing()
    {
        QFETCH(QString, lang);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString copy = dir.filePath(QStringLiteral("hutch_%1.ts").arg(lang));
        QVERIFY(QFile::copy(tsPath(lang), copy));
        QProcess lupdate;
        lupdate.setProcessChannelMode(QProcess::MergedChannels);
        lupdate.start(QStringLiteral(HUTCH_LUPDATE), {QStringLiteral("-no-obsolete"), QStringLiteral(HUTCH_SOURCE_DIR "/gui"),
                                                      QStringLiteral("-ts"), copy});
        QVERIFY(lupdate.waitForFinished(120000));
        QVERIFY2(lupdate.exitCode() == 0, lupdate.readAll().constData());
        QString error;
        QStringList missing;
        for (const Message &m : readTs(copy, &error))
            if (m.type == QLatin1String("unfinished"))
                missing << m.context + QStringLiteral(": \"") + m.source + QLatin1Char('"');
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("tr() strings not translated in hutch_%1.ts:\n").arg(lang)
                                               + missing.join(QLatin1Char('\n'))));
    }

    void compiledIntoTheGui_data()
    {
        QTest::addColumn<QString>("lang");
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("settings");
        QTest::newRow("de") << QStringLiteral("de") << QStringLiteral("&Datei") << QStringLiteral("&Einstellungen …");
        QTest::newRow("fr") << QStringLiteral("fr") << QStringLiteral("&Fichier") << QStringLiteral("&Paramètres…");
    }

    void compiledIntoTheGui()
    {
        QFETCH(QString, lang);
        QFETCH(QString, file);
        QFETCH(QString, settings);
        qputenv("HUTCH_BUS_ADDRESS", "unix:path=/nonexistent/hutch-test-bus");
        MainWindow w;
        auto *fileMenu = w.findChild<QMenu *>(QStringLiteral("menuFile"));
        auto *settingsAction = w.findChild<QAction *>(QStringLiteral("actionSettings"));
        QVERIFY(fileMenu && settingsAction);
        QCOMPARE(fileMenu->title(), QStringLiteral("&File"));
        QTranslator translator;
        QVERIFY(translator.load(QStringLiteral(":/i18n/hutch_%1.qm").arg(lang)));
        QVERIFY(QCoreApplication::installTranslator(&translator));
        QTRY_COMPARE(fileMenu->title(), file);
        QCOMPARE(settingsAction->text(), settings);
        QVERIFY(QCoreApplication::removeTranslator(&translator));
        QTRY_COMPARE(fileMenu->title(), QStringLiteral("&File"));
    }
};

QTEST_MAIN(TestTranslations)
#include "test_translations.moc"
