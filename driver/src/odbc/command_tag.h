/* PostgreSQL CommandComplete tags → SQLRowCount and the dynamic function.
 * Owns: reading the row count from "INSERT 0 5", "UPDATE 3", "SELECT 2",
 * "DELETE", "MOVE", "FETCH", "COPY" and "MERGE" tags (-1 for every other
 * command), and naming the statement for SQL_DIAG_DYNAMIC_FUNCTION(_CODE).
 * Reference: PostgreSQL protocol, CommandComplete; ODBC SQLRowCount and
 * SQLGetDiagField's dynamic function table. */
#ifndef PGO_ODBC_COMMAND_TAG_H
#define PGO_ODBC_COMMAND_TAG_H

#include <sql.h>
#include <sqlext.h>

struct odbc_command_tag_info {
    SQLLEN affected_rows;              /* -1 when the command counts no rows */
    const char *dynamic_function;      /* static: "INSERT", "SELECT CURSOR", "" */
    SQLINTEGER dynamic_function_code;  /* SQL_DIAG_INSERT, ..., SQL_DIAG_UNKNOWN_STATEMENT */
};

/* tag may be NULL (no CommandComplete: an empty query). */
void odbc_command_tag_parse(const char *tag, struct odbc_command_tag_info *out);

#endif
