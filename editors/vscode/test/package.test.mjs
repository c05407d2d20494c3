// Packages the extension into a .vsix with @vscode/vsce (2.x: it runs on Node 18)
// and checks what VS Code would install: the manifest, the grammar and the
// language configuration, byte for byte as in the source, and nothing from test/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import zlib from 'node:zlib';

const require = createRequire(import.meta.url);
const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

// The entries of a zip archive (what a .vsix is): name -> bytes.
function unzip(buffer) {
  let end = buffer.length - 22;
  while (end >= 0 && buffer.readUInt32LE(end) !== 0x06054b50) end--;
  assert.ok(end >= 0, 'a zip archive');
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  const entries = new Map();
  for (let i = 0; i < count; i++) {
    assert.equal(buffer.readUInt32LE(at), 0x02014b50);
    const method = buffer.readUInt16LE(at + 10);
    const size = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    const local = buffer.readUInt32LE(at + 42);
    const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
    const dataAt = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const data = buffer.subarray(dataAt, dataAt + size);
    entries.set(name, method === 8 ? zlib.inflateRawSync(data) : Buffer.from(data));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

test('vsce packages the extension into a .vsix that holds the grammar', () => {
  const vsce = path.join(path.dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
  const version = JSON.parse(readFileSync(require.resolve('@vscode/vsce/package.json'), 'utf8')).version;
  assert.match(version, /^2\./, 'vsce 2.x, which runs on Node 18');
  const out = mkdtempSync(path.join(tmpdir(), 'infra-vsix-'));
  try {
    const vsix = path.join(out, 'infra-language.vsix');
    execFileSync(process.execPath, [vsce, 'package', '--allow-missing-repository', '--skip-license', '--out', vsix],
      { cwd: root, stdio: 'pipe' });
    const entries = unzip(readFileSync(vsix));
    for (const file of ['package.json', 'syntaxes/infra.tmLanguage.json', 'language-configuration.json']) {
      const packaged = entries.get(`extension/${file}`);
      assert.ok(packaged, `extension/${file} is packaged`);
      if (file !== 'package.json') assert.deepEqual(packaged, readFileSync(path.join(root, file)), `${file} as in the source`);
    }
    const manifest = JSON.parse(entries.get('extension/package.json').toString('utf8'));
    assert.equal(manifest.contributes.grammars[0].scopeName, 'source.infra');
    assert.deepEqual(manifest.contributes.languages[0].extensions, ['.infra']);
    assert.ok(entries.has('extension.vsixmanifest'));
    assert.ok(![...entries.keys()].some((name) => name.includes('/test/') || name.includes('node_modules')), [...entries.keys()].join(', '));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
