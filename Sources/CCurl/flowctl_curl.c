#include "flowctl_curl.h"

#include <curl/curl.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

// The libcurl functions flowctl uses, resolved once from libcurl.so.4.
static struct {
    CURLcode (*global_init)(long);
    CURL *(*easy_init)(void);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_perform)(CURL *);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
    void (*easy_cleanup)(CURL *);
    const char *(*easy_strerror)(CURLcode);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
    int loaded;
    char error[200];
} curl;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;

static void load(void) {
    void *library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        snprintf(curl.error, sizeof curl.error, "cannot load libcurl (install libcurl4): %s", dlerror());
        return;
    }
#define RESOLVE(field, name)                                                                     \
    *(void **)(&curl.field) = dlsym(library, name);                                              \
    if (!curl.field) {                                                                           \
        snprintf(curl.error, sizeof curl.error, "libcurl.so.4 has no %s", name);                 \
        return;                                                                                  \
    }
    RESOLVE(global_init, "curl_global_init")
    RESOLVE(easy_init, "curl_easy_init")
    RESOLVE(easy_setopt, "curl_easy_setopt")
    RESOLVE(easy_perform, "curl_easy_perform")
    RESOLVE(easy_getinfo, "curl_easy_getinfo")
    RESOLVE(easy_cleanup, "curl_easy_cleanup")
    RESOLVE(easy_strerror, "curl_easy_strerror")
    RESOLVE(slist_append, "curl_slist_append")
    RESOLVE(slist_free_all, "curl_slist_free_all")
#undef RESOLVE
    if (curl.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        snprintf(curl.error, sizeof curl.error, "libcurl failed to start");
        return;
    }
    curl.loaded = 1;
}

// Keeps Location and Retry-After of the last answer (a 1xx answer comes before the real one).
static size_t on_header(char *line, size_t size, size_t count, void *context) {
    fc_response *response = context;
    size_t length = size * count;
    if (length >= 5 && strncmp(line, "HTTP/", 5) == 0) {
        free(response->location);
        free(response->retry_after);
        response->location = response->retry_after = NULL;
        return length;
    }
    const char *names[] = {"location:", "retry-after:"};
    char **fields[] = {&response->location, &response->retry_after};
    for (int i = 0; i < 2; i++) {
        size_t name_length = strlen(names[i]);
        if (length > name_length && strncasecmp(line, names[i], name_length) == 0) {
            const char *value = line + name_length;
            size_t value_length = length - name_length;
            while (value_length && (*value == ' ' || *value == '\t')) value++, value_length--;
            while (value_length && (value[value_length - 1] == '\r' || value[value_length - 1] == '\n' ||
                                    value[value_length - 1] == ' '))
                value_length--;
            free(*fields[i]);
            *fields[i] = strndup(value, value_length);
        }
    }
    return length;
}

static size_t on_body(char *data, size_t size, size_t count, void *context) {
    (void)data, (void)context;
    return size * count;  // the answer's body is not needed
}

void fc_send(const fc_request *request, fc_response *response) {
    memset(response, 0, sizeof *response);
    pthread_once(&load_once, load);
    if (!curl.loaded) {
        response->outcome = FC_NO_LIBCURL;
        snprintf(response->error, sizeof response->error, "%s", curl.error);
        return;
    }
    CURL *handle = curl.easy_init();
    if (!handle) {
        response->outcome = FC_OTHER_FAILURE;
        snprintf(response->error, sizeof response->error, "libcurl could not make a request");
        return;
    }
    char error[CURL_ERROR_SIZE] = "";
    struct curl_slist *headers = NULL;
    for (size_t i = 0; i < request->header_count; i++) headers = curl.slist_append(headers, request->headers[i]);
    headers = curl.slist_append(headers, "Expect:");  // no 100-continue round trip
    curl.easy_setopt(handle, CURLOPT_URL, request->url);
    curl.easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
    curl.easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 0L);
    curl.easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
    curl.easy_setopt(handle, CURLOPT_TIMEOUT_MS, request->timeout_ms);
    curl.easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, request->timeout_ms);
    curl.easy_setopt(handle, CURLOPT_HTTPHEADER, headers);
    curl.easy_setopt(handle, CURLOPT_ERRORBUFFER, error);
    curl.easy_setopt(handle, CURLOPT_HEADERFUNCTION, on_header);
    curl.easy_setopt(handle, CURLOPT_HEADERDATA, response);
    curl.easy_setopt(handle, CURLOPT_WRITEFUNCTION, on_body);
    if (strcmp(request->method, "POST") == 0) {
        curl.easy_setopt(handle, CURLOPT_POST, 1L);
        curl.easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)request->body_length);
        curl.easy_setopt(handle, CURLOPT_POSTFIELDS, request->body_length ? (const char *)request->body : "");
    } else {
        curl.easy_setopt(handle, CURLOPT_HTTPGET, 1L);
    }
    CURLcode result = curl.easy_perform(handle);
    long status = 0;
    curl.easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
    char *ip = NULL;
    if (curl.easy_getinfo(handle, CURLINFO_PRIMARY_IP, &ip) == CURLE_OK && ip && *ip) response->primary_ip = strdup(ip);
    switch (result) {
    case CURLE_OK: response->outcome = FC_ANSWERED; break;
    case CURLE_OPERATION_TIMEDOUT: response->outcome = FC_TIMED_OUT; break;
    case CURLE_COULDNT_CONNECT: response->outcome = FC_CONNECT_FAILED; break;
    case CURLE_COULDNT_RESOLVE_HOST: response->outcome = FC_RESOLVE_FAILED; break;
    default: response->outcome = FC_OTHER_FAILURE; break;
    }
    response->status = result == CURLE_OK ? status : 0;
    if (result != CURLE_OK)
        snprintf(response->error, sizeof response->error, "%s", *error ? error : curl.easy_strerror(result));
    curl.slist_free_all(headers);
    curl.easy_cleanup(handle);
}

void fc_response_free(fc_response *response) {
    free(response->location);
    free(response->retry_after);
    free(response->primary_ip);
    response->location = response->retry_after = response->primary_ip = NULL;
}
