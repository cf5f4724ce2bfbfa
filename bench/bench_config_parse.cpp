// Parses a generated 10,000-line container config (a realistic mix of keys,
// comments, legacy names and list clears) and prints the time per parse.
// Goal: well under 100 ms. Run: build/bench/bench_config_parse [LINES] [ROUNDS]
#include "config.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>

namespace {

QByteArray makeConfig(int lines)
{
    QByteArray out;
    int n = 0;
    auto add = [&](const QByteArray &line) {
        out += line;
        out += '\n';
        ++n;
    };
    add("# generated for bench_config_parse");
    add("lxc.uts.name = bench");
    add("lxc.rootfs.path = dir:/var/lib/hutch/bench/rootfs");
    for (int i = 0; n < lines; ++i) {
        switch (i % 10) {
        case 0: add("# mounts and limits, block " + QByteArray::number(i)); break;
        case 1: add("lxc.mount.entry = /srv/data" + QByteArray::number(i) + " srv/d" + QByteArray::number(i) + " none bind,create=dir 0 0"); break;
        case 2: add("lxc.net." + QByteArray::number(i % 64) + ".type = veth"); break;
        case 3: add("lxc.net." + QByteArray::number(i % 64) + ".hwaddr = 00:16:3e:xx:xx:" + QByteArray::number(10 + i % 80)); break;
        case 4: add("lxc.cgroup2.memory.max = " + QByteArray::number(256 + i % 512) + "M"); break;
        case 5: add("lxc.cap.drop = sys_module mac_admin mac_override sys_time"); break;
        case 6: add("lxc.network.type = veth"); break;  // legacy: a new network each time
        case 7: add("lxc.network.ipv4 = 10.0." + QByteArray::number(i % 250) + ".5/24"); break;
        case 8: add(""); break;
        case 9: add("lxc.sysctl.net.ipv4.conf.eth" + QByteArray::number(i % 8) + ".forwarding = 1"); break;
        }
        if (i % 1000 == 999)
            add("lxc.net =");  // clears: networks numbered from 0 again
    }
    return out;
}

}  // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int lines = argc > 1 ? std::max(1, atoi(argv[1])) : 10000;
    const int rounds = argc > 2 ? std::max(1, atoi(argv[2])) : 20;
    const QByteArray config = makeConfig(lines);

    qint64 best = -1, total = 0;
    qsizetype entries = 0, diagnostics = 0;
    for (int r = 0; r < rounds; ++r) {
        QElapsedTimer t;
        t.start();
        const hutch::LoadResult result = hutch::loadConfigBytes(config, QStringLiteral("bench.conf"), QStringLiteral("/nonexistent"));
        const qint64 ns = t.nsecsElapsed();
        total += ns;
        best = best < 0 ? ns : std::min(best, ns);
        entries = result.config.entries().size();
        diagnostics = result.diagnostics.size();
    }
    std::printf("config parse: %d lines (%lld bytes), %lld effective entries, %lld diagnostics\n", lines,
                static_cast<long long>(config.size()), static_cast<long long>(entries),
                static_cast<long long>(diagnostics));
    std::printf("config parse: best %.2f ms, mean %.2f ms over %d rounds (goal: well under 100 ms)\n",
                best / 1e6, total / 1e6 / rounds, rounds);
    return 0;
}
