// cdk-from-cfn (a CloudFormation template as a CDK app) on one template, as bench/commands.py
// times it beside `infrac import`: the TypeScript stack it writes, to stdout.
//   node cdk_from_cfn.js TEMPLATE.json
'use strict';
const fs = require('fs');
const { transmute } = require('cdk-from-cfn');

process.stdout.write(transmute(fs.readFileSync(process.argv[2], 'utf8'), 'typescript', 'BenchStack'));
