// SparklineDelegate: the CPU column of the container list as a small line
// of the recent CPU samples (ContainerListModel::CpuHistoryRole) behind the
// current value. Painting only, from memory the model already holds: no
// allocation beyond one small polygon per visible row, so scrolling through
// 1,000 rows stays smooth.
#pragma once

#include <QStyledItemDelegate>

class SparklineDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The rectangle inside a cell that the line is drawn in (tests look there).
    static QRect sparklineRect(const QRect &cell);
    // The line's colour for a palette: the highlight colour, which themes
    // keep readable on their own base colour (light and dark alike).
    static QColor lineColour(const QPalette &palette, bool selected);
};
