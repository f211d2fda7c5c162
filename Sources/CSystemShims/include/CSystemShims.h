#ifndef CSYSTEMSHIMS_H
#define CSYSTEMSHIMS_H
#include <sys/types.h>

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

#endif
