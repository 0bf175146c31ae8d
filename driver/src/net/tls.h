/* TLS over any net_stream (OpenSSL), and the checks around it.
 * Owns: the TLS context built from PEM files, the handshake, SNI, CRL,
 * chain and host-name verification, and the peer certificate hash for
 * SCRAM channel binding. The SSLRequest exchange and the sslmode policy
 * (prefer/allow fallbacks) belong to wire/, which maps modes to this. */
#ifndef PGO_NET_TLS_H
#define PGO_NET_TLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "net/stream.h"
#include "util/secret.h"

#define NET_TLS_ROOT_CERT_SYSTEM "system"

struct net_tls_config {
    bool verify_chain;      /* verify-ca and verify-full */
    bool verify_host_name;  /* verify-full */
    const char *host_name;  /* for SNI (not sent for IP literals) and verification */
    const char *root_cert;  /* PEM CA file; NULL: ~/.postgresql/root.crt when verifying;
                               NET_TLS_ROOT_CERT_SYSTEM: OpenSSL's default trust store */
    const char *cert;       /* client certificate PEM, NULL = none */
    const char *key;        /* client key PEM, NULL = none */
    const struct secret *key_password; /* an encrypted key's passphrase; NULL or unset:
                                          none (never asked for on a terminal) */
    const char *crl;        /* PEM CRL, NULL = none */
    uint16_t min_protocol;  /* TLS wire version (0x0303 TLSv1.2); 0: TLSv1.2 */
    uint16_t max_protocol;  /* 0: the newest OpenSSL offers */
};

/* Runs the TLS handshake over plain. On success *out is a TLS stream that
 * owns plain. On failure plain is closed too (the connection cannot be
 * reused after a failed handshake) and the error names the cause:
 * certificate verification, host-name mismatch (naming both names),
 * unreadable files. SQLSTATE 08001. */
int net_tls_start(struct net_stream *plain, const struct net_tls_config *config,
                  const struct deadline *deadline, struct net_stream **out,
                  struct error *error) PGO_MUST_CHECK;

/* tls-server-end-point channel binding data (RFC 5929): the hash of the
 * server certificate with its signature's digest (SHA-256 for MD5/SHA-1).
 * out_capacity of 64 suffices. */
int net_tls_peer_certificate_hash(struct net_stream *tls_stream, unsigned char *out,
                                  size_t out_capacity, size_t *out_length,
                                  struct error *error) PGO_MUST_CHECK;

#endif
