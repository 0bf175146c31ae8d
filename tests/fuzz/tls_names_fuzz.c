/* Fuzz target: host-name matching for verify-full. The first byte says
 * how many of the following bytes are the certificate's name (DNS SAN or
 * CN, embedded NULs allowed) or its IP SAN; the rest is the host we
 * connected to, NUL-terminated at its first NUL. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_target.h"
#include "net/tls_verify.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) {
        return 0;
    }
    size_t name_length = data[0];
    const uint8_t *rest = data + 1;
    size_t rest_length = size - 1;
    if (name_length > rest_length) {
        name_length = rest_length;
    }
    size_t host_length = rest_length - name_length;
    /* Exact-size copies so that reads past either end are caught. */
    char *name = malloc(name_length > 0 ? name_length : 1);
    char *host = malloc(host_length + 1);
    if (name == NULL || host == NULL) {
        free(name);
        free(host);
        return 0;
    }
    if (name_length > 0) {
        memcpy(name, rest, name_length);
    }
    if (host_length > 0) {
        memcpy(host, rest + name_length, host_length);
    }
    host[host_length] = '\0';
    (void)tls_verify_dns_name_matches(name, name_length, host);
    (void)tls_verify_ip_matches((const unsigned char *)name, name_length, host);
    (void)tls_verify_host_is_ip_literal(host);
    free(name);
    free(host);
    return 0;
}
