#ifndef FLOWCTL_GIT_LOADER_H
#define FLOWCTL_GIT_LOADER_H

#include <stddef.h>

/// flowctl does not link libgit2: it is loaded on the first call of any of its functions (see
/// calls.c), or here. Returns NULL once loaded, or why it cannot be.
const char *flowctl_git_load(void);

/// git_libgit2_init, with the CA bundle's parsing deferred to flowctl_git_load_certificates.
int flowctl_git_initialize(void);

/// Parses the CA bundle git_libgit2_init left for later: call before connecting to a remote.
/// Returns 0, or a libgit2 error code (the reason in git_error_last).
int flowctl_git_load_certificates(void);
/// Whether a CA bundle waits to be parsed, how many parses went to mbedTLS's own function, and
/// the last one's result (0: every certificate parsed), for the tests to see what happened.
void flowctl_git_certificate_state(int *pending, int *parses, int *last_result);

/// git_libgit2_opts is variadic, which Swift cannot call: these wrap the options flowctl sets.

/// Objects of `type` (a git_object_t) up to `bytes` are kept in libgit2's object cache.
int flowctl_git_set_cache_object_limit(int type, size_t bytes);

/// libgit2's object cache holds at most `bytes` in all.
int flowctl_git_set_cache_max_size(size_t bytes);

/// Pack files are mapped in windows of `window` bytes, at most `limit` bytes at a time.
int flowctl_git_set_pack_windows(size_t window, size_t limit);

/// Whether every object read is hashed again to check it (git itself does that only in fsck).
int flowctl_git_set_strict_hash_verification(int enabled);

/// Whether every entry of a tree being written is looked up first to check that its object
/// exists (git write-tree checks only the index; flowctl writes the blobs it adds itself).
int flowctl_git_set_strict_object_creation(int enabled);

/// Whether libgit2 keeps objects it has read in its cache (turning it off empties the cache).
int flowctl_git_set_caching(int enabled);

#endif
