// The check of a new container name as the user types it (creation wizard,
// clone dialog, drag to clone): core's rules, which the helper applies
// again, plus "already taken" from what the list shows.
#pragma once

#include <QString>

class ContainerListModel;

// Empty when NAME may be used; else a sentence saying why not.
QString newNameProblem(const QString &name, const ContainerListModel *model);
// SOURCE-clone, SOURCE-clone2, ...: the first free one.
QString proposeCloneName(const QString &source, const ContainerListModel *model);
