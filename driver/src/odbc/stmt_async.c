/* Asynchronous execution of a statement's functions (see stmt_async.h). */
#include "odbc/stmt_async.h"

#include "odbc/stmt.h"

bool odbc_async_dispatch(SQLHSTMT handle, SQLSMALLINT function_id, const char *function_name,
                         odbc_async_entry entry, const uintptr_t *args, size_t arg_count,
                         SQLRETURN *result)
{
    if (!odbc_handle_is_valid(handle, SQL_HANDLE_STMT))
        return false;
    return odbc_async_dispatch_call(&((struct odbc_stmt *)handle)->async, function_id,
                                    function_name, entry, args, arg_count, result);
}
