#!/usr/bin/env python3
"""Checks the user-data scripts of built templates as the instances get them.

    check_user_data.py TEMPLATE.json...
    check_user_data.py --extract TEMPLATE.json SCRIPT   (writes its one user data, nothing checked)

For each resource with a UserData property ({"Fn::Base64": text}), rebuilds
the text CloudFormation hands the instance, with every Ref / Fn::GetAtt /
${Name} replaced by a placeholder value, and runs `bash -n` and `shellcheck`
on it. Also reports user data over EC2's 16 KB limit. Exit status 1 when any
check fails. Used by the stdlib test (tests/CMakeLists.txt) on the templates
built from the standard library, whose fragments must work together.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

PLACEHOLDER = "placeholder-value"
USER_DATA_LIMIT = 16 * 1024


def sub_text(template):
    # ${Name} and ${Res.Attr} are values; ${!x} is the literal ${x}.
    def replace(match):
        inner = match.group(1)
        return "${" + inner[1:] + "}" if inner.startswith("!") else PLACEHOLDER
    return re.sub(r"\$\{([^}]*)\}", replace, template)


def text_of(value):
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and len(value) == 1:
        (key, argument), = value.items()
        if key == "Fn::Sub":
            if isinstance(argument, list):
                argument = argument[0]
            return sub_text(argument)
        if key == "Fn::Join":
            delimiter, parts = argument
            return delimiter.join(text_of(part) for part in parts)
        if key in ("Ref", "Fn::GetAtt", "Fn::ImportValue", "Fn::Select", "Fn::FindInMap", "Fn::If"):
            return PLACEHOLDER
    raise ValueError("cannot read user data text from " + json.dumps(value)[:200])


def user_data(node, path):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "UserData" and isinstance(value, dict) and "Fn::Base64" in value:
                yield path + "/UserData", text_of(value["Fn::Base64"])
            else:
                yield from user_data(value, path + "/" + key)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from user_data(value, path + "/" + str(index))


def run(command):
    try:
        result = subprocess.run(command, capture_output=True, text=True)
    except FileNotFoundError:
        return 127, f"{command[0]} is not installed (tools/install-deps --test installs it)"
    return result.returncode, result.stdout + result.stderr


def main(paths):
    failed = False
    checked = 0
    for path in paths:
        with open(path, encoding="utf-8") as stream:
            template = json.load(stream)
        for where, text in user_data(template.get("Resources", {}), path + ":Resources"):
            checked += 1
            size = len(text.encode("utf-8"))
            if size > USER_DATA_LIMIT:
                print(f"{where}: user data is {size} bytes, over EC2's limit of {USER_DATA_LIMIT}")
                failed = True
            with tempfile.TemporaryDirectory() as directory:
                script = os.path.join(directory, "user_data.sh")
                with open(script, "w", encoding="utf-8") as stream:
                    stream.write(text)
                for command in (["bash", "-n", script], ["shellcheck", "--shell=bash", script]):
                    status, output = run(command)
                    if status != 0:
                        print(f"{where}: `{' '.join(command[:-1])}` failed:\n{output}")
                        failed = True
            print(f"{where}: {size} bytes checked")
    if checked == 0:
        print("no UserData found in " + ", ".join(paths))
        return 1
    return 1 if failed else 0


def extract(path, out):
    with open(path, encoding="utf-8") as stream:
        template = json.load(stream)
    found = list(user_data(template.get("Resources", {}), path + ":Resources"))
    if len(found) != 1:
        print(f"{path}: {len(found)} UserData properties, expected one")
        return 1
    with open(out, "w", encoding="utf-8") as stream:
        stream.write(found[0][1])
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--extract":
        sys.exit(extract(sys.argv[2], sys.argv[3]))
    sys.exit(main(sys.argv[1:]))
