#ifndef CSYSTEMSHIMS_H
#define CSYSTEMSHIMS_H
#include <sys/types.h>
#include <spawn.h>

// The wait-status macros are C macros: Swift cannot import them.
int hpo_wifexited(int status);
int hpo_wexitstatus(int status);
int hpo_wifsignaled(int status);
int hpo_wtermsig(int status);

// prctl and syscall are variadic: Swift cannot call them.
/// Makes this process adopt orphaned descendants, so it can reap them.
int hpo_set_child_subreaper(void);
/// A file descriptor that becomes readable when process `pid` exits (Linux 5.3+), or -1.
int hpo_pidfd_open(pid_t pid);
/// open(directory/name, flags | O_CLOEXEC) that never leaves `directory`: with openat2's
/// RESOLVE_BENEATH (Linux 5.6+) a symbolic link or `..` that resolves outside fails with
/// EXDEV; where openat2 is unavailable (ENOSYS, or EPERM from a seccomp filter) a symbolic
/// link as `name` is refused outright (O_NOFOLLOW: ELOOP). -1 with errno set on failure.
int hpo_open_beneath(const char *directory, const char *name, int flags);

// GNU extensions of posix_spawn: Swift's Glibc module is imported without _GNU_SOURCE,
// so these declarations are invisible to Swift.
/// The POSIX_SPAWN_SETSID flag (glibc 2.26+): the child calls setsid() before exec.
short hpo_posix_spawn_setsid_flag(void);
/// posix_spawn_file_actions_addchdir_np (glibc 2.29+): the child changes directory before exec.
int hpo_posix_spawn_file_actions_addchdir(posix_spawn_file_actions_t *actions, const char *path);
/// posix_spawn_file_actions_addclosefrom_np (glibc 2.34+): the child closes every fd >= `from`.
int hpo_posix_spawn_file_actions_addclosefrom(posix_spawn_file_actions_t *actions, int from);

/// pipe2(fds, O_CLOEXEC) (a GNU extension): both ends close-on-exec from the start.
int hpo_pipe_cloexec(int fds[2]);

// struct epoll_event is packed on x86-64: these keep its layout on the C side.
/// epoll_create1(EPOLL_CLOEXEC): an epoll instance, or -1 with errno set.
int hpo_epoll_create(void);
/// Watches `fd` for readability once (EPOLLIN | EPOLLONESHOT, or level-triggered when
/// `oneshot` is 0); `tag` comes back from `hpo_epoll_wait_tags`. 0, or -1 with errno set.
int hpo_epoll_watch(int epfd, int fd, unsigned long long tag, int oneshot);
/// epoll_wait for at most `capacity` (≤ 64) events, writing each event's tag to `tags`.
/// The number of events, 0 on timeout, -1 with errno set (EINTR).
int hpo_epoll_wait_tags(int epfd, unsigned long long *tags, int capacity, int timeout_ms);

// waitid(WNOWAIT) reads a siginfo_t union that Swift cannot reach easily.
/// Peeks, without reaping, at an exited child chosen like waitpid's first argument
/// (`-1` any child, `-pgid` a child in that process group, `pid` that child).
/// Returns the exited child's pid, 0 when none has exited yet, -1 with errno set (ECHILD).
pid_t hpo_peek_exited(pid_t which);

// Signal handlers must be async-signal-safe: a C handler that only write(2)s is.
/// Installs handlers for SIGINT, SIGTERM and SIGHUP that write the signal number as one byte
/// to `fd` (which should be non-blocking), so a poll(2) loop sees them as input. 0 or -1.
int hpo_forward_signals_to_fd(int fd);
/// Restores the default disposition of SIGINT, SIGTERM and SIGHUP.
void hpo_restore_default_signals(void);

// statx is a GNU extension the Glibc module does not show Swift.
/// The id of the mount holding `name` in directory `dirfd` (links not followed), from
/// statx's STATX_MNT_ID (Linux 5.8+): tells a bind mount from its parent, which st_dev
/// cannot when both are on one file system. 0, or -1 with errno set (ENOSYS, EOPNOTSUPP
/// when the kernel does not report it).
int hpo_mount_id(int dirfd, const char *name, unsigned long long *id);
// ioctl and copy_file_range: variadic, or hidden without _GNU_SOURCE.
/// ioctl(dest, FICLONE, src): makes `dest` share `src`'s blocks, copy-on-write (btrfs, XFS
/// with reflink, bcachefs, OCFS2). 0, or -1 with errno (EOPNOTSUPP, EXDEV, EINVAL, ...).
int hpo_ficlone(int dest, int src);
/// copy_file_range(2) from the current offsets (glibc 2.27+): bytes copied, 0 at the end
/// of `in`, -1 with errno (ENOSYS, EXDEV, EINVAL on file systems that cannot).
ssize_t hpo_copy_file_range(int in, int out, size_t length);

#endif
