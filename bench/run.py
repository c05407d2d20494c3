#!/usr/bin/env python3
"""Times `infrac build` and `infrac check` on generated projects of growing size, beside peers.

For each size (tiers of ten resources, bench/generate.py) it generates the project, builds it
once and checks that every peer's output is the same CloudFormation before timing anything:

  infrac build        the whole process, writing templates, policies and the manifest
  infrac check        the whole process, nothing written
  floor               bench json_floor: nlohmann-json parsing and printing infrac's own output
                      templates (what re-printing the result alone costs, process start included)
  jsonnet             Debian's jsonnet on the equivalent program (jsonnet -m), up to --jsonnet-max tiers
  cfn-lint            AWS's linter on the templates (the peer of `check`), up to --cfn-lint-max tiers
  cdk synth           AWS CDK's command line on the equivalent CDK app (cdk/app.js), and the app alone
                      (node app.js), up to --cdk-max tiers, when bench/peers/install has run

Each is run --reps times; the tables give medians of CPU time (user + system of the child,
from wait4), wall time and peak resident memory (ru_maxrss). CPU time is the figure to
compare on a shared machine: wall time includes waiting for the other processes.
phase_bench gives the CPU time of each phase in-process. The growth line fits
cpu = a * size^b over the sizes (log-log least squares): b near 1 is linear.

  bench/run.py                                # the default series, mixed style
  bench/run.py --tiers 50 --style loop --reps 20
  bench/run.py --tiers 1 10 100 1000 --json results.json
"""
import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import peers

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def run_once(argv, cwd=None, env=None, ok=(0,)):
    """Runs argv to completion; returns (wall s, cpu s, peak RSS in KiB). The CPU time and peak
    memory are the process's and those of the children it waited for (a CLI running node)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err_chunks = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in ok:
        sys.exit(f"run.py: {' '.join(argv)} failed ({proc.returncode}):\n{err_chunks.decode(errors='replace')[:2000]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def measure(argv, reps, cwd=None, before=None, env=None, ok=(0,)):
    """Medians over reps runs (after one untimed run) of wall ms, CPU ms and peak KiB."""
    if before:
        before()
    run_once(argv, cwd, env, ok)
    walls, cpus, rss = [], [], []
    for _ in range(reps):
        if before:
            before()
        w, c, m = run_once(argv, cwd, env, ok)
        walls.append(w * 1e3)
        cpus.append(c * 1e3)
        rss.append(m)
    return {"wall_ms": statistics.median(walls), "cpu_ms": statistics.median(cpus),
            "cpu_ms_min": min(cpus), "peak_kib": max(rss)}


def source_bytes(project):
    """Bytes of infra source a build reads: the .infra files and the texts file() reads."""
    total = 0
    for dirpath, dirnames, filenames in os.walk(project):
        dirnames[:] = [d for d in dirnames if d not in ("jsonnet", "cdk", "out", "floor", "jout")]
        for f in filenames:
            total += os.path.getsize(os.path.join(dirpath, f))
    return total


def templates(directory):
    return sorted(f for f in os.listdir(directory) if f.endswith(".template.json"))


def same_templates(infrac_out, peer_out, peer, equal=lambda a, b: a == b):
    """Checks that a peer wrote the same CloudFormation as infrac (as JSON values: key order aside;
    or as `equal` says)."""
    for name in templates(infrac_out):
        with open(os.path.join(infrac_out, name)) as a, open(os.path.join(peer_out, name)) as b:
            if not equal(json.load(a), json.load(b)):
                sys.exit(f"run.py: {peer} does not produce the same {name} as infrac; nothing timed")
    if templates(peer_out) != templates(infrac_out):
        sys.exit(f"run.py: {peer} writes other templates than infrac: {templates(peer_out)}")


def fit_exponent(points):
    """b of y = a * x^b, least squares on logs."""
    xs = [math.log(x) for x, y in points]
    ys = [math.log(y) for x, y in points]
    mx, my = statistics.mean(xs), statistics.mean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def one_size(tiers, a, work):
    project = os.path.join(work, f"p{tiers}")
    subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), "--tiers", str(tiers), "--style", a.style,
                    "--tiers-per-stack", str(a.tiers_per_stack), "--user-data", a.user_data, "--out", project], check=True)
    out, floor_out, jout = (os.path.join(project, d) for d in ("out", "floor", "jout"))
    cdk_dir, cdk_out = os.path.join(project, "cdk"), os.path.join(project, "cdk", "cdk.out")
    for d in (out, floor_out, jout):
        os.makedirs(d)
    src = source_bytes(project)
    build = [a.infrac, "build", project, "-o", out]
    row = {"tiers": tiers, "resources": tiers * 10 + 2, "source_bytes": src}
    if a.check_only:
        run_once(build)
        floor_cmd = [a.json_floor, "-o", floor_out] + [os.path.join(out, f) for f in templates(out)]
        run_once(floor_cmd)
        same_templates(out, floor_out, "the floor")
        if a.jsonnet:
            run_once([a.jsonnet, "-m", jout, os.path.join(project, "jsonnet", "main.jsonnet")])
            same_templates(out, jout, "jsonnet")
        if a.cdk:
            run_once(peers.cdk_synth(cdk_out), cdk_dir, peers.node_env())
            same_templates(out, cdk_out, "cdk synth", peers.cfn_equal)
        shutil.rmtree(project)
        return None
    row["infrac_build"] = measure(build, a.reps)
    row["output_bytes"] = sum(os.path.getsize(os.path.join(out, f)) for f in os.listdir(out))
    row["template_bytes"] = sum(os.path.getsize(os.path.join(out, f)) for f in templates(out))
    row["infrac_check"] = measure([a.infrac, "check", project], a.reps)
    floor_cmd = [a.json_floor, "-o", floor_out] + [os.path.join(out, f) for f in templates(out)]
    subprocess.run(floor_cmd, check=True)
    same_templates(out, floor_out, "the floor")
    row["floor"] = measure(floor_cmd, a.reps)
    phases = subprocess.run([a.phase_bench, "--json", "--reps", str(max(3, a.reps)), project], check=True,
                            capture_output=True, text=True).stdout
    row["phases_cpu_ms"] = json.loads(phases)["phases_cpu_ms"]
    if a.jsonnet and tiers <= a.jsonnet_max:
        jcmd = [a.jsonnet, "-m", jout, os.path.join(project, "jsonnet", "main.jsonnet")]
        subprocess.run(jcmd, check=True, stdout=subprocess.DEVNULL)
        same_templates(out, jout, "jsonnet")
        row["jsonnet"] = measure(jcmd, max(1, min(a.reps, 3)) if tiers > 100 else a.reps)
    if a.cfn_lint and tiers <= a.cfn_lint_max:
        lint = a.cfn_lint.split() + [os.path.join(out, f) for f in templates(out)]
        row["cfn_lint"] = measure_lint(lint, max(1, min(a.reps, 3)))
    if a.cdk and tiers <= a.cdk_max:
        synth, env = peers.cdk_synth(cdk_out), peers.node_env()
        run_once(synth, cdk_dir, env)
        same_templates(out, cdk_out, "cdk synth", peers.cfn_equal)
        row["cdk_synth"] = measure(synth, max(1, min(a.reps, 3)), cdk_dir, env=env)
        env_app = dict(env, CDK_OUTDIR=os.path.join(cdk_dir, "app.out"))  # the app alone, as the CLI runs it
        row["cdk_app"] = measure(["node", "app.js"], max(1, min(a.reps, 3)), cdk_dir, env=env_app)
    shutil.rmtree(project)
    return row


def measure_lint(argv, reps):
    """cfn-lint exits non-zero on findings (warnings too); only its time matters here."""
    walls, cpus, rss = [], [], []
    for _ in range(reps):
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        walls.append((time.perf_counter() - start) * 1e3)
        cpus.append((usage.ru_utime + usage.ru_stime) * 1e3)
        rss.append(usage.ru_maxrss)
        if os.waitstatus_to_exitcode(status) >= 32:  # 2, 4, 8, 16: findings; 32 and up: it failed
            sys.exit(f"run.py: cfn-lint failed: {' '.join(argv[:3])} ...")
    return {"wall_ms": statistics.median(walls), "cpu_ms": statistics.median(cpus), "cpu_ms_min": min(cpus),
            "peak_kib": max(rss)}


def ratio(a, b):
    return f"{a / b:.2f}" if b else "-"


def report(rows, a):
    rows = [r for r in rows if r]
    mb = lambda n: n / 1e6
    print(f"style {a.style}, user data {a.user_data}, {a.tiers_per_stack} tiers per stack, {a.reps} reps; medians; CPU = user + system of the process")
    print()
    print("| resources | source MB | output MB | build CPU ms | build wall ms | MB/s (CPU) | peak MB | peak / source |"
          " check CPU ms | floor CPU ms | build / floor |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        b = r["infrac_build"]
        print(f"| {r['resources']} | {mb(r['source_bytes']):.3f} | {mb(r['output_bytes']):.3f} | {b['cpu_ms']:.1f} |"
              f" {b['wall_ms']:.1f} | {mb(r['source_bytes']) / (b['cpu_ms'] / 1e3):.1f} | {b['peak_kib'] / 1024:.1f} |"
              f" {b['peak_kib'] * 1024 / r['source_bytes']:.1f} | {r['infrac_check']['cpu_ms']:.1f} |"
              f" {r['floor']['cpu_ms']:.1f} | {ratio(b['cpu_ms'], r['floor']['cpu_ms'])} |")
    peers = [r for r in rows if "jsonnet" in r or "cfn_lint" in r]
    if peers:
        print()
        print("| resources | build CPU ms | jsonnet CPU ms | jsonnet / build | check CPU ms | cfn-lint CPU ms | cfn-lint / check |")
        print("|---:|---:|---:|---:|---:|---:|---:|")
        for r in peers:
            j, l = r.get("jsonnet"), r.get("cfn_lint")
            b, c = r["infrac_build"]["cpu_ms"], r["infrac_check"]["cpu_ms"]
            print(f"| {r['resources']} | {b:.1f} | {j['cpu_ms']:.1f} | {ratio(j['cpu_ms'], b)} |" if j else
                  f"| {r['resources']} | {b:.1f} | - | - |", end="")
            print(f" {c:.1f} | {l['cpu_ms']:.1f} | {ratio(l['cpu_ms'], c)} |" if l else f" {c:.1f} | - | - |")
    cdk = [r for r in rows if "cdk_synth" in r]
    if cdk:
        print()
        print("| resources | build CPU ms | cdk synth CPU ms | cdk synth wall ms | cdk synth / build | CDK app alone CPU ms |"
              " app alone / build | cdk synth peak MB |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|")
        for r in cdk:
            b, s, p = r["infrac_build"]["cpu_ms"], r["cdk_synth"], r["cdk_app"]
            print(f"| {r['resources']} | {b:.1f} | {s['cpu_ms']:.1f} | {s['wall_ms']:.1f} | {ratio(s['cpu_ms'], b)} |"
                  f" {p['cpu_ms']:.1f} | {ratio(p['cpu_ms'], b)} | {s['peak_kib'] / 1024:.1f} |")
    phases = list(rows[-1]["phases_cpu_ms"].keys())
    print()
    print("| resources | " + " | ".join(phases) + " |")
    print("|---:|" + "---:|" * len(phases))
    for r in rows:
        print(f"| {r['resources']} | " + " | ".join(f"{r['phases_cpu_ms'].get(p, 0):.2f}" for p in phases) + " |")
    big = [r for r in rows if r["infrac_build"]["cpu_ms"] >= 20]
    if len(big) >= 2:
        b = fit_exponent([(r["source_bytes"], r["infrac_build"]["cpu_ms"]) for r in big])
        m = fit_exponent([(r["source_bytes"], r["infrac_build"]["peak_kib"]) for r in big])
        per_mb = [r["infrac_build"]["cpu_ms"] / mb(r["source_bytes"]) for r in big]
        print()
        print(f"growth over the sizes with at least 20 ms of CPU ({len(big)} sizes, {big[0]['resources']} to "
              f"{big[-1]['resources']} resources): CPU time ~ source^{b:.2f}, peak memory ~ source^{m:.2f}; "
              f"CPU ms per MB of source from {min(per_mb):.0f} to {max(per_mb):.0f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    build = os.path.join(ROOT, "build")
    ap.add_argument("--tiers", type=int, nargs="+", default=[1, 10, 50, 200, 1000])
    ap.add_argument("--style", default="mixed", choices=["mixed", "loop", "written", "use"])
    ap.add_argument("--tiers-per-stack", type=int, default=20)
    ap.add_argument("--user-data", default="block", choices=["block", "file"], help="see bench/generate.py")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--infrac", default=os.path.join(build, "infrac"))
    ap.add_argument("--phase-bench", default=os.path.join(build, "bench", "phase_bench"))
    ap.add_argument("--json-floor", default=os.path.join(build, "bench", "json_floor"))
    ap.add_argument("--jsonnet", default=shutil.which("jsonnet"), help="empty: leave Jsonnet out")
    ap.add_argument("--jsonnet-max", type=int, default=200, help="largest size Jsonnet runs at (tiers)")
    ap.add_argument("--cfn-lint", default="cfn-lint" if shutil.which("cfn-lint") else "", help="empty: leave cfn-lint out")
    ap.add_argument("--cfn-lint-max", type=int, default=50)
    ap.add_argument("--cdk", type=int, default=1 if peers.installed("aws-cdk-lib") else 0,
                    help="1: time AWS CDK too (default when bench/peers/install has run), 0: leave it out")
    ap.add_argument("--cdk-max", type=int, default=1000, help="largest size cdk synth runs at (tiers)")
    ap.add_argument("--json", help="also write every measurement to this file")
    ap.add_argument("--check-only", action="store_true",
                    help="only check that the project builds and every peer writes the same templates (the CTest case)")
    a = ap.parse_args()
    for tool in (a.infrac, a.phase_bench, a.json_floor):
        if not os.access(tool, os.X_OK):
            sys.exit(f"run.py: {tool} is missing: cmake --build build -j2 --target infrac phase_bench json_floor")
    if a.cdk and not peers.installed("aws-cdk-lib"):
        sys.exit("run.py: AWS CDK is not installed: run bench/peers/install (npm ci), or give --cdk 0")
    rows = []
    with tempfile.TemporaryDirectory(prefix="infrac-bench-") as work:
        for tiers in a.tiers:
            print(f"run.py: {tiers} tiers ...", file=sys.stderr)
            rows.append(one_size(tiers, a, work))
            if a.json and not a.check_only:  # after each size: a long series stopped half-way keeps its numbers
                with open(a.json, "w") as f:
                    json.dump({"style": a.style, "reps": a.reps, "rows": rows}, f, indent=2)
    if a.check_only:
        agree = ", ".join(["infrac", "the floor"] + (["jsonnet"] if a.jsonnet else []) + (["cdk synth"] if a.cdk else []))
        print(f"run.py: {agree} agree at {a.tiers} tiers ({a.style})")
        return
    report(rows, a)


if __name__ == "__main__":
    main()
