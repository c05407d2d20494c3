"""The npm peers of the benchmarks (bench/peers/package.json, installed into bench/peers/node_modules
by bench/peers/install, which tools/install-deps --test runs) and how they are run, and
CloudFormation's equality for checking that a peer wrote the same templates.

Imported by bench/run.py and bench/commands.py; not a program of its own.
"""
import json
import math
import os
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PEERS = os.path.join(HERE, "peers")
NODE_MODULES = os.path.join(PEERS, "node_modules")


def installed(module=""):
    """Whether bench/peers/install has run (and, with a module name, that module is there)."""
    return os.path.exists(os.path.join(NODE_MODULES, ".infrac-installed")) and \
        os.path.isdir(os.path.join(NODE_MODULES, module))


# What every node peer runs with: modules from bench/peers, no network (no notices, no version
# check, no telemetry, no instance metadata), and nothing written to the home directory.
_CDK_HOME = tempfile.mkdtemp(prefix="infrac-bench-cdk-home-")


def node_env():
    env = dict(os.environ)
    env.update({"NODE_PATH": NODE_MODULES, "CDK_HOME": _CDK_HOME, "CDK_DISABLE_VERSION_CHECK": "1",
                "CDK_DISABLE_CLI_TELEMETRY": "true", "AWS_EC2_METADATA_DISABLED": "true",
                "AWS_REGION": env.get("AWS_REGION", "us-east-1")})
    return env


def cdk_synth(out):
    """`cdk synth` of the app in the current directory (bench/generate.py's cdk/app.js) into out.
    --no-version-reporting and --no-path-metadata repeat what the app turns off itself."""
    return [os.path.join(NODE_MODULES, ".bin", "cdk"), "synth", "--app", "node app.js", "-o", out, "--quiet", "--ci",
            "--no-notices", "--no-version-reporting", "--no-path-metadata", "--no-asset-metadata", "--no-staging"]


def node_script(name, *args):
    """A script of bench/peers run by node."""
    return ["node", os.path.join(PEERS, name), *args]


def _is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _as_number(v):
    """A number, or text that reads as one whole (as std::from_chars reads it)."""
    if _is_number(v):
        return float(v)
    if isinstance(v, str) and v and v == v.strip() and not v.startswith("+"):
        try:
            return float(v)
        except ValueError:
            return None
    return None


def _scalar_text(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    return json.dumps(v) if _is_number(v) else v


def _get_att_list(argument):
    if isinstance(argument, str) and "." in argument:
        return argument.split(".", 1)
    return argument


def _is_get_att(v):
    return isinstance(v, dict) and len(v) == 1 and "Fn::GetAtt" in v


def cfn_equal(a, b, key=None):
    """CloudFormation's equality, as cfn/equality.cpp and CDK's differ define it: 10 equals "10",
    true equals "true", `Fn::GetAtt: "A.B"` equals `["A", "B"]`, DependsOn in any order."""
    scalar = (str, int, float, bool, type(None))
    if isinstance(a, scalar) and isinstance(b, scalar):
        if a is None or b is None:
            return a is None and b is None
        if _is_number(a) and _is_number(b):
            return float(a) == float(b)
        if type(a) is type(b):
            return a == b
        if _is_number(a) or _is_number(b):  # a number against text: the same number
            x, y = _as_number(a), _as_number(b)
            return x is not None and x == y
        return _scalar_text(a) == _scalar_text(b)
    if isinstance(a, list) and isinstance(b, list):
        if key == "DependsOn":
            a, b = sorted(set(map(str, a))), sorted(set(map(str, b)))
        return len(a) == len(b) and all(cfn_equal(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        if _is_get_att(a) and _is_get_att(b):
            return cfn_equal(_get_att_list(a["Fn::GetAtt"]), _get_att_list(b["Fn::GetAtt"]))
        return a.keys() == b.keys() and all(cfn_equal(v, b[k], k) for k, v in a.items())
    if key == "DependsOn" and {type(a), type(b)} == {str, list}:  # "A" and ["A"]
        return cfn_equal([a] if isinstance(a, str) else a, [b] if isinstance(b, str) else b, key)
    return False
