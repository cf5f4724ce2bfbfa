// A container's effective config as a libvirt-lxc domain (the guide's
// second implementation of containers): `hutchctl export NAME --libvirt
// FILE.xml`. No GUI, no root: the text comes from GetConfigText.
#pragma once

#include "config.h"

#include <QByteArray>
#include <QStringList>

namespace hutch {

struct LibvirtDomain {
    QByteArray xml;         // <domain type='lxc'>, valid for virt-xml-validate
    QStringList notCarried;  // "lxc.cap.drop: ...": what libvirt-lxc has no place for
};

// NAME's domain: rootfs and bind mounts as <filesystem type='mount'>, the
// memory limit, lxc.init.cmd as <init>/<initarg>, lxc.idmap as <idmap>,
// veth on a bridge as <interface type='bridge'>, macvlan as 'direct', phys
// as a host device, ttys as consoles. A rootfs that is not a directory
// (lvm, overlay) is an error: libvirt-lxc mounts directories and images.
Result<LibvirtDomain> libvirtDomain(const QString &name, const Config &config);

}  // namespace hutch
