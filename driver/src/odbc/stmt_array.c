/* Parameter arrays: SQL_ATTR_PARAMSET_SIZE > 1.
 * Owns: sending every parameter set of one execution as one pipeline
 * (Bind and Execute per set, one Sync at the end: 1,000 sets cost one
 * round trip), reading the replies of earlier sets while later ones are
 * written (so neither side blocks on a full socket buffer and memory
 * stays bounded whatever the array's size), the status array, the count
 * of sets processed and the summed row count.
 *
 * What an array means (documented in the README):
 * - The array is one statement execution. With autocommit on it is one
 *   transaction: all sets apply, or none (an error rolls back the sets
 *   before it, whose status is then SQL_PARAM_DIAG_UNAVAILABLE; the
 *   failing set is SQL_PARAM_ERROR with its diagnostic's
 *   SQL_DIAG_ROW_NUMBER; the sets after it SQL_PARAM_UNUSED: the server
 *   skips them). With autocommit off the sets run inside the application's
 *   transaction: those before a failure stay SQL_PARAM_SUCCESS (the
 *   transaction is then failed, as after any error, unless
 *   StatementRollback undoes the whole array).
 * - SQLRowCount is the sum over the sets.
 * - A statement that returns rows gives one result set per parameter
 *   set, reached with SQLMoreResults (SQL_PAS_BATCH). A text executed
 *   directly is described first (one round trip) to know which it is.
 * - Sets marked SQL_PARAM_IGNORE are not sent (status SQL_PARAM_UNUSED).
 * Reference: "Using Arrays of Parameters", SQLExecute, SQLParamData
 * (data at execution inside arrays), SQL_ATTR_PARAM_STATUS_PTR,
 * SQL_ATTR_PARAMS_PROCESSED_PTR. */
#include "odbc/stmt.h"

#include <string.h>
#include "odbc/command_tag.h"
#include "util/alloc.h"
#include "wire/conn.h"

/* Sets written before the engine sends them and reads earlier replies:
 * about 100 KB of output for small rows, replies ~30 bytes per set. */
#define SETS_PER_FLUSH 512

struct array_run {
    struct odbc_stmt *stmt;
    size_t set_count;
    size_t next_reply_set;   /* the set the next Execute reply belongs to */
    size_t sets_sent;        /* sets queued so far (ignored ones excluded) */
    size_t replies_taken;
    SQLLEN affected_rows;
    bool has_error;
    size_t error_set;        /* 0-based */
    struct error error;
    bool is_atomic;
    bool opens_transaction;  /* autocommit: the array's own BEGIN .. COMMIT */
};

/* After the pipeline's READY: the array's own transaction, when an error
 * left it failed, is rolled back (the application never opened it). */
static int close_own_transaction(struct array_run *run, struct error *broken)
{
    struct wire_conn *conn = run->stmt->dbc->conn;
    if (!run->opens_transaction || wire_conn_transaction_status(conn) == 'I')
        return 0;
    char tag[32];
    struct error refused;
    error_init(&refused);
    if (wire_run_command(conn, "ROLLBACK", 8, tag, sizeof tag, &refused) != 0) {
        if (wire_conn_is_broken(conn)) {
            *broken = refused;
            return -1;
        }
    }
    return 0;
}

static void set_status(struct odbc_stmt *stmt, size_t set, SQLUSMALLINT status)
{
    if (stmt->attributes.param_status != NULL)
        stmt->attributes.param_status[set] = status;
}

static void set_processed(struct odbc_stmt *stmt, size_t count)
{
    if (stmt->attributes.params_processed != NULL)
        *stmt->attributes.params_processed = count;
}

/* The next set that is sent, at or after set. */
static size_t next_sent(const struct odbc_stmt *stmt, size_t set, size_t set_count)
{
    while (set < set_count && odbc_stmt_is_param_set_ignored(stmt, set))
        set++;
    return set;
}

/* Takes one event of the pipeline. READY ends it (returns 1). */
static int take_event(struct array_run *run, struct error *broken)
{
    struct odbc_stmt *stmt = run->stmt;
    struct wire_event event;
    struct error event_error;
    error_init(&event_error);
    if (wire_next_event(stmt->dbc->conn, &event, &event_error) != 0) {
        *broken = event_error;
        return -1;
    }
    switch (event.kind) {
    case WIRE_EVENT_COMMAND_COMPLETE: {
        struct odbc_command_tag_info info;
        odbc_command_tag_parse(event.command_tag, &info);
        if (info.affected_rows > 0)
            run->affected_rows += info.affected_rows;
        size_t set = run->next_reply_set;
        if (set < run->set_count)
            set_status(stmt, set, SQL_PARAM_SUCCESS);
        run->next_reply_set = next_sent(stmt, set + 1, run->set_count);
        run->replies_taken++;
        return 0;
    }
    case WIRE_EVENT_SERVER_ERROR:
    case WIRE_EVENT_COPY_REFUSED:
        if (!run->has_error) {
            run->has_error = true;
            run->error = event_error;
            run->error_set = run->next_reply_set < run->set_count ? run->next_reply_set
                                                                  : run->set_count - 1;
        }
        return 0;
    case WIRE_EVENT_READY:
        return 1;
    default:
        return 0; /* ParseComplete, BindComplete, rows of a RETURNING, ... */
    }
}

/* The exchange ended without its READY (the connection broke). An array in
 * its own transaction applied no set, or, when its COMMIT had gone out, it
 * is unknown whether all did: no set may say SQL_PARAM_SUCCESS, so those
 * whose reply came say SQL_PARAM_DIAG_UNAVAILABLE. */
static SQLRETURN fail_broken(struct array_run *run, const struct error *broken)
{
    struct odbc_stmt *stmt = run->stmt;
    if (run->is_atomic) {
        for (size_t set = 0; set < run->next_reply_set && set < run->set_count; set++) {
            if (!odbc_stmt_is_param_set_ignored(stmt, set))
                set_status(stmt, set, SQL_PARAM_DIAG_UNAVAILABLE);
        }
    }
    return odbc_stmt_fail_error(stmt, broken, SQL_NO_ROW_NUMBER);
}

/* Reads replies until those of the sets before up_to_set have come, or
 * an error or READY ends the pipeline (the engine then synced itself). */
static int read_replies(struct array_run *run, size_t up_to_set, bool *is_ready,
                        struct error *broken)
{
    while (!*is_ready && !run->has_error && run->next_reply_set < up_to_set) {
        int taken = take_event(run, broken);
        if (taken < 0)
            return -1;
        if (taken == 1)
            *is_ready = true;
    }
    return 0;
}

static SQLRETURN finish(struct array_run *run, bool is_ready)
{
    struct odbc_stmt *stmt = run->stmt;
    struct error broken;
    error_init(&broken);
    while (!is_ready) {
        int taken = take_event(run, &broken);
        if (taken < 0) {
            set_processed(stmt, run->next_reply_set);
            return fail_broken(run, &broken);
        }
        is_ready = taken == 1;
    }
    if (close_own_transaction(run, &broken) != 0 ||
        odbc_dbc_statement_exchange_ended(stmt->dbc, &broken) != 0)
        return fail_broken(run, &broken);
    if (run->has_error) {
        size_t failed = run->error_set;
        set_status(stmt, failed, SQL_PARAM_ERROR);
        for (size_t set = 0; set < failed; set++) {
            if (run->is_atomic && !odbc_stmt_is_param_set_ignored(stmt, set))
                set_status(stmt, set, SQL_PARAM_DIAG_UNAVAILABLE);
        }
        set_processed(stmt, failed + 1);
        return odbc_stmt_fail_error(stmt, &run->error, (SQLLEN)failed + 1);
    }
    set_processed(stmt, run->set_count);
    /* One result: the summed row count (SQLRowCount). */
    struct odbc_result *result = alloc_resize_array(stmt->results, 1, sizeof *result);
    if (result == NULL)
        return odbc_diag_fail(&stmt->header.diags, "HY001", "Out of memory storing the result");
    stmt->results = result;
    stmt->result_count = 1;
    stmt->current_result = 0;
    odbc_result_init(result);
    result->is_complete = true;
    result->affected_rows = run->affected_rows;
    stmt->state = ODBC_STMT_EXECUTED;
    stmt->header.diags.row_count = run->affected_rows;
    return SQL_SUCCESS;
}

/* Ends a pipeline that cannot go on (a value that would not convert, a
 * message that would not queue): the array's own transaction is rolled
 * back before the Sync, so no set of an atomic array applies. */
static SQLRETURN abandon(struct array_run *run, size_t failed_set, const struct error *cause)
{
    struct odbc_stmt *stmt = run->stmt;
    struct wire_conn *conn = stmt->dbc->conn;
    struct error ignored;
    error_init(&ignored);
    if (run->sets_sent > 0 && run->is_atomic && !run->has_error) {
        /* Sets already executed must not commit: abort the transaction
         * the array runs in before its Sync. */
        if (wire_queue_internal_command(conn, "ROLLBACK", 8, &ignored) != 0) {
            /* the drain below still ends the exchange */
        }
    }
    if (wire_queue_sync(conn, &ignored) == 0) {
        struct error broken;
        error_init(&broken);
        bool is_ready = false;
        while (!is_ready) {
            int taken = take_event(run, &broken);
            if (taken < 0)
                return fail_broken(run, &broken);
            is_ready = taken == 1;
        }
        if (close_own_transaction(run, &broken) != 0 ||
            odbc_dbc_statement_exchange_ended(stmt->dbc, &broken) != 0)
            return fail_broken(run, &broken);
    }
    if (run->has_error)
        failed_set = run->error_set;
    for (size_t set = 0; set < failed_set; set++) {
        if (run->is_atomic && !odbc_stmt_is_param_set_ignored(stmt, set))
            set_status(stmt, set, SQL_PARAM_DIAG_UNAVAILABLE);
    }
    set_status(stmt, failed_set, SQL_PARAM_ERROR);
    set_processed(stmt, failed_set + 1);
    return odbc_stmt_fail_error(stmt, run->has_error ? &run->error : cause,
                                (SQLLEN)failed_set + 1);
}

/* Whether the text returns rows: Parse and Describe of the unnamed
 * statement, one round trip before a direct array (the prepared ones
 * know from SQLPrepare). -1 with the server's error. */
static int describe_direct(struct odbc_stmt *stmt, bool *has_rows, struct error *error)
{
    struct wire_conn *conn = stmt->dbc->conn;
    *has_rows = false;
    if (wire_queue_parse(conn, "", stmt->sql, stmt->sql_length,
                         odbc_stmt_sent_param_types(stmt),
                         odbc_stmt_sent_param_count(stmt), error) != 0 ||
        wire_queue_describe_statement(conn, "", error) != 0 || wire_queue_sync(conn, error) != 0)
        return -1;
    bool has_failed = false;
    for (;;) {
        struct wire_event event;
        struct error event_error;
        error_init(&event_error);
        if (wire_next_event(conn, &event, &event_error) != 0) {
            *error = event_error;
            return -1;
        }
        if (event.kind == WIRE_EVENT_READY)
            break;
        if (event.kind == WIRE_EVENT_SERVER_ERROR && !has_failed) {
            *error = event_error;
            has_failed = true;
        } else if (event.kind == WIRE_EVENT_ROW_DESCRIPTION) {
            *has_rows = true;
        }
    }
    return has_failed ? -1 : 0;
}

/* After a row-returning array ran: one result per set sent, in order; a
 * set whose result is an error is SQL_PARAM_ERROR and the server skipped
 * the sets after it. */
static void mark_statuses_from_results(struct odbc_stmt *stmt, size_t set_count)
{
    size_t result_index = 0;
    size_t processed = 0;
    bool has_failed = false;
    for (size_t set = 0; set < set_count; set++) {
        if (odbc_stmt_is_param_set_ignored(stmt, set))
            continue;
        if (has_failed || result_index >= stmt->result_count) {
            set_status(stmt, set, SQL_PARAM_UNUSED);
            continue;
        }
        const struct odbc_result *result = &stmt->results[result_index++];
        has_failed = result->is_error || result->has_error;
        set_status(stmt, set, has_failed ? SQL_PARAM_ERROR : SQL_PARAM_SUCCESS);
        processed = set + 1;
    }
    set_processed(stmt, processed);
}

/* Row-returning statements: one result per set, through the event pump
 * (SQLMoreResults walks them; an error is reported when reached). */
static SQLRETURN execute_returning_rows(struct odbc_stmt *stmt, const char *name,
                                        size_t set_count)
{
    struct wire_conn *conn = stmt->dbc->conn;
    struct error error;
    error_init(&error);
    if (odbc_dbc_queue_closes(stmt->dbc, &error) != 0 ||
        odbc_dbc_queue_before_statement(stmt->dbc, &error) != 0)
        return odbc_stmt_fail_error(stmt, &error, SQL_NO_ROW_NUMBER);
    size_t param_count = odbc_stmt_sent_param_count(stmt);
    /* The unnamed statement is parsed again after what the transaction
     * queued (its BEGIN uses the unnamed statement too). */
    if (name[0] == '\0' &&
        wire_queue_parse(conn, "", stmt->sql, stmt->sql_length,
                         odbc_stmt_sent_param_types(stmt), param_count,
                         &error) != 0)
        return odbc_stmt_fail_error(stmt, &error, SQL_NO_ROW_NUMBER);
    size_t first_sent = next_sent(stmt, 0, set_count);
    for (size_t set = 0; set < set_count; set++) {
        if (odbc_stmt_is_param_set_ignored(stmt, set))
            continue;
        if (odbc_stmt_convert_param_set(stmt, set, &error) != 0 ||
            wire_queue_bind(conn, "", name, stmt->param_set.params, param_count, NULL, 0,
                            &error) != 0 ||
            wire_queue_describe_portal(conn, "", &error) != 0 ||
            wire_queue_execute(conn, "", 0, &error) != 0) {
            struct error ignored;
            error_init(&ignored);
            if (wire_queue_sync(conn, &ignored) == 0 && wire_drain_to_ready(conn, &ignored) != 0) {
                /* broken: the next call reports 08S01 */
            }
            set_status(stmt, set, SQL_PARAM_ERROR);
            set_processed(stmt, set + 1);
            return odbc_stmt_fail_error(stmt, &error, (SQLLEN)set + 1);
        }
    }
    if (odbc_dbc_queue_after_statement(stmt->dbc, &error) != 0 ||
        wire_queue_sync(conn, &error) != 0)
        return odbc_stmt_fail_error(stmt, &error, SQL_NO_ROW_NUMBER);
    SQLRETURN opened = odbc_stmt_open_results(stmt);
    if (!SQL_SUCCEEDED(opened)) {
        /* The first set failed: the server skipped the others. */
        if (first_sent < set_count) {
            set_status(stmt, first_sent, SQL_PARAM_ERROR);
            set_processed(stmt, first_sent + 1);
        }
        return opened;
    }
    /* Every set's result is read now, so that each status is known. */
    if (odbc_stmt_buffer_rest(stmt, &error) != 0)
        return odbc_stmt_fail_error(stmt, &error, SQL_NO_ROW_NUMBER);
    mark_statuses_from_results(stmt, set_count);
    return opened;
}

SQLRETURN odbc_stmt_execute_array(struct odbc_stmt *stmt)
{
    struct wire_conn *conn = stmt->dbc->conn;
    size_t set_count = (size_t)stmt->attributes.paramset_size;
    for (size_t set = 0; set < set_count; set++)
        set_status(stmt, set, SQL_PARAM_UNUSED);
    set_processed(stmt, 0);
    /* No server statement (PoolerMode=transaction): the unnamed one is
     * parsed in the same exchange, as for a direct execution. */
    char name[ODBC_STATEMENT_NAME_BYTES] = "";
    if (stmt->is_prepared && stmt->server_statement_id != 0 &&
        stmt->dbc->options.pooler_mode != CONNSTR_POOLER_TRANSACTION)
        odbc_statement_cache_name(&stmt->dbc->statement_cache, stmt->server_statement_id, name,
                                  sizeof name);
    if (stmt->is_prepared && stmt->is_described && stmt->described.has_rows)
        return execute_returning_rows(stmt, name, set_count);
    if (!stmt->is_prepared) {
        bool has_rows = false;
        struct error described;
        error_init(&described);
        if (describe_direct(stmt, &has_rows, &described) != 0) {
            size_t first = next_sent(stmt, 0, set_count);
            if (first < set_count) {
                set_status(stmt, first, SQL_PARAM_ERROR);
                set_processed(stmt, first + 1);
            }
            return odbc_stmt_fail_error(stmt, &described, SQL_NO_ROW_NUMBER);
        }
        if (has_rows)
            return execute_returning_rows(stmt, name, set_count);
    }

    struct array_run run;
    memset(&run, 0, sizeof run);
    run.stmt = stmt;
    run.set_count = set_count;
    run.next_reply_set = next_sent(stmt, 0, set_count);
    error_init(&run.error);
    run.is_atomic = stmt->dbc->transaction.is_autocommit || stmt->dbc->options.is_statement_rollback;
    bool is_ready = false;
    struct error error;
    error_init(&error);
    size_t param_count = odbc_stmt_sent_param_count(stmt);
    bool opens_transaction = stmt->dbc->transaction.is_autocommit &&
                             wire_conn_transaction_status(conn) == 'I';
    run.opens_transaction = opens_transaction;
    if (odbc_dbc_queue_closes(stmt->dbc, &error) != 0 ||
        odbc_dbc_queue_before_statement(stmt->dbc, &error) != 0)
        return abandon(&run, 0, &error);
    if (odbc_dbc_is_statement_wrapped(stmt->dbc)) {
        /* The connection opened the statement's transaction itself
         * (PoolerMode=transaction with a non-default isolation): a second
         * BEGIN would only draw the server's warning. */
        opens_transaction = false;
        run.opens_transaction = false;
    }
    if ((opens_transaction && wire_queue_internal_command(conn, "BEGIN", 5, &error) != 0) ||
        (name[0] == '\0' &&
         wire_queue_parse(conn, "", stmt->sql, stmt->sql_length,
                          odbc_stmt_sent_param_types(stmt), param_count,
                          &error) != 0))
        return abandon(&run, 0, &error);
    size_t since_flush = 0;
    for (size_t set = 0; set < set_count && !is_ready && !run.has_error; set++) {
        if (odbc_stmt_is_param_set_ignored(stmt, set))
            continue;
        if (odbc_stmt_convert_param_set(stmt, set, &error) != 0)
            return abandon(&run, set, &error);
        if (wire_queue_bind(conn, "", name, stmt->param_set.params, param_count, NULL, 0,
                            &error) != 0 ||
            wire_queue_execute(conn, "", 0, &error) != 0)
            return abandon(&run, set, &error);
        run.sets_sent++;
        if (++since_flush == SETS_PER_FLUSH) {
            since_flush = 0;
            size_t sent_before = run.sets_sent - SETS_PER_FLUSH;
            if (wire_flush(conn, &error) != 0)
                return fail_broken(&run, &error);
            /* Replies of the previous flush: the server works on this one
             * meanwhile. */
            struct error broken;
            error_init(&broken);
            size_t wanted = sent_before > 0 ? set + 1 - SETS_PER_FLUSH : 0;
            if (read_replies(&run, wanted, &is_ready, &broken) != 0)
                return fail_broken(&run, &broken);
        }
    }
    if (!is_ready && !run.has_error) {
        if ((opens_transaction && wire_queue_internal_command(conn, "COMMIT", 6, &error) != 0) ||
            odbc_dbc_queue_after_statement(stmt->dbc, &error) != 0 ||
            wire_queue_sync(conn, &error) != 0)
            return fail_broken(&run, &error);
    }
    return finish(&run, is_ready);
}
