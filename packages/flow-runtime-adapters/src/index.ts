/**
 * @ringflow/flow-runtime-adapters: the Node side of ringflow. For now, the `ringflow` command line
 * (validate, format, schema); the runtime host and the PBX adapters come next, one subpath each.
 *
 * @example
 * import { runCli } from '@ringflow/flow-runtime-adapters';
 * process.exitCode = await runCli(['validate', 'examples/support-line/flow.json'], {
 *   stdout: process.stdout,
 *   stderr: process.stderr,
 *   cwd: process.cwd(),
 * });
 *
 * @packageDocumentation
 */

// The command line.
export { runCli } from './cli/main.js';
export { EXIT_CODES } from './cli/io.js';

// Types.
export type { CliIo, CliOutput } from './cli/io.js';
export type { CliIssue, CliIssueCode, CliReport } from './cli/report.js';
