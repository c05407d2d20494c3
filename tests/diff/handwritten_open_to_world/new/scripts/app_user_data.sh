#!/bin/bash
# First boot of an app server in the daily-rebuild fleet.
#
# infrac compiles this file into the launch template's UserData. Every
# <<!Name>> placeholder below becomes a CloudFormation value (Fn::Sub); all
# other bytes reach the instance unchanged. A rebuild is a stack update that
# sets a new RebuildTimestamp (the deploy step, `infrac rebuild`, is planned;
# until then `aws cloudformation deploy --parameter-overrides
# RebuildTimestamp=...`). It changes this text, makes a new launch template
# version, and the rolling update replaces every instance.
#
# The instance waits in Pending:Wait (the group's launch lifecycle hook)
# while this script installs the deployed commit with Ansible, swaps the
# instance to the runtime profile (no vault password) and checks the
# application's health; it then completes the hook with CONTINUE and the
# group puts the instance in service. Any failure completes the hook with
# ABANDON (the ERR trap) and the group replaces the instance. If the script
# dies before the AWS CLI is installed, the hook times out and its
# DefaultResult, ABANDON, applies.
set -o errexit -o nounset -o pipefail -o errtrace
shopt -s inherit_errexit
umask 077

readonly rebuild_timestamp="<<RebuildTimestamp>>"
readonly app_repository="<<AppRepository>>"
readonly playbook="<<Playbook>>"
readonly app_dir=/srv/app
readonly lifecycle_hook_name="<<LaunchHookName>>"
readonly runtime_profile_arn="<<RuntimeInstanceProfile.Arn>>"
readonly runtime_role="<<RuntimeRole>>"
readonly app_dir=/opt/app
readonly log_file="${REBUILD_LOG:-/var/log/rebuild.log}"
readonly imds=http://169.254.169.254/latest

export AWS_DEFAULT_REGION="<<AWS::Region>>"
export DEBIAN_FRONTEND=noninteractive

# Everything below goes to the console (cloud-init's log) and to log_file.
exec > >(tee -a "${log_file}") 2>&1

# Messages go to stderr, so that functions called as $(...) can log.
log() {
  printf '%s rebuild: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >&2
}

# Logs and fails: under errexit the caller stops and the ERR trap runs.
fail() {
  log "$*"
  return 1
}

# Reads instance metadata through IMDSv2 (HttpTokens: required), with a
# fresh short-lived token for every read.
metadata() {
  local TOKEN
  TOKEN=$(curl -sS -X PUT "http://169.254.169.254/latest/api/token" -H "X-aws-ec2-metadata-token-ttl-seconds: 300")
  curl -sS --fail --retry 3 \
    -H "X-aws-ec2-metadata-token: ${TOKEN}" \
    "${imds}/meta-data/$1"
}

instance_id=""
group_name=""
vault_password=""
work_dir=""

# The group's name cannot be written into this script: the group refers to
# the launch template, so the template cannot refer back to the group. The
# group tags every instance it launches; the launch template makes the tags
# readable through the metadata service (InstanceMetadataTags).
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

on_error() {
  local status=$1 line=$2 command=$3
  # With errtrace a failure inside $(...) runs this trap in the subshell
  # first; leave the reporting to the main shell, which fails right after.
  if (( BASH_SUBSHELL > 0 )); then
    exit "${status}"
  fi
  trap - ERR
  set +o errexit
  unset vault_password
  log "FAILED with status ${status} at line ${line}: ${command}"
  if [[ -z "${instance_id}" ]]; then
    instance_id=$(metadata instance-id)
  fi
  if [[ -z "${group_name}" || "${group_name}" == None ]]; then
    group_name=$(auto_scaling_group_name)
  fi
  if [[ -n "${instance_id}" && -n "${group_name}" ]] && command -v aws >/dev/null; then
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

log "rebuild ${rebuild_timestamp} starting"
for setting in rebuild_timestamp app_repository playbook lifecycle_hook_name runtime_profile_arn AWS_DEFAULT_REGION; do
  log "  ${setting}=${!setting}"
done

# --- Packages -------------------------------------------------------------
# cloud-init may still hold the dpkg lock; wait for it rather than fail.
apt-get -o DPkg::Lock::Timeout=300 -q update
apt-get -o DPkg::Lock::Timeout=300 -q -y --no-install-recommends install \
  ansible awscli ca-certificates curl expect git unattended-upgrades

# --- Who am I --------------------------------------------------------------
instance_id=$(metadata instance-id)
group_name=$(auto_scaling_group_name)
if [[ -z "${group_name}" || "${group_name}" == None ]]; then
  fail "cannot find the Auto Scaling group of ${instance_id}"
fi
# shellcheck disable=SC2006 # Legacy `...` on purpose: infrac must pass backticks through untouched.
kernel=`uname -r`
log "instance ${instance_id} of ${group_name}, kernel ${kernel}"

# --- The deployed commit ---------------------------------------------------
deployed_commit=$(aws s3 cp "s3://<<DeployBucket>>/deployed-commit" - | tr -d '[:space:]')
if [[ ! "${deployed_commit}" =~ ^[0-9a-f]{40}$ ]]; then
  fail "s3://<<DeployBucket>>/deployed-commit does not hold a commit SHA: '${deployed_commit}'"
fi
log "deploying ${deployed_commit} from ${app_repository}"

git init --quiet "${app_dir}"
git -C "${app_dir}" remote add origin "${app_repository}"
# Fetch just that commit where the server allows it, else the whole history.
if ! git -C "${app_dir}" fetch --quiet --depth 1 origin "${deployed_commit}"; then
  git -C "${app_dir}" fetch --quiet origin
fi
git -C "${app_dir}" -c advice.detachedHead=false checkout --quiet "${deployed_commit}"
if [[ "$(git -C "${app_dir}" rev-parse HEAD)" != "${deployed_commit}" ]]; then
  fail "checked out $(git -C "${app_dir}" rev-parse HEAD) instead of ${deployed_commit}"
fi

# Variables for the playbook. Nothing secret: written to disk is fine.
cat >"${work_dir}/extra-vars.json" <<EOF
{
  "rebuild_timestamp": "${rebuild_timestamp}",
  "deployed_commit": "${deployed_commit}",
  "app_dir": "${app_dir}",
  "app_log_group": "<<AppLogGroup>>"
}
EOF

# --- Ansible, with the vault password typed by expect -----------------------
# The expect program runs its arguments as a command and answers the
# "Vault password:" prompt with $env(VAULT_PASSWORD). The quoted heredoc
# keeps the shell away from the Tcl text.
cat >"${work_dir}/ansible.exp" <<'EXPECT'
# The password comes from the environment and is typed at the prompt: it is
# never on a command line, never on disk. The command starts without it in
# its environment, so playbook tasks cannot read it.
set timeout 1200
if {![info exists env(VAULT_PASSWORD)] || $env(VAULT_PASSWORD) eq ""} {
    send_user "expect: VAULT_PASSWORD is empty\n"
    exit 2
}
spawn -noecho env -u VAULT_PASSWORD {*}$argv
set prompts 0
expect {
    "Vault password:" {
        if {[incr prompts] > 1} {
            send_user "\nexpect: the vault password was asked for twice\n"
            exit 3
        }
        send -- "$env(VAULT_PASSWORD)\r"
        exp_continue
    }
    timeout {
        send_user "\nexpect: still running after $timeout seconds\n"
        exit 124
    }
    eof
}
lassign [wait] pid spawn_id os_error status
if {$os_error != 0} {
    exit 1
}
exit $status
EXPECT

# The password is held in one shell variable and in the environment of
# expect only: the aws command line carries the parameter's name, not its
# value, and VAULT_PASSWORD=... before expect is an assignment, not an
# argument.
vault_password=$(aws ssm get-parameter \
  --name "<<VaultPasswordParameter>>" \
  --with-decryption \
  --query Parameter.Value \
  --output text)
log "running ${playbook}"
cd "${app_dir}"
VAULT_PASSWORD="${vault_password}" expect -f "${work_dir}/ansible.exp" -- \
  ansible-playbook \
    --connection local \
    --inventory localhost, \
    --ask-vault-pass \
    --extra-vars "@${work_dir}/extra-vars.json" \
    "${app_dir}/${playbook}"
unset vault_password

# --- Drop the rebuild role ---------------------------------------------------
# The instance booted with RebuildInstanceProfile, which can read the vault
# password. The secret is used, so swap to RuntimeInstanceProfile now, before
# the instance can go into service. The swap comes before the hook is
# completed, and both roles may complete the hook: while the new credentials
# take effect either role may be in use, so the ERR trap can ABANDON at every
# step, and CONTINUE waits until the rebuild role is gone. (Completing the
# hook first would put an instance in service with the rebuild role, and a
# failed swap could no longer be abandoned.)
association_id=$(aws ec2 describe-iam-instance-profile-associations \
  --filters Name=instance-id,Values="${instance_id}" Name=state,Values=associated \
  --query 'IamInstanceProfileAssociations[0].AssociationId' \
  --output text)
if [[ ! "${association_id}" =~ ^iip-assoc-[0-9a-f]+$ ]]; then
  fail "no instance profile association for ${instance_id}: '${association_id}'"
fi
log "replacing ${association_id} with ${runtime_profile_arn}"
aws ec2 replace-iam-instance-profile-association \
  --association-id "${association_id}" \
  --iam-instance-profile Arn="${runtime_profile_arn}" \
  --output text --query 'IamInstanceProfileAssociation.State'

# The metadata service hands out the runtime role's credentials within a
# minute or so. Wait for them: nothing below may run as the rebuild role.
runtime_role_active() {
  local arn
  arn=$(aws sts get-caller-identity --query Arn --output text 2>/dev/null) || return 1
  [[ "${arn}" == *":assumed-role/${runtime_role}/"* ]]
}
swap_attempt=0
until runtime_role_active; do
  swap_attempt=$((swap_attempt + 1))
  if (( swap_attempt >= 60 )); then
    fail "still not running as ${runtime_role} after ${swap_attempt} checks"
  fi
  sleep 5
done
log "now running as ${runtime_role}"

# --- Security updates --------------------------------------------------------
# Applied after the playbook, so they also cover what it installed. A new
# kernel takes effect at the next rebuild, at most a day later.
log "installing security updates"
unattended-upgrade -d

# --- Health --------------------------------------------------------------------
readonly max_attempts=30
attempt=0
until curl -fsS http://localhost/health --max-time 5 --output /dev/null; do
  attempt=$((attempt + 1))
  if (( attempt >= max_attempts )); then
    fail "http://localhost/health still failing after ${attempt} attempts"
  fi
  sleep $(( attempt < 10 ? attempt : 10 ))
done
log "healthy after $((attempt + 1)) attempt(s)"

# Record what this instance was built from, for people logged in later.
write_build_info() {
	cat >/etc/rebuild-info <<-EOF
		rebuild_timestamp=${rebuild_timestamp@Q}
		deployed_commit=${deployed_commit@Q}
		instance_id=${instance_id@Q}
		built_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)
	EOF
	chmod 0644 /etc/rebuild-info
}
write_build_info

cat >/usr/local/sbin/rebuild-info << 'EOF'
#!/bin/sh
# Prints what this instance was built from (written at boot by the user data).
set -eu
. /etc/rebuild-info
printf 'rebuild %s, commit %s, instance %s, built %s\n' \
  "${rebuild_timestamp}" "${deployed_commit}" "${instance_id}" "${built_at}"
EOF
chmod 0755 /usr/local/sbin/rebuild-info

# The runtime role may complete the hook (see "Drop the rebuild role").
log "completing the launch of ${instance_id} with CONTINUE"
aws autoscaling complete-lifecycle-action --lifecycle-action-result CONTINUE \
  --lifecycle-hook-name "${lifecycle_hook_name}" \
  --auto-scaling-group-name "${group_name}" \
  --instance-id "${instance_id}"
log "rebuild ${rebuild_timestamp} done"
