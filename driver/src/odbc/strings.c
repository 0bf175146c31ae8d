/* Strings at the ODBC boundary (see strings.h). */
#include "odbc/strings.h"

#include <limits.h>
#include <stdint.h>
#include <string.h>

bool odbc_resolve_length(const SQLCHAR *text, SQLLEN length, const char **out_text,
                         size_t *out_length)
{
    if (text == NULL) {
        if (length != SQL_NTS && length != 0)
            return false;
        *out_text = "";
        *out_length = 0;
        return true;
    }
    if (length == SQL_NTS) {
        *out_text = (const char *)text;
        *out_length = strlen((const char *)text);
        return true;
    }
    if (length < 0)
        return false;
    *out_text = (const char *)text;
    *out_length = (size_t)length;
    return true;
}

bool odbc_copy_out_string(const char *text, size_t text_length, SQLCHAR *buffer,
                          SQLLEN buffer_length)
{
    /* A NULL buffer asks only for the length: nothing is lost. */
    if (buffer == NULL)
        return true;
    if (buffer_length <= 0)
        return text_length == 0;
    size_t room = (size_t)buffer_length - 1;
    size_t copy = text_length < room ? text_length : room;
    if (copy > 0)
        memcpy(buffer, text, copy);
    buffer[copy] = 0;
    return copy == text_length;
}

bool odbc_copy_out_string_small(const char *text, size_t text_length, SQLCHAR *buffer,
                                SQLSMALLINT buffer_length, SQLSMALLINT *length_out)
{
    if (length_out != NULL)
        *length_out = odbc_clamp_small(text_length);
    return odbc_copy_out_string(text, text_length, buffer, buffer_length);
}

SQLSMALLINT odbc_clamp_small(size_t value)
{
    return value > (size_t)SHRT_MAX ? (SQLSMALLINT)SHRT_MAX : (SQLSMALLINT)value;
}

SQLINTEGER odbc_clamp_integer(size_t value)
{
    return value > (size_t)INT32_MAX ? (SQLINTEGER)INT32_MAX : (SQLINTEGER)value;
}

SQLLEN odbc_clamp_len(size_t value)
{
    return value > (size_t)INT64_MAX ? (SQLLEN)INT64_MAX : (SQLLEN)value;
}
