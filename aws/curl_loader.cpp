// libcurl, loaded when the first AWS request needs it rather than when infrac starts.
//
// `infrac build`, `check`, `fmt` and `lsp` share the executable with the AWS commands.
// Linked the usual way, libcurl and the ~30 libraries it needs (TLS, Kerberos, LDAP,
// SSH, IDN...) are mapped and relocated at every start: 4.8 ms of CPU, measured with an
// empty program linked against it, which was half of a one-resource `infrac build`
// (bench/README.md). So infrac does not link libcurl: this file defines the nine curl
// functions curl_transport.cpp calls, each forwarding to the same function of
// libcurl.so.4 opened with dlopen on first use. If it cannot be opened, the calls fail
// as libcurl's do when it cannot start (a null handle, CURLE_FAILED_INIT), and
// curl_easy_strerror says why (infrac's package must depend on libcurl4 by name: no
// linker records it).
#include <curl/curl.h>
#include <dlfcn.h>

#include <cstdarg>
#include <mutex>
#include <string>

namespace {

struct Curl {
  CURLcode (*global_init)(long) = nullptr;
  CURL* (*easy_init)() = nullptr;
  CURLcode (*easy_setopt)(CURL*, CURLoption, ...) = nullptr;
  CURLcode (*easy_perform)(CURL*) = nullptr;
  CURLcode (*easy_getinfo)(CURL*, CURLINFO, ...) = nullptr;
  void (*easy_cleanup)(CURL*) = nullptr;
  const char* (*easy_strerror)(CURLcode) = nullptr;
  curl_slist* (*slist_append)(curl_slist*, const char*) = nullptr;
  void (*slist_free_all)(curl_slist*) = nullptr;
  bool loaded = false;
  std::string problem;  // why not loaded, for curl_easy_strerror
};

template <typename F>
bool find(void* library, const char* name, F& function) {
  function = reinterpret_cast<F>(dlsym(library, name));
  return function != nullptr;
}

const Curl& curl() {
  static Curl c;
  static std::once_flag once;
  std::call_once(once, [] {
    void* library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (library == nullptr) {
      const char* reason = dlerror();
      c.problem = std::string("libcurl (libcurl.so.4) could not be loaded: ") + (reason ? reason : "no reason given");
      return;
    }
    c.loaded = find(library, "curl_global_init", c.global_init) && find(library, "curl_easy_init", c.easy_init) &&
               find(library, "curl_easy_setopt", c.easy_setopt) && find(library, "curl_easy_perform", c.easy_perform) &&
               find(library, "curl_easy_getinfo", c.easy_getinfo) && find(library, "curl_easy_cleanup", c.easy_cleanup) &&
               find(library, "curl_easy_strerror", c.easy_strerror) && find(library, "curl_slist_append", c.slist_append) &&
               find(library, "curl_slist_free_all", c.slist_free_all);
    if (!c.loaded) c.problem = "libcurl.so.4 was loaded but lacks a function infrac calls";
  });
  return c;
}

}  // namespace

extern "C" {

// curl.h declares curl_easy_setopt and curl_easy_getinfo with an enum before the `...`;
// C++ (not C) calls va_start on a parameter whose type promotion changes undefined, and
// clang says so (-Wvarargs). The signatures are libcurl's, and an enum whose values are
// ints is passed as an int by every ABI that libcurl supports.
#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wvarargs"
#endif

CURLcode curl_global_init(long flags) { return curl().loaded ? curl().global_init(flags) : CURLE_FAILED_INIT; }

CURL* curl_easy_init() { return curl().loaded ? curl().easy_init() : nullptr; }

// The one argument after the option has the type the option's number says, as libcurl
// itself reads it (curl.h: CURLOPTTYPE_*): a long, an object or a function pointer, a
// curl_off_t, or a blob pointer.
CURLcode curl_easy_setopt(CURL* handle, CURLoption option, ...) {
  if (!curl().loaded) return CURLE_FAILED_INIT;
  va_list args;
  va_start(args, option);
  CURLcode code;
  if (option < CURLOPTTYPE_OBJECTPOINT) {
    code = curl().easy_setopt(handle, option, va_arg(args, long));
  } else if (option < CURLOPTTYPE_FUNCTIONPOINT) {
    code = curl().easy_setopt(handle, option, va_arg(args, void*));
  } else if (option < CURLOPTTYPE_OFF_T) {
    code = curl().easy_setopt(handle, option, va_arg(args, void (*)()));
  } else if (option < CURLOPTTYPE_BLOB) {
    code = curl().easy_setopt(handle, option, va_arg(args, curl_off_t));
  } else {
    code = curl().easy_setopt(handle, option, va_arg(args, void*));
  }
  va_end(args);
  return code;
}

CURLcode curl_easy_perform(CURL* handle) { return curl().loaded ? curl().easy_perform(handle) : CURLE_FAILED_INIT; }

// Every CURLINFO_* answer is written through a pointer.
CURLcode curl_easy_getinfo(CURL* handle, CURLINFO info, ...) {
  if (!curl().loaded) return CURLE_FAILED_INIT;
  va_list args;
  va_start(args, info);
  void* answer = va_arg(args, void*);
  va_end(args);
  return curl().easy_getinfo(handle, info, answer);
}

#if defined(__clang__)
#pragma clang diagnostic pop
#endif

void curl_easy_cleanup(CURL* handle) {
  if (curl().loaded) curl().easy_cleanup(handle);
}

const char* curl_easy_strerror(CURLcode code) {
  return curl().loaded ? curl().easy_strerror(code) : curl().problem.c_str();
}

curl_slist* curl_slist_append(curl_slist* list, const char* text) { return curl().loaded ? curl().slist_append(list, text) : nullptr; }

void curl_slist_free_all(curl_slist* list) {
  if (curl().loaded) curl().slist_free_all(list);
}

}  // extern "C"
