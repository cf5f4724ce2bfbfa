#!/usr/bin/env bash
# Hutch: set up, build, test and run on Debian 12.
#   ./hutch.sh test   install what the build and the tests need, build, run every test
#   ./hutch.sh run    install, build, and start Hutch
#   ./hutch.sh backend [--store DIR] [--allow USER] | --stop
#                     a private system bus, polkitd and hutch-helper, for
#                     trying Hutch without installing it (root)
#   ./hutch.sh install [--destdir DIR]   build and install system-wide (root)
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"

jobs=$(nproc 2>/dev/null || echo 2)

# Build and test dependencies (Debian 12 package names; clang and
# libclang-rt-14-dev, libFuzzer, for the fuzz targets in tests/fuzz/).
build_deps=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libgl-dev
    libcap-dev libnl-3-dev libnl-route-3-dev libvterm-dev libbtrfsutil-dev libseccomp-dev
    clang libclang-rt-14-dev
)
# What the runtime and its tests use at run time (openssh-client for
# hutchctl --host, zstd for copies between hosts, openssh-server for the
# second "host" of test_remote; desktop-file-utils and
# appstream validate the desktop entry and the metainfo; libvirt-clients'
# virt-xml-validate checks hutchctl export --libvirt; Qt's own
# translations give shortcuts in the locale's words, "Strg+N").
runtime_deps=(busybox-static iproute2 nftables dnsmasq-base btrfs-progs lvm2 debootstrap xz-utils dbus-daemon polkitd
              desktop-file-utils appstream qt6-translations-l10n libvirt-clients
              openssh-client openssh-server zstd)
# For the tests and benchmarks only (./hutch.sh test): upstream LXC and its
# debian template for test_lxc_interop and bench_runtime, with what the
# template calls: rsync, wget, debian-distro-info, openssl.
test_deps=(lxc lxc-templates rsync wget distro-info openssl)

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

missing_packages() {
    local p
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"
    done
}

install_deps() {  # [more packages...]
    local missing=()
    mapfile -t missing < <(missing_packages "${build_deps[@]}" "${runtime_deps[@]}" "$@")
    [ ${#missing[@]} -gt 0 ] || return 0
    echo "== installing: ${missing[*]}"
    # LXC's lxc-net would put a bridge (lxcbr0) on the host unless told not
    # to before the package is installed; --force-confold keeps the file.
    if [ ! -e /etc/default/lxc-net ]; then
        echo 'USE_LXC_BRIDGE="false"' | as_root tee /etc/default/lxc-net >/dev/null
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        -o Dpkg::Options::=--force-confold "${missing[@]}"
}

configure_and_build() {  # DIR [cmake options...]
    local dir=$1; shift
    local launcher=()
    # ccache, where installed, makes rebuilds of an unchanged tree cheap.
    # Paths below the checkout are hashed relative to it (CCACHE_BASEDIR)
    # and the build directory is not hashed (CCACHE_NOHASHDIR), so that a
    # clone anywhere (CI's fresh one, a worktree) hits what another built.
    if command -v ccache >/dev/null 2>&1; then
        launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
        export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}"
        export CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-1}"
    fi
    cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" "$@" >/dev/null
    cmake --build "$dir" -j "$jobs"
}

# Runs ctest, echoes "passed failed" counts to fd 3.
run_ctest() {  # DIR [ctest options...]
    local dir=$1; shift
    local log rc=0
    log=$(mktemp)
    ctest --test-dir "$dir" --output-on-failure "$@" 2>&1 | tee "$log" || rc=1
    local total failed
    total=$(sed -n 's/.*tests failed out of \([0-9]*\).*/\1/p' "$log" | tail -n 1)
    failed=$(sed -n 's/.* \([0-9]*\) tests failed out of.*/\1/p' "$log" | tail -n 1)
    rm -f "$log"
    if [ -z "$total" ]; then
        echo "ctest in $dir ran no test" >&2
        echo "0 1" >&3
        return 1
    fi
    echo "$((total - failed)) $failed" >&3
    return $rc
}

cmd_test() {
    install_deps "${test_deps[@]}"
    local status=0 counts passed=0 failed=0 p f
    counts=$(mktemp)

    echo "== core tests under AddressSanitizer and UndefinedBehaviorSanitizer"
    configure_and_build build-asan -DHUTCH_SANITIZE=ON -DHUTCH_BUILD_GUI=OFF \
        -DHUTCH_BUILD_HELPER=OFF -DHUTCH_BUILD_BENCH=OFF
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
        run_ctest build-asan -L core 3>>"$counts" || status=1

    echo "== fuzz targets (libFuzzer with ASan/UBSan, clang), a minute each, two at once"
    CC=clang CXX=clang++ configure_and_build build-fuzz -DHUTCH_FUZZ=ON
    run_ctest build-fuzz -L fuzz -j 2 3>>"$counts" || status=1

    echo "== everything else"
    configure_and_build build -DHUTCH_SANITIZE=OFF -DHUTCH_BUILD_GUI=ON -DHUTCH_BUILD_HELPER=ON -DHUTCH_BUILD_TESTS=ON
    run_ctest build -LE core 3>>"$counts" || status=1

    while read -r p f; do passed=$((passed + p)); failed=$((failed + f)); done <"$counts"
    rm -f "$counts"
    echo "hutch: $passed passed, $failed failed"
    return $status
}

helper_on_system_bus() {
    dbus-send --system --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:io.github.hutch.Helper1 2>/dev/null | grep -q 'boolean true'
}

cmd_run() {
    install_deps
    configure_and_build build -DHUTCH_SANITIZE=OFF -DHUTCH_BUILD_GUI=ON -DHUTCH_BUILD_HELPER=ON -DHUTCH_BUILD_TESTS=ON
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
        echo "hutch: no display (DISPLAY or WAYLAND_DISPLAY) to show the window on" >&2
        exit 1
    fi
    if [ -n "${HUTCH_BUS_ADDRESS:-}" ] || helper_on_system_bus; then
        exec build/gui/hutch "$@"  # an installed helper, or a backend already running
    fi
    # No helper installed: a private backend for this window (./hutch.sh
    # backend), in which the user may do everything, ended with the window.
    [ "$(id -u)" = 0 ] || sudo -v
    local out backend
    out=$(mktemp)
    "$0" backend --allow "${SUDO_USER:-$(id -un)}" >"$out" &
    backend=$!
    for _ in $(seq 1200); do
        grep -q '^export ' "$out" && break
        kill -0 "$backend" 2>/dev/null || break
        sleep 0.1
    done
    eval "$(grep '^export ' "$out")"
    rm -f "$out"
    if [ -z "${HUTCH_BUS_ADDRESS:-}" ]; then
        echo "hutch: the backend did not start" >&2
        exit 1
    fi
    build/gui/hutch "$@" || true
    "$0" backend --stop
    wait "$backend" 2>/dev/null || true
}

# --- backend: the helper on a private system bus, with the real polkitd ---
backend_dir=/run/hutch-backend

backend_stop() {
    local f pid
    for f in helper polkitd dbus; do
        [ -f "$backend_dir/$f.pid" ] || continue
        pid=$(cat "$backend_dir/$f.pid")
        # Only what this script started: the pid files name them.
        kill "$pid" 2>/dev/null || true
        rm -f "$backend_dir/$f.pid"
    done
    # Policy and rule files this script installed (listed as it did).
    if [ -f "$backend_dir/installed" ]; then
        while read -r f; do rm -f "$f"; done <"$backend_dir/installed"
        rm -f "$backend_dir/installed"
    fi
    echo "hutch: backend stopped (running containers keep running; their monitors are independent)" >&2
}

cmd_backend() {
    local store=/var/lib/hutch allow="" stop=0 args=("$@")
    while [ $# -gt 0 ]; do
        case "$1" in
            --store) store=$2; shift 2 ;;
            --allow) allow=$2; shift 2 ;;
            --stop) stop=1; shift ;;
            *) echo "usage: ./hutch.sh backend [--store DIR] [--allow USER] | --stop" >&2; exit 2 ;;
        esac
    done
    if [ "$(id -u)" != 0 ]; then
        exec sudo "$0" backend "${args[@]}"
    fi
    if [ $stop = 1 ]; then backend_stop; return 0; fi
    [ -f "$backend_dir/helper.pid" ] && kill -0 "$(cat "$backend_dir/helper.pid")" 2>/dev/null && {
        echo "hutch: a backend runs already (./hutch.sh backend --stop ends it)" >&2; exit 1; }
    case "$store" in /*) ;; *) store="$PWD/$store" ;; esac
    # Only the export line goes to stdout: eval "$(./hutch.sh backend)" works.
    {
        install_deps
        cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
        cmake --build build -j "$jobs" --target hutch-helper hutch-monitor hutchctl
    } >&2
    mkdir -p "$backend_dir" "$store"
    chmod 755 "$backend_dir"
    : >"$backend_dir/installed"
    # polkitd knows only the actions in /usr/share/polkit-1/actions.
    if [ ! -f /usr/share/polkit-1/actions/io.github.hutch.policy ]; then
        cp polkit/io.github.hutch.policy /usr/share/polkit-1/actions/io.github.hutch.backend.policy
        echo /usr/share/polkit-1/actions/io.github.hutch.backend.policy >>"$backend_dir/installed"
    fi
    if [ -n "$allow" ]; then
        # Without a polkit agent on this private bus nobody can type a password:
        # --allow USER lets USER do everything Hutch does, until --stop.
        cat >/etc/polkit-1/rules.d/49-hutch-backend.rules <<RULE
// ./hutch.sh backend --allow $allow; removed by ./hutch.sh backend --stop
polkit.addRule(function(action, subject) {
    if (action.id.indexOf("io.github.hutch.") == 0 && subject.user == "$allow")
        return polkit.Result.YES;
});
RULE
        echo /etc/polkit-1/rules.d/49-hutch-backend.rules >>"$backend_dir/installed"
    fi
    printf 'store = %s\nruntime = /run/hutch\n' "$store" >"$backend_dir/hutch.conf"
    cat >"$backend_dir/bus.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <auth>EXTERNAL</auth>
  <listen>unix:path=$backend_dir/bus</listen>
  <policy context="default">
    <allow user="*"/>
    <deny own="*"/>
    <deny send_type="method_call"/>
    <allow send_type="signal"/>
    <allow send_requested_reply="true" send_type="method_return"/>
    <allow send_requested_reply="true" send_type="error"/>
    <allow receive_type="method_call"/>
    <allow receive_type="method_return"/>
    <allow receive_type="error"/>
    <allow receive_type="signal"/>
    <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus"/>
    <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus.Introspectable"/>
    <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus.Properties"/>
  </policy>
  <includedir>/usr/share/dbus-1/system.d</includedir>
  <include>$PWD/resources/io.github.hutch.Helper1.conf</include>
</busconfig>
CONF
    local address="unix:path=$backend_dir/bus"
    rm -f "$backend_dir/bus"
    dbus-daemon --nofork --config-file="$backend_dir/bus.conf" >&2 &
    echo $! >"$backend_dir/dbus.pid"
    for _ in $(seq 100); do [ -S "$backend_dir/bus" ] && break; sleep 0.05; done
    DBUS_SYSTEM_BUS_ADDRESS=$address /usr/lib/polkit-1/polkitd --no-debug >&2 &
    echo $! >"$backend_dir/polkitd.pid"
    sleep 0.5
    build/helper/hutch-helper --config "$backend_dir/hutch.conf" --bus "$address" >&2 &
    echo $! >"$backend_dir/helper.pid"
    trap 'backend_stop; exit 0' INT TERM
    echo "# Hutch backend: store $store; ./hutch.sh backend --stop (or Ctrl-C) ends it." >&2
    echo "export HUTCH_BUS_ADDRESS=$address"
    wait "$(cat "$backend_dir/helper.pid")" || true
    backend_stop
}

# --- install: system-wide, with the helper, policies, unit and GUI ---
cmd_install() {
    local destdir=""
    while [ $# -gt 0 ]; do
        case "$1" in
            --destdir) destdir=$2; shift 2 ;;
            *) echo "usage: ./hutch.sh install [--destdir DIR]" >&2; exit 2 ;;
        esac
    done
    install_deps
    # /usr: where polkitd, dbus-daemon and systemd look for their files.
    configure_and_build build-install -DCMAKE_INSTALL_PREFIX=/usr -DHUTCH_SANITIZE=OFF -DHUTCH_BUILD_GUI=ON \
        -DHUTCH_BUILD_HELPER=ON -DHUTCH_BUILD_TESTS=OFF -DHUTCH_BUILD_BENCH=OFF
    if [ -n "$destdir" ]; then
        DESTDIR=$destdir cmake --install build-install
        echo "hutch: installed into $destdir (a staging tree: nothing reloaded)"
        return 0
    fi
    as_root cmake --install build-install
    # The bus reads its policy and activation files again; systemd its units.
    as_root dbus-send --system --type=method_call --dest=org.freedesktop.DBus / org.freedesktop.DBus.ReloadConfig \
        2>/dev/null || true
    as_root systemctl daemon-reload 2>/dev/null || true
    # At boot too, for the containers that start automatically.
    as_root systemctl enable hutch-helper.service 2>/dev/null || true
    echo "hutch: installed; hutch-helper starts at boot and on the first call (hutchctl list)"
}

case "${1:-}" in
    test) shift; cmd_test "$@" ;;
    run) shift; cmd_run "$@" ;;
    backend) shift; cmd_backend "$@" ;;
    install) shift; cmd_install "$@" ;;
    *) echo "usage: ./hutch.sh test | run | backend [--store DIR] [--allow USER] | backend --stop | install" >&2; exit 2 ;;
esac
