#!/bin/bash
# Bootstrap for <<Env>> in <<AWS::Region>>, stack <<AWS::StackName>>.
set -euo pipefail
readonly rebuild_timestamp="<<RebuildTimestamp>>"
name=world
echo "hello $name and ${name}; default ${unset_var:-d}; assigned ${other_var:=fallback}"
ref=name
echo "indirect ${!ref}; by prefix ${!na*} and ${!BASH@}"
home="${HOME:-${USER:-nobody}}"
region="${REGION:-<<AWS::Region>>}"
today=$(date +%Y-%m-%d) yesterday=`date -d yesterday +%F`
nested="$(echo "$(echo inner) `echo tick`")"
echo $((1<<3)) $(( (1 << 4) >> 2 )) $((n<<shift))
arr=(a b c); echo "${#arr[@]} ${arr[*]} ${arr[1]} ${name^^} ${name//o/0}"
echo 'single $x ${x} `x` \ "double"' "double \"quoted\" \$x \\ \` 'single'"
printf '%s\n' back\\slash "tab\there" C:\\Windows\\
aws s3 cp "s3://<<Bucket>>/config.json" /etc/app/config.json \
  --region <<AWS::Region>> \
  --sse aws:kms
echo "queue <<Queue.QueueName>>, db <<Db.Endpoint.Address>>:5432, arn=<<Bucket.Arn>>"
cat <<EOF > /etc/app/env
ENV=<<Env>>
HOME_DIR=${HOME}
DATE=$(date)
EOF
cat << 'EOF' > /etc/app/raw
literal $x ${y} $(z) `w` \n <<!Env>>
EOF
if true; then
	cat <<-EOF
	tab-indented ${name}
		twice tabbed <<Env>>
	EOF
fi
grep -q prod <<< "<<Env>>" && tr a-z A-Z <<<"$name"
cat <<!EOF>>/var/log/setup.log
appended at $(date) for <<!NotAParameter>>
EOF
echo 'a lone ${ opens here'; echo 'and a brace } closes later'
echo costs 5$
echo "unicode: héllo wörld ✓ — 日本語 🚀"
echo "the next line has trailing spaces"   
echo done <<Env>>
