# <<!SwapToRuntimeProfile>> (std/scripts/swap_profile.sh): once the secrets
# are used, replaces the rebuild instance profile (which can read them) with
# the runtime profile, and waits until the AWS CLI runs as the runtime role.
# Splice it before HealthCheckAndContinue: no instance goes into service
# with the rebuild role, and as both roles may complete the hook, the ERR
# trap can ABANDON at every step.
# Needs: StrictMode, InstallPackages; runtime_profile_arn, runtime_role (the
#   role's name). Interpolations: none.
ensure_identity
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
