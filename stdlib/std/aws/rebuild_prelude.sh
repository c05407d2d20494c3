#!/bin/bash
# Daily-rebuild user data, by std/aws/rebuild. First this tier's values, for
# the std/scripts fragments; then the script given as the tier's UserData.
# A rebuild sets a new timestamp, which changes this text, so every instance
# is replaced by one built from scratch.
readonly rebuild_timestamp="<<RebuildTimestamp>>"
readonly lifecycle_hook_name="<<LaunchHookName>>"
readonly runtime_profile_arn="<<RuntimeInstanceProfile.Arn>>"
readonly runtime_role="<<RuntimeRole>>"
readonly deploy_bucket="<<DeployBucket>>"
readonly deployed_commit_key="<<DeployedCommitKey>>"
readonly vault_parameter="<<VaultParameterName>>"
readonly app_log_group="<<LogGroup>>"
export AWS_DEFAULT_REGION="<<AWS::Region>>"
