// TLS (net/tls_openssl.c) against a small OpenSSL server on a thread, with
// a throwaway CA and certificates made by the openssl command line:
// verify-full success and host mismatch, wrong CA, CRL revocation, client
// certificates, file errors, and the tls-server-end-point hash.
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
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

extern "C" {
#include "net/endpoints.h"
#include "net/tls.h"
#include "util/deadline.h"
#include "util/error.h"
}

namespace {

std::string g_dir; // certificates for the whole suite
bool g_have_certificates = false;

bool Run(const std::string &command)
{
    std::string full = "cd '" + g_dir + "' && " + command + " >/dev/null 2>&1";
    return std::system(full.c_str()) == 0;
}

std::string Path(const std::string &name) { return g_dir + "/" + name; }

void WriteFile(const std::string &name, const std::string &text)
{
    std::ofstream out(Path(name));
    out << text;
}

const char kNewEcKey[] = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";

bool MakeCertificates()
{
    char pattern[] = "/tmp/pgo_net_tls_XXXXXX";
    if (mkdtemp(pattern) == nullptr) {
        return false;
    }
    g_dir = pattern;
    WriteFile("ca.cnf", "[ca]\ndefault_ca = test_ca\n[test_ca]\ndatabase = index.txt\n"
                        "new_certs_dir = .\ncertificate = ca.crt\nprivate_key = ca.key\n"
                        "crlnumber = crlnumber\ndefault_md = sha256\ndefault_crl_days = 2\n"
                        "policy = any\n[any]\ncommonName = supplied\n");
    WriteFile("index.txt", "");
    WriteFile("crlnumber", "01\n");
    WriteFile("dns.ext", "subjectAltName=DNS:localhost\n");
    WriteFile("ip.ext", "subjectAltName=IP:127.0.0.1\n");
    std::string ec = kNewEcKey;
    return Run("openssl req -x509 " + ec +
               " -keyout ca.key -out ca.crt -days 2 -subj /CN=pgodbc-test-ca") &&
           Run("openssl req -x509 " + ec +
               " -keyout other.key -out other.crt -days 2 -subj /CN=other-ca") &&
           Run("openssl req " + ec + " -keyout server.key -out server.csr -subj /CN=localhost") &&
           Run("openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial "
               "-out server.crt -days 2 -sha256 -extfile dns.ext") &&
           Run("openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial "
               "-out server384.crt -days 2 -sha384 -extfile dns.ext") &&
           Run("openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial "
               "-out serverip.crt -days 2 -sha256 -extfile ip.ext") &&
           Run("openssl req " + ec + " -keyout client.key -out client.csr -subj /CN=client") &&
           Run("openssl x509 -req -in client.csr -CA ca.crt -CAkey ca.key -CAcreateserial "
               "-out client.crt -days 2 -sha256") &&
           Run("openssl ca -config ca.cnf -gencrl -out empty.crl") &&
           Run("openssl ca -config ca.cnf -revoke server.crt") &&
           Run("openssl ca -config ca.cnf -gencrl -out revoked.crl");
}

// One connection: TLS handshake, then answers "ping" with "pong".
class TlsServer {
public:
    TlsServer(const std::string &cert, const std::string &key, const std::string &client_ca = "")
    {
        listen_fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        struct sockaddr_in address;
        memset(&address, 0, sizeof address);
        address.sin_family = AF_INET;
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
        bind(listen_fd_, reinterpret_cast<struct sockaddr *>(&address), sizeof address);
        listen(listen_fd_, 4);
        socklen_t size = sizeof address;
        getsockname(listen_fd_, reinterpret_cast<struct sockaddr *>(&address), &size);
        port_ = ntohs(address.sin_port);
        thread_ = std::thread([this, cert, key, client_ca] { Serve(cert, key, client_ca); });
    }
    ~TlsServer()
    {
        thread_.join();
        close(listen_fd_);
    }
    uint16_t port() const { return port_; }
    bool handshake_ok() const { return handshake_ok_; }
    bool client_sent_certificate() const { return client_sent_certificate_; }

private:
    void Serve(const std::string &cert, const std::string &key, const std::string &client_ca)
    {
        // This test server writes with OpenSSL's socket BIO; a SIGPIPE
        // stays pending on this thread instead of killing the test binary.
        sigset_t pipe_only;
        sigemptyset(&pipe_only);
        sigaddset(&pipe_only, SIGPIPE);
        pthread_sigmask(SIG_BLOCK, &pipe_only, nullptr);
        struct pollfd entry = {listen_fd_, POLLIN, 0};
        if (poll(&entry, 1, 10000) != 1) {
            return;
        }
        int fd = accept(listen_fd_, nullptr, nullptr);
        if (fd < 0) {
            return;
        }
        struct timeval timeout = {10, 0};
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        SSL_CTX *context = SSL_CTX_new(TLS_server_method());
        SSL_CTX_use_certificate_chain_file(context, cert.c_str());
        SSL_CTX_use_PrivateKey_file(context, key.c_str(), SSL_FILETYPE_PEM);
        if (!client_ca.empty()) {
            SSL_CTX_load_verify_locations(context, client_ca.c_str(), nullptr);
            SSL_CTX_set_verify(context, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT,
                               nullptr);
        }
        SSL *session = SSL_new(context);
        SSL_set_fd(session, fd);
        if (SSL_accept(session) == 1) {
            handshake_ok_ = true;
            X509 *peer = SSL_get1_peer_certificate(session);
            client_sent_certificate_ = peer != nullptr;
            X509_free(peer);
            char buffer[4];
            if (SSL_read(session, buffer, 4) == 4 && memcmp(buffer, "ping", 4) == 0) {
                SSL_write(session, "pong", 4);
            }
            SSL_shutdown(session);
        }
        SSL_free(session);
        SSL_CTX_free(context);
        close(fd);
        ERR_clear_error();
    }

    int listen_fd_ = -1;
    uint16_t port_ = 0;
    std::thread thread_;
    std::atomic<bool> handshake_ok_{false};
    std::atomic<bool> client_sent_certificate_{false};
};

class Tls : public ::testing::Test {
protected:
    static void SetUpTestSuite() { g_have_certificates = MakeCertificates(); }
    static void TearDownTestSuite()
    {
        if (!g_dir.empty()) {
            std::string command = "rm -rf '" + g_dir + "'";
            (void)std::system(command.c_str());
            g_dir.clear();
        }
    }
    void SetUp() override
    {
        if (!g_have_certificates) {
            GTEST_SKIP() << "the openssl command could not make test certificates";
        }
        error_init(&error_);
        memset(&config_, 0, sizeof config_);
        root_ = Path("ca.crt");
        config_.verify_chain = true;
        config_.verify_host_name = true;
        config_.host_name = "localhost";
        config_.root_cert = root_.c_str();
    }
    void TearDown() override { net_stream_close(tls_); }

    // Connects to the server on 127.0.0.1 and starts TLS with config_.
    int Start(const TlsServer &server)
    {
        struct net_tcp_options options;
        memset(&options, 0, sizeof options);
        struct net_stream *plain = nullptr;
        if (net_tcp_connect("127.0.0.1", server.port(), &options, &deadline_, &plain,
                            &error_) != 0) {
            return -1;
        }
        return net_tls_start(plain, &config_, &deadline_, &tls_, &error_);
    }

    void ExpectPingPong()
    {
        ASSERT_EQ(0, net_stream_write_all(tls_, "ping", 4, &deadline_, &error_))
            << error_.message;
        char buffer[8];
        ASSERT_EQ(4, net_stream_read(tls_, buffer, sizeof buffer, &deadline_, &error_))
            << error_.message;
        EXPECT_EQ(0, memcmp(buffer, "pong", 4));
        EXPECT_EQ(0u, net_stream_pending(tls_));
    }

    std::string root_;
    struct net_tls_config config_;
    struct error error_;
    struct net_stream *tls_ = nullptr;
    struct deadline deadline_ = deadline_after_ms(10000);
};

TEST_F(Tls, VerifyFullSucceedsForTheCertificatesDnsName)
{
    TlsServer server(Path("server.crt"), Path("server.key"));
    ASSERT_EQ(0, Start(server)) << error_.message;
    EXPECT_TRUE(tls_->is_tls);
    EXPECT_EQ("127.0.0.1:" + std::to_string(server.port()), std::string(tls_->peer));
    ExpectPingPong();
}

TEST_F(Tls, VerifyFullRefusesAnIpHostWhenTheCertificateOnlyNamesLocalhost)
{
    TlsServer server(Path("server.crt"), Path("server.key"));
    config_.host_name = "127.0.0.1";
    EXPECT_EQ(-1, Start(server));
    EXPECT_EQ(nullptr, tls_);
    EXPECT_STREQ("08001", error_.sqlstate);
    EXPECT_STREQ("server certificate for \"localhost\" does not match host name \"127.0.0.1\"",
                 error_.message);
}

TEST_F(Tls, VerifyFullMatchesAnIpSanByAddress)
{
    TlsServer server(Path("serverip.crt"), Path("server.key"));
    config_.host_name = "127.0.0.1";
    ASSERT_EQ(0, Start(server)) << error_.message;
    ExpectPingPong();
}

TEST_F(Tls, VerifyFullRefusesAnotherDnsName)
{
    TlsServer server(Path("server.crt"), Path("server.key"));
    config_.host_name = "db.example.com";
    EXPECT_EQ(-1, Start(server));
    EXPECT_STREQ("server certificate for \"localhost\" does not match host name "
                 "\"db.example.com\"",
                 error_.message);
}

TEST_F(Tls, VerifyCaIgnoresTheHostName)
{
    TlsServer server(Path("server.crt"), Path("server.key"));
    config_.verify_host_name = false;
    config_.host_name = "db.example.com";
    ASSERT_EQ(0, Start(server)) << error_.message;
    ExpectPingPong();
}

TEST_F(Tls, VerifyCaFailsWithTheWrongRootCertificate)
{
    TlsServer server(Path("server.crt"), Path("server.key"));
    root_ = Path("other.crt");
    config_.root_cert = root_.c_str();
    config_.verify_host_name = false;
    EXPECT_EQ(-1, Start(server));
    EXPECT_STREQ("08001", error_.sqlstate);
    EXPECT_NE(nullptr, strstr(error_.message, "certificate verification failed"))
        << error_.message;
    EXPECT_NE(nullptr, strstr(error_.message, "unable to get local issuer certificate"))
        << error_.message;
}

TEST_F(Tls, RequireModeAcceptsAnyCertificate)
{
    TlsServer server(Path("server.crt"), Path("server.key"));
    config_.verify_chain = false;
    config_.verify_host_name = false;
    config_.root_cert = nullptr;
    ASSERT_EQ(0, Start(server)) << error_.message;
    ExpectPingPong();
}

TEST_F(Tls, CrlThatRevokesNothingLetsTheHandshakeThrough)
{
    TlsServer server(Path("server.crt"), Path("server.key"));
    std::string crl = Path("empty.crl");
    config_.crl = crl.c_str();
    ASSERT_EQ(0, Start(server)) << error_.message;
    ExpectPingPong();
}

TEST_F(Tls, CrlRevokingTheServerCertificateFailsTheHandshake)
{
    TlsServer server(Path("server.crt"), Path("server.key"));
    std::string crl = Path("revoked.crl");
    config_.crl = crl.c_str();
    EXPECT_EQ(-1, Start(server));
    EXPECT_NE(nullptr, strstr(error_.message, "certificate revoked")) << error_.message;
}

TEST_F(Tls, MissingCrlFileIsNamed)
{
    int fds[2];
    ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fds));
    struct net_stream *plain = net_stream_from_fd(fds[0], "pair");
    std::string crl = Path("missing.crl");
    config_.crl = crl.c_str();
    EXPECT_EQ(-1, net_tls_start(plain, &config_, &deadline_, &tls_, &error_));
    EXPECT_NE(nullptr, strstr(error_.message, crl.c_str())) << error_.message;
    close(fds[1]);
}

TEST_F(Tls, ClientCertificateIsPresentedToTheServer)
{
    TlsServer server(Path("server.crt"), Path("server.key"), Path("ca.crt"));
    std::string cert = Path("client.crt");
    std::string key = Path("client.key");
    config_.cert = cert.c_str();
    config_.key = key.c_str();
    ASSERT_EQ(0, Start(server)) << error_.message;
    ExpectPingPong();
    EXPECT_TRUE(server.client_sent_certificate());
}

TEST_F(Tls, MissingRootCertificateNamesThePathAndTheModesThatNeedIt)
{
    int fds[2];
    ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fds));
    struct net_stream *plain = net_stream_from_fd(fds[0], "pair");
    root_ = Path("missing-root.crt");
    config_.root_cert = root_.c_str();
    EXPECT_EQ(-1, net_tls_start(plain, &config_, &deadline_, &tls_, &error_));
    EXPECT_EQ(nullptr, tls_);
    EXPECT_STREQ("08001", error_.sqlstate);
    EXPECT_NE(nullptr, strstr(error_.message, root_.c_str())) << error_.message;
    EXPECT_NE(nullptr, strstr(error_.message, "verify-ca and verify-full")) << error_.message;
    // net_tls_start closed the plain stream: the other end sees end of stream.
    char byte;
    EXPECT_EQ(0, read(fds[1], &byte, 1));
    close(fds[1]);
}

TEST_F(Tls, DefaultRootCertificateIsLookedUpInHome)
{
    int fds[2];
    ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fds));
    struct net_stream *plain = net_stream_from_fd(fds[0], "pair");
    const char *old_home = getenv("HOME");
    std::string saved = old_home != nullptr ? old_home : "";
    setenv("HOME", g_dir.c_str(), 1);
    config_.root_cert = nullptr;
    int status = net_tls_start(plain, &config_, &deadline_, &tls_, &error_);
    if (old_home != nullptr) {
        setenv("HOME", saved.c_str(), 1);
    } else {
        unsetenv("HOME");
    }
    EXPECT_EQ(-1, status);
    std::string expected = g_dir + "/.postgresql/root.crt";
    EXPECT_NE(nullptr, strstr(error_.message, expected.c_str())) << error_.message;
    close(fds[1]);
}

TEST_F(Tls, MissingClientKeyIsNamed)
{
    int fds[2];
    ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fds));
    struct net_stream *plain = net_stream_from_fd(fds[0], "pair");
    std::string cert = Path("client.crt");
    std::string key = Path("no-such.key");
    config_.cert = cert.c_str();
    config_.key = key.c_str();
    EXPECT_EQ(-1, net_tls_start(plain, &config_, &deadline_, &tls_, &error_));
    EXPECT_NE(nullptr, strstr(error_.message, key.c_str())) << error_.message;
    close(fds[1]);
}

TEST_F(Tls, MismatchedClientKeyIsNamed)
{
    int fds[2];
    ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fds));
    struct net_stream *plain = net_stream_from_fd(fds[0], "pair");
    std::string cert = Path("client.crt");
    std::string key = Path("server.key");
    config_.cert = cert.c_str();
    config_.key = key.c_str();
    EXPECT_EQ(-1, net_tls_start(plain, &config_, &deadline_, &tls_, &error_));
    EXPECT_NE(nullptr, strstr(error_.message, key.c_str())) << error_.message;
    EXPECT_NE(nullptr, strstr(error_.message, cert.c_str())) << error_.message;
    EXPECT_NE(nullptr, strstr(error_.message, "mismatch")) << error_.message;
    close(fds[1]);
}

TEST_F(Tls, HandshakeTimesOutWhenTheServerSaysNothing)
{
    int fds[2];
    ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fds));
    struct net_stream *plain = net_stream_from_fd(fds[0], "silent peer");
    config_.verify_chain = false;
    config_.verify_host_name = false;
    struct deadline short_deadline = deadline_after_ms(200);
    EXPECT_EQ(-1, net_tls_start(plain, &config_, &short_deadline, &tls_, &error_));
    EXPECT_NE(nullptr, strstr(error_.message, "timed out")) << error_.message;
    EXPECT_NE(nullptr, strstr(error_.message, "silent peer")) << error_.message;
    close(fds[1]);
}

std::vector<unsigned char> DigestOfCertificateFile(const std::string &path, const EVP_MD *md)
{
    std::vector<unsigned char> out;
    FILE *file = fopen(path.c_str(), "r");
    if (file == nullptr) {
        return out;
    }
    X509 *certificate = PEM_read_X509(file, nullptr, nullptr, nullptr);
    fclose(file);
    if (certificate == nullptr) {
        return out;
    }
    unsigned char *der = nullptr;
    int der_length = i2d_X509(certificate, &der);
    X509_free(certificate);
    if (der_length <= 0) {
        return out;
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digest_length = 0;
    EVP_Digest(der, static_cast<size_t>(der_length), digest, &digest_length, md, nullptr);
    OPENSSL_free(der);
    out.assign(digest, digest + digest_length);
    return out;
}

TEST_F(Tls, PeerCertificateHashIsSha256OfTheDerCertificate)
{
    TlsServer server(Path("server.crt"), Path("server.key"));
    ASSERT_EQ(0, Start(server)) << error_.message;
    unsigned char hash[64];
    size_t hash_length = 0;
    ASSERT_EQ(0, net_tls_peer_certificate_hash(tls_, hash, sizeof hash, &hash_length, &error_))
        << error_.message;
    std::vector<unsigned char> expected = DigestOfCertificateFile(Path("server.crt"),
                                                                  EVP_sha256());
    ASSERT_EQ(32u, expected.size());
    EXPECT_EQ(expected, std::vector<unsigned char>(hash, hash + hash_length));
    ExpectPingPong();
}

TEST_F(Tls, PeerCertificateHashFollowsTheSignatureDigest)
{
    TlsServer server(Path("server384.crt"), Path("server.key"));
    ASSERT_EQ(0, Start(server)) << error_.message;
    unsigned char hash[64];
    size_t hash_length = 0;
    ASSERT_EQ(0, net_tls_peer_certificate_hash(tls_, hash, sizeof hash, &hash_length, &error_))
        << error_.message;
    std::vector<unsigned char> expected = DigestOfCertificateFile(Path("server384.crt"),
                                                                  EVP_sha384());
    ASSERT_EQ(48u, expected.size());
    EXPECT_EQ(expected, std::vector<unsigned char>(hash, hash + hash_length));
    ExpectPingPong();
}

TEST_F(Tls, PeerCertificateHashRefusesAPlainStream)
{
    int fds[2];
    ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fds));
    struct net_stream *plain = net_stream_from_fd(fds[0], "pair");
    unsigned char hash[64];
    size_t hash_length = 0;
    EXPECT_EQ(-1, net_tls_peer_certificate_hash(plain, hash, sizeof hash, &hash_length, &error_));
    EXPECT_NE(nullptr, strstr(error_.message, "needs a TLS connection")) << error_.message;
    net_stream_close(plain);
    close(fds[1]);
}

TEST_F(Tls, ReadAfterTheServerClosesReportsTheClose)
{
    TlsServer server(Path("server.crt"), Path("server.key"));
    ASSERT_EQ(0, Start(server)) << error_.message;
    ExpectPingPong();
    // The server shuts down after one exchange.
    char buffer[8];
    EXPECT_EQ(-1, net_stream_read(tls_, buffer, sizeof buffer, &deadline_, &error_));
    EXPECT_STREQ("08S01", error_.sqlstate);
    EXPECT_NE(nullptr, strstr(error_.message, "the server closed the connection"))
        << error_.message;
}

TEST_F(Tls, WriteAfterTheServerClosesFailsWithoutSigpipe)
{
    TlsServer server(Path("server.crt"), Path("server.key"));
    ASSERT_EQ(0, Start(server)) << error_.message;
    ExpectPingPong();
    char buffer[8];
    EXPECT_EQ(-1, net_stream_read(tls_, buffer, sizeof buffer, &deadline_, &error_));
    // The peer is gone; writing must fail with an error, never a SIGPIPE.
    std::vector<unsigned char> data(64 * 1024, 'x');
    int status = 0;
    for (int i = 0; i < 50 && status == 0; i++) {
        struct error write_error;
        error_init(&write_error);
        status = net_stream_write_all(tls_, data.data(), data.size(), &deadline_, &write_error);
        if (status != 0) {
            EXPECT_STREQ("08S01", write_error.sqlstate);
        }
    }
    EXPECT_EQ(-1, status);
}

} // namespace
