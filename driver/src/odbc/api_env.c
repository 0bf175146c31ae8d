/* Exported ODBC functions for handles and environments: SQLAllocHandle,
 * SQLFreeHandle, SQLSetEnvAttr, SQLGetEnvAttr.
 * Each entry point only validates the handle (SQL_INVALID_HANDLE for NULL,
 * freed or wrong-kind handles), locks, clears diagnostics, calls the odbc_
 * function that does the work and returns (STYLE.md, "Naming"). */
#include <sql.h>
#include <sqlext.h>
#include "odbc/dbc.h"
#include "odbc/dbc_browse.h"
#include "odbc/desc.h"
#include "odbc/env.h"
#include "odbc/stmt.h"
#include "odbc/trace_api.h"

static SQLRETURN alloc_env(SQLHANDLE input, SQLHANDLE *output)
{
    if (input != SQL_NULL_HANDLE || output == NULL)
        return SQL_ERROR;
    struct odbc_env *env = odbc_env_new();
    if (env == NULL) {
        *output = SQL_NULL_HENV;
        return SQL_ERROR;
    }
    *output = env;
    return odbc_trace_api("SQLAllocHandle", env, NULL, SQL_SUCCESS);
}

static SQLRETURN alloc_dbc(SQLHANDLE input, SQLHANDLE *output)
{
    struct odbc_handle *header = odbc_handle_enter(input, SQL_HANDLE_ENV);
    if (header == NULL)
        return SQL_INVALID_HANDLE;
    struct odbc_env *env = (struct odbc_env *)header;
    SQLRETURN result = SQL_SUCCESS;
    if (output == NULL) {
        result = odbc_diag_fail(&header->diags, "HY009", "The output handle pointer is null");
    } else if (env->odbc_version == 0) {
        *output = SQL_NULL_HDBC;
        result = odbc_diag_fail(&header->diags, "HY010",
                                "Set SQL_ATTR_ODBC_VERSION before allocating a connection");
    } else {
        struct odbc_dbc *dbc = odbc_dbc_new(env);
        *output = dbc;
        if (dbc == NULL)
            result = odbc_diag_fail(&header->diags, "HY001",
                                    "Out of memory allocating a connection");
    }
    return odbc_handle_leave(header, odbc_trace_api("SQLAllocHandle", header, &header->diags,
                                                    result));
}

/* A statement or an explicit descriptor: both need a live connection. */
static SQLRETURN alloc_on_dbc(SQLHANDLE input, SQLHANDLE *output, SQLSMALLINT handle_type)
{
    struct odbc_dbc *dbc = odbc_dbc_enter(input);
    if (dbc == NULL)
        return SQL_INVALID_HANDLE;
    bool is_stmt = handle_type == SQL_HANDLE_STMT;
    SQLRETURN result;
    if (output == NULL) {
        result = odbc_diag_fail(&dbc->header.diags, "HY009", "The output handle pointer is null");
    } else {
        *output = NULL; /* SQL_NULL_HSTMT, SQL_NULL_HDESC */
        result = odbc_dbc_require_live(dbc, &dbc->header.diags);
        if (result == SQL_SUCCESS) {
            void *made = is_stmt ? (void *)odbc_stmt_new(dbc) : (void *)odbc_desc_new_explicit(dbc);
            *output = made;
            if (made == NULL)
                result = odbc_diag_fail(&dbc->header.diags, "HY001",
                                        "Out of memory allocating a %s",
                                        is_stmt ? "statement" : "descriptor");
        }
    }
    return odbc_dbc_leave(dbc, odbc_trace_api("SQLAllocHandle", dbc, &dbc->header.diags, result));
}

SQLRETURN SQL_API SQLAllocHandle(SQLSMALLINT HandleType, SQLHANDLE InputHandle,
                                 SQLHANDLE *OutputHandle)
{
    switch (HandleType) {
    case SQL_HANDLE_ENV:
        return alloc_env(InputHandle, OutputHandle);
    case SQL_HANDLE_DBC:
        return alloc_dbc(InputHandle, OutputHandle);
    case SQL_HANDLE_STMT:
        return alloc_on_dbc(InputHandle, OutputHandle, SQL_HANDLE_STMT);
    case SQL_HANDLE_DESC:
        return alloc_on_dbc(InputHandle, OutputHandle, SQL_HANDLE_DESC);
    default:
        return SQL_ERROR;
    }
}

static SQLRETURN free_env(SQLHANDLE handle)
{
    struct odbc_handle *header = odbc_handle_enter(handle, SQL_HANDLE_ENV);
    if (header == NULL)
        return SQL_INVALID_HANDLE;
    struct odbc_env *env = (struct odbc_env *)header;
    SQLRETURN result = odbc_env_check_free(env);
    if (result != SQL_SUCCESS)
        return odbc_handle_leave(header, odbc_trace_api("SQLFreeHandle", header, &header->diags,
                                                        result));
    (void)odbc_trace_api("SQLFreeHandle", env, &header->diags, SQL_SUCCESS);
    odbc_handle_unlock(header);
    odbc_env_free(env);
    return SQL_SUCCESS;
}

static SQLRETURN free_dbc(SQLHANDLE handle)
{
    /* As for a statement: a connection function running in the background
     * holds the connection (HY010, reported by the driver manager). */
    if (odbc_handle_is_valid(handle, SQL_HANDLE_DBC) &&
        odbc_async_is_running(&((struct odbc_dbc *)handle)->async))
        return SQL_ERROR;
    struct odbc_dbc *dbc = odbc_dbc_enter(handle);
    if (dbc == NULL)
        return SQL_INVALID_HANDLE;
    SQLRETURN result = odbc_dbc_check_free(dbc);
    if (result != SQL_SUCCESS)
        return odbc_dbc_leave(dbc, odbc_trace_api("SQLFreeHandle", dbc, &dbc->header.diags,
                                                  result));
    (void)odbc_trace_api("SQLFreeHandle", dbc, &dbc->header.diags, SQL_SUCCESS);
    (void)odbc_dbc_browse_cancel(dbc); /* a browse left unfinished */
    odbc_handle_unlock(&dbc->header);
    odbc_dbc_free(dbc);
    return SQL_SUCCESS;
}

static SQLRETURN free_stmt(SQLHANDLE handle)
{
    /* A call running in the background holds the statement: freeing it
     * is the sequence error HY010, which the driver manager reports. */
    if (odbc_handle_is_valid(handle, SQL_HANDLE_STMT) &&
        odbc_async_is_running(&((struct odbc_stmt *)handle)->async))
        return SQL_ERROR;
    struct odbc_stmt *stmt = odbc_stmt_enter(handle);
    if (stmt == NULL)
        return SQL_INVALID_HANDLE;
    struct odbc_dbc *dbc = stmt->dbc;
    (void)odbc_trace_api("SQLFreeHandle", stmt, &stmt->header.diags, SQL_SUCCESS);
    odbc_handle_unlock(&stmt->header);
    odbc_stmt_free(stmt);
    odbc_dbc_route_notices(dbc, &dbc->header.diags);
    odbc_handle_unlock(&dbc->header);
    return SQL_SUCCESS;
}

/* ODBC: freeing an explicit descriptor returns the statements using it to
 * their implicit descriptors; an implicit one is freed with its statement. */
static SQLRETURN free_desc(SQLHANDLE handle)
{
    struct odbc_desc *desc = odbc_desc_enter(handle);
    if (desc == NULL)
        return SQL_INVALID_HANDLE;
    if (!desc->is_explicit) {
        SQLRETURN result = odbc_diag_fail(&desc->header.diags, "HY017",
                                          "An implicitly allocated descriptor is freed with its "
                                          "statement");
        return odbc_desc_leave(desc, odbc_trace_api("SQLFreeHandle", desc, &desc->header.diags,
                                                     result));
    }
    struct odbc_dbc *dbc = desc->dbc;
    (void)odbc_trace_api("SQLFreeHandle", desc, &desc->header.diags, SQL_SUCCESS);
    odbc_stmt_release_desc(dbc, desc);
    odbc_handle_unlock(&desc->header);
    odbc_desc_free(desc);
    odbc_handle_unlock(&dbc->header);
    return SQL_SUCCESS;
}

SQLRETURN SQL_API SQLFreeHandle(SQLSMALLINT HandleType, SQLHANDLE Handle)
{
    switch (HandleType) {
    case SQL_HANDLE_ENV:
        return free_env(Handle);
    case SQL_HANDLE_DBC:
        return free_dbc(Handle);
    case SQL_HANDLE_STMT:
        return free_stmt(Handle);
    case SQL_HANDLE_DESC:
        return free_desc(Handle);
    default:
        return SQL_ERROR;
    }
}

SQLRETURN SQL_API SQLSetEnvAttr(SQLHENV EnvironmentHandle, SQLINTEGER Attribute, SQLPOINTER Value,
                                SQLINTEGER StringLength)
{
    struct odbc_handle *header = odbc_handle_enter(EnvironmentHandle, SQL_HANDLE_ENV);
    if (header == NULL)
        return SQL_INVALID_HANDLE;
    SQLRETURN result =
        odbc_env_set_attr((struct odbc_env *)header, Attribute, Value, StringLength);
    return odbc_handle_leave(header, odbc_trace_api(__func__, header, &header->diags, result));
}

SQLRETURN SQL_API SQLGetEnvAttr(SQLHENV EnvironmentHandle, SQLINTEGER Attribute, SQLPOINTER Value,
                                SQLINTEGER BufferLength, SQLINTEGER *StringLength)
{
    struct odbc_handle *header = odbc_handle_enter(EnvironmentHandle, SQL_HANDLE_ENV);
    if (header == NULL)
        return SQL_INVALID_HANDLE;
    SQLRETURN result = odbc_env_get_attr((struct odbc_env *)header, Attribute, Value,
                                         BufferLength, StringLength);
    return odbc_handle_leave(header, odbc_trace_api(__func__, header, &header->diags, result));
}
