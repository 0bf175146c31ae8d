// catalog/catalog_types mirrors types/type_table (catalog/ may not include
// types/): the same OIDs, and for each the same SQL type, name, sizes and
// typmod rule, checked here where both modules link. The SQL built from
// the mirror is checked against SQLDescribeCol on a real server by
// tests/integration/catalog/columns_test.cpp.
#include <gtest/gtest.h>

#include <cstdint>

extern "C" {
#include "catalog/catalog_types.h"
#include "types/type_table.h"
}

namespace {

const catalog_type_row *find_row(uint32_t oid)
{
    for (size_t i = 0; i < catalog_type_row_count; i++) {
        if (catalog_type_rows[i].oid == oid)
            return &catalog_type_rows[i];
    }
    return nullptr;
}

TEST(CatalogTypesAgree, SameOidsAreKnown)
{
    for (uint32_t oid = 0; oid < 20000; oid++)
        EXPECT_EQ(types_is_known_oid(oid), find_row(oid) != nullptr) << oid;
}

TEST(CatalogTypesAgree, SharedNumbersAreTheSame)
{
    EXPECT_EQ(CATALOG_UNBOUNDED_TEXT_SIZE, TYPES_UNBOUNDED_TEXT_SIZE);
    EXPECT_EQ(CATALOG_NUMERIC_DEFAULT_PRECISION, TYPES_NUMERIC_DEFAULT_PRECISION);
    EXPECT_EQ(CATALOG_NUMERIC_DEFAULT_SCALE, TYPES_NUMERIC_DEFAULT_SCALE);
    EXPECT_EQ(CATALOG_MAX_UTF8_BYTES_PER_CHAR, TYPES_MAX_UTF8_BYTES_PER_CHAR);
}

// The column size, scale and octet length the catalog row's rule gives
// typmod (what catalog_types.c writes as SQL, in C).
struct Sizes {
    long size;
    long digits;
    long octets;
};

Sizes catalog_sizes(const catalog_type_row &row, int32_t typmod)
{
    long fraction = typmod >= 0 && typmod <= 6 ? typmod : CATALOG_FRACTION_DEFAULT_DIGITS;
    switch (row.size_rule) {
    case CATALOG_SIZE_CHAR_TYPMOD: {
        long characters = typmod >= 5 ? typmod - 4 : CATALOG_UNBOUNDED_TEXT_SIZE;
        return {characters, 0, characters * row.octet_length};
    }
    case CATALOG_SIZE_NUMERIC_TYPMOD: {
        long precision = typmod >= 4 ? ((typmod - 4) >> 16) & 65535
                                     : CATALOG_NUMERIC_DEFAULT_PRECISION;
        long scale = typmod >= 4 ? (typmod - 4) & 2047 : CATALOG_NUMERIC_DEFAULT_SCALE;
        return {precision, scale, precision + 2};
    }
    case CATALOG_SIZE_TIME_TYPMOD:
    case CATALOG_SIZE_TIMETZ_TYPMOD:
        return {8 + (fraction > 0 ? fraction + 1 : 0), fraction, row.octet_length};
    case CATALOG_SIZE_TIMESTAMP_TYPMOD:
        return {19 + (fraction > 0 ? fraction + 1 : 0), fraction, row.octet_length};
    case CATALOG_SIZE_BIT_TYPMOD: {
        long bits = typmod > 0 ? typmod : CATALOG_UNBOUNDED_TEXT_SIZE;
        return {bits, 0, bits};
    }
    case CATALOG_SIZE_FIXED:
    default:
        return {row.column_size, row.decimal_digits, row.octet_length};
    }
}

TEST(CatalogTypesAgree, EveryRowDescribesAsTheTypeTableDoes)
{
    const int32_t typmods[] = {-1, 0, 1, 3, 4, 5, 6, 7, 14, 37, (12 << 16 | 3) + 4,
                               (1000 << 16 | 0) + 4};
    for (size_t i = 0; i < catalog_type_row_count; i++) {
        const catalog_type_row &row = catalog_type_rows[i];
        for (int32_t typmod : typmods) {
            SCOPED_TRACE(std::string(row.type_name) + " typmod " + std::to_string(typmod));
            types_column_description description;
            types_describe_column(row.oid, typmod, &description);
            EXPECT_STREQ(description.type_name, row.type_name);
            EXPECT_EQ(description.concise_type, row.concise_type);
            Sizes sizes = catalog_sizes(row, typmod);
            EXPECT_EQ(static_cast<long>(description.column_size), sizes.size);
            EXPECT_EQ(static_cast<long>(description.decimal_digits), sizes.digits);
            EXPECT_EQ(static_cast<long>(description.octet_length), sizes.octets);
            if (description.num_prec_radix == 10)
                EXPECT_EQ(description.is_unsigned, row.is_unsigned);
            EXPECT_EQ(description.is_fixed_precision_scale, row.is_fixed_precision_scale);
        }
    }
}

TEST(CatalogTypesAgree, UnknownOidsDescribeAsTheUnknownRow)
{
    types_column_description description;
    types_describe_column(600, -1, &description);
    EXPECT_EQ(description.concise_type, catalog_unknown_type_row.concise_type);
    EXPECT_EQ(static_cast<long>(description.column_size), catalog_unknown_type_row.column_size);
    EXPECT_EQ(static_cast<long>(description.octet_length), catalog_unknown_type_row.octet_length);
}

} // namespace
