#include "historygraph.h"

#include <QPainter>
#include <QPainterPath>

HistoryGraph::HistoryGraph(const QString &title, QWidget *parent)
    : QWidget(parent), m_title(title)
{
    setAccessibleName(title);
    setMinimumHeight(60);
}

void HistoryGraph::prune(qint64 now)
{
    while (!m_samples.isEmpty() && m_samples.first().first < now - m_spanMs)
        m_samples.removeFirst();
    while (!m_markers.isEmpty() && m_markers.first().first < now - m_spanMs)
        m_markers.removeFirst();
}

void HistoryGraph::addSample(qint64 t, double value)
{
    m_samples.append({t, value});
    prune(t);
    setAccessibleDescription(m_format ? m_format(value) : QString::number(value));
    update();
}

void HistoryGraph::addMarker(qint64 t, const QString &label)
{
    m_markers.append({t, label});
    prune(t);
    update();
}

void HistoryGraph::clear()
{
    m_samples.clear();
    m_markers.clear();
    update();
}

void HistoryGraph::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRect area = rect().adjusted(1, fontMetrics().height() + 2, -1, -1);
    p.fillRect(area, palette().color(QPalette::Base));
    p.setPen(palette().color(QPalette::Mid));
    p.drawRect(area.adjusted(0, 0, -1, -1));

    double top = 0;
    for (const auto &s : m_samples)
        top = qMax(top, s.second);
    top = top <= 0 ? 1 : top * 1.15;
    const qint64 now = m_samples.isEmpty() ? 0 : m_samples.last().first;
    auto xOf = [&](qint64 t) { return area.right() - double(now - t) / double(m_spanMs) * area.width(); };
    auto yOf = [&](double v) { return area.bottom() - v / top * (area.height() - 2); };

    // Events first, under the line: a dashed vertical line and its word.
    QPen markerPen(palette().color(QPalette::PlaceholderText), 1, Qt::DashLine);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    p.setFont(small);
    for (const auto &m : m_markers) {
        const double x = xOf(m.first);
        if (x < area.left())
            continue;
        p.setPen(markerPen);
        p.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()));
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(QPointF(x + 3, area.top() + QFontMetrics(small).ascent() + 1), m.second);
    }

    if (m_samples.size() >= 2) {
        QPainterPath line;
        line.moveTo(xOf(m_samples.first().first), yOf(m_samples.first().second));
        for (const auto &s : m_samples)
            line.lineTo(xOf(s.first), yOf(s.second));
        QPainterPath fill = line;
        fill.lineTo(xOf(m_samples.last().first), area.bottom());
        fill.lineTo(xOf(m_samples.first().first), area.bottom());
        QColor c = palette().color(QPalette::Highlight);
        QColor f = c;
        f.setAlpha(50);
        p.fillPath(fill, f);
        p.setPen(QPen(c, 1.5));
        p.drawPath(line);
    }

    p.setFont(font());
    p.setPen(palette().color(QPalette::WindowText));
    const QString value = m_samples.isEmpty() ? QString()
                                              : (m_format ? m_format(lastValue()) : QString::number(lastValue()));
    p.drawText(QRect(0, 0, width(), fontMetrics().height()), Qt::AlignLeft | Qt::AlignVCenter, m_title);
    p.drawText(QRect(0, 0, width(), fontMetrics().height()), Qt::AlignRight | Qt::AlignVCenter, value);
}
