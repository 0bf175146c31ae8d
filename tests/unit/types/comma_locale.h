// Support for the tests proving that number conversions ignore the
// process locale: a fixture that sets LC_NUMERIC to de_DE.UTF-8 (decimal
// separator ',') for one test and restores the previous locale after it.
// When the locale is not installed the test is skipped, naming it;
// cmake/install-deps.sh generates it on CI machines.
#ifndef PGO_TESTS_UNIT_TYPES_COMMA_LOCALE_H
#define PGO_TESTS_UNIT_TYPES_COMMA_LOCALE_H

#include <gtest/gtest.h>

#include <clocale>
#include <string>

namespace pgo_locale_test {

class CommaLocale : public ::testing::Test {
protected:
    void SetUp() override
    {
        const char *current = std::setlocale(LC_NUMERIC, nullptr);
        previous_ = current != nullptr ? current : "C";
        if (std::setlocale(LC_NUMERIC, "de_DE.UTF-8") == nullptr &&
            std::setlocale(LC_NUMERIC, "de_DE.utf8") == nullptr)
            GTEST_SKIP() << "locale de_DE.UTF-8 is not installed (cmake/install-deps.sh "
                            "generates it)";
        is_set_ = true;
        // The premise: in this locale the C library reads and writes a comma.
        ASSERT_STREQ(",", std::localeconv()->decimal_point);
    }

    void TearDown() override
    {
        if (!is_set_)
            return;
        std::setlocale(LC_NUMERIC, previous_.c_str());
        EXPECT_EQ(previous_, std::setlocale(LC_NUMERIC, nullptr));
    }

private:
    std::string previous_;
    bool is_set_ = false;
};

}  // namespace pgo_locale_test

#endif
