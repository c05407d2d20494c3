#pragma once
// The command-line options every AWS-speaking command shares (deploy, rebuild,
// and the fleet commands): region, profile, endpoint, timeouts, --debug; and the
// client they make: libcurl transport, the credential chain (cached), retries,
// redaction. Ctrl-C is noticed by waits through `interrupted()`.
#include <CLI/CLI.hpp>

#include <atomic>
#include <iosfwd>
#include <memory>
#include <string>

#include "aws/client.hpp"

namespace infrac {

struct AwsOptions {
  std::string region;
  std::string profile;
  std::string endpoint_url;
  int request_timeout_seconds = 60;
  int max_attempts = 5;
  bool debug = false;
};

void add_aws_options(CLI::App& command, AwsOptions& options);

// The client, or nullptr with a message on `err` (an unreadable setting).
std::unique_ptr<aws::AwsClient> make_aws_client(const AwsOptions& options, std::ostream& err);

// Ctrl-C: the first sets the flag (waits end, nothing new starts); installed by install_interrupt_handler.
const std::atomic<bool>& interrupted();
void install_interrupt_handler();

}  // namespace infrac
