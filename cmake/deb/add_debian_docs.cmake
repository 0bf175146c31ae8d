# add_debian_docs.cmake: a CPack pre-build script. Adds the two files
# Debian policy wants in every package's documentation directory and that
# `cmake --install` has no use for: copyright, and the changelog compressed
# with gzip -9n (no name, no time stamp: the same bytes every build).
set(docdir ${CPACK_TEMPORARY_INSTALL_DIRECTORY}${CPACK_PACKAGING_INSTALL_PREFIX}/${CPACK_PGO_DOCDIR})
if(NOT IS_DIRECTORY ${docdir})
  message(FATAL_ERROR "add_debian_docs: no documentation directory at ${docdir}")
endif()
file(COPY_FILE ${CPACK_PGO_DEB_SOURCE_DIR}/copyright ${docdir}/copyright)

string(TIMESTAMP now "%a, %d %b %Y %H:%M:%S +0000" UTC)
file(WRITE ${docdir}/changelog
     "pgodbc (${CPACK_PACKAGE_VERSION}) unstable; urgency=medium\n\n"
     "  * Built from the pgodbc source tree; see its git log for changes.\n\n"
     " -- ${CPACK_PACKAGE_CONTACT}  ${now}\n")
execute_process(COMMAND gzip -9nf ${docdir}/changelog RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "add_debian_docs: gzip failed on ${docdir}/changelog")
endif()
