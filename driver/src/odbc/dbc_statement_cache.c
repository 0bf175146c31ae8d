/* The connection's cache of server statements (see dbc_statement_cache.h).
 * A small array searched linearly: the hash and the length reject almost
 * every entry before a byte of text is compared, and the StatementCache
 * keyword caps its size (CONNSTR_STATEMENT_CACHE_MAX). */
#include "odbc/dbc_statement_cache.h"

#include <stdatomic.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "util/alloc.h"
#include "util/crypto.h"

/* FNV-1a over the text, then the parameter types. */
static uint64_t hash_key(const char *sql, size_t sql_length, const uint32_t *oids, size_t count)
{
    uint64_t hash = 14695981039346656037u;
    for (size_t i = 0; i < sql_length; i++) {
        hash ^= (unsigned char)sql[i];
        hash *= 1099511628211u;
    }
    for (size_t i = 0; i < count; i++) {
        hash ^= oids[i];
        hash *= 1099511628211u;
    }
    return hash;
}

/* Twelve characters of 32 (60 bits) per connection. Should the random
 * source fail, the time, the process, the cache's address and a counter,
 * mixed, still differ between connections. */
static void draw_name_prefix(char prefix[ODBC_STATEMENT_PREFIX_CHARS + 1])
{
    static const char alphabet[] = "0123456789abcdefghijklmnopqrstuv";
    static atomic_uint_fast64_t fallback_counter;
    static const char fixed[] = "pgodbc_";
    enum { FIXED_CHARS = sizeof fixed - 1, RANDOM_CHARS = ODBC_STATEMENT_PREFIX_CHARS - FIXED_CHARS };
    unsigned char bytes[RANDOM_CHARS];
    if (crypto_random_bytes(bytes, sizeof bytes) != 0) {
        struct timespec now = {0, 0};
        if (clock_gettime(CLOCK_REALTIME, &now) != 0) {
            /* the other inputs still differ */
        }
        uint64_t mixed = 14695981039346656037u;
        uint64_t inputs[] = {(uint64_t)now.tv_sec, (uint64_t)now.tv_nsec, (uint64_t)getpid(),
                             (uint64_t)(uintptr_t)prefix,
                             (uint64_t)atomic_fetch_add(&fallback_counter, 1)};
        for (size_t i = 0; i < sizeof bytes; i++) {
            for (size_t k = 0; k < sizeof inputs / sizeof inputs[0]; k++) {
                mixed ^= inputs[k] >> (i % 8);
                mixed *= 1099511628211u;
            }
            bytes[i] = (unsigned char)(mixed >> 29);
        }
    }
    memcpy(prefix, fixed, FIXED_CHARS);
    for (size_t i = 0; i < sizeof bytes; i++)
        prefix[FIXED_CHARS + i] = alphabet[bytes[i] % 32];
    prefix[ODBC_STATEMENT_PREFIX_CHARS] = '\0';
}

void odbc_statement_cache_init(struct odbc_statement_cache *cache, size_t capacity)
{
    memset(cache, 0, sizeof *cache);
    cache->capacity = capacity;
    draw_name_prefix(cache->name_prefix);
}

void odbc_statement_cache_name(const struct odbc_statement_cache *cache, uint32_t statement_id,
                               char *name, size_t name_size)
{
    /* By hand rather than snprintf: a cached statement names itself on
     * every execution, and this is a tenth of a round trip's work there. */
    static const char hex[] = "0123456789abcdef";
    char digits[8];
    size_t digit_count = 0;
    do {
        digits[digit_count++] = hex[statement_id & 15u];
        statement_id >>= 4;
    } while (statement_id != 0);
    if (name_size < ODBC_STATEMENT_PREFIX_CHARS + 1 + digit_count + 1) {
        if (name_size > 0)
            name[0] = '\0';
        return;
    }
    memcpy(name, cache->name_prefix, ODBC_STATEMENT_PREFIX_CHARS);
    size_t position = ODBC_STATEMENT_PREFIX_CHARS;
    name[position++] = '_';
    while (digit_count > 0)
        name[position++] = digits[--digit_count];
    name[position] = '\0';
}

bool odbc_statement_cache_names_own(const struct odbc_statement_cache *cache, const char *text)
{
    return text != NULL && cache->name_prefix[0] != '\0' &&
           strstr(text, cache->name_prefix) != NULL;
}

static void free_entry(struct odbc_statement_cache_entry *entry)
{
    alloc_free(entry->sql);
    alloc_free(entry->param_type_oids);
    alloc_free(entry->result_type_oids);
    memset(entry, 0, sizeof *entry);
}

void odbc_statement_cache_reset(struct odbc_statement_cache *cache)
{
    for (size_t i = 0; i < cache->count; i++)
        free_entry(&cache->entries[i]);
    alloc_free(cache->entries);
    size_t capacity = cache->capacity;
    odbc_statement_cache_init(cache, capacity);
}

void odbc_statement_cache_turn_off(struct odbc_statement_cache *cache)
{
    char prefix[sizeof cache->name_prefix];
    memcpy(prefix, cache->name_prefix, sizeof prefix);
    odbc_statement_cache_reset(cache);
    cache->capacity = 0;
    memcpy(cache->name_prefix, prefix, sizeof prefix); /* the names stay this connection's */
}

static bool matches(const struct odbc_statement_cache_entry *entry, uint64_t hash,
                    const char *sql, size_t sql_length, const uint32_t *oids, size_t count)
{
    return entry->hash == hash && entry->sql_length == sql_length &&
           entry->param_count == count && memcmp(entry->sql, sql, sql_length) == 0 &&
           (count == 0 || memcmp(entry->param_type_oids, oids, count * sizeof *oids) == 0);
}

uint32_t odbc_statement_cache_find(struct odbc_statement_cache *cache, const char *sql,
                                   size_t sql_length, const uint32_t *param_type_oids,
                                   size_t param_count)
{
    if (cache->capacity == 0 || cache->count == 0)
        return 0;
    uint64_t hash = hash_key(sql, sql_length, param_type_oids, param_count);
    for (size_t i = 0; i < cache->count; i++) {
        struct odbc_statement_cache_entry *entry = &cache->entries[i];
        if (matches(entry, hash, sql, sql_length, param_type_oids, param_count)) {
            entry->last_used = ++cache->clock;
            return entry->statement_id;
        }
    }
    return 0;
}

int odbc_statement_cache_add(struct odbc_statement_cache *cache, const char *sql,
                             size_t sql_length, const uint32_t *param_type_oids,
                             size_t param_count, uint32_t statement_id, uint32_t *evicted_id)
{
    *evicted_id = 0;
    if (cache->capacity == 0)
        return -1;
    if (cache->entries == NULL) {
        cache->entries = alloc_array(cache->capacity, sizeof *cache->entries);
        if (cache->entries == NULL)
            return -1;
    }
    struct odbc_statement_cache_entry fresh = {0};
    fresh.sql = alloc_strndup(sql, sql_length);
    if (param_count > 0) {
        fresh.param_type_oids = alloc_array(param_count, sizeof *fresh.param_type_oids);
        if (fresh.param_type_oids != NULL)
            memcpy(fresh.param_type_oids, param_type_oids,
                   param_count * sizeof *fresh.param_type_oids);
    }
    if (fresh.sql == NULL || (param_count > 0 && fresh.param_type_oids == NULL)) {
        free_entry(&fresh);
        return -1;
    }
    fresh.hash = hash_key(sql, sql_length, param_type_oids, param_count);
    fresh.sql_length = sql_length;
    fresh.param_count = param_count;
    fresh.statement_id = statement_id;
    fresh.last_used = ++cache->clock;
    size_t slot = cache->count;
    if (cache->count == cache->capacity) {
        slot = 0;
        for (size_t i = 1; i < cache->count; i++) {
            if (cache->entries[i].last_used < cache->entries[slot].last_used)
                slot = i;
        }
        *evicted_id = cache->entries[slot].statement_id;
        free_entry(&cache->entries[slot]);
    } else {
        cache->count++;
    }
    cache->entries[slot] = fresh;
    return 0;
}

static struct odbc_statement_cache_entry *entry_of(const struct odbc_statement_cache *cache,
                                                    uint32_t statement_id)
{
    for (size_t i = 0; i < cache->count; i++) {
        if (cache->entries[i].statement_id == statement_id)
            return &cache->entries[i];
    }
    return NULL;
}

bool odbc_statement_cache_result_types(const struct odbc_statement_cache *cache,
                                       uint32_t statement_id, const uint32_t **type_oids,
                                       size_t *column_count)
{
    const struct odbc_statement_cache_entry *entry = entry_of(cache, statement_id);
    if (entry == NULL || !entry->has_result_types)
        return false;
    *type_oids = entry->result_type_oids;
    *column_count = entry->result_column_count;
    return true;
}

int odbc_statement_cache_set_result_types(struct odbc_statement_cache *cache,
                                          uint32_t statement_id, const uint32_t *type_oids,
                                          size_t column_count)
{
    struct odbc_statement_cache_entry *entry = entry_of(cache, statement_id);
    if (entry == NULL || entry->has_result_types)
        return 0;
    uint32_t *copy = NULL;
    if (column_count > 0) {
        copy = alloc_array(column_count, sizeof *copy);
        if (copy == NULL)
            return -1;
        memcpy(copy, type_oids, column_count * sizeof *copy);
    }
    entry->result_type_oids = copy;
    entry->result_column_count = column_count;
    entry->has_result_types = true;
    return 0;
}

bool odbc_statement_cache_drop(struct odbc_statement_cache *cache, uint32_t statement_id)
{
    for (size_t i = 0; i < cache->count; i++) {
        if (cache->entries[i].statement_id == statement_id) {
            free_entry(&cache->entries[i]);
            cache->entries[i] = cache->entries[cache->count - 1];
            memset(&cache->entries[cache->count - 1], 0, sizeof cache->entries[0]);
            cache->count--;
            return true;
        }
    }
    return false;
}
