// hutch-helper: the root side of Hutch. The D-Bus service is not written
// yet; what exists is the store inspection the service will build on.
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
    parser.setApplicationDescription(QStringLiteral("Hutch root helper"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption config(QStringLiteral("config"), QStringLiteral("Settings file."),
                                    QStringLiteral("FILE"), hutch::HelperSettings::defaultPath());
    const QCommandLineOption check(QStringLiteral("check"),
                                   QStringLiteral("Check the settings and list the store's containers, then exit."));
    parser.addOption(config);
    parser.addOption(check);
    parser.process(app);

    auto settings = hutch::HelperSettings::load(parser.value(config));
    if (!settings) {
        std::fprintf(stderr, "hutch-helper: %s\n", qPrintable(settings.error().message));
        return 1;
    }
    if (!parser.isSet(check)) {
        std::fprintf(stderr, "hutch-helper: the D-Bus service is not implemented yet; --check inspects the store\n");
        return 2;
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
