#!/usr/bin/env python3
"""`infrac inventory` and `infrac fleet check` against moto (tests/aws/README.md).

    python3 fleet_test.py INFRAC SCENARIO

deploys examples/rebuild with `infrac deploy` (moto's Auto Scaling group launches the
instances, tagged aws:autoscaling:groupName), launches an instance beside them, sets
console outputs through the proxy, and runs the real binary. Expected outputs are
tests/aws/fleet/<format>.golden with the volatile fields (ids, addresses, times, ages,
moto's generated names) replaced by numbered placeholders; INFRAC_UPDATE_GOLDEN=1
rewrites them.
"""
import json
import os
import re
import subprocess

from deploy_test import check, run_scenario

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, "fleet")


def host_keys(c, name):
    """A fresh ed25519 and ecdsa key pair, as cloud-init prints the public halves."""
    keys = []
    for kind in ("ed25519", "ecdsa"):
        path = os.path.join(c.dir, "%s_%s" % (name, kind))
        subprocess.run(["ssh-keygen", "-q", "-t", kind, "-N", "", "-C", "root@" + name, "-f", path], check=True)
        with open(path + ".pub") as f:
            keys.append(f.read().strip())
    return keys


def console(lines):
    return "\r\n".join(["[    0.000000] Linux version 6.1.0-13-cloud-amd64", "Cloud-init v. 22.4.2 running 'modules:final'",
                        "-----BEGIN SSH HOST KEY KEYS-----"] + lines + ["-----END SSH HOST KEY KEYS-----", ""])


class Fleet:
    def __init__(self, c):
        self.c = c
        c.deploy("--yes")
        groups = c.aws("autoscaling", "describe-auto-scaling-groups")["AutoScalingGroups"]
        self.group = [g for g in groups if g["AutoScalingGroupName"].startswith("app-")][0]
        self.ids = sorted(i["InstanceId"] for i in self.group["Instances"])
        check(len(self.ids) == 2, self.group)
        # An instance launched beside the fleet, in its subnet, not by its group or stacks.
        subnet = self.c.aws("ec2", "describe-instances", "--instance-ids", self.ids[0])["Reservations"][0]["Instances"][0]["SubnetId"]
        image = self.c.aws("ec2", "describe-images")["Images"][0]["ImageId"]
        self.outsider = self.c.aws("ec2", "run-instances", "--image-id", image, "--count", "1", "--subnet-id", subnet,
                                   "--tag-specifications", "ResourceType=instance,Tags=[{Key=Name,Value=app-app}]")["Instances"][0]["InstanceId"]
        self.keys = host_keys(c, "fleet")

    def run(self, *args, expect=0):
        r = subprocess.run([self.c.infrac] + list(args) + ["--endpoint-url", self.c.emulator.url], capture_output=True,
                           text=True, env=self.c.env, timeout=300)
        check(r.returncode == expect, "%s exited %d, expected %d\nstdout:\n%s\nstderr:\n%s" % (
            " ".join(args), r.returncode, expect, r.stdout, r.stderr))
        check("infrac-test-secret-do-not-print" not in r.stdout + r.stderr, "the secret access key was printed")
        return r.stdout, r.stderr


def normalise(text):
    """Numbered placeholders for what changes from run to run, in order of first appearance."""
    patterns = [("instance", r"\bi-[0-9a-f]{8,17}\b"), ("ip", r"\b\d{1,3}(?:\.\d{1,3}){3}\b"),
                ("id", r"\b(?:vpc|subnet|sg|igw|rtb|eipalloc|nat|lt|acl)-[0-9a-f]{8,17}\b"),
                ("arn", r"arn:aws:[^\s\"]+"), ("group", r"\bapp-AppAutoScalingGroup-[A-Za-z0-9]+\b"),
                ("name", r"\b(?:app|network)-[A-Za-z]+-[A-Z0-9]{8,}\b"),
                ("dns", r"\b(?:ip|ec2)-[0-9-]+\.[a-z0-9.-]+\b")]
    text = re.sub(r"\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z\b", "<time>", text)
    for kind, pattern in patterns:
        seen = {}
        text = re.sub(pattern, lambda m: "<%s%d>" % (kind, seen.setdefault(m.group(0), len(seen) + 1)), text)
    text = re.sub(r'"age_seconds": \d+', '"age_seconds": <seconds>', text)
    text = re.sub(r'"age": "[0-9hms]+"', '"age": "<age>"', text)
    text = re.sub(r"(?<=\s)\d+(?:h\d*m?\d*s?|m\d*s?|s)(?=\s)", "<age>", text)
    text = re.sub(r"(AAAA[A-Za-z0-9+/=]{40,})", "<key>", text)
    return re.sub(r"(?<=\S) {2,}(?=\S)", "  ", text)  # table columns are as wide as their (volatile) cells


def compare(name, text):
    path = os.path.join(GOLDEN, name + ".golden")
    text = normalise(text)
    if os.environ.get("INFRAC_UPDATE_GOLDEN") == "1":
        with open(path, "w") as f:
            f.write(text)
        return
    with open(path) as f:
        expected = f.read()
    check(expected == text, "%s differs from the output:\n%s" % (path, text))


def inventory_formats(c):
    """Exactly the group's instances, in every format, keys from the console output only."""
    f = Fleet(c)
    for i in f.ids:
        c.emulator.control(op="console_output", instance=i, text=console(f.keys))
    out, err = f.run("inventory", c.out, "--format", "json")
    doc = json.loads(out)
    check(sorted(i["id"] for i in doc["instances"]) == f.ids, (doc, f.ids, f.outsider, err))
    check(all(i["host_key_status"] == "verified" for i in doc["instances"]), doc)
    compare("json", out)
    for fmt in ["table", "ansible", "ansible-yaml", "ssh-config", "known-hosts"]:
        out, err = f.run("inventory", c.out, "--format", fmt, "--ssh-user", "admin")
        compare(fmt, out)
    template = c.write("hosts.mustache", "{{#instances}}{{id}} {{group_logical_id}} {{host_key_status}}\n{{/instances}}")
    out, err = f.run("inventory", c.out, "--template", template)
    compare("template", out)
    # A template that is not a small regular file is refused, not read without end.
    out, err = f.run("inventory", c.out, "--template", "/dev/zero", expect=2)
    check(out == "" and "cannot read `/dev/zero`" in err, err)
    # The same pages the AWS CLI sees: DescribeInstances was called with the stack and group filters.
    calls = [e["params"] for e in c.emulator.log() if e["action"] == "DescribeInstances" and "Filter.1.Name" in e["params"]]
    check({p["Filter.1.Name"] for p in calls} == {"instance-id", "tag:aws:cloudformation:stack-name"}, calls)
    c.signatures_verified()


def host_keys_trust(c):
    """A valid block is written to known_hosts; a tampered or missing one is not, and says so."""
    f = Fleet(c)
    good, bad = f.ids
    other = host_keys(c, "other")
    tampered = [f.keys[0], other[1].replace("ecdsa-sha2-nistp256", "ssh-ed25519", 1)]
    c.emulator.control(op="console_output", instance=good, text=console(f.keys))
    c.emulator.control(op="console_output", instance=bad, text=console(tampered))
    known = c.write("known_hosts", "github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n"
                    "i-0gone,10.0.0.9 %s infrac:app/i-0gone\n" % f.keys[0])
    out, err = f.run("inventory", c.out, "--format", "known-hosts", "--known-hosts", known, expect=4)
    check("%s: host key block refused" % bad in err and "holds a key of another type" in err, err)
    with open(known) as fh:
        lines = fh.read().splitlines()
    check(lines[0].startswith("github.com "), lines)
    check(not any("i-0gone" in l for l in lines), "the gone instance was not pruned: %s" % lines)
    check(not any(bad in l for l in lines), "a refused key was written: %s" % lines)
    ours = [l for l in lines if l.startswith(good + ",")]
    check(len(ours) == 2 and {l.split()[2] for l in ours} == {k.split()[1] for k in f.keys}, lines)
    r = subprocess.run(["ssh-keygen", "-F", good, "-f", known], capture_output=True, text=True)
    check(f.keys[0].split()[1] in r.stdout, r.stdout)
    # GetConsoleOutput throttled: retried, and the keys are verified; throttled past the retries: AWS failed
    # (exit 5), and known_hosts is left as it was.
    c.emulator.control(op="console_output", instance=bad, text=console(other))
    c.emulator.control(op="fault", action="GetConsoleOutput", kind="throttle", count=2)
    out, err = f.run("inventory", c.out, "--format", "json")
    check([i["host_key_status"] for i in json.loads(out)["instances"]] == ["verified", "verified"], (out, err))
    with open(known) as fh:
        before = fh.read()
    c.emulator.control(op="fault", action="GetConsoleOutput", kind="throttle", count=50)
    out, err = f.run("inventory", c.out, "--format", "known-hosts", "--known-hosts", known, "--max-attempts", "2", expect=5)
    check(out == "" and "Throttling" in err and "gave up after 2 attempts" in err, (out, err))
    with open(known) as fh:
        check(fh.read() == before, "known_hosts was changed although the console output could not be read")
    # No block at all (moto's own sample console): unverified, listed, nothing written.
    c.emulator.control(op="reset")
    out, err = f.run("inventory", c.out, "--format", "known-hosts")
    check(out == "", out)
    check(all("%s: host keys not verified (no host key block in the console output)" % i in err for i in f.ids), err)


def age_check(c):
    """Passes on a fresh fleet; fails naming the instance when launch times are older than the limit."""
    f = Fleet(c)
    textfile = os.path.join(c.dir, "metrics", "infrac.prom")
    os.makedirs(os.path.dirname(textfile))
    out, err = f.run("fleet", "check", c.out, "--max-age", "24h", "--textfile", textfile)
    check(out == "" and "2 instances in 1 group" in err and ": ok" in err, (out, err))
    with open(textfile) as fh:
        metrics = fh.read()
    check(all('instance="%s"' % i in metrics for i in f.ids) and "infrac_fleet_problems 0" in metrics, metrics)
    check(f.outsider not in metrics, metrics)
    launched = max(i["LaunchTime"] for r in c.aws("ec2", "describe-instances", "--instance-ids", *f.ids)["Reservations"]
                   for i in r["Instances"])
    later = re.sub(r"^(\d{4})", lambda m: str(int(m.group(1)) + 1), launched)[:19] + "Z"
    out, err = f.run("fleet", "check", c.out, "--max-age", "24h", "--at", later, "--textfile", textfile, expect=4)
    for i in f.ids:
        check(re.search(r"^instance %s \(stack app, group app-AppAutoScalingGroup-\S+, [a-z0-9-]+\) is \d+h(\d+m)?(\d+s)? old, "
                        r"over the maximum age 24h" % i, out, re.M), out)
    with open(textfile) as fh:
        check("infrac_fleet_problems 2" in fh.read(), "the textfile was not rewritten")
    # A group short of instances in service: one of its two stopped (the group has not noticed yet).
    c.aws("ec2", "stop-instances", "--instance-ids", f.ids[0])
    out, err = f.run("fleet", "check", c.out, expect=4)
    check(re.search(r"^group app-AppAutoScalingGroup-\S+ \(stack app\) has 1 of 2 desired instances in service$", out, re.M), out)
    # AWS failing: exit 5.
    c.emulator.control(op="fault", action="DescribeInstances", kind="throttle", count=50)
    out, err = f.run("fleet", "check", c.out, "--max-attempts", "2", expect=5)
    check("Throttling" in err, err)


SCENARIOS = {f.__name__: f for f in [inventory_formats, host_keys_trust, age_check]}


if __name__ == "__main__":
    run_scenario(SCENARIOS)
