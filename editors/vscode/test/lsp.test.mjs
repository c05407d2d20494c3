// The extension's client side against the real server: `infrac lsp` started as the
// extension starts it (server-options.js), spoken to with vscode-languageserver-protocol
// over vscode-jsonrpc -- the libraries vscode-languageclient is built on -- with the
// capabilities VS Code sends (UTF-16 positions), on examples/rebuild. The editor itself
// is not downloaded, so `activate()` is not run; everything below it is.
//
// Needs the server: INFRAC_BINARY=/path/to/build/infrac (CTest sets it); skipped otherwise.
//   INFRAC_BINARY=../../build/infrac node --test test/lsp.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const binary = process.env.INFRAC_BINARY;
const example = path.resolve(here, '..', '..', '..', 'examples', 'rebuild');

test('the extension starts infrac lsp with the settings', () => {
  const { serverOptions } = require('../server-options.js');
  const settings = (values) => ({ get: (key) => values[key] });
  assert.deepEqual(serverOptions(settings({}), 0), { command: 'infrac', args: ['lsp'], transport: 0 });
  assert.deepEqual(serverOptions(settings({ path: '/opt/infrac', spec: false }), 0),
                   { command: '/opt/infrac', args: ['lsp', '--no-spec'], transport: 0 });
});

test('a session on examples/rebuild: diagnostics, hover, definition, completion, rename, quick fix, formatting', { skip: !binary && 'set INFRAC_BINARY', timeout: 60000 }, async () => {
  const rpc = require('vscode-languageserver-protocol/node');
  const { serverOptions } = require('../server-options.js');
  const options = serverOptions({ get: (key) => (key === 'path' ? binary : undefined) }, 0);
  const child = spawn(options.command, options.args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const published = [];
  const waiters = [];
  connection.onNotification(rpc.PublishDiagnosticsNotification.type, (params) => {
    published.push(params);
    waiters.splice(0).forEach((w) => w());
  });
  connection.listen();
  try {
    await session(connection, rpc, published, waiters, child);
  } finally {
    connection.dispose();
    child.kill();
  }
});

async function session(connection, rpc, published, waiters, child) {
  const nextDiagnostics = async (uri, version) => {
    for (;;) {
      const found = published.find((p) => p.uri === uri && p.version === version);
      if (found) return found;
      await new Promise((resolve) => waiters.push(resolve));
    }
  };

  const init = await connection.sendRequest(rpc.InitializeRequest.type, {
    processId: process.pid, rootUri: pathToFileURL(example).href,
    capabilities: { general: { positionEncodings: ['utf-16'] }, textDocument: { hover: { contentFormat: ['markdown'] } } },
  });
  assert.equal(init.capabilities.positionEncoding, 'utf-16');
  await connection.sendNotification(rpc.InitializedNotification.type, {});

  const file = path.join(example, 'app.infra');
  const uri = pathToFileURL(file).href;
  const text = await readFile(file, 'utf8');
  await connection.sendNotification(rpc.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'infra', version: 1, text } });
  const clean = await nextDiagnostics(uri, 1);
  assert.deepEqual(clean.diagnostics, []);

  // Positions as VS Code computes them (UTF-16, 0-based).
  const positionOf = (needle, index = 0) => {
    const lines = text.split('\n');
    let seen = 0;
    for (let line = 0; line < lines.length; line++) {
      let at = -1;
      while ((at = lines[line].indexOf(needle, at + 1)) >= 0) {
        if (seen++ === index) return { line, character: at };
      }
    }
    throw new Error(`${needle} not found`);
  };
  const use = positionOf('ImageId: AppServerAMI');
  const onName = { line: use.line, character: use.character + 'ImageId: '.length + 1 };
  const hover = await connection.sendRequest(rpc.HoverRequest.type, { textDocument: { uri }, position: onName });
  assert.match(hover.contents.value, /param \*\*AppServerAMI\*\*/);
  const definition = await connection.sendRequest(rpc.DefinitionRequest.type, { textDocument: { uri }, position: onName });
  assert.equal(definition.length, 1);
  assert.equal(definition[0].range.start.line, positionOf('param AppServerAMI').line);
  // network.NetPublicSubnetAId in the `use` (the header comment names it too): an output the
  // network stack's `use Network as Net` makes in a loop of the standard library.
  const network = positionOf('[network.NetPublicSubnetAId');
  const output = await connection.sendRequest(rpc.DefinitionRequest.type, { textDocument: { uri }, position: { line: network.line, character: network.character + 'network.Net'.length } });
  assert.match(output[0].uri, /stdlib\/std\/aws\/network\.infra$/);

  const rename = await connection.sendRequest(rpc.RenameRequest.type, { textDocument: { uri }, position: onName, newName: 'ServerImage' });
  assert.equal(rename.changes[uri].length, 2);

  // A typo: an error with a did-you-mean, and its quick fix.
  const typo = text.replace('ImageId: AppServerAMI', 'ImageId: AppServerAMl');
  await connection.sendNotification(rpc.DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: typo }] });
  const broken = await nextDiagnostics(uri, 2);
  assert.equal(broken.diagnostics.length, 1);
  assert.match(broken.diagnostics[0].message, /unknown name `AppServerAMl`/);
  const actions = await connection.sendRequest(rpc.CodeActionRequest.type, { textDocument: { uri }, range: broken.diagnostics[0].range, context: { diagnostics: broken.diagnostics } });
  assert.equal(actions[0].title, 'change to `AppServerAMI`');

  await connection.sendNotification(rpc.DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 3 }, contentChanges: [{ text }] });
  assert.deepEqual((await nextDiagnostics(uri, 3)).diagnostics, []);

  // Formatting (infrac fmt's layout): the example is formatted; a line spaced otherwise gets one edit.
  const options = { tabSize: 4, insertSpaces: true };
  assert.deepEqual(await connection.sendRequest(rpc.DocumentFormattingRequest.type, { textDocument: { uri }, options }), []);
  const spaced = text.replace('param AppServerInstanceType: String', 'param AppServerInstanceType:String');
  await connection.sendNotification(rpc.DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 4 }, contentChanges: [{ text: spaced }] });
  const edits = await connection.sendRequest(rpc.DocumentFormattingRequest.type, { textDocument: { uri }, options });
  assert.equal(edits.length, 1);
  assert.equal(edits[0].range.start.line, positionOf('param AppServerInstanceType').line);
  assert.match(edits[0].newText, /^  param AppServerInstanceType: String/);

  await connection.sendRequest(rpc.ShutdownRequest.type);
  const exited = new Promise((resolve) => child.on('exit', resolve));
  await connection.sendNotification(rpc.ExitNotification.type);
  assert.equal(await exited, 0);
}
