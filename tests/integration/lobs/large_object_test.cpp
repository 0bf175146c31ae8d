// LargeObjects=1: an SQL_LONGVARBINARY parameter sent at execution is
// written piece by piece into a new large object whose OID the statement
// receives; an oid (or lo) column read with SQLGetData as SQL_C_BINARY
// gives the object's bytes piece by piece (01004 and the bytes left while
// more remain, SQL_NO_DATA after the last); both inside the application's
// transaction. A 100 MB object makes the round trip in bounded memory.
#include "lobs/lobs_test.h"

#include <sys/resource.h>

#include <chrono>
#include <cstdint>
#include <cstdio>

namespace pgo_test {
namespace {

class LargeObjectTest : public LobsTest {
protected:
    std::string keywords() const override { return "LargeObjects=1;"; }

    void SetUp() override {
        LobsTest::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        run("CREATE TEMP TABLE pgo_docs (id int PRIMARY KEY, doc oid)");
    }

    // INSERT INTO table (id, doc) VALUES (id, ?) with the pieces sent at
    // execution (nullopt: SQL_NULL_DATA; an empty list: one empty piece,
    // since the driver manager wants at least one SQLPutData).
    void insert_pieces(const std::string &table, int id,
                       const std::optional<std::vector<std::string>> &pieces) {
        Statement insert(connection->get());
        SQLLEN indicator = SQL_DATA_AT_EXEC;
        SQLPOINTER token = reinterpret_cast<SQLPOINTER>(static_cast<intptr_t>(id));
        ASSERT_EQ(SQLBindParameter(insert.get(), 1, SQL_PARAM_INPUT, SQL_C_BINARY,
                                   SQL_LONGVARBINARY, 0, 0, token, 0, &indicator),
                  SQL_SUCCESS)
            << format_diags(insert.diags());
        std::string sql =
            "INSERT INTO " + table + " (id, doc) VALUES (" + std::to_string(id) + ", ?)";
        ASSERT_EQ(SQLExecDirect(insert.get(), text(sql), SQL_NTS), SQL_NEED_DATA)
            << format_diags(insert.diags());
        SQLPOINTER asked = nullptr;
        ASSERT_EQ(SQLParamData(insert.get(), &asked), SQL_NEED_DATA)
            << format_diags(insert.diags());
        EXPECT_EQ(asked, token);
        if (!pieces.has_value()) {
            ASSERT_EQ(SQLPutData(insert.get(), nullptr, SQL_NULL_DATA), SQL_SUCCESS)
                << format_diags(insert.diags());
        } else if (pieces->empty()) {
            ASSERT_EQ(SQLPutData(insert.get(), const_cast<char *>(""), 0), SQL_SUCCESS)
                << format_diags(insert.diags());
        } else {
            for (const std::string &piece : *pieces) {
                ASSERT_EQ(SQLPutData(insert.get(), const_cast<char *>(piece.data()),
                                     static_cast<SQLLEN>(piece.size())),
                          SQL_SUCCESS)
                    << format_diags(insert.diags());
            }
        }
        SQLRETURN rc = SQLParamData(insert.get(), &asked);
        ASSERT_TRUE(succeeded(rc)) << rc_name(rc) << format_diags(insert.diags());
    }
};

TEST_F(LargeObjectTest, PutDataPiecesBecomeALargeObjectAndGetDataReadsItBackInPieces) {
    set_autocommit(false);
    insert_pieces("pgo_docs", 1, std::vector<std::string>{"Hello, ", "large ", "object!"});
    EXPECT_EQ(scalar_text("SELECT convert_from(lo_get(doc), 'UTF8') FROM pgo_docs WHERE id = 1"),
              "Hello, large object!");

    ASSERT_OK_STMT(exec("SELECT doc FROM pgo_docs WHERE id = 1"));
    ASSERT_OK_STMT(SQLFetch(h()));
    char piece[8];
    SQLLEN indicator = 0;
    std::string read;
    std::vector<SQLLEN> remaining;
    for (;;) {
        SQLRETURN rc = SQLGetData(h(), 1, SQL_C_BINARY, piece, sizeof piece, &indicator);
        if (rc == SQL_NO_DATA) {
            break;
        }
        ASSERT_TRUE(succeeded(rc)) << format_diags(stmt->diags());
        remaining.push_back(indicator);
        size_t got = rc == SQL_SUCCESS_WITH_INFO ? sizeof piece : static_cast<size_t>(indicator);
        if (rc == SQL_SUCCESS_WITH_INFO) {
            EXPECT_DIAG(stmt->diags(), "01004", {});
        }
        read.append(piece, got);
    }
    EXPECT_EQ(read, "Hello, large object!");
    EXPECT_EQ(remaining, (std::vector<SQLLEN>{20, 12, 4})) << "bytes left before each piece";
}

TEST_F(LargeObjectTest, EveryRowOfAStreamingResultReadsItsOwnObject) {
    set_autocommit(false);
    for (int id = 1; id <= 3; ++id) {
        insert_pieces("pgo_docs", id, std::vector<std::string>{"object ", std::to_string(id)});
    }
    ASSERT_OK_STMT(exec("SELECT id, doc FROM pgo_docs ORDER BY id"));
    for (int id = 1; id <= 3; ++id) {
        ASSERT_OK_STMT(SQLFetch(h()));
        char bytes[32];
        SQLLEN indicator = 0;
        // The object's calls need the connection: the rest of this result
        // is buffered first and the fetches go on from there.
        ASSERT_EQ(SQLGetData(h(), 2, SQL_C_BINARY, bytes, sizeof bytes, &indicator), SQL_SUCCESS)
            << format_diags(stmt->diags());
        EXPECT_EQ(std::string(bytes, static_cast<size_t>(indicator)),
                  "object " + std::to_string(id));
        SQLINTEGER read_id = 0;
        ASSERT_OK_STMT(SQLGetData(h(), 1, SQL_C_SLONG, &read_id, 0, nullptr));
        EXPECT_EQ(read_id, id);
    }
    EXPECT_EQ(SQLFetch(h()), SQL_NO_DATA);
}

TEST_F(LargeObjectTest, ZeroLengthBufferAsksTheSizeAndOtherCTypesReadTheOid) {
    set_autocommit(false);
    insert_pieces("pgo_docs", 1, std::vector<std::string>{std::string(5000, 'x')});
    std::string oid = scalar_text("SELECT doc::text FROM pgo_docs WHERE id = 1");
    ASSERT_OK_STMT(exec("SELECT doc FROM pgo_docs WHERE id = 1"));
    ASSERT_OK_STMT(SQLFetch(h()));
    char none[1];
    SQLLEN indicator = 0;
    EXPECT_EQ(SQLGetData(h(), 1, SQL_C_BINARY, none, 0, &indicator), SQL_SUCCESS_WITH_INFO);
    EXPECT_EQ(indicator, 5000);
    char number[32];
    ASSERT_OK_STMT(SQLGetData(h(), 1, SQL_C_CHAR, number, sizeof number, &indicator));
    EXPECT_EQ(std::string(number), oid);
}

TEST_F(LargeObjectTest, NullStaysNullAndAnEmptyPieceMakesAnEmptyObject) {
    set_autocommit(false);
    insert_pieces("pgo_docs", 1, std::nullopt);
    insert_pieces("pgo_docs", 2, std::vector<std::string>{});
    EXPECT_EQ(scalar_text("SELECT (doc IS NULL)::text FROM pgo_docs WHERE id = 1"), "true");
    EXPECT_EQ(scalar_text("SELECT length(lo_get(doc))::text FROM pgo_docs WHERE id = 2"), "0");
    ASSERT_OK_STMT(exec("SELECT doc FROM pgo_docs ORDER BY id"));
    ASSERT_OK_STMT(SQLFetch(h()));
    char piece[4];
    SQLLEN indicator = 0;
    ASSERT_EQ(SQLGetData(h(), 1, SQL_C_BINARY, piece, sizeof piece, &indicator), SQL_SUCCESS);
    EXPECT_EQ(indicator, SQL_NULL_DATA);
    ASSERT_OK_STMT(SQLFetch(h()));
    ASSERT_EQ(SQLGetData(h(), 1, SQL_C_BINARY, piece, sizeof piece, &indicator), SQL_SUCCESS);
    EXPECT_EQ(indicator, 0);
    EXPECT_EQ(SQLGetData(h(), 1, SQL_C_BINARY, piece, sizeof piece, &indicator), SQL_NO_DATA);
}

TEST_F(LargeObjectTest, RollbackRemovesTheObjectTheStatementCreated) {
    set_autocommit(false);
    insert_pieces("pgo_docs", 1, std::vector<std::string>{"temporary"});
    // This object by its OID: counting all of them raced with other tests
    // creating their own in the same database.
    std::string oid = scalar_text("SELECT doc::oid::text FROM pgo_docs WHERE id = 1");
    ASSERT_FALSE(oid.empty());
    const std::string exists =
        "SELECT count(*) FROM pg_largeobject_metadata WHERE oid = " + oid + "::oid";
    EXPECT_EQ(scalar_text(exists), "1");
    ASSERT_EQ(SQLEndTran(SQL_HANDLE_DBC, connection->get(), SQL_ROLLBACK), SQL_SUCCESS);
    EXPECT_EQ(scalar_text(exists), "0");
}

TEST_F(LargeObjectTest, AutocommitWritesAndReadsToo) {
    insert_pieces("pgo_docs", 1, std::vector<std::string>{"auto", "commit"});
    ASSERT_OK_STMT(exec("SELECT doc FROM pgo_docs WHERE id = 1"));
    ASSERT_OK_STMT(SQLFetch(h()));
    char piece[64];
    SQLLEN indicator = 0;
    ASSERT_EQ(SQLGetData(h(), 1, SQL_C_BINARY, piece, sizeof piece, &indicator), SQL_SUCCESS)
        << format_diags(stmt->diags());
    EXPECT_EQ(std::string(piece, static_cast<size_t>(indicator)), "autocommit");
    run("SELECT lo_unlink(doc) FROM pgo_docs");
}

TEST_F(LargeObjectTest, LoDomainColumnOfTheLoExtensionReadsAndWritesAsALargeObject) {
    run("CREATE EXTENSION IF NOT EXISTS lo");
    set_autocommit(false);
    run("CREATE TEMP TABLE pgo_lo_docs (id int PRIMARY KEY, doc lo)");
    // Prepared: the server describes the parameter as lo; the driver sends oid.
    Statement insert(connection->get());
    ASSERT_EQ(SQLPrepare(insert.get(), text("INSERT INTO pgo_lo_docs VALUES (7, ?)"), SQL_NTS),
              SQL_SUCCESS)
        << format_diags(insert.diags());
    SQLLEN indicator = SQL_LEN_DATA_AT_EXEC(6);
    ASSERT_EQ(SQLBindParameter(insert.get(), 1, SQL_PARAM_INPUT, SQL_C_BINARY, SQL_LONGVARBINARY,
                               6, 0, reinterpret_cast<SQLPOINTER>(1), 0, &indicator),
              SQL_SUCCESS);
    ASSERT_EQ(SQLExecute(insert.get()), SQL_NEED_DATA) << format_diags(insert.diags());
    SQLPOINTER asked = nullptr;
    ASSERT_EQ(SQLParamData(insert.get(), &asked), SQL_NEED_DATA);
    ASSERT_EQ(SQLPutData(insert.get(), const_cast<char *>("\x01\x00\x02"), 3), SQL_SUCCESS);
    ASSERT_EQ(SQLPutData(insert.get(), const_cast<char *>("\xff\xfe\x00"), 3), SQL_SUCCESS);
    SQLRETURN rc = SQLParamData(insert.get(), &asked);
    ASSERT_TRUE(succeeded(rc)) << format_diags(insert.diags());
    EXPECT_EQ(scalar_text("SELECT encode(lo_get(doc), 'hex') FROM pgo_lo_docs"), "010002fffe00");
    ASSERT_OK_STMT(exec("SELECT doc FROM pgo_lo_docs"));
    ASSERT_OK_STMT(SQLFetch(h()));
    unsigned char bytes[16];
    ASSERT_EQ(SQLGetData(h(), 1, SQL_C_BINARY, bytes, sizeof bytes, &indicator), SQL_SUCCESS)
        << format_diags(stmt->diags());
    ASSERT_EQ(indicator, 6);
    EXPECT_EQ(std::string(reinterpret_cast<char *>(bytes), 6),
              std::string("\x01\x00\x02\xff\xfe\x00", 6));
}

class LargeObjectOffTest : public LobsTest {
protected:
    std::string keywords() const override { return ""; }
};

TEST_F(LargeObjectOffTest, WithoutTheKeywordAnOidReadsAsItselfAndBinaryParametersAsBytea) {
    ASSERT_OK_STMT(exec("SELECT 12345::oid"));
    ASSERT_OK_STMT(SQLFetch(h()));
    char bytes[16];
    SQLLEN indicator = 0;
    ASSERT_OK_STMT(SQLGetData(h(), 1, SQL_C_BINARY, bytes, sizeof bytes, &indicator));
    EXPECT_NE(indicator, 0);
    EXPECT_NE(indicator, SQL_NULL_DATA);
    ASSERT_EQ(SQLFreeStmt(h(), SQL_CLOSE), SQL_SUCCESS);
    run("CREATE TEMP TABLE pgo_bytes (b bytea)");
    // One transaction, so that "no large object was made" can be asked of
    // it alone (other tests make theirs in the same database meanwhile).
    set_autocommit(false);
    Statement insert(connection->get());
    SQLLEN data_at_exec = SQL_DATA_AT_EXEC;
    ASSERT_EQ(SQLBindParameter(insert.get(), 1, SQL_PARAM_INPUT, SQL_C_BINARY, SQL_LONGVARBINARY,
                               0, 0, reinterpret_cast<SQLPOINTER>(1), 0, &data_at_exec),
              SQL_SUCCESS);
    ASSERT_EQ(SQLExecDirect(insert.get(), text("INSERT INTO pgo_bytes VALUES (?)"), SQL_NTS),
              SQL_NEED_DATA);
    SQLPOINTER asked = nullptr;
    ASSERT_EQ(SQLParamData(insert.get(), &asked), SQL_NEED_DATA);
    ASSERT_EQ(SQLPutData(insert.get(), const_cast<char *>("abc"), 3), SQL_SUCCESS);
    ASSERT_TRUE(succeeded(SQLParamData(insert.get(), &asked))) << format_diags(insert.diags());
    EXPECT_EQ(scalar_text("SELECT encode(b, 'escape') FROM pgo_bytes"), "abc");
    EXPECT_EQ(scalar_text("SELECT count(*) FROM pg_largeobject_metadata WHERE age(xmin) = 0"),
              "0");
    ASSERT_EQ(SQLEndTran(SQL_HANDLE_DBC, connection->get(), SQL_ROLLBACK), SQL_SUCCESS);
}

// 100 MB in 1 MB pieces, both ways, in manual-commit mode; the process's
// peak RSS (one test per process under ctest) must stay far below the
// object's size.
TEST_F(LargeObjectTest, HundredMegabyteRoundTripInBoundedMemory) {
    constexpr size_t kPiece = size_t{1} << 20;
    constexpr size_t kPieces = 100;
    set_autocommit(false);
    auto pattern = [](size_t index, std::vector<unsigned char> &out) {
        uint32_t state = static_cast<uint32_t>(index) * 2654435761u + 1u;
        for (auto &byte : out) {
            state = state * 1103515245u + 12345u;
            byte = static_cast<unsigned char>(state >> 24);
        }
    };
    auto start = std::chrono::steady_clock::now();
    Statement insert(connection->get());
    SQLLEN indicator = SQL_DATA_AT_EXEC;
    ASSERT_EQ(SQLBindParameter(insert.get(), 1, SQL_PARAM_INPUT, SQL_C_BINARY, SQL_LONGVARBINARY,
                               0, 0, reinterpret_cast<SQLPOINTER>(1), 0, &indicator),
              SQL_SUCCESS);
    ASSERT_EQ(SQLExecDirect(insert.get(), text("INSERT INTO pgo_docs VALUES (100, ?)"), SQL_NTS),
              SQL_NEED_DATA);
    SQLPOINTER asked = nullptr;
    ASSERT_EQ(SQLParamData(insert.get(), &asked), SQL_NEED_DATA);
    std::vector<unsigned char> piece(kPiece);
    for (size_t i = 0; i < kPieces; ++i) {
        pattern(i, piece);
        ASSERT_EQ(SQLPutData(insert.get(), piece.data(), static_cast<SQLLEN>(kPiece)),
                  SQL_SUCCESS)
            << "piece " << i << format_diags(insert.diags());
    }
    ASSERT_TRUE(succeeded(SQLParamData(insert.get(), &asked))) << format_diags(insert.diags());
    double write_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_EQ(scalar_text("SELECT sum(length(lo_get(doc, n * 1048576, 1048576)))::text "
                          "FROM pgo_docs, generate_series(0, 99) n WHERE id = 100"),
              std::to_string(kPieces * kPiece));

    start = std::chrono::steady_clock::now();
    ASSERT_OK_STMT(exec("SELECT doc FROM pgo_docs WHERE id = 100"));
    ASSERT_OK_STMT(SQLFetch(h()));
    std::vector<unsigned char> expected(kPiece);
    for (size_t i = 0; i < kPieces; ++i) {
        SQLLEN left = 0;
        SQLRETURN rc = SQLGetData(h(), 1, SQL_C_BINARY, piece.data(),
                                  static_cast<SQLLEN>(kPiece), &left);
        ASSERT_EQ(rc, i + 1 < kPieces ? SQL_SUCCESS_WITH_INFO : SQL_SUCCESS)
            << "piece " << i << format_diags(stmt->diags());
        ASSERT_EQ(left, static_cast<SQLLEN>((kPieces - i) * kPiece)) << "piece " << i;
        pattern(i, expected);
        ASSERT_TRUE(piece == expected) << "piece " << i << " differs";
    }
    EXPECT_EQ(SQLGetData(h(), 1, SQL_C_BINARY, piece.data(), static_cast<SQLLEN>(kPiece),
                         &indicator),
              SQL_NO_DATA);
    double read_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    struct rusage usage {};
    ASSERT_EQ(getrusage(RUSAGE_SELF, &usage), 0);
    long peak_mb = usage.ru_maxrss / 1024;
    std::printf("100 MB large object: write %.2f s, read %.2f s, peak RSS %ld MB\n",
                write_seconds, read_seconds, peak_mb);
    RecordProperty("peak_rss_mb", static_cast<int>(peak_mb));
#ifdef PGO_SANITIZE_BUILD
    // ASan keeps freed memory in quarantine (256 MB by default): the peak
    // says nothing about what the driver holds; the plain build checks it.
    EXPECT_LT(peak_mb, 400) << "even with ASan's quarantine, never the whole object twice";
#else
    EXPECT_LT(peak_mb, 48) << "the driver holds pieces, never the object";
#endif
}

} // namespace
} // namespace pgo_test
