#!/usr/bin/env python3
"""The hostile-input corpus: inputs an attacker or an unlucky user could give infrac.

Each case is an input (committed under cases/, or generated here at test time so that
nothing large is committed) with its expected exit status and diagnostic. Every case
runs `infrac` with a time limit and an address-space limit, and must also never print
a sanitizer report, never print more than MAX_STDERR bytes, and never write output
when it fails.

  hostile.py --list                                   the case names (CTest's discovery)
  hostile.py --run NAME --infrac BIN --work DIR       run one case

Committed cases: cases/<name>.infra (or a project directory cases/<name>/) beside
cases/<name>.expect, which holds `status: N`, optional `args: check {input}` and
`contains: TEXT` lines, then `---` and the exact expected stderr (or nothing after it,
when `contains:` lines say enough). Generated cases are the functions registered
below with @case; each writes its input into the case's own directory.
"""
import argparse
import glob
import os
import random
import re
import resource
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
CASES = os.path.join(HERE, "cases")
GOLDEN = os.path.join(SOURCE, "tests", "golden")

TIME_LIMIT = 60          # seconds per case (a sanitizer build is several times slower)
MEMORY_LIMIT = 4 << 30   # bytes of address space per case
MAX_STDERR = 256 * 1024  # a broken input must not produce megabytes of diagnostics

MIB = 1024 * 1024


class Case:
    """What to run (`args`, with {input} for the input's path) and what must come out."""

    def __init__(self, input, status, contains=(), exact=None, args="check {input}", absent=(), files=None):
        self.input = input
        self.files = files or {}  # path (relative to the case's directory) -> the content it must have afterwards
        self.status = status
        self.contains = list(contains)
        self.exact = exact
        self.args = args
        self.absent = list(absent)


GENERATED = {}


def case(fn):
    GENERATED[fn.__name__] = fn
    return fn


def family(prefix, items):
    """Registers one generated case per item: prefix_<key> -> maker(item)."""
    def register(maker):
        for key, item in items:
            GENERATED[f"{prefix}_{key}"] = (lambda item=item: (lambda work: maker(work, item)))()
        return maker
    return register


def write(path, data, mode="w"):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "wb" if isinstance(data, bytes) else mode) as f:
        f.write(data)
    return path


def topic_stack(name="s", extra=""):
    return f"stack {name} {{\n  resource T: AWS::SNS::Topic {{}}\n{extra}  policy {{ allow * T }}\n}}\n"


SYNTAX = "error: "
UTF8 = "error: the file is not valid UTF-8"

# ---- the classes the issue found: crashes ------------------------------------------

@case
def let_chain_20000(work):
    lines = [f"let L{i} = L{i + 1}" for i in range(20000)] + ["let L20000 = \"x\""]
    write(f"{work}/a.infra", "\n".join(lines) + "\n" + topic_stack(extra="  output O = L0\n"))
    return Case("a.infra", 1, ["(the let nesting limit)"])


@case
def let_chain_at_limit(work):
    # 400 lets each naming the next: well inside the limit, builds.
    lines = [f"let L{i} = L{i + 1}" for i in range(400)] + ["let L400 = \"x\""]
    write(f"{work}/a.infra", "\n".join(lines) + "\n" + topic_stack(extra="  output O = L0\n"))
    return Case("a.infra", 0)


@case
def stack_chain_40000(work):
    # Each stack reads the next one's output: a chain of 40,000 (one is enough past 500 to be refused).
    n = 3000
    parts = []
    for i in range(n):
        use = f"  output O = s{i + 1}.O\n" if i + 1 < n else "  output O = \"end\"\n"
        parts.append(f"stack s{i} {{\n  resource T: AWS::SNS::Topic {{}}\n{use}  policy {{ allow * T }}\n}}\n")
    write(f"{work}/a.infra", "".join(parts))
    return Case("a.infra", 0, args="check --no-spec {input}")


@case
def lets_build_deep_value(work):
    lines = ["let V0 = \"x\""] + [f"let V{i + 1} = " + "[" * 3 + f"V{i}" + "]" * 3 for i in range(100)]
    write(f"{work}/a.infra", "\n".join(lines) + "\n" + topic_stack(extra="  output O = join(\"\", V100)\n"))
    return Case("a.infra", 1, ["is nested more than 100 deep (the value depth limit)"])


@case
def value_depth_at_limit(work):
    lines = ["let V0 = \"x\"", "let V1 = " + "[" * 49 + "V0" + "]" * 49, "let V2 = [V1]"]
    write(f"{work}/a.infra", "\n".join(lines) + "\n" + topic_stack(extra="  output O = join(\",\", V2)\n"))
    return Case("a.infra", 0)


@case
def value_depth_past_limit(work):
    lines = ["let V0 = \"x\"", "let V1 = " + "[" * 50 + "V0" + "]" * 50, "let V2 = " + "[" * 50 + "V1" + "]" * 50]
    write(f"{work}/a.infra", "\n".join(lines) + "\n" + topic_stack(extra="  output O = join(\",\", V2)\n"))
    return Case("a.infra", 1, ["let `V2` is nested more than 100 deep (the value depth limit)"])


@case
def symlink_loop_in_project(work):
    write(f"{work}/p/a.infra", topic_stack())
    os.symlink("loop.infra", f"{work}/p/loop.infra")
    return Case("p", 2, ["p/loop.infra: error: cannot read the file: "])


@case
def symlink_loop_import(work):
    write(f"{work}/p/a.infra", "import \"loop.infra\"\n" + topic_stack())
    os.symlink("loop.infra", f"{work}/p/loop.infra")
    return Case("p/a.infra", 2, ["cannot read `p/loop.infra`: too many levels of symbolic links"])


@case
def symlink_loop_file(work):
    write(f"{work}/a.infra", topic_stack(extra="  output O = file(\"loop.sh\")\n"))
    os.symlink("loop.sh", f"{work}/loop.sh")
    return Case("a.infra", 2, ["cannot read `loop.sh`: too many levels of symbolic links"])

# ---- memory exhaustion by doubling --------------------------------------------------

@case
def doubling_lists(work):
    lines = [f"let D{i} = [D{i + 1}, D{i + 1}]" for i in range(40)] + ["let D40 = \"xxxxxxxx\""]
    write(f"{work}/a.infra", "\n".join(lines) + "\n" + topic_stack(extra="  output O = join(\",\", D0)\n"))
    return Case("a.infra", 1, ["(the expansion size limit)"])


@case
def doubling_text(work):
    lines = [f"let D{i} = \"<<D{i + 1}>><<D{i + 1}>>\"" for i in range(40)] + ["let D40 = \"xxxxxxxx\""]
    write(f"{work}/a.infra", "\n".join(lines) + "\n" + topic_stack(extra="  output O = D0\n"))
    return Case("a.infra", 1, ["(the expansion size limit)"])


@case
def doubling_through_loop(work):
    big = "[" + ", ".join(f'"{"x" * 1000}"' for _ in range(1000)) + "]"
    body = "    resource T<<I>>: AWS::SNS::Topic { Tags: [{ Key: \"k\", Value: join(\"\", Big) }] }\n"
    items = ", ".join(f'"{i}"' for i in range(200))
    text = f"let Big = {big}\nstack s {{\n  for I in [{items}] {{\n{body}  }}\n  policy {{ allow * \"*\" }}\n}}\n"
    write(f"{work}/a.infra", text)
    return Case("a.infra", 1, ["(the expansion size limit)"])


@case
def expansion_copies_at_limit(work):
    items = ", ".join(f'"{i}"' for i in range(100))
    text = ("stack s {\n  for A in [" + items + "] {\n    for B in [" + items + "] {\n"
            "      for C in [\"1\", \"2\"] {\n        condition C<<A>>x<<B>>x<<C>> = equals(\"a\", \"b\")\n      }\n    }\n  }\n"
            "  resource T: AWS::SNS::Topic {}\n  policy { allow * T }\n}\n")
    write(f"{work}/a.infra", text)
    # 100 + 100*100 + 100*100*2 copies: past 20,000.
    return Case("a.infra", 1, ["more than 20000 copies (the expansion limit)"], args="check --no-spec {input}")


@case
def expansion_copies_within_limit(work):
    items = ", ".join(f'"{i}"' for i in range(100))
    text = ("stack s {\n  for A in [" + items + "] {\n    for B in [" + items + "] {\n"
            "      condition C<<A>>x<<B>> = equals(\"a\", \"b\")\n    }\n  }\n"
            "  resource T: AWS::SNS::Topic {}\n  policy { allow * T }\n}\n")
    write(f"{work}/a.infra", text)
    # 100 + 100*100 = 10,100 copies: within the limit (the conditions are unused: a warning each, capped).
    return Case("a.infra", 0, absent=["expansion limit"], args="check --no-spec {input}")


@case
def expansion_grows_with_source(work):
    # A big project expands in proportion to its source: 2,800 small stacks, each a loop of
    # three copies of a 500-byte text, make about 4.4 million nodes and text bytes from 1.8 MB,
    # past the 4,000,000 a small source may make, within 4 per byte of source (docs/limits.md).
    text = "x" * 500
    stack = ("stack s{n} {{\n  for I in [\"a\", \"b\", \"c\"] {{\n"
             "    resource T<<I>>: AWS::SNS::Topic {{ TopicName: \"" + text + "\" }}\n  }}\n  policy {{ allow * \"*\" }}\n}}\n")
    write(f"{work}/a.infra", "".join(stack.format(n=n) for n in range(2800)))
    return Case("a.infra", 0, absent=["expansion"], args="check --no-spec {input}")

# ---- exponential and quadratic time -------------------------------------------------

@case
def recovery_nested_stacks(work):
    write(f"{work}/a.infra", "stack s{\n" * 30)
    return Case("a.infra", 1, [SYNTAX])


@case
def recovery_nested_loops(work):
    write(f"{work}/a.infra", "stack s{\n" + "for Z in L{\n" * 30)
    return Case("a.infra", 1, [SYNTAX])


@case
def recovery_nested_loops_many(work):
    write(f"{work}/a.infra", "stack s{\n" + "for Z in L{\n" * 3000)
    return Case("a.infra", 1, [SYNTAX])


@case
def recovery_nested_components(work):
    write(f"{work}/a.infra", "component C {\n" + "for Z in L{\n  resource R: X {\n" * 200)
    return Case("a.infra", 1, [SYNTAX])


@case
def no_echo_many_on_one_line(work):
    # 190 parameters (CloudFormation takes 200) with 400-byte secrets: an 84 KB line, masked in every snippet.
    params = " ".join(f'param P{i}: String = "secret{i:05d}{"s" * 400}" {{ no_echo true }}' for i in range(190))
    write(f"{work}/a.infra", "stack s { " + params + " resource T: AWS::SNS::Topic {} policy { allow * T } }\n")
    return Case("a.infra", 0, absent=["secret0"])


@case
def conditions_chained_40000(work):
    n = 40000
    lines = ["stack s {", "  param P: String", "  condition C0 = equals(P, \"a\")"]
    lines += [f"  condition C{i} = and([condition(C{i - 1}), equals(P, \"b\")])" for i in range(1, n)]
    lines += [f"  resource T: AWS::SNS::Topic {{ condition C{n - 1} }}", "  policy { allow * T }", "}"]
    write(f"{work}/a.infra", "\n".join(lines) + "\n")
    return Case("a.infra", 1, ["error: "], args="check --no-spec {input}")


def broken_declarations(n):
    # Each broken declaration follows a good one, so each is its own syntax error.
    return "stack s {\n" + "".join(f"  resource R{i}: AWS::SNS::Topic {{}}\n  resourc X\n" for i in range(n)) + "}\n"


@case
def syntax_errors_100000(work):
    write(f"{work}/a.infra", broken_declarations(100000))
    return Case("a.infra", 1, ["99950 more diagnostics not shown: the limit is 50", "100000 errors generated"])


@case
def unknown_names_100000(work):
    props = "\n".join(f"    P{i}: Unknown{i}" for i in range(20000))
    write(f"{work}/a.infra", "stack s {\n  resource T: AWS::SNS::Topic {\n" + props + "\n  }\n  policy { allow * T }\n}\n")
    return Case("a.infra", 1, ["more diagnostics not shown"], args="check --no-spec {input}")


@case
def error_limit_at_limit(work):
    write(f"{work}/a.infra", broken_declarations(50))
    return Case("a.infra", 1, ["50 errors generated"], absent=["not shown"], args="check --error-limit 50 {input}")


@case
def error_limit_past_limit(work):
    write(f"{work}/a.infra", broken_declarations(51))
    return Case("a.infra", 1, ["infrac: note: 1 more diagnostic not shown: the limit is 50", "51 errors generated"],
                args="check --error-limit 50 {input}")


@case
def long_name_in_message(work):
    name = "N" * 1000000
    write(f"{work}/a.infra", topic_stack(extra=f"  output O = {name}\n"))
    return Case("a.infra", 1, ["(1000000 bytes)"])


@case
def name_in_message_at_limit(work):
    write(f"{work}/a.infra", topic_stack(extra=f"  output O = {'N' * 100}\n"))
    return Case("a.infra", 1, [f"unknown name `{'N' * 100}`"])


@case
def name_in_message_past_limit(work):
    write(f"{work}/a.infra", topic_stack(extra=f"  output O = {'N' * 101}\n"))
    return Case("a.infra", 1, [f"unknown name `{'N' * 50}...` (101 bytes)"])

# ---- unbounded and unsafe reads -----------------------------------------------------

@case
def dev_zero(work):
    return Case("/dev/zero", 2, ["/dev/zero: error: cannot read the file: not a regular file"])


@case
def dev_null(work):
    return Case("/dev/null", 2, ["/dev/null: error: cannot read the file: not a regular file"])


@case
def proc_environ_root(work):
    return Case("/proc/self/environ", 2, ["infrac reads no file under /proc, /sys or /dev"], absent=["PATH="])


@case
def proc_mem_root(work):
    return Case("/proc/self/mem", 2, ["infrac reads no file under /proc, /sys or /dev"])


@case
def sys_file_root(work):
    return Case("/sys/kernel/mm/transparent_hugepage/enabled", 2, ["cannot read the file"])


@case
def file_proc_environ_relative(work):
    depth = "../" * 30
    write(f"{work}/a.infra", topic_stack(extra=f"  output O = file(\"{depth}proc/self/environ\")\n"))
    # Refused on the opened file: it is under /proc (and outside the project).
    return Case("a.infra", 2, ["infrac reads no file under /proc, /sys or /dev"], absent=["PATH="])


@case
def file_symlink_to_proc(work):
    write(f"{work}/a.infra", topic_stack(extra="  output O = file(\"env\")\n"))
    os.symlink("/proc/self/environ", f"{work}/env")
    return Case("a.infra", 2, ["cannot read `env`: infrac reads no file under /proc, /sys or /dev"], absent=["PATH="])


@case
def import_symlink_to_proc(work):
    write(f"{work}/a.infra", "import \"env.infra\"\n" + topic_stack())
    os.symlink("/proc/self/environ", f"{work}/env.infra")
    return Case("a.infra", 2, ["infrac reads no file under /proc, /sys or /dev"], absent=["PATH="])


@case
def import_etc_passwd(work):
    write(f"{work}/p/a.infra", "import \"../../../../../../../../etc/passwd\"\n" + topic_stack())
    return Case("p/a.infra", 1, ["is outside the project directory, which `import` may not leave"], absent=["root:"])


@case
def import_symlink_outside(work):
    write(f"{work}/outside/secret.infra", "let Secret = \"root:x:0:0\"\n")
    write(f"{work}/p/a.infra", "import \"link.infra\"\n" + topic_stack())
    os.symlink("../outside/secret.infra", f"{work}/p/link.infra")
    return Case("p/a.infra", 1, ["is outside the project directory"], absent=["root:x"])


@case
def file_symlink_outside(work):
    write(f"{work}/outside/secret.sh", "hunter2\n")
    write(f"{work}/p/a.infra", topic_stack(extra="  output O = file(\"link.sh\")\n"))
    os.symlink("../outside/secret.sh", f"{work}/p/link.sh")
    return Case("p/a.infra", 1, ["is outside the project directory"], absent=["hunter2"])


@case
def import_dotdot_inside_project(work):
    # `..` that stays inside the project is fine.
    write(f"{work}/p/lib/common.infra", "let Name = \"x\"\n")
    write(f"{work}/p/sub/b.infra", "let Other = \"y\"\n")
    write(f"{work}/p/a.infra", "import \"sub/../lib/common.infra\"\n" + topic_stack(extra="  output O = Name\n"))
    return Case("p/a.infra", 0)


@case
def import_empty_path(work):
    write(f"{work}/a.infra", "import \"\"\n" + topic_stack())
    return Case("a.infra", 1, ["`import` needs a path"])


@case
def import_absolute(work):
    write(f"{work}/a.infra", "import \"/etc/passwd\"\n" + topic_stack())
    return Case("a.infra", 1, ["`import` takes a path relative to the importing file"], absent=["root:"])


@case
def import_directory(work):
    os.makedirs(f"{work}/dir.infra")
    write(f"{work}/a.infra", "import \"dir.infra\"\n" + topic_stack())
    return Case("a.infra", 2, ["cannot read `dir.infra`: it is a directory"])


@case
def import_fifo(work):
    os.mkfifo(f"{work}/fifo.infra")
    write(f"{work}/a.infra", "import \"fifo.infra\"\n" + topic_stack())
    return Case("a.infra", 2, ["cannot read `fifo.infra`: not a regular file"])


@case
def root_fifo(work):
    os.mkfifo(f"{work}/fifo.infra")
    return Case("fifo.infra", 2, ["fifo.infra: error: cannot read the file: not a regular file"])


@case
def file_fifo(work):
    os.mkfifo(f"{work}/fifo.sh")
    write(f"{work}/a.infra", topic_stack(extra="  output O = file(\"fifo.sh\")\n"))
    return Case("a.infra", 2, ["cannot read `fifo.sh`: not a regular file"])


@case
def file_is_a_directory(work):
    os.makedirs(f"{work}/scripts/a_directory")
    write(f"{work}/a.infra", topic_stack(extra="  output O = file(\"scripts/a_directory\")\n"))
    return Case("a.infra", 2, ["cannot read `scripts/a_directory`: it is a directory"])


@case
def root_directory_without_sources(work):
    os.makedirs(f"{work}/empty")
    return Case("empty", 2, ["empty: error: the directory holds no .infra file"])


@case
def root_missing(work):
    return Case("missing.infra", 2, ["missing.infra: error: cannot read the file: no such file or directory"])


@case
def source_at_size_limit(work):
    text = topic_stack()
    write(f"{work}/a.infra", text + "#" * (8 * MIB - len(text) - 1) + "\n")
    return Case("a.infra", 0)


@case
def source_past_size_limit(work):
    text = topic_stack()
    write(f"{work}/a.infra", text + "#" * (8 * MIB - len(text)) + "\n")
    return Case("a.infra", 2, ["cannot read the file: the file is 8388609 bytes; the limit is 8 MiB"])


@case
def source_sparse_5_gib(work):
    with open(f"{work}/a.infra", "wb") as f:
        f.truncate(5 << 30)
    return Case("a.infra", 2, ["the limit is 8 MiB"])


@case
def import_past_size_limit(work):
    write(f"{work}/big.infra", "#" * (8 * MIB + 1))
    write(f"{work}/a.infra", "import \"big.infra\"\n" + topic_stack())
    return Case("a.infra", 2, ["cannot read `big.infra`: the file is 8388609 bytes; the limit is 8 MiB"])


@case
def file_text_at_size_limit(work):
    write(f"{work}/t.txt", "x" * MIB)
    write(f"{work}/a.infra", topic_stack(extra="  output O = file(\"t.txt\")\n"))
    # Read: what stops it is CloudFormation's template size, not the reader.
    return Case("a.infra", 1, ["CloudFormation accepts at most 1000000"], absent=["cannot read"])


@case
def file_text_past_size_limit(work):
    write(f"{work}/t.txt", "x" * (MIB + 1))
    write(f"{work}/a.infra", topic_stack(extra="  output O = file(\"t.txt\")\n"))
    return Case("a.infra", 2, ["cannot read `t.txt`: the file is 1048577 bytes; the limit is 1 MiB"])

# ---- writes ---------------------------------------------------------------------------

@case
def manifest_is_a_directory(work):
    write(f"{work}/a.infra", topic_stack())
    os.makedirs(f"{work}/out/infrac.manifest.json")
    write(f"{work}/out/s.template.json", "previous\n")
    return Case("a.infra", 2, ["cannot replace `out/infrac.manifest.json`: it is a directory"], args="build {input} -o out",
                files={"out/s.template.json": "previous\n"})


@case
def output_symlink_is_replaced_not_followed(work):
    write(f"{work}/a.infra", topic_stack())
    write(f"{work}/victim", "untouched\n")
    os.makedirs(f"{work}/out")
    os.symlink("../victim", f"{work}/out/s.template.json")
    # The symlink itself is replaced by the new template; the file it pointed to is left alone.
    return Case("a.infra", 0, args="build {input} -o out", files={"victim": "untouched\n"})


@case
def output_leaves_no_temporary(work):
    write(f"{work}/a.infra", topic_stack())
    return Case("a.infra", 0, args="build {input} -o out",
                files={"out/.s.template.json.tmp-*": None, "out/.s.template.json.old-*": None})

# ---- secrets and numbers ----------------------------------------------------------------

@case
def no_echo_default_from_let(work):
    write(f"{work}/a.infra", "let Secret = \"hunter2-let\"\nstack s {\n"
          "  param P: String = Secret { no_echo true }\n  resource T: AWS::SNS::Topic {}\n  policy { allow * T }\n}\n")
    return Case("a.infra", 0, ["the default of no_echo parameter `P`"], absent=["hunter2"])


@case
def no_echo_default_from_let_json(work):
    write(f"{work}/a.infra", "let Secret = \"hunter2-let\"\nstack s {\n"
          "  param P: String = Secret { no_echo true }\n  resource T: AWS::SNS::Topic {}\n  policy { allow * T }\n}\n")
    return Case("a.infra", 0, absent=["hunter2"], args="check --diagnostics-format json {input}")


@case
def no_echo_default_in_error_line(work):
    write(f"{work}/a.infra", "let Secret = \"hunter2-let\"\nstack s {\n"
          "  param P: String = Secret { no_echo true allowed_values [\"a\"] }\n  resource T: AWS::SNS::Topic {}\n"
          "  policy { allow * T }\n}\n")
    return Case("a.infra", 1, ["error: "], absent=["hunter2"])


@case
def no_echo_let_line_with_syntax_error(work):
    # The file does not parse, so check never learns which parameter is no_echo: the scan
    # of the source masks the let its default names.
    write(f"{work}/a.infra", "let Secret = \"hunter2-let\" oops\nstack s {\n"
          "  param P: String = Secret { no_echo true }\n  resource T: AWS::SNS::Topic {}\n  policy { allow * T }\n}\n")
    return Case("a.infra", 1, ["let Secret = *************"], absent=["hunter2"])


@case
def number_below_int64(work):
    write(f"{work}/a.infra", topic_stack(extra="  output O = -9223372036854775809\n"))
    return Case("a.infra", 1, ["this number below -2^63"])


@case
def number_int64_min(work):
    write(f"{work}/a.infra", topic_stack(extra="  output O = join(\"\", [\"a\"])\n  param N: Number = -9223372036854775808\n  output P = N\n"))
    return Case("a.infra", 0)


@case
def number_above_uint64(work):
    write(f"{work}/a.infra", topic_stack(extra="  output O = 18446744073709551616\n"))
    return Case("a.infra", 1, ["this number above 2^64 - 1"])


@case
def number_beyond_double(work):
    write(f"{work}/a.infra", topic_stack(extra="  output O = 1" + "0" * 400 + ".5\n"))
    return Case("a.infra", 1, ["this number has more than 15 significant digits"])


@case
def number_huge_magnitude(work):
    write(f"{work}/a.infra", topic_stack(extra="  output O = 1" + "0" * 400 + ".0\n"))
    return Case("a.infra", 1, ["this number is beyond the range of a template number"])


@case
def number_tiny_magnitude(work):
    write(f"{work}/a.infra", topic_stack(extra="  output O = 0." + "0" * 400 + "1\n"))
    return Case("a.infra", 1, ["this number is beyond the range of a template number"])


@case
def number_too_precise(work):
    write(f"{work}/a.infra", topic_stack(extra="  output O = 0.12345678901234567\n"))
    return Case("a.infra", 1, ["this number has more than 15 significant digits"])


@case
def stack_name_128(work):
    write(f"{work}/a.infra", topic_stack(name="s" * 128))
    return Case("a.infra", 0)


@case
def stack_name_129(work):
    write(f"{work}/a.infra", topic_stack(name="s" * 129))
    return Case("a.infra", 1, ["the stack name is 129 characters long; CloudFormation accepts at most 128"])


@case
def component_depth_past_limit(work):
    parts = [f"component C{i} {{\n  use C{i + 1} as X\n}}\n" for i in range(20)]
    parts.append("component C20 {\n  resource T: AWS::SNS::Topic {}\n}\n")
    write(f"{work}/a.infra", "".join(parts) + "stack s {\n  use C0 as A\n  policy { allow * \"*\" }\n}\n")
    return Case("a.infra", 1, ["components are nested more than 16 deep"])

# ---- deep nesting -----------------------------------------------------------------------

for _kind, (_open, _close) in {"lists": ("[", "]"), "maps": ("{ A: ", " }"), "calls": ("join(\"\", ", ")"),
                               "parens": ("(", ")")}.items():
    for _n in (100, 10000):
        def _nest(work, o=_open, c=_close, n=_n):
            write(f"{work}/a.infra", topic_stack(extra="  output O = " + o * n + "\"x\"" + c * n + "\n"))
            return Case("a.infra", 1, ["error: "])
        GENERATED[f"nesting_{_kind}_{_n}"] = _nest


@case
def nesting_unclosed_brackets(work):
    write(f"{work}/a.infra", topic_stack(extra="  output O = " + "[" * 1000000 + "\n"))
    return Case("a.infra", 1, ["error: "])

# ---- truncations of every golden case -----------------------------------------------

def _golden_files():
    return sorted(f[:-6] for f in os.listdir(GOLDEN) if f.endswith(".infra"))


# Cut just after a place that opens something the rest of the file closes: the stack's
# `{`, the first resource's `{`, the policy's `{`, the first string's opening quote.
_TRUNCATIONS = {"stack": r"^stack [^{\n]*\{", "resource": r"^\s*resource [^{\n]*\{", "policy": r"^\s*policy \{",
                "string": r"^[^#\n]*?[=:(,\[] *\""}
for _g in _golden_files():
    for _label, _pattern in _TRUNCATIONS.items():
        def _truncate(work, g=_g, pattern=_pattern):
            text = open(os.path.join(GOLDEN, g + ".infra"), encoding="utf-8").read()
            m = re.search(pattern, text, re.M)
            # Without the place, an unclosed stack at the end.
            write(f"{work}/a.infra", text[: m.end()] if m else text + "\nstack broken {\n")
            return Case("a.infra", 1, ["error: "])
        GENERATED[f"truncated_{_g}_{_label}"] = _truncate

# ---- CRLF line endings: the same result as LF -----------------------------------------

for _g in ["minimal", "strings", "values", "conditions", "mappings", "outputs", "params_string", "intrinsics"]:
    def _crlf(work, g=_g):
        text = open(os.path.join(GOLDEN, g + ".infra"), encoding="utf-8").read()
        write(f"{work}/a.infra", text.replace("\n", "\r\n").encode())
        return Case("a.infra", 0, args="check --no-spec {input}")
    GENERATED[f"crlf_{_g}"] = _crlf

# ---- binary garbage, invalid UTF-8, NUL bytes -------------------------------------------

for _seed in range(20):
    def _garbage(work, seed=_seed):
        rng = random.Random(seed)
        data = bytes(rng.randrange(256) for _ in range(rng.choice([1, 16, 512, 4096, 65536])))
        write(f"{work}/a.infra", data if any(b >= 0x80 for b in data) else data + b"\xff")
        return Case("a.infra", 1, [UTF8])
    GENERATED[f"garbage_{_seed:02d}"] = _garbage

_BAD_UTF8 = {"lone_continuation": b"\x80", "overlong_slash": b"\xc0\xaf", "overlong_nul": b"\xc0\x80",
             "surrogate": b"\xed\xa0\x80", "beyond_unicode": b"\xf4\x90\x80\x80", "ff": b"\xff", "fe": b"\xfe",
             "truncated_2": b"\xc3", "truncated_3": b"\xe2\x82", "truncated_4": b"\xf0\x9f\x98",
             "overlong_3": b"\xe0\x80\xaf", "five_byte": b"\xf8\x88\x80\x80\x80"}
for _name, _bytes in _BAD_UTF8.items():
    for _where in ("comment", "string", "name"):
        def _bad(work, b=_bytes, where=_where):
            if where == "comment":
                data = b"# " + b + b"\n" + topic_stack().encode()
            elif where == "string":
                data = topic_stack(extra="  output O = \"a" + "X" + "\"\n").encode().replace(b"X", b)
            else:
                data = topic_stack(extra="  output OX = \"a\"\n").encode().replace(b"OX", b"O" + b)
            write(f"{work}/a.infra", data)
            return Case("a.infra", 1, [UTF8])
        GENERATED[f"utf8_{_name}_in_{_where}"] = _bad

_NUL_PLACES = {"start": 0, "after_stack": 5, "in_name": 7, "in_braces": 12, "end": None}
for _name, _at in _NUL_PLACES.items():
    def _nul(work, at=_at):
        text = topic_stack().encode()
        at = len(text) if at is None else at
        write(f"{work}/a.infra", text[:at] + b"\x00" + text[at:])
        return Case("a.infra", 1, ["error: "])
    GENERATED[f"nul_{_name}"] = _nul


@case
def nul_in_string(work):
    # A NUL in a string is a character like any other: JSON writes it as \u0000.
    write(f"{work}/a.infra", topic_stack(extra="  output O = \"a\x00b\"\n").encode())
    return Case("a.infra", 0)


@case
def nul_in_file_text(work):
    write(f"{work}/t.sh", b"echo a\x00b\n")
    write(f"{work}/a.infra", topic_stack(extra="  output O = file(\"t.sh\")\n"))
    return Case("a.infra", 0)


@case
def invalid_utf8_in_file_text(work):
    write(f"{work}/t.sh", b"echo \xff\n")
    write(f"{work}/a.infra", topic_stack(extra="  output O = file(\"t.sh\")\n"))
    return Case("a.infra", 1, ["t.sh:1:6: error: the file is not valid UTF-8"])

# ---- enormous lines, unterminated strings and text blocks, `<<` in odd places -------------

_ENORMOUS = {
    "comment": lambda: "#" + "x" * (4 * MIB) + "\n" + topic_stack(),
    "string": lambda: topic_stack(extra="  output O = \"" + "x" * (4 * MIB) + "\"\n"),
    "garbage_word": lambda: "x" * (4 * MIB) + "\n",
    "spaces": lambda: " " * (4 * MIB) + topic_stack(),
    "one_line_stack": lambda: topic_stack().replace("\n", " ") + " " * MIB + "oops",
    "list": lambda: topic_stack(extra="  output O = join(\",\", [" + "\"a\", " * 500000 + "\"b\"])\n"),
    "text_block": lambda: topic_stack(extra="  output O = ```\n" + "y" * (4 * MIB) + "\n  ```\n"),
    "interpolations": lambda: topic_stack(extra="  output O = \"" + "<<AWS::Region>>" * 100000 + "\"\n"),
}
_ENORMOUS_STATUS = {"comment": 0, "string": 1, "garbage_word": 1, "spaces": 0, "one_line_stack": 1, "list": 1,
                    "text_block": 1, "interpolations": 1}
for _name, _make in _ENORMOUS.items():
    def _enormous(work, make=_make, status=_ENORMOUS_STATUS[_name]):
        write(f"{work}/a.infra", make())
        return Case("a.infra", status, ["error: "] if status else [])
    GENERATED[f"enormous_{_name}"] = _enormous

_UNTERMINATED = {
    "string_at_end": topic_stack() + "let X = \"abc",
    "string_in_stack": "stack s {\n  resource T: AWS::SNS::Topic {}\n  output O = \"abc\n  policy { allow * T }\n}\n",
    "string_escape_at_end": topic_stack() + "let X = \"abc\\",
    "text_block_at_end": topic_stack(extra="  output O = ```\n  echo hi\n"),
    "text_block_tagged": topic_stack(extra="  output O = ```bash\n  echo hi\n"),
    "text_block_four_ticks": topic_stack(extra="  output O = ````\n  ```\n  echo\n"),
    "text_block_in_let": "let X = ```\n echo\n" + topic_stack(),
    "stack_brace": "stack s {\n  resource T: AWS::SNS::Topic {}\n",
    "resource_brace": "stack s {\n  resource T: AWS::SNS::Topic {\n",
    "policy_brace": "stack s {\n  resource T: AWS::SNS::Topic {}\n  policy {\n",
    "call_paren": topic_stack(extra="  output O = join(\"\", [\"a\"]\n"),
    "map_in_list": topic_stack(extra="  output O = [{ A: 1 ]\n"),
    "component_params": "component C(A: String, \n" + topic_stack(),
    "import_string": "import \"abc\n" + topic_stack(),
}
for _name, _text in _UNTERMINATED.items():
    def _unterminated(work, text=_text):
        write(f"{work}/a.infra", text)
        return Case("a.infra", 1, ["error: "])
    GENERATED[f"unterminated_{_name}"] = _unterminated

_ODD_INTERPOLATIONS = {
    "empty": "\"<<>>\"", "unclosed": "\"<<A\"", "double_open": "\"<<<<A>>\"", "triple_close": "\"<<AWS::Region>>>\"",
    "nested": "\"<<A<<B>>>>\"", "space_inside": "\"<< AWS::Region >>\"", "only_open": "\"<<\"", "only_close": "\">>\"",
    "dot_only": "\"<<.>>\"", "trailing_dot": "\"<<T.>>\"", "many_dots": "\"<<T....Arn>>\"", "digits": "\"<<123>>\"",
    "escaped": "\"<<!AWS::Region>>\"", "never_closed": "\"<<AWS::Region\"", "unicode": "\"<<Ünïcödé>>\"", "newline_escape": "\"<<A\\nB>>\"",
    "unknown_let_in_text_block": "```\n  <<Nope>>\n  ```",
}
for _name, _value in _ODD_INTERPOLATIONS.items():
    def _odd(work, value=_value):
        write(f"{work}/a.infra", topic_stack(extra="  output O = " + value + "\n"))
        return Case("a.infra", None)  # any of 0 or 1, but never a crash, a hang or a sanitizer report
    GENERATED[f"interpolation_{_name}"] = _odd

for _name, _text in {
    "in_resource_name": "stack s {\n  resource T<<X>>: AWS::SNS::Topic {}\n  policy { allow * \"*\" }\n}\n",
    "in_stack_name": "stack s<<X>> {\n  resource T: AWS::SNS::Topic {}\n}\n",
    "in_map_key": topic_stack(extra="  output O = { \"<<A>>\": 1 }\n"),
    "in_import": "import \"<<X>>.infra\"\n" + topic_stack(),
    "in_file_path": topic_stack(extra="  output O = file(\"<<X>>.sh\")\n"),
    "in_policy_target": "stack s {\n  resource T: AWS::SNS::Topic {}\n  policy { allow * T<<X>> }\n}\n",
    "in_comment": "# <<X>>\n" + topic_stack(),
    "in_type": "stack s {\n  resource T: AWS::SNS::<<X>> {}\n  policy { allow * T }\n}\n",
}.items():
    def _odd_place(work, text=_text):
        write(f"{work}/a.infra", text)
        return Case("a.infra", None)
    GENERATED[f"interpolation_{_name}"] = _odd_place


# ---- running a case ----------------------------------------------------------------------

def committed_cases():
    return sorted(f[:-7] for f in os.listdir(CASES) if f.endswith(".expect")) if os.path.isdir(CASES) else []


def read_expectation(name):
    with open(os.path.join(CASES, name + ".expect"), encoding="utf-8") as f:
        header, _, exact = f.read().partition("---\n")
    status, contains, args = None, [], "check {input}"
    for line in header.splitlines():
        if line.startswith("status: "):
            status = int(line[len("status: "):])
        elif line.startswith("contains: "):
            contains.append(line[len("contains: "):])
        elif line.startswith("args: "):
            args = line[len("args: "):]
    target = name + ".infra" if os.path.exists(os.path.join(CASES, name + ".infra")) else name
    return Case(target, status, contains, exact if exact else None, args)


def limit_resources(memory):
    def apply():
        if memory:
            resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    return apply


def files_under(path):
    out = []
    for root, _, files in os.walk(path):
        out += [os.path.join(root, f) for f in files]
    return sorted(out)


def run(name, infrac, work, memory_limit):
    if name in GENERATED:
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
        c = GENERATED[name](work)
        cwd = work
    else:
        c = read_expectation(name)
        cwd = CASES
    out_dir = os.path.join(work if name in GENERATED else cwd, "out")
    watch_out = "build" in c.args.split()[0] and not os.path.exists(out_dir)
    before = {f: open(f, "rb").read() for f in files_under(out_dir)} if os.path.isdir(out_dir) else {}
    args = [infrac] + [a.replace("{input}", c.input) for a in c.args.split()]
    try:
        p = subprocess.run(args, cwd=cwd, capture_output=True, timeout=TIME_LIMIT, preexec_fn=limit_resources(memory_limit))
    except subprocess.TimeoutExpired:
        return [f"no answer within {TIME_LIMIT} s (a hang)"]
    err = p.stderr.decode("utf-8", "replace")
    problems = []
    if p.returncode < 0:
        problems.append(f"killed by signal {-p.returncode}")
    if c.status is None:
        if p.returncode not in (0, 1):
            problems.append(f"exit status {p.returncode}, expected 0 or 1")
    elif p.returncode != c.status:
        problems.append(f"exit status {p.returncode}, expected {c.status}")
    if "Sanitizer" in err or "runtime error:" in err:
        problems.append("a sanitizer report")
    if len(p.stderr) > MAX_STDERR:
        problems.append(f"{len(p.stderr)} bytes of diagnostics (more than {MAX_STDERR})")
    if c.status == 1 and "error: " not in err:
        problems.append("exit status 1 without an `error:` line")
    for text in c.contains:
        if text not in err:
            problems.append(f"stderr lacks {text!r}")
    for text in c.absent:
        if text in err or text in p.stdout.decode("utf-8", "replace"):
            problems.append(f"output holds {text!r}, which must not appear")
    if c.exact is not None and err != c.exact:
        problems.append("stderr differs from the expected text:\n" + c.exact)
    if p.returncode != 0 and "build" in c.args.split()[0]:
        after = {f: open(f, "rb").read() for f in files_under(out_dir)} if os.path.isdir(out_dir) else {}
        if (watch_out and after) or (not watch_out and after != before):
            problems.append("a failed build changed the output directory")
    for path, content in c.files.items():
        full = os.path.join(cwd, path)
        if content is None:

            left = glob.glob(full)
            if left:
                problems.append(f"{left} should not exist")
        elif not os.path.isfile(full) or os.path.islink(full) or open(full, encoding="utf-8").read() != content:
            problems.append(f"{path} should still hold {content!r}")
    if problems:
        problems.append(f"ran {' '.join(a if len(a) < 200 else a[:200] + '...' for a in args)} in {cwd}; stderr (start):\n{err[:3000]}")
    if not problems and name in GENERATED:
        shutil.rmtree(work, ignore_errors=True)
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--run")
    parser.add_argument("--infrac")
    parser.add_argument("--work", default="/tmp/infrac-hostile")
    parser.add_argument("--no-memory-limit", action="store_true", help="for sanitizer builds, which reserve terabytes")
    o = parser.parse_args()
    if o.list:
        print("\n".join(committed_cases() + sorted(GENERATED)))
        return 0
    problems = run(o.run, os.path.abspath(o.infrac), os.path.join(o.work, o.run), not o.no_memory_limit)
    for p in problems:
        print("hostile case " + o.run + ": " + p)
    print(f"{0 if problems else 1} passed, {1 if problems else 0} failed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
