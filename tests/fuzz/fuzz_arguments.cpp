// libFuzzer: the checks the helper makes of a D-Bus caller's arguments
// before it queues any work (the trust boundary's first line): container
// names, SetConfigItem's key, value and mode (core/configedit.h), SetLimits'
// key, and PushFile's framed file stream (core/filestream.h), read from a
// descriptor as the helper reads the caller's pipe.
// Properties: nothing crashes, hangs or leaks; a name accepted is one
// path component; a key accepted comes back as a known modern key; every
// stream entry the reader hands out has a name checkName accepts.
#include "configedit.h"
#include "filestream.h"
#include "keys.h"
#include "names.h"

#include <cstdint>
#include <cstdlib>
#include <sys/mman.h>
#include <unistd.h>

using namespace hutch;

namespace {

// The stream part: the bytes in a memfd, read by files::Reader as the
// helper's PushFile reads them.
void readStream(const QByteArray &bytes)
{
    const int fd = ::memfd_create("fuzz", MFD_CLOEXEC);
    if (fd < 0)
        return;
    if (::write(fd, bytes.constData(), size_t(bytes.size())) == bytes.size() && ::lseek(fd, 0, SEEK_SET) == 0) {
        files::Channel channel(fd, nullptr);
        files::Reader reader(channel);
        if (!reader.begin()) {
            for (int n = 0; n < 10000; ++n) {
                auto entry = reader.next();
                if (!entry || !*entry)
                    break;
                if (files::checkName((*entry)->name, n == 0))
                    std::abort();  // the reader handed out a name it should have refused
                if ((*entry)->type == files::Entry::File && reader.data(**entry, -1))
                    break;
            }
        }
    }
    ::close(fd);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    // Text arguments: the first line a key (or a name), the rest a value.
    const qsizetype nl = bytes.indexOf('\n');
    const QString first = QString::fromUtf8(nl < 0 ? bytes : bytes.left(nl));
    const QString rest = nl < 0 ? QString() : QString::fromUtf8(bytes.mid(nl + 1));

    if (!validateContainerName(first) && (first.contains(QLatin1Char('/')) || first == QLatin1String(".") || first == QLatin1String("..")))
        std::abort();
    if (const auto key = checkKey(first)) {
        if (!keys::lookup(*key))
            std::abort();
        (void)checkValue(*key, rest);
        (void)isPrivilegedKey(*key);
        (void)actionsForKey(*key);
    }
    (void)parseEditMode(first);
    (void)parseLimitKey(first);
    (void)changedKeys(bytes.left(nl < 0 ? 0 : nl), bytes.mid(nl < 0 ? 0 : nl + 1));

    readStream(bytes);
    return 0;
}
