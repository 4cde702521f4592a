// One HTTP exchange over the system's libcurl, loaded with dlopen on first use so that a Rapport
// process that never reaches the network never maps libcurl and its TLS stack (about half of a
// one-shot command's start-up). Only GmailAPI's CurlTransport uses this.
#ifndef RAPPORT_CCURL_H
#define RAPPORT_CCURL_H

#include <stddef.h>

/// A request going out and, after `rapport_curl_perform`, the answer that came back.
typedef struct rapport_curl_exchange {
    // In
    const char *method;
    const char *url;
    const char *const *header_lines;   // "Name: value"
    int header_count;
    const unsigned char *body;          // NULL for none
    size_t body_length;
    long timeout_ms;
    const char *user_agent;
    // Out (release with rapport_curl_exchange_release)
    long status;                        // 0 when no HTTP head arrived
    unsigned char *response_body;
    size_t response_body_length;
    char *response_head;                // the last head's header lines, CRLF-separated
    size_t response_head_length;
} rapport_curl_exchange;

/// Loads libcurl once; 0 when it is there, else -1 (the library is not installed).
int rapport_curl_load(void);

/// A reusable connection handle (keeps its connections alive between exchanges), or NULL.
void *rapport_curl_handle_new(void);
void rapport_curl_handle_free(void *handle);

/// Performs one exchange on `handle`; returns libcurl's result code (0 = an HTTP answer arrived
/// whole), or -1 when libcurl is missing.
int rapport_curl_perform(void *handle, rapport_curl_exchange *exchange);

/// Frees what `rapport_curl_perform` allocated in `exchange`.
void rapport_curl_exchange_release(rapport_curl_exchange *exchange);

#endif
