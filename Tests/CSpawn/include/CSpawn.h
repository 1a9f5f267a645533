#ifndef CSPAWN_H
#define CSPAWN_H

#include <spawn.h>

/// posix_spawn_file_actions_addchdir_np (glibc 2.29+): the child changes directory before exec.
int cspawn_add_chdir(posix_spawn_file_actions_t *actions, const char *path);

/// posix_spawn_file_actions_addclosefrom_np (glibc 2.34+): the child closes every descriptor from `low` up.
int cspawn_add_closefrom(posix_spawn_file_actions_t *actions, int low);

/// pipe2(fds, O_CLOEXEC): both ends close-on-exec from the start, so no concurrent spawn inherits them.
int cspawn_pipe_cloexec(int fds[2]);

#endif
