#!/bin/bash
# First boot of a queue worker. infrac replaces each <<!Name>> placeholder
# with the value of Name; the "!" keeps this comment's placeholder literal.
set -euo pipefail

readonly queue_url="<<JobsQueue>>"
readonly dead_letter_arn="<<JobsDeadLetterQueue.Arn>>"
export AWS_DEFAULT_REGION="<<AWS::Region>>"

log() { printf '%s worker: %s\n' "$(date -u +%FT%TZ)" "$*" >&2; }

log "polling ${queue_url} (dead letters: ${dead_letter_arn})"
cat >/etc/systemd/system/worker.service <<UNIT
[Service]
Environment=QUEUE_URL=${queue_url}
ExecStart=/usr/local/bin/worker --queue "\${QUEUE_URL}"
Restart=always
UNIT
systemctl daemon-reload
systemctl enable --now worker.service
