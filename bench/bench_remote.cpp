// A container copied between two hosts beside ssh's own throughput: the
// two hosts of tests/twohosts.h (two network namespaces, each with its
// bus, polkitd, helper and store; sshd in the second), a busybox container
// with a file of MIB MiB of pseudo-random bytes in its rootfs, then in
// alternation, ROUNDS times:
//   ssh remote 'cat > /dev/null' < that file      (ssh's default cipher)
//   the same with the copy's cipher               (client::bulkSshOptions())
//   hutchctl copy bulk remote:                    (export, ssh, import, all of it)
// and the medians as MiB/s of the rootfs's bytes, with the copy's rate as
// a share of each ssh cat's (the target: at least 80%; the fair
// comparison is with the same cipher). The copy is destroyed on the
// second host between rounds. Then, once, the stages apart: the export
// into a pipe read by cat, the import of that archive through a pipe on
// the second host (with its syncfs), and dd of the blob into the second
// host's store with fsync (what its disk takes: a copy lands on disk,
// ssh cat writes nothing).
// Run as root: build/bench/bench_remote [MIB] [ROUNDS] [COMPRESSION]
// (COMPRESSION: the copy's --compression, none by default as for copy).
#include "benchutil.h"
#include "remote.h"
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
    const QString compression = argc > 3 ? QString::fromLocal8Bit(argv[3]) : QStringLiteral("none");
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

    const QStringList cipher = hutch::client::bulkSshOptions();
    const QString cipherName = cipher.isEmpty() ? QStringLiteral("ssh's default") : cipher.value(1).section(QLatin1Char('^'), 1).section(QLatin1Char(','), 0, 0);
    // Seconds for `ssh [OPTIONS] remote 'cat > /dev/null' < blob`, or -1.
    auto sshCat = [&](const QStringList &options) -> double {
        QElapsedTimer t;
        t.start();
        auto cat = hosts.startInLocal(QStringList{QStringLiteral("sh"), QStringLiteral("-c"),
                                                  QStringLiteral("f=$1; shift; exec ssh \"$@\" remote 'cat > /dev/null' < \"$f\""),
                                                  QStringLiteral("sh"), blob, QStringLiteral("-F"), hosts.sshConfig()}
                                      + options);
        if (!cat->waitForFinished(600000) || cat->exitCode() != 0) {
            std::fprintf(stderr, "bench_remote: ssh cat: %s\n", cat->readAllStandardError().constData());
            return -1;
        }
        return t.nsecsElapsed() / 1e9;
    };
    QList<double> sshTimes, fastTimes, copyTimes;
    for (int round = 0; round < rounds; ++round) {
        const double catSeconds = sshCat({});
        const double fastSeconds = sshCat(cipher);
        if (catSeconds < 0 || fastSeconds < 0)
            return failWith(QStringLiteral("ssh cat failed"));
        sshTimes << catSeconds;
        fastTimes << fastSeconds;

        QElapsedTimer t;
        t.start();
        auto copy = hosts.ctl({QStringLiteral("copy"), QStringLiteral("bulk"), QStringLiteral("remote:"),
                               QStringLiteral("--compression"), compression}, {}, {}, 600000);
        const double copySeconds = t.nsecsElapsed() / 1e9;
        if (copy.exitCode != 0)
            return failWith(QStringLiteral("copy: ") + copy.text());
        const qint64 arrived = treeBytes(hosts.remote().storePath() + QStringLiteral("/bulk/rootfs"));
        if (arrived != bytes)
            return failWith(QStringLiteral("the copy has %1 bytes, the source %2").arg(arrived).arg(bytes));
        copyTimes << copySeconds;
        std::printf("  round %d: ssh cat %.2f s (%.0f MiB/s), with %s %.2f s (%.0f MiB/s), hutchctl copy %.2f s "
                    "(%.0f MiB/s), load %s\n",
                    round + 1, catSeconds, double(mib) / catSeconds, qPrintable(cipherName), fastSeconds,
                    double(mib) / fastSeconds, copySeconds, mibs / copySeconds, qPrintable(hutch::bench::loadAverage()));
        std::fflush(stdout);
        auto gone = hosts.ctl({QStringLiteral("--host"), QStringLiteral("remote"), QStringLiteral("destroy"),
                               QStringLiteral("bulk")});
        if (gone.exitCode != 0)
            return failWith(QStringLiteral("destroy on the second host: ") + gone.text());
    }
    const double catRate = double(mib) / median(sshTimes), fastRate = double(mib) / median(fastTimes),
                 copyRate = mibs / median(copyTimes);
    std::printf("ssh remote cat > /dev/null, ssh's default cipher: %.0f MiB/s (median %.2f s for %lld MiB)\n", catRate,
                median(sshTimes), static_cast<long long>(mib));
    std::printf("ssh remote cat > /dev/null, %s (the copy's cipher): %.0f MiB/s (median %.2f s)\n", qPrintable(cipherName),
                fastRate, median(fastTimes));
    std::printf("hutchctl copy bulk remote: --compression %s: %.0f MiB/s (median %.2f s for %.0f MiB)\n",
                qPrintable(compression), copyRate, median(copyTimes), mibs);
    std::printf("copy / ssh cat with the same cipher (%s): %.0f%%; copy / ssh cat with ssh's default cipher: %.0f%% "
                "(target: at least 80%%), load %s\n",
                qPrintable(cipherName), 100.0 * copyRate / fastRate, 100.0 * copyRate / catRate,
                qPrintable(hutch::bench::loadAverage()));

    // The stages apart, once: where a copy's time goes.
    const QString archive = hosts.path(QStringLiteral("bulk.tar"));
    QElapsedTimer t;
    t.start();
    auto exported = hosts.startInLocal({QStringLiteral("sh"), QStringLiteral("-c"),
                                        QStringLiteral("\"$1\" export bulk - --compression none | cat > /dev/null"),
                                        QStringLiteral("sh"), QStringLiteral(HUTCHCTL_PATH)});
    if (!exported->waitForFinished(600000) || exported->exitCode() != 0)
        return failWith(QStringLiteral("export into a pipe failed"));
    const double exportSeconds = t.nsecsElapsed() / 1e9;
    if (hosts.ctl({QStringLiteral("export"), QStringLiteral("bulk"), archive}, {}, {}, 600000).exitCode != 0)
        return failWith(QStringLiteral("export into a file failed"));
    ::sync();
    t.restart();
    // As in a copy: the archive through a pipe, straight to the second host's helper.
    auto imported = hosts.startInLocal({QStringLiteral("sh"), QStringLiteral("-c"),
                                        QStringLiteral("cat \"$2\" | \"$1\" import - --name bulk2 --compression none"),
                                        QStringLiteral("sh"), QStringLiteral(HUTCHCTL_PATH), archive},
                                       {QStringLiteral("HUTCH_BUS_ADDRESS=") + hosts.remote().address()});
    if (!imported->waitForFinished(600000) || imported->exitCode() != 0)
        return failWith(QStringLiteral("import from a pipe: ") + QString::fromLocal8Bit(imported->readAllStandardError()));
    const double importSeconds = t.nsecsElapsed() / 1e9;
    QFile::remove(archive);
    // What the second host's disk takes: the blob written there and synced
    // (the copy must land on disk; ssh cat does not write at all).
    const QString written = hosts.remote().storePath() + QStringLiteral("/bench-dd");
    t.restart();
    QProcess dd;
    dd.start(QStringLiteral("dd"), {QStringLiteral("if=") + blob, QStringLiteral("of=") + written, QStringLiteral("bs=1M"),
                                    QStringLiteral("conv=fsync"), QStringLiteral("status=none")});
    if (!dd.waitForFinished(600000) || dd.exitCode() != 0)
        return failWith(QStringLiteral("dd into the second store failed"));
    const double ddSeconds = t.nsecsElapsed() / 1e9;
    QFile::remove(written);
    std::printf("stages: the second host's disk: dd of the blob with fsync %.2f s (%.0f MiB/s)\n", ddSeconds,
                double(mib) / ddSeconds);
    std::printf("stages: export into a pipe (cat > /dev/null) %.2f s (%.0f MiB/s); import from a pipe (cat FILE |) on the "
                "second host (checks, tar, syncfs) %.2f s (%.0f MiB/s); load %s\n",
                exportSeconds, mibs / exportSeconds, importSeconds, mibs / importSeconds,
                qPrintable(hutch::bench::loadAverage()));
    hosts.cleanup();
    return 0;
}
