# <<!InstallPackages>> (std/scripts/install_packages.sh): installs what the
# fragments run, and the packages in the array extra_packages; then sets
# instance_id and group_name (ensure_identity).
# Needs: StrictMode. Optional: extra_packages=(...). Interpolations: none.
packages=(awscli ca-certificates curl expect git unattended-upgrades)
if [[ -v extra_packages ]]; then
  packages+=("${extra_packages[@]}")
fi
# cloud-init may still hold the dpkg lock; wait for it rather than fail.
apt-get -o DPkg::Lock::Timeout=300 -q update
apt-get -o DPkg::Lock::Timeout=300 -q -y --no-install-recommends install "${packages[@]}"
ensure_identity
log "instance ${instance_id} of ${group_name}, kernel $(uname -r)"
