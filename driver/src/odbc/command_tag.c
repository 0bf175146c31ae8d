/* CommandComplete tags (see command_tag.h). */
#include "odbc/command_tag.h"

#include <stdbool.h>
#include <string.h>
#include "util/parse.h"

struct tag_row {
    const char *prefix;      /* the tag's leading words */
    bool counts_rows;        /* the last word is a row count */
    const char *dynamic_function;
    SQLINTEGER dynamic_function_code;
};

static const struct tag_row tag_rows[] = {
    {"INSERT", true, "INSERT", SQL_DIAG_INSERT},
    {"UPDATE", true, "UPDATE WHERE", SQL_DIAG_UPDATE_WHERE},
    {"DELETE", true, "DELETE WHERE", SQL_DIAG_DELETE_WHERE},
    {"SELECT", true, "SELECT CURSOR", SQL_DIAG_SELECT_CURSOR},
    {"MERGE", true, "", SQL_DIAG_UNKNOWN_STATEMENT},
    {"MOVE", true, "", SQL_DIAG_UNKNOWN_STATEMENT},
    {"FETCH", true, "", SQL_DIAG_UNKNOWN_STATEMENT},
    {"COPY", true, "", SQL_DIAG_UNKNOWN_STATEMENT},
    {"CREATE TABLE", false, "CREATE TABLE", SQL_DIAG_CREATE_TABLE},
    {"CREATE INDEX", false, "CREATE INDEX", SQL_DIAG_CREATE_INDEX},
    {"CREATE VIEW", false, "CREATE VIEW", SQL_DIAG_CREATE_VIEW},
    {"CREATE SCHEMA", false, "CREATE SCHEMA", SQL_DIAG_CREATE_SCHEMA},
    {"CREATE DOMAIN", false, "CREATE DOMAIN", SQL_DIAG_CREATE_DOMAIN},
    {"DROP TABLE", false, "DROP TABLE", SQL_DIAG_DROP_TABLE},
    {"DROP INDEX", false, "DROP INDEX", SQL_DIAG_DROP_INDEX},
    {"DROP VIEW", false, "DROP VIEW", SQL_DIAG_DROP_VIEW},
    {"DROP SCHEMA", false, "DROP SCHEMA", SQL_DIAG_DROP_SCHEMA},
    {"ALTER TABLE", false, "ALTER TABLE", SQL_DIAG_ALTER_TABLE},
    {"ALTER DOMAIN", false, "ALTER DOMAIN", SQL_DIAG_ALTER_DOMAIN},
    {"GRANT", false, "GRANT", SQL_DIAG_GRANT},
    {"REVOKE", false, "REVOKE", SQL_DIAG_REVOKE},
    {"CALL", false, "CALL", SQL_DIAG_CALL},
};

static bool starts_with_word(const char *tag, const char *prefix)
{
    size_t length = strlen(prefix);
    return strncmp(tag, prefix, length) == 0 && (tag[length] == '\0' || tag[length] == ' ');
}

void odbc_command_tag_parse(const char *tag, struct odbc_command_tag_info *out)
{
    out->affected_rows = -1;
    out->dynamic_function = "";
    out->dynamic_function_code = SQL_DIAG_UNKNOWN_STATEMENT;
    if (tag == NULL)
        return;
    for (size_t i = 0; i < sizeof tag_rows / sizeof tag_rows[0]; i++) {
        const struct tag_row *row = &tag_rows[i];
        if (!starts_with_word(tag, row->prefix))
            continue;
        out->dynamic_function = row->dynamic_function;
        out->dynamic_function_code = row->dynamic_function_code;
        if (row->counts_rows) {
            const char *last_space = strrchr(tag, ' ');
            uint64_t count;
            if (last_space != NULL &&
                parse_uint(last_space + 1, strlen(last_space + 1), INT64_MAX, &count))
                out->affected_rows = (SQLLEN)count;
        }
        return;
    }
}
