#include "configedit.h"

#include "atomicfile.h"
#include "config.h"
#include "configdocument.h"
#include "keys.h"
#include "values.h"

#include <QFile>
#include <QFileInfo>
#include <QMultiHash>
#include <QRegularExpression>

namespace hutch {

namespace {

// A config bigger than this is not one a person wrote.
constexpr qint64 kMaxConfigSize = 4 * 1024 * 1024;

// Cgroup files that are not limits: membership, delegation, the freezer
// (Freeze/Unfreeze), the v1 release agent.
bool isCgroupControlFile(const QString &file)
{
    return file.startsWith(QLatin1String("cgroup.")) || file == QLatin1String("tasks")
           || file == QLatin1String("notify_on_release") || file == QLatin1String("release_agent")
           || file == QLatin1String("freezer.state");
}

bool startsWithAny(const QString &key, std::initializer_list<const char *> prefixes)
{
    for (const char *p : prefixes)
        if (key.startsWith(QLatin1String(p)))
            return true;
    return false;
}

}  // namespace

bool isPrivilegedKey(const QString &key)
{
    // Scripts run as root on the host; l2proxy makes the host answer ARP/NDP
    // on its link for whatever address the config names (a gateway's too);
    // veth.vlan.* put the port into VLANs of the host's bridge.
    static const QRegularExpression netScript(
        QStringLiteral("^lxc\\.net\\.[0-9]+\\.(script\\.|l2proxy$|veth\\.vlan\\.)"));
    if (netScript.match(key).hasMatch())
        return true;
    if (key == QLatin1String("lxc.include") || key == QLatin1String("lxc.idmap")
        || key == QLatin1String("lxc.log.file") || key == QLatin1String("lxc.console.path")
        || key == QLatin1String("lxc.console.logfile") || key == QLatin1String("lxc.hook")
        || key == QLatin1String("lxc.mount") || key == QLatin1String("lxc.sysctl"))
        return true;
    if (startsWithAny(key, {"lxc.hook.", "lxc.mount.", "lxc.cap.", "lxc.apparmor.", "lxc.seccomp.",
                            "lxc.selinux.", "lxc.rootfs.", "lxc.namespace.", "lxc.sysctl.",
                            "lxc.cgroup.devices.", "lxc.cgroup2.devices."}))
        return true;
    // lxc.cgroup.dir*, lxc.cgroup.relative: where the container's cgroup
    // goes. Controller values (lxc.cgroup.memory.max) are ordinary limits.
    if (key == QLatin1String("lxc.cgroup") || key == QLatin1String("lxc.cgroup2"))
        return true;
    if (key.startsWith(QLatin1String("lxc.cgroup.")) || key.startsWith(QLatin1String("lxc.cgroup2."))) {
        const auto info = keys::lookup(key);
        if (!info || info->type != keys::ValueType::CgroupValue)
            return true;
        return isCgroupControlFile(key.mid(key.startsWith(QLatin1String("lxc.cgroup2.")) ? 12 : 11));
    }
    return false;
}

QStringList actionsForKey(const QString &key)
{
    QStringList out{QStringLiteral("io.github.hutch.configure")};
    if (key == QLatin1String("lxc.net") || key.startsWith(QLatin1String("lxc.net.")))
        out << QStringLiteral("io.github.hutch.network");
    // The monitor removes an ephemeral container when it stops: a destroy,
    // which needs what DestroyContainer needs.
    if (key == QLatin1String("lxc.ephemeral"))
        out << QStringLiteral("io.github.hutch.manage");
    if (isPrivilegedKey(key))
        out << QStringLiteral("io.github.hutch.configure-privileged");
    return out;
}

Result<QString> checkKey(const QString &key)
{
    if (key.isEmpty())
        return Error::invalid(QStringLiteral("the config key is empty"));
    if (auto err = values::validateNoControlChars(key))
        return err->wrap(QStringLiteral("config key"));
    if (key.size() > 256 || key.contains(QLatin1Char(' ')) || key.contains(QLatin1Char('=')))
        return Error::invalid(QStringLiteral("\"%1\" is not a config key").arg(key.left(64)));
    QString modern = key;
    if (const auto legacy = keys::translateLegacy(key)) {
        if (legacy->kind != keys::LegacyTranslation::Kind::Rename)
            return Error::invalid(QStringLiteral("\"%1\" is a legacy key; write its modern name (lxc.net.N.*)").arg(key));
        modern = legacy->modern;
    }
    if (!keys::lookup(modern)) {
        const auto suggestion = keys::suggest(key);
        return Error::invalid(suggestion ? QStringLiteral("unknown config key \"%1\"; did you mean \"%2\"?").arg(key, *suggestion)
                                         : QStringLiteral("unknown config key \"%1\"").arg(key));
    }
    return modern;
}

Status checkValue(const QString &modernKey, const QString &value)
{
    if (auto err = values::validateNoControlChars(value))
        return err->wrap(QStringLiteral("value of %1").arg(modernKey));
    if (value.size() > 4096)
        return Error::invalid(QStringLiteral("value of %1 is longer than 4096 characters").arg(modernKey));
    const auto info = keys::lookup(modernKey);
    if (!info)
        return Error::invalid(QStringLiteral("unknown config key \"%1\"").arg(modernKey));
    if (value.isEmpty() && keys::isClearingKey(modernKey))
        return std::nullopt;
    if (auto err = keys::validateValue(modernKey, *info, value))
        return Error::invalid(err->message).wrap(modernKey);
    return std::nullopt;
}

Result<EditMode> parseEditMode(const QString &mode)
{
    if (mode.isEmpty() || mode == QLatin1String("set"))
        return EditMode::Set;
    if (mode == QLatin1String("append"))
        return EditMode::Append;
    if (mode == QLatin1String("remove"))
        return EditMode::Remove;
    return Error::invalid(QStringLiteral("mode \"%1\": use \"set\", \"append\" or \"remove\"").arg(mode.left(32)));
}

Result<QByteArray> readConfig(const Store &store, const QString &name)
{
    const QString path = store.configPath(name);
    if (auto err = checkConfigFile(path))
        return err->code == Error::Code::NotFound
            ? Error::notFound(QStringLiteral("container \"%1\" has no config file").arg(name)) : *err;
    const QFileInfo info(path);
    if (info.size() > kMaxConfigSize)
        return Error::invalid(QStringLiteral("the config of \"%1\" is larger than 4 MiB").arg(name));
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error::failed(QStringLiteral("read %1: %2").arg(path, f.errorString()));
    return f.read(kMaxConfigSize);
}

QStringList changedKeys(const QByteArray &before, const QByteArray &after)
{
    auto entries = [](const QByteArray &bytes) {
        QMultiHash<QString, QString> out;
        const ConfigDocument doc = ConfigDocument::fromBytes(bytes);
        for (const ConfigLine &l : doc.lines())
            if (l.kind == ConfigLine::Kind::Entry)
                out.insert(l.modernKey.isEmpty() ? l.key : l.modernKey, l.value);
        return out;
    };
    const auto a = entries(before), b = entries(after);
    QStringList changed;
    for (const auto *side : {&a, &b})
        for (const QString &key : side->uniqueKeys()) {
            QStringList va = a.values(key), vb = b.values(key);
            std::sort(va.begin(), va.end());
            std::sort(vb.begin(), vb.end());
            if (va != vb && !changed.contains(key))
                changed.append(key);
        }
    return changed;
}

Status replaceConfig(const Store &store, const QString &name, const QByteArray &text, const QByteArray &expected)
{
    if (text.size() > kMaxConfigSize)
        return Error::invalid(QStringLiteral("the new config of \"%1\" is larger than 4 MiB").arg(name));
    int line = 1;
    for (const char c : text) {
        if (c == '\n')
            ++line;
        else if ((static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\r') || c == 0x7f)
            return Error::invalid(QStringLiteral("config:%1: control character 0x%2 in the text")
                                      .arg(line).arg(int(static_cast<unsigned char>(c)), 2, 16, QLatin1Char('0')));
    }
    const QString path = store.configPath(name);
    const LoadResult loaded = loadConfigBytes(text, QStringLiteral("config"), QFileInfo(path).absolutePath());
    if (loaded.hasErrors()) {
        QStringList errors;
        for (const Diagnostic &d : loaded.diagnostics)
            if (d.severity == Diagnostic::Severity::Error)
                errors << d.toString();
        return Error::invalid(errors.join(QLatin1Char('\n')));
    }
    auto current = readConfig(store, name);
    if (!current)
        return current.error();
    if (*current != expected)
        return Error::busy(QStringLiteral("the config of \"%1\" changed since it was read: load it again").arg(name));
    if (auto err = writeFileAtomically(path, text))
        return err->wrap(QStringLiteral("write %1").arg(path));
    return std::nullopt;
}

Status editConfig(const Store &store, const QString &name, const QList<ConfigEdit> &edits)
{
    const QString path = store.configPath(name);
    auto current = readConfig(store, name);
    if (!current)
        return current.error();
    ConfigDocument doc = ConfigDocument::fromBytes(*current);

    for (const ConfigEdit &e : edits) {
        const auto keyInfo = keys::lookup(e.key);
        switch (e.mode) {
        case EditMode::Set:
            // Every line of the key goes; one line with the value stays.
            if (keyInfo && keyInfo->multiplicity == keys::Multiplicity::List) {
                doc.remove(e.key);
                doc.append(e.key, e.value);
            } else {
                doc.set(e.key, e.value);
                // Earlier lines of the same key (LXC takes the last) go too.
                const qsizetype last = doc.lastIndexOf(e.key);
                for (qsizetype i = last - 1; i >= 0; --i)
                    if (doc.lines().at(i).kind == ConfigLine::Kind::Entry && doc.lines().at(i).modernKey == e.key)
                        doc.removeAt(i);
            }
            break;
        case EditMode::Append:
            if (!keyInfo || keyInfo->multiplicity != keys::Multiplicity::List)
                return Error::invalid(QStringLiteral("%1 holds one value; append works on list keys").arg(e.key));
            doc.append(e.key, e.value);
            break;
        case EditMode::Remove:
            if (!e.value.isEmpty())
                return Error::invalid(QStringLiteral("remove %1: give an empty value").arg(e.key));
            if (doc.remove(e.key) == 0)
                return Error::notFound(QStringLiteral("the config of \"%1\" has no %2").arg(name, e.key));
            break;
        }
    }

    const QByteArray bytes = doc.toBytes();
    const LoadResult loaded = loadConfigBytes(bytes, path, QFileInfo(path).absolutePath());
    if (auto err = loaded.firstError())
        return Error::invalid(QStringLiteral("the config would not load: %1").arg(err->message));
    if (auto err = writeFileAtomically(path, bytes))
        return err->wrap(QStringLiteral("write %1").arg(path));
    return std::nullopt;
}

Result<LimitKey> parseLimitKey(const QString &key)
{
    // Files that exist only in cgroup v2: a bare name of one is a v2 key.
    static const QStringList v2Only = {
        QStringLiteral("memory.max"), QStringLiteral("memory.high"), QStringLiteral("memory.low"),
        QStringLiteral("memory.min"), QStringLiteral("memory.swap.max"), QStringLiteral("memory.swap.high"),
        QStringLiteral("memory.oom.group"), QStringLiteral("cpu.max"), QStringLiteral("cpu.weight"),
        QStringLiteral("cpu.weight.nice"), QStringLiteral("cpu.idle"), QStringLiteral("io.max"),
        QStringLiteral("io.weight"), QStringLiteral("io.latency"), QStringLiteral("io.bfq.weight"),
        QStringLiteral("cpuset.cpus.partition")};
    static const QRegularExpression fileName(QStringLiteral("^[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+$"));
    LimitKey k;
    if (key.startsWith(QLatin1String("lxc.cgroup2."))) {
        k.v2 = true;
        k.file = key.mid(12);
    } else if (key.startsWith(QLatin1String("lxc.cgroup."))) {
        k.file = key.mid(11);
    } else {
        k.file = key;
        k.v2 = v2Only.contains(key);
    }
    if (!fileName.match(k.file).hasMatch() || k.file.size() > 128)
        return Error::invalid(QStringLiteral("\"%1\" is not a cgroup file (write it as \"memory.max\" or "
                                             "\"lxc.cgroup2.memory.max\")").arg(key.left(64)));
    if (isCgroupControlFile(k.file))
        return Error::invalid(QStringLiteral("%1 is not a limit (use Freeze/Unfreeze for the freezer)").arg(k.file));
    k.configKey = (k.v2 ? QStringLiteral("lxc.cgroup2.") : QStringLiteral("lxc.cgroup.")) + k.file;
    const auto info = keys::lookup(k.configKey);
    if (!info || info->type != keys::ValueType::CgroupValue)
        return Error::invalid(QStringLiteral("%1 is not a cgroup limit").arg(k.configKey));
    return k;
}

}  // namespace hutch
