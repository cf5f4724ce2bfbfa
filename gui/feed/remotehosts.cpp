#include "remotehosts.h"

#include "names.h"
#include "remote.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>

#include <cmath>

using namespace hutch;

namespace {

// In ~/.config/hutch/hutch.conf, beside the preferences.
const QString kGroup = QStringLiteral("hosts");

QSettings settings() { return QSettings(QStringLiteral("hutch"), QStringLiteral("hutch")); }

// More than any line of containers: a remote that sends more is not read.
constexpr qint64 kMaxLineBytes = 8 << 20;
constexpr int kMaxContainers = 100000;
// hutchctl prints a line every 2 s; ssh's own connection attempt is
// bounded by its ConnectTimeout. This bounds a remote that connects and
// then says nothing.
constexpr int kSilenceTimeoutMs = 60000;
// After a stream ended: 5 s, doubled each time, up to a minute.
constexpr int kFirstRetryMs = 5000;
constexpr int kLongestRetryMs = 60000;
// More than any machine's cores (100 % each) or memory.
constexpr double kMaxCpuPercent = 100.0 * 65536;
constexpr double kMaxMemory = 1ULL << 60;

const QStringList kStates{QStringLiteral("STOPPED"), QStringLiteral("STARTING"), QStringLiteral("RUNNING"),
                          QStringLiteral("STOPPING"), QStringLiteral("ABORTING"), QStringLiteral("FREEZING"),
                          QStringLiteral("FROZEN"), QStringLiteral("THAWED")};

}  // namespace

RemoteHosts::RemoteHosts(QObject *parent)
    : QObject(parent)
{
    load();
    // Listed once the window is up, not while it is being built.
    QTimer::singleShot(0, this, &RemoteHosts::refreshAll);
}

RemoteHosts::~RemoteHosts()
{
    // A stream still under way ends with the window.
    for (State &s : m_states)
        if (s.stream) {
            s.stream->disconnect(this);
            stopProcess(s.stream);
        }
}

void RemoteHosts::stopProcess(QProcess *p)
{
    p->terminate();
    if (!p->waitForFinished(2000))
        p->kill();
    p->waitForFinished(1000);
    p->deleteLater();
}

const RemoteHosts::Host *RemoteHosts::host(const QString &name) const
{
    for (const Host &h : m_hosts)
        if (h.name == name)
            return &h;
    return nullptr;
}

void RemoteHosts::load()
{
    QSettings s = settings();
    const int n = s.beginReadArray(kGroup);
    for (int i = 0; i < n; ++i) {
        s.setArrayIndex(i);
        Host h{s.value(QStringLiteral("name")).toString(), s.value(QStringLiteral("address")).toString(),
               s.value(QStringLiteral("user")).toString()};
        // A hand-edited entry that is no host is left out, not run.
        if (!h.name.trimmed().isEmpty() && !client::validateHost(h.target()) && !host(h.name))
            m_hosts << h;
    }
    s.endArray();
}

void RemoteHosts::save() const
{
    QSettings s = settings();
    s.beginWriteArray(kGroup, int(m_hosts.size()));
    for (int i = 0; i < m_hosts.size(); ++i) {
        s.setArrayIndex(i);
        s.setValue(QStringLiteral("name"), m_hosts.at(i).name);
        s.setValue(QStringLiteral("address"), m_hosts.at(i).address);
        s.setValue(QStringLiteral("user"), m_hosts.at(i).user);
    }
    s.endArray();
}

QString RemoteHosts::add(const Host &entry)
{
    Host h{entry.name.trimmed(), entry.address.trimmed(), entry.user.trimmed()};
    if (h.name.isEmpty())
        return tr("The host needs a name.");
    if (h.address.isEmpty())
        return tr("The host needs an address.");
    if (h.user.contains(QLatin1Char('@')) || client::validateHost(h.target()))
        return tr("\"%1\" is not an address ssh can use ([user@]host).").arg(h.target());
    bool replaced = false;
    for (Host &old : m_hosts)
        if (old.name == h.name) {
            old = h;
            replaced = true;
        }
    if (!replaced)
        m_hosts << h;
    save();
    Q_EMIT hostsChanged();
    refresh(h.name);
    return {};
}

void RemoteHosts::remove(const QString &name)
{
    m_hosts.removeIf([&name](const Host &h) { return h.name == name; });
    State s = m_states.take(name);
    if (s.stream) {
        s.stream->disconnect(this);
        stopProcess(s.stream);
    }
    save();
    Q_EMIT hostsChanged();
}

QString RemoteHosts::hutchctlProgram()
{
    // Installed side by side, or the build tree's (build/gui/hutch, build/cli/hutchctl).
    const QString dir = QCoreApplication::applicationDirPath();
    for (const QString &beside : {dir + QStringLiteral("/hutchctl"), dir + QStringLiteral("/../cli/hutchctl")})
        if (QFileInfo(beside).isExecutable())
            return beside;
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("hutchctl"));
    return onPath.isEmpty() ? QStringLiteral("hutchctl") : onPath;
}

void RemoteHosts::refreshAll()
{
    for (const Host &h : std::as_const(m_hosts))
        refresh(h.name);
}

void RemoteHosts::refresh(const QString &name)
{
    const Host *h = host(name);
    State &s = m_states[name];
    if (!h || s.stream)
        return;
    auto *p = new QProcess(this);
    s.stream = p;
    s.pending.clear();
    ++s.attempt;  // a retry already planned is dropped
    s.status = Status::Connecting;
    Q_EMIT hostChanged(name);
    // stdin closed: ssh runs with BatchMode-like manners, asking nobody.
    p->setStandardInputFile(QProcess::nullDevice());
    connect(p, &QProcess::finished, this, [this, name, p] { endStream(name, p, {}); });
    connect(p, &QProcess::errorOccurred, this, [this, name, p](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            endStream(name, p, tr("hutchctl could not be started: %1").arg(p->errorString()));
    });
    connect(p, &QProcess::readyReadStandardOutput, this, [this, name, p] { readStream(name, p); });
    // Silence: stopped, and read as a failure. Each line restarts the clock.
    auto *silence = new QTimer(p);
    silence->setObjectName(QStringLiteral("silence"));
    silence->setSingleShot(true);
    connect(silence, &QTimer::timeout, p, [p] { p->kill(); });
    silence->start(kSilenceTimeoutMs);
    p->start(hutchctlProgram(), {QStringLiteral("--host"), h->target(), QStringLiteral("top"), QStringLiteral("--json"),
                                 QStringLiteral("-d"), QStringLiteral("2")});
}

void RemoteHosts::readStream(const QString &name, QProcess *p)
{
    auto it = m_states.find(name);
    if (it == m_states.end() || it->stream != p)
        return;
    it->pending += p->readAllStandardOutput();
    bool took = false;
    for (qsizetype end = it->pending.indexOf('\n'); end >= 0; end = it->pending.indexOf('\n')) {
        const QByteArray line = it->pending.left(end);
        it->pending.remove(0, end + 1);
        QList<Container> round;
        QString why;
        if (!parseRound(line, &round, &why)) {
            it->pending.clear();
            p->disconnect(this);
            endStream(name, p, why);
            return;
        }
        takeRound(*it, round);
        took = true;
    }
    if (it->pending.size() > kMaxLineBytes) {
        it->pending.clear();
        p->disconnect(this);
        endStream(name, p, tr("the host's list of containers is too long"));
        return;
    }
    if (!took)
        return;
    if (auto *silence = p->findChild<QTimer *>(QStringLiteral("silence")))
        silence->start(kSilenceTimeoutMs);
    Q_EMIT hostChanged(name);
}

void RemoteHosts::takeRound(State &s, const QList<Container> &round)
{
    // Each container keeps its history by name; the host's is their sum.
    QHash<QString, QList<float>> histories;
    for (const Container &c : std::as_const(s.containers))
        histories.insert(c.name, c.cpuHistory);
    s.containers = round;
    double total = -1;
    for (Container &c : s.containers) {
        if (c.state == QLatin1String("STOPPED"))
            continue;  // a stopped container's use is that of no instance
        c.cpuHistory = histories.value(c.name);
        if (c.cpuPercent < 0)
            continue;
        if (c.cpuHistory.size() >= kHistoryLength)
            c.cpuHistory.removeFirst();
        c.cpuHistory.append(float(c.cpuPercent));
        total = qMax(total, 0.0) + c.cpuPercent;
    }
    if (total >= 0) {
        if (s.cpuHistory.size() >= kHistoryLength)
            s.cpuHistory.removeFirst();
        s.cpuHistory.append(float(total));
    }
    s.status = Status::Connected;
    s.error.clear();
    s.failures = 0;
}

void RemoteHosts::endStream(const QString &name, QProcess *p, const QString &why)
{
    auto it = m_states.find(name);
    if (it == m_states.end() || it->stream != p)
        return;
    it->stream = nullptr;
    p->disconnect(this);
    QString reason = why;
    if (reason.isEmpty()) {
        // hutchctl's last line says which part is missing (ssh, the bridge, the helper).
        const QStringList lines = QString::fromUtf8(p->readAllStandardError().right(2000))
                                      .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        reason = lines.isEmpty() ? tr("the host could not be reached") : lines.last().trimmed();
    }
    if (p->state() != QProcess::NotRunning)
        stopProcess(p);
    else
        p->deleteLater();
    it->status = Status::Failed;
    it->error = reason;
    it->containers.clear();
    it->cpuHistory.clear();
    // Tried again later, each time a little later, until Reconnect.
    const int delay = qMin(kLongestRetryMs, kFirstRetryMs << qMin(it->failures, 4));
    ++it->failures;
    const int attempt = ++it->attempt;
    QTimer::singleShot(delay, this, [this, name, attempt] {
        auto again = m_states.find(name);
        if (again != m_states.end() && again->attempt == attempt && !again->stream)
            refresh(name);
    });
    Q_EMIT hostChanged(name);
}

bool RemoteHosts::parseRound(const QByteArray &line, QList<Container> *out, QString *why)
{
    out->clear();
    const QString notAList = tr("the host answered with something that is not a list of containers");
    if (line.size() > kMaxLineBytes) {
        *why = tr("the host's list of containers is too long");
        return false;
    }
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()
        || !doc.object().value(QStringLiteral("containers")).isArray()) {
        *why = notAList;
        return false;
    }
    const QJsonArray array = doc.object().value(QStringLiteral("containers")).toArray();
    if (array.size() > kMaxContainers) {
        *why = tr("the host's list of containers is too long");
        return false;
    }
    // A number that is absent is unknown; one that is there must be a
    // number a machine can have.
    auto number = [](const QJsonObject &o, const char *key, double max, double *value) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined())
            return true;
        *value = v.toDouble(-1);
        return v.isDouble() && std::isfinite(*value) && *value >= 0 && *value <= max;
    };
    for (const QJsonValue &v : array) {
        const QJsonObject o = v.toObject();
        Container c;
        c.name = o.value(QStringLiteral("name")).toString();
        c.state = o.value(QStringLiteral("state")).toString();
        double memory = 0;
        if (!v.isObject() || hutch::validateContainerName(c.name) || !kStates.contains(c.state)
            || !number(o, "cpu_percent", kMaxCpuPercent, &c.cpuPercent) || !number(o, "memory", kMaxMemory, &memory)) {
            out->clear();
            *why = notAList;
            return false;
        }
        c.memory = quint64(memory);
        out->append(c);
    }
    return true;
}
