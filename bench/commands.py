#!/usr/bin/env python3
"""Times infrac's other commands beside the peer a user would otherwise run (issue 16, item 4).

  diff     `infrac diff` of two templates of --tiers * 10 resources (500 by default), against
           CDK's differ (@aws-cdk/cloudformation-diff: fullDiff + formatDifferences, what `cdk diff`
           prints, bench/peers/cdk_diff.js). First both must report the same changed resources.
  fmt      `infrac fmt --check` of the repository's .infra files; and of a generated project,
           beside jsonnetfmt on its equivalent Jsonnet program and prettier on its templates
           (formatters of simpler languages, a floor; nothing formats infra but infrac).
  import   `infrac import` of the large template (its round trip proof included), against
           cdk-from-cfn (the template as a CDK app in TypeScript, bench/peers/cdk_from_cfn.js),
           whose program is compiled and synthesized to see whether it gives the template back.
  lsp      the language server's edit-to-diagnostics latency: a driver over stdio opens a file,
           then sends --edits didChange notifications, timing each to its publishDiagnostics;
           against cfn-lint on the compiled template (what an editor's cfn-lint runs per save).

The old template is app1 of `bench/generate.py --style written --tiers N --tiers-per-stack N`, built
by infrac; the new one is the old with edits (make_new below). CPU times are the process's (wait4),
the medians of --reps runs after an untimed one; the LSP latencies are wall-clock, per edit.

  bench/commands.py                          # every section, 500 resources, 5 reps, 40 edits
  bench/commands.py --only diff import --reps 10
  bench/commands.py --check-only             # only check that the peers agree (the CTest case)
"""
import argparse
import copy
import json
import os
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

import peers
from run import measure, measure_lint, ratio, run_once

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def make_new(old):
    """The new side of the diff: user data edited in one launch template in five (their groups are
    modified through LatestVersionNumber), a tag changed on one bucket in five, an ingress rule added
    to one security group in ten, the last five log groups removed and five queues added."""
    new = copy.deepcopy(old)
    res = new["Resources"]
    tiers = [name[:-len("Template")] for name in res if name.endswith("Template")]
    for i, t in enumerate(tiers):
        if i % 5 == 0:
            sub = res[t + "Template"]["Properties"]["LaunchTemplateData"]["UserData"]["Fn::Base64"]
            sub["Fn::Sub"] = sub["Fn::Sub"].replace("umask 077\n", "umask 027\n")
        if i % 5 == 1:
            res[t + "Bucket"]["Properties"]["Tags"][0]["Value"] = t + "-edited"
        if i % 10 == 2:
            res[t + "Sg"]["Properties"]["SecurityGroupIngress"].append(
                {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "10.0.0.0/16"})
    for t in tiers[-5:]:
        del res[t + "Logs"]
    for i in range(5):
        res[f"Added{i}Queue"] = {"Type": "AWS::SQS::Queue", "Properties": {"MessageRetentionPeriod": 86400}}
    return new


def infrac_changes(document):
    """From `infrac diff --format json`: resources changed on their own (added, removed, or with
    values of their own changed), and those modified only through references."""
    direct, carried = {}, []
    for stack in document["stacks"]:
        for d in stack["changes"]:
            if d["section"] != "Resources":
                continue
            if d["change"] != "modified" or d.get("values"):
                direct[d["name"]] = d["change"]
            else:
                carried.append(d["name"])
    return direct, sorted(carried)


def check_diff_agrees(a, old, new):
    out = subprocess.run([a.infrac, "diff", old, new, "--format", "json"], capture_output=True, text=True, check=True)
    direct, carried = infrac_changes(json.loads(out.stdout))
    cdk = subprocess.run(peers.node_script("cdk_diff.js", old, new, "--changes"), capture_output=True, text=True,
                         check=True, env=peers.node_env())
    theirs = {name: c["change"] for name, c in json.loads(cdk.stdout).items()}
    if direct != theirs:
        only = sorted(set(direct.items()) ^ set(theirs.items()))
        sys.exit(f"commands.py: infrac diff and CDK's differ report different changed resources: {only[:10]}; nothing timed")
    return len(direct), carried


def generated_project(a, work):
    project = os.path.join(work, "project")
    subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), "--tiers", str(a.tiers), "--tiers-per-stack",
                    str(a.tiers), "--style", "written", "--out", project], check=True)
    out = os.path.join(project, "out")
    run_once([a.infrac, "build", project, "-o", out])
    # Laid out as `infrac fmt` lays it out, as a project under the `fmt --check` gate is.
    run_once([a.infrac, "fmt", project])
    return project, out


def section_diff(a, out, work, lines):
    old = os.path.join(out, "app1.template.json")
    new = os.path.join(work, "new.template.json")
    with open(old) as f:
        old_template = json.load(f)
    new_template = make_new(old_template)
    with open(new, "w") as f:
        json.dump(new_template, f, indent=2)
    changed, carried = check_diff_agrees(a, old, new)
    lines.append(f"diff: {len(old_template['Resources'])} resources against {len(new_template['Resources'])}; "
                 f"infrac and CDK's differ agree on the {changed} resources changed on their own; infrac also lists "
                 f"{len(carried)} modified through references (groups on an edited launch template), which CDK does not model")
    if a.check_only:
        return []
    reps = a.reps
    rows = [("diff", "infrac diff OLD NEW (text)", measure([a.infrac, "diff", old, new], reps)),
            ("diff", "infrac diff OLD NEW --format json", measure([a.infrac, "diff", old, new, "--format", "json"], reps)),
            ("diff", "peer: CDK's differ, node cdk_diff.js OLD NEW (text)",
             measure(peers.node_script("cdk_diff.js", old, new), reps, env=peers.node_env()))]
    return rows


def infra_files_of_repository():
    listed = subprocess.run(["git", "-C", ROOT, "ls-files", "*.infra"], capture_output=True, text=True, check=True).stdout
    return [os.path.join(ROOT, p) for p in listed.split()]


def size_of(paths):
    return sum(os.path.getsize(p) for p in paths)


def section_fmt(a, project, out, lines):
    repository = infra_files_of_repository()
    infra = [os.path.join(dp, f) for dp, dn, fs in os.walk(project) for f in fs if f.endswith(".infra")]
    jsonnet = [os.path.join(project, "jsonnet", f) for f in ("main.jsonnet", "tier.libsonnet")]
    templates = [os.path.join(out, f) for f in sorted(os.listdir(out)) if f.endswith(".template.json")]
    run_once([a.infrac, "fmt", "--check", *infra])  # formatted (generated_project): nothing to do
    lines.append(f"fmt: the repository's {len(repository)} .infra files, {size_of(repository) / 1e6:.3f} MB (some are test "
                 f"inputs with syntax errors: reported, exit 1); the generated project: {size_of(infra) / 1e6:.3f} MB of "
                 f"infra, its Jsonnet {size_of(jsonnet) / 1e6:.3f} MB, its templates {size_of(templates) / 1e6:.3f} MB")
    if a.check_only:
        return []
    reps = a.reps
    rows = [("fmt", f"infrac fmt --check, the repository ({size_of(repository) / 1e6:.2f} MB)",
             measure([a.infrac, "fmt", "--check", *repository], reps, ok=(0, 1, 3)), size_of(repository)),
            ("fmt", f"infrac fmt --check, the generated project ({size_of(infra) / 1e6:.2f} MB)",
             measure([a.infrac, "fmt", "--check", *infra], reps), size_of(infra))]
    if shutil.which("jsonnetfmt"):
        rows.append(("fmt", f"peer: jsonnetfmt --test, its Jsonnet program ({size_of(jsonnet) / 1e6:.2f} MB)",
                     measure(["jsonnetfmt", "--test", *jsonnet], reps, ok=(0, 1, 2)), size_of(jsonnet)))
    if peers.installed("prettier"):
        rows.append(("fmt", f"peer: prettier --check, its templates ({size_of(templates) / 1e6:.2f} MB of JSON)",
                     measure([os.path.join(peers.NODE_MODULES, ".bin", "prettier"), "--check", *templates], reps,
                             env=peers.node_env(), ok=(0, 1)), size_of(templates)))
    return rows


def cdk_from_cfn_verdict(template_path):
    """Whether cdk-from-cfn's program for the template gives it back: compiled with TypeScript and
    synthesized (bench/peers/cdk_from_cfn.js --synth), then compared with CloudFormation's equality,
    with what the conversion adds or drops by design put back exactly: `AWSTemplateFormatVersion`
    (cdk-from-cfn drops it; 2010-09-09, the only version, is also the default) and each parameter's
    `Default`, which is the prop the harness passes (`value-of-NAME`) where the template had none."""
    answer = json.loads(subprocess.run(peers.node_script("cdk_from_cfn.js", template_path, "--synth"), capture_output=True,
                                       text=True, check=True, env=peers.node_env()).stdout)
    if "errors" in answer:
        return f"does not compile: {len(answer['errors'])} TypeScript syntax errors, the first at {answer['errors'][0]}"
    with open(template_path) as f:
        original = json.load(f)
    back = answer["template"]
    if original.get("AWSTemplateFormatVersion") == "2010-09-09":
        back.setdefault("AWSTemplateFormatVersion", "2010-09-09")
    for name, parameter in back.get("Parameters", {}).items():
        if parameter.get("Default") == f"value-of-{name}" and "Default" not in original.get("Parameters", {}).get(name, {}):
            del parameter["Default"]
    return "synthesizes the same template" if peers.cfn_equal(original, back) else "synthesizes a different template"


def section_import(a, out, work, lines):
    template = os.path.join(out, "app1.template.json")
    target = os.path.join(work, "imported.infra")
    run_once([a.infrac, "import", template, "-o", target, "--name", "app1"])
    with open(template) as f:
        names = list(json.load(f)["Resources"])
    small = cdk_from_cfn_verdict(os.path.join(out, "network.template.json"))
    if small != "synthesizes the same template":  # the harness itself, on a template without scripts
        sys.exit(f"commands.py: cdk-from-cfn on network.template.json {small}; nothing timed")
    large = cdk_from_cfn_verdict(template)
    lines.append(f"import: {len(names)} resources, {os.path.getsize(template) / 1e6:.3f} MB; infrac's import is compiled "
                 f"back and proven the same template on every run; cdk-from-cfn's program for the network stack "
                 f"{small}, for this one it {large}")
    if a.check_only:
        return []
    return [("import", "infrac import TEMPLATE -o FILE (with its round trip proof)",
             measure([a.infrac, "import", template, "-o", target, "--name", "app1"], a.reps)),
            ("import", "peer: cdk-from-cfn, node cdk_from_cfn.js TEMPLATE (TypeScript)",
             measure(peers.node_script("cdk_from_cfn.js", template), a.reps, env=peers.node_env()))]


class LspClient:
    """The language server over stdio: Content-Length framing, a reader thread, requests from the
    server answered with null."""

    def __init__(self, argv, cwd):
        self.proc = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        self.messages = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        stream = self.proc.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    self.messages.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            self.messages.put((time.perf_counter(), json.loads(stream.read(length))))

    def send(self, message):
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()
        return time.perf_counter()

    def wait_for(self, matches, timeout=60):
        while True:
            try:
                item = self.messages.get(timeout=timeout)
            except queue.Empty:
                sys.exit(f"commands.py: no answer from the language server in {timeout} s")
            if item is None:
                sys.exit("commands.py: the language server stopped")
            when, message = item
            if "method" in message and "id" in message:
                self.send({"jsonrpc": "2.0", "id": message["id"], "result": None})
            elif matches(message):
                return when, message

    def cpu_seconds(self):
        with open(f"/proc/{self.proc.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def close(self):
        self.send({"jsonrpc": "2.0", "id": 999999, "method": "shutdown"})
        self.wait_for(lambda m: m.get("id") == 999999)
        self.send({"jsonrpc": "2.0", "method": "exit"})
        self.proc.wait(timeout=30)


def lsp_latencies(a, path, typo, edits):
    """Opens path in `infrac lsp --debounce-ms 0`, then edits it `edits` times (a comment added, and
    every other edit the name `typo` misspelt), each as the whole text; returns the milliseconds from
    each didChange to the publishDiagnostics of its version, the server's CPU ms per edit, and the
    errors of the last correct and misspelt versions."""
    uri = "file://" + os.path.abspath(path)
    with open(path) as f:
        text = f.read()
    client = LspClient([a.infrac, "lsp", "--debounce-ms", "0"], os.path.dirname(path))
    client.send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                 "params": {"processId": os.getpid(), "rootUri": "file://" + os.path.dirname(os.path.abspath(path)),
                            "capabilities": {}}})
    client.wait_for(lambda m: m.get("id") == 1)
    client.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})

    def published(version):
        return lambda m: (m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
                          and m["params"].get("version") == version)

    client.send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
                 "params": {"textDocument": {"uri": uri, "languageId": "infra", "version": 1, "text": text}}})
    client.wait_for(published(1))
    latencies, counts = [], {}
    cpu_before = client.cpu_seconds()
    for i in range(edits):
        version = i + 2
        edited = (text.replace(typo, typo[:-1] + "X" + typo[-1], 1) if i % 2 else text) + f"# edit {i}\n"
        sent = client.send({"jsonrpc": "2.0", "method": "textDocument/didChange",
                            "params": {"textDocument": {"uri": uri, "version": version},
                                       "contentChanges": [{"text": edited}]}})
        when, message = client.wait_for(published(version))
        latencies.append((when - sent) * 1e3)
        counts[i % 2] = sum(1 for d in message["params"]["diagnostics"] if d.get("severity") == 1)  # errors
    cpu = (client.cpu_seconds() - cpu_before) * 1e3 / edits
    client.close()
    return latencies, cpu, counts


def section_lsp(a, project, out, work, lines):
    rebuild_out = os.path.join(work, "rebuild")
    run_once([a.infrac, "build", os.path.join(ROOT, "examples", "rebuild"), "-o", rebuild_out])
    cases = [("examples/rebuild/app.infra", os.path.join(ROOT, "examples", "rebuild", "app.infra"), "AppServerAMI",
              os.path.join(rebuild_out, "app.template.json")),
             (f"generated app1.infra ({a.tiers * 10} resources)", os.path.join(project, "app1.infra"), "network.VpcId",
              os.path.join(out, "app1.template.json"))]
    edits = 2 if a.check_only else a.edits
    rows = []
    for name, path, typo, template in cases:
        latencies, cpu, counts = lsp_latencies(a, path, typo, edits)
        if counts.get(1, 0) == 0 or counts.get(0, 1) != 0:
            sys.exit(f"commands.py: the language server gave {counts.get(1)} errors for a misspelt name in {name} "
                     f"and {counts.get(0)} for the correct text: expected some and none")
        lines.append(f"lsp: {name}: a misspelt `{typo}` gives {counts[1]} error(s), the correct text none")
        if a.check_only:
            continue
        latencies.sort()
        rows.append(("lsp", f"infrac lsp, edit to diagnostics: {name}",
                     {"wall_ms": statistics.median(latencies), "p90_ms": latencies[int(len(latencies) * 0.9)],
                      "cpu_ms": cpu, "edits": edits}))
        if a.cfn_lint:
            rows.append(("lsp", f"peer: cfn-lint on its template ({os.path.getsize(template) / 1e6:.2f} MB)",
                         measure_lint(a.cfn_lint.split() + [template], max(1, min(a.reps, 3)))))
    return rows


def report(rows, lines, a):
    for line in lines:
        print(line)
    print()
    print(f"{a.reps} reps (cfn-lint at most 3), medians; CPU = user + system of the process; lsp: {a.edits} edits, "
          "wall-clock latency per edit, the server's CPU per edit; each peer compared with the infrac row above it")
    print()
    print("| command | what | CPU ms | wall ms | peer / infrac (CPU) |")
    print("|---|---|---:|---:|---:|")
    infrac_cpu = {}
    for row in rows:
        section, what, m = row[0], row[1], row[2]
        per_mb = row[3] if len(row) > 3 else None
        if not what.startswith("peer:"):  # the peers below it are compared with this row
            infrac_cpu[section] = m["cpu_ms"] / (per_mb or 1)
            cmp = ""
        else:
            cmp = ratio(m["cpu_ms"] / (per_mb or 1), infrac_cpu[section]) + (" (per MB)" if per_mb else "")
        wall = f"{m['wall_ms']:.1f}" + (f" (p90 {m['p90_ms']:.1f})" if "p90_ms" in m else "")
        print(f"| {section} | {what} | {m['cpu_ms']:.1f} | {wall} | {cmp} |")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tiers", type=int, default=50, help="tiers of ten resources in the one app stack (default 50)")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--edits", type=int, default=40, help="didChange edits per file for the language server")
    ap.add_argument("--only", nargs="+", choices=["diff", "fmt", "import", "lsp"], default=["diff", "fmt", "import", "lsp"])
    ap.add_argument("--infrac", default=os.path.join(ROOT, "build", "infrac"))
    ap.add_argument("--cfn-lint", default="cfn-lint" if shutil.which("cfn-lint") else "", help="empty: leave cfn-lint out")
    ap.add_argument("--check-only", action="store_true", help="only check that infrac and the peers agree (the CTest case)")
    a = ap.parse_args()
    a.infrac = os.path.abspath(a.infrac)  # the language server runs in the directory of its file
    if not os.access(a.infrac, os.X_OK):
        sys.exit(f"commands.py: {a.infrac} is missing: cmake --build build -j2 --target infrac")
    if not (peers.installed("@aws-cdk/cloudformation-diff") and peers.installed("cdk-from-cfn")):
        sys.exit("commands.py: the npm peers are not installed: run bench/peers/install (npm ci)")
    rows, lines = [], []
    with tempfile.TemporaryDirectory(prefix="infrac-bench-commands-") as work:
        project, out = generated_project(a, work)
        if "diff" in a.only:
            rows += section_diff(a, out, work, lines)
        if "fmt" in a.only:
            rows += section_fmt(a, project, out, lines)
        if "import" in a.only:
            rows += section_import(a, out, work, lines)
        if "lsp" in a.only:
            rows += section_lsp(a, project, out, work, lines)
    if a.check_only:
        print("\n".join(lines))
        print("commands.py: the checks passed (above: what each peer gives)")
        return
    report(rows, lines, a)


if __name__ == "__main__":
    main()
