#include "error.h"

#include <cstring>

namespace hutch {

Error Error::system(int err, const QString &what, Code code)
{
    return {code, err, what + QStringLiteral(": ") + QString::fromLocal8Bit(strerror(err))};
}

Error Error::wrap(const QString &context) const
{
    return {code, sysErrno, context + QStringLiteral(": ") + message};
}

}  // namespace hutch
