#include "error.h"

#include <cstring>

namespace hutch {

Error Error::system(int err, const QString &what)
{
    Code code = Code::Failed;
    if (err == ENOENT)
        code = Code::NotFound;
    else if (err == EBUSY)
        code = Code::Busy;
    else if (err == EINVAL)
        code = Code::InvalidArgument;
    return {code, err, what + QStringLiteral(": ") + QString::fromLocal8Bit(strerror(err))};
}

Error Error::wrap(const QString &context) const
{
    return {code, sysErrno, context + QStringLiteral(": ") + message};
}

}  // namespace hutch
