#!/usr/bin/env python3
"""Writes a session's expectations: runs `infrac lsp --sync` on the `-->` lines of a
draft (a .session file whose `<--` lines are missing or stale) and prints the session
with every reply the server sent, as `<--` lines after the message that caused it.
Review the output, and trim replies to the keys worth comparing (session_test matches
subsets).

  python3 tests/lsp/record_session.py build/infrac tests/lsp/sessions/x.session > x.session
"""
import json, os, shutil, subprocess, sys, tempfile, select, time

def frame(body: bytes) -> bytes:
    return b"Content-Length: %d\r\n\r\n" % len(body) + body

def main():
    binary, session = sys.argv[1], sys.argv[2]
    sessions = os.path.dirname(os.path.abspath(session))
    name = os.path.splitext(os.path.basename(session))[0]
    temp = tempfile.mkdtemp()
    directory = os.path.join(temp, "project")
    os.makedirs(directory)
    if os.path.isdir(os.path.join(sessions, name)):
        shutil.copytree(os.path.join(sessions, name), directory, dirs_exist_ok=True)
    server = subprocess.Popen([binary, "lsp", "--sync"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    buffer = b""

    def expand(text):
        text = text.replace("${DIR}", directory)
        while "${TEXT:" in text:
            at = text.index("${TEXT:")
            end = text.index("}", at)
            with open(os.path.join(directory, text[at + 7:end]), encoding="utf-8") as f:
                content = json.dumps(f.read(), ensure_ascii=False)[1:-1]
            text = text[:at] + content + text[end + 1:]
        return text

    def drain(wait):
        nonlocal buffer
        replies = []
        deadline = time.time() + wait
        while True:
            ready, _, _ = select.select([server.stdout], [], [], max(0, deadline - time.time()))
            if ready:
                chunk = os.read(server.stdout.fileno(), 65536)
                if not chunk:
                    break
                buffer += chunk
            while b"\r\n\r\n" in buffer:
                header, rest = buffer.split(b"\r\n\r\n", 1)
                length = int(header.split(b":")[1])
                if len(rest) < length:
                    break
                replies.append(json.loads(rest[:length]))
                buffer = rest[length:]
            if not ready:
                break
        return replies

    out = []
    lines = open(session, encoding="utf-8").read().split("\n")
    directives = []
    for line in lines:
        if line.startswith((" ", "\t")) and directives:
            directives[-1] += line
        else:
            directives.append(line)
    for line in directives:
        if line.startswith("<--"):
            continue
        out.append(line)
        if line.startswith("project "):
            shutil.copytree(os.path.join(sessions, line[8:]), directory, dirs_exist_ok=True)
        elif line.startswith("rm "):
            os.remove(os.path.join(directory, line[3:]))
        elif line.startswith("--> raw "):
            server.stdin.write(json.loads(line[8:]).encode())
            server.stdin.flush()
        elif line.startswith("--> "):
            server.stdin.write(frame(expand(line[4:]).encode()))
            server.stdin.flush()
        else:
            continue
        for reply in drain(1.0):
            text = json.dumps(reply, ensure_ascii=False, separators=(",", ":"))
            out.append("<-- " + text.replace(directory, "${DIR}"))
    print("\n".join(out).rstrip("\n"))
    server.stdin.close()
    server.wait(10)
    shutil.rmtree(temp)

main()
