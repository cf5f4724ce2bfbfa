#include "arch.h"

#include <QFile>
#include <QHash>
#include <QSysInfo>

namespace hutch::arch {

namespace {

// The 32-bit architectures a 64-bit kernel runs itself under PER_LINUX32.
QStringList linux32Siblings(const QString &hostDebian)
{
    if (hostDebian == QLatin1String("amd64"))
        return {QStringLiteral("i386")};
    if (hostDebian == QLatin1String("arm64"))
        return {QStringLiteral("armhf"), QStringLiteral("armel")};
    if (hostDebian == QLatin1String("ppc64"))
        return {QStringLiteral("powerpc")};
    if (hostDebian == QLatin1String("s390x"))
        return {QStringLiteral("s390")};
    return {};
}

}  // namespace

QString hostDebianName()
{
    const QString qt = QSysInfo::currentCpuArchitecture();
    static const QHash<QString, QString> names = {
        {QStringLiteral("x86_64"), QStringLiteral("amd64")},   {QStringLiteral("i386"), QStringLiteral("i386")},
        {QStringLiteral("arm64"), QStringLiteral("arm64")},    {QStringLiteral("arm"), QStringLiteral("armhf")},
        {QStringLiteral("power64"), QStringLiteral("ppc64el")}, {QStringLiteral("s390x"), QStringLiteral("s390x")},
        {QStringLiteral("riscv64"), QStringLiteral("riscv64")}};
    return names.value(qt, qt);
}

QString debianName(const QString &lxcArch, const QString &hostDebian)
{
    const QString a = lxcArch.toLower();
    if (a == QLatin1String("linux32")) {
        const QStringList siblings = linux32Siblings(hostDebian);
        return siblings.isEmpty() ? hostDebian : siblings.front();
    }
    if (a == QLatin1String("linux64"))
        return hostDebian;
    static const QHash<QString, QString> names = {
        {QStringLiteral("x86"), QStringLiteral("i386")},        {QStringLiteral("i386"), QStringLiteral("i386")},
        {QStringLiteral("i486"), QStringLiteral("i386")},       {QStringLiteral("i586"), QStringLiteral("i386")},
        {QStringLiteral("i686"), QStringLiteral("i386")},       {QStringLiteral("x86_64"), QStringLiteral("amd64")},
        {QStringLiteral("amd64"), QStringLiteral("amd64")},     {QStringLiteral("arm"), QStringLiteral("armel")},
        {QStringLiteral("armel"), QStringLiteral("armel")},     {QStringLiteral("armhf"), QStringLiteral("armhf")},
        {QStringLiteral("armv7l"), QStringLiteral("armhf")},    {QStringLiteral("arm64"), QStringLiteral("arm64")},
        {QStringLiteral("aarch64"), QStringLiteral("arm64")},   {QStringLiteral("ppc"), QStringLiteral("powerpc")},
        {QStringLiteral("powerpc"), QStringLiteral("powerpc")}, {QStringLiteral("ppc64"), QStringLiteral("ppc64")},
        {QStringLiteral("ppc64el"), QStringLiteral("ppc64el")}, {QStringLiteral("ppc64le"), QStringLiteral("ppc64el")},
        {QStringLiteral("s390x"), QStringLiteral("s390x")},     {QStringLiteral("mips"), QStringLiteral("mips")},
        {QStringLiteral("mipsel"), QStringLiteral("mipsel")},   {QStringLiteral("mips64"), QStringLiteral("mips64")},
        {QStringLiteral("mips64el"), QStringLiteral("mips64el")}, {QStringLiteral("riscv64"), QStringLiteral("riscv64")}};
    return names.value(a);
}

QString qemuName(const QString &debian)
{
    static const QHash<QString, QString> names = {
        {QStringLiteral("i386"), QStringLiteral("i386")},      {QStringLiteral("amd64"), QStringLiteral("x86_64")},
        {QStringLiteral("armel"), QStringLiteral("arm")},      {QStringLiteral("armhf"), QStringLiteral("arm")},
        {QStringLiteral("arm64"), QStringLiteral("aarch64")},  {QStringLiteral("powerpc"), QStringLiteral("ppc")},
        {QStringLiteral("ppc64"), QStringLiteral("ppc64")},    {QStringLiteral("ppc64el"), QStringLiteral("ppc64le")},
        {QStringLiteral("s390x"), QStringLiteral("s390x")},    {QStringLiteral("mips"), QStringLiteral("mips")},
        {QStringLiteral("mipsel"), QStringLiteral("mipsel")},  {QStringLiteral("mips64"), QStringLiteral("mips64")},
        {QStringLiteral("mips64el"), QStringLiteral("mips64el")}, {QStringLiteral("riscv64"), QStringLiteral("riscv64")}};
    return names.value(debian);
}

QString binfmtProblem(const QString &qemu)
{
    const QString path = QStringLiteral("/proc/sys/fs/binfmt_misc/qemu-") + qemu;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("no binfmt_misc handler %1 (install qemu-user-static, which registers it)").arg(path);
    const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
    if (lines.value(0) != QLatin1String("enabled"))
        return QStringLiteral("the binfmt_misc handler %1 is disabled").arg(path);
    for (const QString &l : lines)
        if (l.startsWith(QLatin1String("flags:")) && l.mid(6).contains(QLatin1Char('F')))
            return {};
    // Without F the kernel opens the interpreter inside the container's
    // rootfs, where it is not.
    return QStringLiteral("the binfmt_misc handler %1 lacks the F (fix binary) flag").arg(path);
}

Plan plan(const QString &lxcArch, const QString &hostDebian, const std::function<QString(const QString &)> &binfmt)
{
    Plan p;
    p.debian = debianName(lxcArch, hostDebian);
    if (p.debian.isEmpty()) {
        p.why = QStringLiteral("unknown architecture \"%1\"").arg(lxcArch);
        return p;
    }
    if (p.debian == hostDebian) {
        p.kind = Plan::Kind::Native;
        return p;
    }
    if (linux32Siblings(hostDebian).contains(p.debian)) {
        p.kind = Plan::Kind::Linux32;
        return p;
    }
    const QString qemu = qemuName(p.debian);
    const QString problem = qemu.isEmpty() ? QStringLiteral("no qemu-user emulator is known for it") : binfmt(qemu);
    if (!problem.isEmpty()) {
        p.why = QStringLiteral("%1 binaries do not run on this %2 host: %3").arg(p.debian, hostDebian, problem);
        return p;
    }
    p.kind = Plan::Kind::Emulated;
    return p;
}

}  // namespace hutch::arch
