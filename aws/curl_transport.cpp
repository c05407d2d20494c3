#include "aws/curl_transport.hpp"

#include <curl/curl.h>

#include <cctype>
#include <memory>
#include <mutex>
#include <string>

namespace infrac::aws {
namespace {

size_t append_body(char* data, size_t size, size_t count, void* target) {
  static_cast<std::string*>(target)->append(data, size * count);
  return size * count;
}

// One "Name: value" line per call; the status line and the blank line are skipped.
size_t append_header(char* data, size_t size, size_t count, void* target) {
  std::string line(data, size * count);
  size_t colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value = line.substr(colon + 1);
    size_t b = value.find_first_not_of(" \t");
    size_t e = value.find_last_not_of(" \t\r\n");
    value = b == std::string::npos ? "" : value.substr(b, e - b + 1);
    static_cast<Headers*>(target)->emplace_back(std::move(name), std::move(value));
  } else if (line.rfind("HTTP/", 0) == 0) {
    static_cast<Headers*>(target)->clear();  // a 100 Continue or a redirect: keep the last answer's headers only
  }
  return size * count;
}

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

}  // namespace

CurlTransport::CurlTransport() {
  static std::once_flag once;  // libcurl's process-wide initialisation, required once before any handle
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

TransportResult CurlTransport::send(const HttpRequest& request) {
  TransportResult result;
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) {
    result.failure.message = std::string("libcurl could not start a transfer: ") + curl_easy_strerror(CURLE_FAILED_INIT);
    return result;
  }
  CURL* h = curl.get();
  char error_buffer[CURL_ERROR_SIZE] = {0};
  HttpResponse response;
  curl_slist* raw_headers = nullptr;
  for (const auto& [name, value] : request.headers) raw_headers = curl_slist_append(raw_headers, (name + ": " + value).c_str());
  std::string scope;
  if (request.signing) {
    const SigningScope& s = *request.signing;
    if (!s.credentials.session_token.empty())
      raw_headers = curl_slist_append(raw_headers, ("X-Amz-Security-Token: " + s.credentials.session_token).c_str());
    scope = "aws:amz:" + s.region + ":" + s.service;
    curl_easy_setopt(h, CURLOPT_AWS_SIGV4, scope.c_str());
    curl_easy_setopt(h, CURLOPT_USERNAME, s.credentials.access_key_id.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, s.credentials.secret_access_key.c_str());
  }
  std::unique_ptr<curl_slist, SlistDeleter> header_list(raw_headers);
  curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, raw_headers);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(request.connect_timeout.count()));
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, append_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &response.headers);
  curl_easy_setopt(h, CURLOPT_USERAGENT, "infrac");
  if (request.method == "GET") {
    curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
  } else {
    // POSTFIELDS is what libcurl hashes into the signature; PUT and others reuse it with a custom verb.
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
    if (request.method != "POST") curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }
  CURLcode code = curl_easy_perform(h);
  if (code != CURLE_OK) {
    result.failure.timed_out = code == CURLE_OPERATION_TIMEDOUT;
    result.failure.message = error_buffer[0] ? error_buffer : curl_easy_strerror(code);
    return result;
  }
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  response.status = static_cast<int>(status);
  result.response = std::move(response);
  return result;
}

}  // namespace infrac::aws
