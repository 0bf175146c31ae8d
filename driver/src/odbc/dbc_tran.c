/* Transactions (see dbc_tran.h). Placeholder: autocommit only, until the
 * transaction support lands. */
#include "odbc/dbc_tran.h"

#include "odbc/dbc.h"

void odbc_transaction_init(struct odbc_transaction *transaction)
{
    transaction->is_autocommit = true;
    transaction->isolation = SQL_TXN_READ_COMMITTED;
    transaction->access_mode = SQL_MODE_READ_WRITE;
    transaction->is_savepoint_pending = false;
}

int odbc_dbc_queue_before_statement(struct odbc_dbc *dbc, struct error *error)
{
    (void)dbc;
    (void)error;
    return 0;
}

int odbc_dbc_queue_after_statement(struct odbc_dbc *dbc, struct error *error)
{
    (void)dbc;
    (void)error;
    return 0;
}

int odbc_dbc_statement_exchange_ended(struct odbc_dbc *dbc, struct error *error)
{
    (void)dbc;
    (void)error;
    return 0;
}

int odbc_dbc_apply_transaction_settings(struct odbc_dbc *dbc, struct error *error)
{
    (void)dbc;
    (void)error;
    return 0;
}

SQLRETURN odbc_dbc_end_tran(struct odbc_dbc *dbc, SQLSMALLINT completion_type)
{
    if (completion_type != SQL_COMMIT && completion_type != SQL_ROLLBACK)
        return odbc_diag_fail(&dbc->header.diags, "HY012",
                              "Completion type %d is not SQL_COMMIT or SQL_ROLLBACK",
                              (int)completion_type);
    return odbc_dbc_require_live(dbc, &dbc->header.diags);
}

SQLRETURN odbc_dbc_set_transaction_attr(struct odbc_dbc *dbc, SQLINTEGER attribute,
                                        SQLULEN value)
{
    (void)value;
    return odbc_diag_fail(&dbc->header.diags, "HYC00", "Attribute %ld is not supported yet",
                          (long)attribute);
}

SQLRETURN odbc_dbc_get_transaction_attr(struct odbc_dbc *dbc, SQLINTEGER attribute,
                                        SQLUINTEGER *value)
{
    (void)dbc;
    (void)attribute;
    *value = 0;
    return SQL_SUCCESS;
}
