#include "namecheck.h"

#include "containerlistmodel.h"
#include "names.h"

#include <QCoreApplication>

QString newNameProblem(const QString &name, const ContainerListModel *model)
{
    if (name.isEmpty())
        return QCoreApplication::translate("NameCheck", "Enter a name.");
    if (const hutch::Status invalid = hutch::validateContainerName(name))
        return QCoreApplication::translate("NameCheck", "This name cannot be used: %1").arg(invalid->message);
    if (model && model->rowOf(name) >= 0)
        return QCoreApplication::translate("NameCheck", "A container named \"%1\" exists already.").arg(name);
    return {};
}

QString proposeCloneName(const QString &source, const ContainerListModel *model)
{
    QString base = source + QStringLiteral("-clone");
    QString name = base;
    for (int n = 2; model && model->rowOf(name) >= 0; ++n)
        name = base + QString::number(n);
    return name;
}
