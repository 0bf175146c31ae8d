# Warnings the house style asks for; errors when PGO_WERROR is on (CI).
set(PGO_C_WARNINGS -Wall -Wextra -Wshadow -Wconversion -Wformat=2 -Wvla
    -Wstrict-prototypes -Wmissing-prototypes -Wno-sign-conversion)
if(PGO_WERROR)
  list(APPEND PGO_C_WARNINGS -Werror)
endif()

# Applies the driver's warning set to a C target.
function(pgo_apply_warnings target)
  target_compile_options(${target} PRIVATE $<$<COMPILE_LANGUAGE:C>:${PGO_C_WARNINGS}>)
endfunction()
