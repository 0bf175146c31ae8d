/* Host-name matching for verify-full, apart from the TLS library.
 * Pure functions over names already extracted from the certificate. */
#ifndef PGO_NET_TLS_VERIFY_H
#define PGO_NET_TLS_VERIFY_H

#include <stdbool.h>
#include <stddef.h>

/* A DNS name from a SAN or CN against the host we connected to.
 * Case-insensitive; a wildcard matches exactly one whole leftmost label
 * ("*.example.com" matches "db.example.com", not "a.b.example.com" nor
 * "example.com"); names with embedded NULs never match. */
bool tls_verify_dns_name_matches(const char *certificate_name, size_t name_length,
                                 const char *host);

/* An IP SAN (4 or 16 raw bytes) against the host, when host is an IP
 * literal (IPv6 with or without brackets). Compares bytes. */
bool tls_verify_ip_matches(const unsigned char *address, size_t address_length,
                           const char *host);

/* True when host is an IPv4 or IPv6 literal (SNI is not sent for these). */
bool tls_verify_host_is_ip_literal(const char *host);

#endif
