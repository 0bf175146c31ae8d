/* Value parsers for connection keywords: port, bool, seconds, SSL mode,
 * replication, descriptor, host, source address and startup parameters.
 * Owns: turning one keyword's text into a typed value, exactly (the whole
 * text, within its range). Leaves storing into struct connect_params and
 * the message naming the keyword to keywords.c.
 * Values: ../shared/KEYWORDS.md. */
#include "connstr/values.h"

#include <limits.h>
#include <string.h>

#include "connstr/limits.h"
#include "util/alloc.h"
#include "util/parse.h"

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

bool connstr_value_parse_port(const char *text, size_t length, uint16_t *out)
{
    uint64_t port;
    if (!parse_uint(text, length, 65535, &port) || port == 0) {
        return false;
    }
    *out = (uint16_t)port;
    return true;
}

bool connstr_value_next_list_item(const char *text, size_t length, size_t *offset,
                                  const char **item, size_t *item_length)
{
    if (*offset > length) {
        return false;
    }
    size_t start = *offset;
    size_t end = start;
    while (end < length && text[end] != ',') {
        end++;
    }
    *item = text + start;
    *item_length = end - start;
    *offset = end + 1; /* past the comma, or past the end after the last item */
    return true;
}

bool connstr_value_parse_target_session(const char *text, size_t length,
                                        enum params_target_session *out)
{
    static const enum params_target_session targets[] = {
        PARAMS_TARGET_ANY,     PARAMS_TARGET_READ_WRITE, PARAMS_TARGET_READ_ONLY,
        PARAMS_TARGET_PRIMARY, PARAMS_TARGET_STANDBY,    PARAMS_TARGET_PREFER_STANDBY};
    for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++) {
        if (parse_equals_ignore_case(text, length, params_target_session_name(targets[i]))) {
            *out = targets[i];
            return true;
        }
    }
    return false;
}

bool connstr_value_parse_load_balance(const char *text, size_t length,
                                      enum params_load_balance *out)
{
    if (parse_equals_ignore_case(text, length, "disable")) {
        *out = PARAMS_LOAD_BALANCE_DISABLE;
        return true;
    }
    if (parse_equals_ignore_case(text, length, "random")) {
        *out = PARAMS_LOAD_BALANCE_RANDOM;
        return true;
    }
    return false;
}

bool connstr_value_parse_tls_protocol(const char *text, size_t length, uint16_t *out)
{
    for (uint16_t protocol = 0x0301; protocol <= 0x0304; protocol++) {
        if (parse_equals_ignore_case(text, length, params_tls_protocol_name(protocol))) {
            *out = protocol;
            return true;
        }
    }
    return false;
}

bool connstr_value_parse_channel_binding(const char *text, size_t length,
                                         enum params_channel_binding *out)
{
    static const enum params_channel_binding bindings[] = {
        PARAMS_CHANNEL_BINDING_DISABLE, PARAMS_CHANNEL_BINDING_PREFER,
        PARAMS_CHANNEL_BINDING_REQUIRE};
    for (size_t i = 0; i < sizeof bindings / sizeof bindings[0]; i++) {
        if (parse_equals_ignore_case(text, length, params_channel_binding_name(bindings[i]))) {
            *out = bindings[i];
            return true;
        }
    }
    return false;
}

static bool find_auth_method(const char *name, size_t length, unsigned *bit)
{
    for (unsigned candidate = PARAMS_AUTH_NONE; candidate <= PARAMS_AUTH_SSPI;
         candidate <<= 1) {
        if (parse_equals_ignore_case(name, length,
                                     params_auth_method_name((enum params_auth_method)candidate))) {
            *bit = candidate;
            return true;
        }
    }
    return false;
}

bool connstr_value_parse_require_auth(const char *text, size_t length, unsigned *allowed)
{
    unsigned named = 0;
    int negated = -1; /* unknown until the first item */
    size_t offset = 0;
    const char *item;
    size_t item_length;
    while (connstr_value_next_list_item(text, length, &offset, &item, &item_length)) {
        while (item_length > 0 && is_space(item[0])) {
            item++;
            item_length--;
        }
        while (item_length > 0 && is_space(item[item_length - 1])) {
            item_length--;
        }
        bool is_negated = item_length > 0 && item[0] == '!';
        if (is_negated) {
            item++;
            item_length--;
        }
        /* libpq refuses a list that both allows and refuses: the meaning
         * of "md5,!password" would be a guess. */
        if (negated != -1 && negated != (int)is_negated) {
            return false;
        }
        negated = is_negated;
        unsigned bit = 0;
        if (!find_auth_method(item, item_length, &bit) || (named & bit) != 0) {
            return false;
        }
        named |= bit;
    }
    *allowed = negated == 1 ? PARAMS_AUTH_ALL & ~named : named;
    return true;
}

bool connstr_value_parse_bool(const char *text, size_t length, bool *out)
{
    static const char *const true_words[] = {"1", "yes", "true", "on"};
    static const char *const false_words[] = {"0", "no", "false", "off"};
    for (size_t i = 0; i < sizeof true_words / sizeof true_words[0]; i++) {
        if (parse_equals_ignore_case(text, length, true_words[i])) {
            *out = true;
            return true;
        }
        if (parse_equals_ignore_case(text, length, false_words[i])) {
            *out = false;
            return true;
        }
    }
    return false;
}

bool connstr_value_parse_timeout(const char *text, size_t length, bool *has_timeout,
                                 int64_t *timeout_ms)
{
    int64_t milliseconds;
    if (!parse_seconds_to_ms(text, length, CONNSTR_TIMEOUT_MAX_MS, &milliseconds)) {
        return false;
    }
    *has_timeout = milliseconds > 0;
    *timeout_ms = milliseconds;
    return true;
}

bool connstr_value_parse_ssl_mode(const char *text, size_t length, enum params_ssl_mode *out)
{
    static const enum params_ssl_mode modes[] = {
        PARAMS_SSL_DISABLE, PARAMS_SSL_ALLOW,     PARAMS_SSL_PREFER,
        PARAMS_SSL_REQUIRE, PARAMS_SSL_VERIFY_CA, PARAMS_SSL_VERIFY_FULL,
    };
    for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++) {
        if (parse_equals_ignore_case(text, length, params_ssl_mode_name(modes[i]))) {
            *out = modes[i];
            return true;
        }
    }
    return false;
}

bool connstr_value_parse_replication(const char *text, size_t length,
                                     enum params_replication *out)
{
    if (parse_equals_ignore_case(text, length, "database")) {
        *out = PARAMS_REPLICATION_DATABASE;
    } else if (parse_equals_ignore_case(text, length, "physical") ||
               parse_equals_ignore_case(text, length, "true")) {
        *out = PARAMS_REPLICATION_PHYSICAL;
    } else if (parse_equals_ignore_case(text, length, "false")) {
        *out = PARAMS_REPLICATION_NONE;
    } else {
        return false;
    }
    return true;
}

bool connstr_value_parse_socket(const char *text, size_t length, int *out)
{
    uint64_t descriptor;
    if (!parse_uint(text, length, INT_MAX, &descriptor)) {
        return false;
    }
    *out = (int)descriptor;
    return true;
}

static bool has_space_or_nul(const char *text, size_t length)
{
    for (size_t i = 0; i < length; i++) {
        if (is_space(text[i]) || text[i] == '\0') {
            return true;
        }
    }
    return false;
}

static size_t count_char(const char *text, size_t length, char wanted)
{
    size_t count = 0;
    for (size_t i = 0; i < length; i++) {
        if (text[i] == wanted) {
            count++;
        }
    }
    return count;
}

bool connstr_value_parse_host(const char *text, size_t length, const char **host,
                              size_t *host_length)
{
    if (length == 0 || has_space_or_nul(text, length)) {
        return false;
    }
    if (text[0] == '[') {
        /* "[v6]": the brackets must close at the very end, around something. */
        if (length < 3 || text[length - 1] != ']' || count_char(text, length, '[') != 1 ||
            count_char(text, length, ']') != 1) {
            return false;
        }
        *host = text + 1;
        *host_length = length - 2;
        return true;
    }
    if (count_char(text, length, '[') != 0 || count_char(text, length, ']') != 0) {
        return false;
    }
    *host = text;
    *host_length = length;
    return true;
}

static bool parse_source_port(const char *text, size_t length, uint16_t *port)
{
    uint64_t number;
    if (!parse_uint(text, length, 65535, &number)) {
        return false;
    }
    *port = (uint16_t)number;
    return true;
}

bool connstr_value_parse_source_address(const char *text, size_t length, const char **host,
                                        size_t *host_length, uint16_t *port)
{
    if (length == 0 || has_space_or_nul(text, length)) {
        return false;
    }
    uint16_t parsed_port = 0;
    if (text[0] == '[') {
        const char *close = memchr(text, ']', length);
        if (close == NULL || close == text + 1) {
            return false;
        }
        size_t close_index = (size_t)(close - text);
        if (count_char(text, length, '[') != 1 || count_char(text, length, ']') != 1) {
            return false;
        }
        size_t rest = length - close_index - 1;
        if (rest > 0) {
            if (close[1] != ':' ||
                !parse_source_port(close + 2, rest - 1, &parsed_port)) {
                return false;
            }
        }
        *host = text + 1;
        *host_length = close_index - 1;
        *port = parsed_port;
        return true;
    }
    if (count_char(text, length, '[') != 0 || count_char(text, length, ']') != 0) {
        return false;
    }
    size_t colons = count_char(text, length, ':');
    size_t kept = length;
    if (colons == 1) {
        const char *colon = memchr(text, ':', length);
        kept = (size_t)(colon - text);
        if (kept == 0 || !parse_source_port(colon + 1, length - kept - 1, &parsed_port)) {
            return false;
        }
    }
    /* Two or more colons: a bare IPv6 address, which cannot carry a port. */
    *host = text;
    *host_length = kept;
    *port = parsed_port;
    return true;
}

/* One "name=value" part of a StartupParams value. */
struct startup_part {
    const char *text; /* the part as written, trimmed */
    size_t text_length;
    const char *name;
    size_t name_length;
    const char *value;
    size_t value_length;
    bool has_equals;
};

static void trim_span(const char **text, size_t *length)
{
    while (*length > 0 && is_space((*text)[0])) {
        (*text)++;
        (*length)--;
    }
    while (*length > 0 && is_space((*text)[*length - 1])) {
        (*length)--;
    }
}

/* Reads the next non-empty part from *offset; false at the end. */
static bool take_startup_part(const char *text, size_t length, size_t *offset,
                              struct startup_part *part)
{
    while (*offset < length) {
        size_t start = *offset;
        size_t end = start;
        while (end < length && text[end] != ';') {
            end++;
        }
        *offset = end < length ? end + 1 : end;
        const char *span = text + start;
        size_t span_length = end - start;
        trim_span(&span, &span_length);
        if (span_length == 0) {
            continue;
        }
        memset(part, 0, sizeof *part);
        part->text = span;
        part->text_length = span_length;
        const char *equals = memchr(span, '=', span_length);
        if (equals == NULL) {
            return true;
        }
        part->has_equals = true;
        part->name = span;
        part->name_length = (size_t)(equals - span);
        part->value = equals + 1;
        part->value_length = span_length - part->name_length - 1;
        trim_span(&part->name, &part->name_length);
        trim_span(&part->value, &part->value_length);
        return true;
    }
    return false;
}

/* The keyword that owns a forbidden startup parameter name, or NULL. */
static const char *owning_keyword(const char *name, size_t length)
{
    static const struct {
        const char *name;
        const char *keyword;
    } owned[] = {
        {"user", "UID"},
        {"database", "Database"},
        {"application_name", "ApplicationName"},
        {"replication", "Replication"},
        {"options", "Options"},
    };
    for (size_t i = 0; i < sizeof owned / sizeof owned[0]; i++) {
        if (parse_equals_ignore_case(name, length, owned[i].name)) {
            return owned[i].keyword;
        }
    }
    return NULL;
}

static bool names_equal_ignore_case(const char *a, size_t a_length, const char *b,
                                    size_t b_length)
{
    if (a_length != b_length) {
        return false;
    }
    for (size_t i = 0; i < a_length; i++) {
        char x = (a[i] >= 'A' && a[i] <= 'Z') ? (char)(a[i] - 'A' + 'a') : a[i];
        char y = (b[i] >= 'A' && b[i] <= 'Z') ? (char)(b[i] - 'A' + 'a') : b[i];
        if (x != y) {
            return false;
        }
    }
    return true;
}

/* Whether a part before this one names the same parameter (GUC names are
 * case-insensitive on the server). */
static bool is_name_repeated(const char *text, size_t length, const struct startup_part *part)
{
    size_t offset = 0;
    struct startup_part earlier;
    while (take_startup_part(text, length, &offset, &earlier) && earlier.text != part->text) {
        if (earlier.has_equals &&
            names_equal_ignore_case(earlier.name, earlier.name_length, part->name,
                                    part->name_length)) {
            return true;
        }
    }
    return false;
}

static int check_startup_params(const char *keyword, const char *text, size_t length,
                                struct error *error)
{
    size_t offset = 0;
    struct startup_part part;
    while (take_startup_part(text, length, &offset, &part)) {
        int shown = (int)part.text_length;
        if (!part.has_equals) {
            error_set(error, "HY024",
                      "%s part \"%.*s\" is not name=value (the value is "
                      "{name=value;name=value})",
                      keyword, shown, part.text);
            return -1;
        }
        if (part.name_length == 0) {
            error_set(error, "HY024",
                      "%s part \"%.*s\" has no parameter name (the value is "
                      "{name=value;name=value})",
                      keyword, shown, part.text);
            return -1;
        }
        const char *owner = owning_keyword(part.name, part.name_length);
        if (owner != NULL) {
            error_set(error, "HY024", "%s may not set \"%.*s\": use the keyword %s instead",
                      keyword, (int)part.name_length, part.name, owner);
            return -1;
        }
        if (is_name_repeated(text, length, &part)) {
            error_set(error, "HY024", "%s sets \"%.*s\" more than once", keyword,
                      (int)part.name_length, part.name);
            return -1;
        }
    }
    return 0;
}

/* Undoes appends after a failure, so params gains all parts or none. */
static void drop_startup_params_from(struct connect_params *params, size_t keep_count)
{
    while (params->startup_param_count > keep_count) {
        params->startup_param_count--;
        struct params_startup_param *last = &params->startup_params[params->startup_param_count];
        alloc_free(last->name);
        alloc_free(last->value);
        last->name = NULL;
        last->value = NULL;
    }
}

int connstr_value_parse_startup_params(const char *keyword, const char *text, size_t length,
                                       struct connect_params *params, struct error *error)
{
    trim_span(&text, &length);
    if (length > 0 && text[0] == '{') {
        /* Its own braces, as a DSN file holds it; the string's grammar has
         * already removed them when the value came braced in a string. */
        if (text[length - 1] != '}' || length < 2) {
            error_set(error, "HY024",
                      "%s \"%.*s\" opens a brace \"{\" but does not end with \"}\" (the value "
                      "is {name=value;name=value})",
                      keyword, (int)length, text);
            return -1;
        }
        text++;
        length -= 2;
    }
    if (check_startup_params(keyword, text, length, error) != 0) {
        return -1;
    }
    size_t keep_count = params->startup_param_count;
    size_t offset = 0;
    struct startup_part part;
    while (take_startup_part(text, length, &offset, &part)) {
        if (params_add_startup_param(params, part.name, part.name_length, part.value,
                                     part.value_length) != 0) {
            drop_startup_params_from(params, keep_count);
            error_set(error, "HY001", "Out of memory while storing %s", keyword);
            return -1;
        }
    }
    return 0;
}
