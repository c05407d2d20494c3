// cdk-from-cfn (a CloudFormation template as a CDK app) on one template, as bench/commands.py
// times it beside `infrac import`: the TypeScript stack it writes, to stdout. With --synth it
// checks the program instead: compiled with TypeScript (transpileModule: syntax only), then, if it
// compiles, run with aws-cdk-lib and synthesized (every parameter given as a prop `value-of-NAME`,
// nothing of CDK's own added); prints {"errors": [...]} or {"template": ...} as JSON.
//   node cdk_from_cfn.js TEMPLATE.json [--synth]
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { transmute } = require('cdk-from-cfn');

// Written with process.stdout.write and no process.exit, which would cut a pipe's output at 64 KB.
function main() {
  const input = fs.readFileSync(process.argv[2], 'utf8');
  const program = transmute(input, 'typescript', 'BenchStack');
  if (process.argv[3] === '--synth') {
    process.stdout.write(JSON.stringify(synthesize(input, program)) + '\n');
  } else {
    process.stdout.write(program);
  }
}

// {errors: [...]} when TypeScript does not compile the program, else {template: ...}.
function synthesize(input, program) {
  const ts = require('typescript');
  const compiled = ts.transpileModule(program, {
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
  });
  if (compiled.diagnostics.length > 0) {
    const errors = compiled.diagnostics.map((d) => {
      const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
      return `${line + 1}:${character + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    });
    return { errors };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infrac-cdk-from-cfn-'));
  fs.writeFileSync(path.join(dir, 'stack.js'), compiled.outputText);
  const cdk = require('aws-cdk-lib');
  const { BenchStack } = require(path.join(dir, 'stack.js'));
  const props = {};
  for (const name of Object.keys(JSON.parse(input).Parameters || {})) {
    props[name[0].toLowerCase() + name.slice(1)] = `value-of-${name}`;
  }
  const app = new cdk.App({
    outdir: path.join(dir, 'cdk.out'),
    analyticsReporting: false,
    postCliContext: { 'aws:cdk:enable-path-metadata': false, 'aws:cdk:version-reporting': false },
  });
  new BenchStack(app, 'Bench', {
    ...props,
    analyticsReporting: false,
    synthesizer: new cdk.DefaultStackSynthesizer({ generateBootstrapVersionRule: false }),
  });
  const template = app.synth().getStackByName('Bench').template;
  fs.rmSync(dir, { recursive: true, force: true });
  return { template };
}

main();
