#!/bin/bash
# First boot of a server in the daily-rebuild fleet: install the deployed
# commit, check the application's health, and tell the group it may serve.
set -o errexit -o nounset -o pipefail
umask 077

readonly tier="<<Name>>"
readonly bucket="fleet-releases-<<AWS::AccountId>>"
readonly queue_url="https://sqs.<<AWS::Region>>.amazonaws.com/<<AWS::AccountId>>/<<Name>>-events"
readonly region="<<AWS::Region>>"
readonly stack="<<AWS::StackName>>"
readonly log_file="${REBUILD_LOG:-/var/log/rebuild.log}"
readonly imds=http://169.254.169.254/latest

exec > >(tee -a "${log_file}") 2>&1

log() {
  printf '%s rebuild: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >&2
}

metadata() {
  local token
  token=$(curl -sS -X PUT "${imds}/api/token" -H "X-aws-ec2-metadata-token-ttl-seconds: 300")
  curl -sS --fail --retry 3 -H "X-aws-ec2-metadata-token: ${token}" "${imds}/meta-data/$1"
}

instance_id=$(metadata instance-id)
log "instance ${instance_id} of ${tier} in ${stack} (${region})"

apt-get update -q
apt-get install -y -q awscli git ansible-core jq

mkdir -p /opt/app
aws s3 cp "s3://${bucket}/releases/current.tar.gz" /tmp/app.tar.gz
tar -xzf /tmp/app.tar.gz -C /opt/app

for attempt in 1 2 3 4 5; do
  if curl -sS --fail "http://127.0.0.1:8080/health" >/dev/null; then
    log "healthy after ${attempt} attempt(s)"
    break
  fi
  sleep $((attempt * 2))
done

aws sqs send-message --queue-url "${queue_url}" \
  --message-body "{\"instance\": \"${instance_id}\", \"tier\": \"${tier}\"}"
log "done"
