#include "deploy/progress.hpp"

#include <fmt/format.h>

#include <ostream>

#include "cfn/json.hpp"

namespace infrac::deploy {
namespace {

const char* kind_name(ProgressEvent::Kind k) {
  switch (k) {
    case ProgressEvent::Kind::Info: return "info";
    case ProgressEvent::Kind::Plan: return "plan";
    case ProgressEvent::Kind::StackEvent: return "stack_event";
    case ProgressEvent::Kind::ScalingActivity: return "scaling_activity";
    case ProgressEvent::Kind::Warning: return "warning";
    case ProgressEvent::Kind::Result: return "result";
  }
  return "info";
}

std::string colour_status(const std::string& status, bool colour) {
  if (!colour) return status;
  const char* c = "";
  if (status.find("FAILED") != std::string::npos || status.find("ROLLBACK") != std::string::npos) c = "\x1b[31m";
  else if (status.find("COMPLETE") != std::string::npos || status == "Successful") c = "\x1b[32m";
  else if (status.find("IN_PROGRESS") != std::string::npos) c = "\x1b[33m";
  return *c ? std::string(c) + status + "\x1b[0m" : status;
}

class TextSink : public ProgressSink {
 public:
  TextSink(std::ostream& out, bool colour) : out_(out), colour_(colour) {}
  void on(const ProgressEvent& e) override {
    long s = static_cast<long>(e.elapsed.count());
    std::string prefix = fmt::format("[{} +{:02}:{:02}] ", e.stack, s / 60, s % 60);
    switch (e.kind) {
      case ProgressEvent::Kind::Plan: out_ << e.message; break;
      case ProgressEvent::Kind::StackEvent:
      case ProgressEvent::Kind::ScalingActivity:
        out_ << prefix << e.resource << (e.resource_type.empty() ? "" : " (" + e.resource_type + ")") << " "
             << colour_status(e.status, colour_) << (e.reason.empty() ? "" : ": " + e.reason) << "\n";
        break;
      case ProgressEvent::Kind::Warning: out_ << prefix << "warning: " << e.message << "\n"; break;
      default: out_ << prefix << e.message << "\n";
    }
    out_.flush();
  }

 private:
  std::ostream& out_;
  bool colour_;
};

class JsonLinesSink : public ProgressSink {
 public:
  explicit JsonLinesSink(std::ostream& out) : out_(out) {}
  void on(const ProgressEvent& e) override {
    Json j;
    j["kind"] = kind_name(e.kind);
    j["stack"] = e.stack;
    if (!e.operation_id.empty()) j["operation_id"] = e.operation_id;
    if (!e.resource.empty()) j["resource"] = e.resource;
    if (!e.resource_type.empty()) j["resource_type"] = e.resource_type;
    if (!e.status.empty()) j["status"] = e.status;
    if (!e.reason.empty()) j["reason"] = e.reason;
    if (!e.message.empty()) j["message"] = e.message;
    j["elapsed_seconds"] = e.elapsed.count();
    out_ << j.dump(-1, ' ', false, Json::error_handler_t::replace) << "\n";
    out_.flush();
  }

 private:
  std::ostream& out_;
};

}  // namespace

void RedactingSink::on(const ProgressEvent& e) {
  ProgressEvent safe = e;
  for (std::string* text : {&safe.operation_id, &safe.resource, &safe.resource_type, &safe.status, &safe.reason, &safe.message})
    if (!text->empty()) *text = redactor_.redact(std::move(*text));
  inner_.on(safe);
}

void report(ProgressSink& sink, const ProgressEvent& event) noexcept {
  try {
    sink.on(event);
  } catch (...) {
    // Progress is for people; a display that fails must not fail the deploy.
  }
}

std::unique_ptr<ProgressSink> text_sink(std::ostream& out, bool colour) { return std::make_unique<TextSink>(out, colour); }
std::unique_ptr<ProgressSink> json_lines_sink(std::ostream& out) { return std::make_unique<JsonLinesSink>(out); }

}  // namespace infrac::deploy
