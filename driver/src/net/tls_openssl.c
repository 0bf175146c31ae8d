/* TLS over a descriptor-backed net_stream, with OpenSSL.
 * Owns: the per-connection SSL_CTX built from PEM files (root certificate,
 * CRL, client certificate and key), the non-blocking handshake under a
 * deadline, SNI, chain verification, extracting the certificate's names
 * for host-name checks (matched by tls_verify.c), TLS reads and writes,
 * and the RFC 5929 tls-server-end-point hash for SCRAM channel binding.
 * Leaves the SSLRequest exchange and the sslmode policy to wire/.
 * The OpenSSL error queue is cleared before each TLS call and read after
 * it (STYLE.md, "Wire input is hostile", item 9). Implements net/tls.h. */
#include "net/tls.h"

#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/proverr.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "net/fd_io.h"
#include "net/tls_verify.h"
#include "util/alloc.h"

#define TLS_PATH_MAX 4096
#define TLS_REASON_MAX 256
/* How many certificate names an error message lists before "...". */
#define TLS_NAMES_LISTED_MAX 4

struct tls_stream {
    struct net_stream base; /* first: a struct net_stream * points here */
    struct net_stream *plain;
    SSL_CTX *context;
    SSL *session;
};

static const struct net_stream_ops tls_stream_ops;

/* ---- OpenSSL error queue ------------------------------------------------ */

/* Drains the queue; out receives the first (oldest) entry's text, or
 * fallback when the queue was empty. */
static void take_openssl_errors(char *out, size_t out_size, const char *fallback)
{
    unsigned long first = ERR_get_error();
    if (first == 0) {
        (void)snprintf(out, out_size, "%s", fallback);
        return;
    }
    const char *reason = ERR_reason_error_string(first);
    if (reason != NULL) {
        (void)snprintf(out, out_size, "%s", reason);
    } else {
        ERR_error_string_n(first, out, out_size);
    }
    while (ERR_get_error() != 0) {
    }
}

/* ---- A BIO over the descriptor that never raises SIGPIPE ---------------- */

/* OpenSSL's socket BIO writes with write(), which raises SIGPIPE on a
 * closed connection. This one uses send(MSG_NOSIGNAL) and recv(). */
static int fd_bio_write(BIO *bio, const char *data, int length)
{
    const struct net_stream *plain = BIO_get_data(bio);
    BIO_clear_retry_flags(bio);
    ssize_t sent;
    do {
        sent = send(plain->fd, data, (size_t)length, MSG_NOSIGNAL);
    } while (sent < 0 && errno == EINTR);
    if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        BIO_set_retry_write(bio);
    }
    return (int)sent;
}

static int fd_bio_read(BIO *bio, char *out, int capacity)
{
    const struct net_stream *plain = BIO_get_data(bio);
    BIO_clear_retry_flags(bio);
    ssize_t received;
    do {
        received = recv(plain->fd, out, (size_t)capacity, 0);
    } while (received < 0 && errno == EINTR);
    if (received < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        BIO_set_retry_read(bio);
    }
    return (int)received;
}

static long fd_bio_control(BIO *bio, int command, long number, void *pointer)
{
    (void)bio;
    (void)number;
    (void)pointer;
    return command == BIO_CTRL_FLUSH ? 1 : 0;
}

static int fd_bio_create(BIO *bio)
{
    BIO_set_init(bio, 1);
    return 1;
}

static int fd_bio_destroy(BIO *bio)
{
    BIO_set_data(bio, NULL); /* the plain stream is owned by tls_stream */
    return 1;
}

static pthread_once_t fd_bio_once = PTHREAD_ONCE_INIT;
static BIO_METHOD *fd_bio_method; /* set once, read-only afterwards */

static void create_fd_bio_method(void)
{
    BIO_METHOD *method = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK,
                                      "pgodbc descriptor");
    if (method == NULL) {
        return;
    }
    if (!BIO_meth_set_write(method, fd_bio_write) || !BIO_meth_set_read(method, fd_bio_read) ||
        !BIO_meth_set_ctrl(method, fd_bio_control) ||
        !BIO_meth_set_create(method, fd_bio_create) ||
        !BIO_meth_set_destroy(method, fd_bio_destroy)) {
        BIO_meth_free(method);
        return;
    }
    fd_bio_method = method;
}

/* ---- Waiting for WANT_READ / WANT_WRITE --------------------------------- */

/* After a TLS call returned result: 1 to retry, 0 when a wait timed out,
 * -1 on failure (the error then is set, except for end of stream, which
 * the caller words). *is_eof reports a clean or abrupt close. */
static int wait_for_tls(struct tls_stream *tls, int result, const struct deadline *deadline,
                        bool *is_eof, char *reason, size_t reason_size)
{
    int code = SSL_get_error(tls->session, result);
    short events;
    *is_eof = false;
    switch (code) {
    case SSL_ERROR_WANT_READ:
        events = POLLIN;
        break;
    case SSL_ERROR_WANT_WRITE:
        events = POLLOUT;
        break;
    case SSL_ERROR_ZERO_RETURN:
        *is_eof = true;
        take_openssl_errors(reason, reason_size, "the peer closed the TLS session");
        return -1;
    case SSL_ERROR_SYSCALL:
        if (ERR_peek_error() == 0 && (result == 0 || errno == 0 || errno == ECONNRESET ||
                                      errno == EPIPE)) {
            *is_eof = true;
            (void)snprintf(reason, reason_size, "%s",
                           errno != 0 && result != 0 ? strerror(errno) : "end of stream");
            return -1;
        }
        take_openssl_errors(reason, reason_size, strerror(errno));
        return -1;
    default:
        take_openssl_errors(reason, reason_size, "TLS protocol error");
        return -1;
    }
    switch (fd_io_wait(tls->base.fd, events, deadline)) {
    case FD_IO_READY:
        return 1;
    case FD_IO_TIMED_OUT:
        return 0;
    case FD_IO_FAILED:
    default:
        (void)snprintf(reason, reason_size, "poll failed: %s", strerror(errno));
        return -1;
    }
}

/* ---- Stream operations ---------------------------------------------------- */

static long tls_stream_read(struct net_stream *stream, void *out, size_t capacity,
                            const struct deadline *deadline, struct error *error)
{
    struct tls_stream *tls = (struct tls_stream *)stream;
    int chunk = capacity > (size_t)INT_MAX ? INT_MAX : (int)capacity;
    int64_t started_ms = deadline_now_ms();
    for (;;) {
        ERR_clear_error();
        errno = 0;
        int result = SSL_read(tls->session, out, chunk);
        if (result > 0) {
            return result;
        }
        char reason[TLS_REASON_MAX];
        bool is_eof = false;
        int next = wait_for_tls(tls, result, deadline, &is_eof, reason, sizeof reason);
        if (next == 1) {
            continue;
        }
        if (next == 0) {
            fd_io_set_timeout_error(error, started_ms, "read from", stream->peer);
        } else if (is_eof) {
            error_set(error, "08S01", "the server closed the connection (%s)", stream->peer);
        } else {
            error_set(error, "08S01", "could not receive data over TLS from %s: %s",
                      stream->peer, reason);
        }
        return -1;
    }
}

static int tls_stream_write_all(struct net_stream *stream, const void *data, size_t length,
                                const struct deadline *deadline, struct error *error)
{
    struct tls_stream *tls = (struct tls_stream *)stream;
    const unsigned char *next_byte = data;
    size_t remaining = length;
    int64_t started_ms = deadline_now_ms();
    while (remaining > 0) {
        /* After WANT_*, OpenSSL requires the same arguments again; they stay
         * unchanged because next_byte only moves on success. */
        int chunk = remaining > (size_t)INT_MAX ? INT_MAX : (int)remaining;
        ERR_clear_error();
        errno = 0;
        int result = SSL_write(tls->session, next_byte, chunk);
        if (result > 0) {
            next_byte += result;
            remaining -= (size_t)result;
            continue;
        }
        char reason[TLS_REASON_MAX];
        bool is_eof = false;
        int next = wait_for_tls(tls, result, deadline, &is_eof, reason, sizeof reason);
        if (next == 1) {
            continue;
        }
        if (next == 0) {
            fd_io_set_timeout_error(error, started_ms, "write to", stream->peer);
        } else if (is_eof) {
            error_set(error, "08S01", "the server closed the connection (%s)", stream->peer);
        } else {
            error_set(error, "08S01", "could not send data over TLS to %s: %s", stream->peer,
                      reason);
        }
        return -1;
    }
    return 0;
}

static size_t tls_stream_pending(struct net_stream *stream)
{
    struct tls_stream *tls = (struct tls_stream *)stream;
    int pending = tls->session != NULL ? SSL_pending(tls->session) : 0;
    return pending > 0 ? (size_t)pending : 0;
}

static void tls_stream_free(struct tls_stream *tls)
{
    if (tls == NULL) {
        return;
    }
    if (tls->session != NULL) {
        SSL_free(tls->session); /* frees the BIO too */
    }
    if (tls->context != NULL) {
        SSL_CTX_free(tls->context);
    }
    net_stream_close(tls->plain);
    alloc_free(tls);
}

static void tls_stream_close(struct net_stream *stream)
{
    struct tls_stream *tls = (struct tls_stream *)stream;
    if (tls->session != NULL && tls->plain != NULL && tls->plain->fd >= 0) {
        /* Best effort close_notify: one non-blocking attempt, no waiting. */
        ERR_clear_error();
        (void)SSL_shutdown(tls->session);
        ERR_clear_error();
    }
    tls_stream_free(tls);
}

static const struct net_stream_ops tls_stream_ops = {
    .read = tls_stream_read,
    .write_all = tls_stream_write_all,
    .pending = tls_stream_pending,
    .close = tls_stream_close,
};

/* ---- Building the context --------------------------------------------- */

/* An encrypted key would make OpenSSL prompt on the terminal; the driver
 * never touches the terminal, so the passphrase is refused. */
/* OpenSSL asks for an encrypted key's passphrase through this; without
 * one it would prompt on the terminal, which a driver inside someone
 * else's process must never do. context: the SSLPassword secret or NULL. */
static int give_passphrase(char *buffer, int size, int is_writing, void *context)
{
    (void)is_writing;
    const struct secret *passphrase = context;
    if (passphrase == NULL || !secret_is_set(passphrase) || size <= 0)
        return 0;
    size_t length = 0;
    const char *text = secret_reveal(passphrase, &length);
    if (length > (size_t)size)
        return 0; /* longer than OpenSSL's buffer: refused rather than cut */
    memcpy(buffer, text, length);
    return (int)length;
}

static int default_root_cert_path(char *out, size_t out_size, struct error *error)
{
    const char *home = getenv("HOME");
    struct passwd entry;
    struct passwd *found = NULL;
    char passwd_buffer[1024];
    if (home == NULL || home[0] == '\0') {
        if (getpwuid_r(getuid(), &entry, passwd_buffer, sizeof passwd_buffer, &found) == 0 &&
            found != NULL) {
            home = found->pw_dir;
        }
    }
    if (home == NULL || home[0] == '\0') {
        error_set(error, "08001",
                  "could not find the home directory for the default root certificate "
                  "file ~/.postgresql/root.crt; sslmode verify-ca and verify-full need a "
                  "root certificate (set SSLRootCert)");
        return -1;
    }
    int written = snprintf(out, out_size, "%s/.postgresql/root.crt", home);
    if (written < 0 || (size_t)written >= out_size) {
        error_set(error, "08001", "home directory path is too long for the root certificate");
        return -1;
    }
    return 0;
}

static int load_root_cert(SSL_CTX *context, const char *configured, struct error *error)
{
    if (configured != NULL && strcmp(configured, NET_TLS_ROOT_CERT_SYSTEM) == 0) {
        ERR_clear_error();
        if (SSL_CTX_set_default_verify_paths(context) != 1) {
            char reason[TLS_REASON_MAX];
            take_openssl_errors(reason, sizeof reason, "no trust store");
            error_set(error, "08001", "could not load the system's trusted roots: %s", reason);
            return -1;
        }
        return 0;
    }
    char default_path[TLS_PATH_MAX];
    const char *path = configured;
    if (path == NULL || path[0] == '\0') {
        if (default_root_cert_path(default_path, sizeof default_path, error) != 0) {
            return -1;
        }
        path = default_path;
    }
    struct stat info;
    if (stat(path, &info) != 0) {
        error_set(error, "08001",
                  "root certificate file \"%s\" does not exist (%s); sslmode verify-ca and "
                  "verify-full need it to verify the server (set SSLRootCert, or use sslmode "
                  "require to skip verification)",
                  path, strerror(errno));
        return -1;
    }
    ERR_clear_error();
    if (SSL_CTX_load_verify_locations(context, path, NULL) != 1) {
        char reason[TLS_REASON_MAX];
        take_openssl_errors(reason, sizeof reason, "unreadable file");
        error_set(error, "08001", "could not read root certificate file \"%s\": %s", path,
                  reason);
        return -1;
    }
    return 0;
}

static int load_crl(SSL_CTX *context, const char *path, struct error *error)
{
    ERR_clear_error();
    BIO *file = BIO_new_file(path, "r");
    if (file == NULL) {
        char reason[TLS_REASON_MAX];
        take_openssl_errors(reason, sizeof reason, "cannot open");
        error_set(error, "08001", "could not read certificate revocation list file \"%s\": %s",
                  path, errno != 0 ? strerror(errno) : reason);
        return -1;
    }
    X509_STORE *store = SSL_CTX_get_cert_store(context);
    int loaded = 0;
    for (;;) {
        X509_CRL *crl = PEM_read_bio_X509_CRL(file, NULL, NULL, NULL);
        if (crl == NULL) {
            break;
        }
        int added = X509_STORE_add_crl(store, crl);
        X509_CRL_free(crl);
        if (added != 1) {
            char reason[TLS_REASON_MAX];
            take_openssl_errors(reason, sizeof reason, "cannot add");
            BIO_free(file);
            error_set(error, "08001",
                      "could not use certificate revocation list file \"%s\": %s", path,
                      reason);
            return -1;
        }
        loaded++;
    }
    BIO_free(file);
    /* Reading stops with a "no start line" error at the end of the file. */
    ERR_clear_error();
    if (loaded == 0) {
        error_set(error, "08001",
                  "certificate revocation list file \"%s\" holds no PEM X509 CRL", path);
        return -1;
    }
    (void)X509_STORE_set_flags(store, X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL);
    return 0;
}

/* An encrypted key that could not be opened, told by the first error
 * queued (OpenSSL 3's providers report "bad decrypt" when the passphrase
 * was missing or wrong; older code paths, PEM's and EVP's). */
static bool is_passphrase_error(unsigned long code)
{
    int library = ERR_GET_LIB(code);
    int reason = ERR_GET_REASON(code);
    return (library == ERR_LIB_PROV && reason == PROV_R_BAD_DECRYPT) ||
           (library == ERR_LIB_PEM &&
            (reason == PEM_R_BAD_DECRYPT || reason == PEM_R_BAD_PASSWORD_READ ||
             reason == PEM_R_PROBLEMS_GETTING_PASSWORD)) ||
           (library == ERR_LIB_EVP && reason == EVP_R_BAD_DECRYPT);
}

static int load_client_identity(SSL_CTX *context, const char *cert, const char *key,
                                bool has_passphrase, struct error *error)
{
    char reason[TLS_REASON_MAX];
    ERR_clear_error();
    if (SSL_CTX_use_certificate_chain_file(context, cert) != 1) {
        take_openssl_errors(reason, sizeof reason, "unreadable file");
        error_set(error, "08001", "could not load client certificate file \"%s\": %s", cert,
                  reason);
        return -1;
    }
    const char *key_path = (key != NULL && key[0] != '\0') ? key : cert;
    ERR_clear_error();
    if (SSL_CTX_use_PrivateKey_file(context, key_path, SSL_FILETYPE_PEM) != 1) {
        bool is_passphrase_refused = is_passphrase_error(ERR_peek_error());
        take_openssl_errors(reason, sizeof reason, "unreadable file");
        const char *hint = "";
        if (is_passphrase_refused)
            hint = has_passphrase ? " (SSLPassword is not the key's passphrase)"
                                  : " (the key is encrypted: give its passphrase in SSLPassword)";
        error_set(error, "08001",
                  "could not load private key file \"%s\" for client certificate \"%s\": "
                  "%s%s",
                  key_path, cert, reason, hint);
        return -1;
    }
    ERR_clear_error();
    if (SSL_CTX_check_private_key(context) != 1) {
        take_openssl_errors(reason, sizeof reason, "key does not match");
        error_set(error, "08001",
                  "private key file \"%s\" does not match client certificate \"%s\": %s",
                  key_path, cert, reason);
        return -1;
    }
    return 0;
}

static SSL_CTX *build_context(const struct net_tls_config *config, struct error *error)
{
    ERR_clear_error();
    SSL_CTX *context = SSL_CTX_new(TLS_client_method());
    if (context == NULL) {
        char reason[TLS_REASON_MAX];
        take_openssl_errors(reason, sizeof reason, "out of memory");
        error_set(error, "08001", "could not create a TLS context: %s", reason);
        return NULL;
    }
    int min_protocol = config->min_protocol != 0 ? config->min_protocol : TLS1_2_VERSION;
    if (SSL_CTX_set_min_proto_version(context, min_protocol) != 1 ||
        (config->max_protocol != 0 &&
         SSL_CTX_set_max_proto_version(context, config->max_protocol) != 1)) {
        ERR_clear_error();
        error_set(error, "08001",
                  "OpenSSL refused the TLS versions asked for (SSLMinProtocolVersion, "
                  "SSLMaxProtocolVersion)");
        SSL_CTX_free(context);
        return NULL;
    }
    SSL_CTX_set_default_passwd_cb(context, give_passphrase);
    SSL_CTX_set_default_passwd_cb_userdata(context, (void *)config->key_password);
    SSL_CTX_set_mode(context, SSL_MODE_ENABLE_PARTIAL_WRITE);
    if (config->verify_chain) {
        if (load_root_cert(context, config->root_cert, error) != 0 ||
            (config->crl != NULL && config->crl[0] != '\0' &&
             load_crl(context, config->crl, error) != 0)) {
            SSL_CTX_free(context);
            return NULL;
        }
        SSL_CTX_set_verify(context, SSL_VERIFY_PEER, NULL);
    } else {
        SSL_CTX_set_verify(context, SSL_VERIFY_NONE, NULL);
    }
    if (config->cert != NULL && config->cert[0] != '\0' &&
        load_client_identity(context, config->cert, config->key,
                             config->key_password != NULL &&
                                 secret_is_set(config->key_password),
                             error) != 0) {
        SSL_CTX_free(context);
        return NULL;
    }
    return context;
}

/* ---- Host-name verification -------------------------------------------- */

/* Collects names for the mismatch message: "a", "b", ... */
struct name_list {
    char text[ERROR_TEXT_MAX / 2];
    size_t count;
};

static void name_list_add(struct name_list *list, const char *name, size_t length)
{
    list->count++;
    if (list->count > TLS_NAMES_LISTED_MAX) {
        return;
    }
    size_t used = strlen(list->text);
    /* Names with an embedded NUL print up to it; they never match anyway. */
    const char *nul = memchr(name, '\0', length);
    if (nul != NULL) {
        length = (size_t)(nul - name);
    }
    int shown = length > 200 ? 200 : (int)length;
    (void)snprintf(list->text + used, sizeof list->text - used, "%s\"%.*s\"",
                   used > 0 ? ", " : "", shown, name);
}

static void name_list_add_ip(struct name_list *list, const unsigned char *address,
                             size_t length)
{
    char text[INET6_ADDRSTRLEN];
    int family = length == 4 ? AF_INET : (length == 16 ? AF_INET6 : 0);
    if (family == 0 || inet_ntop(family, address, text, sizeof text) == NULL) {
        name_list_add(list, "(malformed IP address)", 22);
        return;
    }
    name_list_add(list, text, strlen(text));
}

static bool common_name_matches(X509 *certificate, const char *host, struct name_list *names)
{
    X509_NAME *subject = X509_get_subject_name(certificate);
    bool matched = false;
    int index = -1;
    while (subject != NULL &&
           (index = X509_NAME_get_index_by_NID(subject, NID_commonName, index)) >= 0) {
        ASN1_STRING *data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, index));
        unsigned char *utf8 = NULL;
        int length = data != NULL ? ASN1_STRING_to_UTF8(&utf8, data) : -1;
        if (length < 0) {
            continue;
        }
        name_list_add(names, (const char *)utf8, (size_t)length);
        if (tls_verify_dns_name_matches((const char *)utf8, (size_t)length, host)) {
            matched = true;
        }
        OPENSSL_free(utf8);
    }
    return matched;
}

/* verify-full: DNS SANs when there are any, else the CN; IP SANs when the
 * host is an IP literal. */
static int check_host_name(X509 *certificate, const char *host, struct error *error)
{
    struct name_list names;
    memset(&names, 0, sizeof names);
    bool matched = false;
    bool has_dns_names = false;
    bool is_ip_host = tls_verify_host_is_ip_literal(host);
    GENERAL_NAMES *alternatives = X509_get_ext_d2i(certificate, NID_subject_alt_name, NULL, NULL);
    int count = alternatives != NULL ? sk_GENERAL_NAME_num(alternatives) : 0;
    for (int i = 0; i < count; i++) {
        const GENERAL_NAME *name = sk_GENERAL_NAME_value(alternatives, i);
        int type = 0;
        ASN1_STRING *value = GENERAL_NAME_get0_value(name, &type);
        if (value == NULL) {
            continue;
        }
        const unsigned char *bytes = ASN1_STRING_get0_data(value);
        int length = ASN1_STRING_length(value);
        if (bytes == NULL || length < 0) {
            continue;
        }
        if (type == GEN_DNS) {
            has_dns_names = true;
            name_list_add(&names, (const char *)bytes, (size_t)length);
            if (tls_verify_dns_name_matches((const char *)bytes, (size_t)length, host)) {
                matched = true;
            }
        } else if (type == GEN_IPADD) {
            name_list_add_ip(&names, bytes, (size_t)length);
            if (is_ip_host && tls_verify_ip_matches(bytes, (size_t)length, host)) {
                matched = true;
            }
        }
    }
    GENERAL_NAMES_free(alternatives);
    if (!matched && !has_dns_names && common_name_matches(certificate, host, &names)) {
        matched = true;
    }
    if (matched) {
        return 0;
    }
    if (names.count == 0) {
        error_set(error, "08001",
                  "server certificate has no name to match host name \"%s\" (sslmode "
                  "verify-full)",
                  host);
    } else if (names.count == 1) {
        error_set(error, "08001", "server certificate for %s does not match host name \"%s\"",
                  names.text, host);
    } else if (names.count <= TLS_NAMES_LISTED_MAX) {
        error_set(error, "08001",
                  "server certificate for %s (%zu names) does not match host name \"%s\"",
                  names.text, names.count, host);
    } else {
        error_set(error, "08001",
                  "server certificate for %s and %zu other names does not match host name "
                  "\"%s\"",
                  names.text, names.count - TLS_NAMES_LISTED_MAX, host);
    }
    return -1;
}

/* ---- Handshake -------------------------------------------------------------- */

static X509 *get_peer_certificate(SSL *session)
{
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
    return SSL_get1_peer_certificate(session);
#else
    return SSL_get_peer_certificate(session);
#endif
}

static int run_handshake(struct tls_stream *tls, const struct net_tls_config *config,
                         const struct deadline *deadline, struct error *error)
{
    int64_t started_ms = deadline_now_ms();
    for (;;) {
        ERR_clear_error();
        errno = 0;
        int result = SSL_connect(tls->session);
        if (result == 1) {
            return 0;
        }
        long verify_result = SSL_get_verify_result(tls->session);
        char reason[TLS_REASON_MAX];
        bool is_eof = false;
        int next = wait_for_tls(tls, result, deadline, &is_eof, reason, sizeof reason);
        if (next == 1) {
            continue;
        }
        if (next == 0) {
            error_set(error, "08001", "timed out after %lld ms in the TLS handshake with %s",
                      (long long)(deadline_now_ms() - started_ms), tls->base.peer);
        } else if (config->verify_chain && verify_result != X509_V_OK) {
            error_set(error, "08001",
                      "server certificate verification failed for %s: %s (sslmode %s)",
                      tls->base.peer, X509_verify_cert_error_string(verify_result),
                      config->verify_host_name ? "verify-full" : "verify-ca");
        } else if (is_eof) {
            error_set(error, "08001", "the server closed the connection during the TLS "
                      "handshake with %s", tls->base.peer);
        } else {
            error_set(error, "08001", "TLS handshake with %s failed: %s", tls->base.peer,
                      reason);
        }
        return -1;
    }
}

static int check_peer(struct tls_stream *tls, const struct net_tls_config *config,
                      struct error *error)
{
    if (!config->verify_chain && !config->verify_host_name) {
        return 0;
    }
    if (config->verify_chain) {
        long verify_result = SSL_get_verify_result(tls->session);
        if (verify_result != X509_V_OK) {
            error_set(error, "08001", "server certificate verification failed for %s: %s",
                      tls->base.peer, X509_verify_cert_error_string(verify_result));
            return -1;
        }
    }
    X509 *certificate = get_peer_certificate(tls->session);
    if (certificate == NULL) {
        error_set(error, "08001", "the server at %s sent no certificate", tls->base.peer);
        return -1;
    }
    int status = 0;
    if (config->verify_host_name) {
        if (config->host_name == NULL || config->host_name[0] == '\0') {
            error_set(error, "08001",
                      "sslmode verify-full needs a host name to check the certificate against");
            status = -1;
        } else {
            status = check_host_name(certificate, config->host_name, error);
        }
    }
    X509_free(certificate);
    return status;
}

int net_tls_start(struct net_stream *plain, const struct net_tls_config *config,
                  const struct deadline *deadline, struct net_stream **out,
                  struct error *error)
{
    if (plain == NULL || plain->fd < 0 || config == NULL) {
        error_set(error, "08001", "TLS needs an open descriptor-backed stream");
        net_stream_close(plain);
        return -1;
    }
    (void)pthread_once(&fd_bio_once, create_fd_bio_method);
    if (fd_bio_method == NULL) {
        error_set(error, "08001", "could not set up the TLS transport (out of memory)");
        net_stream_close(plain);
        return -1;
    }
    struct tls_stream *tls = alloc_zeroed(sizeof *tls);
    if (tls == NULL) {
        error_set(error, "HY001", "out of memory starting TLS");
        net_stream_close(plain);
        return -1;
    }
    tls->plain = plain;
    tls->base.ops = &tls_stream_ops;
    tls->base.fd = plain->fd;
    tls->base.is_tls = true;
    memcpy(tls->base.peer, plain->peer, sizeof tls->base.peer);

    tls->context = build_context(config, error);
    if (tls->context == NULL) {
        tls_stream_free(tls);
        return -1;
    }
    ERR_clear_error();
    tls->session = SSL_new(tls->context);
    BIO *bio = tls->session != NULL ? BIO_new(fd_bio_method) : NULL;
    if (bio == NULL) {
        char reason[TLS_REASON_MAX];
        take_openssl_errors(reason, sizeof reason, "out of memory");
        error_set(error, "08001", "could not create a TLS session: %s", reason);
        tls_stream_free(tls);
        return -1;
    }
    BIO_set_data(bio, plain);
    SSL_set_bio(tls->session, bio, bio);
    if (config->host_name != NULL && config->host_name[0] != '\0' &&
        !tls_verify_host_is_ip_literal(config->host_name)) {
        ERR_clear_error();
        /* The macro casts the name to void *; OpenSSL copies it. */
        if (SSL_set_tlsext_host_name(tls->session, config->host_name) != 1) {
            char reason[TLS_REASON_MAX];
            take_openssl_errors(reason, sizeof reason, "invalid name");
            error_set(error, "08001", "could not set TLS server name \"%s\": %s",
                      config->host_name, reason);
            tls_stream_free(tls);
            return -1;
        }
    }
    if (run_handshake(tls, config, deadline, error) != 0 || check_peer(tls, config, error) != 0) {
        tls_stream_close(&tls->base);
        return -1;
    }
    *out = &tls->base;
    return 0;
}

/* ---- Channel binding ---------------------------------------------------- */

int net_tls_peer_certificate_hash(struct net_stream *tls_stream, unsigned char *out,
                                  size_t out_capacity, size_t *out_length,
                                  struct error *error)
{
    if (tls_stream == NULL || tls_stream->ops != &tls_stream_ops) {
        error_set(error, "08S01", "channel binding needs a TLS connection");
        return -1;
    }
    struct tls_stream *tls = (struct tls_stream *)tls_stream;
    X509 *certificate = get_peer_certificate(tls->session);
    if (certificate == NULL) {
        error_set(error, "08S01", "the server at %s sent no certificate for channel binding",
                  tls_stream->peer);
        return -1;
    }
    int digest_nid = NID_undef;
    ERR_clear_error();
    if (X509_get_signature_info(certificate, &digest_nid, NULL, NULL, NULL) != 1) {
        ERR_clear_error();
        X509_free(certificate);
        error_set(error, "08S01",
                  "could not determine the signature algorithm of the server certificate");
        return -1;
    }
    /* RFC 5929 section 4.1: MD5 and SHA-1 are replaced by SHA-256. */
    const EVP_MD *digest = NULL;
    if (digest_nid == NID_md5 || digest_nid == NID_sha1) {
        digest = EVP_sha256();
    } else if (digest_nid != NID_undef) {
        digest = EVP_get_digestbynid(digest_nid);
    }
    if (digest == NULL) {
        X509_free(certificate);
        error_set(error, "08S01",
                  "the server certificate's signature algorithm has no digest usable for "
                  "channel binding");
        return -1;
    }
    unsigned char hash[EVP_MAX_MD_SIZE];
    unsigned int hash_length = 0;
    int status = X509_digest(certificate, digest, hash, &hash_length);
    X509_free(certificate);
    if (status != 1) {
        ERR_clear_error();
        error_set(error, "08S01", "could not hash the server certificate");
        return -1;
    }
    if (hash_length > out_capacity) {
        error_set(error, "08S01",
                  "certificate hash of %u bytes does not fit in %zu bytes", hash_length,
                  out_capacity);
        return -1;
    }
    memcpy(out, hash, hash_length);
    *out_length = hash_length;
    return 0;
}
