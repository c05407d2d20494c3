#!/bin/bash
# Every dollar-brace here closes plainly: Fn::Sub can carry this script.
set -o errexit -o nounset -o pipefail -o errtrace
readonly rebuild_timestamp="<<RebuildTimestamp>>"
readonly region="<<AWS::Region>>"
trap 'echo "failed at line ${LINENO}" >&2' ERR
name="${1:-web}"
ref=name
echo "indirect ${!ref} and ${#name} chars, upper ${name^^}"
count=$((1<<3))
today=$(date +%F) host=`hostname`
aws s3 cp "s3://<<Bucket>>/deployed-commit" - \
  --region "${region}"
echo "queue <<Queue.QueueName>> in <<AWS::StackName>>"
cat <<EOF >/etc/app.env
TIMESTAMP=${rebuild_timestamp}
NAME=${name}
EOF
cat << 'EOF' >/etc/app.raw
raw ${x} $(y) `z` <<!NotInterpolated>>
EOF
if true; then
	cat <<-EOF
	tab-indented ${name}
	EOF
fi
grep -q web <<< "${name}" && echo 'single ${quoted}' "\$escaped" \\
printf '%s\n' "done ${count} ${today} ${host}"
