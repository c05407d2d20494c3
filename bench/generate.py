#!/usr/bin/env python3
"""Writes a synthetic infra project of a given size, and the equivalent Jsonnet program.

A project is a `network` stack (a VPC and a subnet, two outputs) and app stacks of at
most --tiers-per-stack tiers each. A tier is ten resources: a security group, a role,
an instance profile, a launch template whose user data is a 1.4 KB shell script with
`<<Name>>` and pseudo-parameter interpolations, an Auto Scaling group, a queue, a
bucket, a log group, a topic and an alarm. Every app stack reads the network's outputs
(cross-stack references). How the tiers are written (--style):

  mixed      (default) one in three a `use` of the component in lib/tier.infra, one in
             three stamped out by a `for` loop in the stack, one in three written out
             with the script as a text block: the source grows with the project
  loop       every tier of a stack stamped out by one `for` loop (source stays small)
  written    every tier written out, its script in a text block (source grows fastest)

Beside the infra files it writes `jsonnet/main.jsonnet`, a Jsonnet program producing
the same templates (`jsonnet -m DIR jsonnet/main.jsonnet`): a function per tier in
`jsonnet/tier.libsonnet` for the component and loop tiers, literal objects for the
written-out ones. bench/run.py checks that both give the same templates before timing.

  bench/generate.py --tiers 50 --out /tmp/p50
"""
import argparse
import json
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = open(os.path.join(HERE, "project", "user_data.sh"), encoding="utf-8").read()
# For written-out tiers that read the script with file(): no tier name to put in.
SHARED_SCRIPT = SCRIPT.replace("<<Name>>", "<<AWS::StackName>>")

NETWORK = """stack network {
  resource Vpc: AWS::EC2::VPC { CidrBlock: "10.0.0.0/16" }
  resource Subnet: AWS::EC2::Subnet { VpcId: Vpc, CidrBlock: "10.0.0.0/24" }
  output VpcId = Vpc
  output SubnetId = Subnet
  policy { allow modify Subnet }
}
"""


def tier_body(res, text, tag_value, vpc, subnet, user_data, indent, with_policy=True):
    """The ten resources of a tier in infra. res(x) names resource x of this tier, text
    is how the tier's name appears inside strings."""
    body = f"""resource {res("Sg")}: AWS::EC2::SecurityGroup {{
  GroupDescription: "{text} servers"
  VpcId: {vpc}
  SecurityGroupIngress: [{{ IpProtocol: "tcp", FromPort: 443, ToPort: 443, CidrIp: "10.0.0.0/16" }}]
}}
resource {res("Role")}: AWS::IAM::Role {{
  AssumeRolePolicyDocument: {{
    Version: "2012-10-17"
    Statement: [{{ Effect: "Allow", Principal: {{ Service: "ec2.amazonaws.com" }}, Action: "sts:AssumeRole" }}]
  }}
}}
resource {res("Profile")}: AWS::IAM::InstanceProfile {{ Roles: [{res("Role")}] }}
resource {res("Template")}: AWS::EC2::LaunchTemplate {{
  LaunchTemplateData: {{
    ImageId: "ami-0123456789abcdef0"
    InstanceType: "t3.small"
    IamInstanceProfile: {{ Arn: {res("Profile")}.Arn }}
    SecurityGroupIds: [{res("Sg")}.GroupId]
    UserData: base64({user_data})
  }}
}}
resource {res("Group")}: AWS::AutoScaling::AutoScalingGroup {{
  LaunchTemplate: {{ LaunchTemplateId: {res("Template")}, Version: {res("Template")}.LatestVersionNumber }}
  MinSize: "2"
  MaxSize: "2"
  VPCZoneIdentifier: [{subnet}]
}}
resource {res("Queue")}: AWS::SQS::Queue {{ MessageRetentionPeriod: 345600 }}
resource {res("Bucket")}: AWS::S3::Bucket {{ Tags: [{{ Key: "tier", Value: {tag_value} }}] }}
resource {res("Logs")}: AWS::Logs::LogGroup {{ RetentionInDays: 14 }}
resource {res("Alerts")}: AWS::SNS::Topic {{}}
resource {res("Backlog")}: AWS::CloudWatch::Alarm {{
  Namespace: "AWS/SQS"
  MetricName: "ApproximateNumberOfMessagesVisible"
  Dimensions: [{{ Name: "QueueName", Value: {res("Queue")}.QueueName }}]
  Statistic: "Maximum"
  Period: 300
  EvaluationPeriods: 1
  Threshold: 100
  ComparisonOperator: "GreaterThanOrEqualToThreshold"
  AlarmActions: [{res("Alerts")}]
}}
"""
    if with_policy:
        body += f'policy {{ allow modify {res("Group")}, {res("Template")} }}\n'

    pad = " " * indent
    return "".join(pad + line if line.strip() else line for line in body.splitlines(True))


def text_block(script, name, indent):
    pad = " " * indent
    lines = script.replace("<<Name>>", name).splitlines(True)
    inner = "".join(pad + "  " + line if line.strip() else line for line in lines)
    return "```sh\n" + inner + pad + "  ```"


def component_file():
    body = tier_body(lambda x: x, "<<Name>>", "Name", "VpcId", "SubnetId", 'file("scripts/user_data.sh")', 2)
    return "# One tier of the fleet: ten resources.\ncomponent Tier(Name: String, VpcId, SubnetId) {\n" + body + "}\n"


def app_stack(stack, tiers, style, user_data="block"):
    """The infra text of one app stack; tiers are (kind, id) pairs."""
    out = [f'import "lib/tier.infra"\n\nstack {stack} {{\n']
    uses = [t for k, t in tiers if k == "use"]
    looped = [t for k, t in tiers if k == "loop"]
    written = [t for k, t in tiers if k == "written"]
    for t in written:
        block = text_block(SCRIPT, t, 6) if user_data == "block" else 'file("lib/scripts/shared_user_data.sh")'
        out.append(tier_body(lambda x, t=t: t + x, t, f'"{t}"', "network.VpcId", "network.SubnetId", block, 2, False))
    if looped:
        items = ", ".join(f'"{t}"' for t in looped)
        out.append(f"  for Name in [{items}] {{\n")
        out.append(tier_body(lambda x: "<<Name>>" + x, "<<Name>>", "Name", "network.VpcId", "network.SubnetId",
                             'file("lib/scripts/user_data.sh")', 4))
        out.append("  }\n")
    if written:  # a stack has one policy of its own; loops and components add theirs to it
        targets = ", ".join(f"{t}Group, {t}Template" for t in written)
        out.append(f"  policy {{ allow modify {targets} }}\n")
    for t in uses:
        out.append(f'  use Tier as {t} {{ Name: "{t}", VpcId: network.VpcId, SubnetId: network.SubnetId }}\n')
    out.append("}\n")
    return "".join(out)


def sub_script(name, script=SCRIPT):
    """The script as CloudFormation's Fn::Sub text: `${` kept literal as `${!`, `<<X>>` as `${X}`."""
    text = script.replace("${", "${!").replace("<<Name>>", name)
    for pseudo in ("AWS::Region", "AWS::AccountId", "AWS::StackName"):
        text = text.replace(f"<<{pseudo}>>", "${" + pseudo + "}")
    return text


def tier_json(t, user_data):
    """The ten resources of tier t as CloudFormation, for the written-out Jsonnet tiers."""
    ref = lambda x: {"Ref": x}
    return {
        t + "Sg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {
            "GroupDescription": f"{t} servers", "VpcId": ref("NetworkVpcId"),
            "SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "10.0.0.0/16"}]}},
        t + "Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}},
        t + "Profile": {"Type": "AWS::IAM::InstanceProfile", "Properties": {"Roles": [ref(t + "Role")]}},
        t + "Template": {"Type": "AWS::EC2::LaunchTemplate", "Properties": {"LaunchTemplateData": {
            "ImageId": "ami-0123456789abcdef0", "InstanceType": "t3.small",
            "IamInstanceProfile": {"Arn": {"Fn::GetAtt": [t + "Profile", "Arn"]}},
            "SecurityGroupIds": [{"Fn::GetAtt": [t + "Sg", "GroupId"]}],
            "UserData": {"Fn::Base64": {"Fn::Sub": sub_script(t, SCRIPT if user_data == "block" else SHARED_SCRIPT)}}}}},
        t + "Group": {"Type": "AWS::AutoScaling::AutoScalingGroup", "Properties": {
            "LaunchTemplate": {"LaunchTemplateId": ref(t + "Template"),
                               "Version": {"Fn::GetAtt": [t + "Template", "LatestVersionNumber"]}},
            "MinSize": "2", "MaxSize": "2", "VPCZoneIdentifier": [ref("NetworkSubnetId")]}},
        t + "Queue": {"Type": "AWS::SQS::Queue", "Properties": {"MessageRetentionPeriod": 345600}},
        t + "Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"Tags": [{"Key": "tier", "Value": t}]}},
        t + "Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": 14}},
        t + "Alerts": {"Type": "AWS::SNS::Topic"},
        t + "Backlog": {"Type": "AWS::CloudWatch::Alarm", "Properties": {
            "Namespace": "AWS/SQS", "MetricName": "ApproximateNumberOfMessagesVisible",
            "Dimensions": [{"Name": "QueueName", "Value": {"Fn::GetAtt": [t + "Queue", "QueueName"]}}],
            "Statistic": "Maximum", "Period": 300, "EvaluationPeriods": 1, "Threshold": 100,
            "ComparisonOperator": "GreaterThanOrEqualToThreshold", "AlarmActions": [ref(t + "Alerts")]}},
    }


# The Jsonnet form of a tier, as a Jsonnet user would write it: the script kept in
# Fn::Sub syntax, the tier's name put in with std.strReplace.
TIER_LIBSONNET = r"""local script = importstr 'user_data.sub.sh';
local ref(x) = { Ref: x };
local att(x, a) = { 'Fn::GetAtt': [x, a] };
{
  tier(t, vpc, subnet):: {
    [t + 'Sg']: { Type: 'AWS::EC2::SecurityGroup', Properties: {
      GroupDescription: t + ' servers', VpcId: vpc,
      SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/16' }] } },
    [t + 'Role']: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] } } },
    [t + 'Profile']: { Type: 'AWS::IAM::InstanceProfile', Properties: { Roles: [ref(t + 'Role')] } },
    [t + 'Template']: { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: {
      ImageId: 'ami-0123456789abcdef0', InstanceType: 't3.small',
      IamInstanceProfile: { Arn: att(t + 'Profile', 'Arn') },
      SecurityGroupIds: [att(t + 'Sg', 'GroupId')],
      UserData: { 'Fn::Base64': { 'Fn::Sub': std.strReplace(script, '@NAME@', t) } } } } },
    [t + 'Group']: { Type: 'AWS::AutoScaling::AutoScalingGroup', Properties: {
      LaunchTemplate: { LaunchTemplateId: ref(t + 'Template'), Version: att(t + 'Template', 'LatestVersionNumber') },
      MinSize: '2', MaxSize: '2', VPCZoneIdentifier: [subnet] } },
    [t + 'Queue']: { Type: 'AWS::SQS::Queue', Properties: { MessageRetentionPeriod: 345600 } },
    [t + 'Bucket']: { Type: 'AWS::S3::Bucket', Properties: { Tags: [{ Key: 'tier', Value: t }] } },
    [t + 'Logs']: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 14 } },
    [t + 'Alerts']: { Type: 'AWS::SNS::Topic' },
    [t + 'Backlog']: { Type: 'AWS::CloudWatch::Alarm', Properties: {
      Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: att(t + 'Queue', 'QueueName') }],
      Statistic: 'Maximum', Period: 300, EvaluationPeriods: 1, Threshold: 100,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold', AlarmActions: [ref(t + 'Alerts')] } },
  },
}
"""

JSONNET_PARAMS = """{
      NetworkVpcId: { Type: 'AWS::EC2::VPC::Id', Description: 'Output VpcId of stack network, filled at deploy time' },
      NetworkSubnetId: { Type: 'AWS::EC2::Subnet::Id', Description: 'Output SubnetId of stack network, filled at deploy time' },
    }"""

JSONNET_NETWORK = """  'network.template.json': {
    AWSTemplateFormatVersion: '2010-09-09',
    Resources: {
      Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
      Subnet: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.0.0/24' } },
    },
    Outputs: { VpcId: { Value: { Ref: 'Vpc' } }, SubnetId: { Value: { Ref: 'Subnet' } } },
  },
"""


def jsonnet_stack(stack, tiers, user_data):
    """One app stack's entry of main.jsonnet: the function for component and loop tiers, literal objects for the rest."""
    parts = []
    written = [t for k, t in tiers if k == "written"]
    generated = [t for k, t in tiers if k != "written"]
    for t in written:
        parts.append(json.dumps(tier_json(t, user_data), indent=2))
    if generated:
        names = ", ".join(f"'{t}'" for t in generated)
        parts.append(f"std.foldl(function(all, t) all + lib.tier(t, vpc, subnet), [{names}], {{}})")
    resources = " + ".join(parts) if parts else "{}"
    return (f"  '{stack}.template.json': {{\n    AWSTemplateFormatVersion: '2010-09-09',\n"
            f"    Parameters: {JSONNET_PARAMS},\n    Resources: {resources},\n  }},\n")


# The AWS CDK form of the project (bench/run.py's `cdk synth` peer), as a CDK user would
# write it in JavaScript: the typed L1 constructs (Cfn*) in a function per tier, called
# for every tier of every stack; the app stacks read the network's outputs as parameters,
# as infrac's templates do. What CDK adds to a template on its own is turned off at the
# source, not stripped: no CDKMetadata resource (analyticsReporting), no aws:cdk:path
# metadata (postCliContext, and --no-path-metadata), no BootstrapVersion parameter or
# CheckBootstrapVersion rule (generateBootstrapVersionRule: false).
CDK_TIER_JS = r"""'use strict';
const fs = require('fs');
const path = require('path');
const cdk = require('aws-cdk-lib');
const ec2 = require('aws-cdk-lib/aws-ec2');
const iam = require('aws-cdk-lib/aws-iam');
const autoscaling = require('aws-cdk-lib/aws-autoscaling');
const sqs = require('aws-cdk-lib/aws-sqs');
const s3 = require('aws-cdk-lib/aws-s3');
const logs = require('aws-cdk-lib/aws-logs');
const sns = require('aws-cdk-lib/aws-sns');
const cloudwatch = require('aws-cdk-lib/aws-cloudwatch');

const script = fs.readFileSync(path.join(__dirname, 'user_data.sub.sh'), 'utf8');
const sharedScript = fs.readFileSync(path.join(__dirname, 'shared_user_data.sub.sh'), 'utf8');

// A stack with nothing of CDK's own in its template.
function plainStack(app, name) {
  const stack = new cdk.Stack(app, name, {
    analyticsReporting: false,
    synthesizer: new cdk.DefaultStackSynthesizer({ generateBootstrapVersionRule: false }),
  });
  stack.templateOptions.templateFormatVersion = '2010-09-09';
  return stack;
}

// The ten resources of tier t; shared: the written-out tiers' one script read with file().
function tier(stack, t, vpcId, subnetId, shared) {
  const sg = new ec2.CfnSecurityGroup(stack, t + 'Sg', {
    groupDescription: t + ' servers', vpcId,
    securityGroupIngress: [{ ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIp: '10.0.0.0/16' }],
  });
  const role = new iam.CfnRole(stack, t + 'Role', {
    assumeRolePolicyDocument: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    },
  });
  const profile = new iam.CfnInstanceProfile(stack, t + 'Profile', { roles: [role.ref] });
  const template = new ec2.CfnLaunchTemplate(stack, t + 'Template', {
    launchTemplateData: {
      imageId: 'ami-0123456789abcdef0', instanceType: 't3.small',
      iamInstanceProfile: { arn: profile.attrArn },
      securityGroupIds: [sg.attrGroupId],
      userData: cdk.Fn.base64(cdk.Fn.sub(shared ? sharedScript : script.split('@NAME@').join(t))),
    },
  });
  new autoscaling.CfnAutoScalingGroup(stack, t + 'Group', {
    launchTemplate: { launchTemplateId: template.ref, version: template.attrLatestVersionNumber },
    minSize: '2', maxSize: '2', vpcZoneIdentifier: [subnetId],
  });
  const queue = new sqs.CfnQueue(stack, t + 'Queue', { messageRetentionPeriod: 345600 });
  new s3.CfnBucket(stack, t + 'Bucket', { tags: [{ key: 'tier', value: t }] });
  new logs.CfnLogGroup(stack, t + 'Logs', { retentionInDays: 14 });
  const alerts = new sns.CfnTopic(stack, t + 'Alerts');
  new cloudwatch.CfnAlarm(stack, t + 'Backlog', {
    namespace: 'AWS/SQS', metricName: 'ApproximateNumberOfMessagesVisible',
    dimensions: [{ name: 'QueueName', value: queue.attrQueueName }],
    statistic: 'Maximum', period: 300, evaluationPeriods: 1, threshold: 100,
    comparisonOperator: 'GreaterThanOrEqualToThreshold', alarmActions: [alerts.ref],
  });
}

function network(app) {
  const stack = plainStack(app, 'network');
  const vpc = new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.0.0.0/16' });
  const subnet = new ec2.CfnSubnet(stack, 'Subnet', { vpcId: vpc.ref, cidrBlock: '10.0.0.0/24' });
  new cdk.CfnOutput(stack, 'VpcId', { value: vpc.ref });
  new cdk.CfnOutput(stack, 'SubnetId', { value: subnet.ref });
}

// An app stack: the network's outputs as parameters, then its tiers.
function appStack(app, name, tiers, sharedWritten) {
  const stack = plainStack(app, name);
  const vpc = new cdk.CfnParameter(stack, 'NetworkVpcId', {
    type: 'AWS::EC2::VPC::Id', description: 'Output VpcId of stack network, filled at deploy time' });
  const subnet = new cdk.CfnParameter(stack, 'NetworkSubnetId', {
    type: 'AWS::EC2::Subnet::Id', description: 'Output SubnetId of stack network, filled at deploy time' });
  for (const [kind, t] of tiers) tier(stack, t, vpc.valueAsString, subnet.valueAsString, sharedWritten && kind === 'written');
}

function newApp() {
  return new cdk.App({
    analyticsReporting: false,
    postCliContext: { 'aws:cdk:enable-path-metadata': false, 'aws:cdk:version-reporting': false },
  });
}

module.exports = { network, appStack, newApp };
"""


def cdk_app(stacks, user_data):
    """cdk/app.js: the network stack, then each app stack with its tiers."""
    lines = ["'use strict';", "const { network, appStack, newApp } = require('./tier');", "const app = newApp();",
             "network(app);"]
    for stack, tiers in stacks:
        lines.append(f"appStack(app, '{stack}', {json.dumps([[k, t] for k, t in tiers])}, {json.dumps(user_data == 'file')});")
    lines.append("app.synth();")
    return "\n".join(lines) + "\n"


def plan(tiers, per_stack, style):
    """(stack name, [(kind, tier id)]) for every app stack."""
    kinds = {"mixed": ["use", "loop", "written"], "loop": ["loop"], "written": ["written"], "use": ["use"]}[style]
    stacks = []
    for i in range(tiers):
        s = i // per_stack
        if s == len(stacks):
            stacks.append((f"app{s + 1}", []))
        kind = kinds[i % len(kinds)]
        prefix = {"use": "C", "loop": "L", "written": "W"}[kind]
        stacks[s][1].append((kind, f"{prefix}{i % per_stack + 1}"))
    return stacks


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tiers", type=int, required=True, help="tiers of ten resources in the whole project")
    ap.add_argument("--tiers-per-stack", type=int, default=20)
    ap.add_argument("--style", choices=["mixed", "loop", "written", "use"], default="mixed")
    ap.add_argument("--user-data", choices=["block", "file"], default="block",
                    help="how written-out tiers carry the script: a text block each (default), or file() of one script")
    ap.add_argument("--out", required=True, help="directory to write (emptied first)")
    a = ap.parse_args()
    if os.path.exists(a.out):
        shutil.rmtree(a.out)
    write(os.path.join(a.out, "network.infra"), NETWORK)
    write(os.path.join(a.out, "lib", "tier.infra"), component_file())
    write(os.path.join(a.out, "lib", "scripts", "user_data.sh"), SCRIPT)
    write(os.path.join(a.out, "lib", "scripts", "shared_user_data.sh"), SHARED_SCRIPT)
    write(os.path.join(a.out, "jsonnet", "tier.libsonnet"), TIER_LIBSONNET)
    write(os.path.join(a.out, "jsonnet", "user_data.sub.sh"), sub_script("@NAME@"))
    main_jsonnet = ["local lib = import 'tier.libsonnet';\nlocal vpc = { Ref: 'NetworkVpcId' };\n"
                    "local subnet = { Ref: 'NetworkSubnetId' };\n{\n", JSONNET_NETWORK]
    stacks = plan(a.tiers, a.tiers_per_stack, a.style)
    for stack, tiers in stacks:
        write(os.path.join(a.out, f"{stack}.infra"), app_stack(stack, tiers, a.style, a.user_data))
        main_jsonnet.append(jsonnet_stack(stack, tiers, a.user_data))
    write(os.path.join(a.out, "cdk", "tier.js"), CDK_TIER_JS)
    write(os.path.join(a.out, "cdk", "app.js"), cdk_app(stacks, a.user_data))
    write(os.path.join(a.out, "cdk", "user_data.sub.sh"), sub_script("@NAME@"))
    write(os.path.join(a.out, "cdk", "shared_user_data.sub.sh"), sub_script("", SHARED_SCRIPT))
    main_jsonnet.append("}\n")
    write(os.path.join(a.out, "jsonnet", "main.jsonnet"), "".join(main_jsonnet))


if __name__ == "__main__":
    main()
