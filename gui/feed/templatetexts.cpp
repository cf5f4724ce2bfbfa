#include "templatetexts.h"

#include <QCoreApplication>

namespace templatetexts {
namespace {

struct Text {
    const char *templateName;  // "" for every template
    const char *name;
    const char *english;
};

// The English of helper/templates/image.cpp's templateInfos(), word for word
// (test_gui_backend compares them with what the helper lists).
constexpr Text templates[] = {
    {"", "busybox", QT_TRANSLATE_NOOP("TemplateTexts", "A tiny container from the host's static busybox")},
    {"", "local", QT_TRANSLATE_NOOP("TemplateTexts", "A rootfs tarball you pick, with optional LXC image metadata")},
    {"", "download", QT_TRANSLATE_NOOP("TemplateTexts", "An image from an LXC image server")},
    {"", "debian", QT_TRANSLATE_NOOP("TemplateTexts", "Debian through debootstrap (cached)")},
    {"", "ubuntu", QT_TRANSLATE_NOOP("TemplateTexts", "Ubuntu through debootstrap (cached)")},
};

constexpr Text options[] = {
    {"", "ttys", QT_TRANSLATE_NOOP("TemplateTexts", "Number of ttys (lxc.tty.max)")},
    {"", "login", QT_TRANSLATE_NOOP("TemplateTexts", "getty and login instead of shells")},
    {"", "hostname", QT_TRANSLATE_NOOP("TemplateTexts", "Hostname (default: the container's name)")},
    {"", "rootfs", QT_TRANSLATE_NOOP("TemplateTexts", "Rootfs tarball (.tar, .tar.gz, .tar.xz, .tar.zst)")},
    {"", "metadata", QT_TRANSLATE_NOOP("TemplateTexts", "LXC image metadata tarball (meta.tar.xz), optional")},
    {"", "backend", QT_TRANSLATE_NOOP("TemplateTexts", "Backing store of the rootfs")},
    {"", "server", QT_TRANSLATE_NOOP("TemplateTexts", "Image server")},
    {"", "dist", QT_TRANSLATE_NOOP("TemplateTexts", "Distribution")},
    {"", "release", QT_TRANSLATE_NOOP("TemplateTexts", "Release")},
    {"", "arch", QT_TRANSLATE_NOOP("TemplateTexts", "Architecture")},
    {"download", "variant", QT_TRANSLATE_NOOP("TemplateTexts", "Variant")},
    {"", "variant", QT_TRANSLATE_NOOP("TemplateTexts", "debootstrap variant")},
    {"download", "flush-cache", QT_TRANSLATE_NOOP("TemplateTexts", "Download again even if cached")},
    {"", "flush-cache", QT_TRANSLATE_NOOP("TemplateTexts", "Rebuild the cached rootfs")},
    {"", "mirror", QT_TRANSLATE_NOOP("TemplateTexts", "Mirror")},
    {"", "root-password", QT_TRANSLATE_NOOP("TemplateTexts", "Password of root for the console's login "
                                                             "(empty: root stays locked, use Shell)")},
};

// The entry for NAME of TEMPLATENAME: the template's own first, then the
// one every template shares.
template <size_t N>
const Text *find(const Text (&table)[N], const QString &templateName, const QString &name)
{
    const Text *shared = nullptr;
    for (const Text &t : table) {
        if (name != QLatin1String(t.name))
            continue;
        if (templateName == QLatin1String(t.templateName))
            return &t;
        if (!*t.templateName && !shared)
            shared = &t;
    }
    return shared;
}

QString shown(const Text *t, const QString &helperText)
{
    return t ? QCoreApplication::translate("TemplateTexts", t->english) : helperText;
}

}  // namespace

QString description(const QString &templateName, const QString &helperText)
{
    return shown(find(templates, QString(), templateName), helperText);
}

QString optionLabel(const QString &templateName, const QString &option, const QString &helperText)
{
    return shown(find(options, templateName, option), helperText);
}

bool knowsOption(const QString &templateName, const QString &option)
{
    return find(options, templateName, option) != nullptr;
}

}  // namespace templatetexts
