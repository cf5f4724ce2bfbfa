// Shared by the image templates (local, download, debootstrap).
#pragma once

#include "image.h"

#include <functional>

namespace hutch::templates {

struct BuildRequest {
    QString templateName;
    QString backend, hostname;
    QString metadataTarball;                              // LXC image metadata, optional
    QByteArray extraConfig;                               // lines after the base config
    std::function<Status(const QString &rootfs)> fill;    // puts the files in place
    storage::ConfigGate gate;                              // asked with the base config and the image's
};

// Staging, the backend's rootfs, fill, the image metadata, the config, the
// rename into place; nothing is left on failure.
Status buildFromRootfs(const Store &store, const QString &name, const BuildRequest &request,
                       const Progress &progress, const std::atomic_bool *cancel);

// The config every image template starts from (image.cpp); the config
// gate takes its privileged lines as what a new container may hold.
QByteArray baseConfig(const QString &hostname, const QString &rootfsValue, const QString &templateName);

Status runTar(const QStringList &args, const std::atomic_bool *cancel);
QStringList extractArgs(const QString &tarball, const QString &dir);

}  // namespace hutch::templates
