#!/usr/bin/env node
// The `kubearch` command: runs the TypeScript sources through tsx, so it works right after
// `npm ci` with no build step.
import { register } from 'tsx/esm/api';
import { readFileSync } from 'node:fs';

register();
const { main } = await import('../src/cli/main.ts');
const { readDirNames } = await import('../src/cli/node-files.ts');
const code = main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => readFileSync(path, 'utf8'),
  readDir: readDirNames,
});
process.exitCode = code;
