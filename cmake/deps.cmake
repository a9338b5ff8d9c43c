# Outside libraries, found through pkg-config (Debian 12 packages).
find_package(PkgConfig REQUIRED)
pkg_check_modules(PCRE2 REQUIRED IMPORTED_TARGET libpcre2-8)
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
pkg_check_modules(INIH REQUIRED IMPORTED_TARGET inih)
pkg_check_modules(LIBXML2 REQUIRED IMPORTED_TARGET libxml-2.0)
pkg_check_modules(GNUTLS REQUIRED IMPORTED_TARGET gnutls)
pkg_check_modules(CMOCKA REQUIRED IMPORTED_TARGET cmocka)
pkg_check_modules(ETPAN REQUIRED libetpan)

# Debian's libetpan.pc carries "-specs=/usr/share/dpkg/no-pie-link.specs" (a leftover of
# Debian's own build) in its Libs line; handed to the linker of a PIE executable it breaks the
# link. Build the imported target by hand from the flags we keep.
set(_etpan_link "")
foreach(flag IN LISTS ETPAN_LDFLAGS)
  if(NOT flag MATCHES "^-specs=")
    list(APPEND _etpan_link "${flag}")
  endif()
endforeach()
add_library(rw_etpan INTERFACE)
target_include_directories(rw_etpan INTERFACE ${ETPAN_INCLUDE_DIRS})
target_compile_options(rw_etpan INTERFACE ${ETPAN_CFLAGS_OTHER})
target_link_libraries(rw_etpan INTERFACE ${_etpan_link})

# libcsv (Debian libcsv-dev) ships no .pc file.
find_path(CSV_INCLUDE_DIR csv.h REQUIRED)
find_library(CSV_LIBRARY csv REQUIRED)
add_library(rw_csv INTERFACE)
target_include_directories(rw_csv INTERFACE ${CSV_INCLUDE_DIR})
target_link_libraries(rw_csv INTERFACE ${CSV_LIBRARY})
