# The compiled libraries infrac links, as infrac::fmt, infrac::re2, infrac::yaml_cpp and
# infrac::pugixml: Debian's shared libraries, or (INFRAC_STATIC_LIBS) their static
# archives with libstdc++ and libgcc linked in too. A process then loads no C++ runtime:
# mapping libstdc++ and the four libraries and resolving their symbols at every start was
# most of a one-resource build's CPU time (bench/README.md: 2.0-2.7 ms -> 1.5 ms, 3.5M ->
# 1.1M instructions). libcurl is still opened only when an AWS command needs it, and is C.
# The sanitizer and fuzz builds keep the shared libraries, as their runtimes expect.
find_package(yaml-cpp REQUIRED)
find_package(pugixml REQUIRED)
if(INFRAC_SANITIZE OR INFRAC_FUZZ)
  set(static_default OFF)
else()
  set(static_default ON)
endif()
option(INFRAC_STATIC_LIBS "Link fmt, RE2, yaml-cpp, pugixml, libstdc++ and libgcc statically" ${static_default})

if(INFRAC_STATIC_LIBS)
  find_library(INFRAC_RE2_ARCHIVE libre2.a REQUIRED)
  find_library(INFRAC_YAML_CPP_ARCHIVE libyaml-cpp.a REQUIRED)
  # Debian's libfmt-dev has no archive: fmt's compiled part is built here, with the usage
  # requirements of its shared target (FMT_SHARED only sets symbol visibility on Linux).
  add_library(infrac_fmt STATIC ${PROJECT_SOURCE_DIR}/tools/fmt_library.cpp)
  target_include_directories(infrac_fmt SYSTEM PUBLIC $<TARGET_PROPERTY:fmt::fmt,INTERFACE_INCLUDE_DIRECTORIES>)
  target_compile_definitions(infrac_fmt PUBLIC $<TARGET_PROPERTY:fmt::fmt,INTERFACE_COMPILE_DEFINITIONS>)
  add_library(infrac_re2 INTERFACE)
  target_include_directories(infrac_re2 SYSTEM INTERFACE ${RE2_INCLUDE_DIRS})
  target_compile_options(infrac_re2 INTERFACE ${RE2_CFLAGS_OTHER})  # -pthread, as PkgConfig::RE2
  target_link_libraries(infrac_re2 INTERFACE ${INFRAC_RE2_ARCHIVE} Threads::Threads)
  add_library(infrac_yaml_cpp INTERFACE)
  target_include_directories(infrac_yaml_cpp SYSTEM INTERFACE $<TARGET_PROPERTY:yaml-cpp,INTERFACE_INCLUDE_DIRECTORIES>)
  target_link_libraries(infrac_yaml_cpp INTERFACE ${INFRAC_YAML_CPP_ARCHIVE})
  add_library(infrac_pugixml INTERFACE)
  target_link_libraries(infrac_pugixml INTERFACE pugixml::static)
  add_link_options(-static-libstdc++ -static-libgcc)
else()
  add_library(infrac_fmt INTERFACE)
  target_link_libraries(infrac_fmt INTERFACE fmt::fmt)
  add_library(infrac_re2 INTERFACE)
  target_link_libraries(infrac_re2 INTERFACE PkgConfig::RE2)
  add_library(infrac_yaml_cpp INTERFACE)
  target_link_libraries(infrac_yaml_cpp INTERFACE yaml-cpp)
  add_library(infrac_pugixml INTERFACE)
  target_link_libraries(infrac_pugixml INTERFACE pugixml::pugixml)
endif()
add_library(infrac::fmt ALIAS infrac_fmt)
add_library(infrac::re2 ALIAS infrac_re2)
add_library(infrac::yaml_cpp ALIAS infrac_yaml_cpp)
add_library(infrac::pugixml ALIAS infrac_pugixml)
