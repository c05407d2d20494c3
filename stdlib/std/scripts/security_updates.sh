# <<!SecurityUpdates>> (std/scripts/security_updates.sh): applies pending
# security updates. Splice it after what installs software (the playbook). A
# new kernel takes effect at the next rebuild, at most a day later.
# Needs: StrictMode, InstallPackages. Interpolations: none.
log "installing security updates"
unattended-upgrade -d
