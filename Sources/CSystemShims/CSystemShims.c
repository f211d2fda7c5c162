#define _GNU_SOURCE
#include "CSystemShims.h"
#include <sys/wait.h>
#include <sys/prctl.h>
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
    return -1;
#endif
}
