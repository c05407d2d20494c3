#include "aws/xml.hpp"

#include <fmt/format.h>

namespace infrac::aws {
namespace {

bool looks_like_html(const std::string& body) {
  size_t i = body.find_first_not_of(" \t\r\n");
  if (i == std::string::npos) return false;
  std::string head = body.substr(i, 15);
  for (auto& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return head.rfind("<!doctype html", 0) == 0 || head.rfind("<html", 0) == 0;
}

AwsError protocol_error(const HttpResponse& response, std::string what) {
  AwsError e;
  e.kind = AwsError::Kind::Protocol;
  e.code = "InvalidAnswer";
  e.http_status = response.status;
  e.message = std::move(what);
  return e;
}

// Reads an error element (<Error><Code/><Message/></Error>) into `e`; false when it has no code.
bool read_error_element(pugi::xml_node error, AwsError& e) {
  if (!error) return false;
  e.code = error.child_value("Code");
  e.message = error.child_value("Message");
  return !e.code.empty();
}

}  // namespace

std::string excerpt(const std::string& body, size_t max) {
  std::string out;
  for (char c : body.substr(0, max)) out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? ' ' : c;
  if (body.size() > max) out += "...";
  return out;
}

std::string text_at(pugi::xml_node node, const char* path) {
  pugi::xml_node found = node.first_element_by_path(path);
  return found ? found.child_value() : "";
}

std::vector<pugi::xml_node> list_at(pugi::xml_node node, const char* path) {
  std::vector<pugi::xml_node> out;
  pugi::xml_node list = node.first_element_by_path(path);
  for (pugi::xml_node child : list.children()) {
    if (child.type() != pugi::node_element) continue;
    std::string name = child.name();
    if (name == "member" || name == "item") out.push_back(child);
  }
  return out;
}

AwsError decode_error(const HttpResponse& response) {
  AwsError e;
  e.kind = AwsError::Kind::Service;
  e.http_status = response.status;
  if (auto id = response.header("x-amzn-requestid")) e.request_id = *id;
  if (auto id = response.header("x-amz-request-id")) e.request_id = *id;
  pugi::xml_document doc;
  bool parsed = !response.body.empty() && doc.load_buffer(response.body.data(), response.body.size());
  if (parsed) {
    pugi::xml_node root = doc.document_element();
    std::string name = root.name();
    bool read = false;
    if (name == "ErrorResponse") {
      read = read_error_element(root.child("Error"), e);
      if (e.request_id.empty()) e.request_id = root.child_value("RequestId");
    } else if (name == "Response") {  // EC2
      read = read_error_element(root.child("Errors").child("Error"), e);
      if (e.request_id.empty()) e.request_id = root.child_value("RequestID");
    } else if (name == "Error") {  // S3
      read = read_error_element(root, e);
      if (e.request_id.empty()) e.request_id = root.child_value("RequestId");
    }
    if (read) return e;
  }
  // An error status with no document we can read: say what came instead.
  e.code = response.status >= 500 ? "ServiceUnavailable" : "HttpError";
  if (looks_like_html(response.body)) {
    e.message = fmt::format("HTTP {} with an HTML page instead of an AWS error document", response.status);
  } else if (response.body.empty()) {
    e.message = fmt::format("HTTP {} with an empty body", response.status);
  } else {
    e.message = fmt::format("HTTP {} with an unreadable body: {}", response.status, excerpt(response.body));
  }
  if (response.status < 300) {
    e.kind = AwsError::Kind::Protocol;
    e.code = "InvalidAnswer";
  }
  return e;
}

Outcome<XmlAnswer> decode_answer(const HttpResponse& response, const std::string& operation) {
  if (response.status < 200 || response.status >= 300) return decode_error(response);
  if (looks_like_html(response.body)) {
    return protocol_error(response, fmt::format("{}: HTTP {} with an HTML page instead of XML: {}", operation,
                                                response.status, excerpt(response.body)));
  }
  auto doc = std::make_shared<pugi::xml_document>();
  pugi::xml_parse_result parsed = doc->load_buffer(response.body.data(), response.body.size());
  if (!parsed) {
    return protocol_error(response, fmt::format("{}: the answer is not well-formed XML ({} at byte {}): {}", operation,
                                                parsed.description(), parsed.offset, excerpt(response.body)));
  }
  pugi::xml_node root = doc->document_element();
  std::string expected = operation + "Response";
  if (expected != root.name()) {
    if (std::string(root.name()) == "ErrorResponse" || std::string(root.name()) == "Error") return decode_error(response);
    return protocol_error(response, fmt::format("{}: expected <{}> but the answer is <{}>", operation, expected,
                                                root.name()));
  }
  XmlAnswer answer{doc, root, root.child((operation + "Result").c_str())};
  if (!answer.result) answer.result = root;
  return answer;
}

std::string AwsError::describe() const {
  std::string out = code.empty() ? message : (message.empty() ? code : code + ": " + message);
  std::string detail;
  if (http_status) detail = fmt::format("HTTP {}", http_status);
  if (!request_id.empty()) detail += (detail.empty() ? "" : ", ") + std::string("request ") + request_id;
  if (!detail.empty()) out += " (" + detail + ")";
  return out;
}

std::optional<std::string> HttpResponse::header(const std::string& lower_name) const {
  for (const auto& [k, v] : headers)
    if (k == lower_name) return v;
  return std::nullopt;
}

}  // namespace infrac::aws
