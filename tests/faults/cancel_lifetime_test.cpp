// The cancel token's lifetime: SQLCancel takes no handle lock, so the call
// it interrupts can end, and another thread disconnect (freeing the
// session's cancel token), while the CancelRequest is still under way.
// The proxy delays the cancel connection's TLS answer, which holds
// SQLCancel in the middle of using the token, long past the end of the
// query and the disconnect. SQLCancel must work from its own copy: it
// succeeds, and under ASan nothing reads freed memory.
// The driver is called directly (dlopen), without the driver manager,
// which itself does not allow SQLDisconnect while SQLCancel runs on a
// statement of the connection: an application linked to the driver alone
// may.
#include "fault_test.h"

#include <dlfcn.h>

#include <atomic>

namespace pgo_faults {
namespace {

struct DriverCalls {
    void *library = nullptr;
    SQLRETURN (*alloc_handle)(SQLSMALLINT, SQLHANDLE, SQLHANDLE *) = nullptr;
    SQLRETURN (*free_handle)(SQLSMALLINT, SQLHANDLE) = nullptr;
    SQLRETURN (*set_env_attr)(SQLHENV, SQLINTEGER, SQLPOINTER, SQLINTEGER) = nullptr;
    SQLRETURN (*driver_connect)(SQLHDBC, SQLHWND, SQLCHAR *, SQLSMALLINT, SQLCHAR *, SQLSMALLINT,
                                SQLSMALLINT *, SQLUSMALLINT) = nullptr;
    SQLRETURN (*exec_direct)(SQLHSTMT, SQLCHAR *, SQLINTEGER) = nullptr;
    SQLRETURN (*cancel)(SQLHSTMT) = nullptr;
    SQLRETURN (*disconnect)(SQLHDBC) = nullptr;

    template <typename F> bool find(F *out, const char *name) {
        *out = reinterpret_cast<F>(dlsym(library, name));
        return *out != nullptr;
    }
    bool load(const std::string &path) {
        library = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
        return library != nullptr && find(&alloc_handle, "SQLAllocHandle") &&
               find(&free_handle, "SQLFreeHandle") && find(&set_env_attr, "SQLSetEnvAttr") &&
               find(&driver_connect, "SQLDriverConnect") &&
               find(&exec_direct, "SQLExecDirect") && find(&cancel, "SQLCancel") &&
               find(&disconnect, "SQLDisconnect");
    }
    // Never dlclose'd, as the harness's DontDLClose=1 keeps it for the
    // driver manager: the TLS library's state lives as long as the process.
};

class CancelLifetimeTest : public FaultTest {};

TEST_F(CancelLifetimeTest, CancelUnderWayWhileAnotherThreadDisconnectsUsesItsOwnToken) {
    DriverCalls driver;
    ASSERT_TRUE(driver.load(harness.driver_path())) << dlerror();
    SQLHENV henv = SQL_NULL_HENV;
    ASSERT_EQ(driver.alloc_handle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &henv), SQL_SUCCESS);
    ASSERT_EQ(driver.set_env_attr(henv, SQL_ATTR_ODBC_VERSION,
                                  reinterpret_cast<SQLPOINTER>(static_cast<intptr_t>(SQL_OV_ODBC3)),
                                  0),
              SQL_SUCCESS);
    SQLHDBC hdbc = SQL_NULL_HDBC;
    ASSERT_EQ(driver.alloc_handle(SQL_HANDLE_DBC, henv, &hdbc), SQL_SUCCESS);
    std::string text = proxied("pgo_trust", "SSLMode=require;");
    SQLCHAR out[1024];
    SQLSMALLINT out_length = 0;
    ASSERT_TRUE(succeeded(driver.driver_connect(hdbc, nullptr,
                                                reinterpret_cast<SQLCHAR *>(text.data()),
                                                SQL_NTS, out, sizeof out, &out_length,
                                                SQL_DRIVER_NOPROMPT)));
    SQLHSTMT hstmt = SQL_NULL_HSTMT;
    ASSERT_EQ(driver.alloc_handle(SQL_HANDLE_STMT, hdbc, &hstmt), SQL_SUCCESS);

    // The cancel connection's answer to its SSLRequest comes 800 ms late.
    Fault late;
    late.action = Action::kDelay;
    late.direction = Direction::kToClient;
    late.after_bytes = 0;
    late.delay_ms = 800;
    proxy->arm_next_connection(late);

    std::atomic<bool> running{false};
    SQLRETURN query_rc = SQL_ERROR;
    SQLRETURN disconnect_rc = SQL_ERROR;
    double disconnected_at = 0.0;
    auto start = std::chrono::steady_clock::now();
    std::thread worker([&] {
        running.store(true);
        char sql[] = "SELECT pg_sleep(0.3)";
        query_rc = driver.exec_direct(hstmt, reinterpret_cast<SQLCHAR *>(sql), SQL_NTS);
        // The statement ended on its own: disconnect at once (frees the
        // statement and the session's cancel token).
        disconnect_rc = driver.disconnect(hdbc);
        disconnected_at =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    });
    while (!running.load()) {
        std::this_thread::yield();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    SQLRETURN cancel_rc = driver.cancel(hstmt);
    double canceled_at =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    worker.join();

    EXPECT_EQ(query_rc, SQL_SUCCESS); // the cancel came too late to stop it
    EXPECT_EQ(disconnect_rc, SQL_SUCCESS);
    // The disconnect happened while the cancel was still under way.
    EXPECT_LT(disconnected_at, canceled_at - 0.2);
    EXPECT_EQ(cancel_rc, SQL_SUCCESS); // it reached the server with its own token
    EXPECT_EQ(proxy->accepted_count(), 2);
    EXPECT_EQ(driver.free_handle(SQL_HANDLE_DBC, hdbc), SQL_SUCCESS);
    EXPECT_EQ(driver.free_handle(SQL_HANDLE_ENV, henv), SQL_SUCCESS);
}

} // namespace
} // namespace pgo_faults
