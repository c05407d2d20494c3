# <<!SecretPrompt>> (std/scripts/secret_prompt.sh) defines
#   answer_prompt_with_secret PARAMETER PROMPT COMMAND [ARGUMENT...]
# which runs COMMAND under expect, which types the SecureString PARAMETER of
# SSM Parameter Store when COMMAND prints PROMPT (once). The secret is only
# in a local variable and in expect's environment: never on a command line,
# on disk, or in COMMAND's environment.
# Needs: StrictMode, InstallPackages; ssm:GetParameter on PARAMETER.
#   Interpolations: none.
answer_prompt_with_secret() {
  local parameter=$1 prompt=$2 secret
  shift 2
  # Quoted: the shell leaves the Tcl text alone. The command starts without
  # the secret in its environment.
  cat >"${work_dir}/answer-prompt.exp" <<'EXPECT'
set timeout 1200
if {![info exists env(SECRET_ANSWER)] || $env(SECRET_ANSWER) eq ""} {
    send_user "expect: the secret is empty\n"
    exit 2
}
set prompt [lindex $argv 0]
spawn -noecho env -u SECRET_ANSWER {*}[lrange $argv 1 end]
set prompts 0
expect {
    -exact $prompt {
        if {[incr prompts] > 1} {
            send_user "\nexpect: the secret was asked for twice\n"
            exit 3
        }
        send -- "$env(SECRET_ANSWER)\r"
        exp_continue
    }
    timeout {
        send_user "\nexpect: still running after $timeout seconds\n"
        exit 124
    }
    eof
}
lassign [wait] pid spawn_id os_error status
if {$os_error != 0} {
    exit 1
}
exit $status
EXPECT
  # The aws command line carries the parameter's name, not its value, and
  # SECRET_ANSWER=... before expect is an assignment, not an argument.
  secret=$(aws ssm get-parameter --name "${parameter}" --with-decryption \
    --query Parameter.Value --output text)
  SECRET_ANSWER="${secret}" expect -f "${work_dir}/answer-prompt.exp" -- "${prompt}" "$@"
}
