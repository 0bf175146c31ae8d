# ASan + UBSan build for CI: every test runs again under both.
if(PGO_SANITIZE)
  set(PGO_SANITIZER_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=undefined
      -fno-omit-frame-pointer)
  add_compile_options(${PGO_SANITIZER_FLAGS})
  add_link_options(-fsanitize=address,undefined)
endif()
