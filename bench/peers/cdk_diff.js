// CDK's differ (@aws-cdk/cloudformation-diff, what `cdk diff` runs) on two templates, as
// bench/commands.py times it beside `infrac diff`: fullDiff, then formatDifferences, the
// text `cdk diff` prints, written to stdout. With --changes it prints instead, as JSON,
// each resource that differs: added, removed or modified, and CDK's predicted impact.
//   node cdk_diff.js OLD.json NEW.json [--changes]
'use strict';
const fs = require('fs');
const { Writable } = require('stream');
const { fullDiff, formatDifferences } = require('@aws-cdk/cloudformation-diff');

const [oldPath, newPath, flag] = process.argv.slice(2);
const diff = fullDiff(JSON.parse(fs.readFileSync(oldPath, 'utf8')), JSON.parse(fs.readFileSync(newPath, 'utf8')));
if (flag === '--changes') {
  const resources = {};
  diff.resources.forEachDifference((id, change) => {
    const kind = change.isAddition ? 'added' : change.isRemoval ? 'removed' : 'modified';
    resources[id] = { change: kind, impact: change.changeImpact };
  });
  process.stdout.write(JSON.stringify(resources, null, 2) + '\n');
} else {
  const chunks = [];
  formatDifferences(new Writable({ write(chunk, encoding, done) { chunks.push(chunk); done(); } }), diff);
  process.stdout.write(Buffer.concat(chunks));
}
