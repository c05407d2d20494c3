// libFuzzer target: the AWS client's answers. Every operation of aws/ that reads an
// answer body is called through the client as the commands call it (AwsClient: retries,
// the error decoder, pagination, --debug traces), over a transport that answers every
// request with the fuzz input; the console output goes on to the host-key reader of
// `infrac inventory --known-hosts`. An input may start with a line `debug` (the client
// traces every request and answer, as with --debug: slower, since the redactor's patterns
// are std::regex) and then a line `status NNN` (the HTTP status; 200 without one). The
// clock and sleep are fake, so retries cost nothing. Besides crashes, a trace line that
// shows the signing credentials' secret is a finding.
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "aws/client.hpp"
#include "aws/cloudformation.hpp"
#include "aws/fleet_services.hpp"
#include "aws/sts.hpp"
#include "fleet/host_keys.hpp"

namespace {
using namespace infrac::aws;

constexpr const char* kSecretKey = "fuzzSECRETwJalrXUtnFEMIK7MDENGbPxRfiCY";
constexpr const char* kSessionToken = "fuzzTOKENIQoJb3JpZ2luX2VjEJr";

class Answering : public Transport {
 public:
  Answering(int status, std::string body) : status_(status), body_(std::move(body)) {}
  TransportResult send(const HttpRequest&) override {
    if (++sent_ > 100000) std::abort();  // an operation that never stops asking is a finding
    TransportResult r;
    r.response = HttpResponse{status_, {}, body_};
    return r;
  }

 private:
  int status_;
  std::string body_;
  int sent_ = 0;
};

void check_trace(const std::string& line) {
  if (line.find(kSecretKey) != std::string::npos || line.find(kSessionToken) != std::string::npos) std::abort();
}

// As cli/aws_options.cpp builds them: one redactor for every client of a run, so that the
// STS client (unsigned, for web identity) masks what the credential chain registered too.
AwsClient client(std::shared_ptr<Transport> transport, std::shared_ptr<Redactor> redactor, bool signed_requests, bool debug) {
  Runtime runtime = fake_runtime({});
  if (debug) runtime.trace = check_trace;
  CredentialSource credentials;
  if (signed_requests) {
    credentials = [] {
      Credentials c;
      c.access_key_id = "AKIDFUZZ";
      c.secret_access_key = kSecretKey;
      c.session_token = kSessionToken;
      return Outcome<Credentials>(c);
    };
  }
  ClientConfig config;
  config.region = "us-east-1";
  return AwsClient(config, std::move(transport), std::move(runtime), std::move(credentials), std::move(redactor));
}

void cloudformation(AwsClient& c) {
  cfn::StackRequest request;
  request.stack_name = "app";
  request.template_body = "{}";
  (void)cfn::create_stack(c, request);
  (void)cfn::update_stack(c, request);
  (void)cfn::create_change_set(c, request, "cs", "UPDATE");
  (void)cfn::describe_change_set(c, "cs");
  (void)cfn::execute_change_set(c, "cs");
  (void)cfn::delete_change_set(c, "cs");
  (void)cfn::describe_stack(c, "app");
  (void)cfn::describe_stack_events(c, "app");
  (void)cfn::describe_stack_events(c, "app", "event-1");
  (void)cfn::describe_stack_resources(c, "app");
  (void)cfn::get_stack_policy(c, "app");
  (void)cfn::set_stack_policy(c, "app", "{}");
  (void)cfn::get_template(c, "app");
  (void)cfn::validate_template(c, "{}", "");
  (void)cfn::continue_update_rollback(c, "app", {}, "");
  (void)cfn::delete_stack(c, "app", "");
  (void)cfn::update_termination_protection(c, "app", true);
}

void fleet(AwsClient& c) {
  (void)describe_instances(c, {"i-1"}, {{"tag:aws:cloudformation:stack-name", {"app"}}});
  if (auto output = get_console_output(c, "i-1")) (void)infrac::fleet::read_host_keys_from_console_output(*output);
  (void)terminate_instances(c, {"i-1"});
  (void)describe_auto_scaling_groups(c, {"g"});
  (void)describe_scaling_activities(c, "g");
  (void)put_object(c, "bucket", "key", "{}");
}

void sts(AwsClient& signed_client, AwsClient& unsigned_client) {
  (void)get_caller_identity(signed_client);
  (void)assume_role(signed_client, {"arn:aws:iam::1:role/r", "s", "x", "", 0});
  (void)assume_role(unsigned_client, {"arn:aws:iam::1:role/r", "s", "", "token", 900});
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  bool debug = input.starts_with("debug\n");
  if (debug) input.remove_prefix(6);
  int status = 200;
  if (input.starts_with("status ")) {
    std::size_t end = input.find('\n');
    std::string_view number = input.substr(7, end == std::string_view::npos ? std::string_view::npos : end - 7);
    std::from_chars(number.data(), number.data() + number.size(), status);
    input.remove_prefix(end == std::string_view::npos ? input.size() : end + 1);
  }
  auto transport = std::make_shared<Answering>(status, std::string(input));
  auto redactor = std::make_shared<Redactor>();
  redactor->add_secret(kSecretKey);  // as the credential chain registers what it resolves
  redactor->add_secret(kSessionToken);
  AwsClient signed_client = client(transport, redactor, true, debug);
  AwsClient unsigned_client = client(transport, redactor, false, debug);
  cloudformation(signed_client);
  fleet(signed_client);
  sts(signed_client, unsigned_client);
  return 0;
}
