# Warning and sanitizer flags applied to every sidepeak target through this interface library.
add_library(sidepeak_warnings INTERFACE)
target_compile_options(sidepeak_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wconversion-null
                       $<$<BOOL:${SIDEPEAK_WERROR}>:-Werror>)
if(SIDEPEAK_SANITIZE)
  # -Wno-restrict: with the sanitizers' instrumentation g++ 12 reports impossible memcpy overlaps
  # inside std::string (GCC bug 105329), which -Werror would turn into build failures.
  target_compile_options(sidepeak_warnings INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
                         -fno-sanitize-recover=undefined $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>)
  target_link_options(sidepeak_warnings INTERFACE -fsanitize=address,undefined)
endif()

# sidepeak_module(NAME <name> DEPS <targets...>): one static library per module built from
# src/<name>/*.cpp, with the public headers in include/.
function(sidepeak_module name)
  cmake_parse_arguments(ARG "" "" "DEPS;PRIVATE_DEPS" ${ARGN})
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  if(NOT sources)
    set(sources ${PROJECT_SOURCE_DIR}/cmake/module_anchor.cpp)
  endif()
  add_library(sidepeak_${name} STATIC ${sources})
  add_library(sidepeak::${name} ALIAS sidepeak_${name})
  target_include_directories(sidepeak_${name} PUBLIC
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include> $<INSTALL_INTERFACE:include>
    PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
  target_link_libraries(sidepeak_${name} PUBLIC ${ARG_DEPS} PRIVATE sidepeak_warnings ${ARG_PRIVATE_DEPS})
endfunction()
