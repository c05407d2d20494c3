#!/bin/bash
set -eu
cat <<EOF > /etc/motd
<<AWS::StackName>> greets with <<Greeting>>, calls <<Greeter.Arn>>
EOF
