// One HTTP request through libcurl, which is loaded (dlopen) only when a request is sent: the
// commands that send nothing never load it or the TLS libraries behind it.
#ifndef FLOWCTL_CURL_H
#define FLOWCTL_CURL_H

#include <stddef.h>

typedef struct {
    const char *url;
    const char *method;             // "GET" or "POST"
    const char *const *headers;     // "Name: value" lines, sent as given
    size_t header_count;
    const unsigned char *body;      // POST only
    size_t body_length;
    long timeout_ms;                // the whole attempt, connecting included
} fc_request;

typedef enum {
    FC_ANSWERED = 0,    // status holds the HTTP status
    FC_TIMED_OUT,
    FC_CONNECT_FAILED,  // refused, unreachable
    FC_RESOLVE_FAILED,  // no such host
    FC_OTHER_FAILURE,   // TLS, a broken connection, a bad URL
    FC_NO_LIBCURL,      // libcurl could not be loaded
} fc_outcome;

typedef struct {
    fc_outcome outcome;
    long status;
    char error[256];    // libcurl's words for a failure
    char *location;     // the Location header of the answer, or NULL (free with fc_response_free)
    char *retry_after;  // the Retry-After header, or NULL
    char *primary_ip;   // the address that answered, or NULL
} fc_response;

// Sends `request` and waits for the answer; never follows a redirect.
void fc_send(const fc_request *request, fc_response *response);
void fc_response_free(fc_response *response);

#endif
