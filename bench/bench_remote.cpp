// A container copied between two hosts beside ssh's own throughput: the
// two hosts of tests/twohosts.h (two network namespaces, each with its
// bus, polkitd, helper and store; sshd in the second), a busybox container
// with a file of MIB MiB of pseudo-random bytes in its rootfs, then in
// alternation, ROUNDS times:
//   ssh remote 'cat > /dev/null' < that file      (what ssh carries at most)
//   hutchctl copy bulk remote:                    (export, ssh, import, all of it)
// and the medians as MiB/s of the rootfs's bytes, with their ratio (the
// issue's target: the copy at least 80% of ssh cat). The copy is destroyed
// on the second host between rounds.
// Run as root: build/bench/bench_remote [MIB] [ROUNDS] [COMPRESSION]
// (COMPRESSION: the copy's --compression, zst by default).
#include "benchutil.h"
#include "twohosts.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <cstdio>
#include <sys/stat.h>
#include <unistd.h>

using hutch::bench::median;
using hutch::test::TwoHosts;

namespace {

// MIB MiB of xorshift output: incompressible, made faster than /dev/urandom.
bool writeBlob(const QString &path, qint64 mib)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    QByteArray block(1 << 20, Qt::Uninitialized);
    quint64 x = 0x9e3779b97f4a7c15ull;
    for (qint64 i = 0; i < mib; ++i) {
        auto *words = reinterpret_cast<quint64 *>(block.data());
        for (qsizetype w = 0; w < block.size() / 8; ++w) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            words[w] = x;
        }
        if (f.write(block) != block.size())
            return false;
    }
    return f.flush();
}

// Bytes of the regular files under `root` (what a copy carries, headers aside).
qint64 treeBytes(const QString &root)
{
    qint64 total = 0;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        total += it.fileInfo().size();
    }
    return total;
}

int failWith(const QString &what)
{
    std::fprintf(stderr, "bench_remote: %s\n", qPrintable(what));
    return 1;
}

}  // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const qint64 mib = argc > 1 ? std::max(1, QString::fromLocal8Bit(argv[1]).toInt()) : 1024;
    const int rounds = argc > 2 ? std::max(1, QString::fromLocal8Bit(argv[2]).toInt()) : 3;
    const QString compression = argc > 3 ? QString::fromLocal8Bit(argv[3]) : QStringLiteral("zst");
    if (const QString why = hutch::test::twoHostsUnavailableReason(); !why.isEmpty())
        return failWith(why);
    TwoHosts hosts;
    QString why;
    if (!hosts.start(&why))
        return failWith(why);
    auto made = hosts.ctl({QStringLiteral("create"), QStringLiteral("bulk"), QStringLiteral("-t"), QStringLiteral("busybox")});
    if (made.exitCode != 0)
        return failWith(QStringLiteral("create: ") + made.text());
    const QString rootfs = hosts.local().storePath() + QStringLiteral("/bulk/rootfs");
    const QString blob = rootfs + QStringLiteral("/root/blob");
    if (!writeBlob(blob, mib))
        return failWith(QStringLiteral("cannot write %1").arg(blob));
    const qint64 bytes = treeBytes(rootfs);
    const double mibs = double(bytes) / (1 << 20);
    std::printf("bench_remote: a %.0f MiB rootfs (%lld MiB of pseudo-random bytes), %d rounds, load %s\n", mibs,
                static_cast<long long>(mib), rounds, qPrintable(hutch::bench::loadAverage()));

    QList<double> sshTimes, copyTimes;
    for (int round = 0; round < rounds; ++round) {
        // ssh cat of the blob: ssh's stdin is the file itself.
        QElapsedTimer t;
        t.start();
        auto cat = hosts.startInLocal({QStringLiteral("sh"), QStringLiteral("-c"),
                                       QStringLiteral("exec ssh -F \"$1\" remote 'cat > /dev/null' < \"$2\""),
                                       QStringLiteral("sh"), hosts.sshConfig(), blob});
        if (!cat->waitForFinished(600000) || cat->exitCode() != 0)
            return failWith(QStringLiteral("ssh cat: ") + QString::fromLocal8Bit(cat->readAllStandardError()));
        const double catSeconds = t.nsecsElapsed() / 1e9;
        sshTimes << catSeconds;

        t.restart();
        auto copy = hosts.ctl({QStringLiteral("copy"), QStringLiteral("bulk"), QStringLiteral("remote:"),
                               QStringLiteral("--compression"), compression}, {}, {}, 600000);
        const double copySeconds = t.nsecsElapsed() / 1e9;
        if (copy.exitCode != 0)
            return failWith(QStringLiteral("copy: ") + copy.text());
        const qint64 arrived = treeBytes(hosts.remote().storePath() + QStringLiteral("/bulk/rootfs"));
        if (arrived != bytes)
            return failWith(QStringLiteral("the copy has %1 bytes, the source %2").arg(arrived).arg(bytes));
        copyTimes << copySeconds;
        std::printf("  round %d: ssh cat %.2f s (%.0f MiB/s), hutchctl copy %.2f s (%.0f MiB/s)\n", round + 1,
                    catSeconds, double(mib) / catSeconds, copySeconds, mibs / copySeconds);
        std::fflush(stdout);
        auto gone = hosts.ctl({QStringLiteral("--host"), QStringLiteral("remote"), QStringLiteral("destroy"),
                               QStringLiteral("bulk")});
        if (gone.exitCode != 0)
            return failWith(QStringLiteral("destroy on the second host: ") + gone.text());
    }
    const double catRate = double(mib) / median(sshTimes), copyRate = mibs / median(copyTimes);
    std::printf("ssh remote cat > /dev/null: %.0f MiB/s (median %.2f s for %lld MiB)\n", catRate, median(sshTimes),
                static_cast<long long>(mib));
    std::printf("hutchctl copy bulk remote: --compression %s: %.0f MiB/s (median %.2f s for %.0f MiB)\n", qPrintable(compression), copyRate,
                median(copyTimes), mibs);
    std::printf("copy / ssh cat: %.0f%% (target: at least 80%%), load %s\n", 100.0 * copyRate / catRate,
                qPrintable(hutch::bench::loadAverage()));
    hosts.cleanup();
    return 0;
}
