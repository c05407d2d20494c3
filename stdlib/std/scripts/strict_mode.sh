# <<!StrictMode>> (std/scripts/strict_mode.sh): strict mode, a log, and the
# ERR trap: any failure completes the launch lifecycle action with ABANDON,
# and the group replaces the instance. Splice it first.
# Needs: lifecycle_hook_name. Optional: rebuild_timestamp (logged),
#   REBUILD_LOG (default /var/log/rebuild.log). Interpolations: none.
# Provides: log MESSAGE, fail MESSAGE, metadata PATH, ensure_identity (sets
#   instance_id, group_name), work_dir (private, removed at exit).
set -o errexit -o nounset -o pipefail -o errtrace
shopt -s inherit_errexit
umask 077
export DEBIAN_FRONTEND=noninteractive

# Everything below goes to the console (cloud-init's log) and to the log file.
exec > >(tee -a "${REBUILD_LOG:-/var/log/rebuild.log}") 2>&1

# Messages go to stderr, so that functions called as $(...) can log.
log() {
  printf '%s rebuild: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >&2
}

# Logs and fails: under errexit the caller stops and the ERR trap runs.
fail() {
  log "$*"
  return 1
}

# Instance metadata through IMDSv2, a fresh short-lived token for every read.
metadata() {
  local token
  token=$(curl -sS --fail -X PUT "http://169.254.169.254/latest/api/token" \
    -H "X-aws-ec2-metadata-token-ttl-seconds: 300")
  curl -sS --fail --retry 3 -H "X-aws-ec2-metadata-token: ${token}" \
    "http://169.254.169.254/latest/meta-data/$1"
}

instance_id=""
group_name=""

# The group's name cannot be written into the script (the group refers to
# the launch template, not the other way round): the instance's tags tell,
# where metadata tags are on, else the Auto Scaling API.
auto_scaling_group_name() {
  local name
  if name=$(metadata "tags/instance/aws:autoscaling:groupName" 2>/dev/null) && [[ -n "${name}" ]]; then
    printf '%s\n' "${name}"
    return 0
  fi
  aws autoscaling describe-auto-scaling-instances \
    --instance-ids "${instance_id}" \
    --query 'AutoScalingInstances[0].AutoScalingGroupName' \
    --output text
}

# Sets instance_id and group_name, once.
ensure_identity() {
  if [[ -z "${instance_id}" ]]; then
    instance_id=$(metadata instance-id)
  fi
  if [[ -z "${group_name}" || "${group_name}" == None ]]; then
    group_name=$(auto_scaling_group_name)
    if [[ -z "${group_name}" || "${group_name}" == None ]]; then
      fail "cannot find the Auto Scaling group of ${instance_id}"
    fi
  fi
}

on_error() {
  local status=$1 line=$2 command=$3
  # With errtrace a failure inside $(...) runs this trap in the subshell
  # first; leave the reporting to the main shell, which fails right after.
  if (( BASH_SUBSHELL > 0 )); then
    exit "${status}"
  fi
  trap - ERR
  set +o errexit
  log "FAILED with status ${status} at line ${line}: ${command}"
  [[ -n "${instance_id}" ]] || instance_id=$(metadata instance-id)
  [[ -n "${group_name}" && "${group_name}" != None ]] || group_name=$(auto_scaling_group_name)
  if [[ -n "${instance_id}" && -n "${group_name}" && "${group_name}" != None ]] && command -v aws >/dev/null; then
    log "abandoning the launch of ${instance_id} in ${group_name}"
    aws autoscaling complete-lifecycle-action --lifecycle-action-result ABANDON \
      --lifecycle-hook-name "${lifecycle_hook_name}" \
      --auto-scaling-group-name "${group_name}" \
      --instance-id "${instance_id}" \
      || log "could not abandon the launch; the hook will time out and abandon it"
  else
    log "cannot reach the lifecycle hook; it will time out and abandon the launch"
  fi
  exit "${status}"
}
trap 'on_error "$?" "${LINENO}" "${BASH_COMMAND}"' ERR

work_dir=$(mktemp -d)
trap 'rm -rf -- "${work_dir}"' EXIT

log "rebuild ${rebuild_timestamp:-} starting"
