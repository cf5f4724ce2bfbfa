#include "sparklinedelegate.h"

#include "containerlistmodel.h"

#include <QApplication>
#include <QPainter>
#include <QPolygonF>

QRect SparklineDelegate::sparklineRect(const QRect &cell)
{
    // The left part of the cell; the value is right-aligned after it.
    const int margin = 3;
    const int width = qMax(0, qMin(cell.width() / 2, 60) - margin);
    return QRect(cell.left() + margin, cell.top() + margin, width, qMax(0, cell.height() - 2 * margin));
}

QColor SparklineDelegate::lineColour(const QPalette &palette, bool selected)
{
    return selected ? palette.color(QPalette::HighlightedText) : palette.color(QPalette::Highlight);
}

void SparklineDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const
{
    // The cell as usual (background, selection, the value as text).
    QStyledItemDelegate::paint(painter, option, index);

    const QVariant v = index.data(ContainerListModel::CpuHistoryRole);
    if (!v.isValid())
        return;
    const QList<float> samples = v.value<QList<float>>();
    const QRect area = sparklineRect(option.rect);
    if (samples.size() < 2 || area.width() < 8 || area.height() < 4)
        return;

    // Scale: at least one core (100 %), more when a container uses more,
    // so that an idle container is a flat line near the bottom rather than
    // noise blown up to full height.
    float top = 100.f;
    for (float s : samples)
        top = qMax(top, s);
    const qreal step = qreal(area.width()) / (ContainerListModel::kHistoryLength - 1);
    // Right-aligned: the newest sample at the right edge, the line growing
    // leftwards as samples arrive.
    const qreal x0 = area.right() - step * (samples.size() - 1);
    QPolygonF line;
    line.reserve(samples.size());
    for (int i = 0; i < samples.size(); ++i) {
        const qreal y = area.bottom() - qreal(qBound(0.f, samples.at(i), top)) / top * area.height();
        line << QPointF(x0 + step * i, y);
    }

    const bool selected = option.state & QStyle::State_Selected;
    const QColor colour = lineColour(option.palette, selected);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setClipRect(area.adjusted(-1, -1, 1, 1));
    QColor fill = colour;
    fill.setAlpha(50);
    QPolygonF filled = line;
    filled << QPointF(line.last().x(), area.bottom()) << QPointF(line.first().x(), area.bottom());
    painter->setPen(Qt::NoPen);
    painter->setBrush(fill);
    painter->drawPolygon(filled);
    painter->setPen(QPen(colour, 1.2));
    painter->setBrush(Qt::NoBrush);
    painter->drawPolyline(line);
    painter->restore();
}
