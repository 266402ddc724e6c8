#!/usr/bin/env node
// The CLI runs from the compiled output; `npm install` builds it through the root `prepare` script.
import { runCli } from '../dist/cli/main.js';

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
});
