#define _GNU_SOURCE
#include "CSystemShims.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <pthread.h>
#include <spawn.h>
#include <string.h>
#include <sys/wait.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

int hpo_wifexited(int s) { return WIFEXITED(s); }
int hpo_wexitstatus(int s) { return WEXITSTATUS(s); }
int hpo_wifsignaled(int s) { return WIFSIGNALED(s); }
int hpo_wtermsig(int s) { return WTERMSIG(s); }
int hpo_set_child_subreaper(void) { return prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0); }
int hpo_pidfd_open(pid_t pid) {
#ifdef SYS_pidfd_open
    return (int)syscall(SYS_pidfd_open, pid, 0);
#else
    errno = ENOSYS;
    return -1;
#endif
}

// struct open_how and the RESOLVE_* flags of <linux/openat2.h>, which older headers lack.
struct hpo_open_how { unsigned long long flags, mode, resolve; };
#define HPO_RESOLVE_NO_MAGICLINKS 0x02
#define HPO_RESOLVE_BENEATH 0x08
#ifndef SYS_openat2
#define SYS_openat2 437
#endif

int hpo_open_beneath(const char *directory, const char *name, int flags) {
    int dirfd = open(directory, O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (dirfd < 0) return -1;
    struct hpo_open_how how;
    memset(&how, 0, sizeof how);
    how.flags = (unsigned long long)(flags | O_CLOEXEC);
    how.resolve = HPO_RESOLVE_BENEATH | HPO_RESOLVE_NO_MAGICLINKS;
    int fd;
    do {
        fd = (int)syscall(SYS_openat2, dirfd, name, &how, sizeof how);
    } while (fd < 0 && (errno == EINTR || errno == EAGAIN));
    if (fd < 0 && (errno == ENOSYS || errno == EPERM)) {
        do {
            fd = openat(dirfd, name, flags | O_CLOEXEC | O_NOFOLLOW);
        } while (fd < 0 && errno == EINTR);
    }
    int saved = errno;
    close(dirfd);
    errno = saved;
    return fd;
}

short hpo_posix_spawn_setsid_flag(void) { return POSIX_SPAWN_SETSID; }

int hpo_posix_spawn_file_actions_addchdir(posix_spawn_file_actions_t *actions, const char *path) {
    return posix_spawn_file_actions_addchdir_np(actions, path);
}

int hpo_posix_spawn_file_actions_addclosefrom(posix_spawn_file_actions_t *actions, int from) {
    return posix_spawn_file_actions_addclosefrom_np(actions, from);
}

int hpo_pipe_cloexec(int fds[2]) { return pipe2(fds, O_CLOEXEC); }

int hpo_epoll_create(void) { return epoll_create1(EPOLL_CLOEXEC); }

int hpo_epoll_watch(int epfd, int fd, unsigned long long tag, int oneshot) {
    struct epoll_event event;
    memset(&event, 0, sizeof event);
    event.events = EPOLLIN | (oneshot ? EPOLLONESHOT : 0);
    event.data.u64 = tag;
    return epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &event);
}

int hpo_epoll_wait_tags(int epfd, unsigned long long *tags, int capacity, int timeout_ms) {
    struct epoll_event events[64];
    if (capacity > 64) capacity = 64;
    int count = epoll_wait(epfd, events, capacity, timeout_ms);
    for (int i = 0; i < count; i++) tags[i] = events[i].data.u64;
    return count;
}

pid_t hpo_peek_exited(pid_t which) {
    idtype_t type = P_ALL;
    id_t id = 0;
    if (which > 0) { type = P_PID; id = (id_t)which; }
    else if (which < -1) { type = P_PGID; id = (id_t)(-which); }
    siginfo_t info;
    memset(&info, 0, sizeof info);
    int rc;
    do {
        rc = waitid(type, id, &info, WEXITED | WNOHANG | WNOWAIT);
    } while (rc == -1 && errno == EINTR);
    if (rc == -1) return -1;
    return info.si_pid; // 0 when WNOHANG found no exited child
}

static volatile int hpo_signal_fd = -1;

static void hpo_forward_signal(int sig) {
    int saved = errno;
    unsigned char byte = (unsigned char)sig;
    if (hpo_signal_fd >= 0) { ssize_t ignored = write(hpo_signal_fd, &byte, 1); (void)ignored; }
    errno = saved;
}

int hpo_forward_signals_to_fd(int fd) {
    hpo_signal_fd = fd;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = hpo_forward_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    if (sigaction(SIGINT, &sa, NULL) != 0) return -1;
    if (sigaction(SIGTERM, &sa, NULL) != 0) return -1;
    if (sigaction(SIGHUP, &sa, NULL) != 0) return -1;
    // `hpo cancel` wakes the controller with SIGUSR1 to read its request at once.
    if (sigaction(SIGUSR1, &sa, NULL) != 0) return -1;
    // A parent may have started hpo with these signals blocked (Foundation's Process on
    // Linux passes its thread's mask on): unblock them in the calling thread, the
    // controller's, so that they reach the handler.
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGUSR1);
    if (pthread_sigmask(SIG_UNBLOCK, &set, NULL) != 0) return -1;
    return 0;
}

void hpo_restore_default_signals(void) {
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    signal(SIGUSR1, SIG_DFL);
    hpo_signal_fd = -1;
}

int hpo_mount_id(int dirfd, const char *name, unsigned long long *id) {
#if defined(STATX_MNT_ID)
    struct statx info;
    if (statx(dirfd, name, AT_SYMLINK_NOFOLLOW, STATX_MNT_ID, &info) != 0) return -1;
    if (!(info.stx_mask & STATX_MNT_ID)) {
        errno = EOPNOTSUPP;
        return -1;
    }
    *id = info.stx_mnt_id;
    return 0;
#else
    (void)dirfd; (void)name; (void)id;
    errno = ENOSYS;
    return -1;
#endif
}

#ifndef FICLONE
#define FICLONE _IOW(0x94, 9, int)
#endif
int hpo_ficlone(int dest, int src) { return ioctl(dest, FICLONE, src); }
ssize_t hpo_copy_file_range(int in, int out, size_t length) {
    return copy_file_range(in, NULL, out, NULL, length, 0);
}
