#include "libvirtxml.h"

#include "values.h"

#include <QXmlStreamWriter>

namespace hutch {

namespace {

QString s(const char *text) { return QString::fromLatin1(text); }

// lxc.rootfs.path as a directory: "dir:/x", "btrfs:/x" or "/x".
Result<QString> rootfsDirectory(const Config &config)
{
    QString path = config.value(s("lxc.rootfs.path"), QString());
    for (const char *prefix : {"dir:", "btrfs:"})
        if (path.startsWith(QLatin1String(prefix)))
            path = path.mid(int(qstrlen(prefix)));
    if (path.isEmpty())
        return Error::invalid(s("no lxc.rootfs.path"));
    if (!path.startsWith(QLatin1Char('/')) || path.contains(QLatin1Char(':')))
        return Error::invalid(QStringLiteral("lxc.rootfs.path \"%1\" is not a directory; libvirt-lxc needs one "
                                             "(clone the container with -B dir first)").arg(path));
    return path;
}

// The memory limit in KiB, or 0: cgroup v2 memory.max, else v1's limit.
qint64 memoryKiB(const Config &config)
{
    for (const char *key : {"lxc.cgroup2.memory.max", "lxc.cgroup.memory.limit_in_bytes"}) {
        const auto v = config.value(QLatin1String(key));
        if (!v || *v == QLatin1String("max") || *v == QLatin1String("-1"))
            continue;
        if (auto bytes = values::parseSize(*v); bytes && *bytes > 0)
            return qint64((*bytes + 1023) / 1024);
    }
    return 0;
}

}  // namespace

Result<LibvirtDomain> libvirtDomain(const QString &name, const Config &config)
{
    auto rootfs = rootfsDirectory(config);
    if (!rootfs)
        return rootfs.error().wrap(QStringLiteral("libvirt domain of \"%1\"").arg(name));
    LibvirtDomain out;
    QXmlStreamWriter w(&out.xml);
    w.setAutoFormatting(true);
    w.setAutoFormattingIndent(2);
    w.writeStartElement(s("domain"));
    w.writeAttribute(s("type"), s("lxc"));
    w.writeTextElement(s("name"), name);
    if (const auto hostname = config.value(s("lxc.uts.name")); hostname && *hostname != name)
        out.notCarried << QStringLiteral("lxc.uts.name: libvirt-lxc names the host after the domain (%1)").arg(name);

    // Without a limit libvirt wants a size all the same: 1 GiB, as
    // virt-install's default for a container.
    const qint64 kib = memoryKiB(config);
    w.writeStartElement(s("memory"));
    w.writeAttribute(s("unit"), s("KiB"));
    w.writeCharacters(QString::number(kib > 0 ? kib : 1048576));
    w.writeEndElement();
    w.writeTextElement(s("vcpu"), s("1"));

    w.writeStartElement(s("os"));
    w.writeTextElement(s("type"), s("exe"));
    QStringList init = config.value(s("lxc.init.cmd"), s("/sbin/init")).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (init.isEmpty())
        init << s("/sbin/init");
    w.writeTextElement(s("init"), init.takeFirst());
    for (const QString &arg : std::as_const(init))
        w.writeTextElement(s("initarg"), arg);
    if (const auto cwd = config.value(s("lxc.init.cwd")))
        w.writeTextElement(s("initdir"), *cwd);
    w.writeEndElement();

    // User namespace: LXC's "u 0 100000 65536" is libvirt's
    // <uid start='0' target='100000' count='65536'/>.
    QList<values::IdMap> maps;
    for (const QString &line : config.values(s("lxc.idmap")))
        if (auto map = values::parseIdMap(line))
            maps << *map;
    if (!maps.isEmpty()) {
        w.writeStartElement(s("idmap"));
        for (const char *kind : {"uid", "gid"})
            for (const values::IdMap &m : std::as_const(maps)) {
                if (m.type != QLatin1Char('b') && m.type != QLatin1Char(kind[0]))
                    continue;
                w.writeEmptyElement(QLatin1String(kind));
                w.writeAttribute(s("start"), QString::number(m.containerId));
                w.writeAttribute(s("target"), QString::number(m.hostId));
                w.writeAttribute(s("count"), QString::number(m.range));
            }
        w.writeEndElement();
    }

    QList<int> nets = config.networkIndices();
    bool ownNetwork = true;
    for (int n : nets)
        if (config.value(QStringLiteral("lxc.net.%1.type").arg(n), QString()) == QLatin1String("none"))
            ownNetwork = false;
    if (ownNetwork) {
        // Its own network namespace even without an interface, as LXC's
        // "empty" gives.
        w.writeStartElement(s("features"));
        w.writeEmptyElement(s("privnet"));
        w.writeEndElement();
    }
    w.writeTextElement(s("on_poweroff"), s("destroy"));
    w.writeTextElement(s("on_reboot"), s("restart"));
    w.writeTextElement(s("on_crash"), s("destroy"));

    w.writeStartElement(s("devices"));
    w.writeTextElement(s("emulator"), s("/usr/lib/libvirt/libvirt_lxc"));
    auto filesystem = [&](const QString &source, const QString &target, bool readOnly) {
        w.writeStartElement(s("filesystem"));
        w.writeAttribute(s("type"), s("mount"));
        w.writeEmptyElement(s("source"));
        w.writeAttribute(s("dir"), source);
        w.writeEmptyElement(s("target"));
        w.writeAttribute(s("dir"), target);
        if (readOnly)
            w.writeEmptyElement(s("readonly"));
        w.writeEndElement();
    };
    filesystem(*rootfs, s("/"), false);
    // Bind mounts of host directories; other mounts (tmpfs, proc) libvirt
    // makes itself or has no place for.
    for (const QString &line : config.values(s("lxc.mount.entry"))) {
        auto m = values::parseMountEntry(line);
        const QStringList opts = m ? m->options.split(QLatin1Char(','), Qt::SkipEmptyParts) : QStringList();
        if (!m || !(opts.contains(s("bind")) || opts.contains(s("rbind"))) || !m->source.startsWith(QLatin1Char('/'))) {
            out.notCarried << QStringLiteral("lxc.mount.entry: %1").arg(line);
            continue;
        }
        QString target = m->target;
        if (target.startsWith(*rootfs))
            target = target.mid(rootfs->size());
        if (!target.startsWith(QLatin1Char('/')))
            target.prepend(QLatin1Char('/'));
        filesystem(m->source, target, opts.contains(s("ro")));
    }
    for (int n : nets) {
        auto key = [n](const char *k) { return QStringLiteral("lxc.net.%1.%2").arg(n).arg(QLatin1String(k)); };
        const QString type = config.value(key("type"), QString());
        const QString link = config.value(key("link"), QString());
        const auto mac = config.value(key("hwaddr"));
        if (type == QLatin1String("veth") && !link.isEmpty()) {
            w.writeStartElement(s("interface"));
            w.writeAttribute(s("type"), s("bridge"));
            w.writeEmptyElement(s("source"));
            w.writeAttribute(s("bridge"), link);
        } else if (type == QLatin1String("macvlan") && !link.isEmpty()) {
            w.writeStartElement(s("interface"));
            w.writeAttribute(s("type"), s("direct"));
            w.writeEmptyElement(s("source"));
            w.writeAttribute(s("dev"), link);
            w.writeAttribute(s("mode"), config.value(key("macvlan.mode"), s("private")));
        } else if (type == QLatin1String("phys") && !link.isEmpty()) {
            w.writeStartElement(s("hostdev"));
            w.writeAttribute(s("mode"), s("capabilities"));
            w.writeAttribute(s("type"), s("net"));
            w.writeStartElement(s("source"));
            w.writeTextElement(s("interface"), link);
            w.writeEndElement();
            w.writeEndElement();
            continue;
        } else {
            if (type != QLatin1String("empty") && type != QLatin1String("none"))
                out.notCarried << QStringLiteral("lxc.net.%1: type %2%3").arg(n).arg(type,
                                      link.isEmpty() ? QString() : QStringLiteral(" on ") + link);
            continue;
        }
        // Only a fixed MAC; LXC's "xx" patterns are drawn at each start.
        if (mac && !mac->contains(QLatin1Char('x'), Qt::CaseInsensitive)) {
            w.writeEmptyElement(s("mac"));
            w.writeAttribute(s("address"), *mac);
        }
        w.writeEndElement();
    }
    w.writeEmptyElement(s("console"));
    w.writeAttribute(s("type"), s("pty"));
    w.writeEndElement();  // devices
    w.writeEndElement();  // domain
    w.writeEndDocument();

    for (const char *key : {"lxc.cap.drop", "lxc.cap.keep", "lxc.seccomp.profile", "lxc.hook.pre-start",
                            "lxc.hook.start", "lxc.apparmor.profile"})
        for (const QString &v : config.values(QLatin1String(key)))
            out.notCarried << QStringLiteral("%1: %2").arg(QLatin1String(key), v);
    return out;
}

}  // namespace hutch
