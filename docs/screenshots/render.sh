#!/usr/bin/env bash
# Renders the README's screenshots from the GUI test against the real helper
# on a private bus (root; offscreen rendering, no X server needed), in light
# colours and, with the suffix -dark, in dark ones:
#   docs/screenshots/render.sh [BUILD_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build}
out=$(mktemp -d)
HUTCH_SCREENSHOT_DIR=$out QT_QPA_PLATFORM=offscreen "$build/tests/test_gui_screenshots" screenshots
for f in main-window-resources main-window-details console-window wizard-2 context-menu \
         properties-config properties-log settings; do
    cp "$out/$f.png" "$out/$f-dark.png" "$here/"
done
rm -rf "$out"
echo "screenshots written to $here"
