// catalog/catalog_args: ordinary, pattern and identifier arguments become
// the right condition and value (wildcards, the escape, a trailing escape,
// "%" alone, quoting and folding, embedded NULs), and SQLTables' type list
// is parsed into the driver's spelling.
#include <gtest/gtest.h>

#include <string>

extern "C" {
#include "catalog/catalog_args.h"
#include "util/buf.h"
}

namespace {

struct Parsed {
    catalog_match match;
    std::string value;
};

Parsed parse(const char *text, size_t length, catalog_arg_kind kind, bool is_identifier)
{
    catalog_arg arg;
    catalog_arg_init(&arg);
    EXPECT_EQ(catalog_arg_set(&arg, text, length, kind, is_identifier), 0);
    Parsed parsed{arg.match, arg.value != nullptr ? arg.value : "<none>"};
    catalog_arg_reset(&arg);
    return parsed;
}

Parsed pattern(const std::string &text)
{
    return parse(text.data(), text.size(), CATALOG_ARG_PATTERN, false);
}

Parsed identifier(const std::string &text)
{
    return parse(text.data(), text.size(), CATALOG_ARG_PATTERN, true);
}

// The lower-case form an argument also matches, or "<none>".
std::string folded(const std::string &text, catalog_arg_kind kind, bool is_identifier = false)
{
    catalog_arg arg;
    catalog_arg_init(&arg);
    EXPECT_EQ(catalog_arg_set(&arg, text.data(), text.size(), kind, is_identifier), 0);
    std::string value = arg.folded_value != nullptr ? arg.folded_value : "<none>";
    catalog_arg_reset(&arg);
    return value;
}

TEST(CatalogArgs, UpperCaseNameAlsoMatchesItsLowerCaseForm)
{
    EXPECT_EQ(folded("ORDERS", CATALOG_ARG_ORDINARY), "orders");
    EXPECT_EQ(folded("ORDER\\_%", CATALOG_ARG_PATTERN), "order\\_%");
    EXPECT_EQ(folded("T1_X", CATALOG_ARG_PATTERN), "t1_x");
    EXPECT_EQ(pattern("ORDERS").value, "ORDERS") << "the name itself is still matched as given";
}

TEST(CatalogArgs, NameWithALowerCaseLetterOrNoLetterIsNotFolded)
{
    EXPECT_EQ(folded("Orders", CATALOG_ARG_ORDINARY), "<none>");
    EXPECT_EQ(folded("ORDERs", CATALOG_ARG_PATTERN), "<none>");
    EXPECT_EQ(folded("1_2%", CATALOG_ARG_PATTERN), "<none>");
    EXPECT_EQ(folded("%", CATALOG_ARG_PATTERN), "<none>");
    // Identifier arguments fold themselves, as the server does.
    EXPECT_EQ(folded("ORDERS", CATALOG_ARG_ORDINARY, true), "<none>");
    EXPECT_EQ(identifier("ORDERS").value, "orders");
}

TEST(CatalogArgs, NullArgumentIsNoCondition)
{
    EXPECT_EQ(parse(nullptr, 0, CATALOG_ARG_PATTERN, false).match, CATALOG_MATCH_ANY);
    EXPECT_EQ(parse(nullptr, 0, CATALOG_ARG_ORDINARY, true).match, CATALOG_MATCH_ANY);
}

TEST(CatalogArgs, OrdinaryArgumentIsTakenLiterally)
{
    std::string text = "a%b_c\\";
    Parsed parsed = parse(text.data(), text.size(), CATALOG_ARG_ORDINARY, false);
    EXPECT_EQ(parsed.match, CATALOG_MATCH_EQUAL);
    EXPECT_EQ(parsed.value, "a%b_c\\");
}

TEST(CatalogArgs, PatternWithoutWildcardsIsEqualityOnItsUnescapedText)
{
    Parsed parsed = pattern("ab\\_c\\%");
    EXPECT_EQ(parsed.match, CATALOG_MATCH_EQUAL);
    EXPECT_EQ(parsed.value, "ab_c%");
}

TEST(CatalogArgs, PatternWithWildcardsKeepsEveryEscapeBeforeItsCharacter)
{
    Parsed parsed = pattern("a\\_b%c_");
    EXPECT_EQ(parsed.match, CATALOG_MATCH_LIKE);
    EXPECT_EQ(parsed.value, "a\\_b%c_");
}

TEST(CatalogArgs, TrailingLoneEscapeMeansItself)
{
    EXPECT_EQ(pattern("ab\\").value, "ab\\");
    Parsed with_wildcard = pattern("a%\\");
    EXPECT_EQ(with_wildcard.match, CATALOG_MATCH_LIKE);
    EXPECT_EQ(with_wildcard.value, "a%\\\\");
}

TEST(CatalogArgs, PercentAloneIsNoConditionButEscapedPercentIsLiteral)
{
    EXPECT_EQ(pattern("%").match, CATALOG_MATCH_ANY);
    EXPECT_EQ(pattern("%%").match, CATALOG_MATCH_ANY);
    Parsed escaped = pattern("\\%");
    EXPECT_EQ(escaped.match, CATALOG_MATCH_EQUAL);
    EXPECT_EQ(escaped.value, "%");
}

TEST(CatalogArgs, EmptyPatternMatchesOnlyTheEmptyName)
{
    Parsed parsed = pattern("");
    EXPECT_EQ(parsed.match, CATALOG_MATCH_EQUAL);
    EXPECT_EQ(parsed.value, "");
}

TEST(CatalogArgs, EmbeddedNulMatchesNothing)
{
    std::string text("ab\0c", 4);
    EXPECT_EQ(pattern(text).match, CATALOG_MATCH_NOTHING);
    EXPECT_EQ(identifier(text).match, CATALOG_MATCH_NOTHING);
}

TEST(CatalogArgs, UnquotedIdentifierLosesTrailingBlanksAndFoldsAsciiToLowerCase)
{
    Parsed parsed = identifier("MiXed_ÄB%  ");
    EXPECT_EQ(parsed.match, CATALOG_MATCH_EQUAL);
    EXPECT_EQ(parsed.value, "mixed_Äb%");
}

TEST(CatalogArgs, QuotedIdentifierKeepsCaseAndUndoublesQuotes)
{
    Parsed parsed = identifier("  \"Mi\"\"Xed %\"  ");
    EXPECT_EQ(parsed.match, CATALOG_MATCH_EQUAL);
    EXPECT_EQ(parsed.value, "Mi\"Xed %");
}

std::string types(const std::string &list, bool *is_all)
{
    buf out;
    buf_init(&out, 1024);
    EXPECT_EQ(catalog_parse_table_types(list.data(), list.size(), is_all, &out), 0);
    std::string text(reinterpret_cast<const char *>(out.data), out.length);
    buf_reset(&out);
    return text;
}

TEST(CatalogArgs, TableTypeListIsParsedIntoTheDriversSpelling)
{
    bool is_all = true;
    EXPECT_EQ(types("'VIEW', table ,'system table'", &is_all), "SYSTEM TABLE,TABLE,VIEW");
    EXPECT_FALSE(is_all);
    EXPECT_EQ(types("SYNONYM,ALIAS", &is_all), "");
    EXPECT_FALSE(is_all);
    EXPECT_EQ(types(" % ", &is_all), "");
    EXPECT_TRUE(is_all);
}

} // namespace
