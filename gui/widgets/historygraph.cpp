#include "historygraph.h"

#include <QDateTime>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <algorithm>

HistoryGraph::HistoryGraph(const QString &title, QWidget *parent)
    : QWidget(parent), m_title(title)
{
    setAccessibleName(title);
    setMinimumHeight(60);
    setMouseTracking(true);
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

QString HistoryGraph::format(double v) const
{
    return m_format ? m_format(v) : QLocale().toString(v, 'g', 3);
}

HistoryGraph::Layout HistoryGraph::layout() const
{
    Layout l;
    l.area = rect().adjusted(1, fontMetrics().height() + 2, -1, -1);
    double top = 0;
    for (const auto &s : m_samples)
        top = qMax(top, s.second);
    l.top = top <= 0 ? 1 : top * 1.15;
    l.now = m_samples.isEmpty() ? 0 : m_samples.last().first;
    const QFontMetricsF fm(smallFont());
    // The scale: the top value and half of it, at the left edge.
    for (double v : {l.top, l.top / 2}) {
        const QString text = format(v);
        const double y = l.area.bottom() - v / l.top * (l.area.height() - 2);
        l.scale.append({QRectF(l.area.left() + 3, y, fm.horizontalAdvance(text), fm.height()), text});
    }
    // Event labels: newest first (they matter most), each in the first row
    // where it overlaps nothing placed yet; without a row, tooltip only.
    QList<QRectF> placed;
    for (const auto &s : l.scale)
        placed << s.first;
    const int rows = qMax(1, int((l.area.height() - 2) / fm.height()));
    for (qsizetype i = m_markers.size() - 1; i >= 0; --i) {
        const double x = xOf(l, m_markers.at(i).first);
        if (x < l.area.left())
            continue;
        const QString &label = m_markers.at(i).second;
        const double w = fm.horizontalAdvance(label);
        // Right of the line, or left of it where the right edge is too near.
        const double left = x + 3 + w <= l.area.right() ? x + 3 : x - 3 - w;
        for (int row = 0; row < rows; ++row) {
            const QRectF r(left, l.area.bottom() - 1 - (row + 1) * fm.height(), w, fm.height());
            if (r.left() < l.area.left())
                break;
            if (std::none_of(placed.cbegin(), placed.cend(), [&](const QRectF &p) { return p.intersects(r); })) {
                placed << r;
                l.markerLabels.append({r, int(i)});
                break;
            }
        }
    }
    return l;
}

double HistoryGraph::xOf(const Layout &l, qint64 t) const
{
    return l.area.right() - double(l.now - t) / double(m_spanMs) * l.area.width();
}

QFont HistoryGraph::smallFont() const
{
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    return small;
}

QList<QRectF> HistoryGraph::labelRects() const
{
    const Layout l = layout();
    QList<QRectF> out;
    for (const auto &s : l.scale)
        out << s.first;
    for (const auto &m : l.markerLabels)
        out << m.first;
    return out;
}

QString HistoryGraph::hoverText(const QPoint &pos) const
{
    if (m_samples.isEmpty())
        return {};
    const Layout l = layout();
    if (!l.area.contains(pos))
        return {};
    // The sample nearest to the pointer's time.
    const qint64 t = l.now - qint64(double(l.area.right() - pos.x()) / l.area.width() * m_spanMs);
    const auto nearest = std::min_element(m_samples.cbegin(), m_samples.cend(), [t](const auto &a, const auto &b) {
        return qAbs(a.first - t) < qAbs(b.first - t);
    });
    QStringList lines;
    lines << tr("%1 at %2").arg(format(nearest->second),
                               QLocale().toString(QDateTime::fromMSecsSinceEpoch(nearest->first).time(),
                                                  QLocale::LongFormat));
    // Events within a few pixels, labelled or not.
    const qint64 near = qint64(4.0 / l.area.width() * m_spanMs);
    for (const auto &m : m_markers)
        if (qAbs(m.first - t) <= near)
            lines << tr("%1 at %2").arg(m.second, QLocale().toString(QDateTime::fromMSecsSinceEpoch(m.first).time(),
                                                                      QLocale::LongFormat));
    return lines.join(QLatin1Char('\n'));
}

void HistoryGraph::mouseMoveEvent(QMouseEvent *event)
{
    const QString text = hoverText(event->position().toPoint());
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, this);
}

void HistoryGraph::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const Layout l = layout();
    const QRect area = l.area;
    p.fillRect(area, palette().color(QPalette::Base));
    p.setPen(palette().color(QPalette::Mid));
    p.drawRect(area.adjusted(0, 0, -1, -1));
    auto yOf = [&](double v) { return area.bottom() - v / l.top * (area.height() - 2); };

    // The scale: dotted lines at its values, the values at the left.
    const QColor faint = palette().color(QPalette::PlaceholderText);
    p.setFont(smallFont());
    for (const auto &s : l.scale) {
        p.setPen(QPen(palette().color(QPalette::Mid), 1, Qt::DotLine));
        p.drawLine(QPointF(area.left(), s.first.top()), QPointF(area.right(), s.first.top()));
        p.setPen(faint);
        p.drawText(s.first, Qt::AlignLeft | Qt::AlignTop, s.second);
    }

    // Events, under the line: a dashed vertical line each, and the labels
    // the layout found room for.
    for (const auto &m : m_markers) {
        const double x = xOf(l, m.first);
        if (x < area.left())
            continue;
        p.setPen(QPen(faint, 1, Qt::DashLine));
        p.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()));
    }
    p.setPen(faint);
    for (const auto &m : l.markerLabels)
        p.drawText(m.first, Qt::AlignLeft | Qt::AlignVCenter, m_markers.at(m.second).second);

    if (m_samples.size() >= 2) {
        QPainterPath line;
        line.moveTo(xOf(l, m_samples.first().first), yOf(m_samples.first().second));
        for (const auto &s : m_samples)
            line.lineTo(xOf(l, s.first), yOf(s.second));
        QPainterPath fill = line;
        fill.lineTo(xOf(l, m_samples.last().first), area.bottom());
        fill.lineTo(xOf(l, m_samples.first().first), area.bottom());
        QColor c = palette().color(QPalette::Highlight);
        QColor f = c;
        f.setAlpha(50);
        p.fillPath(fill, f);
        p.setPen(QPen(c, 1.5));
        p.drawPath(line);
    }

    p.setFont(font());
    p.setPen(palette().color(QPalette::WindowText));
    const QString value = m_samples.isEmpty() ? QString() : format(lastValue());
    p.drawText(QRect(0, 0, width(), fontMetrics().height()), Qt::AlignLeft | Qt::AlignVCenter, m_title);
    p.drawText(QRect(0, 0, width(), fontMetrics().height()), Qt::AlignRight | Qt::AlignVCenter, value);
}
