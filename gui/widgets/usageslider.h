// UsageSlider: a horizontal slider that also draws what the container uses
// now as a bar along its groove, so that a limit is set while seeing how
// close it comes to the real use.
#pragma once

#include <QSlider>

class UsageSlider : public QSlider
{
    Q_OBJECT

public:
    explicit UsageSlider(QWidget *parent = nullptr);

    // In slider units; negative: nothing to draw.
    void setUsage(int usage);
    int usage() const { return m_usage; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    int m_usage = -1;
};
