/* Descriptor handles.
 * Owns: the four implicit descriptors each statement allocates (ARD, APD,
 * IRD, IPD), so that SQLGetStmtAttr can hand out valid handles as the
 * driver manager expects. They carry no fields yet: bindings live on the
 * statement (stmt.h). Explicit descriptors are not supported (HYC00). */
#ifndef PGO_ODBC_DESC_H
#define PGO_ODBC_DESC_H

#include <sql.h>
#include <sqlext.h>
#include "odbc/handle.h"

struct odbc_stmt;

enum odbc_desc_role {
    ODBC_DESC_APP_ROW = 0,
    ODBC_DESC_APP_PARAM,
    ODBC_DESC_IMP_ROW,
    ODBC_DESC_IMP_PARAM,
    ODBC_DESC_ROLE_COUNT
};

struct odbc_desc {
    struct odbc_handle header;
    struct odbc_stmt *stmt; /* owner */
    enum odbc_desc_role role;
};

/* NULL when out of memory. */
struct odbc_desc *odbc_desc_new_implicit(struct odbc_stmt *stmt, enum odbc_desc_role role);
void odbc_desc_free(struct odbc_desc *desc); /* accepts NULL */

#endif
