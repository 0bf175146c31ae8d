/* Authentication dispatch and policy.
 * Owns: deciding, before anything is sent, whether a request from the
 * server is acceptable (known method, password given, well-formed body, in
 * order, and allowed by RequireAuth and ChannelBinding), choosing the SASL
 * mechanism (SCRAM-SHA-256-PLUS whenever TLS is up and the server offers
 * it, unless ChannelBinding=disable), and refusing AuthenticationOk while a
 * SCRAM exchange is unverified, or when the policy wanted more than the
 * server did (a login without authentication, or without channel
 * binding). Leaves the mechanisms to auth_md5.c and auth_scram.c, the I/O
 * to frame.c and conn.c.
 * Protocol: "Start-up" (protocol-flow.html) and "SASL Authentication"
 * (sasl-authentication.html), PostgreSQL 15; STYLE.md, "Wire input is
 * hostile", point 8. Password messages are wiped after sending. */
#include "wire/auth.h"

#include <stdio.h>
#include <string.h>
#include "net/tls.h"
#include "util/reader.h"
#include "util/secret.h"
#include "wire/conn_internal.h"
#include "wire/frame.h"
#include "wire/messages.h"

void wire_auth_init(struct wire_auth *auth)
{
    memset(auth, 0, sizeof *auth);
}

void wire_auth_reset(struct wire_auth *auth)
{
    wire_scram_reset(&auth->scram);
    auth->has_answered = false;
    auth->is_sasl_started = false;
}

static const char *method_name(int32_t code)
{
    switch (code) {
    case WIRE_AUTH_KERBEROS_V5: return "Kerberos V5";
    case WIRE_AUTH_CLEARTEXT_PASSWORD: return "cleartext password";
    case WIRE_AUTH_MD5_PASSWORD: return "MD5 password";
    case WIRE_AUTH_SCM_CREDENTIAL: return "SCM credential";
    case WIRE_AUTH_GSS: return "GSSAPI";
    case WIRE_AUTH_GSS_CONTINUE: return "GSSAPI";
    case WIRE_AUTH_SSPI: return "SSPI";
    case WIRE_AUTH_SASL: return "SASL (SCRAM-SHA-256)";
    default: return "an unknown";
    }
}

/* RequireAuth and ChannelBinding=require, applied to a request before
 * anything is sent: a refused method never sees the password, whatever
 * form the server asks it in. SCRAM's channel binding is checked once the
 * mechanisms are known (choose_mechanism). */
static int check_policy(const struct wire_conn *conn, enum params_auth_method method,
                        int32_t code, struct error *error)
{
    if ((conn->params->allowed_auth & method) == 0) {
        error_set(error, WIRE_SQLSTATE_CONNECT_FAILED,
                  "the server asked for %s authentication, which RequireAuth does not allow; "
                  "nothing was sent",
                  method_name(code));
        return -1;
    }
    if (conn->params->channel_binding == PARAMS_CHANNEL_BINDING_REQUIRE &&
        method != PARAMS_AUTH_SCRAM) {
        error_set(error, WIRE_SQLSTATE_CONNECT_FAILED,
                  "the server asked for %s authentication, but ChannelBinding=require accepts "
                  "only SCRAM-SHA-256-PLUS; nothing was sent",
                  method_name(code));
        return -1;
    }
    return 0;
}

/* AuthenticationOk: a server that logged us in without asking anything
 * (trust) did not authenticate itself either. */
static int check_ok_allowed(const struct wire_conn *conn, const struct wire_auth *auth,
                            struct error *error)
{
    if (!auth->has_answered && (conn->params->allowed_auth & PARAMS_AUTH_NONE) == 0) {
        error_set(error, WIRE_SQLSTATE_CONNECT_FAILED,
                  "the server accepted the login without authentication, which RequireAuth "
                  "does not allow");
        return -1;
    }
    if (conn->params->channel_binding == PARAMS_CHANNEL_BINDING_REQUIRE &&
        (!auth->is_sasl_started ||
         auth->scram.binding != WIRE_SCRAM_BINDING_TLS_SERVER_END_POINT)) {
        error_set(error, WIRE_SQLSTATE_CONNECT_FAILED,
                  "the server accepted the login without channel binding, which "
                  "ChannelBinding=require does not allow");
        return -1;
    }
    return 0;
}

/* The password, or an 08001 error naming the method. */
static int require_password(const struct wire_conn *conn, int32_t code, const char **password,
                            size_t *password_length, struct error *error)
{
    if (!secret_is_set(&conn->params->password)) {
        error_set(error, WIRE_SQLSTATE_CONNECT_FAILED,
                  "the server asked for %s authentication, but PWD was not given",
                  method_name(code));
        return -1;
    }
    *password = secret_reveal(&conn->params->password, password_length);
    return 0;
}

static int refuse_second_answer(struct wire_conn *conn, const struct wire_auth *auth,
                                int32_t code, struct error *error)
{
    if (auth->has_answered || auth->is_sasl_started) {
        wire_conn_fail_protocol(conn, error,
                                "the server asked for %s authentication after authentication "
                                "had already been answered",
                                method_name(code));
        return -1;
    }
    return 0;
}

static int send_password_message(struct wire_conn *conn, const char *text, size_t length,
                                 struct error *error)
{
    size_t length_offset = 0;
    if (wire_message_begin(&conn->out, WIRE_MSG_PASSWORD, &length_offset) != 0 ||
        buf_append_text0(&conn->out, text, length) != 0 ||
        wire_message_end(&conn->out, length_offset) != 0) {
        buf_wipe(&conn->out);
        error_set(error, WIRE_SQLSTATE_CONNECT_FAILED,
                  "the password cannot be sent: it contains a NUL character, or memory ran out");
        return -1;
    }
    return wire_conn_flush(conn, true, error);
}

static int answer_cleartext(struct wire_conn *conn, struct wire_auth *auth, struct error *error)
{
    const char *password = NULL;
    size_t password_length = 0;
    if (require_password(conn, WIRE_AUTH_CLEARTEXT_PASSWORD, &password, &password_length,
                         error) != 0) {
        return -1;
    }
    auth->has_answered = true;
    return send_password_message(conn, password, password_length, error);
}

static int answer_md5(struct wire_conn *conn, struct wire_auth *auth,
                      const unsigned char salt[WIRE_MD5_SALT_BYTES], struct error *error)
{
    const char *password = NULL;
    size_t password_length = 0;
    if (require_password(conn, WIRE_AUTH_MD5_PASSWORD, &password, &password_length, error) !=
        0) {
        return -1;
    }
    const char *user = conn->params->user != NULL ? conn->params->user : "";
    char hashed[WIRE_MD5_PASSWORD_CHARS + 1];
    if (wire_md5_build_password(user, strlen(user), password, password_length, salt, hashed) !=
        0) {
        error_set(error, WIRE_SQLSTATE_CONNECT_FAILED, "could not compute the MD5 password");
        return -1;
    }
    auth->has_answered = true;
    int result = send_password_message(conn, hashed, WIRE_MD5_PASSWORD_CHARS, error);
    secret_wipe_memory(hashed, sizeof hashed);
    return result;
}

/* Reads the mechanism list (strings ended by an empty one) and picks one. */
static int choose_mechanism(struct wire_conn *conn, struct reader *reader,
                            enum wire_scram_binding *binding, struct error *error)
{
    bool has_scram = false;
    bool has_plus = false;
    char offered[512];
    size_t offered_used = 0;
    offered[0] = '\0';
    for (;;) {
        const char *name = NULL;
        size_t name_length = 0;
        if (!reader_take_cstr(reader, &name, &name_length)) {
            wire_conn_fail_protocol(conn, error,
                                    "the server sent a malformed list of SASL mechanisms");
            return -1;
        }
        if (name_length == 0) {
            break;
        }
        if (strcmp(name, WIRE_SCRAM_MECHANISM) == 0) {
            has_scram = true;
        } else if (strcmp(name, WIRE_SCRAM_PLUS_MECHANISM) == 0) {
            has_plus = true;
        }
        /* Unknown names are ignored, but remembered for the error below. */
        int written = snprintf(offered + offered_used, sizeof offered - offered_used, "%s%.*s",
                               offered_used > 0 ? ", " : "",
                               (int)(name_length > 64 ? 64 : name_length), name);
        if (written > 0 && (size_t)written < sizeof offered - offered_used) {
            offered_used += (size_t)written;
        }
    }
    if (!reader_expect_end(reader)) {
        wire_conn_fail_protocol(conn, error,
                                "the server sent bytes after its list of SASL mechanisms");
        return -1;
    }
    enum params_channel_binding policy = conn->params->channel_binding;
    if (policy == PARAMS_CHANNEL_BINDING_REQUIRE && !(conn->has_tls && has_plus)) {
        error_set(error, WIRE_SQLSTATE_CONNECT_FAILED,
                  "ChannelBinding=require, but %s (offered: %s); nothing was sent",
                  conn->has_tls ? "the server did not offer SCRAM-SHA-256-PLUS"
                                : "the connection does not use TLS",
                  offered_used > 0 ? offered : "none");
        return -1;
    }
    if (conn->has_tls && has_plus && policy != PARAMS_CHANNEL_BINDING_DISABLE) {
        *binding = WIRE_SCRAM_BINDING_TLS_SERVER_END_POINT;
    } else if (has_scram && policy == PARAMS_CHANNEL_BINDING_DISABLE) {
        /* gs2 flag 'n': the client does not bind, by choice. */
        *binding = WIRE_SCRAM_BINDING_NOT_SUPPORTED;
    } else if (has_scram) {
        *binding = conn->has_tls ? WIRE_SCRAM_BINDING_NOT_OFFERED
                                 : WIRE_SCRAM_BINDING_NOT_SUPPORTED;
    } else {
        error_set(error, WIRE_SQLSTATE_CONNECT_FAILED,
                  "the server offered no SASL mechanism pgodbc supports (offered: %s; "
                  "supported: SCRAM-SHA-256, and SCRAM-SHA-256-PLUS over TLS unless "
                  "ChannelBinding=disable)",
                  offered_used > 0 ? offered : "none");
        return -1;
    }
    return 0;
}

static int answer_sasl(struct wire_conn *conn, struct wire_auth *auth, struct reader *reader,
                       struct error *error)
{
    enum wire_scram_binding binding = WIRE_SCRAM_BINDING_NOT_SUPPORTED;
    if (choose_mechanism(conn, reader, &binding, error) != 0) {
        return -1;
    }
    const char *password = NULL;
    size_t password_length = 0;
    if (require_password(conn, WIRE_AUTH_SASL, &password, &password_length, error) != 0) {
        return -1;
    }
    unsigned char hash[WIRE_CHANNEL_BINDING_MAX_BYTES];
    size_t hash_length = 0;
    if (binding == WIRE_SCRAM_BINDING_TLS_SERVER_END_POINT &&
        net_tls_peer_certificate_hash(conn->stream, hash, sizeof hash, &hash_length, error) !=
            0) {
        return -1;
    }
    auth->is_sasl_started = true;
    auth->has_answered = true;
    if (wire_scram_start(&auth->scram, password, password_length, binding, hash, hash_length,
                         auth->test_nonce, error) != 0) {
        return -1;
    }
    /* SASLInitialResponse: mechanism, Int32 length, client-first-message. */
    size_t length_offset = 0;
    size_t data_length_offset = 0;
    int failed = wire_message_begin(&conn->out, WIRE_MSG_PASSWORD, &length_offset);
    failed |= buf_append_cstr(&conn->out, wire_scram_mechanism_name(binding));
    data_length_offset = conn->out.length;
    failed |= buf_append_u32(&conn->out, 0);
    if (failed != 0) {
        buf_clear(&conn->out);
        error_set(error, WIRE_SQLSTATE_NO_MEMORY, "out of memory building a SASL message");
        return -1;
    }
    size_t data_start = conn->out.length;
    if (wire_scram_client_first(&auth->scram, "", &conn->out, error) != 0) {
        buf_clear(&conn->out);
        return -1;
    }
    if (buf_put_u32_at(&conn->out, data_length_offset,
                       (uint32_t)(conn->out.length - data_start)) != 0 ||
        wire_message_end(&conn->out, length_offset) != 0) {
        buf_clear(&conn->out);
        error_set(error, WIRE_SQLSTATE_NO_MEMORY, "out of memory building a SASL message");
        return -1;
    }
    return wire_conn_flush(conn, true, error);
}

static int answer_sasl_continue(struct wire_conn *conn, struct wire_auth *auth,
                                struct reader *reader, struct error *error)
{
    if (!auth->is_sasl_started || auth->scram.step != WIRE_SCRAM_STEP_SENT_FIRST) {
        wire_conn_fail_protocol(conn, error,
                                "the server sent SASLContinue without a SASL exchange at its "
                                "first step");
        return -1;
    }
    const unsigned char *data = NULL;
    size_t data_length = reader_remaining(reader);
    if (!reader_take_bytes(reader, data_length, &data) || !reader_expect_end(reader)) {
        wire_conn_fail_protocol(conn, error, "the server sent a malformed SASLContinue");
        return -1;
    }
    size_t length_offset = 0;
    if (wire_message_begin(&conn->out, WIRE_MSG_PASSWORD, &length_offset) != 0) {
        buf_clear(&conn->out);
        error_set(error, WIRE_SQLSTATE_NO_MEMORY, "out of memory building a SASL message");
        return -1;
    }
    if (wire_scram_client_final(&auth->scram, data, data_length, &conn->out, error) != 0) {
        buf_wipe(&conn->out);
        if (strcmp(error->sqlstate, WIRE_SQLSTATE_PROTOCOL_VIOLATION) == 0) {
            wire_conn_mark_broken(conn, error);
        }
        return -1;
    }
    if (wire_message_end(&conn->out, length_offset) != 0) {
        buf_wipe(&conn->out);
        error_set(error, WIRE_SQLSTATE_NO_MEMORY, "out of memory building a SASL message");
        return -1;
    }
    return wire_conn_flush(conn, true, error);
}

static int check_sasl_final(struct wire_conn *conn, struct wire_auth *auth,
                            struct reader *reader, struct error *error)
{
    if (!auth->is_sasl_started || auth->scram.step != WIRE_SCRAM_STEP_SENT_FINAL) {
        wire_conn_fail_protocol(conn, error,
                                "the server sent SASLFinal without a SASL exchange at its "
                                "final step");
        return -1;
    }
    const unsigned char *data = NULL;
    size_t data_length = reader_remaining(reader);
    if (!reader_take_bytes(reader, data_length, &data) || !reader_expect_end(reader)) {
        wire_conn_fail_protocol(conn, error, "the server sent a malformed SASLFinal");
        return -1;
    }
    if (wire_scram_verify_server_final(&auth->scram, data, data_length, error) != 0) {
        if (strcmp(error->sqlstate, WIRE_SQLSTATE_PROTOCOL_VIOLATION) == 0) {
            wire_conn_mark_broken(conn, error);
        }
        return -1;
    }
    return 0;
}

int wire_auth_handle(struct wire_conn *conn, struct wire_auth *auth, const unsigned char *body,
                     size_t length_bytes, bool *is_ok, struct error *error)
{
    struct reader reader;
    reader_init(&reader, body, length_bytes);
    int32_t code = 0;
    if (!reader_take_i32(&reader, &code)) {
        wire_conn_fail_protocol(conn, error,
                                "the server sent an Authentication message without its code");
        return -1;
    }
    switch (code) {
    case WIRE_AUTH_OK:
        if (!reader_expect_end(&reader)) {
            wire_conn_fail_protocol(conn, error, "the server sent a malformed AuthenticationOk");
            return -1;
        }
        if (auth->is_sasl_started && !wire_scram_is_verified(&auth->scram)) {
            wire_conn_fail_protocol(conn, error,
                                    "the server sent AuthenticationOk before completing the "
                                    "SCRAM exchange: it did not prove that it knows the "
                                    "password");
            return -1;
        }
        if (check_ok_allowed(conn, auth, error) != 0) {
            return -1;
        }
        *is_ok = true;
        return 0;
    case WIRE_AUTH_CLEARTEXT_PASSWORD:
        if (!reader_expect_end(&reader)) {
            wire_conn_fail_protocol(conn, error,
                                    "the server sent a malformed cleartext password request");
            return -1;
        }
        if (refuse_second_answer(conn, auth, code, error) != 0 ||
            check_policy(conn, PARAMS_AUTH_PASSWORD, code, error) != 0) {
            return -1;
        }
        return answer_cleartext(conn, auth, error);
    case WIRE_AUTH_MD5_PASSWORD: {
        const unsigned char *salt = NULL;
        if (!reader_take_bytes(&reader, WIRE_MD5_SALT_BYTES, &salt) ||
            !reader_expect_end(&reader)) {
            wire_conn_fail_protocol(conn, error,
                                    "the server sent an MD5 password request whose salt is "
                                    "not exactly %u bytes",
                                    WIRE_MD5_SALT_BYTES);
            return -1;
        }
        if (refuse_second_answer(conn, auth, code, error) != 0 ||
            check_policy(conn, PARAMS_AUTH_MD5, code, error) != 0) {
            return -1;
        }
        return answer_md5(conn, auth, salt, error);
    }
    case WIRE_AUTH_SASL:
        if (refuse_second_answer(conn, auth, code, error) != 0 ||
            check_policy(conn, PARAMS_AUTH_SCRAM, code, error) != 0) {
            return -1;
        }
        return answer_sasl(conn, auth, &reader, error);
    case WIRE_AUTH_SASL_CONTINUE:
        return answer_sasl_continue(conn, auth, &reader, error);
    case WIRE_AUTH_SASL_FINAL:
        return check_sasl_final(conn, auth, &reader, error);
    case WIRE_AUTH_KERBEROS_V5:
    case WIRE_AUTH_SCM_CREDENTIAL:
    case WIRE_AUTH_GSS:
    case WIRE_AUTH_GSS_CONTINUE:
    case WIRE_AUTH_SSPI:
        error_set(error, WIRE_SQLSTATE_CONNECT_FAILED,
                  "the server asked for %s authentication, which pgodbc does not support "
                  "(supported: trust, password, md5, scram-sha-256)",
                  method_name(code));
        return -1;
    default:
        error_set(error, WIRE_SQLSTATE_CONNECT_FAILED,
                  "the server asked for an authentication method pgodbc does not know "
                  "(request code %d)",
                  (int)code);
        return -1;
    }
}
