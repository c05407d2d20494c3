// Starts `infrac lsp` for .infra files: live diagnostics, hover with the resource
// specification, go to definition, references, completion, rename, quick fixes.
// The command is the setting `infrac.path` (default: `infrac` on PATH).
'use strict';

const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');
const { serverOptions } = require('./server-options');

let client;

async function activate(context) {
  const config = vscode.workspace.getConfiguration('infrac');
  client = new LanguageClient('infrac', 'infrac language server', serverOptions(config, TransportKind.stdio), {
    documentSelector: [{ scheme: 'file', language: 'infra' }],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{infra,sh}') },
  });
  context.subscriptions.push(client);
  await client.start();
}

async function deactivate() {
  if (client) await client.stop();
}

module.exports = { activate, deactivate };
