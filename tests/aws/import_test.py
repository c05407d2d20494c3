#!/usr/bin/env python3
"""`infrac import --stack NAME` against moto (tests/aws/README.md).

    python3 import_test.py INFRAC

deploys examples/rebuild with `infrac deploy` (deploy_test.py's emulator case), then
imports each deployed stack from CloudFormation (GetTemplate, GetStackPolicy through the
signature-checking proxy): each must compile back to the same template and the same
policy (--verify), be named after the stack, and a stack that does not exist is AWS's
error (exit 5).
"""
import os
import subprocess
import sys

from deploy_test import Case, check


def run(c, *args, expect=0):
    r = subprocess.run([c.infrac, "import"] + list(args) + ["--endpoint-url", c.emulator.url], capture_output=True, text=True,
                       env=c.env, timeout=300)
    check(r.returncode == expect, "infrac import %s exited %d, expected %d\nstdout:\n%s\nstderr:\n%s" % (
        " ".join(args), r.returncode, expect, r.stdout, r.stderr))
    return r


def main():
    case = Case(os.path.abspath(sys.argv[1]))
    try:
        case.deploy("--yes")
        for stack in ("network", "app"):
            r = run(case, "--stack", stack, "--verify")
            check(r.stdout.startswith("stack %s {\n" % stack), r.stdout[:200])
            check("compiles back to the same template" in r.stderr and "the same stack policy" in r.stderr, r.stderr)
            out = os.path.join(case.dir, stack + ".infra")
            run(case, "--stack", stack, "-o", out)
            case.run_checked([case.infrac, "build", out, "-o", os.path.join(case.dir, "rebuilt-" + stack)])
        r = run(case, "--stack", "no-such-stack", expect=5)
        check("GetTemplate of stack `no-such-stack`" in r.stderr, r.stderr)
        run(case, "--stack", "app", "--policy", "x.json", expect=2)
        case.signatures_verified()
    finally:
        case.close()
    print("1 passed, 0 failed")


if __name__ == "__main__":
    main()
