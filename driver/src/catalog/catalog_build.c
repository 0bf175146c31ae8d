/* Shared pieces of the catalog query builders (see catalog_build.h). */
#include "catalog/catalog_build.h"

#include <stdio.h>
#include <string.h>

void catalog_values_init(struct catalog_values *values)
{
    values->count = 0;
}

void catalog_table_request_init(struct catalog_table_request *request)
{
    catalog_arg_init(&request->catalog);
    catalog_arg_init(&request->schema);
    catalog_arg_init(&request->table);
    request->has_wide_characters = false;
}

void catalog_table_request_reset(struct catalog_table_request *request)
{
    catalog_arg_reset(&request->catalog);
    catalog_arg_reset(&request->schema);
    catalog_arg_reset(&request->table);
}

int catalog_append(struct buf *sql, const char *text)
{
    return buf_append(sql, text, strlen(text));
}

/* column operator $n, value becoming parameter n. */
static int append_comparison(struct buf *sql, struct catalog_values *values, const char *column,
                             const char *operator, const char *value)
{
    if (values->count >= CATALOG_MAX_VALUES)
        return -1;
    values->values[values->count++] = value;
    char number[8];
    int length = snprintf(number, sizeof number, "%zu", values->count);
    if (length < 0 || (size_t)length >= sizeof number)
        return -1;
    if (catalog_append(sql, column) != 0 || catalog_append(sql, operator) != 0 ||
        buf_append(sql, number, (size_t)length) != 0)
        return -1;
    return 0;
}

int catalog_append_match(struct buf *sql, struct catalog_values *values, const char *column,
                         const struct catalog_arg *arg)
{
    const char *operator;
    switch (arg->match) {
    case CATALOG_MATCH_ANY:
        return 0;
    case CATALOG_MATCH_NOTHING:
        return catalog_append(sql, " AND false");
    case CATALOG_MATCH_EQUAL:
        operator= " = $";
        break;
    case CATALOG_MATCH_LIKE:
    default:
        operator= " LIKE $";
        break;
    }
    if (arg->value == NULL || catalog_append(sql, " AND ") != 0)
        return -1;
    if (arg->folded_value == NULL)
        return append_comparison(sql, values, column, operator, arg->value);
    /* An upper-case name also matches its lower-case form (catalog_args.h). */
    if (catalog_append(sql, "(") != 0 ||
        append_comparison(sql, values, column, operator, arg->value) != 0 ||
        catalog_append(sql, " OR ") != 0 ||
        append_comparison(sql, values, column, operator, arg->folded_value) != 0)
        return -1;
    return catalog_append(sql, ")");
}

int catalog_append_table_match(struct buf *sql, struct catalog_values *values,
                               const struct catalog_table_request *request,
                               const char *schema_column, const char *table_column)
{
    if (catalog_append_match(sql, values, CATALOG_CURRENT, &request->catalog) != 0 ||
        catalog_append_match(sql, values, schema_column, &request->schema) != 0 ||
        catalog_append_match(sql, values, table_column, &request->table) != 0)
        return -1;
    return 0;
}

static int append_type_column(struct buf *sql, enum catalog_type_field field, const char *cast,
                              const char *alias, bool has_wide_characters)
{
    if (catalog_append(sql, ", ") != 0 ||
        catalog_append_type_expression(sql, field, "b.oid", "b.typmod", has_wide_characters) !=
            0 ||
        catalog_append(sql, "::") != 0 || catalog_append(sql, cast) != 0 ||
        catalog_append(sql, " AS \"") != 0 || catalog_append(sql, alias) != 0 ||
        catalog_append(sql, "\"") != 0)
        return -1;
    return 0;
}

int catalog_append_select_items(struct buf *sql, const struct catalog_select_item *items,
                                size_t count, bool has_wide_characters)
{
    for (size_t i = 0; i < count; i++) {
        int status = items[i].text != NULL
                         ? catalog_append(sql, items[i].text)
                         : append_type_column(sql, items[i].field, items[i].cast, items[i].alias,
                                              has_wide_characters);
        if (status != 0)
            return -1;
    }
    return 0;
}
