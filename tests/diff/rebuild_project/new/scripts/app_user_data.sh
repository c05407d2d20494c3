# The app servers' own part of the user data. RebuildTier (std/aws/rebuild)
# puts `#!/bin/bash` and the tier's values (rebuild_timestamp,
# lifecycle_hook_name, deploy_bucket, vault_parameter, ...) before it; each
# <<!Fragment>> line below splices a std/scripts/rebuild fragment.
readonly app_repository="<<AppRepository>>"
readonly playbook="<<Playbook>>"
readonly app_dir=/srv/app
<<StrictMode>>
<<InstallPackages>>
<<CheckoutDeployedCommit>>
<<SecretPrompt>>
<<AnsiblePlaybook>>
<<SwapToRuntimeProfile>>
<<SecurityUpdates>>

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

<<HealthCheckAndContinue>>
