/* Implicit descriptors (see desc.h): allocated with their statement,
 * freed with it, never by SQLFreeHandle (HY017 there). */
#include "odbc/desc.h"

#include "util/alloc.h"

struct odbc_desc *odbc_desc_new_implicit(struct odbc_stmt *stmt, enum odbc_desc_role role)
{
    struct odbc_desc *desc = alloc_zeroed(sizeof *desc);
    if (desc == NULL)
        return NULL;
    if (odbc_handle_init(&desc->header, SQL_HANDLE_DESC) != 0) {
        alloc_free(desc);
        return NULL;
    }
    desc->stmt = stmt;
    desc->role = role;
    return desc;
}

void odbc_desc_free(struct odbc_desc *desc)
{
    if (desc == NULL)
        return;
    odbc_handle_reset(&desc->header);
    alloc_free(desc);
}
