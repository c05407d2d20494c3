# <<!CheckoutDeployedCommit>> (std/scripts/deployed_commit.sh): checks out
# the commit whose SHA is in s3://deploy_bucket/deployed_commit_key.
# Needs: StrictMode, InstallPackages; deploy_bucket, deployed_commit_key,
#   app_repository (a git URL), app_dir (missing or empty). Interpolations:
#   none. Sets: deployed_commit.
deployed_commit=$(aws s3 cp "s3://${deploy_bucket}/${deployed_commit_key}" - | tr -d '[:space:]')
if [[ ! "${deployed_commit}" =~ ^[0-9a-f]{40}$ ]]; then
  fail "s3://${deploy_bucket}/${deployed_commit_key} does not hold a commit SHA: '${deployed_commit}'"
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
