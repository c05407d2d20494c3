// The sanitizers' defaults for every program of a sanitized build (INFRAC_SANITIZE; the
// runtimes call these hooks at start-up, and ASAN_OPTIONS / UBSAN_OPTIONS still override them).
// A report aborts the process, so no test can mistake it for an ordinary exit status 1 of
// infrac; leaks are reported at exit.
extern "C" const char* __asan_default_options() {
  return "abort_on_error=1:detect_leaks=1:strict_string_checks=1";
}

extern "C" const char* __ubsan_default_options() {
  return "abort_on_error=1:halt_on_error=1:print_stacktrace=1";
}
