// The keyword table holds every keyword and alias of KEYWORDS.md and the
// standard ODBC keywords, each name once.
#include <gtest/gtest.h>

#include <cstring>
#include <set>
#include <string>

extern "C" {
#include "connstr/keywords.h"
}

namespace {

const struct connstr_keyword *Find(const char *name)
{
    return connstr_keyword_find(name, strlen(name));
}

TEST(ConnstrKeywords, EveryDocumentedNameFindsItsCanonicalRow)
{
    struct Case {
        const char *name;
        const char *canonical;
    } cases[] = {
        {"UID", "UID"},
        {"User", "UID"},
        {"Username", "UID"},
        {"Server", "Server"},
        {"Host", "Server"},
        {"Servername", "Server"},
        {"Database", "Database"},
        {"DB", "Database"},
        {"DBName", "Database"},
        {"Port", "Port"},
        {"PWD", "PWD"},
        {"Password", "PWD"},
        {"SourceAddress", "SourceAddress"},
        {"UnixSock", "UnixSock"},
        {"UnixSocket", "UnixSock"},
        {"SSLMode", "SSLMode"},
        {"sslmode", "SSLMode"},
        {"SSLRootCert", "SSLRootCert"},
        {"sslrootcert", "SSLRootCert"},
        {"SSLCert", "SSLCert"},
        {"sslcert", "SSLCert"},
        {"SSLKey", "SSLKey"},
        {"sslkey", "SSLKey"},
        {"SSLCRL", "SSLCRL"},
        {"sslcrl", "SSLCRL"},
        {"Timeout", "Timeout"},
        {"ConnectTimeout", "Timeout"},
        {"TCPKeepalive", "TCPKeepalive"},
        {"Keepalive", "TCPKeepalive"},
        {"ApplicationName", "ApplicationName"},
        {"application_name", "ApplicationName"},
        {"Replication", "Replication"},
        {"StartupParams", "StartupParams"},
        {"Sock", "Sock"},
        {"DSN", "DSN"},
        {"DRIVER", "DRIVER"},
        {"FILEDSN", "FILEDSN"},
        {"SAVEFILE", "SAVEFILE"},
        {"ParamStyle", "ParamStyle"},
    };
    for (const Case &c : cases) {
        const struct connstr_keyword *row = Find(c.name);
        ASSERT_NE(row, nullptr) << c.name;
        EXPECT_STREQ(row->name, c.canonical) << c.name;
    }
}

TEST(ConnstrKeywords, UnknownNamesAreNotFound)
{
    EXPECT_EQ(Find("Foo"), nullptr);
    EXPECT_EQ(Find(""), nullptr);
    EXPECT_EQ(Find("UIDX"), nullptr);
    EXPECT_EQ(connstr_keyword_find("UIDX", 2), nullptr) << "a prefix is not a keyword";
}

TEST(ConnstrKeywords, OnlyThePasswordAndTheKeyPassphraseAreSecret)
{
    for (size_t i = 0; i < connstr_keyword_count(); i++) {
        const struct connstr_keyword *row = connstr_keyword_at(i);
        EXPECT_EQ(row->is_secret,
                  strcmp(row->name, "PWD") == 0 || strcmp(row->name, "SSLPassword") == 0)
            << row->name;
    }
}

TEST(ConnstrKeywords, NamesAreUniqueIgnoringCaseAcrossRows)
{
    std::set<std::string> seen;
    for (size_t i = 0; i < connstr_keyword_count(); i++) {
        const struct connstr_keyword *row = connstr_keyword_at(i);
        ASSERT_NE(row->help, nullptr) << row->name;
        std::set<std::string> own;
        auto fold = [](std::string text) {
            for (char &c : text) {
                c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
            }
            return text;
        };
        own.insert(fold(row->name));
        for (size_t a = 0; row->aliases[a] != nullptr; a++) {
            own.insert(fold(row->aliases[a]));
        }
        for (const std::string &name : own) {
            EXPECT_TRUE(seen.insert(name).second) << name << " appears in two rows";
        }
    }
    EXPECT_EQ(connstr_keyword_at(connstr_keyword_count()), nullptr);
}

TEST(ConnstrKeywords, DefaultsMatchKeywordsMd)
{
    EXPECT_STREQ(Find("Server")->default_text, "localhost");
    EXPECT_STREQ(Find("Port")->default_text, "5432");
    EXPECT_STREQ(Find("SSLMode")->default_text, "prefer");
    EXPECT_STREQ(Find("TCPKeepalive")->default_text, "1");
    EXPECT_EQ(Find("UID")->default_text, nullptr);
    EXPECT_STREQ(Find("Port")->help, "a number from 1 to 65535");
}

} // namespace
