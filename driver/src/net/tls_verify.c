/* Host-name matching for verify-full, apart from the TLS library.
 * Owns: DNS-name comparison with one whole-label wildcard, IP literal
 * detection and byte comparison of IP SANs. Leaves extracting names from
 * certificates to tls_openssl.c. Rules: STYLE.md "Wire input is hostile"
 * item 9 and RFC 6125 section 6.4. Implements net/tls_verify.h. */
#include "net/tls_verify.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>

/* Longest text an IPv6 literal can take, with brackets and a NUL. */
#define TLS_VERIFY_IP_TEXT_MAX 64

/* ASCII-only lowering: host names are compared without the locale. */
static char lower_ascii(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static bool equal_ignoring_case(const char *a, const char *b, size_t length)
{
    for (size_t i = 0; i < length; i++) {
        if (lower_ascii(a[i]) != lower_ascii(b[i])) {
            return false;
        }
    }
    return true;
}

/* One trailing dot marks a fully qualified name and changes nothing. */
static size_t length_without_trailing_dot(const char *text, size_t length)
{
    if (length > 1 && text[length - 1] == '.') {
        return length - 1;
    }
    return length;
}

/* Copies host without surrounding brackets; false when it cannot be an
 * IP literal (too long). */
static bool copy_bare_ip_text(const char *host, char *out, size_t out_size)
{
    size_t length = strlen(host);
    if (length >= 2 && host[0] == '[' && host[length - 1] == ']') {
        host++;
        length -= 2;
    }
    if (length == 0 || length >= out_size) {
        return false;
    }
    memcpy(out, host, length);
    out[length] = '\0';
    return true;
}

bool tls_verify_host_is_ip_literal(const char *host)
{
    if (host == NULL) {
        return false;
    }
    char bare[TLS_VERIFY_IP_TEXT_MAX];
    if (!copy_bare_ip_text(host, bare, sizeof bare)) {
        return false;
    }
    unsigned char bytes[16];
    return inet_pton(AF_INET, bare, bytes) == 1 || inet_pton(AF_INET6, bare, bytes) == 1;
}

bool tls_verify_ip_matches(const unsigned char *address, size_t address_length,
                           const char *host)
{
    if (address == NULL || host == NULL) {
        return false;
    }
    char bare[TLS_VERIFY_IP_TEXT_MAX];
    if (!copy_bare_ip_text(host, bare, sizeof bare)) {
        return false;
    }
    unsigned char bytes[16];
    if (address_length == 4 && inet_pton(AF_INET, bare, bytes) == 1) {
        return memcmp(bytes, address, 4) == 0;
    }
    if (address_length == 16 && inet_pton(AF_INET6, bare, bytes) == 1) {
        return memcmp(bytes, address, 16) == 0;
    }
    return false;
}

bool tls_verify_dns_name_matches(const char *certificate_name, size_t name_length,
                                 const char *host)
{
    if (certificate_name == NULL || host == NULL || name_length == 0) {
        return false;
    }
    /* A NUL inside the name is an attempt to make "good.com\0.evil.com"
     * look like "good.com"; such a name never matches. */
    if (memchr(certificate_name, '\0', name_length) != NULL) {
        return false;
    }
    size_t host_length = strlen(host);
    if (host_length == 0) {
        return false;
    }
    name_length = length_without_trailing_dot(certificate_name, name_length);
    host_length = length_without_trailing_dot(host, host_length);

    bool has_wildcard = name_length >= 2 && certificate_name[0] == '*' &&
                        certificate_name[1] == '.';
    /* A '*' anywhere else (partial-label wildcards like "db*.example.com")
     * is not honoured: such names never match. */
    const char *star_search = certificate_name + (has_wildcard ? 1 : 0);
    size_t star_search_length = name_length - (has_wildcard ? 1 : 0);
    if (memchr(star_search, '*', star_search_length) != NULL) {
        return false;
    }
    if (!has_wildcard) {
        return name_length == host_length &&
               equal_ignoring_case(certificate_name, host, host_length);
    }
    /* Wildcards never stand for part of an IP address. */
    if (tls_verify_host_is_ip_literal(host)) {
        return false;
    }
    /* "*.example.com": the suffix ".example.com" must follow exactly one
     * non-empty leftmost label of the host. */
    const char *suffix = certificate_name + 1;
    size_t suffix_length = name_length - 1;
    if (suffix_length < 2) {
        return false; /* "*." alone names nothing */
    }
    const char *first_dot = memchr(host, '.', host_length);
    if (first_dot == NULL || first_dot == host) {
        return false;
    }
    size_t host_suffix_length = host_length - (size_t)(first_dot - host);
    return host_suffix_length == suffix_length &&
           equal_ignoring_case(first_dot, suffix, suffix_length);
}
