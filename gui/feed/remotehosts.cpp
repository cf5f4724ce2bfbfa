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

using namespace hutch;

namespace {

// In ~/.config/hutch/hutch.conf, beside the preferences.
const QString kGroup = QStringLiteral("hosts");

QSettings settings() { return QSettings(QStringLiteral("hutch"), QStringLiteral("hutch")); }

// More than any list of containers: a remote that sends more is not read.
constexpr qint64 kMaxListBytes = 8 << 20;
constexpr int kMaxContainers = 100000;
// ssh's own connection attempt is bounded by its ConnectTimeout; this
// bounds a remote that connects and then says nothing.
constexpr int kListTimeoutMs = 60000;

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
    // A listing still under way ends with the window.
    for (State &s : m_states)
        if (s.listing) {
            s.listing->disconnect(this);
            s.listing->kill();
            s.listing->waitForFinished(2000);
        }
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
    if (s.listing) {
        s.listing->disconnect(this);
        s.listing->kill();
        s.listing->deleteLater();
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
    if (!h || s.listing)
        return;
    auto *p = new QProcess(this);
    s.listing = p;
    s.status = Status::Connecting;
    Q_EMIT hostChanged(name);
    // stdin closed: ssh runs with BatchMode-like manners, asking nobody.
    p->setStandardInputFile(QProcess::nullDevice());
    connect(p, &QProcess::finished, this, [this, name, p] { finishListing(name, p); });
    connect(p, &QProcess::errorOccurred, this, [this, name, p](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            finishListing(name, p);
    });
    // Too much output, or no end: stopped, and read as a failure.
    connect(p, &QProcess::readyReadStandardOutput, this, [p] {
        if (p->bytesAvailable() > kMaxListBytes)
            p->kill();
    });
    QTimer::singleShot(kListTimeoutMs, p, [p] { p->kill(); });
    p->start(hutchctlProgram(), {QStringLiteral("--host"), h->target(), QStringLiteral("list"), QStringLiteral("--json")});
}

void RemoteHosts::finishListing(const QString &name, QProcess *p)
{
    auto it = m_states.find(name);
    if (it == m_states.end() || it->listing != p)
        return;
    it->listing = nullptr;
    p->deleteLater();
    QList<Container> containers;
    QString why;
    if (p->error() == QProcess::FailedToStart) {
        why = tr("hutchctl could not be started: %1").arg(p->errorString());
    } else if (p->exitStatus() != QProcess::NormalExit || p->exitCode() != 0) {
        // hutchctl's last line says which part is missing (ssh, the bridge, the helper).
        const QStringList lines = QString::fromUtf8(p->readAllStandardError().right(2000)).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        why = lines.isEmpty() ? tr("the host could not be reached") : lines.last().trimmed();
    } else {
        parseList(p->readAllStandardOutput(), &containers, &why);
    }
    if (why.isEmpty()) {
        it->status = Status::Connected;
        it->error.clear();
        it->containers = containers;
    } else {
        it->status = Status::Failed;
        it->error = why;
        it->containers.clear();
    }
    Q_EMIT hostChanged(name);
}

bool RemoteHosts::parseList(const QByteArray &json, QList<Container> *out, QString *why)
{
    out->clear();
    if (json.size() > kMaxListBytes) {
        *why = tr("the host's list of containers is too long");
        return false;
    }
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray()) {
        *why = tr("the host answered with something that is not a list of containers");
        return false;
    }
    const QJsonArray array = doc.array();
    if (array.size() > kMaxContainers) {
        *why = tr("the host's list of containers is too long");
        return false;
    }
    for (const QJsonValue &v : array) {
        const QJsonObject o = v.toObject();
        const QString name = o.value(QStringLiteral("name")).toString();
        const QString state = o.value(QStringLiteral("state")).toString();
        if (!v.isObject() || hutch::validateContainerName(name) || !kStates.contains(state)) {
            out->clear();
            *why = tr("the host answered with something that is not a list of containers");
            return false;
        }
        out->append({name, state});
    }
    return true;
}
