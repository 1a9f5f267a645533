#ifndef BATON_CCURL_SHIM_H
#define BATON_CCURL_SHIM_H

#include <curl/curl.h>

/*
 * Swift cannot call C variadic functions, so curl_easy_setopt, curl_multi_setopt
 * and curl_easy_getinfo get one typed wrapper per argument kind. Macros and
 * unions Swift does not import (CURLVERSION_NOW, CURLMsg.data) get accessors.
 */

static inline CURLcode baton_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode baton_easy_setopt_off(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode baton_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode baton_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

/* CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION share this signature. */
static inline CURLcode baton_easy_setopt_write_callback(CURL *handle, CURLoption option, curl_write_callback callback) {
    return curl_easy_setopt(handle, option, callback);
}

static inline CURLcode baton_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *list) {
    return curl_easy_setopt(handle, option, list);
}

static inline CURLMcode baton_multi_setopt_long(CURLM *multi, CURLMoption option, long value) {
    return curl_multi_setopt(multi, option, value);
}

static inline CURLcode baton_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode baton_easy_getinfo_off(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode baton_easy_getinfo_string(CURL *handle, CURLINFO info, char **value) {
    return curl_easy_getinfo(handle, info, value);
}

/* CURLINFO_PRIVATE hands back what CURLOPT_PRIVATE stored. */
static inline CURLcode baton_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **value) {
    return curl_easy_getinfo(handle, info, (char **)value);
}

/* CURLMsg.data is a union: the result is only meaningful for CURLMSG_DONE. */
static inline CURLcode baton_curlmsg_result(const CURLMsg *message) {
    return message->data.result;
}

/* CURL_GLOBAL_DEFAULT is a macro expression Swift does not import. */
static inline CURLcode baton_curl_global_init(void) {
    return curl_global_init(CURL_GLOBAL_DEFAULT);
}

static inline curl_version_info_data *baton_curl_version_info(void) {
    return curl_version_info(CURLVERSION_NOW);
}

/* CURLOPT_SSH_KEYFUNCTION: decides on an SSH host key against the known_hosts file. */
static inline CURLcode baton_easy_setopt_sshkey_callback(CURL *handle, curl_sshkeycallback callback) {
    return curl_easy_setopt(handle, CURLOPT_SSH_KEYFUNCTION, callback);
}

/* CURLOPT_DEBUGFUNCTION: libcurl's informational lines (only installed where their detail is needed). */
static inline CURLcode baton_easy_setopt_debug_callback(CURL *handle, curl_debug_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_DEBUGFUNCTION, callback);
}

/* A NULL string option switches a default off (CURLOPT_CAPATH). */
static inline CURLcode baton_easy_setopt_null_string(CURL *handle, CURLoption option) {
    return curl_easy_setopt(handle, option, (char *)0);
}

/* CURLINFO_CERTINFO: the chain seen by this handle's last TLS handshake (leaf first). */
static inline CURLcode baton_easy_getinfo_certinfo(CURL *handle, struct curl_certinfo **value) {
    return curl_easy_getinfo(handle, CURLINFO_CERTINFO, value);
}

/* Bit-mask macros with casts, which Swift does not import. */
static inline long baton_curlauth_basic(void) {
    return (long)CURLAUTH_BASIC;
}

static inline long baton_curlssh_auth_publickey(void) {
    return (long)CURLSSH_AUTH_PUBLICKEY;
}

#endif
