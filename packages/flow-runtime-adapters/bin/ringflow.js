#!/usr/bin/env node
// The CLI runs from the compiled output; `npm install` builds it through the root `prepare` script.

// A reader that goes away (`ringflow validate flow.json | head -1`) is not worth a stack trace: the
// rest of the output is dropped and the command still ends with its own exit code.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') process.exit(70);
  });
}

let runCli;
try {
  ({ runCli } = await import('../dist/cli/main.js'));
} catch (error) {
  const notBuilt = error?.code === 'ERR_MODULE_NOT_FOUND' && /[\\/]dist[\\/]/.test(String(error.message));
  process.stderr.write(
    notBuilt
      ? 'ringflow: internal error: the CLI is not built; run "npm run build" at the root of the repository\n'
      : `ringflow: internal error: ${String(error?.message ?? error).split('\n')[0]}\n`,
  );
  process.exit(70);
}

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
});
