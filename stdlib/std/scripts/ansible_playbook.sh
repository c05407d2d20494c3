# <<!AnsiblePlaybook>> (std/scripts/ansible_playbook.sh): runs app_dir/playbook
# on localhost, typing the vault password from the SSM parameter
# vault_parameter (SecretPrompt); installs Ansible if missing.
# Needs: StrictMode, InstallPackages, CheckoutDeployedCommit, SecretPrompt;
#   playbook, vault_parameter, rebuild_timestamp, app_log_group (the last
#   three are extra variables of the playbook). Interpolations: none.
if ! command -v ansible-playbook >/dev/null; then
  apt-get -o DPkg::Lock::Timeout=300 -q -y --no-install-recommends install ansible
fi
cat >"${work_dir}/extra-vars.json" <<EOF_VARS
{
  "rebuild_timestamp": "${rebuild_timestamp}",
  "deployed_commit": "${deployed_commit}",
  "app_dir": "${app_dir}",
  "app_log_group": "${app_log_group}"
}
EOF_VARS
log "running ${playbook}"
(
  cd "${app_dir}"
  answer_prompt_with_secret "${vault_parameter}" "Vault password:" \
    ansible-playbook \
      --connection local \
      --inventory localhost, \
      --ask-vault-pass \
      --extra-vars "@${work_dir}/extra-vars.json" \
      "${app_dir}/${playbook}"
)
