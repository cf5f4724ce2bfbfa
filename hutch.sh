#!/usr/bin/env bash
# Hutch: set up, build, test and run on Debian 12.
#   ./hutch.sh test   install what the build and the tests need, build, run every test
#   ./hutch.sh run    install, build, and start Hutch
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"

jobs=$(nproc 2>/dev/null || echo 2)

# Build and test dependencies (Debian 12 package names).
build_deps=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libgl-dev
    libcap-dev libnl-3-dev libnl-route-3-dev libvterm-dev libbtrfsutil-dev libseccomp-dev
)
# What the runtime and its tests use at run time. Tests that need one of
# these skip, saying which, when it could not be installed.
runtime_deps=(busybox-static iproute2 nftables dnsmasq-base btrfs-progs lvm2 debootstrap)

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

missing_packages() {
    local p
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"
    done
}

apt_install() {
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq || true
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

# Build dependencies must install; runtime ones are installed when the
# package mirror can be reached, else the tests that need them skip.
install_deps() {
    local build=() runtime=()
    mapfile -t build < <(missing_packages "${build_deps[@]}")
    mapfile -t runtime < <(missing_packages "${runtime_deps[@]}")
    if [ ${#build[@]} -gt 0 ]; then
        echo "== installing: ${build[*]} ${runtime[*]}"
        apt_install "${build[@]}" "${runtime[@]}" || apt_install "${build[@]}"
    elif [ ${#runtime[@]} -gt 0 ]; then
        echo "== installing: ${runtime[*]}"
        apt_install "${runtime[@]}" || echo "== could not install ${runtime[*]}: the tests that need them will skip" >&2
    fi
}

configure_and_build() {  # DIR [cmake options...]
    local dir=$1; shift
    cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
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
    install_deps
    local status=0 counts passed=0 failed=0 p f
    counts=$(mktemp)

    echo "== core tests under AddressSanitizer and UndefinedBehaviorSanitizer"
    configure_and_build build-asan -DHUTCH_SANITIZE=ON -DHUTCH_BUILD_GUI=OFF \
        -DHUTCH_BUILD_HELPER=OFF -DHUTCH_BUILD_BENCH=OFF
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
        run_ctest build-asan -L core 3>>"$counts" || status=1

    echo "== everything else"
    configure_and_build build -DHUTCH_SANITIZE=OFF -DHUTCH_BUILD_GUI=ON -DHUTCH_BUILD_HELPER=ON -DHUTCH_BUILD_TESTS=ON
    run_ctest build -LE core 3>>"$counts" || status=1

    while read -r p f; do passed=$((passed + p)); failed=$((failed + f)); done <"$counts"
    rm -f "$counts"
    echo "hutch: $passed passed, $failed failed"
    return $status
}

cmd_run() {
    install_deps
    configure_and_build build -DHUTCH_SANITIZE=OFF -DHUTCH_BUILD_GUI=ON -DHUTCH_BUILD_HELPER=ON -DHUTCH_BUILD_TESTS=ON
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
        echo "hutch: no display (DISPLAY or WAYLAND_DISPLAY) to show the window on" >&2
        exit 1
    fi
    exec build/gui/hutch "$@"
}

case "${1:-}" in
    test) shift; cmd_test "$@" ;;
    run) shift; cmd_run "$@" ;;
    *) echo "usage: ./hutch.sh test | run" >&2; exit 2 ;;
esac
