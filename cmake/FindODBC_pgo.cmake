# unixODBC headers and libodbcinst (driver side). The driver links
# libodbcinst only (for DSN lookup); the driver manager (libodbc) is for tests.
find_path(PGO_ODBC_INCLUDE_DIR sql.h PATH_SUFFIXES odbc REQUIRED)
find_library(PGO_ODBCINST_LIBRARY odbcinst REQUIRED)
find_library(PGO_ODBC_LIBRARY odbc REQUIRED)

add_library(pgo::odbc_headers INTERFACE IMPORTED)
target_include_directories(pgo::odbc_headers INTERFACE ${PGO_ODBC_INCLUDE_DIR})
add_library(pgo::odbcinst UNKNOWN IMPORTED)
set_target_properties(pgo::odbcinst PROPERTIES IMPORTED_LOCATION ${PGO_ODBCINST_LIBRARY}
  INTERFACE_INCLUDE_DIRECTORIES ${PGO_ODBC_INCLUDE_DIR})
add_library(pgo::odbc UNKNOWN IMPORTED)
set_target_properties(pgo::odbc PROPERTIES IMPORTED_LOCATION ${PGO_ODBC_LIBRARY}
  INTERFACE_INCLUDE_DIRECTORIES ${PGO_ODBC_INCLUDE_DIR})
