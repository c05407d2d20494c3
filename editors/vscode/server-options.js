// How the extension runs the server, from its settings (kept apart from extension.js so
// that a test can check it without VS Code).
'use strict';

function serverOptions(config, stdio) {
  const command = config.get('path') || 'infrac';
  const args = ['lsp'];
  if (config.get('spec') === false) args.push('--no-spec');
  return { command, args, transport: stdio };
}

module.exports = { serverOptions };
