#!/usr/bin/env bash
# Runs a rebuild's first boot, as the standard library writes it, against
# stand-ins: builds simulate.infra (RebuildTier with every std/scripts
# fragment), takes its user data as CloudFormation would hand it over, and runs
# it with apt-get, git, aws, curl (the metadata service and the health check),
# ansible-playbook, unattended-upgrade and sleep replaced by scripts that log
# what they are asked. expect is the real one.
#
#   simulate_rebuild.sh INFRAC
#
# Scenarios: a healthy rebuild completes the lifecycle action with CONTINUE,
# after the swap to the runtime profile, and the vault password reaches the
# playbook's prompt but no command line, file or log; a failing playbook, a
# deployed-commit object without a SHA, and a health check that never passes
# each complete it with ABANDON instead. Prints `N passed, N failed`.
# KEEP_SIMULATION=1 keeps the scenarios' logs (calls.log, output.log, ...).
set -o errexit -o nounset -o pipefail

infrac=${1:?usage: simulate_rebuild.sh INFRAC}
here=$(cd "$(dirname "$0")" && pwd)
root=$(mktemp -d)
if [[ -n "${KEEP_SIMULATION:-}" ]]; then
  echo "simulation kept in ${root}"
else
  trap 'rm -rf -- "${root}"' EXIT
fi

"${infrac}" build "${here}/simulate.infra" -o "${root}/out" 2>"${root}/build.log" || {
  cat "${root}/build.log"
  exit 1
}
python3 "${here}/check_user_data.py" --extract "${root}/out/simulate.template.json" "${root}/user_data.sh"

# The stand-ins. Each logs its command line to calls.log; state lives in SIMULATION_ROOT.
mkdir -p "${root}/bin"
stand_in() {
  cat >"${root}/bin/$1"
  chmod +x "${root}/bin/$1"
}
stand_in apt-get <<'EOF'
#!/bin/bash
echo "apt-get $*" >>"${SIMULATION_ROOT}/calls.log"
EOF
stand_in unattended-upgrade <<'EOF'
#!/bin/bash
echo "unattended-upgrade $*" >>"${SIMULATION_ROOT}/calls.log"
EOF
stand_in sleep <<'EOF'
#!/bin/bash
echo "sleep $*" >>"${SIMULATION_ROOT}/calls.log"
EOF
stand_in git <<'EOF'
#!/bin/bash
echo "git $*" >>"${SIMULATION_ROOT}/calls.log"
case "$*" in
  "init --quiet "*) mkdir -p "$3" ;;
  *" rev-parse HEAD") echo "${SIMULATION_COMMIT}" ;;
esac
EOF
stand_in curl <<'EOF'
#!/bin/bash
echo "curl $*" >>"${SIMULATION_ROOT}/calls.log"
for argument in "$@"; do
  case "${argument}" in
    */api/token) echo "token-123"; exit 0 ;;
    */meta-data/instance-id) echo "i-0123456789abcdef0"; exit 0 ;;
    */meta-data/tags/instance/aws:autoscaling:groupName) echo "simulate-SimAutoScalingGroup-X"; exit 0 ;;
    http://localhost/health)
      # Healthy at the third try, unless the scenario says never.
      echo x >>"${SIMULATION_ROOT}/health-tries"
      [[ "${SIMULATION_FAIL:-}" != health && $(wc -l <"${SIMULATION_ROOT}/health-tries") -ge 3 ]]
      exit ;;
  esac
done
exit 0
EOF
stand_in aws <<'EOF'
#!/bin/bash
echo "aws $*" >>"${SIMULATION_ROOT}/calls.log"
case "$1 $2" in
  "s3 cp")
    if [[ "${SIMULATION_FAIL:-}" == commit ]]; then echo "not a sha"; else echo "${SIMULATION_COMMIT}"; fi ;;
  "ssm get-parameter") printf '%s\n' "${SIMULATION_SECRET}" ;;
  "ec2 describe-iam-instance-profile-associations") echo "iip-assoc-0123abcd" ;;
  "ec2 replace-iam-instance-profile-association") touch "${SIMULATION_ROOT}/swapped"; echo "associating" ;;
  "sts get-caller-identity")
    if [[ -e "${SIMULATION_ROOT}/swapped" ]]; then
      echo "arn:aws:sts::123456789012:assumed-role/placeholder-value/i-0123456789abcdef0"
    else
      echo "arn:aws:sts::123456789012:assumed-role/rebuild-role/i-0123456789abcdef0"
    fi ;;
  "autoscaling complete-lifecycle-action")
    result=""
    [[ -e "${SIMULATION_ROOT}/swapped" ]] && result="swapped "
    for argument in "$@"; do
      case "${argument}" in CONTINUE | ABANDON) result+="${argument}" ;; esac
    done
    echo "${result}" >>"${SIMULATION_ROOT}/lifecycle.log" ;;
esac
EOF
stand_in ansible-playbook <<'EOF'
#!/bin/bash
echo "ansible-playbook $*" >>"${SIMULATION_ROOT}/calls.log"
if env | grep -q SECRET_ANSWER; then echo "the secret is in the playbook's environment"; exit 9; fi
read -rsp "Vault password:" password
echo
if [[ "${password}" != "${SIMULATION_SECRET}" ]]; then echo "wrong vault password: ${password}"; exit 8; fi
[[ "${SIMULATION_FAIL:-}" != ansible ]] || { echo "TASK [app] failed"; exit 2; }
echo "PLAY RECAP ok"
EOF

passed=0
failed=0
# scenario NAME FAIL EXPECTED_STATUS EXPECTED_LIFECYCLE
scenario() {
  local name=$1 fail=$2 want_status=$3 want_lifecycle=$4 status=0 problems=""
  local sim="${root}/${name}"
  mkdir -p "${sim}"
  # The secret has quotes, a $ and brackets: it must reach the prompt as written.
  # shellcheck disable=SC2016
  env -i PATH="${root}/bin:/usr/bin:/bin" HOME="${sim}" \
    SIMULATION_ROOT="${sim}" SIMULATION_FAIL="${fail}" REBUILD_LOG="${sim}/rebuild.log" \
    SIMULATION_COMMIT=0123456789abcdef0123456789abcdef01234567 \
    SIMULATION_SECRET='vault "s3cret" $HOME [x]' \
    bash "${root}/user_data.sh" >"${sim}/output.log" 2>&1 || status=$?
  local lifecycle
  lifecycle=$(cat "${sim}/lifecycle.log" 2>/dev/null || true)
  [[ "${want_status}" == 0 && "${status}" == 0 || "${want_status}" != 0 && "${status}" != 0 ]] ||
    problems+="  exit status ${status}, expected ${want_status}"$'\n'
  [[ "${lifecycle}" == "${want_lifecycle}" ]] ||
    problems+="  lifecycle actions '${lifecycle//$'\n'/; }', expected '${want_lifecycle}'"$'\n'
  if grep -rlF 's3cret' "${sim}" >/dev/null; then
    problems+="  the vault password was written to $(grep -rlF 's3cret' "${sim}" | tr '\n' ' ')"$'\n'
  fi
  if [[ -z "${problems}" ]]; then
    passed=$((passed + 1))
    echo "ok: ${name}"
  else
    failed=$((failed + 1))
    echo "FAILED: ${name}"
    printf '%s' "${problems}"
    sed 's/^/  | /' "${sim}/output.log"
  fi
}

scenario healthy "" 0 "swapped CONTINUE"
scenario playbook-fails ansible 1 "ABANDON"
scenario no-commit-sha commit 1 "ABANDON"
scenario never-healthy health 1 "swapped ABANDON"

echo "${passed} passed, ${failed} failed"
[[ "${failed}" == 0 ]]
