# <<!HealthCheckAndContinue>> (std/scripts/health_continue.sh): waits until
# health_url answers, then completes the launch lifecycle action with
# CONTINUE: the group puts the instance in service. Splice it last.
# Needs: StrictMode, InstallPackages; lifecycle_hook_name. Optional:
#   health_url (default http://localhost/health), health_attempts (30).
#   Interpolations: none.
ensure_identity
readonly health_check_url="${health_url:-http://localhost/health}"
health_attempt=0
until curl -fsS "${health_check_url}" --max-time 5 --output /dev/null; do
  health_attempt=$((health_attempt + 1))
  if (( health_attempt >= ${health_attempts:-30} )); then
    fail "${health_check_url} still failing after ${health_attempt} attempts"
  fi
  sleep $(( health_attempt < 10 ? health_attempt : 10 ))
done
log "healthy after $((health_attempt + 1)) attempt(s)"

log "completing the launch of ${instance_id} with CONTINUE"
aws autoscaling complete-lifecycle-action --lifecycle-action-result CONTINUE \
  --lifecycle-hook-name "${lifecycle_hook_name}" \
  --auto-scaling-group-name "${group_name}" \
  --instance-id "${instance_id}"
log "rebuild ${rebuild_timestamp:-} done"
