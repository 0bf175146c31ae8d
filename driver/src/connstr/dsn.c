/* DSNs through libodbcinst: the DSN section of odbc.ini (user and system,
 * as ODBCINI and ODBCSYSINI say), file DSNs (FILEDSN) and saving one
 * (SAVEFILE).
 * Owns: connstr_merge_dsn and connstr_save_file_dsn. Values read here go
 * through the same keyword table as the connection string's, and yield to
 * it: a keyword already set is not read. Leaves validation to keywords.c.
 * ODBC reference: SQLDriverConnect (FILEDSN, SAVEFILE, 01S08) and the
 * installer functions SQLGetPrivateProfileString, SQLReadFileDSN and
 * SQLWriteFileDSN. */
#include "connstr/connstr.h"

#include <odbcinst.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "connstr/keywords.h"
#include "connstr/settings.h"
#include "util/alloc.h"
#include "util/parse.h"
#include "util/secret.h"

#define ODBC_INI "odbc.ini"
#define FILE_DSN_SECTION "ODBC"

/* Entries the driver manager and set-up tools keep in a DSN section; they
 * are not ours to warn about. */
/* Set with a value: an empty one means "not given" and yields to the DSN. */
static bool has_value(const struct connstr_settings *settings, const struct connstr_keyword *row)
{
    const struct connstr_setting *setting = connstr_settings_find(settings, row);
    return setting != NULL && setting->value_length > 0;
}

static bool is_manager_entry(const char *name, size_t length)
{
    static const char *const entries[] = {
        "Description", "Trace",       "TraceFile",  "TraceLibrary",        "Threading",
        "DontDLClose", "FileUsage",   "Setup",      "UsageCount",          "CPTimeout",
        "CPTimeToLive", "DMEnvAttr",  "DMConnAttr", "DMStmtAttr",          "IconvEncoding",
        "DisableGetFunctions",
    };
    for (size_t i = 0; i < sizeof entries / sizeof entries[0]; i++) {
        if (parse_equals_ignore_case(name, length, entries[i])) {
            return true;
        }
    }
    return false;
}

/* The ODBC keywords name the DSN itself; a DSN's own Driver entry belongs
 * to the driver manager. None of them is merged from a DSN. */
static bool is_odbc_keyword(const struct connstr_keyword *row)
{
    return row->apply == NULL;
}

/* What to do with one entry name found in a DSN: the row to read it
 * into, or NULL after warning about it when it is unknown. */
static const struct connstr_keyword *
row_for_entry(const char *name, size_t length, const char *source_kind, const char *source,
              const struct notice_sink *warnings)
{
    const struct connstr_keyword *row = connstr_keyword_find(name, length);
    if (row == NULL) {
        if (!is_manager_entry(name, length)) {
            notice_sink_warn(warnings, "01S00",
                             "Unknown keyword \"%.*s\" in %s \"%s\" was ignored",
                             (int)(length > CONNSTR_VALUE_MAX_BYTES ? CONNSTR_VALUE_MAX_BYTES
                                                                    : length),
                             name, source_kind, source);
        }
        return NULL;
    }
    return is_odbc_keyword(row) ? NULL : row;
}

struct dsn_buffers {
    char *entries; /* CONNSTR_DSN_KEY_LIST_MAX_BYTES */
    char *value;   /* CONNSTR_DSN_VALUE_MAX_BYTES, wiped: it may hold a password */
};

static int buffers_allocate(struct dsn_buffers *buffers, struct error *error)
{
    buffers->entries = alloc_array(CONNSTR_DSN_KEY_LIST_MAX_BYTES, 1);
    buffers->value = alloc_array(CONNSTR_DSN_VALUE_MAX_BYTES, 1);
    if (buffers->entries == NULL || buffers->value == NULL) {
        error_set(error, "HY001", "Out of memory while reading a data source");
        return -1;
    }
    return 0;
}

static void buffers_free(struct dsn_buffers *buffers)
{
    alloc_free(buffers->entries);
    if (buffers->value != NULL) {
        secret_wipe_memory(buffers->value, CONNSTR_DSN_VALUE_MAX_BYTES);
        alloc_free(buffers->value);
    }
}

static int fail_value_too_long(const struct connstr_keyword *row, const char *source,
                               struct error *error)
{
    error_set(error, "HY024", "The value of %s in data source \"%s\" is longer than %d bytes",
              row->name, source, CONNSTR_DSN_VALUE_MAX_BYTES - 2);
    return -1;
}

static int merge_entries_of_named_dsn(struct connstr_settings *settings, const char *dsn_name,
                                      struct dsn_buffers *buffers,
                                      const struct notice_sink *warnings, struct error *error)
{
    /* With no entry name, libodbcinst lists the section's entry names,
     * each NUL-terminated, the list ending with an empty name. */
    int listed = SQLGetPrivateProfileString(dsn_name, NULL, "", buffers->entries,
                                            CONNSTR_DSN_KEY_LIST_MAX_BYTES, ODBC_INI);
    if (listed <= 0) {
        error_set(error, "IM002",
                  "Data source \"%s\" was not found (odbc.ini, as ODBCINI and ODBCSYSINI "
                  "name it, has no section [%s] with entries)",
                  dsn_name, dsn_name);
        return -1;
    }
    if (listed >= CONNSTR_DSN_KEY_LIST_MAX_BYTES - 2) {
        error_set(error, "08001", "Data source \"%s\" has more entries than the driver reads",
                  dsn_name);
        return -1;
    }
    buffers->entries[listed] = '\0';
    size_t offset = 0;
    while (offset < (size_t)listed && buffers->entries[offset] != '\0') {
        const char *name = buffers->entries + offset;
        size_t name_length = strlen(name);
        offset += name_length + 1;
        const struct connstr_keyword *row =
            row_for_entry(name, name_length, "data source", dsn_name, warnings);
        if (row == NULL || has_value(settings, row)) {
            continue; /* the string's value wins, and so does an earlier alias */
        }
        int value_length = SQLGetPrivateProfileString(dsn_name, name, "", buffers->value,
                                                      CONNSTR_DSN_VALUE_MAX_BYTES, ODBC_INI);
        if (value_length < 0) {
            value_length = 0;
        }
        if (value_length >= CONNSTR_DSN_VALUE_MAX_BYTES - 2) {
            return fail_value_too_long(row, dsn_name, error);
        }
        if (connstr_settings_store(settings, row, buffers->value, (size_t)value_length, false,
                                   error) != 0) {
            return -1;
        }
    }
    return 0;
}

static bool ends_with(const char *text, const char *suffix)
{
    size_t length = strlen(text);
    size_t suffix_length = strlen(suffix);
    return length >= suffix_length &&
           parse_equals_ignore_case(text + length - suffix_length, suffix_length, suffix);
}

/* libodbcinst creates a file DSN it is asked to read when it is missing,
 * so an absolute path is checked first; it appends ".dsn" when absent.
 * A relative name is resolved by libodbcinst against its FileDSN folder. */
static bool file_dsn_is_missing(const char *path, struct dsn_buffers *buffers)
{
    if (path[0] != '/') {
        return false;
    }
    if (access(path, R_OK) == 0) {
        return false;
    }
    if (ends_with(path, ".dsn")) {
        return true;
    }
    int written = snprintf(buffers->value, CONNSTR_DSN_VALUE_MAX_BYTES, "%s.dsn", path);
    if (written < 0 || written >= CONNSTR_DSN_VALUE_MAX_BYTES) {
        return true;
    }
    return access(buffers->value, R_OK) != 0;
}

/* Warns about entries of the file DSN's [ODBC] section that are not ours.
 * libodbcinst lists them as "name=value;name=value;". */
static void warn_unknown_file_entries(const char *path, struct dsn_buffers *buffers,
                                      const struct notice_sink *warnings)
{
    WORD listed = 0;
    if (!SQLReadFileDSN(path, FILE_DSN_SECTION, NULL, buffers->entries,
                        CONNSTR_DSN_KEY_LIST_MAX_BYTES - 1, &listed)) {
        return;
    }
    size_t length = listed < CONNSTR_DSN_KEY_LIST_MAX_BYTES - 1 ? listed : 0;
    const char *text = buffers->entries;
    size_t offset = 0;
    while (offset < length) {
        size_t end = offset;
        while (end < length && text[end] != ';') {
            end++;
        }
        const char *equals = memchr(text + offset, '=', end - offset);
        if (equals != NULL) {
            size_t name_length = (size_t)(equals - (text + offset));
            (void)row_for_entry(text + offset, name_length, "file data source", path,
                                warnings);
        }
        offset = end + 1;
    }
}

static int merge_file_dsn(struct connstr_settings *settings, const char *path,
                          struct dsn_buffers *buffers, const struct notice_sink *warnings,
                          struct error *error)
{
    if (file_dsn_is_missing(path, buffers)) {
        error_set(error, "IM002", "File data source \"%s\" was not found", path);
        return -1;
    }
    warn_unknown_file_entries(path, buffers, warnings);
    size_t count = connstr_keyword_count();
    for (size_t i = 0; i < count; i++) {
        const struct connstr_keyword *row = connstr_keyword_at(i);
        if (is_odbc_keyword(row) || has_value(settings, row)) {
            continue;
        }
        for (size_t a = 0; a <= CONNSTR_MAX_ALIASES; a++) {
            const char *name = a == 0 ? row->name : row->aliases[a - 1];
            if (name == NULL) {
                break;
            }
            WORD value_length = 0;
            if (!SQLReadFileDSN(path, FILE_DSN_SECTION, name, buffers->value,
                                CONNSTR_DSN_VALUE_MAX_BYTES, &value_length)) {
                continue; /* not in the file under this name */
            }
            if (value_length >= CONNSTR_DSN_VALUE_MAX_BYTES - 2) {
                return fail_value_too_long(row, path, error);
            }
            if (connstr_settings_store(settings, row, buffers->value, value_length, false,
                                       error) != 0) {
                return -1;
            }
            break;
        }
    }
    return 0;
}

int connstr_merge_dsn(struct connstr_settings *settings, const char *dsn_name,
                      const struct notice_sink *warnings, struct error *error)
{
    const char *file_dsn = NULL;
    if (dsn_name == NULL || dsn_name[0] == '\0') {
        const struct connstr_setting *file_setting =
            connstr_settings_find(settings, connstr_keyword_filedsn());
        if (file_setting == NULL || file_setting->value_length == 0) {
            return 0;
        }
        file_dsn = file_setting->value;
    }
    struct dsn_buffers buffers = {NULL, NULL};
    int result = buffers_allocate(&buffers, error);
    if (result == 0) {
        result = file_dsn != NULL
                     ? merge_file_dsn(settings, file_dsn, &buffers, warnings, error)
                     : merge_entries_of_named_dsn(settings, dsn_name, &buffers, warnings,
                                                  error);
    }
    buffers_free(&buffers);
    return result;
}

static bool has_line_break(const char *text, size_t length)
{
    return memchr(text, '\n', length) != NULL || memchr(text, '\r', length) != NULL;
}

int connstr_save_file_dsn(const struct connstr_settings *settings, struct error *error)
{
    const struct connstr_keyword *savefile = connstr_keyword_savefile();
    const struct connstr_keyword *filedsn = connstr_keyword_filedsn();
    const struct connstr_setting *target = connstr_settings_find(settings, savefile);
    if (target == NULL || target->value_length == 0) {
        return 0;
    }
    const char *path = target->value;
    /* ODBC: SQLDriverConnect returns 01S08 (a warning) when the file DSN
     * was not saved. The section is emptied first so that the file holds
     * this connection's keywords only. */
    if (!SQLWriteFileDSN(path, FILE_DSN_SECTION, NULL, NULL)) {
        error_set(error, "01S08", "The file data source \"%s\" could not be written", path);
        return -1;
    }
    for (size_t i = 0; i < settings->count; i++) {
        const struct connstr_setting *item = &settings->items[i];
        if (item->is_secret || strcmp(item->canonical_keyword, savefile->name) == 0 ||
            strcmp(item->canonical_keyword, filedsn->name) == 0) {
            continue;
        }
        if (has_line_break(item->value, item->value_length)) {
            error_set(error, "01S08",
                      "The file data source \"%s\" was not fully written: the value of %s "
                      "holds a line break",
                      path, item->canonical_keyword);
            return -1;
        }
        if (!SQLWriteFileDSN(path, FILE_DSN_SECTION, item->canonical_keyword, item->value)) {
            error_set(error, "01S08",
                      "The file data source \"%s\" could not be written (at keyword %s)", path,
                      item->canonical_keyword);
            return -1;
        }
    }
    return 0;
}
