#include "usageslider.h"

#include <QPainter>
#include <QStyleOptionSlider>

UsageSlider::UsageSlider(QWidget *parent)
    : QSlider(Qt::Horizontal, parent)
{
}

void UsageSlider::setUsage(int usage)
{
    if (usage == m_usage)
        return;
    m_usage = usage;
    update();
}

void UsageSlider::paintEvent(QPaintEvent *event)
{
    QSlider::paintEvent(event);
    if (m_usage < 0 || maximum() <= minimum())
        return;
    QStyleOptionSlider opt;
    initStyleOption(&opt);
    const QRect groove = style()->subControlRect(QStyle::CC_Slider, &opt, QStyle::SC_SliderGroove, this);
    const QRect handle = style()->subControlRect(QStyle::CC_Slider, &opt, QStyle::SC_SliderHandle, this);
    // The handle's centre travels from groove.left + handle/2 to
    // groove.right - handle/2; usage is drawn on the same scale.
    const int span = groove.width() - handle.width();
    const int x0 = groove.left() + handle.width() / 2;
    const double fraction = qBound(0.0, double(m_usage - minimum()) / double(maximum() - minimum()), 1.0);
    const int x1 = x0 + int(fraction * span);
    QPainter p(this);
    QColor colour = palette().color(QPalette::Highlight);
    // Past the limit (the handle) the bar turns to a warning colour.
    if (m_usage > value())
        colour = QColor(0xd0, 0x3a, 0x2f);
    colour.setAlpha(150);
    const int h = qMax(3, groove.height() / 3);
    p.fillRect(QRect(QPoint(x0, groove.bottom() + 2), QSize(qMax(1, x1 - x0), h)), colour);
}
