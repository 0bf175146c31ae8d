// Points the engine's real-server tests at the harness's server.
// The tests read PGO_WIRE_TEST_PORT (and the optional socket directory and
// root certificate); under CTest they get PGO_HARNESS_ENV instead, the
// KEY='value' file tests/harness/pg_harness.sh writes. This global
// environment translates one into the other before any test runs, and
// fails loudly when the file is named but unreadable, so a broken harness
// can never turn into silently skipped tests.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <string>

namespace {

std::map<std::string, std::string> ReadEnvFile(const char *path)
{
    std::map<std::string, std::string> values;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        size_t equals = line.find('=');
        if (equals == std::string::npos || line[0] == '#')
            continue;
        std::string value = line.substr(equals + 1);
        if (value.size() >= 2 && value.front() == '\'' && value.back() == '\'')
            value = value.substr(1, value.size() - 2);
        values[line.substr(0, equals)] = value;
    }
    return values;
}

class HarnessEnvironment : public ::testing::Environment {
public:
    void SetUp() override
    {
        const char *path = std::getenv("PGO_HARNESS_ENV");
        if (path == nullptr || std::getenv("PGO_WIRE_TEST_PORT") != nullptr)
            return;
        std::map<std::string, std::string> values = ReadEnvFile(path);
        ASSERT_FALSE(values["PGO_PORT"].empty()) << "no PGO_PORT in " << path;
        setenv("PGO_WIRE_TEST_PORT", values["PGO_PORT"].c_str(), 1);
        setenv("PGO_WIRE_TEST_SOCKET_DIR", values["PGO_SOCKET_DIR"].c_str(), 1);
        setenv("PGO_WIRE_TEST_ROOT_CERT", values["PGO_CA"].c_str(), 1);
    }
};

const ::testing::Environment *const harness_environment =
    ::testing::AddGlobalTestEnvironment(new HarnessEnvironment);

}  // namespace
