// SQLGetFunctions says exactly what libpgodbc.so exports: the test reads the
// library's dynamic symbol table (nm -D --defined-only), maps every SQL*
// name to its SQL_API_* id (a W function to its narrow id), and compares
// with the driver's own answer to SQL_API_ODBC3_ALL_FUNCTIONS, to
// SQL_API_ALL_FUNCTIONS and to each id alone. The driver is called
// directly (dlopen), not through the driver manager, which answers
// SQLGetFunctions from its own look-ups.
#include "odbc_test.h"

#include <dlfcn.h>

#include <cstdio>
#include <map>
#include <set>

namespace pgo_test {
namespace {

// Every ODBC function sql.h and sqlext.h declare, with its id.
const std::map<std::string, SQLUSMALLINT> kFunctionIds = {
    {"SQLAllocConnect", SQL_API_SQLALLOCCONNECT},
    {"SQLAllocEnv", SQL_API_SQLALLOCENV},
    {"SQLAllocHandle", SQL_API_SQLALLOCHANDLE},
    {"SQLAllocStmt", SQL_API_SQLALLOCSTMT},
    {"SQLBindCol", SQL_API_SQLBINDCOL},
    {"SQLBindParam", SQL_API_SQLBINDPARAM},
    {"SQLBindParameter", SQL_API_SQLBINDPARAMETER},
    {"SQLBrowseConnect", SQL_API_SQLBROWSECONNECT},
    {"SQLCancel", SQL_API_SQLCANCEL},
    {"SQLCancelHandle", SQL_API_SQLCANCELHANDLE},
    {"SQLCloseCursor", SQL_API_SQLCLOSECURSOR},
    {"SQLColAttribute", SQL_API_SQLCOLATTRIBUTE},
    {"SQLColAttributes", SQL_API_SQLCOLATTRIBUTES},
    {"SQLColumnPrivileges", SQL_API_SQLCOLUMNPRIVILEGES},
    {"SQLColumns", SQL_API_SQLCOLUMNS},
    {"SQLConnect", SQL_API_SQLCONNECT},
    {"SQLCopyDesc", SQL_API_SQLCOPYDESC},
    {"SQLDataSources", SQL_API_SQLDATASOURCES},
    {"SQLDescribeCol", SQL_API_SQLDESCRIBECOL},
    {"SQLDescribeParam", SQL_API_SQLDESCRIBEPARAM},
    {"SQLDisconnect", SQL_API_SQLDISCONNECT},
    {"SQLDrivers", SQL_API_SQLDRIVERS},
    {"SQLEndTran", SQL_API_SQLENDTRAN},
    {"SQLError", SQL_API_SQLERROR},
    {"SQLExecDirect", SQL_API_SQLEXECDIRECT},
    {"SQLExecute", SQL_API_SQLEXECUTE},
    {"SQLExtendedFetch", SQL_API_SQLEXTENDEDFETCH},
    {"SQLFetch", SQL_API_SQLFETCH},
    {"SQLFetchScroll", SQL_API_SQLFETCHSCROLL},
    {"SQLForeignKeys", SQL_API_SQLFOREIGNKEYS},
    {"SQLFreeConnect", SQL_API_SQLFREECONNECT},
    {"SQLFreeEnv", SQL_API_SQLFREEENV},
    {"SQLFreeHandle", SQL_API_SQLFREEHANDLE},
    {"SQLFreeStmt", SQL_API_SQLFREESTMT},
    {"SQLGetConnectAttr", SQL_API_SQLGETCONNECTATTR},
    {"SQLGetConnectOption", SQL_API_SQLGETCONNECTOPTION},
    {"SQLGetCursorName", SQL_API_SQLGETCURSORNAME},
    {"SQLGetData", SQL_API_SQLGETDATA},
    {"SQLGetDescField", SQL_API_SQLGETDESCFIELD},
    {"SQLGetDescRec", SQL_API_SQLGETDESCREC},
    {"SQLGetDiagField", SQL_API_SQLGETDIAGFIELD},
    {"SQLGetDiagRec", SQL_API_SQLGETDIAGREC},
    {"SQLGetEnvAttr", SQL_API_SQLGETENVATTR},
    {"SQLGetFunctions", SQL_API_SQLGETFUNCTIONS},
    {"SQLGetInfo", SQL_API_SQLGETINFO},
    {"SQLGetStmtAttr", SQL_API_SQLGETSTMTATTR},
    {"SQLGetStmtOption", SQL_API_SQLGETSTMTOPTION},
    {"SQLGetTypeInfo", SQL_API_SQLGETTYPEINFO},
    {"SQLMoreResults", SQL_API_SQLMORERESULTS},
    {"SQLNativeSql", SQL_API_SQLNATIVESQL},
    {"SQLNumParams", SQL_API_SQLNUMPARAMS},
    {"SQLNumResultCols", SQL_API_SQLNUMRESULTCOLS},
    {"SQLParamData", SQL_API_SQLPARAMDATA},
    {"SQLParamOptions", SQL_API_SQLPARAMOPTIONS},
    {"SQLPrepare", SQL_API_SQLPREPARE},
    {"SQLPrimaryKeys", SQL_API_SQLPRIMARYKEYS},
    {"SQLProcedureColumns", SQL_API_SQLPROCEDURECOLUMNS},
    {"SQLProcedures", SQL_API_SQLPROCEDURES},
    {"SQLPutData", SQL_API_SQLPUTDATA},
    {"SQLRowCount", SQL_API_SQLROWCOUNT},
    {"SQLSetConnectAttr", SQL_API_SQLSETCONNECTATTR},
    {"SQLSetConnectOption", SQL_API_SQLSETCONNECTOPTION},
    {"SQLSetCursorName", SQL_API_SQLSETCURSORNAME},
    {"SQLSetDescField", SQL_API_SQLSETDESCFIELD},
    {"SQLSetDescRec", SQL_API_SQLSETDESCREC},
    {"SQLSetEnvAttr", SQL_API_SQLSETENVATTR},
    {"SQLSetParam", SQL_API_SQLSETPARAM},
    {"SQLSetPos", SQL_API_SQLSETPOS},
    {"SQLSetScrollOptions", SQL_API_SQLSETSCROLLOPTIONS},
    {"SQLSetStmtAttr", SQL_API_SQLSETSTMTATTR},
    {"SQLSetStmtOption", SQL_API_SQLSETSTMTOPTION},
    {"SQLSpecialColumns", SQL_API_SQLSPECIALCOLUMNS},
    {"SQLStatistics", SQL_API_SQLSTATISTICS},
    {"SQLTablePrivileges", SQL_API_SQLTABLEPRIVILEGES},
    {"SQLTables", SQL_API_SQLTABLES},
    {"SQLTransact", SQL_API_SQLTRANSACT},
    {"SQLAllocHandleStd", SQL_API_SQLALLOCHANDLESTD},
    {"SQLBulkOperations", SQL_API_SQLBULKOPERATIONS},
    {"SQLDriverConnect", SQL_API_SQLDRIVERCONNECT},
};

// SQL* names the library exports, from its dynamic symbol table.
std::set<std::string> exported_names(const std::string &library, std::string *error) {
    std::set<std::string> names;
    std::string command = "nm -D --defined-only '" + library + "'";
    FILE *pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) {
        *error = "cannot run " + command;
        return names;
    }
    char line[512];
    while (fgets(line, sizeof line, pipe) != nullptr) {
        std::istringstream fields(line);
        std::string address, kind, name;
        if (fields >> address >> kind >> name && kind == "T" && name.rfind("SQL", 0) == 0)
            names.insert(name);
    }
    if (pclose(pipe) != 0)
        *error = command + " failed";
    return names;
}

class GetFunctionsTest : public OdbcTest {};

TEST_F(GetFunctionsTest, AnswerEqualsTheLibrarysSymbolTable) {
    std::string library = harness.driver_path();
    std::string error;
    std::set<std::string> names = exported_names(library, &error);
    ASSERT_TRUE(error.empty()) << error;
    ASSERT_GT(names.size(), 30u) << "too few SQL* symbols in " << library;

    std::set<int> expected;
    for (const std::string &name : names) {
        // ODBC 3.8's SQLCompleteAsync has no SQL_API_* number in unixODBC
        // 2.3.11's headers (nor its driver manager an entry point): exported
        // for driver managers that have one, reported by none.
        if (name == "SQLCompleteAsync")
            continue;
        auto found = kFunctionIds.find(name);
        if (found == kFunctionIds.end() && name.size() > 1 && name.back() == 'W')
            found = kFunctionIds.find(name.substr(0, name.size() - 1));
        if (found == kFunctionIds.end()) {
            ADD_FAILURE() << library << " exports " << name << ", which is no ODBC function";
            continue;
        }
        expected.insert(found->second);
    }

    void *driver = dlopen(library.c_str(), RTLD_NOW | RTLD_LOCAL);
    ASSERT_NE(nullptr, driver) << dlerror();
    using AllocHandle = SQLRETURN (*)(SQLSMALLINT, SQLHANDLE, SQLHANDLE *);
    using SetEnvAttr = SQLRETURN (*)(SQLHENV, SQLINTEGER, SQLPOINTER, SQLINTEGER);
    using GetFunctions = SQLRETURN (*)(SQLHDBC, SQLUSMALLINT, SQLUSMALLINT *);
    using FreeHandle = SQLRETURN (*)(SQLSMALLINT, SQLHANDLE);
    auto alloc_handle = reinterpret_cast<AllocHandle>(dlsym(driver, "SQLAllocHandle"));
    auto set_env_attr = reinterpret_cast<SetEnvAttr>(dlsym(driver, "SQLSetEnvAttr"));
    auto get_functions = reinterpret_cast<GetFunctions>(dlsym(driver, "SQLGetFunctions"));
    auto free_handle = reinterpret_cast<FreeHandle>(dlsym(driver, "SQLFreeHandle"));
    ASSERT_TRUE(alloc_handle && set_env_attr && get_functions && free_handle);
    SQLHANDLE env = nullptr, dbc = nullptr;
    ASSERT_EQ(SQL_SUCCESS, alloc_handle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env));
    ASSERT_EQ(SQL_SUCCESS, set_env_attr(env, SQL_ATTR_ODBC_VERSION,
                                        reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3_80), 0));
    ASSERT_EQ(SQL_SUCCESS, alloc_handle(SQL_HANDLE_DBC, env, &dbc));

    SQLUSMALLINT bitmap[SQL_API_ODBC3_ALL_FUNCTIONS_SIZE] = {0};
    ASSERT_EQ(SQL_SUCCESS, get_functions(dbc, SQL_API_ODBC3_ALL_FUNCTIONS, bitmap));
    SQLUSMALLINT odbc2[100] = {0};
    ASSERT_EQ(SQL_SUCCESS, get_functions(dbc, SQL_API_ALL_FUNCTIONS, odbc2));
    std::map<int, std::string> names_by_id;
    for (const auto &entry : kFunctionIds)
        names_by_id[entry.second] = entry.first;
    for (int id = 1; id < SQL_API_ODBC3_ALL_FUNCTIONS_SIZE * 16; id++) {
        bool is_expected = expected.count(id) == 1;
        std::string name = names_by_id.count(id) ? names_by_id[id] : std::to_string(id);
        EXPECT_EQ(is_expected, SQL_FUNC_EXISTS(bitmap, id) == SQL_TRUE)
            << name << (is_expected ? " is exported but not reported" : " is reported but not exported");
        if (id < 100)
            EXPECT_EQ(is_expected ? SQL_TRUE : SQL_FALSE, odbc2[id]) << name;
        if (names_by_id.count(id)) {
            SQLUSMALLINT one = 7;
            ASSERT_EQ(SQL_SUCCESS, get_functions(dbc, static_cast<SQLUSMALLINT>(id), &one));
            EXPECT_EQ(is_expected ? SQL_TRUE : SQL_FALSE, one) << name;
        }
    }
    EXPECT_EQ(SQL_SUCCESS, free_handle(SQL_HANDLE_DBC, dbc));
    EXPECT_EQ(SQL_SUCCESS, free_handle(SQL_HANDLE_ENV, env));
    dlclose(driver);
}

}  // namespace
}  // namespace pgo_test
