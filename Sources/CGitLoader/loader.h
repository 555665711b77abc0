#ifndef FLOWCTL_GIT_LOADER_PRIVATE_H
#define FLOWCTL_GIT_LOADER_PRIVATE_H

#include <git2.h>

#include "flowctl_git_loader.h"

// The functions calls.c defines, by index, resolved together when libgit2 is loaded.
extern const char *const flowctl_git_function_names[];
extern const int flowctl_git_function_count;
extern void *flowctl_git_functions[];

/// The function at `index`, loading libgit2 first if needed. A libgit2 that cannot be loaded
/// ends the process with the reason: every caller needs it, and none can go on without it.
void *flowctl_git_function(int index);

/// `name` as libgit2 and the libraries it loaded define it; NULL if none does.
void *flowctl_git_library_symbol(const char *name);

/// Sets the CA bundle (`file`) and/or certificate folder libgit2 verifies servers with.
int flowctl_git_set_certificate_locations(const char *file, const char *folder);

#endif
