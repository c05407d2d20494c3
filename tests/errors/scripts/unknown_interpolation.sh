#!/bin/bash
cat <<EOF2 > /etc/app.conf
region=<<AWS::Region>>
bucket=<<DataBuckett>>
EOF2
