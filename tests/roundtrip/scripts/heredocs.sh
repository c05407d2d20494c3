#!/usr/bin/env bash
# Heredoc-heavy script for <<AppName>> (<<AWS::Region>>).
set -e
x=1; prefix_a=2; prefix_b=3
echo $x ${x} ${x:-default} ${missing:-"<<AppName>>"}
ptr=x; echo ${!ptr} ${!prefix_*} ${!prefix_@}
echo "$(uname -r)" `hostname` $(( 1<<3 )) $(( x<<2 ))
cat <<EOF
unquoted heredoc: $x ${x} $(echo sub) `echo tick` \$escaped \\ backslash
app=<<AppName>> arn=<<Queue.Arn>> literal=<<!AppName>>
EOF
cat << 'EOF'
quoted heredoc: $x ${x} ${!ptr} $(nope) `nope` \ "quotes" 'quotes'
EOF
cat <<"EOF"
double-quoted delimiter: ${x:-${y:-z}}
EOF
cat <<\EOF
backslash delimiter: $x
EOF
	cat <<-END
		stripped tabs: ${x} <<AWS::StackName>>
	END
read -r a b <<< "$x <<AppName>>"
while read -r line; do echo "$line"; done <<<'here string ${x}'
cat <<!END>>/tmp/out.log
escaped marker <<!Marker>> stays
END
long_command --one \
  --two "<<Db.Endpoint.Port>>" \
  --three
echo 'quote '\''inside'\'' single' "and \"inside\" double" \\
echo "ünïcödé ✓ 🚀"   
echo dollar at the end $
echo 'unterminated ${ at the end has no closing brace after it'
