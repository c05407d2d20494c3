// Tokenizes test/sample.infra with the TextMate grammar the way VS Code does
// (vscode-textmate + vscode-oniguruma) and checks the scopes of representative
// tokens: first with a tiny stub grammar for `source.shell` (below), then with
// VS Code's real shellscript grammar (the tm-grammars package, a dev dependency
// that the CTest test installs from the npm registry once; offline after that),
// also at every place of editors/test/highlights.tsv, which the Vim and Emacs
// tests check too.
//
//   cd editors/vscode && npm install && npm test

import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

import vsctm from 'vscode-textmate';
import oniguruma from 'vscode-oniguruma';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const grammarPath = path.join(here, '..', 'syntaxes', 'infra.tmLanguage.json');
const samplePath = path.join(here, 'sample.infra');

// A tiny stand-in for VS Code's shell grammar. Like the real one, a heredoc
// ends only at a terminator in column 0, which never happens inside an
// indented text block: the closing fence must still end the block.
const shellStub = {
  scopeName: 'source.shell',
  patterns: [{ include: '#comment' }, { include: '#heredoc' }, { include: '#string' }, { include: '#variable' }],
  repository: {
    comment: { match: '(?<=^|\\s)#.*$', name: 'comment.line.number-sign.shell' },
    heredoc: {
      begin: '<<-?[ \\t]*([\'"]?)([A-Za-z_][A-Za-z0-9_]*)\\1',
      end: '^\\2$',
      name: 'string.unquoted.heredoc.shell',
      patterns: [{ include: '#variable' }],
    },
    string: {
      begin: '"',
      end: '"',
      name: 'string.quoted.double.shell',
      patterns: [{ include: '#variable' }],
    },
    variable: {
      patterns: [
        { match: '\\$\\{[^}]*\\}', name: 'variable.other.bracket.shell' },
        { match: '\\$[A-Za-z_][A-Za-z0-9_]*', name: 'variable.other.normal.shell' },
      ],
    },
  },
};

let onigLibPromise;
function onigLib() {
  onigLibPromise ??= (async () => {
    const wasm = await readFile(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return {
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    };
  })();
  return onigLibPromise;
}

async function loadInfraGrammar(shellGrammarJson) {
  const infraText = await readFile(grammarPath, 'utf8');
  const registry = new vsctm.Registry({
    onigLib: onigLib(),
    loadGrammar: async (scopeName) => {
      if (scopeName === 'source.infra') return vsctm.parseRawGrammar(infraText, grammarPath);
      if (scopeName === 'source.shell') return vsctm.parseRawGrammar(shellGrammarJson, 'shell.json');
      return null; // nothing else is needed, and nothing is fetched
    },
  });
  const grammar = await registry.loadGrammar('source.infra');
  assert.ok(grammar, 'source.infra grammar loads');
  return grammar;
}

function tokenize(grammar, text) {
  const lines = text.split(/\r?\n/);
  let stack = vsctm.INITIAL;
  const out = [];
  for (const line of lines) {
    const r = grammar.tokenizeLine(line, stack);
    out.push({
      line,
      tokens: r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), start: t.startIndex, end: t.endIndex, scopes: t.scopes })),
    });
    stack = r.ruleStack;
  }
  return { lines: out, endStack: stack };
}

// Scopes of the token holding the first character of `needle` on the first
// line that contains `lineMarker` (needle defaults to the marker itself).
function scopesAt(tok, lineMarker, needle = lineMarker, nth = 0) {
  const l = tok.lines.find((x) => x.line.includes(lineMarker));
  assert.ok(l, `sample has a line containing ${JSON.stringify(lineMarker)}`);
  let col = -1;
  for (let i = 0; i <= nth; i++) {
    col = l.line.indexOf(needle, col + 1);
    assert.ok(col >= 0, `line ${JSON.stringify(l.line)} contains ${JSON.stringify(needle)} (#${i})`);
  }
  const t = l.tokens.find((x) => x.start <= col && col < x.end);
  assert.ok(t, `a token covers column ${col}`);
  return t.scopes;
}

function has(scopes, scope) {
  assert.ok(scopes.some((s) => s === scope || s.startsWith(scope + '.')), `expected ${scope} in [${scopes.join(', ')}]`);
}
function hasNot(scopes, scope) {
  assert.ok(!scopes.some((s) => s === scope || s.startsWith(scope + '.')), `did not expect ${scope} in [${scopes.join(', ')}]`);
}

// Every regular expression of the grammar compiles in Oniguruma.
test('every regex of the grammar compiles', async () => {
  const lib = await onigLib();
  const raw = JSON.parse(await readFile(grammarPath, 'utf8'));
  const seen = [];
  (function walk(node, where) {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${where}[${i}]`));
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (['match', 'begin', 'end', 'while'].includes(k) && typeof v === 'string') {
        // end/while may refer to begin captures; vscode-textmate substitutes them first.
        const re = k === 'end' || k === 'while' ? v.replace(/\\[1-9]/g, 'x') : v;
        seen.push(where + '.' + k);
        assert.doesNotThrow(() => lib.createOnigScanner([re]), `${where}.${k}: ${v}`);
      } else walk(v, `${where}.${k}`);
    }
  })(raw, '$');
  assert.ok(seen.length > 40, `found ${seen.length} regexes`);
});

describe('infra grammar (stub shell grammar)', () => {
  let tok;
  before(async () => {
    const grammar = await loadInfraGrammar(JSON.stringify(shellStub));
    tok = tokenize(grammar, await readFile(samplePath, 'utf8'));
  });

  test('the whole sample is tokenized and every block is closed at the end', () => {
    assert.ok(tok.lines.length > 100);
    const last = tok.lines.filter((l) => l.line.trim() !== '').at(-1);
    assert.equal(last.line, '}');
    assert.deepEqual(last.tokens.at(-1).scopes, ['source.infra', 'punctuation.section.braces.end.infra']);
    for (const l of tok.lines) {
      for (const t of l.tokens) hasNot(t.scopes, 'invalid');
    }
  });

  test('comments', () => {
    has(scopesAt(tok, '# Sample covering'), 'comment.line.number-sign.infra');
    has(scopesAt(tok, '# template Description'), 'comment.line.number-sign.infra');
    has(scopesAt(tok, '# DependsOn'), 'comment.line.number-sign.infra');
    hasNot(scopesAt(tok, 'description "The app tier"', 'The app'), 'comment');
  });

  test('declaration keywords and declared names', () => {
    has(scopesAt(tok, 'stack app {', 'stack'), 'keyword.declaration.stack.infra');
    has(scopesAt(tok, 'stack app {', 'app'), 'entity.name.namespace.stack.infra');
    has(scopesAt(tok, 'stack data-tier', 'data-tier'), 'entity.name.namespace.stack.infra');
    has(scopesAt(tok, 'param Env: String', 'param'), 'keyword.declaration.param.infra');
    has(scopesAt(tok, 'param Env: String', 'Env'), 'entity.name.variable.parameter.infra');
    has(scopesAt(tok, 'param Env: String', 'String'), 'support.type.parameter.infra');
    has(scopesAt(tok, 'param Subnets:', 'List<AWS::EC2::Subnet::Id>'), 'support.type.parameter.infra');
    has(scopesAt(tok, 'param Ami:', 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>'), 'support.type.parameter.infra');
    has(scopesAt(tok, 'resource Bucket:', 'resource'), 'keyword.declaration.resource.infra');
    has(scopesAt(tok, 'resource Bucket:', 'Bucket'), 'entity.name.variable.resource.infra');
    has(scopesAt(tok, 'output BucketArn', 'output'), 'keyword.declaration.output.infra');
    has(scopesAt(tok, 'mapping RegionMap', 'mapping'), 'keyword.declaration.mapping.infra');
    has(scopesAt(tok, 'condition IsProd = ', 'condition'), 'keyword.declaration.condition.infra');
    has(scopesAt(tok, 'condition IsProd = ', 'IsProd'), 'entity.name.variable.condition.infra');
    has(scopesAt(tok, '  policy {', 'policy'), 'keyword.declaration.policy.infra');
    has(scopesAt(tok, 'rule ProdSizes', 'rule'), 'keyword.declaration.rule.infra');
    has(scopesAt(tok, 'rule ProdSizes', 'ProdSizes'), 'entity.name.variable.rule.infra');
    has(scopesAt(tok, 'when equals(AWS::Region', 'when'), 'keyword.other.rule.infra');
    has(scopesAt(tok, 'assert contains(', 'assert'), 'keyword.other.rule.infra');
    has(scopesAt(tok, 'assert contains(', 'contains'), 'support.function.builtin.infra');
  });

  test('reuse keywords: import, let, component, use ... as, for ... in', () => {
    has(scopesAt(tok, 'import "std/aws/network"', 'import'), 'keyword.declaration.reuse.infra');
    has(scopesAt(tok, 'let Team = "web"', 'let'), 'keyword.declaration.reuse.infra');
    has(scopesAt(tok, 'let Team = "web"', 'Team'), 'entity.name.variable.reuse.infra');
    has(scopesAt(tok, 'component Queues(', 'component'), 'keyword.declaration.reuse.infra');
    has(scopesAt(tok, 'use Queues as Orders', 'use'), 'keyword.declaration.reuse.infra');
    has(scopesAt(tok, 'use Queues as Orders', 'as'), 'keyword.operator.reuse.infra');
    has(scopesAt(tok, 'for Zone in Zones', 'for'), 'keyword.declaration.reuse.infra');
    has(scopesAt(tok, 'for Zone in Zones', 'in'), 'keyword.operator.reuse.infra');
  });

  test('attribute keywords', () => {
    for (const [line, word] of [
      ['description "The app tier"', 'description'],
      ['metadata { Owner', 'metadata'],
      ['transform "AWS::Serverless', 'transform'],
      ['allowed_values [', 'allowed_values'],
      ['allowed_pattern "', 'allowed_pattern'],
      ['min_length 1', 'min_length'],
      ['max_length 10', 'max_length'],
      ['constraint_description', 'constraint_description'],
      ['no_echo true', 'no_echo'],
      ['{ rebuild true }', 'rebuild'],
      ['{ min_value 1', 'min_value'],
      ['{ min_value 1', 'max_value'],
      ['{ min_value 1', 'default'],
      ['condition IsProd                 #', 'condition'],
      ['depends_on [Queue]', 'depends_on'],
      ['deletion_policy Retain', 'deletion_policy'],
      ['update_replace_policy Retain', 'update_replace_policy'],
      ['update_policy {', 'update_policy'],
      ['creation_policy {', 'creation_policy'],
      ['export "<<AWS::StackName>>', 'export'],
    ]) {
      has(scopesAt(tok, line, word), 'keyword.other.attribute.infra');
    }
    has(scopesAt(tok, 'deletion_policy Retain', 'Retain'), 'constant.language.deletion-policy.infra');
    // `condition` is a declaration, an attribute or a function depending on context.
    has(scopesAt(tok, 'condition IsBig = and(condition(IsProd)', 'condition', 1), 'support.function.builtin.infra');
    // A reference is not an attribute keyword even after a value.
    has(scopesAt(tok, 'MultiAZ: IsProd', 'IsProd'), 'variable.other.infra');
  });

  test('policy words', () => {
    has(scopesAt(tok, 'allow modify "*AutoScalingGroup"', 'allow'), 'keyword.other.policy.effect.infra');
    has(scopesAt(tok, 'allow modify "*AutoScalingGroup"', 'modify'), 'keyword.other.policy.action.infra');
    has(scopesAt(tok, 'allow modify "*AutoScalingGroup"', '*'), 'keyword.operator.wildcard.infra');
    has(scopesAt(tok, 'allow modify, replace AppGroup', 'replace'), 'keyword.other.policy.action.infra');
    has(scopesAt(tok, 'allow modify, replace AppGroup', 'AppGroup'), 'variable.other.infra');
    has(scopesAt(tok, 'allow * type', '*'), 'keyword.other.policy.action.infra');
    has(scopesAt(tok, 'allow * type', 'type'), 'keyword.other.policy.type.infra');
    has(scopesAt(tok, 'allow * type', 'AWS::EC2::SecurityGroup'), 'support.type.resource.infra');
    has(scopesAt(tok, 'deny delete not "Db*"', 'deny'), 'keyword.other.policy.effect.infra');
    has(scopesAt(tok, 'deny delete not "Db*"', 'delete'), 'keyword.other.policy.action.infra');
    has(scopesAt(tok, 'deny delete not "Db*"', 'not'), 'keyword.other.policy.not.infra');
    has(scopesAt(tok, 'deny delete not "Db*"', '# NotResource'), 'comment.line.number-sign.infra');
    has(scopesAt(tok, 'deny * Database', 'Database'), 'meta.policy.infra');
  });

  test('resource types and pseudo parameters', () => {
    has(scopesAt(tok, 'resource Bucket: AWS::S3::Bucket', 'AWS::S3::Bucket'), 'support.type.resource.infra');
    has(scopesAt(tok, 'resource Docs:', 'AWS::SSM::Document'), 'support.type.resource.infra');
    has(scopesAt(tok, 'find_in_map(RegionMap, AWS::Region', 'AWS::Region'), 'variable.language.pseudo-parameter.infra');
    has(scopesAt(tok, 'AWS::NoValue)', 'AWS::NoValue'), 'variable.language.pseudo-parameter.infra');
  });

  test('property keys', () => {
    has(scopesAt(tok, 'BucketName: "', 'BucketName'), 'support.type.property-name.infra');
    has(scopesAt(tok, 'BucketName: "', ':'), 'punctuation.separator.key-value.infra');
    has(scopesAt(tok, 'Tags: [{ Key:', 'Key'), 'support.type.property-name.infra');
    has(scopesAt(tok, 'metadata { Owner:', 'Owner'), 'support.type.property-name.infra');
    has(scopesAt(tok, '"us-east-1": {', 'us-east-1'), 'support.type.property-name.infra');
    has(scopesAt(tok, '"cost center": 42', 'cost center'), 'support.type.property-name.infra');
  });

  test('strings, escapes and interpolation', () => {
    const interp = scopesAt(tok, 'BucketName: "<<AWS::StackName>>-data"', 'AWS::StackName');
    has(interp, 'string.quoted.double.infra');
    has(interp, 'meta.interpolation.infra');
    has(interp, 'variable.language.pseudo-parameter.infra');
    has(scopesAt(tok, 'BucketName: "<<AWS::StackName>>-data"', '<<'), 'punctuation.definition.template-expression.begin.infra');
    has(scopesAt(tok, 'BucketName: "<<AWS::StackName>>-data"', '-data'), 'string.quoted.double.infra');
    hasNot(scopesAt(tok, 'BucketName: "<<AWS::StackName>>-data"', '-data'), 'meta.interpolation.infra');
    has(scopesAt(tok, 'QueueName: "q-<<Env>>"', 'Env'), 'meta.interpolation.infra');
    const literal = scopesAt(tok, 'Value: "<<!Env>>', '<<!Env>>');
    has(literal, 'constant.character.escape.interpolation.infra');
    hasNot(literal, 'meta.interpolation.infra');
    for (const esc of ['\\"', '\\\\', '\\n', '\\t', '\\r', '\\u00e9', '\\/']) {
      has(scopesAt(tok, 'Value: "<<!Env>>', esc), 'constant.character.escape.infra');
    }
  });

  test('numbers, booleans, references', () => {
    has(scopesAt(tok, 'min_length 1', '1'), 'constant.numeric.decimal.infra');
    has(scopesAt(tok, 'param Ratio: Number = -1.5', '-1.5'), 'constant.numeric.decimal.infra');
    has(scopesAt(tok, 'no_echo true', 'true'), 'constant.language.boolean.infra');
    has(scopesAt(tok, 'or(false, true)', 'false'), 'constant.language.boolean.infra');
    has(scopesAt(tok, 'Value: Env }', 'Env }'), 'variable.other.infra');
    has(scopesAt(tok, 'Endpoint: Db.Endpoint.Address', 'Db'), 'variable.other.object.infra');
    has(scopesAt(tok, 'Endpoint: Db.Endpoint.Address', 'Endpoint.Address'), 'variable.other.property.infra');
    has(scopesAt(tok, 'output BucketArn = Bucket.Arn', 'Arn', 1), 'variable.other.property.infra');
  });

  test('function calls', () => {
    for (const [line, fn] of [
      ['base64(```sh', 'base64'],
      ['cidr("10.0.0.0/16"', 'cidr'],
      ['find_in_map(RegionMap', 'find_in_map'],
      ['get_att(Queue', 'get_att'],
      ['select(0, get_azs())', 'get_azs'],
      ['get_azs(AWS::Region)', 'get_azs'],
      ['import_value(', 'import_value'],
      ['join(",", [Env', 'join'],
      ['select(0, Subnets)', 'select'],
      ['split(",", "a,b")', 'split'],
      ['sub("arn:', 'sub'],
      ['if(IsProd', 'if'],
      ['equals(Env, "prod")', 'equals'],
      ['and(condition(IsProd)', 'and'],
      ['or(false, true)', 'or'],
      ['not(equals(Size, 1))', 'not'],
      ['and(condition(IsProd)', 'condition(', 0],
      ['ref(Queue)', 'ref'],
      ['file("scripts/setup.sh")', 'file'],
      ['range(0, 4)', 'range'],
    ]) {
      has(scopesAt(tok, line, fn), 'support.function.builtin.infra');
    }
    has(scopesAt(tok, 'find_in_map(RegionMap', 'RegionMap'), 'meta.function-call.infra');
    // `...List` splices a list; `Name?` marks an optional component parameter.
    has(scopesAt(tok, '...CommonTags', '...'), 'keyword.operator.spread.infra');
    has(scopesAt(tok, 'Delay?: Number', '?'), 'keyword.operator.optional.infra');
    // sub's string goes to CloudFormation unchanged: ${X} is CloudFormation's.
    has(scopesAt(tok, 'sub("arn:', 'Name}'), 'meta.interpolation.sub.infra');
    has(scopesAt(tok, 'sub("arn:', '${!Literal}'), 'constant.character.escape.sub.infra');
    has(scopesAt(tok, 'sub("arn:', 'Name: Bucket'), 'support.type.property-name.infra');
    // ...while the variable map holds ordinary values.
    const mapValue = scopesAt(tok, 'sub("arn:', 'Env>>');
    has(mapValue, 'meta.interpolation.infra');
    hasNot(mapValue, 'string.quoted.double.sub.infra');
    // The call ends at its own closing parenthesis.
    assert.deepEqual(scopesAt(tok, 'Size: if(IsProd', 'Size'), ['source.infra', 'support.type.property-name.infra']);
  });

  test('text blocks: fence, embedded shell, interpolation', () => {
    const open = scopesAt(tok, 'UserData: base64(```sh', '```');
    has(open, 'punctuation.definition.text-block.begin.infra');
    has(scopesAt(tok, 'UserData: base64(```sh', 'sh'), 'entity.name.type.language.infra');

    // `#` in a text block belongs to the shell body, not to infra.
    for (const [line, needle] of [
      ['#!/bin/bash', '#'],
      ['set -euo pipefail', '# a shell comment'],
    ]) {
      const s = scopesAt(tok, line, needle);
      has(s, 'meta.embedded.block.shell.infra');
      hasNot(s, 'comment.line.number-sign.infra');
      has(s, 'comment.line.number-sign.shell');
    }

    // <<Name>> is interpolated inside the block, also inside the shell's strings and heredocs.
    const inShellString = scopesAt(tok, 'readonly rebuild_timestamp=', 'RebuildTimestamp');
    has(inShellString, 'meta.embedded.block.shell.infra');
    has(inShellString, 'string.quoted.double.shell');
    has(inShellString, 'meta.interpolation.infra');
    has(scopesAt(tok, 'echo "bucket <<Bucket.Arn>>', 'Bucket.Arn'), 'meta.interpolation.infra');
    has(scopesAt(tok, 'echo "bucket <<Bucket.Arn>>', 'AWS::Region'), 'meta.interpolation.infra');
    const lit = scopesAt(tok, 'echo "bucket <<Bucket.Arn>>', '<<!Bucket>>');
    has(lit, 'constant.character.escape.interpolation.infra');
    hasNot(lit, 'meta.interpolation.infra');
    const inHeredoc = scopesAt(tok, 'region=<<AWS::Region>>', 'AWS::Region');
    has(inHeredoc, 'string.unquoted.heredoc.shell');
    has(inHeredoc, 'meta.interpolation.infra');

    // ${x}, $(...), heredoc openers and shifts are shell, not infra interpolation.
    const dollar = scopesAt(tok, 'name="${x:-default}"', '${x');
    has(dollar, 'meta.embedded.block.shell.infra');
    has(dollar, 'variable.other.bracket.shell');
    hasNot(dollar, 'meta.interpolation.infra');
    hasNot(scopesAt(tok, 'region=<<AWS::Region>> stack=${x}', '${x}'), 'meta.interpolation.infra');
    has(scopesAt(tok, 'cat <<EOF > /etc/app.conf', '<<EOF'), 'string.unquoted.heredoc.shell');
    hasNot(scopesAt(tok, '$((1 << 2))', '<< 2'), 'meta.interpolation');

    // The closing fence ends the block although the shell heredoc never ended
    // (its terminator is indented), and `)` closes base64(.
    const close = scopesAt(tok, '      ```)', '```');
    has(close, 'punctuation.definition.text-block.end.infra');
    hasNot(close, 'meta.embedded.block.shell.infra');
    hasNot(close, 'string.unquoted.heredoc.shell');
    const paren = scopesAt(tok, '      ```)', ')');
    has(paren, 'punctuation.section.arguments.end.infra');
    hasNot(paren, 'meta.text-block.infra');
    assert.deepEqual(scopesAt(tok, 'resource Docs:', 'resource'), ['source.infra', 'keyword.declaration.resource.infra']);
  });

  test('text blocks: a longer fence holds a shorter one', () => {
    has(scopesAt(tok, 'Content: ````', '````'), 'punctuation.definition.text-block.begin.infra');
    has(scopesAt(tok, "cat <<'MD' > README.md", 'cat'), 'meta.embedded.block.shell.infra');
    const innerFences = tok.lines.filter((l) => l.line === '      ```');
    assert.equal(innerFences.length, 3); // two in the ```` block, one closing the json block
    for (const l of innerFences.slice(0, 2)) {
      const t = l.tokens.find((x) => x.text.includes('`'));
      has(t.scopes, 'meta.embedded.block.shell.infra');
      hasNot(t.scopes, 'punctuation.definition.text-block');
    }
    has(scopesAt(tok, 'echo inside', 'echo'), 'meta.embedded.block.shell.infra');
    has(scopesAt(tok, '      MD', 'MD'), 'meta.embedded.block.shell.infra');
    has(scopesAt(tok, '      ````', '````'), 'punctuation.definition.text-block.end.infra');
    const after = tok.lines.findIndex((l) => l.line === '      ````');
    assert.equal(tok.lines[after + 1].line, '  }');
    assert.deepEqual(tok.lines[after + 1].tokens.find((t) => t.text === '}').scopes, ['source.infra', 'punctuation.section.braces.end.infra']);
  });

  test('text blocks: a non-shell tag gives a plain text body', () => {
    has(scopesAt(tok, 'Value: ```json', 'json'), 'entity.name.type.language.infra');
    const body = '{"bucket": "<<Bucket>>"';
    has(scopesAt(tok, body, '{'), 'string.unquoted.text-block.infra');
    hasNot(scopesAt(tok, body, '{'), 'meta.embedded.block.shell.infra');
    has(scopesAt(tok, body, 'Bucket'), 'meta.interpolation.infra');
    const hash = scopesAt(tok, body, '# not a comment');
    has(hash, 'string.unquoted.text-block.infra');
    hasNot(hash, 'comment');
    hasNot(scopesAt(tok, body, '${x}'), 'meta.interpolation');
    const i = tok.lines.findIndex((l) => l.line.includes(body));
    has(tok.lines[i + 1].tokens.find((t) => t.text === '```').scopes, 'punctuation.definition.text-block.end.infra');
  });
});

// The same text-block checks with the shell grammar VS Code really ships.
describe('infra grammar (real shellscript grammar from tm-grammars)', async () => {
  // Required: `npm install` brings it (a dev dependency); the test fails without it.
  const shellJson = await readFile(require.resolve('tm-grammars/grammars/shellscript.json'), 'utf8');
  let tok;
  before(async () => {
    const grammar = await loadInfraGrammar(shellJson);
    tok = tokenize(grammar, await readFile(samplePath, 'utf8'));
  });
  const opts = {};

  test('# in a text block is a shell comment', opts, () => {
    const s = scopesAt(tok, 'set -euo pipefail', '# a shell comment');
    has(s, 'meta.embedded.block.shell.infra');
    has(s, 'comment.line.number-sign.shell');
    hasNot(s, 'comment.line.number-sign.infra');
  });

  test('<<Name>> is interpolated inside shell strings and heredocs', opts, () => {
    const inString = scopesAt(tok, 'readonly rebuild_timestamp=', 'RebuildTimestamp');
    has(inString, 'string.quoted.double.shell');
    has(inString, 'meta.interpolation.infra');
    has(scopesAt(tok, 'region=<<AWS::Region>>', 'AWS::Region'), 'meta.interpolation.infra');
    hasNot(scopesAt(tok, 'name="${x:-default}"', '${x'), 'meta.interpolation.infra');
  });

  test('the fence closes the block and the rest of the file is infra again', opts, () => {
    const close = scopesAt(tok, '      ```)', '```');
    has(close, 'punctuation.definition.text-block.end.infra');
    hasNot(close, 'meta.embedded.block.shell.infra');
    has(scopesAt(tok, '      ```)', ')'), 'punctuation.section.arguments.end.infra');
    assert.deepEqual(scopesAt(tok, 'resource Docs:', 'resource'), ['source.infra', 'keyword.declaration.resource.infra']);
    has(scopesAt(tok, 'echo inside', 'echo'), 'meta.embedded.block.shell.infra');
    has(scopesAt(tok, '      ````', '````'), 'punctuation.definition.text-block.end.infra');
    assert.deepEqual(scopesAt(tok, 'resource Settings:', 'resource'), ['source.infra', 'keyword.declaration.resource.infra']);
    assert.deepEqual(scopesAt(tok, 'output BucketArn', 'output'), ['source.infra', 'keyword.declaration.output.infra']);
    const last = tok.lines.filter((l) => l.line.trim() !== '').at(-1);
    assert.deepEqual(last.tokens.at(-1).scopes, ['source.infra', 'punctuation.section.braces.end.infra']);
  });
});

// The places every editor's test checks (editors/test/highlights.tsv), with the real shell grammar.
const repoRoot = path.join(here, '..', '..', '..');
const inShell = (scopes) => scopes.some((s) => s === 'meta.embedded.block.shell.infra');
const categories = {
  comment: (s) => has(s, 'comment.line.number-sign.infra'),
  keyword: (s) => has(s, 'keyword.declaration'),
  name: (s) => has(s, 'entity.name'),
  type: (s) => has(s, 'support.type'),
  attribute: (s) => has(s, 'keyword.other.attribute'),
  'rule-word': (s) => has(s, 'keyword.other.rule'),
  policy: (s) => has(s, 'keyword.other.policy'),
  pseudo: (s) => has(s, 'variable.language.pseudo-parameter'),
  property: (s) => has(s, 'support.type.property-name'),
  string: (s) => has(s, 'string.quoted.double.infra'),
  interpolation: (s) => has(s, 'meta.interpolation.infra'),
  literal: (s) => has(s, 'constant.character.escape.interpolation.infra'),
  escape: (s) => has(s, 'constant.character.escape.infra'),
  number: (s) => has(s, 'constant.numeric'),
  boolean: (s) => has(s, 'constant.language.boolean'),
  function: (s) => has(s, 'support.function.builtin'),
  fence: (s) => has(s, 'punctuation.definition.text-block'),
  'shell-comment': (s) => { has(s, 'comment.line.number-sign.shell'); hasNot(s, 'comment.line.number-sign.infra'); },
  shell: (s) => assert.ok(s.some((x) => x.endsWith('.shell') && x !== 'source.shell'), `a shell scope in [${s.join(', ')}]`),
  'shell-string': (s) => has(s, 'string.quoted.double.shell'),
  'shell-variable': (s) => assert.ok(s.some((x) => x.startsWith('variable.') && x.endsWith('.shell')), `a shell variable in [${s.join(', ')}]`),
  text: (s) => has(s, 'string.unquoted.text-block.infra'),
};

describe('the places every editor checks (editors/test/highlights.tsv)', async () => {
  const shellJson = await readFile(require.resolve('tm-grammars/grammars/shellscript.json'), 'utf8');
  const table = await readFile(path.join(repoRoot, 'editors', 'test', 'highlights.tsv'), 'utf8');
  const rows = table.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#')).map((l) => l.split('\t'));
  const tokenized = new Map();
  let grammar;
  before(async () => {
    grammar = await loadInfraGrammar(shellJson);
  });
  test('the table has the places', () => assert.ok(rows.length > 60, `${rows.length} rows`));
  for (const [file, marker, needle, nth, category] of rows) {
    test(`${file}: ${needle} in ${JSON.stringify(marker)} is ${category}`, async () => {
      if (!tokenized.has(file)) tokenized.set(file, tokenize(grammar, await readFile(path.join(repoRoot, file), 'utf8')));
      const scopes = scopesAt(tokenized.get(file), marker, needle, Number(nth));
      assert.ok(categories[category], `unknown category ${category}`);
      categories[category](scopes);
      if (category.startsWith('shell')) assert.ok(inShell(scopes), `inside a shell text block: [${scopes.join(', ')}]`);
      if (category === 'comment' || category === 'text') assert.ok(!inShell(scopes), `outside shell: [${scopes.join(', ')}]`);
    });
  }
});
