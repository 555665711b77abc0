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

// The status of a status line ("HTTP/1.1 200 OK", "HTTP/2 204"), or 0.
static long status_of(const char *line, size_t length) {
    const char *space = memchr(line, ' ', length);
    if (!space || (size_t)(space - line) + 4 > length) return 0;
    long status = 0;
    for (int i = 1; i <= 3; i++) {
        char digit = space[i];
        if (digit < '0' || digit > '9') return 0;
        status = status * 10 + (digit - '0');
    }
    return status;
}

// Keeps the status line, Location and Retry-After of the last answer (a 1xx answer comes
// before the real one). The status line is kept as soon as it arrives: once a 2xx has, the
// event is delivered, whatever happens to the rest of the answer; once any has (a 1xx too),
// the server has answered, so it is not unavailable.
static size_t on_header(char *line, size_t size, size_t count, void *context) {
    fc_response *response = context;
    size_t length = size * count;
    if (length >= 5 && strncmp(line, "HTTP/", 5) == 0) {
        free(response->location);
        free(response->retry_after);
        response->location = response->retry_after = NULL;
        long status = status_of(line, length);
        if (status >= 100) response->status_line = status;
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
    // flowctl chooses the proxy itself (so that it knows when one is used); "" means none.
    curl.easy_setopt(handle, CURLOPT_PROXY, request->proxy ? request->proxy : "");
    // A proxy's "200 Connection established" is not the server's answer: keep it out of on_header.
    curl.easy_setopt(handle, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
    if (request->ca_file) curl.easy_setopt(handle, CURLOPT_CAINFO, request->ca_file);
    if (request->ca_path) curl.easy_setopt(handle, CURLOPT_CAPATH, request->ca_path);
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
    curl.easy_getinfo(handle, CURLINFO_OS_ERRNO, &response->os_errno);
    curl.easy_getinfo(handle, CURLINFO_HTTP_CONNECTCODE, &response->connect_code);
    int proxied = request->proxy && *request->proxy;
    switch (result) {
    case CURLE_OK: response->outcome = FC_ANSWERED; break;
    case CURLE_OPERATION_TIMEDOUT: response->outcome = FC_TIMED_OUT; break;
    // Through a proxy, the only connection flowctl makes is to the proxy.
    case CURLE_COULDNT_CONNECT: response->outcome = proxied ? FC_PROXY_FAILED : FC_CONNECT_FAILED; break;
    case CURLE_COULDNT_RESOLVE_HOST: response->outcome = FC_RESOLVE_FAILED; break;
    case CURLE_COULDNT_RESOLVE_PROXY: response->outcome = FC_PROXY_FAILED; break;
    case CURLE_SSL_CACERT_BADFILE: response->outcome = FC_CA_UNREADABLE; break;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS: response->outcome = FC_CERTIFICATE; break;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CIPHER: response->outcome = FC_TLS_FAILED; break;
    default:
        // A tunnel the proxy refused (CONNECT answered with anything but 2xx) is the proxy's failure.
        response->outcome = proxied && response->connect_code && response->connect_code / 100 != 2 && !response->status_line
                                ? FC_PROXY_FAILED
                                : FC_OTHER_FAILURE;
        break;
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
