// HistoryGraph: one measured value over the last minutes as a line, with
// events (start, stop, limit changes) marked as vertical lines, scaled to
// its largest value with a value scale. Event labels are stacked in rows
// and never overprint each other (one that finds no room is left to the
// tooltip); hovering shows the value and time under the pointer.
// Painting only: the owner adds samples.
#pragma once

#include <QList>
#include <QStringList>
#include <QWidget>

class HistoryGraph : public QWidget
{
    Q_OBJECT

public:
    explicit HistoryGraph(const QString &title, QWidget *parent = nullptr);

    // How much history is shown and kept.
    void setSpanSeconds(int seconds) { m_spanMs = qint64(seconds) * 1000; }
    // How values are written on the axis (e.g. "12.5 %", "300 MB").
    void setFormatter(std::function<QString(double)> format) { m_format = std::move(format); }
    void addSample(qint64 msecsSinceEpoch, double value);
    void addMarker(qint64 msecsSinceEpoch, const QString &label);
    void clear();

    int sampleCount() const { return int(m_samples.size()); }
    int markerCount() const { return int(m_markers.size()); }
    QStringList markerLabels() const
    {
        QStringList labels;
        for (const auto &m : m_markers)
            labels << m.second;
        return labels;
    }
    double lastValue() const { return m_samples.isEmpty() ? 0 : m_samples.last().second; }

    // Where the event labels and the scale's labels are drawn (widget
    // coordinates), as the last paint placed them; they never intersect.
    QList<QRectF> labelRects() const;
    // The tooltip for the pointer at `pos`: the sample's value and time,
    // and the events near it.
    QString hoverText(const QPoint &pos) const;

    QSize sizeHint() const override { return {320, 90}; }
    QSize minimumSizeHint() const override { return {160, 60}; }

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;

private:
    struct Layout {
        QRect area;
        double top = 1;
        qint64 now = 0;
        QList<QPair<QRectF, QString>> scale;    // value labels of the scale
        QList<QPair<QRectF, int>> markerLabels; // rect, index into m_markers
    };
    void prune(qint64 now);
    Layout layout() const;
    double xOf(const Layout &l, qint64 t) const;
    QFont smallFont() const;
    QString format(double v) const;

    QString m_title;
    qint64 m_spanMs = 5 * 60 * 1000;
    QList<QPair<qint64, double>> m_samples;
    QList<QPair<qint64, QString>> m_markers;
    std::function<QString(double)> m_format;
};
