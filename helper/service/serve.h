// Running hutch-helper as the D-Bus service: connect, export, own the name,
// tidy what a killed predecessor left, serve until the process ends.
#pragma once

#include "settings.h"

#include <QString>

namespace hutch::service {

// `busAddress`: a bus to serve on (a private system-type bus); empty: the
// system bus. `monitorPath`: the hutch-monitor executable. Returns the
// exit status; runs the event loop of the existing QCoreApplication.
int serve(const QString &busAddress, const HelperSettings &settings, const QString &monitorPath);

// hutch-monitor beside this executable (the build tree and libexecdir keep
// them together), or $HUTCH_MONITOR.
QString defaultMonitorPath();

}  // namespace hutch::service
