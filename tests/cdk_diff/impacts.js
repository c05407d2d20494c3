// CDK's differ (@aws-cdk/cloudformation-diff) on pairs of templates: prints one JSON
// object, for each pair its resources' predicted impact as CDK names it
// (WILL_UPDATE, WILL_REPLACE, MAY_REPLACE, WILL_CREATE, WILL_DESTROY, ...), and which
// of them have property changes of their own. Usage: node impacts.js OLD NEW [OLD NEW ...]
'use strict';
const fs = require('fs');
const { fullDiff } = require('@aws-cdk/cloudformation-diff');

const result = [];
const args = process.argv.slice(2);
for (let i = 0; i + 1 < args.length; i += 2) {
  const before = JSON.parse(fs.readFileSync(args[i], 'utf8'));
  const after = JSON.parse(fs.readFileSync(args[i + 1], 'utf8'));
  const diff = fullDiff(before, after);
  const resources = {};
  diff.resources.forEachDifference((id, change) => {
    resources[id] = { impact: change.changeImpact, direct: change.isUpdate && Object.keys(change.propertyUpdates).length > 0 };
  });
  result.push({ old: args[i], new: args[i + 1], resources });
}
process.stdout.write(JSON.stringify(result, null, 2) + '\n');
