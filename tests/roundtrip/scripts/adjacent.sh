<<Banner>>
#!/bin/sh
# Interpolations glued to shell syntax.
echo ${x}<<Env>>${y} $<<Env>> <<Env>>$x <<Env>>${!ref} "<<Bucket.Arn>>"
echo "<<AWS::Region>>"'<<AWS::AccountId>>'`echo <<Env>>`$(echo <<Bucket>>)
deep=${a:-${b:-${c:-deep}}}
echo ${!x} ${!!} ${!pre*} ${#} ${x:-d} $((1<<3)) \
  continued\
line
printf "%s\\n" '\n' "\t" \\\\ 'C:\temp\' "\$HOME"
cat <<EOF
${x} <<Queue.QueueName>>
EOF
cat << 'EOF'
${y} stays
EOF
	cat <<-EOF
	${z} tabbed
	EOF
cat <<< "here <<Env>>"
echo "literal <<!Env>> and <<!AWS::Region>>" and '<<!Bucket.Arn>>'
echo 'unmatched ${ then text' ; f() { echo in function; }
echo trailing dollar $
echo 'naïve façade — ✓'  
echo <<Env>>
