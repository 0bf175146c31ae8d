/* SQLWCHAR strings in and out of the narrow odbc_ functions (see wide.h). */
#include "odbc/wide.h"

#include <limits.h>
#include <stdint.h>
#include "odbc/strings.h"
#include "util/alloc.h"
#include "util/secret.h"
#include "util/utf16.h"

/* util/utf16 works on uint16_t units: unixODBC's SQLWCHAR must be one. */
_Static_assert(sizeof(SQLWCHAR) == sizeof(uint16_t), "SQLWCHAR is not 16 bits wide");

/* At most 3 UTF-8 bytes per SQLWCHAR (a pair: 4 bytes for 2 units). */
#define UTF8_BYTES_PER_UNIT 3

bool odbc_wide_in_convert(struct odbc_wide_in *in, const SQLWCHAR *text, SQLLEN length_units,
                          const char *argument_name, struct odbc_diag_list *diags)
{
    in->text = (char *)text; /* passed on as is when not converted */
    in->length = length_units;
    in->is_converted = false;
    if (text == NULL || (length_units < 0 && length_units != SQL_NTS)) {
        /* Let the narrow function answer: NULL with SQL_NTS or 0 is the
         * empty string there, anything else its HY009 or HY090. A bad
         * length needs a text of the narrow kind: the empty one. */
        if (text != NULL)
            in->text = (char *)"";
        return true;
    }
    const uint16_t *units = (const uint16_t *)text;
    size_t unit_count =
        length_units == SQL_NTS ? utf16_terminated_length(units) : (size_t)length_units;
    size_t length_bytes = 0;
    size_t bad_index = 0;
    if (utf16_to_utf8(units, unit_count, NULL, 0, &length_bytes, &bad_index) != 0) {
        odbc_diag_post(diags, "22018",
                       "The %s holds a lone UTF-16 surrogate (0x%04X) at character %zu, which "
                       "is not a character and cannot be sent",
                       argument_name, (unsigned)units[bad_index], bad_index + 1);
        in->text = NULL;
        return false;
    }
    char *converted = alloc_array(length_bytes + 1, 1);
    if (converted == NULL) {
        odbc_diag_post(diags, "HY001", "Out of memory converting the %s from UTF-16",
                       argument_name);
        in->text = NULL;
        return false;
    }
    size_t written = 0;
    if (utf16_to_utf8(units, unit_count, converted, length_bytes, &written, &bad_index) != 0)
        written = 0; /* cannot happen: measured just above */
    converted[written] = '\0';
    in->text = converted;
    in->length = (SQLLEN)written;
    in->is_converted = true;
    return true;
}

void odbc_wide_in_free(struct odbc_wide_in *in)
{
    if (in->is_converted) {
        /* Connection strings and SQLConnectW's password pass through here. */
        secret_wipe_memory(in->text, (size_t)in->length);
        alloc_free(in->text);
    }
    in->text = NULL;
    in->is_converted = false;
}

SQLSMALLINT odbc_wide_in_small_length(const struct odbc_wide_in *in)
{
    if (in->length > SHRT_MAX || in->length < SHRT_MIN)
        return in->is_converted ? (SQLSMALLINT)SQL_NTS : (SQLSMALLINT)SHRT_MIN;
    return (SQLSMALLINT)in->length;
}

SQLINTEGER odbc_wide_in_integer_length(const struct odbc_wide_in *in)
{
    if (in->length > INT32_MAX || in->length < INT32_MIN)
        return in->is_converted ? (SQLINTEGER)SQL_NTS : (SQLINTEGER)INT32_MIN;
    return (SQLINTEGER)in->length;
}

SQLCHAR *odbc_wide_in_chars(const struct odbc_wide_in *in)
{
    return (SQLCHAR *)in->text;
}

static bool reserve(struct odbc_wide_out *out, size_t capacity_bytes, struct odbc_diag_list *diags)
{
    if (capacity_bytes <= sizeof out->inline_bytes) {
        out->text = out->inline_bytes;
        out->capacity_bytes = sizeof out->inline_bytes;
        return true;
    }
    char *heap = alloc_array(capacity_bytes, 1);
    if (heap == NULL) {
        if (diags != NULL)
            odbc_diag_post(diags, "HY001", "Out of memory for a %zu-byte answer",
                           capacity_bytes);
        return false;
    }
    if (out->text != out->inline_bytes)
        alloc_free(out->text);
    out->text = heap;
    out->capacity_bytes = capacity_bytes;
    return true;
}

bool odbc_wide_out_init(struct odbc_wide_out *out, size_t room_units,
                        struct odbc_diag_list *diags)
{
    out->text = out->inline_bytes;
    out->capacity_bytes = sizeof out->inline_bytes;
    out->passed_bytes = 0;
    out->has_grown = false;
    size_t wanted = room_units > (SIZE_MAX - 1) / UTF8_BYTES_PER_UNIT
                        ? SIZE_MAX
                        : room_units * UTF8_BYTES_PER_UNIT + 1;
    /* A narrow length is at most SQLINTEGER's maximum. */
    if (wanted > (size_t)INT32_MAX)
        wanted = (size_t)INT32_MAX;
    return reserve(out, wanted, diags);
}

bool odbc_wide_out_init_fixed(struct odbc_wide_out *out, size_t capacity_bytes,
                              struct odbc_diag_list *diags)
{
    out->text = out->inline_bytes;
    out->capacity_bytes = sizeof out->inline_bytes;
    out->passed_bytes = 0;
    out->has_grown = true; /* never repeated */
    return reserve(out, capacity_bytes, diags);
}

void odbc_wide_out_free(struct odbc_wide_out *out)
{
    if (out->text != NULL && out->text != out->inline_bytes)
        alloc_free(out->text);
    out->text = NULL;
    out->capacity_bytes = 0;
    out->passed_bytes = 0;
}

SQLSMALLINT odbc_wide_out_small_capacity(struct odbc_wide_out *out)
{
    out->passed_bytes = out->capacity_bytes > (size_t)SHRT_MAX ? (size_t)SHRT_MAX
                                                               : out->capacity_bytes;
    return (SQLSMALLINT)out->passed_bytes;
}

SQLINTEGER odbc_wide_out_integer_capacity(struct odbc_wide_out *out)
{
    out->passed_bytes = out->capacity_bytes > (size_t)INT32_MAX ? (size_t)INT32_MAX
                                                                : out->capacity_bytes;
    return (SQLINTEGER)out->passed_bytes;
}

bool odbc_wide_out_retry(struct odbc_wide_out *out, SQLRETURN result, size_t length_bytes,
                         struct odbc_diag_list *diags)
{
    if (out->has_grown || !SQL_SUCCEEDED(result) || length_bytes < out->passed_bytes)
        return false;
    out->has_grown = true;
    if (diags != NULL)
        odbc_diag_clear(diags);
    /* Out of memory: the truncated answer stays, and so does HY001. */
    return reserve(out, length_bytes + 1, diags);
}

size_t odbc_wide_out_length(const struct odbc_wide_out *out, size_t length_bytes)
{
    /* A narrow answer that did not fit holds passed_bytes - 1 bytes. */
    if (out->passed_bytes == 0)
        return 0;
    return length_bytes < out->passed_bytes ? length_bytes : out->passed_bytes - 1;
}

bool odbc_wide_put(const char *text, size_t length_bytes, SQLWCHAR *buffer,
                   size_t capacity_units, size_t *total_units)
{
    struct utf16_written written;
    utf16_from_utf8(text, length_bytes, (uint16_t *)buffer, buffer != NULL ? capacity_units : 0,
                    &written);
    *total_units = written.total_units;
    return buffer == NULL || !written.is_truncated;
}

size_t odbc_wide_put_answer(const struct odbc_wide_out *out, size_t length_bytes,
                            SQLWCHAR *buffer, size_t capacity_units, const char *what,
                            struct odbc_diag_list *diags)
{
    size_t total_units = 0;
    if (!odbc_wide_put(out->text, odbc_wide_out_length(out, length_bytes), buffer,
                       capacity_units, &total_units))
        odbc_diag_post(diags, "01004",
                       "%s (%zu characters) was truncated to fit a buffer of %zu characters",
                       what, total_units, capacity_units);
    return total_units;
}

SQLRETURN odbc_wide_connect_string_exchange(odbc_wide_connect_string_call call, void *context,
                                            SQLWCHAR *in_string, SQLSMALLINT in_length_units,
                                            SQLWCHAR *out_string, SQLSMALLINT out_buffer_units,
                                            SQLSMALLINT *out_length_units,
                                            const char *need_data_what,
                                            struct odbc_diag_list *diags)
{
    struct odbc_wide_in in = {0};
    if (!odbc_wide_in_convert(&in, in_string, in_length_units, "connection string", diags)) {
        odbc_wide_in_free(&in);
        return SQL_ERROR;
    }
    bool wants_out = out_string != NULL || out_length_units != NULL;
    if (!wants_out || out_buffer_units < 0) {
        /* Nothing to convert back (a negative length is the narrow HY090). */
        SQLRETURN result = call(context, odbc_wide_in_chars(&in),
                                odbc_wide_in_small_length(&in), NULL, out_buffer_units, NULL);
        odbc_wide_in_free(&in);
        return result;
    }
    struct odbc_wide_out out;
    if (!odbc_wide_out_init_fixed(&out, ODBC_WIDE_CONNECT_STRING_MAX_BYTES + 1, diags)) {
        odbc_wide_out_free(&out);
        odbc_wide_in_free(&in);
        return SQL_ERROR;
    }
    SQLSMALLINT length_bytes = 0;
    SQLRETURN result = call(context, odbc_wide_in_chars(&in), odbc_wide_in_small_length(&in),
                            (SQLCHAR *)out.text, odbc_wide_out_small_capacity(&out),
                            &length_bytes);
    odbc_wide_in_free(&in);
    bool has_answer =
        SQL_SUCCEEDED(result) || (result == SQL_NEED_DATA && need_data_what != NULL);
    if (has_answer) {
        size_t total_units = odbc_wide_put_answer(
            &out, (size_t)length_bytes, out_string, (size_t)out_buffer_units,
            result == SQL_NEED_DATA ? need_data_what : "The completed connection string",
            diags);
        if (out_length_units != NULL)
            *out_length_units = odbc_clamp_small(total_units);
    }
    odbc_wide_out_free(&out);
    return result;
}
