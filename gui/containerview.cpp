#include "containerview.h"

#include "containerlistmodel.h"

#include <QDragEnterEvent>
#include <QMimeData>

namespace {
const QString kMime = QStringLiteral("application/x-hutch-container");
}

ContainerView::ContainerView(QWidget *parent)
    : QTreeView(parent)
{
    setDragEnabled(true);
    setAcceptDrops(true);
    setDropIndicatorShown(true);
    setDragDropMode(QAbstractItemView::DragDrop);
    setDefaultDropAction(Qt::CopyAction);
}

QStringList ContainerView::namesIn(const QMimeData *mime)
{
    if (!mime || !mime->hasFormat(kMime))
        return {};
    return QString::fromUtf8(mime->data(kMime)).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

QString ContainerView::nameAt(const QPoint &pos) const
{
    const QModelIndex index = indexAt(pos);
    return index.isValid() ? index.data(ContainerListModel::NameRole).toString() : QString();
}

void ContainerView::dragEnterEvent(QDragEnterEvent *event)
{
    if (namesIn(event->mimeData()).size() == 1)
        event->acceptProposedAction();
    else
        event->ignore();
}

void ContainerView::dragMoveEvent(QDragMoveEvent *event)
{
    const QStringList names = namesIn(event->mimeData());
    // Over its own row the drop would do nothing: say so with the cursor.
    if (names.size() != 1 || nameAt(event->position().toPoint()) == names.first()) {
        event->ignore();
        return;
    }
    event->setDropAction(Qt::CopyAction);
    event->accept();
}

void ContainerView::dropEvent(QDropEvent *event)
{
    const QStringList names = namesIn(event->mimeData());
    if (names.size() != 1 || nameAt(event->position().toPoint()) == names.first()) {
        event->ignore();
        return;
    }
    // Copy, never move: the model must not remove the dragged row.
    event->setDropAction(Qt::CopyAction);
    event->accept();
    Q_EMIT cloneDropped(names.first());
}
