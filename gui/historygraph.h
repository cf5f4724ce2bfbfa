// HistoryGraph: one measured value over the last minutes as a line, with
// events (start, stop, limit changes) marked as vertical lines, scaled to
// its largest value. Painting only: the owner adds samples.
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

    QSize sizeHint() const override { return {320, 90}; }
    QSize minimumSizeHint() const override { return {160, 60}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void prune(qint64 now);

    QString m_title;
    qint64 m_spanMs = 5 * 60 * 1000;
    QList<QPair<qint64, double>> m_samples;
    QList<QPair<qint64, QString>> m_markers;
    std::function<QString(double)> m_format;
};
