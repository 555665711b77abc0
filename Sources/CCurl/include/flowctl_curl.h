// One HTTP request through libcurl, which is loaded (dlopen) only when a request is sent: the
// commands that send nothing never load it or the TLS libraries behind it.
#ifndef FLOWCTL_CURL_H
#define FLOWCTL_CURL_H

#include <stddef.h>

typedef struct {
    const char *url;
    const char *method;             // "GET" or "POST"
    const char *const *headers;     // "Name: value" (or "Name;" for an empty value), sent as given
    size_t header_count;
    const unsigned char *body;      // POST only
    size_t body_length;
    long timeout_ms;                // the whole attempt, connecting included
    const char *proxy;              // the proxy to go through, or "" for none (never the environment's)
    const char *ca_file;            // the CA bundle to trust, or NULL for the system's
    const char *ca_path;            // a folder of hashed CA certificates, or NULL
} fc_request;

typedef enum {
    FC_ANSWERED = 0,     // status holds the HTTP status
    FC_TIMED_OUT,
    FC_CONNECT_FAILED,   // refused, unreachable
    FC_RESOLVE_FAILED,   // no such host
    FC_PROXY_FAILED,     // the proxy could not be found, reached, or refused the tunnel
    FC_CERTIFICATE,      // the server's certificate was not accepted: re-trying cannot help
    FC_CA_UNREADABLE,    // the CA bundle or folder to trust could not be read: final too
    FC_TLS_FAILED,       // no TLS session could be agreed (a handshake failure): final too
    FC_OTHER_FAILURE,    // a broken connection, no answer at all
    FC_NO_LIBCURL,       // libcurl could not be loaded
} fc_outcome;

typedef struct {
    fc_outcome outcome;
    long status;             // the final answer's status when outcome is FC_ANSWERED
    long status_line;        // the last status line that arrived (a 1xx too), whatever came after (0: none)
    long os_errno;           // the system's error for a failed connection
    long connect_code;       // the proxy's answer to CONNECT, when one was asked
    char error[256];         // libcurl's words for a failure
    char *location;          // the Location header of the answer, or NULL (free with fc_response_free)
    char *retry_after;       // the Retry-After header, or NULL
    char *primary_ip;        // the address that answered, or NULL
} fc_response;

// Sends `request` and waits for the answer; never follows a redirect.
void fc_send(const fc_request *request, fc_response *response);
void fc_response_free(fc_response *response);

#endif
