// hutch-helper: the root side of Hutch, the D-Bus service
// io.github.hutch.Helper1 (helper/service/). --check inspects the settings
// and the store without serving.
#include "serve.h"
#include "settings.h"
#include "store.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("hutch-helper"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HUTCH_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Hutch root helper: the D-Bus service io.github.hutch.Helper1"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption config(QStringLiteral("config"), QStringLiteral("Settings file."),
                                    QStringLiteral("FILE"), hutch::HelperSettings::defaultPath());
    const QCommandLineOption bus(QStringList{QStringLiteral("b"), QStringLiteral("bus")},
                                 QStringLiteral("Serve on the bus at ADDRESS (a private system-type bus) instead of "
                                                "the system bus; default: $HUTCH_BUS_ADDRESS."),
                                 QStringLiteral("ADDRESS"));
    const QCommandLineOption check(QStringLiteral("check"),
                                   QStringLiteral("Check the settings and list the store's containers, then exit."));
    parser.addOption(config);
    parser.addOption(bus);
    parser.addOption(check);
    parser.process(app);

    auto settings = hutch::HelperSettings::load(parser.value(config));
    if (!settings) {
        std::fprintf(stderr, "hutch-helper: %s\n", qPrintable(settings.error().message));
        return 1;
    }
    if (!parser.isSet(check)) {
        const QString address = parser.isSet(bus) ? parser.value(bus) : qEnvironmentVariable("HUTCH_BUS_ADDRESS");
        return hutch::service::serve(address, *settings, hutch::service::defaultMonitorPath());
    }
    const hutch::Store store(settings->storePath);
    const auto entries = store.list();
    if (!entries) {
        std::fprintf(stderr, "hutch-helper: %s\n", qPrintable(entries.error().message));
        return 1;
    }
    std::printf("store %s: %lld container(s)\n", qPrintable(store.path()), static_cast<long long>(entries->size()));
    for (const auto &e : *entries)
        std::printf("  %s%s%s\n", qPrintable(e.name), e.broken ? ": broken: " : "",
                    e.broken ? qPrintable(e.problem) : "");
    return 0;
}
