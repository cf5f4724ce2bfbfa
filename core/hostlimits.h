// Sizes a container's config controls that the host pays for: memory the
// monitor allocates (console ring buffer), ptys it opens (ttys), disk it
// writes (console log). Each is capped, and the cap is in the message, so
// that no config — set by a caller, imported, or from an image — makes the
// monitor take host resources outside the container's limits.
// Checked where config text reaches the store (the helper's gate) and again
// when a container starts (configs written before the caps existed).
#pragma once

#include "error.h"

#include <QString>

namespace hutch::hostlimits {

// lxc.console.buffer.size: LXC's default is 128 KiB.
constexpr qint64 kMaxConsoleBuffer = 16 * 1024 * 1024;
// lxc.console.size: the console log on the host's disk.
constexpr qint64 kMaxConsoleLog = 256 * 1024 * 1024;
// lxc.tty.max: each tty is a pty pair held by the monitor.
constexpr qint64 kMaxTtys = 64;

// nullopt when `value` of modern `key` is within its cap (or the key has
// none); else InvalidArgument "lxc.tty.max = 100000: at most 64 ...".
Status checkHostCost(const QString &key, const QString &value);

}  // namespace hutch::hostlimits
