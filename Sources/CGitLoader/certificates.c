#include "loader.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

// Debian's libgit2 (mbedTLS) parses the whole CA bundle inside git_libgit2_init: about 6 ms,
// a quarter of a small command's time, though only a connection to a remote needs it. flowctl
// exports this function (Package.swift), so libgit2, loaded by flowctl, calls it instead of
// mbedTLS's: during git_libgit2_init it only notes the bundle's path (libgit2 then holds an
// empty chain, which verifies nothing: a connection made without the bundle fails, it is
// never trusted), and flowctl_git_load_certificates() hands the path back to libgit2 before
// the first connection, which parses it with mbedTLS's own function. A libgit2 built with
// another TLS library never calls it.

static int deferring;
static char *deferred_bundle;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
// What mbedTLS's own parse did, for flowctl_git_certificate_state (its callers hold `lock`, or
// are git_libgit2_init, which runs once).
static int mbedtls_parses;
static int mbedtls_last_result;

int mbedtls_x509_crt_parse_file(void *chain, const char *path) {
    if (deferring) {
        free(deferred_bundle);
        deferred_bundle = strdup(path);
        return 0;
    }
    int (*parse)(void *, const char *) = NULL;
    *(void **)(&parse) = flowctl_git_library_symbol("mbedtls_x509_crt_parse_file");
    int result = parse ? parse(chain, path) : -1;
    mbedtls_parses += 1;
    mbedtls_last_result = result;
    return result;
}

int flowctl_git_initialize(void) {
    deferring = 1;
    int result = git_libgit2_init();
    deferring = 0;
    return result;
}

int flowctl_git_load_certificates(void) {
    pthread_mutex_lock(&lock);
    int result = 0;
    if (deferred_bundle) {
        result = flowctl_git_set_certificate_locations(deferred_bundle, NULL);
        if (result == 0) {
            free(deferred_bundle);
            deferred_bundle = NULL;
        }
    }
    pthread_mutex_unlock(&lock);
    return result;
}

void flowctl_git_certificate_state(int *pending, int *parses, int *last_result) {
    pthread_mutex_lock(&lock);
    *pending = deferred_bundle != NULL;
    *parses = mbedtls_parses;
    *last_result = mbedtls_last_result;
    pthread_mutex_unlock(&lock);
}
