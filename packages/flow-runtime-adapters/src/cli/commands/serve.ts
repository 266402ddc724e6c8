import { resolve } from 'node:path';
import { normalizeOrigin, SERVE_ADAPTERS, type ServeAdapter } from '../../server/serve-options.js';
import type { ServerConfig } from '../../server/start-server.js';
import type { ParsedArgs } from '../args.js';
import { EXIT_CODES, printable, UsageError, writeLine } from '../io.js';
import type { CliCommand } from './command.js';

/** The port `ringflow serve` listens on when --port is not given. */
export const DEFAULT_PORT = 8300;

function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** The command line of `serve`, checked: every mistake is a UsageError, before anything starts. */
export function serverConfigOf(args: ParsedArgs, cwd: string): ServerConfig {
  const store = stringOption(args, 'store');
  if (store === undefined || store === '') throw new UsageError('missing option --store DIR', 'serve');
  const adapter = stringOption(args, 'adapter');
  if (adapter === undefined) {
    throw new UsageError(`missing option --adapter ${SERVE_ADAPTERS.join('|')}`, 'serve');
  }
  const portText = stringOption(args, 'port') ?? String(DEFAULT_PORT);
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : Number.NaN;
  if (!(port >= 0 && port <= 65_535)) {
    throw new UsageError(
      `option --port must be a port number from 0 to 65535, not ${JSON.stringify(portText)}`,
      'serve',
    );
  }
  const host = stringOption(args, 'host') ?? '127.0.0.1';
  if (host === '') throw new UsageError('option --host must not be empty', 'serve');
  const corsOrigins: string[] = [];
  for (const item of (stringOption(args, 'cors-origin') ?? '').split(',').map((part) => part.trim())) {
    if (item === '') continue;
    const origin = normalizeOrigin(item);
    if (origin === undefined) {
      throw new UsageError(
        `option --cors-origin takes origins such as http://127.0.0.1:5173 (scheme, host and port only), not ${JSON.stringify(item)}`,
        'serve',
      );
    }
    corsOrigins.push(origin);
  }
  const resolvePath = (path: string | undefined) => (path === undefined ? undefined : resolve(cwd, path));
  return {
    storeDir: resolvePath(store)!,
    routesFile: resolvePath(stringOption(args, 'routes')),
    adapter: adapter as ServeAdapter,
    host,
    port,
    tokenFile: resolvePath(stringOption(args, 'token-file')),
    corsOrigins,
  };
}

/** The first SIGTERM or SIGINT, with its name; `dispose` stops listening. */
function listenForStopSignal(): { received: Promise<NodeJS.Signals>; dispose: () => void } {
  let onSignal: (signal: NodeJS.Signals) => void = () => undefined;
  const dispose = () => {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  };
  const received = new Promise<NodeJS.Signals>((resolveSignal) => {
    onSignal = (signal) => {
      dispose();
      resolveSignal(signal);
    };
  });
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return { received, dispose };
}

/** A system error (EACCES, EADDRINUSE...) as one line, or undefined for anything else. */
function systemErrorLine(error: unknown, config: ServerConfig): string | undefined {
  const { code, syscall, path } = error as { code?: unknown; syscall?: unknown; path?: unknown };
  if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return undefined;
  if (syscall === 'listen' || code === 'EADDRINUSE' || code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    return `cannot listen on ${config.host}:${config.port}: ${code}`;
  }
  return `cannot use ${typeof path === 'string' ? path : config.storeDir}: ${code}`;
}

/** `ringflow serve --store DIR --adapter memory [...]`: the runtime and the HTTP API (docs/api.md). */
export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Run published flows on a PBX, with the HTTP API of the designer',
  arguments: [],
  options: {
    store: {
      type: 'string',
      valueName: 'DIR',
      description: 'The flow store folder (created if missing); required',
    },
    adapter: {
      type: 'string',
      valueName: SERVE_ADAPTERS.join('|'),
      choices: SERVE_ADAPTERS,
      description: 'The PBX adapter; required (memory: a simulated PBX for test calls)',
    },
    routes: {
      type: 'string',
      valueName: 'FILE',
      description: 'The routing table file (default: DIR/routes.json)',
    },
    host: { type: 'string', valueName: 'HOST', description: 'Address to listen on (default: 127.0.0.1)' },
    port: {
      type: 'string',
      valueName: 'PORT',
      description: `Port to listen on; 0 picks a free one (default: ${DEFAULT_PORT})`,
    },
    'token-file': {
      type: 'string',
      valueName: 'FILE',
      description: 'Read the API token from FILE (default: generated on the first start)',
    },
    'cors-origin': {
      type: 'string',
      valueName: 'ORIGINS',
      description: 'Browser origins allowed to call the API, comma-separated (e.g. http://127.0.0.1:5173)',
    },
  },
  description: [
    'Runs the runtime host on the adapter: each call is routed by the number dialed (routing table) to',
    'the latest published version of a flow, and recorded in DIR/records/ (JSON Lines). Serves the HTTP',
    'API (docs/api.md) for the designer and for automation: drafts, validation, publishing, versions,',
    'diffs, rollbacks, the routing table, call records and test calls.',
    '',
    'Every request needs "Authorization: Bearer <token>". On the first start without --token-file, a',
    'token is generated and printed once on stderr; only its hash is kept (DIR/api-token.sha256).',
    'Logs are JSON lines on stdout. SIGTERM or SIGINT stops it gracefully: no new requests or calls,',
    'those in progress finish, records are flushed.',
  ],
  exitCodes: '0 stopped by SIGTERM or SIGINT, 2 usage error or the store, token or port cannot be used',
  async run(args, io) {
    const config = serverConfigOf(args, io.cwd);
    // Listen for signals before starting, so that an early SIGTERM still stops the server cleanly.
    const signal = listenForStopSignal();
    // Loaded here, not at the top: the other commands never load the server, the runtime or node:http.
    const [{ startServer, ServerConfigError }, { TokenFileError }, { StoreError }] = await Promise.all([
      import('../../server/start-server.js'),
      import('../../server/api-token.js'),
      import('../../store/store-error.js'),
    ]);
    let running;
    try {
      running = await startServer(config, { logs: io.stdout, notices: io.stderr });
    } catch (error) {
      signal.dispose();
      if (
        error instanceof ServerConfigError ||
        error instanceof TokenFileError ||
        error instanceof StoreError
      ) {
        writeLine(io.stderr, `ringflow: ${printable(error.message)}`);
        return EXIT_CODES.usage;
      }
      const line = systemErrorLine(error, config);
      if (line === undefined) throw error;
      writeLine(io.stderr, `ringflow: ${printable(line)}`);
      return EXIT_CODES.usage;
    }
    const received = await signal.received;
    writeLine(io.stderr, `ringflow: ${received} received, shutting down`);
    const report = await running.shutdown(received);
    writeLine(
      io.stderr,
      `ringflow: stopped (${report.ended} calls ended, ${report.hungUp} hung up, ${report.refused} refused during shutdown)`,
    );
    return EXIT_CODES.ok;
  },
};
