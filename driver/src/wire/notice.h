/* ErrorResponse and NoticeResponse bodies → struct error.
 * Owns: the field parser. The caller decides what the record means (a
 * failed statement, a refused login, a notice for the sink). */
#ifndef PGO_WIRE_NOTICE_H
#define PGO_WIRE_NOTICE_H

#include <stddef.h>
#include "util/compiler.h"
#include "util/error.h"

/* Fills *out (error_init'ed here) with origin SERVER: SQLSTATE, severity
 * (the non-localized one when present), message, detail, hint, position,
 * and, appended to detail, the context ("CONTEXT: ..."). Unknown field types
 * are skipped as the protocol asks. Returns -1 with an 08P01 *error when
 * the body is malformed: a field without its NUL, no terminator, leftover
 * bytes, a missing or malformed SQLSTATE, a position that is not a number. */
int wire_notice_parse(const unsigned char *body, size_t length_bytes, struct error *out,
                      struct error *error) PGO_MUST_CHECK;

#endif
