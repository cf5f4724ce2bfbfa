#include "resourcespanel.h"

#include "client.h"
#include "helperconnection.h"
#include "modal.h"
#include "usageslider.h"

#include <QDBusPendingReply>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QFile>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QThread>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace {

constexpr qint64 kMiB = 1024 * 1024;
constexpr int kCpuPeriod = 100000;  // µs, cgroup's default period
constexpr int kDefaultWeight = 100;
constexpr int kMaxPids = 65536;

// The host's memory: the natural top of the memory sliders. /proc is the
// GUI's own view of its machine, not the container store.
int hostMemoryMiB()
{
    QFile f(QStringLiteral("/proc/meminfo"));
    if (f.open(QIODevice::ReadOnly)) {
        const QList<QByteArray> fields = f.readLine().simplified().split(' ');
        if (fields.size() >= 2)
            return int(fields.at(1).toLongLong() / 1024);
    }
    return 16 * 1024;
}

// Round values from `low` to `high` on a logarithmic scale: 1, 1.25, 1.5
// and 1.75 times each power of two of `low` (so every fourth is a power of
// two, where the ticks are), and `high` itself at the end.
QList<int> logStops(int low, int high)
{
    QList<int> out;
    for (qint64 base = low; base < high; base *= 2)
        for (int quarter : {4, 5, 6, 7}) {
            const qint64 v = base * quarter / 4;
            if (v < high && (out.isEmpty() || v > out.last()))
                out << int(v);
        }
    out << high;
    return out;
}

// Spin boxes that say "Unlimited" at the top of their range, where the
// slider's end means no limit at all.
class LimitSpinBox : public QSpinBox
{
public:
    LimitSpinBox(bool unlimitedAtTop, QWidget *parent) : QSpinBox(parent), m_top(unlimitedAtTop)
    {
        // No unit after "Unlimited".
        connect(this, &QSpinBox::valueChanged, this, &LimitSpinBox::refreshSuffix);
    }
    void refreshSuffix() { setSuffix(m_top && value() == maximum() ? QString() : m_unit); }
    void setUnit(const QString &unit) { m_unit = unit; setSuffix(unit); }
protected:
    QString textFromValue(int v) const override
    {
        return m_top && v == maximum() ? ResourcesPanel::tr("Unlimited") : QSpinBox::textFromValue(v);
    }
    int valueFromText(const QString &text) const override
    {
        return m_top && text == ResourcesPanel::tr("Unlimited") ? maximum() : QSpinBox::valueFromText(text);
    }
    QValidator::State validate(QString &text, int &pos) const override
    {
        if (m_top && ResourcesPanel::tr("Unlimited").startsWith(text))
            return text == ResourcesPanel::tr("Unlimited") ? QValidator::Acceptable : QValidator::Intermediate;
        return QSpinBox::validate(text, pos);
    }
private:
    bool m_top;
    QString m_unit;
};

class CoresSpinBox : public QDoubleSpinBox
{
public:
    explicit CoresSpinBox(QWidget *parent) : QDoubleSpinBox(parent)
    {
        connect(this, &QDoubleSpinBox::valueChanged, this, &CoresSpinBox::refreshSuffix);
    }
    void refreshSuffix() { setSuffix(value() >= maximum() ? QString() : m_unit); }
    void setUnit(const QString &unit) { m_unit = unit; setSuffix(unit); }
protected:
    QString textFromValue(double v) const override
    {
        return v >= maximum() ? ResourcesPanel::tr("Unlimited") : QDoubleSpinBox::textFromValue(v);
    }
    double valueFromText(const QString &text) const override
    {
        return text == ResourcesPanel::tr("Unlimited") ? maximum() : QDoubleSpinBox::valueFromText(text);
    }
    QValidator::State validate(QString &text, int &pos) const override
    {
        if (ResourcesPanel::tr("Unlimited").startsWith(text))
            return text == ResourcesPanel::tr("Unlimited") ? QValidator::Acceptable : QValidator::Intermediate;
        return QDoubleSpinBox::validate(text, pos);
    }
private:
    QString m_unit;
};

}  // namespace

ResourcesPanel::ResourcesPanel(HelperConnection *connection, QWidget *parent)
    : QWidget(parent), m_connection(connection), m_usageTimer(new QTimer(this)), m_memoryMiB(hostMemoryMiB())
{
    setObjectName(QStringLiteral("resourcesPanel"));
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("resourcesTitle"));
    // The rows are hidden while no container is selected: a slider then
    // would show values that are nobody's.
    m_limits = new QWidget(this);
    m_limits->setObjectName(QStringLiteral("resourcesLimits"));
    auto *grid = new QGridLayout(m_limits);
    grid->setContentsMargins(0, 0, 0, 0);
    for (int l = 0; l < LimitCount; ++l)
        buildRow(Limit(l), grid, l);
    grid->setColumnStretch(1, 1);
    m_undoButton = new QPushButton(tr("&Undo Last Change"), this);
    m_undoButton->setObjectName(QStringLiteral("resourcesUndo"));
    m_undoButton->setEnabled(false);
    connect(m_undoButton, &QPushButton::clicked, this, &ResourcesPanel::undo);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_limits);
    layout->addWidget(m_undoButton, 0, Qt::AlignRight);
    layout->addStretch();
    m_usageTimer->setInterval(2000);
    connect(m_usageTimer, &QTimer::timeout, this, &ResourcesPanel::refreshUsage);
    setContainer(QString(), false);
}

QString ResourcesPanel::fileOf(Limit limit)
{
    switch (limit) {
    case Memory: return QStringLiteral("memory.max");
    case Swap: return QStringLiteral("memory.swap.max");
    case CpuQuota: return QStringLiteral("cpu.max");
    case CpuWeight: return QStringLiteral("cpu.weight");
    case Pids: return QStringLiteral("pids.max");
    case IoWeight: return QStringLiteral("io.weight");
    case LimitCount: break;
    }
    return {};
}

int ResourcesPanel::unlimitedValue(Limit limit) const
{
    // "Unlimited" sits at the slider's top end (weights: their default).
    switch (limit) {
    case Memory:
    case Swap: return m_memoryMiB;
    case CpuQuota: return qMax(1, QThread::idealThreadCount()) * 100;
    case Pids: return kMaxPids;
    default: return kDefaultWeight;
    }
}

void ResourcesPanel::buildRow(Limit limit, QGridLayout *grid, int row)
{
    Row &r = m_rows[limit];
    r.slider = new UsageSlider(this);
    r.slider->setObjectName(QStringLiteral("slider_") + fileOf(limit));
    r.usage = new QLabel(this);
    r.usage->setObjectName(QStringLiteral("usage_") + fileOf(limit));
    QString label;
    if (limit == CpuQuota) {
        auto *spin = new CoresSpinBox(this);
        spin->setDecimals(2);
        spin->setSingleStep(0.25);
        spin->setRange(0.01, unlimitedValue(limit) / 100.0);
        spin->setUnit(tr(" cores"));
        spin->setSpecialValueText(QString());
        // A tenth of a core up to all of them.
        r.stops = logStops(10, unlimitedValue(limit));
        connect(r.slider, &QSlider::valueChanged, spin, [this, spin, limit](int p) {
            spin->setValue(valueAt(limit, p) / 100.0);
        });
        connect(spin, &QDoubleSpinBox::valueChanged, r.slider, [this, slider = r.slider, limit](double v) {
            const QSignalBlocker block(slider);  // the spin box keeps its exact value
            slider->setValue(positionOf(limit, int(v * 100 + 0.5)));
            slider->update();
        });
        r.spin = spin;
        label = tr("CPU &quota:");
    } else {
        auto *spin = new LimitSpinBox(limit != CpuWeight && limit != IoWeight, this);
        int min = 1, max = unlimitedValue(limit);
        switch (limit) {
        case Memory: min = 4; spin->setUnit(tr(" MiB")); label = tr("&Memory:"); break;
        case Swap: min = 0; spin->setUnit(tr(" MiB")); label = tr("S&wap:"); break;
        case CpuWeight: max = 10000; label = tr("CPU &weight:"); break;
        case Pids: min = 1; label = tr("&Processes:"); break;
        case IoWeight: max = 10000; label = tr("&I/O weight:"); break;
        default: break;
        }
        // The spin box range is the valid range: nothing else can be typed.
        spin->setRange(min, max);
        // Memory from 16 MiB to the host's (swap: none, then the same).
        if (limit == Memory || limit == Swap) {
            r.stops = logStops(16, max);
            if (limit == Swap)
                r.stops.prepend(0);
        }
        connect(r.slider, &QSlider::valueChanged, spin, [this, spin, limit](int p) { spin->setValue(valueAt(limit, p)); });
        connect(spin, &QSpinBox::valueChanged, r.slider, [this, slider = r.slider, limit](int v) {
            const QSignalBlocker block(slider);
            slider->setValue(positionOf(limit, v));
            slider->update();
        });
        r.spin = spin;
    }
    if (r.stops.isEmpty()) {
        const auto *spin = static_cast<const QSpinBox *>(r.spin);
        r.slider->setRange(spin->minimum(), spin->maximum());
    } else {
        r.slider->setRange(0, int(r.stops.size()) - 1);
        // A tick at each power of two (every fourth stop from the first).
        r.slider->setTickPosition(QSlider::TicksBelow);
        r.slider->setTickInterval(4);
    }
    r.spin->setObjectName(QStringLiteral("spin_") + fileOf(limit));
    r.spin->setKeyboardTracking(false);
    r.slider->setPageStep(r.stops.isEmpty() ? qMax(1, (r.slider->maximum() - r.slider->minimum()) / 20) : 4);
    r.reset = new QPushButton(limit == CpuWeight || limit == IoWeight ? tr("Default") : tr("Unlimited"), this);
    r.reset->setObjectName(QStringLiteral("reset_") + fileOf(limit));
    connect(r.reset, &QPushButton::clicked, this, [this, limit] { resetToUnlimited(limit); });
    // Applied when the user lets go (slider) or finishes typing (spin box),
    // not on every intermediate step of a drag.
    connect(r.slider, &QSlider::sliderReleased, this, [this, limit] { apply(limit, value(limit), true); });
    connect(r.slider, &QSlider::actionTriggered, this, [this, limit](int action) {
        if (action != QAbstractSlider::SliderMove)
            QTimer::singleShot(0, this, [this, limit] { apply(limit, value(limit), true); });
    });
    connect(r.spin, &QAbstractSpinBox::editingFinished, this, [this, limit] { apply(limit, value(limit), true); });
    auto *name = new QLabel(label, this);
    name->setBuddy(r.spin);
    r.slider->setAccessibleName(name->text().remove(QLatin1Char('&')).remove(QLatin1Char(':')));
    r.spin->setAccessibleName(r.slider->accessibleName());
    grid->addWidget(name, row * 2, 0);
    grid->addWidget(r.slider, row * 2, 1);
    grid->addWidget(r.spin, row * 2, 2);
    grid->addWidget(r.reset, row * 2, 3);
    grid->addWidget(r.usage, row * 2 + 1, 1, 1, 3);
}

int ResourcesPanel::value(Limit limit) const
{
    // The spin box holds the exact value; the slider a round one near it.
    if (auto *d = dynamic_cast<const QDoubleSpinBox *>(m_rows[limit].spin))
        return int(d->value() * 100 + 0.5);
    return static_cast<const QSpinBox *>(m_rows[limit].spin)->value();
}

int ResourcesPanel::valueAt(Limit limit, int position) const
{
    const QList<int> &stops = m_rows[limit].stops;
    if (stops.isEmpty())
        return position;
    return stops.at(qBound(0, position, int(stops.size()) - 1));
}

int ResourcesPanel::positionOf(Limit limit, int v) const
{
    const QList<int> &stops = m_rows[limit].stops;
    if (stops.isEmpty())
        return v;
    // The nearest stop on the logarithmic scale.
    const auto above = std::lower_bound(stops.begin(), stops.end(), v);
    if (above == stops.begin())
        return 0;
    if (above == stops.end())
        return int(stops.size()) - 1;
    const int i = int(above - stops.begin());
    const double below = qMax(1, stops.at(i - 1));
    return double(v) / below < double(*above) / qMax(1, v) ? i - 1 : i;
}

void ResourcesPanel::showValue(Limit limit, int v)
{
    const QSignalBlocker block(m_rows[limit].spin);
    const QSignalBlocker blockSlider(m_rows[limit].slider);
    m_rows[limit].slider->setValue(positionOf(limit, v));
    m_rows[limit].slider->update();
    // Signals are blocked here, so the suffix is brought up to date by hand.
    if (auto *d = dynamic_cast<CoresSpinBox *>(m_rows[limit].spin)) {
        d->setValue(v / 100.0);
        d->refreshSuffix();
    } else if (auto *s = dynamic_cast<LimitSpinBox *>(m_rows[limit].spin)) {
        s->setValue(v);
        s->refreshSuffix();
    }
}

QString ResourcesPanel::valueText(Limit limit) const
{
    const int v = value(limit);
    const bool top = v >= unlimitedValue(limit);
    switch (limit) {
    case Memory:
    case Swap: return top ? QStringLiteral("max") : QString::number(qint64(v) * kMiB);
    case CpuQuota:
        return top ? QStringLiteral("max %1").arg(kCpuPeriod)
                   : QStringLiteral("%1 %2").arg(qint64(v) * kCpuPeriod / 100).arg(kCpuPeriod);
    case Pids: return top ? QStringLiteral("max") : QString::number(v);
    default: return QString::number(v);
    }
}

int ResourcesPanel::parse(Limit limit, const QString &text) const
{
    const QString v = text.trimmed();
    bool ok = false;
    switch (limit) {
    case Memory:
    case Swap: {
        const qint64 bytes = v.toLongLong(&ok);
        // v1 says "no limit" with a page-rounded LLONG_MAX.
        if (!ok || bytes >= (qint64(1) << 60) || bytes / kMiB >= m_memoryMiB)
            return unlimitedValue(limit);
        return int(bytes / kMiB);
    }
    case CpuQuota: {
        const QStringList parts = v.split(QLatin1Char(' '));
        const qint64 quota = parts.value(0).toLongLong(&ok);
        const qint64 period = parts.value(1, QString::number(kCpuPeriod)).toLongLong();
        if (!ok || quota <= 0 || period <= 0)
            return unlimitedValue(limit);
        return qMin(unlimitedValue(limit), int(quota * 100 / period));
    }
    case Pids: {
        const qint64 n = v.toLongLong(&ok);
        return ok && n < kMaxPids ? int(n) : unlimitedValue(limit);
    }
    default: {
        // io.weight may read "default 100".
        const int n = v.section(QLatin1Char(' '), -1).toInt(&ok);
        return ok ? n : kDefaultWeight;
    }
    }
}

void ResourcesPanel::setContainer(const QString &name, bool running)
{
    const bool same = name == m_container;
    m_container = name;
    m_running = running;
    if (!same) {
        m_undo.clear();
        m_undoButton->setEnabled(false);
        m_lastCpuAt = -1;
        for (qint64 &u : m_usage)
            u = -1;
    }
    setEnabled(!name.isEmpty());
    m_limits->setVisible(!name.isEmpty());
    m_undoButton->setVisible(!name.isEmpty());
    m_title->setText(name.isEmpty() ? tr("Select one container to see its limits.")
                                    : running ? tr("Limits of \"%1\" (running: changes apply at once)").arg(name)
                                              : tr("Limits of \"%1\" (applied at its next start)").arg(name));
    if (running)
        m_usageTimer->start();
    else
        m_usageTimer->stop();
    for (int l = 0; l < LimitCount; ++l) {
        m_rows[l].slider->setUsage(-1);
        m_rows[l].usage->clear();
    }
    if (!name.isEmpty() && !same)
        load();
    if (running)
        refreshUsage();
}

void ResourcesPanel::load()
{
    // One call per key: a key with no value is NotFound, which here only
    // means "not limited".
    m_loading = true;
    auto left = std::make_shared<int>(LimitCount);
    const QString name = m_container;
    for (int l = 0; l < LimitCount; ++l) {
        const Limit limit = Limit(l);
        auto done = [this, limit, left, name](const QString &text) {
            if (name != m_container)
                return;
            m_rows[limit].applied = text.isNull() ? unlimitedValue(limit) : parse(limit, text);
            showValue(limit, m_rows[limit].applied);
            if (--*left == 0) {
                m_loading = false;
                Q_EMIT loaded();
            }
        };
        m_connection->watch(
            m_connection->helper()->GetLimits(name, {fileOf(limit)}, {}), this,
            [done, limit](const QDBusPendingCall &call) {
                const QDBusPendingReply<QVariantMap> reply = call;
                done(hutch::client::plain(reply.value().value(fileOf(limit))).toString());
            },
            [done](const QString &, bool) { done(QString()); });
    }
}

void ResourcesPanel::setValue(Limit limit, int v)
{
    showValue(limit, v);
    apply(limit, value(limit), true);
}

void ResourcesPanel::resetToUnlimited(Limit limit)
{
    setValue(limit, unlimitedValue(limit));
}

void ResourcesPanel::apply(Limit limit, int v, bool recordUndo)
{
    Row &r = m_rows[limit];
    if (m_container.isEmpty() || m_loading || v == r.applied)
        return;
    // Below what it uses now: the kernel would reclaim or kill; ask first.
    const qint64 usage = m_usage[limit];
    if (m_running && usage >= 0 && v < usage && v < unlimitedValue(limit)) {
        QMessageBox box(QMessageBox::Warning, tr("Limit Below Current Use"),
                        tr("\"%1\" uses more than this limit now (%2). Setting it may slow the container down "
                           "or make the kernel end processes in it.").arg(m_container, usageText(limit, usage)),
                        QMessageBox::Cancel, this);
        box.setObjectName(QStringLiteral("limitBelowUsage"));
        QPushButton *set = box.addButton(tr("Set Anyway"), QMessageBox::AcceptRole);
        box.setDefaultButton(QMessageBox::Cancel);
        runModal(box);
        if (box.clickedButton() != set) {
            showValue(limit, r.applied);
            return;
        }
    }
    const int previous = r.applied;
    const QString file = fileOf(limit);
    const QString text = valueText(limit);
    r.applied = v;
    if (recordUndo) {
        m_undo << qMakePair(limit, previous);
        m_undoButton->setEnabled(true);
    }
    m_connection->watch(
        m_connection->helper()->SetLimits(m_container, {{file, text}}, {}), this,
        [this, file, text](const QDBusPendingCall &) { Q_EMIT applied(file, text); },
        [this, limit, previous, recordUndo](const QString &message, bool refused) {
            // Nothing changed on the helper's side: show what it has.
            m_rows[limit].applied = previous;
            showValue(limit, previous);
            if (recordUndo && !m_undo.isEmpty())
                m_undo.removeLast();
            m_undoButton->setEnabled(!m_undo.isEmpty());
            Q_EMIT error(refused ? message : tr("Could not set %1: %2").arg(fileOf(limit), message), refused);
        });
}

void ResourcesPanel::undo()
{
    if (m_undo.isEmpty())
        return;
    const auto [limit, previous] = m_undo.takeLast();
    m_undoButton->setEnabled(!m_undo.isEmpty());
    showValue(limit, previous);
    apply(limit, previous, false);
}

QString ResourcesPanel::usageText(Limit limit, qint64 usage) const
{
    switch (limit) {
    case Memory: return QLocale().formattedDataSize(m_memoryBytes, 1, QLocale::DataSizeIecFormat);
    case CpuQuota: return tr("%1 cores").arg(QLocale().toString(usage / 100.0, 'f', 2));
    default: return QString::number(usage);
    }
}

void ResourcesPanel::refreshUsage()
{
    if (m_container.isEmpty() || !m_running)
        return;
    const QString name = m_container;
    m_connection->watch(
        m_connection->helper()->GetStats(name, {}), this,
        [this, name](const QDBusPendingCall &call) {
            if (name != m_container)
                return;
            const QDBusPendingReply<QVariantMap> reply = call;
            const QVariantMap s = reply.value();
            m_memoryBytes = qint64(s.value(QStringLiteral("memory")).toULongLong());
            m_usage[Memory] = m_memoryBytes / kMiB;
            m_usage[Pids] = qint64(s.value(QStringLiteral("pids")).toULongLong());
            const quint64 cpuNs = s.value(QStringLiteral("cpu_ns")).toULongLong();
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            if (m_lastCpuAt >= 0 && now > m_lastCpuAt && cpuNs >= m_lastCpuNs)
                m_usage[CpuQuota] = qint64(double(cpuNs - m_lastCpuNs) / double(now - m_lastCpuAt) / 1e4);
            m_lastCpuNs = cpuNs;
            m_lastCpuAt = now;
            for (Limit l : {Memory, CpuQuota, Pids}) {
                if (m_usage[l] < 0)
                    continue;
                m_rows[l].slider->setUsage(positionOf(l, int(m_usage[l])));
                m_rows[l].usage->setText(tr("In use: %1").arg(usageText(l, m_usage[l])));
            }
        },
        nullptr);
}
