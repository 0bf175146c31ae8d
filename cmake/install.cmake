# install.cmake: what `cmake --install` puts where, and the Debian package
# CPack builds from the same rules (`cpack -G DEB` in the build directory,
# after `cmake --build <dir> --target pgodbc`).
#
#   <odbcdir>/libpgodbc.so.<version>, .so.<major> (the SONAME), .so
#   share/pgodbc/odbcinst.ini.template    for `odbcinst -i -d -f`, with the
#                                          installed library's full path
#   share/doc/pgodbc/README.md, odbc.ini.sample
#
# <odbcdir> is PGO_INSTALL_ODBCDIR: relative to the prefix, or absolute.
# Where the compiler has a multiarch directory (Debian, Ubuntu) it defaults
# to lib/<multiarch>/odbc, where odbc-postgresql and unixODBC's own drivers
# live (with the prefix /usr: /usr/lib/x86_64-linux-gnu/odbc); elsewhere to
# <libdir>/odbc. The package's maintainer scripts (cmake/deb/) register the
# driver with odbcinst on install and unregister it on removal.

include(GNUInstallDirs)

# Installing (and so cpack) needs only libpgodbc.so: build it first with
# `cmake --build <dir> --target pgodbc`, rather than every test suite.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

if(CMAKE_LIBRARY_ARCHITECTURE)
  set(pgo_default_odbcdir lib/${CMAKE_LIBRARY_ARCHITECTURE}/odbc)
else()
  set(pgo_default_odbcdir ${CMAKE_INSTALL_LIBDIR}/odbc)
endif()
set(PGO_INSTALL_ODBCDIR ${pgo_default_odbcdir} CACHE STRING
    "Directory for libpgodbc.so: relative to the install prefix, or absolute")

install(TARGETS pgodbc
        LIBRARY DESTINATION ${PGO_INSTALL_ODBCDIR} COMPONENT driver NAMELINK_COMPONENT driver)

# The odbcinst.ini template names the library by its full installed path,
# known only at install time: CPack installs under its own prefix (/usr).
set(pgo_template ${CMAKE_CURRENT_BINARY_DIR}/odbcinst.ini.template)
install(CODE "
  set(pgo_odbcdir [[${PGO_INSTALL_ODBCDIR}]])
  if(NOT IS_ABSOLUTE \"\${pgo_odbcdir}\")
    set(pgo_odbcdir \"\${CMAKE_INSTALL_PREFIX}/\${pgo_odbcdir}\")
  endif()
  set(PGODBC_DRIVER \"\${pgo_odbcdir}/libpgodbc.so.${PROJECT_VERSION_MAJOR}\")
  configure_file([[${PROJECT_SOURCE_DIR}/odbcinst/pgodbc.ini.in]] [[${pgo_template}]] @ONLY)
" COMPONENT driver)
install(FILES ${pgo_template} DESTINATION ${CMAKE_INSTALL_DATADIR}/pgodbc COMPONENT driver)

install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/odbcinst/odbc.ini.sample
        DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT driver)

# The Debian package: pgodbc_<version>_<arch>.deb.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME pgodbc)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "pgodbc maintainers <maintainers@users.noreply.r-seed-fb5d10f6.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "ODBC driver for PostgreSQL (protocol 3, no libpq)")
set(CPACK_PACKAGE_DESCRIPTION
    "pgodbc is an ODBC 3.8 driver for PostgreSQL that speaks the frontend/backend\n\
protocol itself. It connects over TCP, Unix sockets or an adopted socket,\n\
speaks TLS through OpenSSL with libpq's modes and authenticates with\n\
password, MD5, SCRAM-SHA-256(-PLUS) or client certificates.\n\
.\n\
The package registers the driver as [pgodbc] in odbcinst.ini.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION database)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The maintainer scripts run odbcinst; the library's own needs come from
# dpkg-shlibdeps.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "odbcinst")
set(CPACK_DEBIAN_PACKAGE_ENHANCES "unixodbc")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/cmake/deb/postinst ${PROJECT_SOURCE_DIR}/cmake/deb/prerm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# Debian's copyright and changelog files go into the package only.
set(CPACK_PRE_BUILD_SCRIPTS ${PROJECT_SOURCE_DIR}/cmake/deb/add_debian_docs.cmake)
set(PGO_DEB_SOURCE_DIR ${PROJECT_SOURCE_DIR}/cmake/deb)
set(CPACK_PGO_DEB_SOURCE_DIR ${PGO_DEB_SOURCE_DIR})
set(CPACK_PGO_DOCDIR ${CMAKE_INSTALL_DOCDIR})
include(CPack)
