#include "loader.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// The library the headers describe: libgit2's soname is "libgit2.so." and its SOVERSION.
#define LIBRARY "libgit2.so." LIBGIT2_SOVERSION

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static char load_error[300];
static int (*libgit2_opts)(int, ...);
static void *library;

static void load(void) {
    // RTLD_LOCAL: libgit2's own libraries stay out of the names flowctl's code binds to.
    library = dlopen(LIBRARY, RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        snprintf(load_error, sizeof load_error, "cannot load libgit2 (install libgit2-%s): %s",
                 LIBGIT2_SOVERSION, dlerror());
        return;
    }
    for (int index = 0; index < flowctl_git_function_count; index++) {
        void *function = dlsym(library, flowctl_git_function_names[index]);
        if (!function) {
            snprintf(load_error, sizeof load_error, "%s has no %s", LIBRARY, flowctl_git_function_names[index]);
            return;
        }
        flowctl_git_functions[index] = function;
    }
    *(void **)(&libgit2_opts) = dlsym(library, "git_libgit2_opts");
    if (!libgit2_opts)
        snprintf(load_error, sizeof load_error, "%s has no git_libgit2_opts", LIBRARY);
}

const char *flowctl_git_load(void) {
    pthread_once(&load_once, load);
    return load_error[0] ? load_error : NULL;
}

void *flowctl_git_function(int index) {
    const char *error = flowctl_git_load();
    if (error) {
        fprintf(stderr, "flowctl: %s\n", error);
        exit(1);
    }
    return flowctl_git_functions[index];
}

void *flowctl_git_library_symbol(const char *name) {
    return flowctl_git_load() ? NULL : dlsym(library, name);
}

static int (*options(void))(int, ...) {
    return flowctl_git_load() ? NULL : libgit2_opts;
}

int flowctl_git_set_cache_object_limit(int type, size_t bytes) {
    return options() ? options()(GIT_OPT_SET_CACHE_OBJECT_LIMIT, (git_object_t)type, bytes) : -1;
}

int flowctl_git_set_cache_max_size(size_t bytes) {
    return options() ? options()(GIT_OPT_SET_CACHE_MAX_SIZE, (ssize_t)bytes) : -1;
}

int flowctl_git_set_pack_windows(size_t window, size_t limit) {
    if (!options()) return -1;
    int error = options()(GIT_OPT_SET_MWINDOW_SIZE, window);
    return error ? error : options()(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, limit);
}

int flowctl_git_set_strict_hash_verification(int enabled) {
    return options() ? options()(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, enabled) : -1;
}

int flowctl_git_set_certificate_locations(const char *file, const char *folder) {
    return options() ? options()(GIT_OPT_SET_SSL_CERT_LOCATIONS, file, folder) : -1;
}

int flowctl_git_set_strict_object_creation(int enabled) {
    return options() ? options()(GIT_OPT_ENABLE_STRICT_OBJECT_CREATION, enabled) : -1;
}

int flowctl_git_set_caching(int enabled) {
    return options() ? options()(GIT_OPT_ENABLE_CACHING, enabled) : -1;
}
