#include "cli/aws_options.hpp"

#include <csignal>
#include <ostream>
#include <thread>

#include "aws/credentials.hpp"
#include "aws/curl_transport.hpp"

namespace infrac {
namespace {

// The one piece of process-wide state: a signal handler can reach nothing else.
std::atomic<bool> g_interrupted{false};

extern "C" void on_interrupt(int) { g_interrupted.store(true); }

}  // namespace

const std::atomic<bool>& interrupted() { return g_interrupted; }

void install_interrupt_handler() {
  g_interrupted.store(false);
  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
}

void add_aws_options(CLI::App& command, AwsOptions& o) {
  command.add_option("--region", o.region, "AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile's region)");
  command.add_option("--profile", o.profile, "profile of the shared config and credentials files (default: AWS_PROFILE)");
  command.add_option("--endpoint-url", o.endpoint_url, "send every AWS request to this URL (an emulator)")->type_name("URL");
  command.add_option("--request-timeout", o.request_timeout_seconds, "seconds one AWS request may take (default 60)")
      ->check(CLI::Range(1, 3600));
  command.add_option("--max-attempts", o.max_attempts, "tries per AWS request, retries of throttling, 5xx and dropped connections included (default 5)")
      ->check(CLI::Range(1, 20));
  command.add_flag("--debug", o.debug, "trace every AWS request and answer on stderr (secrets redacted)");
}

std::unique_ptr<aws::AwsClient> make_aws_client(const AwsOptions& o, std::ostream& err) {
  aws::Runtime runtime = aws::real_runtime();
  // Sleeps end early on Ctrl-C so that a wait notices at once.
  runtime.sleep = [](std::chrono::milliseconds d) {
    auto end = std::chrono::steady_clock::now() + d;
    while (!g_interrupted.load() && std::chrono::steady_clock::now() < end)
      std::this_thread::sleep_for(std::min<std::chrono::milliseconds>(std::chrono::milliseconds(100), d));
  };
  if (o.debug) runtime.trace = [&err](const std::string& line) { err << "debug: " << line << "\n"; };
  auto transport = std::make_shared<aws::CurlTransport>();
  auto redactor = std::make_shared<aws::Redactor>();
  aws::CredentialContext context{runtime, transport, redactor, o.profile, "", o.endpoint_url};
  aws::SharedConfig shared = aws::load_shared_config(context);
  aws::ClientConfig config;
  config.region = aws::resolve_region(o.region, runtime, shared);
  config.endpoint_url = o.endpoint_url;
  config.timeout = std::chrono::seconds(o.request_timeout_seconds);
  config.retry.max_attempts = o.max_attempts;
  context.region = config.region;
  auto chain = std::make_shared<std::vector<aws::CredentialProvider>>(aws::default_chain(context));
  aws::CredentialSource source = aws::cached([chain] { return aws::resolve_chain(*chain); }, runtime);
  return std::make_unique<aws::AwsClient>(config, transport, runtime, source, redactor);
}

}  // namespace infrac
