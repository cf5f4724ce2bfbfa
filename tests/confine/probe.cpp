/* hutch-probe: tries one thing the confinement of a container must stop
 * and prints what the kernel answered ("ok" or "errno N"). Linked
 * statically and copied into busybox containers by test_confinement and the
 * escape suite: busybox has no applet for most of these calls. */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <unistd.h>

static int report(long r)
{
    if (r < 0)
        printf("errno %d\n", errno);
    else
        printf("ok\n");
    return 0;
}

#if defined(__x86_64__)
/* A call through the i386 ABI (int 0x80) from this 64-bit process: the
 * filter must cover it too. Returns -errno like the raw kernel. */
static long i386_syscall(long nr, long a, long b, long c)
{
    long ret;
    __asm__ volatile("int $0x80" : "=a"(ret) : "a"(nr), "b"(a), "c"(b), "d"(c) : "memory");
    return ret;
}
#endif

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: hutch-probe WHAT [ARG]\n");
        return 2;
    }
    const char *w = argv[1];
    const char *arg = argc > 2 ? argv[2] : "";
    char c = 'x';
    if (!strcmp(w, "keyctl"))
        return report(syscall(SYS_keyctl, 0 /* KEYCTL_GET_KEYRING_ID */, -3 /* session */, 0));
    if (!strcmp(w, "add_key"))
        return report(syscall(SYS_add_key, "user", "hutch", "x", 1, -3));
    if (!strcmp(w, "request_key"))
        return report(syscall(SYS_request_key, "user", "hutch", NULL, 0));
    if (!strcmp(w, "kexec_load"))
        return report(syscall(SYS_kexec_load, 0, 0, NULL, 0));
    if (!strcmp(w, "open_by_handle_at")) {
        struct { unsigned int bytes; int type; unsigned char h[8]; } fh = {8, 1, {0}};
        return report(syscall(SYS_open_by_handle_at, AT_FDCWD, &fh, O_RDONLY));
    }
    if (!strcmp(w, "init_module"))
        return report(syscall(SYS_init_module, "", 0, ""));
    if (!strcmp(w, "finit_module"))
        return report(syscall(SYS_finit_module, -1, "", 0));
    if (!strcmp(w, "delete_module"))
        return report(syscall(SYS_delete_module, "hutch_no_such_module", 0));
    if (!strcmp(w, "bpf"))
        return report(syscall(SYS_bpf, 0, NULL, 0));
    if (!strcmp(w, "perf_event_open"))
        return report(syscall(SYS_perf_event_open, NULL, 0, -1, -1, 0));
    if (!strcmp(w, "userfaultfd"))
        return report(syscall(SYS_userfaultfd, 0));
    if (!strcmp(w, "tiocsti"))      /* into our own terminal (stdin) */
        return report(ioctl(0, TIOCSTI, &c));
    if (!strcmp(w, "tiocsti-high")) /* the same with junk in the upper 32 bits */
        return report(syscall(SYS_ioctl, 0, 0x100000000UL | TIOCSTI, &c));
    if (!strcmp(w, "tioclinux")) {
        char sub = 6; /* TIOCL_GETSHIFTSTATE */
        return report(ioctl(0, TIOCLINUX, &sub));
    }
    if (!strcmp(w, "ptrace"))       /* a process of the host, by its host pid */
        return report(ptrace(PTRACE_ATTACH, atoi(arg), NULL, NULL));
    if (!strcmp(w, "umount-force"))
        return report(umount2(arg, MNT_FORCE));
#if defined(__x86_64__)
    if (!strcmp(w, "keyctl-i386")) {
        long r = i386_syscall(288 /* keyctl */, 0, -3, 0);
        if (r < 0 && r > -4096) {
            errno = (int)-r;
            return report(-1);
        }
        return report(r);
    }
#endif
    fprintf(stderr, "hutch-probe: unknown probe \"%s\"\n", w);
    return 2;
}
