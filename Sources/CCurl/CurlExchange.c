// C at the edge: libcurl through dlopen. The option and info numbers are libcurl's stable ABI
// (curl/curl.h of libcurl 7.x and 8.x); the headers are not needed to build.
#include "CCurl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef void CURL;
struct curl_slist;

enum {
    OPT_WRITEDATA = 10001, OPT_URL = 10002, OPT_POSTFIELDS = 10015, OPT_USERAGENT = 10018,
    OPT_HTTPHEADER = 10023, OPT_HEADERDATA = 10029, OPT_CUSTOMREQUEST = 10036,
    OPT_ACCEPT_ENCODING = 10102, OPT_PROTOCOLS_STR = 10318,
    OPT_WRITEFUNCTION = 20011, OPT_HEADERFUNCTION = 20079,
    OPT_NOPROGRESS = 43, OPT_NOBODY = 44, OPT_POST = 47, OPT_FOLLOWLOCATION = 52, OPT_HTTPGET = 80,
    OPT_NOSIGNAL = 99, OPT_TIMEOUT_MS = 155, OPT_POSTFIELDSIZE_LARGE = 30120,
    INFO_RESPONSE_CODE = 0x200000 + 2,
    GLOBAL_ALL = 3
};

static struct {
    int (*global_init)(long);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *);
    void (*easy_reset)(CURL *);
    int (*easy_setopt)(CURL *, int, ...);
    int (*easy_perform)(CURL *);
    int (*easy_getinfo)(CURL *, int, ...);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
    int loaded;
} curl;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;

static void load(void) {
    void *library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!library) return;
    curl.global_init = (int (*)(long))dlsym(library, "curl_global_init");
    curl.easy_init = (CURL * (*)(void)) dlsym(library, "curl_easy_init");
    curl.easy_cleanup = (void (*)(CURL *))dlsym(library, "curl_easy_cleanup");
    curl.easy_reset = (void (*)(CURL *))dlsym(library, "curl_easy_reset");
    curl.easy_setopt = (int (*)(CURL *, int, ...))dlsym(library, "curl_easy_setopt");
    curl.easy_perform = (int (*)(CURL *))dlsym(library, "curl_easy_perform");
    curl.easy_getinfo = (int (*)(CURL *, int, ...))dlsym(library, "curl_easy_getinfo");
    curl.slist_append = (struct curl_slist * (*)(struct curl_slist *, const char *)) dlsym(library, "curl_slist_append");
    curl.slist_free_all = (void (*)(struct curl_slist *))dlsym(library, "curl_slist_free_all");
    if (!curl.global_init || !curl.easy_init || !curl.easy_cleanup || !curl.easy_reset || !curl.easy_setopt ||
        !curl.easy_perform || !curl.easy_getinfo || !curl.slist_append || !curl.slist_free_all) return;
    // Once, before any handle exists: libcurl's global set-up is not safe to race.
    if (curl.global_init(GLOBAL_ALL) != 0) return;
    curl.loaded = 1;
}

int rapport_curl_load(void) {
    pthread_once(&load_once, load);
    return curl.loaded ? 0 : -1;
}

void *rapport_curl_handle_new(void) {
    if (rapport_curl_load() != 0) return NULL;
    return curl.easy_init();
}

void rapport_curl_handle_free(void *handle) {
    if (handle && curl.loaded) curl.easy_cleanup(handle);
}

/// A growing byte buffer for the body or the head.
typedef struct {
    unsigned char *bytes;
    size_t length;
    size_t capacity;
    int failed;
} buffer;

static int append(buffer *to, const void *bytes, size_t length) {
    if (to->length + length + 1 > to->capacity) {
        size_t capacity = to->capacity ? to->capacity : 4096;
        while (capacity < to->length + length + 1) capacity *= 2;
        unsigned char *grown = realloc(to->bytes, capacity);
        if (!grown) { to->failed = 1; return 0; }
        to->bytes = grown;
        to->capacity = capacity;
    }
    memcpy(to->bytes + to->length, bytes, length);
    to->length += length;
    to->bytes[to->length] = 0;
    return 1;
}

static size_t on_body(char *data, size_t size, size_t count, void *context) {
    return append(context, data, size * count) ? size * count : 0;
}

static size_t on_head(char *data, size_t size, size_t count, void *context) {
    buffer *head = context;
    size_t length = size * count;
    // A new status line (after a 100 Continue, say) starts a new head: keep only the last.
    if (length >= 5 && memcmp(data, "HTTP/", 5) == 0) head->length = 0;
    return append(head, data, length) ? length : 0;
}

int rapport_curl_perform(void *handle, rapport_curl_exchange *exchange) {
    if (rapport_curl_load() != 0 || !handle) return -1;
    CURL *easy = handle;
    curl.easy_reset(easy);
    buffer body = {0}, head = {0};
    struct curl_slist *headers = NULL;
    for (int index = 0; index < exchange->header_count; index++) {
        struct curl_slist *grown = curl.slist_append(headers, exchange->header_lines[index]);
        if (!grown) { curl.slist_free_all(headers); return 27; /* out of memory */ }
        headers = grown;
    }
    // No "Expect: 100-continue" pause before large bodies.
    struct curl_slist *grown = curl.slist_append(headers, "Expect:");
    if (grown) headers = grown;

    curl.easy_setopt(easy, OPT_URL, exchange->url);
    curl.easy_setopt(easy, OPT_PROTOCOLS_STR, "http,https");
    curl.easy_setopt(easy, OPT_NOSIGNAL, 1L);
    curl.easy_setopt(easy, OPT_NOPROGRESS, 1L);
    curl.easy_setopt(easy, OPT_FOLLOWLOCATION, 0L);
    curl.easy_setopt(easy, OPT_TIMEOUT_MS, exchange->timeout_ms);
    curl.easy_setopt(easy, OPT_ACCEPT_ENCODING, "gzip");
    curl.easy_setopt(easy, OPT_USERAGENT, exchange->user_agent);
    curl.easy_setopt(easy, OPT_HTTPHEADER, headers);
    curl.easy_setopt(easy, OPT_WRITEFUNCTION, on_body);
    curl.easy_setopt(easy, OPT_WRITEDATA, (void *)&body);
    curl.easy_setopt(easy, OPT_HEADERFUNCTION, on_head);
    curl.easy_setopt(easy, OPT_HEADERDATA, (void *)&head);
    if (strcmp(exchange->method, "GET") == 0) {
        curl.easy_setopt(easy, OPT_HTTPGET, 1L);
    } else if (strcmp(exchange->method, "HEAD") == 0) {
        curl.easy_setopt(easy, OPT_NOBODY, 1L);
    } else if (!exchange->body && strcmp(exchange->method, "POST") != 0) {
        curl.easy_setopt(easy, OPT_CUSTOMREQUEST, exchange->method);
    } else {
        static const unsigned char empty[1] = {0};
        curl.easy_setopt(easy, OPT_POST, 1L);
        curl.easy_setopt(easy, OPT_POSTFIELDSIZE_LARGE, (long long)(exchange->body ? exchange->body_length : 0));
        curl.easy_setopt(easy, OPT_POSTFIELDS, exchange->body ? (const void *)exchange->body : (const void *)empty);
        if (strcmp(exchange->method, "POST") != 0) curl.easy_setopt(easy, OPT_CUSTOMREQUEST, exchange->method);
    }

    int result = curl.easy_perform(easy);
    long status = 0;
    curl.easy_getinfo(easy, INFO_RESPONSE_CODE, &status);
    curl.slist_free_all(headers);
    // Nothing of ours stays pointed to by the handle between exchanges.
    curl.easy_reset(easy);
    if (result == 0 && (body.failed || head.failed)) result = 27;
    exchange->status = status;
    exchange->response_body = body.bytes;
    exchange->response_body_length = body.length;
    exchange->response_head = (char *)head.bytes;
    exchange->response_head_length = head.length;
    return result;
}

void rapport_curl_exchange_release(rapport_curl_exchange *exchange) {
    free(exchange->response_body);
    free(exchange->response_head);
    exchange->response_body = NULL;
    exchange->response_head = NULL;
    exchange->response_body_length = 0;
    exchange->response_head_length = 0;
}
