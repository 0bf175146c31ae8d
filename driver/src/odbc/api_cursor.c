/* Exported cursor row operations: SQLSetPos and SQLBulkOperations (the
 * shims; stmt_setpos.c and stmt_bulk.c do the work). */
#include "odbc/api_shim.h"
#include "odbc/stmt_bookmark.h"

SQLRETURN SQL_API SQLSetPos(SQLHSTMT StatementHandle, SQLSETPOSIROW RowNumber,
                            SQLUSMALLINT Operation, SQLUSMALLINT LockType)
{
    STMT_CALL(StatementHandle, odbc_stmt_set_pos(stmt, RowNumber, Operation, LockType));
}

SQLRETURN SQL_API SQLBulkOperations(SQLHSTMT StatementHandle, SQLSMALLINT Operation)
{
    STMT_CALL(StatementHandle, odbc_stmt_bulk_operations(stmt, Operation));
}
