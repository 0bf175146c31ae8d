// The authentication policy (ChannelBinding, RequireAuth) against an
// impostor server on loopback: a thread that answers the SSLRequest,
// completes a real TLS handshake with a certificate made in memory, and
// then asks for whatever authentication the test scripts: SCRAM without
// its -PLUS variant, a cleartext or MD5 password, or none at all (trust).
// These are the downgrades a man in the middle who holds some certificate
// can attempt. The engine must refuse each one the policy forbids before
// it sends anything: the server records every byte after the startup
// message, and neither the password nor a password message may be there.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <cstring>
#include <string>
#include <thread>

#include "message_builder.h"

extern "C" {
#include "params/connect_params.h"
#include "util/error.h"
#include "util/secret.h"
#include "wire/conn.h"
}

namespace {

const char kPassword[] = "pencil-Impostor-7";
const uint32_t kSslRequestCode = 80877103;

// A self-signed P-256 certificate for CN=localhost, valid for a day.
struct Identity {
    EVP_PKEY *key = nullptr;
    X509 *cert = nullptr;
    Identity()
    {
        key = EVP_EC_gen("P-256");
        cert = X509_new();
        if (key == nullptr || cert == nullptr) {
            return;
        }
        ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
        X509_gmtime_adj(X509_getm_notBefore(cert), -60);
        X509_gmtime_adj(X509_getm_notAfter(cert), 86400);
        X509_set_pubkey(cert, key);
        X509_NAME *name = X509_get_subject_name(cert);
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                   reinterpret_cast<const unsigned char *>("localhost"), -1, -1,
                                   0);
        X509_set_issuer_name(cert, name);
        X509_sign(cert, key, EVP_sha256());
    }
    ~Identity()
    {
        X509_free(cert);
        EVP_PKEY_free(key);
    }
};

// What the impostor does, in order: answer an SSLRequest with tls_answer
// ('S' handshakes, 'N' refuses), read the startup message, send replies,
// then record what the client sends: up to one whole message, or until it
// closes. A client that refused the request closes without a word.
struct Script {
    char tls_answer = 'S';
    std::string replies;
};

class ImpostorServer {
public:
    explicit ImpostorServer(const Script &script) : script_(script)
    {
        listen_fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        struct sockaddr_in address;
        memset(&address, 0, sizeof address);
        address.sin_family = AF_INET;
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
        if (bind(listen_fd_, reinterpret_cast<struct sockaddr *>(&address), sizeof address) !=
                0 ||
            listen(listen_fd_, 1) != 0) {
            return;
        }
        socklen_t size = sizeof address;
        getsockname(listen_fd_, reinterpret_cast<struct sockaddr *>(&address), &size);
        port_ = ntohs(address.sin_port);
        thread_ = std::thread([this] { Serve(); });
    }
    ~ImpostorServer()
    {
        if (thread_.joinable()) {
            thread_.join();
        }
        close(listen_fd_);
    }
    uint16_t port() const { return port_; }
    // Call after the client is done (joins the thread).
    const std::string &received()
    {
        if (thread_.joinable()) {
            thread_.join();
        }
        return received_;
    }
    bool saw_startup()
    {
        received();
        return saw_startup_;
    }
    bool used_tls()
    {
        received();
        return session_ != nullptr || used_tls_;
    }

private:
    bool ReadExactly(void *out, size_t length)
    {
        auto *bytes = static_cast<unsigned char *>(out);
        size_t done = 0;
        while (done < length) {
            long got = session_ != nullptr
                           ? SSL_read(session_, bytes + done, static_cast<int>(length - done))
                           : read(fd_, bytes + done, length - done);
            if (got <= 0) {
                return false;
            }
            done += static_cast<size_t>(got);
        }
        return true;
    }
    void WriteAll(const std::string &bytes)
    {
        if (session_ != nullptr) {
            SSL_write(session_, bytes.data(), static_cast<int>(bytes.size()));
        } else if (write(fd_, bytes.data(), bytes.size()) < 0) {
            return;
        }
    }
    // One length-prefixed startup-phase packet (SSLRequest or StartupMessage).
    bool ReadPacket(uint32_t *code)
    {
        unsigned char head[8];
        if (!ReadExactly(head, sizeof head)) {
            return false;
        }
        uint32_t length = (uint32_t{head[0]} << 24) | (uint32_t{head[1]} << 16) |
                          (uint32_t{head[2]} << 8) | head[3];
        *code = (uint32_t{head[4]} << 24) | (uint32_t{head[5]} << 16) |
                (uint32_t{head[6]} << 8) | head[7];
        if (length < 8 || length > 10000) {
            return false;
        }
        std::string rest(length - 8, '\0');
        return ReadExactly(&rest[0], rest.size());
    }
    void Serve()
    {
        sigset_t pipe_only;
        sigemptyset(&pipe_only);
        sigaddset(&pipe_only, SIGPIPE);
        pthread_sigmask(SIG_BLOCK, &pipe_only, nullptr);
        struct pollfd entry = {listen_fd_, POLLIN, 0};
        if (poll(&entry, 1, 10000) != 1) {
            return;
        }
        fd_ = accept(listen_fd_, nullptr, nullptr);
        if (fd_ < 0) {
            return;
        }
        struct timeval timeout = {10, 0};
        setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        SSL_CTX *context = SSL_CTX_new(TLS_server_method());
        Identity identity;
        SSL_CTX_use_certificate(context, identity.cert);
        SSL_CTX_use_PrivateKey(context, identity.key);
        uint32_t code = 0;
        bool ok = ReadPacket(&code);
        if (ok && code == kSslRequestCode) {
            WriteAll(std::string(1, script_.tls_answer));
            if (script_.tls_answer == 'S') {
                session_ = SSL_new(context);
                SSL_set_fd(session_, fd_);
                ok = SSL_accept(session_) == 1;
                used_tls_ = ok;
            }
            ok = ok && ReadPacket(&code);
        }
        saw_startup_ = ok && code != kSslRequestCode;
        if (saw_startup_) {
            WriteAll(script_.replies);
            RecordOneMessage();
        }
        if (session_ != nullptr) {
            SSL_shutdown(session_);
            SSL_free(session_);
            session_ = nullptr;
        }
        SSL_CTX_free(context);
        close(fd_);
        ERR_clear_error();
    }
    void RecordOneMessage()
    {
        unsigned char head[5];
        if (!ReadExactly(head, sizeof head)) {
            return;
        }
        received_.assign(reinterpret_cast<char *>(head), sizeof head);
        uint32_t length = (uint32_t{head[1]} << 24) | (uint32_t{head[2]} << 16) |
                          (uint32_t{head[3]} << 8) | head[4];
        if (length < 4 || length > 10000) {
            return;
        }
        std::string body(length - 4, '\0');
        if (ReadExactly(&body[0], body.size())) {
            received_ += body;
        }
    }

    Script script_;
    int listen_fd_ = -1;
    int fd_ = -1;
    SSL *session_ = nullptr;
    uint16_t port_ = 0;
    std::thread thread_;
    std::string received_;
    bool saw_startup_ = false;
    bool used_tls_ = false;
};

std::string SaslOffer(std::initializer_list<const char *> mechanisms)
{
    Bytes body;
    body.I32(10);
    for (const char *name : mechanisms) {
        body.Str(name);
    }
    return Message('R', body.U8(0));
}

std::string Md5Request() { return Message('R', Bytes().I32(5).Raw("salt")); }
std::string CleartextRequest() { return Message('R', Bytes().I32(3)); }
std::string TrustLogin()
{
    return AuthOk() + ParameterStatus("server_version", "15.4") + BackendKey(1, 2) + Ready('I');
}

void IgnoreNotice(void *, const struct error *) {}

class AuthPolicyTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_EQ(0, params_init(&params_));
        ASSERT_EQ(0, params_set_string(&params_.user, "alice", 5));
        ASSERT_EQ(0, params_set_string(&params_.host, "127.0.0.1", 9));
        ASSERT_EQ(0, secret_set(&params_.password, kPassword, strlen(kPassword)));
        params_.has_timeout = true;
        params_.timeout_ms = 10000;
        error_init(&error_);
    }
    void TearDown() override
    {
        wire_conn_free(conn_);
        params_reset(&params_);
    }
    // Connects to an impostor running script; returns wire_connect's result.
    int Connect(ImpostorServer &server)
    {
        params_.port = server.port();
        struct notice_sink sink = {IgnoreNotice, nullptr};
        return wire_connect(&params_, 0, &sink, &conn_, &error_);
    }
    void ExpectRefusedWithNothingSent(ImpostorServer &server, const char *words)
    {
        EXPECT_EQ(std::string("08001"), error_.sqlstate) << error_.message;
        EXPECT_NE(nullptr, strstr(error_.message, words)) << error_.message;
        EXPECT_TRUE(server.saw_startup());
        EXPECT_EQ("", server.received()) << "the client answered a refused request";
    }

    struct connect_params params_;
    struct error error_;
    struct wire_conn *conn_ = nullptr;
};

// --- ChannelBinding=require over TLS --------------------------------------

TEST_F(AuthPolicyTest, RequireRefusesScramWithoutPlusOverTls)
{
    params_.ssl.mode = PARAMS_SSL_REQUIRE;
    params_.channel_binding = PARAMS_CHANNEL_BINDING_REQUIRE;
    ImpostorServer server({'S', SaslOffer({"SCRAM-SHA-256"})});
    ASSERT_NE(0, Connect(server));
    ExpectRefusedWithNothingSent(server, "did not offer SCRAM-SHA-256-PLUS");
    EXPECT_TRUE(server.used_tls());
}

TEST_F(AuthPolicyTest, RequireRefusesACleartextPasswordRequestOverTls)
{
    params_.ssl.mode = PARAMS_SSL_REQUIRE;
    params_.channel_binding = PARAMS_CHANNEL_BINDING_REQUIRE;
    ImpostorServer server({'S', CleartextRequest()});
    ASSERT_NE(0, Connect(server));
    ExpectRefusedWithNothingSent(server, "ChannelBinding=require");
    EXPECT_NE(nullptr, strstr(error_.message, "cleartext password")) << error_.message;
}

TEST_F(AuthPolicyTest, RequireRefusesAnMd5RequestOverTls)
{
    params_.ssl.mode = PARAMS_SSL_REQUIRE;
    params_.channel_binding = PARAMS_CHANNEL_BINDING_REQUIRE;
    ImpostorServer server({'S', Md5Request()});
    ASSERT_NE(0, Connect(server));
    ExpectRefusedWithNothingSent(server, "MD5 password");
}

TEST_F(AuthPolicyTest, RequireRefusesALoginWithoutAuthentication)
{
    params_.ssl.mode = PARAMS_SSL_REQUIRE;
    params_.channel_binding = PARAMS_CHANNEL_BINDING_REQUIRE;
    ImpostorServer server({'S', TrustLogin()});
    ASSERT_NE(0, Connect(server));
    EXPECT_EQ(std::string("08001"), error_.sqlstate) << error_.message;
    EXPECT_NE(nullptr, strstr(error_.message, "without channel binding")) << error_.message;
    EXPECT_EQ(nullptr, conn_);
}

TEST_F(AuthPolicyTest, RequireWithSslModePreferInsistsOnTls)
{
    // prefer would fall back to plain text when the server says 'N'; with
    // channel binding required no plain-text login can pass, so the
    // startup message is never sent.
    params_.ssl.mode = PARAMS_SSL_PREFER;
    params_.channel_binding = PARAMS_CHANNEL_BINDING_REQUIRE;
    ImpostorServer server({'N', SaslOffer({"SCRAM-SHA-256"})});
    ASSERT_NE(0, Connect(server));
    EXPECT_EQ(std::string("08001"), error_.sqlstate) << error_.message;
    EXPECT_NE(nullptr, strstr(error_.message, "ChannelBinding=require")) << error_.message;
    EXPECT_FALSE(server.saw_startup());
}

TEST_F(AuthPolicyTest, RequireWithSslModeAllowStartsWithTls)
{
    params_.ssl.mode = PARAMS_SSL_ALLOW;
    params_.channel_binding = PARAMS_CHANNEL_BINDING_REQUIRE;
    ImpostorServer server({'S', SaslOffer({"SCRAM-SHA-256-PLUS", "SCRAM-SHA-256"})});
    ASSERT_NE(0, Connect(server)); // the impostor stops after the first answer
    EXPECT_TRUE(server.used_tls());
    const std::string &sent = server.received();
    EXPECT_NE(std::string::npos, sent.find(std::string("SCRAM-SHA-256-PLUS\0", 19))) << sent;
    EXPECT_NE(std::string::npos, sent.find("p=tls-server-end-point,,n=")) << sent;
}

// --- what each setting sends when the server offers SCRAM over TLS --------

TEST_F(AuthPolicyTest, DisableChoosesScramWithoutBindingEvenWhenPlusIsOffered)
{
    params_.ssl.mode = PARAMS_SSL_REQUIRE;
    params_.channel_binding = PARAMS_CHANNEL_BINDING_DISABLE;
    ImpostorServer server({'S', SaslOffer({"SCRAM-SHA-256-PLUS", "SCRAM-SHA-256"})});
    ASSERT_NE(0, Connect(server));
    const std::string &sent = server.received();
    ASSERT_FALSE(sent.empty());
    EXPECT_EQ('p', sent[0]);
    EXPECT_EQ(std::string::npos, sent.find("PLUS")) << sent;
    // gs2 header "n": the client does not bind, and says so.
    EXPECT_NE(std::string::npos, sent.find("n,,n=")) << sent;
    EXPECT_EQ(std::string::npos, sent.find(kPassword));
}

TEST_F(AuthPolicyTest, DisableRefusesAnOfferOfPlusAlone)
{
    params_.ssl.mode = PARAMS_SSL_REQUIRE;
    params_.channel_binding = PARAMS_CHANNEL_BINDING_DISABLE;
    ImpostorServer server({'S', SaslOffer({"SCRAM-SHA-256-PLUS"})});
    ASSERT_NE(0, Connect(server));
    ExpectRefusedWithNothingSent(server, "ChannelBinding=disable");
}

TEST_F(AuthPolicyTest, PreferSaysTheServerDidNotOfferBindingWhenPlusIsMissing)
{
    // gs2 flag "y": a server that supports binding and sees it will know
    // that someone removed SCRAM-SHA-256-PLUS from its offer.
    params_.ssl.mode = PARAMS_SSL_REQUIRE;
    ImpostorServer server({'S', SaslOffer({"SCRAM-SHA-256"})});
    ASSERT_NE(0, Connect(server));
    EXPECT_NE(std::string::npos, server.received().find("y,,n=")) << server.received();
}

// --- RequireAuth, over plain TCP -------------------------------------------

TEST_F(AuthPolicyTest, RequireAuthScramRefusesACleartextRequestWithoutTls)
{
    params_.ssl.mode = PARAMS_SSL_DISABLE;
    params_.allowed_auth = PARAMS_AUTH_SCRAM;
    ImpostorServer server({'N', CleartextRequest()});
    ASSERT_NE(0, Connect(server));
    ExpectRefusedWithNothingSent(server, "RequireAuth");
    EXPECT_NE(nullptr, strstr(error_.message, "cleartext password")) << error_.message;
    EXPECT_FALSE(server.used_tls());
}

TEST_F(AuthPolicyTest, RequireAuthNegatedPasswordRefusesCleartextButAnswersMd5)
{
    params_.ssl.mode = PARAMS_SSL_DISABLE;
    params_.allowed_auth = PARAMS_AUTH_ALL & ~PARAMS_AUTH_PASSWORD;
    {
        ImpostorServer server({'N', CleartextRequest()});
        ASSERT_NE(0, Connect(server));
        ExpectRefusedWithNothingSent(server, "RequireAuth");
    }
    error_init(&error_);
    ImpostorServer server({'N', Md5Request()});
    ASSERT_NE(0, Connect(server)); // the impostor closes after the answer
    const std::string &sent = server.received();
    ASSERT_FALSE(sent.empty());
    EXPECT_EQ('p', sent[0]);
    EXPECT_NE(std::string::npos, sent.find("md5")) << sent;
    EXPECT_EQ(std::string::npos, sent.find(kPassword));
}

TEST_F(AuthPolicyTest, RequireAuthWithoutNoneRefusesATrustLogin)
{
    params_.ssl.mode = PARAMS_SSL_DISABLE;
    params_.allowed_auth = PARAMS_AUTH_SCRAM | PARAMS_AUTH_MD5;
    ImpostorServer server({'N', TrustLogin()});
    ASSERT_NE(0, Connect(server));
    EXPECT_EQ(std::string("08001"), error_.sqlstate) << error_.message;
    EXPECT_NE(nullptr, strstr(error_.message, "without authentication")) << error_.message;
}

TEST_F(AuthPolicyTest, RequireAuthNoneAcceptsATrustLogin)
{
    params_.ssl.mode = PARAMS_SSL_DISABLE;
    params_.allowed_auth = PARAMS_AUTH_NONE;
    ImpostorServer server({'N', TrustLogin()});
    EXPECT_EQ(0, Connect(server)) << error_.message;
    ASSERT_NE(nullptr, conn_);
    wire_conn_free(conn_); // sends Terminate, which the impostor records
    conn_ = nullptr;
    EXPECT_EQ(std::string("X\0\0\0\4", 5), server.received());
}

TEST_F(AuthPolicyTest, RequireAuthRefusesScramWhenOnlyPasswordsAreAllowed)
{
    params_.ssl.mode = PARAMS_SSL_DISABLE;
    params_.allowed_auth = PARAMS_AUTH_PASSWORD | PARAMS_AUTH_MD5;
    ImpostorServer server({'N', SaslOffer({"SCRAM-SHA-256"})});
    ASSERT_NE(0, Connect(server));
    ExpectRefusedWithNothingSent(server, "SASL");
}

} // namespace
