// SCRAM-SHA-256(-PLUS) client states against RFC 7677's test vector and
// against hostile server messages; the MD5 password against a known answer.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

extern "C" {
#include "util/buf.h"
#include "util/error.h"
#include "wire/auth.h"
#include "wire/auth_scram.h"
}

namespace {

const char kClientNonce[] = "rOprNGfwEbeRWgbNEkqO";
const char kServerFirst[] =
    "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
const char kClientFinal[] =
    "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
    "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
const char kServerFinal[] = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

std::string Text(const struct buf &b)
{
    return std::string(reinterpret_cast<const char *>(b.data), b.length);
}

const unsigned char *Bytes(const char *text)
{
    return reinterpret_cast<const unsigned char *>(text);
}

class ScramTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        error_init(&error_);
        buf_init(&out_, 1 << 16);
        memset(&scram_, 0, sizeof scram_);
    }
    void TearDown() override
    {
        wire_scram_reset(&scram_);
        buf_reset(&out_);
    }
    // Runs start and client-first with the RFC's user name and nonce.
    void StartRfcExchange(enum wire_scram_binding binding = WIRE_SCRAM_BINDING_NOT_SUPPORTED,
                          const unsigned char *cb = nullptr, size_t cb_length = 0,
                          const char *user = "user")
    {
        ASSERT_EQ(0, wire_scram_start(&scram_, "pencil", 6, binding, cb, cb_length, kClientNonce,
                                      &error_))
            << error_.message;
        ASSERT_EQ(0, wire_scram_client_first(&scram_, user, &out_, &error_)) << error_.message;
    }
    struct wire_scram scram_;
    struct buf out_;
    struct error error_;
};

TEST_F(ScramTest, ClientMessagesMatchRfc7677TestVector)
{
    StartRfcExchange();
    EXPECT_EQ("n,,n=user,r=rOprNGfwEbeRWgbNEkqO", Text(out_));
    buf_clear(&out_);
    ASSERT_EQ(0, wire_scram_client_final(&scram_, Bytes(kServerFirst), strlen(kServerFirst),
                                         &out_, &error_))
        << error_.message;
    EXPECT_EQ(kClientFinal, Text(out_));
    EXPECT_FALSE(wire_scram_is_verified(&scram_));
    ASSERT_EQ(0, wire_scram_verify_server_final(&scram_, Bytes(kServerFinal),
                                                strlen(kServerFinal), &error_))
        << error_.message;
    EXPECT_TRUE(wire_scram_is_verified(&scram_));
}

TEST_F(ScramTest, PasswordIsWipedOnceTheProofIsComputed)
{
    StartRfcExchange();
    EXPECT_NE(nullptr, scram_.password);
    ASSERT_EQ(0, wire_scram_client_final(&scram_, Bytes(kServerFirst), strlen(kServerFirst),
                                         &out_, &error_));
    EXPECT_EQ(nullptr, scram_.password);
}

TEST_F(ScramTest, WrongServerSignatureIsRejected)
{
    StartRfcExchange();
    ASSERT_EQ(0, wire_scram_client_final(&scram_, Bytes(kServerFirst), strlen(kServerFirst),
                                         &out_, &error_));
    const char wrong[] = "v=7rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";
    EXPECT_EQ(-1, wire_scram_verify_server_final(&scram_, Bytes(wrong), strlen(wrong), &error_));
    EXPECT_STREQ("08001", error_.sqlstate);
    EXPECT_NE(nullptr, strstr(error_.message, "signature"));
    EXPECT_FALSE(wire_scram_is_verified(&scram_));
}

TEST_F(ScramTest, ServerErrorAttributeIsReportedAndNotVerified)
{
    StartRfcExchange();
    ASSERT_EQ(0, wire_scram_client_final(&scram_, Bytes(kServerFirst), strlen(kServerFirst),
                                         &out_, &error_));
    const char refusal[] = "e=invalid-proof";
    EXPECT_EQ(-1, wire_scram_verify_server_final(&scram_, Bytes(refusal), strlen(refusal),
                                                 &error_));
    EXPECT_NE(nullptr, strstr(error_.message, "invalid-proof"));
    EXPECT_FALSE(wire_scram_is_verified(&scram_));
}

TEST_F(ScramTest, SignatureOfWrongLengthIsRejected)
{
    StartRfcExchange();
    ASSERT_EQ(0, wire_scram_client_final(&scram_, Bytes(kServerFirst), strlen(kServerFirst),
                                         &out_, &error_));
    const char shorter[] = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl9";
    EXPECT_EQ(-1, wire_scram_verify_server_final(&scram_, Bytes(shorter), strlen(shorter),
                                                 &error_));
    EXPECT_STREQ("08P01", error_.sqlstate);
}

TEST_F(ScramTest, ServerNonceNotStartingWithClientNonceIsRejected)
{
    StartRfcExchange();
    const char forged[] = "r=XOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                          "s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    EXPECT_EQ(-1, wire_scram_client_final(&scram_, Bytes(forged), strlen(forged), &out_, &error_));
    EXPECT_STREQ("08P01", error_.sqlstate);
    EXPECT_NE(nullptr, strstr(error_.message, "nonce"));
}

TEST_F(ScramTest, ServerNonceEqualToClientNonceIsRejected)
{
    StartRfcExchange();
    const char same[] = "r=rOprNGfwEbeRWgbNEkqO,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    EXPECT_EQ(-1, wire_scram_client_final(&scram_, Bytes(same), strlen(same), &out_, &error_));
}

TEST_F(ScramTest, IterationCountAboveTheCapOrZeroIsRejected)
{
    const char *bad[] = {
        "r=rOprNGfwEbeRWgbNEkqO%hv,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=0",
        "r=rOprNGfwEbeRWgbNEkqO%hv,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=10000001",
        "r=rOprNGfwEbeRWgbNEkqO%hv,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=-1",
        "r=rOprNGfwEbeRWgbNEkqO%hv,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=",
        "r=rOprNGfwEbeRWgbNEkqO%hv,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=99999999999999999999999",
    };
    for (const char *message : bad) {
        wire_scram_reset(&scram_);
        error_init(&error_);
        StartRfcExchange();
        EXPECT_EQ(-1, wire_scram_client_final(&scram_, Bytes(message), strlen(message), &out_,
                                              &error_))
            << message;
        EXPECT_STREQ("08P01", error_.sqlstate) << message;
    }
}

TEST_F(ScramTest, MalformedServerFirstMessagesAreRejected)
{
    const char *bad[] = {
        "",
        "s=W22ZaJ0SNY7soEsUEjb6gQ==,r=rOprNGfwEbeRWgbNEkqO%hv,i=4096",  // order
        "m=ext,r=rOprNGfwEbeRWgbNEkqO%hv,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
        "r=rOprNGfwEbeRWgbNEkqO%hv,s=not base64!,i=4096",
        "r=rOprNGfwEbeRWgbNEkqO%hv,s=,i=4096",
        "r=rOprNGfwEbeRWgbNEkqO%hv,s=W22ZaJ0SNY7soEsUEjb6gQ==",
        "r=rOprNGfwEbeRWgbNEkqO%hv",
    };
    for (const char *message : bad) {
        wire_scram_reset(&scram_);
        error_init(&error_);
        StartRfcExchange();
        EXPECT_EQ(-1, wire_scram_client_final(&scram_, Bytes(message), strlen(message), &out_,
                                              &error_))
            << message;
    }
}

TEST_F(ScramTest, ServerFirstWithEmbeddedNulIsRejected)
{
    StartRfcExchange();
    const char with_nul[] = "r=rOprNGfwEbeRWgbNEkqO%hv\0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    EXPECT_EQ(-1, wire_scram_client_final(&scram_, Bytes(with_nul), sizeof with_nul - 1, &out_,
                                          &error_));
}

TEST_F(ScramTest, StepsOutOfOrderFail)
{
    ASSERT_EQ(0, wire_scram_start(&scram_, "pencil", 6, WIRE_SCRAM_BINDING_NOT_SUPPORTED,
                                  nullptr, 0, kClientNonce, &error_));
    // server-final before server-first
    EXPECT_EQ(-1, wire_scram_verify_server_final(&scram_, Bytes(kServerFinal),
                                                 strlen(kServerFinal), &error_));
    // and the exchange stays failed
    error_init(&error_);
    EXPECT_EQ(-1, wire_scram_client_first(&scram_, "", &out_, &error_));
}

TEST_F(ScramTest, ChannelBindingPlusSendsCertificateHash)
{
    unsigned char hash[32];
    for (int i = 0; i < 32; i++) {
        hash[i] = static_cast<unsigned char>(i);
    }
    StartRfcExchange(WIRE_SCRAM_BINDING_TLS_SERVER_END_POINT, hash, sizeof hash, "");
    EXPECT_EQ("p=tls-server-end-point,,n=,r=rOprNGfwEbeRWgbNEkqO", Text(out_));
    buf_clear(&out_);
    ASSERT_EQ(0, wire_scram_client_final(&scram_, Bytes(kServerFirst), strlen(kServerFirst),
                                         &out_, &error_));
    // Expected values computed independently (Python hashlib/hmac).
    EXPECT_EQ("c=cD10bHMtc2VydmVyLWVuZC1wb2ludCwsAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=,"
              "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
              "p=Q8h71kjaoMzNI7dPksDrhRE/5mTUObF0fUHVIgBOWQg=",
              Text(out_));
    const char final_message[] = "v=ykwoqH8mLqO5AQCeuwwf6lsj9f8zyJZT/CcvAbN4Ssc=";
    EXPECT_EQ(0, wire_scram_verify_server_final(&scram_, Bytes(final_message),
                                                strlen(final_message), &error_))
        << error_.message;
    EXPECT_STREQ("SCRAM-SHA-256-PLUS",
                 wire_scram_mechanism_name(WIRE_SCRAM_BINDING_TLS_SERVER_END_POINT));
}

TEST_F(ScramTest, TlsWithoutPlusOfferedSendsFlagY)
{
    StartRfcExchange(WIRE_SCRAM_BINDING_NOT_OFFERED, nullptr, 0, "");
    EXPECT_EQ("y,,n=,r=rOprNGfwEbeRWgbNEkqO", Text(out_));
    buf_clear(&out_);
    ASSERT_EQ(0, wire_scram_client_final(&scram_, Bytes(kServerFirst), strlen(kServerFirst),
                                         &out_, &error_));
    EXPECT_EQ("c=eSws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
              "p=VpuC5DGQa5ro9tXE9MnKs69NH1nxnuregZZcclqIGfM=",
              Text(out_));
}

TEST_F(ScramTest, UserNameIsEscapedAsSaslname)
{
    StartRfcExchange(WIRE_SCRAM_BINDING_NOT_SUPPORTED, nullptr, 0, "a=b,c");
    EXPECT_EQ("n,,n=a=3Db=2Cc,r=rOprNGfwEbeRWgbNEkqO", Text(out_));
}

TEST_F(ScramTest, RandomNonceIsAtLeast18BytesOfBase64)
{
    ASSERT_EQ(0, wire_scram_start(&scram_, "pencil", 6, WIRE_SCRAM_BINDING_NOT_SUPPORTED,
                                  nullptr, 0, nullptr, &error_));
    EXPECT_GE(scram_.client_nonce_length, 24u);
    struct wire_scram other;
    memset(&other, 0, sizeof other);
    ASSERT_EQ(0, wire_scram_start(&other, "pencil", 6, WIRE_SCRAM_BINDING_NOT_SUPPORTED, nullptr,
                                  0, nullptr, &error_));
    EXPECT_STRNE(scram_.client_nonce, other.client_nonce);
    wire_scram_reset(&other);
}

TEST(Md5PasswordTest, MatchesKnownAnswers)
{
    char out[WIRE_MD5_PASSWORD_CHARS + 1];
    const unsigned char salt[4] = {1, 2, 3, 4};
    ASSERT_EQ(0, wire_md5_build_password("user", 4, "pencil", 6, salt, out));
    EXPECT_STREQ("md54376eb6913b38f9aaff38dc7cf19ca76", out);
    const unsigned char salt2[4] = {0xde, 0xad, 0xbe, 0xef};
    ASSERT_EQ(0, wire_md5_build_password("alice", 5, "secret", 6, salt2, out));
    EXPECT_STREQ("md53e1d73ba00a55e8805aa0277d29996c5", out);
}

}  // namespace
