#!/usr/bin/env python3
"""moto, the AWS emulator, behind a proxy of our own (tests/aws/README.md).

Started by the deploy tests:  python3 emulator.py  → prints one line
    READY <proxy_url> <moto_url>
and serves until its standard input closes. Everything listens on 127.0.0.1 at
free ports. The proxy sits between infrac and moto and:

  * verifies every request's Signature Version 4 with botocore's signer (a bad or
    missing signature is answered 403 SignatureDoesNotMatch and counted);
  * learns the secrets of credentials that moto's STS hands out, so requests signed
    with assumed-role credentials are verified too;
  * injects, on demand, what AWS does and moto does not (POST /__control):
    throttling, HTTP 500 pages, dropped connections, slow answers, HTML or
    truncated answers, "No updates are to be performed", a stack policy that
    denies an update (the stack ends in UPDATE_ROLLBACK_COMPLETE), a resource that
    fails, an operation that never ends (`hold`), a busy stack, an instance's
    console output (GetConsoleOutput: cloud-init's host key block, valid or
    tampered, for the fleet tests; faults apply to it too);
  * keeps termination protection as AWS does (moto 5 keeps CreateStack's
    EnableTerminationProtection, but has no UpdateTerminationProtection and deletes a
    protected stack): DescribeStacks answers carry the current value, and DeleteStack
    of a protected stack is refused;
  * serves stand-ins for the credential endpoints: the EC2 instance metadata
    service (IMDSv2, under /latest/) and an ECS container endpoint (/ecs/creds).

moto cannot create SSM parameters under /aws/; the launcher seeds them through
moto's own Python API (the backend of the in-process server).
"""
import base64
import http.client
import json
import re
import socket
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from botocore.auth import S3SigV4Auth, SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

TEST_KEY_ID = "AKIAINFRACTEST000001"
TEST_SECRET = "infrac-test-secret-do-not-print"
REGION = "us-east-1"
AMI_PARAMETER = "/aws/service/debian/release/12/latest/amd64"

AUTH_RE = re.compile(
    r"AWS4-HMAC-SHA256 Credential=([^/]+)/(\d{8})/([^/]+)/([^/]+)/aws4_request, ?"
    r"SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class State:
    def __init__(self, moto_url):
        self.moto = urllib.parse.urlsplit(moto_url)
        self.lock = threading.Lock()
        self.secrets = {TEST_KEY_ID: TEST_SECRET}
        self.faults = []      # dicts: action, kind, count, ...
        self.console = {}     # instance id -> console text GetConsoleOutput answers (base64-encoded)
        self.log = []         # one entry per request
        self.overlays = {}    # stack name -> {"status":..., "events":[...]}
        self.empty_change_sets = set()  # change set ids that AWS would find without changes
        self.protected = {}   # stack name -> termination protection (what moto does not keep)
        self.imds_token = "imds-token-" + str(int(time.time()))
        self.imds_role = None  # set by the test: {"role": name, "credentials": {...}}
        self.ecs_credentials = None

    def take_fault(self, action):
        with self.lock:
            for f in self.faults:
                if f["count"] > 0 and f["action"] in (action, "*"):
                    f["count"] -= 1
                    return dict(f)
        return None


def verify_signature(state, method, path, headers, body):
    """None when the signature is right, else why not."""
    auth = headers.get("authorization")
    if not auth:
        return "no Authorization header"
    m = AUTH_RE.match(auth)
    if not m:
        return "malformed Authorization header"
    key_id, day, region, service, signed, signature = m.groups()
    secret = state.secrets.get(key_id)
    if secret is None:
        return "unknown access key " + key_id
    signed_names = signed.split(";")
    for name in headers:
        if (name.startswith("x-amz-") or name in ("host", "content-type")) and name not in signed_names:
            return "header %s is not signed" % name
    amz_date = headers.get("x-amz-date", "")
    if not amz_date.startswith(day):
        return "x-amz-date does not match the credential scope"
    token = headers.get("x-amz-security-token")
    request = AWSRequest(method=method, url="http://%s%s" % (headers["host"], path), data=body,
                         headers={n: headers[n] for n in signed_names if n in headers})
    request.context["timestamp"] = amz_date
    signer_class = S3SigV4Auth if service == "s3" else SigV4Auth
    signer = signer_class(Credentials(key_id, secret, token), service, region)
    canonical = signer.canonical_request(request)
    expected = signer.signature(signer.string_to_sign(request, canonical), request)
    return None if expected == signature else "signature mismatch (botocore computes %s)" % expected[:12]


def error_xml(code, message, status_type="Sender"):
    return ("<ErrorResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\"><Error><Type>%s</Type>"
            "<Code>%s</Code><Message>%s</Message></Error><RequestId>proxy-0001</RequestId></ErrorResponse>"
            % (status_type, code, message)).encode()


class Proxy(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    state = None

    def log_message(self, *args):
        pass

    def reply(self, status, body, content_type="text/xml"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self.handle_any("GET")

    def do_POST(self):
        self.handle_any("POST")

    def do_PUT(self):
        self.handle_any("PUT")

    def do_DELETE(self):
        self.handle_any("DELETE")

    def handle_any(self, method):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        if self.path.startswith("/__control"):
            return self.control(method, body)
        if self.path.startswith("/latest/"):
            return self.imds(method, headers)
        if self.path.startswith("/ecs/"):
            return self.ecs(headers)
        params = dict(urllib.parse.parse_qsl(body.decode("utf-8", "replace"))) if method == "POST" else {}
        action = params.get("Action", "%s %s" % (method, self.path.split("?")[0]))
        unsigned_ok = action == "AssumeRoleWithWebIdentity"
        problem = None if (unsigned_ok and "authorization" not in headers) else \
            verify_signature(self.state, method, self.path, headers, body)
        entry = {"action": action, "method": method, "signature": problem or "ok",
                 "security_token": "x-amz-security-token" in headers, "key_id": (AUTH_RE.match(
                     headers.get("authorization", "")) or [None, None])[1],
                 "params": {k: v for k, v in params.items() if k != "TemplateBody"}}
        with self.state.lock:
            self.state.log.append(entry)
        if problem:
            return self.reply(403, error_xml("SignatureDoesNotMatch", problem))
        fault = self.state.take_fault(action)
        entry["fault"] = fault["kind"] if fault else None
        if fault:
            handled = self.inject(fault, action, params)
            if handled:
                return
        if action == "GetConsoleOutput" and params.get("InstanceId") in self.state.console:
            return self.console_output(params["InstanceId"])
        if action in ("UpdateTerminationProtection", "DeleteStack") and self.termination_protection(action, params):
            return
        status, resp_headers, resp_body = self.forward(method, body, headers)
        resp_body = self.rewrite(action, params, resp_body)
        if action == "CreateStack" and status == 200:
            with self.state.lock:
                self.state.protected[params.get("StackName", "")] = params.get("EnableTerminationProtection") == "true"
        if action == "DescribeStacks" and status == 200:
            resp_body = self.show_protection(resp_body)
        if action in ("AssumeRole", "AssumeRoleWithWebIdentity") and status == 200:
            self.learn_credentials(resp_body)
        if fault and fault["kind"] == "no_changes" and status == 200:
            found = re.search(r"<Id>([^<]+)</Id>", resp_body.decode("utf-8", "replace"))
            if found:
                with self.state.lock:
                    self.state.empty_change_sets.add(found.group(1))
        if fault and fault["kind"] == "hold" and status == 200:  # the operation never ends while the test watches
            with self.state.lock:
                self.state.overlays[params.get("StackName", "")] = {"status": "UPDATE_IN_PROGRESS", "events": []}
        if fault and fault["kind"] == "truncate":
            resp_body = resp_body[: len(resp_body) // 2]
        entry["status"] = status
        self.reply(status, resp_body, resp_headers.get("content-type", "text/xml"))

    def console_output(self, instance_id):
        """An instance's console as the test set it (moto answers a fixed sample for every instance)."""
        with self.state.lock:
            text = self.state.console[instance_id]
        body = ('<?xml version="1.0" encoding="UTF-8"?><GetConsoleOutputResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">'
                "<requestId>console-0001</requestId><instanceId>%s</instanceId><timestamp>2026-01-01T00:00:00.000Z</timestamp>"
                "<output>%s</output></GetConsoleOutputResponse>" % (instance_id, base64.b64encode(text.encode()).decode()))
        self.reply(200, body.encode())

    # ---- faults -------------------------------------------------------------
    def inject(self, fault, action, params):
        kind = fault["kind"]
        if kind == "throttle":
            self.reply(400, error_xml("Throttling", "Rate exceeded"))
        elif kind == "error500":
            self.reply(500, b"<html><body><h1>500 Internal Server Error</h1></body></html>", "text/html")
        elif kind == "html200":
            self.reply(200, b"<!DOCTYPE html><html><body>Captive portal: please log in</body></html>", "text/html")
        elif kind == "drop":
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
        elif kind == "slow":
            time.sleep(fault.get("seconds", 3))
            return False
        elif kind in ("truncate", "hold"):
            return False
        elif kind == "no_changes" and action == "UpdateStack":
            self.reply(400, error_xml("ValidationError", "No updates are to be performed."))
        elif kind == "no_changes":
            return False  # CreateChangeSet goes through; its description says FAILED (rewrite)
        elif kind in ("deny", "fail_resource"):
            return self.failed_operation(fault, action, params)
        else:
            return False
        return True

    def failed_operation(self, fault, action, params):
        """The operation is accepted but not carried out: the stack ends rolled back, with the events AWS gives."""
        stack = fault.get("stack") or params.get("StackName", "")
        if action == "ExecuteChangeSet":
            stack = fault.get("stack", "")
            self.reply(200, b"<ExecuteChangeSetResponse><ExecuteChangeSetResult/></ExecuteChangeSetResponse>")
        elif action == "UpdateStack":
            self.reply(200, ("<UpdateStackResponse><UpdateStackResult><StackId>%s</StackId></UpdateStackResult>"
                             "</UpdateStackResponse>" % fault.get("stack_id", stack)).encode())
        else:
            return False
        resource = fault.get("resource", "AppAutoScalingGroup")
        if fault["kind"] == "deny":
            reason = ("Action denied by stack policy: Statement [#1] does not allow [Update:Replace] "
                      "for resource [LogicalResourceId/%s]" % resource)
        else:
            reason = fault.get("reason", "Resource handler returned message: \"simulated failure\"")
        now = time.time()
        stamp = lambda d: time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(now + d))
        events = [
            ("UPDATE_ROLLBACK_COMPLETE", stack, "AWS::CloudFormation::Stack", "", 4),
            ("UPDATE_ROLLBACK_IN_PROGRESS", stack, "AWS::CloudFormation::Stack",
             "The following resource(s) failed to update: [%s]. " % resource, 3),
            ("UPDATE_FAILED", resource, "AWS::AutoScaling::AutoScalingGroup", reason, 2),
            ("UPDATE_IN_PROGRESS", stack, "AWS::CloudFormation::Stack", "User Initiated", 1),
        ]
        with self.state.lock:
            self.state.overlays[stack] = {"status": "UPDATE_ROLLBACK_COMPLETE", "events": [
                {"id": "proxy-%d-%d" % (now * 1000, i), "status": s, "logical": l, "type": t, "reason": r,
                 "time": stamp(d)} for i, (s, l, t, r, d) in enumerate(events)]}
        return True

    # ---- termination protection ----------------------------------------------
    def termination_protection(self, action, params):
        """UpdateTerminationProtection answered here; DeleteStack of a protected stack refused. True: answered."""
        stack = params.get("StackName", "")
        name = re.sub(r"^arn:aws:cloudformation:[^:]*:[^:]*:stack/([^/]+)/.*$", r"\1", stack)
        with self.state.lock:
            if action == "UpdateTerminationProtection":
                self.state.protected[name] = params.get("EnableTerminationProtection") == "true"
            elif not self.state.protected.get(name):
                return False
        if action == "DeleteStack":
            self.reply(400, error_xml("ValidationError", "Stack [%s] cannot be deleted while TerminationProtection is "
                                      "enabled" % name))
        else:
            self.reply(200, ("<UpdateTerminationProtectionResponse><UpdateTerminationProtectionResult><StackId>%s"
                             "</StackId></UpdateTerminationProtectionResult></UpdateTerminationProtectionResponse>"
                             % stack).encode())
        return True

    def show_protection(self, body):
        """DescribeStacks as AWS answers it: each stack's own termination protection (one element: botocore
        reads a repeated one as false)."""
        with self.state.lock:
            protected = dict(self.state.protected)
        text = body.decode("utf-8", "replace")
        for name, on in protected.items():
            value = "<EnableTerminationProtection>%s</EnableTerminationProtection>" % ("true" if on else "false")
            start = text.find("<StackName>%s</StackName>" % name)
            if start < 0:
                continue
            end = text.find("<StackName>", start + 1)  # the next stack's
            end = len(text) if end < 0 else end
            member, replaced = re.subn(r"<EnableTerminationProtection>\w*</EnableTerminationProtection>", value,
                                       text[start:end], count=1)
            if not replaced:
                member = member.replace("</StackName>", "</StackName>" + value, 1)
            text = text[:start] + member + text[end:]
        return text.encode()

    def rewrite(self, action, params, body):
        """Applies an overlay (a simulated failed update) to what moto says about the stack."""
        with self.state.lock:
            overlays = dict(self.state.overlays)
            empty = params.get("ChangeSetName") in self.state.empty_change_sets
        if not overlays and not empty:
            return body
        text = body.decode("utf-8", "replace")
        if action == "DescribeChangeSet" and empty:  # as AWS answers a change set without changes
            text = re.sub(r"<Status>[A-Z_]+</Status>", "<Status>FAILED</Status>", text, count=1)
            text = re.sub(r"<StatusReason>[^<]*</StatusReason>|<StatusReason/>", "", text)
            text = text.replace("<Status>FAILED</Status>", "<Status>FAILED</Status><StatusReason>The submitted "
                                "information didn't contain changes. Submit different information to create a "
                                "change set.</StatusReason>", 1)
            text = re.sub(r"<Changes>.*</Changes>", "<Changes/>", text, flags=re.S)
        for stack, overlay in overlays.items():
            if action == "DescribeStacks" and (":stack/%s/" % stack in text or "<StackName>%s</StackName>" % stack in text):
                text = re.sub(r"<StackStatus>[A-Z_]+</StackStatus>", "<StackStatus>%s</StackStatus>" % overlay["status"], text, count=1)
            if action == "DescribeStackEvents" and (stack in params.get("StackName", "")):
                members = "".join(
                    "<member><EventId>%s</EventId><StackName>%s</StackName><LogicalResourceId>%s</LogicalResourceId>"
                    "<ResourceType>%s</ResourceType><Timestamp>%s</Timestamp><ResourceStatus>%s</ResourceStatus>"
                    "<ResourceStatusReason>%s</ResourceStatusReason></member>"
                    % (e["id"], stack, e["logical"], e["type"], e["time"], e["status"], e["reason"])
                    for e in overlay["events"])
                text = text.replace("<StackEvents>", "<StackEvents>" + members, 1)
        return text.encode()

    def learn_credentials(self, body):
        text = body.decode("utf-8", "replace")
        key = re.search(r"<AccessKeyId>([^<]+)</AccessKeyId>", text)
        secret = re.search(r"<SecretAccessKey>([^<]+)</SecretAccessKey>", text)
        if key and secret:
            with self.state.lock:
                self.state.secrets[key.group(1)] = secret.group(1)

    def forward(self, method, body, headers):
        conn = http.client.HTTPConnection(self.state.moto.hostname, self.state.moto.port, timeout=60)
        fwd = {k: v for k, v in headers.items() if k not in ("host", "connection", "content-length")}
        fwd["Host"] = "%s:%d" % (self.state.moto.hostname, self.state.moto.port)
        conn.request(method, self.path, body=body, headers=fwd)
        r = conn.getresponse()
        data = r.read()
        result = (r.status, {k.lower(): v for k, v in r.getheaders()}, data)
        conn.close()
        return result

    # ---- credential endpoints ------------------------------------------------
    def imds(self, method, headers):
        s = self.state
        if self.path == "/latest/api/token" and method == "PUT":
            if "x-aws-ec2-metadata-token-ttl-seconds" not in headers:
                return self.reply(400, b"missing ttl", "text/plain")
            return self.reply(200, s.imds_token.encode(), "text/plain")
        if headers.get("x-aws-ec2-metadata-token") != s.imds_token:
            return self.reply(401, b"IMDSv2 token required", "text/plain")
        prefix = "/latest/meta-data/iam/security-credentials/"
        if s.imds_role is None or not self.path.startswith(prefix):
            return self.reply(404, b"not found", "text/plain")
        if self.path == prefix:
            return self.reply(200, s.imds_role["role"].encode(), "text/plain")
        return self.reply(200, json.dumps(s.imds_role["credentials"]).encode(), "application/json")

    def ecs(self, headers):
        s = self.state
        if s.ecs_credentials is None:
            return self.reply(404, b"{}", "application/json")
        if headers.get("authorization") != s.ecs_credentials.get("authorization"):
            return self.reply(401, b"{}", "application/json")
        return self.reply(200, json.dumps(s.ecs_credentials["credentials"]).encode(), "application/json")

    # ---- control -----------------------------------------------------------------
    def control(self, method, body):
        s = self.state
        if method == "GET" and self.path == "/__control/log":
            with s.lock:
                return self.reply(200, json.dumps(s.log).encode(), "application/json")
        request = json.loads(body or b"{}")
        op = request.get("op")
        with s.lock:
            if op == "fault":
                request.setdefault("count", 1)
                s.faults.append(request)
            elif op == "reset":
                s.faults.clear()
                s.log.clear()
                s.overlays.clear()
                s.console.clear()
            elif op == "busy":  # another operation is running on the stack
                s.overlays[request["stack"]] = {"status": "UPDATE_IN_PROGRESS", "events": []}
            elif op == "clear_overlay":
                s.overlays.pop(request["stack"], None)
            elif op == "secret":
                s.secrets[request["key_id"]] = request["secret"]
            elif op == "console_output":
                s.console[request["instance"]] = request["text"]
            elif op == "imds":
                s.imds_role = request.get("value")
            elif op == "ecs":
                s.ecs_credentials = request.get("value")
            else:
                return self.reply(400, b"unknown op", "text/plain")
        self.reply(200, b"{}", "application/json")


def seed(moto_url):
    """What moto will not create through its API: public SSM parameters under /aws/."""
    import datetime
    from moto.backends import get_backend
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.ssm.models import Parameter
    ssm = get_backend("ssm")[DEFAULT_ACCOUNT_ID][REGION]
    # put_parameter refuses /aws/ names; moto's own loader appends to the store the same way.
    ssm._parameters[AMI_PARAMETER].append(Parameter(
        account_id=DEFAULT_ACCOUNT_ID, name=AMI_PARAMETER, value="ami-0debian12fake00001", parameter_type="String",
        description="Debian 12 AMI", allowed_pattern=None, keyid=None,
        last_modified_date=datetime.datetime.now(datetime.timezone.utc), version=1, data_type="aws:ec2:image"))


def main():
    import logging
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    from moto.server import ThreadedMotoServer
    moto_port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=moto_port, verbose=False)
    server.start()
    moto_url = "http://127.0.0.1:%d" % moto_port
    seed(moto_url)
    Proxy.state = State(moto_url)
    proxy = ThreadingHTTPServer(("127.0.0.1", 0), Proxy)
    proxy.daemon_threads = True
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    print("READY http://127.0.0.1:%d %s" % (proxy.server_address[1], moto_url), flush=True)
    sys.stdin.read()  # until the test closes our input
    proxy.shutdown()
    server.stop()


if __name__ == "__main__":
    main()
