#!/usr/bin/env python3
"""`infrac deploy` and `infrac rebuild` against moto, the AWS emulator (tests/aws/README.md).

    python3 deploy_test.py INFRAC SCENARIO

starts tests/aws/emulator.py (moto behind the signature-checking, fault-injecting proxy),
builds examples/rebuild, runs the real `infrac` binary against the proxy, and confirms
with the AWS CLI, against the same endpoint, what infrac reports. One scenario per CTest
test; each exits 0 when it holds.
"""
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
KEY_ID = "AKIAINFRACTEST000001"
SECRET = "infrac-test-secret-do-not-print"


class Emulator:
    def __init__(self):
        self.process = subprocess.Popen([sys.executable, os.path.join(HERE, "emulator.py")], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True)
        line = self.process.stdout.readline().split()
        if not line or line[0] != "READY":
            raise SystemExit("the emulator did not start")
        self.url, self.moto_url = line[1], line[2]

    def control(self, **request):
        data = json.dumps(request).encode()
        urllib.request.urlopen(urllib.request.Request(self.url + "/__control", data=data, method="POST")).read()

    def log(self):
        return json.loads(urllib.request.urlopen(self.url + "/__control/log").read())

    def stop(self):
        self.process.stdin.close()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


class Case:
    def __init__(self, infrac):
        self.infrac = infrac
        self.tmp = tempfile.TemporaryDirectory(prefix="infrac-deploy-")
        self.dir = self.tmp.name
        self.home = os.path.join(self.dir, "home")
        os.makedirs(os.path.join(self.home, ".aws"))
        self.emulator = Emulator()
        self.out = os.path.join(self.dir, "out")
        self.env = {"PATH": os.environ["PATH"], "HOME": self.home, "AWS_EC2_METADATA_DISABLED": "true",
                    "AWS_ACCESS_KEY_ID": KEY_ID, "AWS_SECRET_ACCESS_KEY": SECRET, "AWS_DEFAULT_REGION": "us-east-1",
                    "NO_COLOR": "1"}
        self.params = self.write("params.json", json.dumps(
            {"app": {"DeployBucket": "rebuild-deploy", "AppRepository": "https://git.example.com/app.git"}}))
        self.run_checked([infrac, "build", os.path.join(SOURCE, "examples", "rebuild"), "-o", self.out])

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def run_checked(self, args, **kw):
        r = subprocess.run(args, capture_output=True, text=True, env=kw.get("env", self.env), timeout=600)
        if r.returncode != 0:
            raise AssertionError("%s failed (%d):\n%s%s" % (" ".join(args), r.returncode, r.stdout, r.stderr))
        return r

    def deploy(self, *extra, env=None, expect=0, command="deploy", inputs=None):
        args = [self.infrac, command, inputs or self.out, "--endpoint-url", self.emulator.url, "--params", self.params,
                "--format", "json"] + list(extra)
        r = subprocess.run(args, capture_output=True, text=True, env=env or self.env, timeout=900)
        if r.returncode != expect:
            raise AssertionError("%s exited %d, expected %d\nstdout:\n%s\nstderr:\n%s" % (
                " ".join(args), r.returncode, expect, r.stdout, r.stderr))
        if SECRET in r.stdout + r.stderr:
            raise AssertionError("the secret access key was printed")
        report = json.loads(r.stdout) if r.stdout.strip() else None
        return report, r.stderr

    def aws(self, *args):
        """The AWS CLI against the same endpoint (through the proxy: its signatures are checked too)."""
        r = self.run_checked(["aws", "--endpoint-url", self.emulator.url, "--output", "json"] + list(args))
        return json.loads(r.stdout) if r.stdout.strip() else None

    def stack(self, name):
        return self.aws("cloudformation", "describe-stacks", "--stack-name", name)["Stacks"][0]

    def policy(self, name):
        body = self.aws("cloudformation", "get-stack-policy", "--stack-name", name).get("StackPolicyBody")
        return json.loads(body) if body else None

    def built_policy(self, name):
        with open(os.path.join(self.out, name + ".policy.json")) as f:
            return json.load(f)

    def signatures_verified(self):
        bad = [e for e in self.emulator.log() if e["signature"] != "ok"]
        assert not bad, "requests with bad signatures: %s" % bad

    def close(self):
        self.emulator.stop()
        self.tmp.cleanup()


def results(report):
    return {s["stack"]: s["result"] for s in report["stacks"]}


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def first_deploy(c):
    """network, then app with the network's outputs; stacks, parameters, outputs and policies as reported."""
    report, err = c.deploy("--yes")
    check(results(report) == {"network": "deployed", "app": "deployed"}, report)
    # The plan of a new stack: infrac diff's text against no stack, then ValidateTemplate's answer.
    check("Plan for stack app (new stack app):" in err and re.search(r"^app: 0 to replace, 0 to modify, \d+ to add, 0 to remove", err, re.M)
          and re.search(r"^    \+ AppAutoScalingGroup  AWS::AutoScaling::AutoScalingGroup  create$", err, re.M)
          and "CloudFormation (ValidateTemplate): the template is valid; acknowledged: CAPABILITY_IAM" in err, err)
    network, app = c.stack("network"), c.stack("app")
    check(network["StackStatus"] == "CREATE_COMPLETE" and app["StackStatus"] == "CREATE_COMPLETE", (network, app))
    outputs = {o["OutputKey"]: o["OutputValue"] for o in network["Outputs"]}
    params = {p["ParameterKey"]: p["ParameterValue"] for p in app["Parameters"]}
    check(params["NetworkNetPublicSubnetAId"] == outputs["NetPublicSubnetAId"], (params, outputs))
    check(params["NetworkWebTargetGroupArn"] == outputs["WebTargetGroupArn"], (params, outputs))
    check(params["DeployBucket"] == "rebuild-deploy", params)
    creates = [e["params"] for e in c.emulator.log() if e["action"] == "CreateStack"]
    check([p.get("Capabilities.member.1") for p in creates] == [None, "CAPABILITY_IAM"], creates)
    check(all("StackPolicyBody" in p for p in creates), "CreateStack without StackPolicyBody")
    for name in ("network", "app"):
        check(c.policy(name) == c.built_policy(name), "the policy of %s is not the source's" % name)
    reported = {s["stack"]: s for s in report["stacks"]}
    check(reported["network"]["outputs"] == outputs, reported["network"]["outputs"])
    with open(os.path.join(c.out, "network.outputs.json")) as f:
        check(json.load(f) == outputs, "network.outputs.json")
    with open(os.path.join(c.out, "infrac.outputs.yml")) as f:
        text = f.read()
    check("network_stack:\n" in text and "app_stack:" in text and outputs["NetVpcId"] in text, text)
    c.signatures_verified()


def no_changes(c):
    c.deploy("--yes")
    c.emulator.control(op="fault", action="CreateChangeSet", kind="no_changes", count=2)
    report, err = c.deploy("--yes", "--debug")
    check(results(report) == {"network": "no_changes", "app": "no_changes"}, report)
    check("debug: -> DescribeStacks POST" in err and "contain changes" in err, err)
    check(SECRET not in err and "Signature=" not in err, "--debug printed a secret")
    check(not c.aws("cloudformation", "list-change-sets", "--stack-name", "app")["Summaries"], "a change set was left")


def set_params(c, **app):
    values = {"DeployBucket": "rebuild-deploy", "AppRepository": "https://git.example.com/app.git"}
    values.update(app)
    c.params = c.write("params.json", json.dumps({"app": values}))


def update(c):
    """A parameter changes, and the source's stack policy changes: SetStackPolicy before the update."""
    c.deploy("--yes")
    set_params(c, DesiredCapacity="3")
    policy_path = os.path.join(c.out, "app.policy.json")
    policy = c.built_policy("app")
    policy["Statement"][0]["Resource"].append("LogicalResourceId/AppLogGroup")
    with open(policy_path, "w") as f:
        json.dump(policy, f, indent=2)
    report, err = c.deploy("--yes", "--stack", "app")
    check(results(report) == {"app": "deployed"}, report)
    check(report["stacks"][0]["policy_updated"], report)
    # The plan: infrac diff's text between the deployed stack (GetTemplate, GetStackPolicy) and the build,
    # the changed parameter carried to what uses it, then CloudFormation's change set.
    check(any(e["action"] == "GetTemplate" for e in c.emulator.log()), "the deployed template was not read")
    check("Plan for stack app (app):" in err and re.search(r"^app: .*stack policy changed;$", err, re.M)
          and re.search(r"^    ~ AppAutoScalingGroup  AWS::AutoScaling::AutoScalingGroup  modify$", err, re.M)
          and "uses parameter `DesiredCapacity` in `DesiredCapacity`, which changes" in err
          and "Parameter `DesiredCapacity` changes to the value in `--params`\n" in err
          and "+ Statement[0].Resource[2]: \"LogicalResourceId/AppLogGroup\"" in err
          and "CloudFormation's change set infrac-" in err
          and "Stack policy: replaced by the source's (SetStackPolicy, before the update)" in err, err)
    params = {p["ParameterKey"]: p["ParameterValue"] for p in c.stack("app")["Parameters"]}
    check(params["DesiredCapacity"] == "3", params)
    check(c.policy("app") == policy, "the new policy is not in force")
    actions = [e["action"] for e in c.emulator.log()]
    last = len(actions) - 1 - actions[::-1].index("SetStackPolicy")
    check("ExecuteChangeSet" in actions[last:], "SetStackPolicy must come before ExecuteChangeSet: %s" % actions)
    check(all(e["params"].get("ChangeSetType") for e in c.emulator.log() if e["action"] == "CreateChangeSet"),
          "a change set without an explicit ChangeSetType")


def declined(c):
    """Without --yes and without a terminal, nothing is deployed: exit 4, no change set left."""
    c.deploy("--yes")
    set_params(c, DesiredCapacity="3")
    report, err = c.deploy("--stack", "app", expect=4)
    check(results(report) == {"app": "declined"}, report)
    check("pass --yes" in err, err)
    params = {p["ParameterKey"]: p["ParameterValue"] for p in c.stack("app")["Parameters"]}
    check(params["DesiredCapacity"] == "2", params)
    check(not c.aws("cloudformation", "list-change-sets", "--stack-name", "app")["Summaries"], "a change set was left")


def policy_denial(c):
    """The stack policy denies the update: UPDATE_ROLLBACK_COMPLETE, exit 5 with the failing resource's reason."""
    c.deploy("--yes")
    set_params(c, DesiredCapacity="3")
    c.emulator.control(op="fault", action="ExecuteChangeSet", kind="deny", stack="app", resource="AppAutoScalingGroup")
    report, err = c.deploy("--yes", "--stack", "app", expect=5)
    stack = report["stacks"][0]
    check(stack["result"] == "failed" and stack["status"] == "UPDATE_ROLLBACK_COMPLETE", stack)
    check(any("Action denied by stack policy" in f["reason"] and f["resource"] == "AppAutoScalingGroup"
              for f in stack["failures"]), stack["failures"])
    check("Action denied by stack policy" in err, err)
    check(c.stack("app")["StackStatus"] == "UPDATE_ROLLBACK_COMPLETE", "the AWS CLI sees another status")


def failed_resource(c):
    """A resource fails during the update: rolled back, exit 5, the reason reported. The reason quotes a secret
    (as AWS may quote a NoEcho value): the progress lines, the summary and the JSON report mask it."""
    c.deploy("--yes")
    set_params(c, DesiredCapacity="3")
    c.emulator.control(op="fault", action="ExecuteChangeSet", kind="fail_resource", stack="app",
                       resource="AppAutoScalingGroup", reason="Resource handler returned message: \"Capacity\" (%s)" % SECRET)
    report, err = c.deploy("--yes", "--stack", "app", expect=5)  # fails if SECRET is printed anywhere
    masked = "*" * len(SECRET)  # the one rule of every output: each character a `*`
    check(report["stacks"][0]["failures"][0]["reason"] == "Resource handler returned message: \"Capacity\" (%s)" % masked, report)
    check(err.count("\"Capacity\" (%s)" % masked) >= 2, err)  # the progress line and the summary
    # Run again once the cause is gone: the stack updates.
    c.emulator.control(op="clear_overlay", stack="app")
    report, err = c.deploy("--yes", "--stack", "app")
    check(results(report) == {"app": "deployed"}, report)


def allow_update(c):
    """--allow-update: UpdateStack with a during-update policy; the permanent policy never widened."""
    c.deploy("--yes")
    set_params(c, DesiredCapacity="3")
    report, err = c.deploy("--yes", "--stack", "app", "--allow-update", "AppLogGroup")
    check(results(report) == {"app": "deployed"}, report)
    check("not the previewed change set" in err and "resolved again" in err, err)
    updates = [e["params"] for e in c.emulator.log() if e["action"] == "UpdateStack"]
    check(len(updates) == 1 and "StackPolicyBody" not in updates[0], updates)
    during = json.loads(updates[0]["StackPolicyDuringUpdateBody"])
    check(during["Statement"][-1] == {"Effect": "Allow", "Principal": "*", "Action": "Update:*",
                                      "Resource": ["LogicalResourceId/AppLogGroup"]}, during)
    check(c.policy("app") == c.built_policy("app"), "the permanent policy changed")
    params = {p["ParameterKey"]: p["ParameterValue"] for p in c.stack("app")["Parameters"]}
    check(params["DesiredCapacity"] == "3", params)


def allow_update_interrupted(c):
    """Ctrl-C in the middle of an --allow-update: the permanent policy stays the source's."""
    c.deploy("--yes")
    set_params(c, DesiredCapacity="3")
    c.emulator.control(op="fault", action="UpdateStack", kind="hold")
    args = [c.infrac, "deploy", c.out, "--endpoint-url", c.emulator.url, "--params", c.params, "--yes", "--stack", "app",
            "--allow-update", "AppLogGroup"]
    p = subprocess.Popen(args, env=c.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    while time.time() < deadline and not any(e["action"] == "UpdateStack" for e in c.emulator.log()):
        time.sleep(0.2)
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=120)
    check(p.returncode == 5, "exit %d\n%s" % (p.returncode, err))
    check("interrupted" in err, err)
    check(c.policy("app") == c.built_policy("app"), "the permanent policy changed")


def credential_sources(c):
    """Each credential source signs requests the proxy verifies (a no-changes deploy of network)."""
    c.deploy("--yes", "--stack", "network")
    base = {k: v for k, v in c.env.items() if not k.startswith("AWS_ACCESS") and not k.startswith("AWS_SECRET")}
    aws_dir = os.path.join(c.home, ".aws")

    def used(env, key_prefix, *extra):
        before = len(c.emulator.log())
        c.emulator.control(op="fault", action="CreateChangeSet", kind="no_changes", count=1)
        report, err = c.deploy("--yes", "--stack", "network", *extra, env=env)
        entries = c.emulator.log()[before:]
        keys = {e["key_id"] for e in entries if e["action"] == "DescribeStacks"}
        check(keys and all(k and k.startswith(key_prefix) for k in keys), (key_prefix, keys))
        check(all(e["signature"] == "ok" for e in entries), entries)
        return entries

    with open(os.path.join(aws_dir, "credentials"), "w") as f:
        f.write("[ci]\naws_access_key_id = %s\naws_secret_access_key = %s\n" % (KEY_ID, SECRET))
    used(dict(base, AWS_PROFILE="ci"), KEY_ID)
    used(base, KEY_ID, "--profile", "ci")
    with open(os.path.join(aws_dir, "config"), "w") as f:
        f.write("[profile deployer]\nrole_arn = arn:aws:iam::123456789012:role/deployer\nsource_profile = ci\n"
                "[profile proc]\ncredential_process = printf '{\"Version\": 1, \"AccessKeyId\": \"%s\", "
                "\"SecretAccessKey\": \"%s\"}'\n" % (KEY_ID, SECRET))
    entries = used(dict(base, AWS_PROFILE="deployer"), "ASIA")
    check(any(e["action"] == "AssumeRole" and e["key_id"] == KEY_ID for e in entries), "no AssumeRole")
    check(any(e["security_token"] for e in entries), "no session token sent")
    # --debug traces STS's answer: the assumed role's secret key and session token are masked.
    c.emulator.control(op="fault", action="CreateChangeSet", kind="no_changes", count=1)
    report, err = c.deploy("--yes", "--stack", "network", "--debug", env=dict(base, AWS_PROFILE="deployer"))
    check("<- AssumeRole HTTP 200" in err and "<SessionToken>****</SessionToken>" in err, err)
    check(not re.search(r"<(SecretAccessKey|SessionToken)>(?!\*\*\*\*<)", err), "--debug printed assumed-role credentials")
    used(dict(base, AWS_PROFILE="proc"), KEY_ID)
    token = c.write("oidc-token", "eyJhbGciOiJSUzI1NiJ9.payload.signature\n")
    entries = used(dict(base, AWS_WEB_IDENTITY_TOKEN_FILE=token, AWS_ROLE_ARN="arn:aws:iam::123456789012:role/ci"), "ASIA")
    check(any(e["action"] == "AssumeRoleWithWebIdentity" and e["key_id"] is None for e in entries), "no web identity call")
    c.emulator.control(op="secret", key_id="ASIACONTAINER0000001", secret="container-secret")
    c.emulator.control(op="ecs", value={"authorization": "ecs-auth", "credentials": {
        "AccessKeyId": "ASIACONTAINER0000001", "SecretAccessKey": "container-secret", "Token": "container-token",
        "Expiration": "2099-01-01T00:00:00Z"}})
    used(dict(base, AWS_CONTAINER_CREDENTIALS_FULL_URI=c.emulator.url + "/ecs/creds",
              AWS_CONTAINER_AUTHORIZATION_TOKEN="ecs-auth"), "ASIACONTAINER")
    c.emulator.control(op="secret", key_id="ASIAINSTANCE00000001", secret="instance-secret")
    c.emulator.control(op="imds", value={"role": "web", "credentials": {
        "Code": "Success", "AccessKeyId": "ASIAINSTANCE00000001", "SecretAccessKey": "instance-secret",
        "Token": "instance-token", "Expiration": "2099-01-01T00:00:00Z"}})
    imds = dict(base, AWS_EC2_METADATA_SERVICE_ENDPOINT=c.emulator.url)
    del imds["AWS_EC2_METADATA_DISABLED"]
    used(imds, "ASIAINSTANCE")
    report, err = c.deploy("--stack", "network", env=base, expect=5)
    check("no AWS credentials found" in err and "AWS_EC2_METADATA_DISABLED is true" in err, err)


def faults(c):
    """Each injected fault ends in success (retried) or a clear error, with nothing left half-done."""
    c.deploy("--yes", "--stack", "network")
    set_params(c)
    for kind, action in [("throttle", "DescribeStacks"), ("error500", "CreateChangeSet"), ("drop", "DescribeChangeSet"),
                         ("throttle", "DescribeStackEvents"), ("slow", "DescribeStacks")]:
        c.emulator.control(op="fault", action=action, kind=kind, count=2, seconds=3)
        c.emulator.control(op="fault", action="CreateChangeSet", kind="no_changes", count=1)
        report, err = c.deploy("--yes", "--stack", "network", "--request-timeout", "2")
        check(results(report) == {"network": "no_changes"}, (kind, report))
    for kind, words in [("html200", "HTML page instead of XML"), ("truncate", "not well-formed XML")]:
        c.emulator.control(op="reset")
        c.emulator.control(op="fault", action="DescribeChangeSet", kind=kind, count=50)
        report, err = c.deploy("--yes", "--stack", "network", expect=5)
        check(words in err, (kind, err))
        check(not c.aws("cloudformation", "list-change-sets", "--stack-name", "network")["Summaries"],
              "a change set was left after " + kind)
    c.emulator.control(op="reset")
    c.emulator.control(op="fault", action="DescribeStacks", kind="throttle", count=50)
    report, err = c.deploy("--yes", "--stack", "network", "--max-attempts", "2", expect=5)
    check("Throttling" in err and "gave up after 2 attempts" in err, err)


def termination_protection(c):
    """--termination-protection: sent with CreateStack, changed with UpdateTerminationProtection, read back by the AWS CLI."""
    c.deploy("--yes", "--stack", "network", "--termination-protection", "on")
    check(c.stack("network")["EnableTerminationProtection"] is True, c.stack("network"))
    creates = [e["params"] for e in c.emulator.log() if e["action"] == "CreateStack"]
    check(creates[-1].get("EnableTerminationProtection") == "true", creates)
    r = subprocess.run(["aws", "--endpoint-url", c.emulator.url, "cloudformation", "delete-stack", "--stack-name", "network"],
                       capture_output=True, text=True, env=c.env, timeout=120)
    check(r.returncode != 0 and "TerminationProtection" in r.stderr, "a protected stack was deleted: %s" % r.stderr)
    # Turned off by the next deploy, which has nothing else to do.
    c.emulator.control(op="fault", action="CreateChangeSet", kind="no_changes", count=1)
    report, err = c.deploy("--yes", "--stack", "network", "--termination-protection", "off")
    check(results(report) == {"network": "no_changes"} and "turning termination protection off" in err, (report, err))
    check(c.stack("network")["EnableTerminationProtection"] is False, c.stack("network"))
    changes = [e for e in c.emulator.log() if e["action"] == "UpdateTerminationProtection"]
    check(len(changes) == 1 and changes[0]["params"]["EnableTerminationProtection"] == "false", changes)
    # Already as asked, or not asked: no call.
    for flags in (["--termination-protection", "off"], []):
        c.emulator.control(op="fault", action="CreateChangeSet", kind="no_changes", count=1)
        c.deploy("--yes", "--stack", "network", *flags)
    check(len([e for e in c.emulator.log() if e["action"] == "UpdateTerminationProtection"]) == 1, "a needless call")
    c.signatures_verified()


def prepare_rebuild(c):
    """The first deploy, and the manifest naming app's rebuild parameter (what `rebuild true` records)."""
    c.deploy("--yes")
    path = os.path.join(c.out, "infrac.manifest.json")
    with open(path) as f:
        manifest = json.load(f)
    for s in manifest["stacks"]:
        if s["name"] == "app":
            s.setdefault("rebuild_parameter", "AppRebuildTimestamp")
    with open(path, "w") as f:
        json.dump(manifest, f, indent=2)


def moto_client(c, service):
    import boto3
    return boto3.client(service, endpoint_url=c.emulator.moto_url, region_name="us-east-1",
                        aws_access_key_id=KEY_ID, aws_secret_access_key=SECRET)


def rebuild_verified(c):
    """A rebuild sets the parameter to now, stays within the proof, and every instance is new and in service."""
    prepare_rebuild(c)
    before = {i["InstanceId"] for g in c.aws("autoscaling", "describe-auto-scaling-groups")["AutoScalingGroups"]
              for i in g["Instances"]}
    check(len(before) == 2, before)
    time.sleep(1.1)  # launch times have a resolution of a second
    # moto (5.x) relaunches a group's instances when its stack is updated: here that stands in for the
    # rolling update, which moto does not carry out.
    report, err = c.deploy("--yes", "--verify-timeout", "2", command="rebuild")
    rebuild = report["rebuild"]
    check(rebuild["old_instances"] == 0 and len(rebuild["instances"]) == 2, rebuild)
    check(not before & {i["id"] for i in rebuild["instances"]}, "an old instance is reported as new")
    check("rebuild verified" in err, err)
    check("Parameter `AppRebuildTimestamp` changes to the time of this rebuild\n" in err, err)  # the plan says why
    params = {p["ParameterKey"]: p["ParameterValue"] for p in c.stack("app")["Parameters"]}
    check(params["AppRebuildTimestamp"] == rebuild["started"], (params, rebuild))
    check(results(report) == {"app": "deployed"}, report)  # network is not rebuilt


def rebuild_refused(c):
    """A source change slipped into the build: the rebuild refuses it with the change set, exit 4."""
    prepare_rebuild(c)
    path = os.path.join(c.out, "app.template.json")
    with open(path) as f:
        template = json.load(f)
    template["Resources"]["AppLogGroup"]["Properties"]["RetentionInDays"] = 1
    with open(path, "w") as f:
        json.dump(template, f, indent=2)
    before = {p["ParameterKey"]: p["ParameterValue"] for p in c.stack("app")["Parameters"]}
    report, err = c.deploy("--yes", command="rebuild", expect=4)
    check("changes more than a rebuild" in err and "AppLogGroup" in err, err)
    check(results(report) == {"app": "refused"}, report)
    after = {p["ParameterKey"]: p["ParameterValue"] for p in c.stack("app")["Parameters"]}
    check(before == after, "the refused rebuild changed the stack")
    check(not c.aws("cloudformation", "list-change-sets", "--stack-name", "app")["Summaries"], "a change set was left")


def rebuild_old_instances(c):
    """An instance the rebuild did not replace breaks the promise: exit 4, listed. moto relaunches a group's
    instances on every update, so an instance launched before the rebuild is attached to the group while the
    proxy holds infrac's first read of the group after the update."""
    import threading
    prepare_rebuild(c)
    ec2, asg = moto_client(c, "ec2"), moto_client(c, "autoscaling")
    old = ec2.run_instances(ImageId="ami-0debian12fake00001", MinCount=1, MaxCount=1)["Instances"][0]["InstanceId"]
    time.sleep(1.1)
    c.emulator.control(op="fault", action="DescribeAutoScalingGroups", kind="slow", seconds=4, count=1)

    def attach():  # as soon as infrac asks for the group (the proxy holds that answer)
        deadline = time.time() + 300
        while time.time() < deadline and not any(e["action"] == "DescribeAutoScalingGroups" for e in c.emulator.log()):
            time.sleep(0.2)
        group = asg.describe_auto_scaling_groups()["AutoScalingGroups"][0]["AutoScalingGroupName"]
        asg.attach_instances(InstanceIds=[old], AutoScalingGroupName=group)
    t = threading.Thread(target=attach, daemon=True)
    t.start()
    report, err = c.deploy("--yes", "--verify-timeout", "0", command="rebuild", expect=4)
    t.join(5)
    check(report["rebuild"]["old_instances"] == 1, report["rebuild"])
    check([i["id"] for i in report["rebuild"]["instances"] if not i["replaced"]] == [old], report["rebuild"])
    check("OLD" in err and "launched before the rebuild started" in err, err)


def rebuild_busy(c):
    """A rebuild never starts while a stack is busy."""
    prepare_rebuild(c)
    c.emulator.control(op="busy", stack="app")
    report, err = c.deploy("--yes", command="rebuild", expect=4)
    check("busy" in err, err)


SCENARIOS = {f.__name__: f for f in [rebuild_verified, rebuild_refused, rebuild_old_instances, rebuild_busy, first_deploy, no_changes, update, declined, policy_denial, failed_resource,
                                     allow_update, allow_update_interrupted, credential_sources, faults,
                                     termination_protection]}


def run_scenario(scenarios):
    """`python3 X_test.py INFRAC SCENARIO`: one scenario on a fresh Case; an AssertionError fails it."""
    infrac, name = sys.argv[1], sys.argv[2]
    case = Case(os.path.abspath(infrac))
    try:
        scenarios[name](case)
    finally:
        case.close()
    print("1 passed, 0 failed")


if __name__ == "__main__":
    run_scenario(SCENARIOS)
