/* Server statements kept for texts executed directly (StatementCache).
 * Owns: which SQLExecDirect texts (with their parameter types) already
 * have a named statement on the server, least recently used first out.
 * A repeated SQLExecDirect of the same text then sends Bind and Execute
 * only: the server neither parses nor analyses it again (measured: a
 * point select by key costs about half as much; see the README).
 * Entries are keyed by the text as sent and the parameter type OIDs; a
 * hit is confirmed by the server answering, and an entry whose exchange
 * failed is dropped (odbc_statement_cache_drop) so a statement that never
 * came to exist is not bound again. The statements live in the session:
 * the cache is emptied at disconnect.
 * An entry also remembers the type OIDs of its result columns, taken from
 * the first execution's RowDescription (odbc_statement_cache_set_result_types),
 * so later executions can ask for binary results where a decoder exists
 * without an extra round trip. A statement whose result type changes is
 * refused by the server (0A000) and its entry dropped, types and all.
 *
 * The cache also names every server statement of its connection
 * (odbc_statement_cache_name): "pgodbc_", twelve random characters drawn
 * when the connection opens (60 bits), "_", the id in hex. A pooler in transaction mode
 * (PgBouncer's pool_mode=transaction) lets many clients share one server
 * session; ids alone ("pgodbc_1" in every connection) would let one
 * client Bind another client's statement of the same name and read its
 * rows. With a per-connection part, a statement on the wrong session is
 * simply missing (26000), which the statement files turn into a reparse. */
#ifndef PGO_ODBC_DBC_STATEMENT_CACHE_H
#define PGO_ODBC_DBC_STATEMENT_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "util/compiler.h"

struct odbc_statement_cache_entry {
    uint64_t hash;
    char *sql;
    size_t sql_length;
    uint32_t *param_type_oids;
    size_t param_count;
    uint32_t statement_id;
    uint64_t last_used;
    uint32_t *result_type_oids;  /* one per result column; NULL when none */
    size_t result_column_count;
    bool has_result_types;       /* false until the first result is described */
};

/* "pgodbc_" and twelve random characters, NUL-terminated. */
#define ODBC_STATEMENT_PREFIX_CHARS 19
/* The longest name with its NUL: prefix, "_", eight hex digits. */
#define ODBC_STATEMENT_NAME_BYTES (ODBC_STATEMENT_PREFIX_CHARS + 1 + 8 + 1)

struct odbc_statement_cache {
    struct odbc_statement_cache_entry *entries;
    size_t count;
    size_t capacity;       /* the StatementCache keyword; 0: off */
    uint64_t clock;
    char name_prefix[ODBC_STATEMENT_PREFIX_CHARS + 1]; /* this connection's */
};

/* Empty, with capacity entries at most and a new random name prefix. */
void odbc_statement_cache_init(struct odbc_statement_cache *cache, size_t capacity);
/* Frees every entry (the server statements go with the session); the
 * capacity stays and the name prefix is drawn again. */
void odbc_statement_cache_reset(struct odbc_statement_cache *cache);
/* Frees every entry and keeps none from now on (capacity 0): after the
 * server lost a statement of this connection (a transaction pooler). */
void odbc_statement_cache_turn_off(struct odbc_statement_cache *cache);

/* The server name of statement_id: "pgodbc_<random>_<id in hex>". An empty
 * name when name_size is below ODBC_STATEMENT_NAME_BYTES and the name
 * does not fit (never a cut one). */
void odbc_statement_cache_name(const struct odbc_statement_cache *cache, uint32_t statement_id,
                               char *name, size_t name_size);
/* Whether text (a server message) names one of this connection's
 * statements. */
bool odbc_statement_cache_names_own(const struct odbc_statement_cache *cache, const char *text);

/* The server statement id for this text and these parameter types, or 0. */
uint32_t odbc_statement_cache_find(struct odbc_statement_cache *cache, const char *sql,
                                   size_t sql_length, const uint32_t *param_type_oids,
                                   size_t param_count);
/* Remembers statement_id for the text. When the cache is full, the least
 * recently used entry leaves and *evicted_id names its statement (the
 * caller Closes it); 0 otherwise. -1 when out of memory (nothing kept:
 * the statement is then used once and Closed by the caller). */
int odbc_statement_cache_add(struct odbc_statement_cache *cache, const char *sql,
                             size_t sql_length, const uint32_t *param_type_oids,
                             size_t param_count, uint32_t statement_id,
                             uint32_t *evicted_id) PGO_MUST_CHECK;
/* The result column types remembered for statement_id: true and the
 * borrowed array (valid until the entry changes or leaves) when known;
 * false when there is no entry or it has not been described yet. */
bool odbc_statement_cache_result_types(const struct odbc_statement_cache *cache,
                                       uint32_t statement_id, const uint32_t **type_oids,
                                       size_t *column_count);
/* Remembers the result column types of statement_id's entry (copied);
 * nothing happens when there is no entry or it already has them. -1 when
 * out of memory (the entry stays undescribed: results stay text). */
int odbc_statement_cache_set_result_types(struct odbc_statement_cache *cache,
                                          uint32_t statement_id, const uint32_t *type_oids,
                                          size_t column_count) PGO_MUST_CHECK;
/* Forgets the entry of statement_id, if any. True when there was one. */
bool odbc_statement_cache_drop(struct odbc_statement_cache *cache, uint32_t statement_id);

#endif
