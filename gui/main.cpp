#include "mainwindow.h"

#include <QApplication>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("hutch"));
    QApplication::setApplicationDisplayName(QStringLiteral("Hutch"));
    QApplication::setApplicationVersion(QStringLiteral(HUTCH_VERSION));
    // Lets Wayland compositors match the window to io.github.hutch.desktop.
    QApplication::setDesktopFileName(QStringLiteral("io.github.hutch"));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("io.github.hutch")));

    // Qt's own strings (standard buttons, dialogs) from the system's Qt
    // translations; a missing file just leaves them in English.
    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);

    // Hutch's strings are compiled into the binary (translations/ puts
    // hutch_<lang>.qm under :/i18n), so no install path has to be found.
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("hutch"), QStringLiteral("_"),
                        QStringLiteral(":/i18n")))
        QApplication::installTranslator(&translator);

    MainWindow window;
    window.show();
    return app.exec();
}
