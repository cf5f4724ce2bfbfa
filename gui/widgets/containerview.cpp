#include "containerview.h"

#include "containerlistmodel.h"

#include <QDragEnterEvent>
#include <QMimeData>
#include <QPainter>
#include <QUrl>

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
    setMouseTracking(true);
}

QString ContainerView::emptyAreaHint() const
{
    if (!model() || model()->rowCount() == 0)
        return {};
    // Room under the last row for a line and a margin.
    const QModelIndex last = model()->index(model()->rowCount() - 1, 0);
    const int below = viewport()->height() - visualRect(last).bottom();
    if (below < fontMetrics().height() * 3)
        return {};
    return tr("Drag a container onto this list to clone it.");
}

void ContainerView::setDropSource(const QString &name)
{
    if (name == m_dropSource)
        return;
    m_dropSource = name;
    viewport()->update();
}

void ContainerView::mouseMoveEvent(QMouseEvent *event)
{
    QTreeView::mouseMoveEvent(event);
    const QString name = nameAt(event->position().toPoint());
    if (name != m_hovered) {
        m_hovered = name;
        Q_EMIT rowHovered(name);
    }
}

void ContainerView::keyPressEvent(QKeyEvent *event)
{
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && event->modifiers() == Qt::NoModifier
        && currentIndex().isValid() && state() != EditingState) {
        Q_EMIT returnPressed(currentIndex().data(ContainerListModel::NameRole).toString());
        event->accept();
        return;
    }
    QTreeView::keyPressEvent(event);
}

void ContainerView::paintEvent(QPaintEvent *event)
{
    QTreeView::paintEvent(event);
    QPainter p(viewport());
    if (!m_dropSource.isEmpty()) {
        // The whole list is the drop target: framed, with what a drop does.
        QColor c = palette().color(QPalette::Highlight);
        p.setPen(QPen(c, 2, Qt::DashLine));
        p.drawRect(viewport()->rect().adjusted(1, 1, -2, -2));
        const QString text = tr("Drop to clone \"%1\"").arg(m_dropSource);
        const QRect box = viewport()->rect().adjusted(0, 0, 0, -6);
        p.setPen(c);
        p.drawText(box, Qt::AlignHCenter | Qt::AlignBottom, text);
        return;
    }
    const QString hint = emptyAreaHint();
    if (!hint.isEmpty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(viewport()->rect().adjusted(0, 0, 0, -fontMetrics().height()), Qt::AlignHCenter | Qt::AlignBottom,
                   hint);
    }
}

QStringList ContainerView::namesIn(const QMimeData *mime)
{
    if (!mime || !mime->hasFormat(kMime))
        return {};
    return QString::fromUtf8(mime->data(kMime)).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

QStringList ContainerView::localFilesIn(const QMimeData *mime)
{
    QStringList out;
    if (!mime || !mime->hasUrls() || mime->hasFormat(kMime))
        return out;
    for (const QUrl &url : mime->urls()) {
        if (!url.isLocalFile())
            return {};
        out << url.toLocalFile();
    }
    return out;
}

QString ContainerView::nameAt(const QPoint &pos) const
{
    const QModelIndex index = indexAt(pos);
    return index.isValid() ? index.data(ContainerListModel::NameRole).toString() : QString();
}

void ContainerView::dragEnterEvent(QDragEnterEvent *event)
{
    if (!localFilesIn(event->mimeData()).isEmpty()) {
        event->acceptProposedAction();
        return;
    }
    const QStringList names = namesIn(event->mimeData());
    if (names.size() == 1) {
        event->acceptProposedAction();
        setDropSource(names.first());
    } else {
        event->ignore();
    }
}

void ContainerView::dragLeaveEvent(QDragLeaveEvent *event)
{
    setDropSource(QString());
    QTreeView::dragLeaveEvent(event);
}

void ContainerView::dragMoveEvent(QDragMoveEvent *event)
{
    // Files from a file manager go onto a container's row.
    if (!localFilesIn(event->mimeData()).isEmpty()) {
        if (nameAt(event->position().toPoint()).isEmpty()) {
            event->ignore();
            return;
        }
        event->setDropAction(Qt::CopyAction);
        event->accept();
        return;
    }
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
    if (const QStringList files = localFilesIn(event->mimeData()); !files.isEmpty()) {
        const QString target = nameAt(event->position().toPoint());
        if (target.isEmpty()) {
            event->ignore();
            return;
        }
        event->setDropAction(Qt::CopyAction);
        event->accept();
        Q_EMIT filesDropped(target, files);
        return;
    }
    const QStringList names = namesIn(event->mimeData());
    if (names.size() != 1 || nameAt(event->position().toPoint()) == names.first()) {
        event->ignore();
        return;
    }
    setDropSource(QString());
    // Copy, never move: the model must not remove the dragged row.
    event->setDropAction(Qt::CopyAction);
    event->accept();
    Q_EMIT cloneDropped(names.first());
}
