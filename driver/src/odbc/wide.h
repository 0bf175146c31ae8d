/* What the W entry points share (api_wide_dbc.c, api_wide_stmt.c,
 * api_wide_diag.c): the application's SQLWCHAR strings converted once to
 * the UTF-8 the narrow odbc_ functions take, and their UTF-8 answers
 * converted once to SQLWCHAR, with ODBC's truncation rules.
 * Owns: SQL_NTS for SQLWCHAR text, the 22018 for a lone surrogate, the
 * scratch buffer a narrow function writes into, and 01004 for what does
 * not fit the application's buffer. Leaves the conversions themselves to
 * util/utf16.h (its header says how surrogates and bad bytes are treated).
 *
 * Lengths: SQLWCHAR is UTF-16 as unixODBC defines it (unsigned short,
 * host order), so a W function's "characters" are SQLWCHAR units, a
 * surrogate pair being two. Whether a length argument counts characters
 * or bytes is each function's (the reference pages say; the shims follow
 * them and name the unit in the variable).
 *
 * An input the W layer cannot judge (a negative length other than SQL_NTS,
 * a NULL pointer) is passed to the narrow function unconverted in kind, so
 * that the narrow function's own checks answer (HY009, HY090): the W layer
 * never repeats them. */
#ifndef PGO_ODBC_WIDE_H
#define PGO_ODBC_WIDE_H

#include <stdbool.h>
#include <stddef.h>
#include <sql.h>
#include <sqlext.h>
#include <sqlucode.h>
#include "odbc/diag.h"
#include "util/compiler.h"

/* Scratch bytes kept inline for a narrow answer: names and most texts fit. */
#define ODBC_WIDE_INLINE_BYTES 512

/* One input string, converted. */
struct odbc_wide_in {
    char *text;         /* UTF-8, NUL-terminated (heap), or what to pass as is */
    SQLLEN length;      /* bytes, or SQL_NTS, or the application's bad length */
    bool is_converted;  /* text is ours to free */
};

/* Converts text of length_units SQLWCHARs (SQL_NTS: zero-terminated).
 * NULL text or a bad length leave the pair for the narrow function to
 * judge. false when the text holds a lone surrogate (22018 naming
 * argument_name and the character's position) or memory ran out (HY001),
 * posted on diags. *in needs odbc_wide_in_free either way. */
bool odbc_wide_in_convert(struct odbc_wide_in *in, const SQLWCHAR *text, SQLLEN length_units,
                          const char *argument_name, struct odbc_diag_list *diags)
    PGO_MUST_CHECK;
void odbc_wide_in_free(struct odbc_wide_in *in);

/* The converted length for a narrow SQLSMALLINT or SQLINTEGER length:
 * SQL_NTS when the byte count does not fit the type (the text is
 * NUL-terminated; it would only be cut short by a U+0000 in it, which no
 * name or SQL text carries). */
SQLSMALLINT odbc_wide_in_small_length(const struct odbc_wide_in *in);
SQLINTEGER odbc_wide_in_integer_length(const struct odbc_wide_in *in);
/* The text pointer for a narrow SQLCHAR argument. */
SQLCHAR *odbc_wide_in_chars(const struct odbc_wide_in *in);

/* A UTF-8 buffer a narrow function writes its answer into. */
struct odbc_wide_out {
    char *text;             /* inline_bytes or heap */
    size_t capacity_bytes;
    size_t passed_bytes;    /* the buffer length last given to the narrow call */
    bool has_grown;
    char inline_bytes[ODBC_WIDE_INLINE_BYTES];
};

/* Sizes the scratch for an answer the application gives room_units
 * SQLWCHARs for (each unit is at most 3 UTF-8 bytes, a pair 4), with
 * ODBC_WIDE_INLINE_BYTES at least. false (HY001 posted) when out of
 * memory; free either way. */
bool odbc_wide_out_init(struct odbc_wide_out *out, size_t room_units,
                        struct odbc_diag_list *diags) PGO_MUST_CHECK;
/* A fixed scratch of capacity_bytes (for calls that must not be repeated). */
bool odbc_wide_out_init_fixed(struct odbc_wide_out *out, size_t capacity_bytes,
                              struct odbc_diag_list *diags) PGO_MUST_CHECK;
void odbc_wide_out_free(struct odbc_wide_out *out);
/* The capacity as a narrow SQLSMALLINT or SQLINTEGER buffer length (at
 * most the type's maximum); remembered as what the narrow call was given,
 * which is what a truncated answer filled. */
SQLSMALLINT odbc_wide_out_small_capacity(struct odbc_wide_out *out);
SQLINTEGER odbc_wide_out_integer_capacity(struct odbc_wide_out *out);

/* After a narrow call that wrote into out and reported length_bytes: when
 * it succeeded but the text did not fit, grows out to hold it and returns
 * true, once; the caller then repeats the call. Only for calls that change
 * nothing when repeated (answers, descriptions). diags: the handle's list,
 * cleared before the repeat (the first call's records include the narrow
 * 01004 this scratch caused; the repeat posts the others again); NULL for
 * the diagnostic functions, which post nothing. */
bool odbc_wide_out_retry(struct odbc_wide_out *out, SQLRETURN result, size_t length_bytes,
                         struct odbc_diag_list *diags);

/* The UTF-8 answer in out, of length_bytes (clamped to what out holds). */
size_t odbc_wide_out_length(const struct odbc_wide_out *out, size_t length_bytes);

/* Writes UTF-8 text into an application buffer of capacity_units SQLWCHARs
 * (NULL buffer: nothing written), terminated when capacity_units > 0, cut
 * at a character boundary. *total_units: the whole text's length. true
 * when everything fitted (or buffer is NULL). */
bool odbc_wide_put(const char *text, size_t length_bytes, SQLWCHAR *buffer,
                   size_t capacity_units, size_t *total_units);

/* odbc_wide_put of a narrow function's answer held in out, posting 01004
 * on diags when it did not fit ("<what> was truncated ..."). Returns the
 * whole answer's length in SQLWCHARs. */
size_t odbc_wide_put_answer(const struct odbc_wide_out *out, size_t length_bytes,
                            SQLWCHAR *buffer, size_t capacity_units, const char *what,
                            struct odbc_diag_list *diags);

/* A connection string answer (SQLDriverConnect's completed string,
 * SQLBrowseConnect's browse result) is at most what a narrow SQLSMALLINT
 * buffer length describes. */
#define ODBC_WIDE_CONNECT_STRING_MAX_BYTES 32767

/* A narrow call that takes a connection string and may answer one:
 * in/in_length as SQLDriverConnect's, out/out_capacity/out_length in bytes. */
typedef SQLRETURN (*odbc_wide_connect_string_call)(void *context, SQLCHAR *in,
                                                   SQLSMALLINT in_length, SQLCHAR *out,
                                                   SQLSMALLINT out_capacity,
                                                   SQLSMALLINT *out_length);

/* The W form of such a call (SQLDriverConnectW, SQLBrowseConnectW):
 * converts in_string (in_length_units SQLWCHARs) once, runs call once
 * (connecting cannot be repeated, so the scratch holds any answer), and
 * converts the answer into out_string (out_buffer_units SQLWCHARs; 01004
 * when cut) with its whole length in *out_length_units. The answer is
 * kept on success, and on SQL_NEED_DATA when need_data_what names it
 * (the browse result); what names the completed string in a 01004. */
SQLRETURN odbc_wide_connect_string_exchange(odbc_wide_connect_string_call call, void *context,
                                            SQLWCHAR *in_string, SQLSMALLINT in_length_units,
                                            SQLWCHAR *out_string, SQLSMALLINT out_buffer_units,
                                            SQLSMALLINT *out_length_units,
                                            const char *need_data_what,
                                            struct odbc_diag_list *diags);

/* Bytes per SQLWCHAR, for the W functions whose lengths count bytes. */
#define ODBC_WIDE_BYTES_PER_UNIT ((size_t)sizeof(SQLWCHAR))

#endif
