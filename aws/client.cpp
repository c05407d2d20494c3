#include "aws/client.hpp"

#include <fmt/format.h>
#include <strings.h>

#include <algorithm>

namespace infrac::aws {
namespace {

std::string trim_slash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

// S3 object keys: every path segment percent-encoded, the slashes kept.
std::string encode_key(const std::string& key) {
  std::string out, segment;
  for (char c : key) {
    if (c == '/') {
      out += percent_encode(segment) + "/";
      segment.clear();
    } else {
      segment += c;
    }
  }
  return out + percent_encode(segment);
}

AwsError usage_error(std::string message) {
  AwsError e;
  e.kind = AwsError::Kind::Usage;
  e.code = "InvalidConfiguration";
  e.message = std::move(message);
  return e;
}

}  // namespace

AwsClient::AwsClient(ClientConfig config, std::shared_ptr<Transport> transport, Runtime runtime,
                     CredentialSource credentials, std::shared_ptr<Redactor> redactor)
    : config_(std::move(config)),
      transport_(std::move(transport)),
      runtime_(std::move(runtime)),
      credentials_(std::move(credentials)),
      redactor_(redactor ? std::move(redactor) : std::make_shared<Redactor>()),
      budget_(config_.retry) {}

std::string AwsClient::endpoint(const Service& service) const {
  if (!config_.endpoint_url.empty()) return trim_slash(config_.endpoint_url);
  if (runtime_.getenv) {
    if (auto v = runtime_.getenv(std::string("AWS_ENDPOINT_URL_") + service.env_id); v && !v->empty()) return trim_slash(*v);
    if (auto v = runtime_.getenv("AWS_ENDPOINT_URL"); v && !v->empty()) return trim_slash(*v);
  }
  return fmt::format("https://{}.{}.amazonaws.com", service.name, config_.region);
}

std::string AwsClient::object_url(const std::string& bucket, const std::string& key) const {
  return endpoint(kS3) + "/" + bucket + "/" + encode_key(key);  // path style: works for an emulator and for AWS
}

void AwsClient::trace(const std::string& line) const {
  if (runtime_.trace) runtime_.trace(redactor_->redact(line));
}

Outcome<HttpResponse> AwsClient::send_with_retries(HttpRequest request, const Service& service, const std::string& what) {
  if (config_.region.empty()) {
    return usage_error("no AWS region: give --region, set AWS_REGION or AWS_DEFAULT_REGION, or set `region` in the profile");
  }
  request.timeout = config_.timeout;
  request.connect_timeout = config_.connect_timeout;
  for (int attempt = 1;; ++attempt) {
    if (credentials_) {
      Outcome<Credentials> creds = credentials_();
      if (!creds) return creds.error();
      redactor_->add_secret(creds->secret_access_key);
      redactor_->add_secret(creds->session_token);
      request.signing = SigningScope{config_.region, service.name, *creds};
    }
    std::string headers;
    for (const auto& [k, v] : request.headers) headers += fmt::format(" {}: {};", k, v);
    trace(fmt::format("-> {} {} {} (attempt {}){} body: {}", what, request.method, request.url, attempt, headers,
                      excerpt(request.body, 2000)));
    TransportResult sent = transport_->send(request);
    AwsError error;
    if (sent.response) {
      const HttpResponse& r = *sent.response;
      trace(fmt::format("<- {} HTTP {} body: {}", what, r.status, excerpt(r.body, 2000)));
      if (r.status >= 200 && r.status < 300) {
        budget_.record_success();
        return *sent.response;
      }
      error = decode_error(r);
    } else {
      trace(fmt::format("<- {} no answer: {}", what, sent.failure.message));
      error.kind = AwsError::Kind::Transport;
      error.code = sent.failure.timed_out ? "Timeout" : "ConnectionError";
      error.message = redactor_->redact(fmt::format("{} {}: {}", request.method, request.url, sent.failure.message));
    }
    if (!is_retryable(error)) return error;
    if (attempt >= config_.retry.max_attempts) {
      error.message += fmt::format(" (gave up after {} attempts)", attempt);
      return error;
    }
    if (!budget_.take(error)) {
      error.message += " (retry budget spent)";
      return error;
    }
    auto delay = backoff_delay(config_.retry, attempt, runtime_.random ? runtime_.random() : 1.0);
    trace(fmt::format("   {} will be retried after {} ms: {}", what, delay.count(), error.describe()));
    if (runtime_.sleep) runtime_.sleep(delay);
  }
}

Outcome<XmlAnswer> AwsClient::query(const Service& service, const std::string& action, const QueryParams& params) {
  HttpRequest request;
  request.method = "POST";
  request.url = endpoint(service) + "/";
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
  request.body = encode_query(action, service.version, params);
  Outcome<HttpResponse> response = send_with_retries(std::move(request), service, action);
  if (!response) return response.error();
  return decode_answer(*response, action);
}

Outcome<std::vector<XmlAnswer>> AwsClient::query_pages(const Service& service, const std::string& action,
                                                       QueryParams params, const char* token_path) {
  std::vector<XmlAnswer> pages;
  Status read = query_each_page(
      service, action, std::move(params),
      [&](const XmlAnswer& answer) {
        pages.push_back(answer);
        return true;
      },
      token_path);
  if (!read) return read.error();
  return pages;
}

Status AwsClient::query_each_page(const Service& service, const std::string& action, QueryParams params,
                                  const std::function<bool(const XmlAnswer&)>& each, const char* token_path) {
  auto invalid_answer = [&](std::string message) {
    AwsError e;
    e.kind = AwsError::Kind::Protocol;
    e.code = "InvalidAnswer";
    e.message = action + ": " + std::move(message);
    return e;
  };
  std::string previous;
  for (int page = 1;; ++page) {
    Outcome<XmlAnswer> answer = query(service, action, params);
    if (!answer) return answer.error();
    std::string token = text_at(answer->result, token_path);
    if (!each(*answer) || token.empty()) return Done{};
    if (token == previous) return invalid_answer("the service returned the same page token twice");
    if (page >= config_.max_pages) {
      return invalid_answer(fmt::format("the list goes on past {} pages, the most infrac reads", config_.max_pages));
    }
    previous = token;
    std::erase_if(params, [&](const auto& p) { return p.first == token_path; });
    params.emplace_back(token_path, token);
  }
}

Outcome<HttpResponse> AwsClient::rest(const Service& service, const std::string& method, const std::string& bucket,
                                      const std::string& key, const std::string& body, Headers headers) {
  HttpRequest request;
  request.method = method;
  request.url = object_url(bucket, key);
  request.headers = std::move(headers);
  // libcurl would add a default Content-Type after signing: say one, so that it is signed.
  bool typed = std::any_of(request.headers.begin(), request.headers.end(), [](const auto& h) {
    return h.first.size() == 12 && strncasecmp(h.first.c_str(), "content-type", 12) == 0;
  });
  if (!typed) request.headers.emplace_back("Content-Type", "application/octet-stream");
  request.body = body;
  return send_with_retries(std::move(request), service, method + " s3://" + bucket + "/" + key);
}

}  // namespace infrac::aws
