// The D-Bus error names of the contract (resources/io.github.hutch.Helper1.xml):
// io.github.hutch.Error.NotAuthorized, ... one for each Error::Code. The
// helper answers with them, hutchctl and the GUI read them back.
#pragma once

#include "error.h"

#include <QString>

#include <optional>

namespace hutch {

// "io.github.hutch.Error.NotFound" for Code::NotFound, ...
QString dbusErrorName(Error::Code code);
// The code of one of those names; nothing for any other name (a bus error).
std::optional<Error::Code> errorCodeFromDBusName(const QString &name);

}  // namespace hutch
