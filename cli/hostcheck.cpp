// hutchctl check-host: what this host offers Hutch, as the helper probes it
// (CheckHost), lxc-checkconfig's job.
#include "commands.h"

#include "common.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace hutch::cli {

int checkHost(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("The verdicts as JSON, for scripts."));
    p.addOption(json);
    int status = 0;
    if (!parseArgs(p, args, QStringLiteral("check-host [--json]"),
                   QStringLiteral("What this host offers containers, and what each missing item costs "
                                  "(lxc-checkconfig)."),
                   0, 0, &status))
        return status;
    auto helper = connectHelper();
    if (!helper)
        return Failure;
    auto reply = helper->CheckHost({});
    if (!finished(reply))
        return Failure;
    QList<QVariantMap> features;
    for (const QVariantMap &raw : reply.value())
        features << client::plainMap(raw);
    auto text = [](const QVariantMap &f, const char *key) { return f.value(QString::fromLatin1(key)).toString(); };

    if (p.isSet(json)) {
        QJsonArray array;
        for (const QVariantMap &f : std::as_const(features))
            array.append(QJsonObject::fromVariantMap(f));
        std::printf("%s", QJsonDocument(array).toJson(QJsonDocument::Indented).constData());
        return Ok;
    }
    // FEATURE  VERDICT  DETAIL, then what each item that is not ok costs.
    QList<QStringList> rows = {{QStringLiteral("FEATURE"), QStringLiteral("VERDICT"), QStringLiteral("DETAIL")}};
    QStringList costs;
    for (const QVariantMap &f : std::as_const(features)) {
        rows << QStringList{text(f, "feature"), text(f, "verdict"), text(f, "detail")};
        if (text(f, "verdict") != QLatin1String("ok"))
            costs << QStringLiteral("  %1: %2").arg(text(f, "feature"), text(f, "cost"));
    }
    printTable(rows);
    if (!costs.isEmpty())
        std::printf("\nWhat is missing costs:\n%s\n", qPrintable(costs.join(QLatin1Char('\n'))));
    return Ok;
}

}  // namespace hutch::cli
