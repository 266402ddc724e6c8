import { resolve } from 'node:path';
import {
  AdapterStartError,
  DEFAULT_AGENT_ENDPOINT,
  DEFAULT_EXTERNAL_ENDPOINT_TEMPLATE,
  normalizeOrigin,
  SERVE_ADAPTERS,
  type AsteriskServeConfig,
  type ServeAdapter,
} from '../../server/serve-options.js';
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

/** The options that only mean something with `--adapter asterisk-ari`. */
const ASTERISK_OPTIONS = [
  'ari-url',
  'ari-user',
  'ari-password-file',
  'ari-app',
  'agent-endpoint',
  'external-endpoint',
  'presence',
  'moh-class',
  'recordings-dir',
  'tts-cache',
  'tts-port',
  'sounds-dir',
] as const;

/** The environment variable the ARI password may come from (instead of --ari-password-file). */
const ARI_PASSWORD_ENV = 'RINGFLOW_ARI_PASSWORD';

function portOption(args: ParsedArgs, name: string, fallback: number): number {
  const text = stringOption(args, name) ?? String(fallback);
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 0 && port <= 65_535)) {
    throw new UsageError(
      `option --${name} must be a port number from 0 to 65535, not ${JSON.stringify(text)}`,
      'serve',
    );
  }
  return port;
}

/** The Asterisk options of `serve`, checked; `env` is where RINGFLOW_ARI_PASSWORD is looked for. */
function asteriskConfigOf(
  args: ParsedArgs,
  resolvePath: (path: string | undefined) => string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): AsteriskServeConfig {
  const url = stringOption(args, 'ari-url');
  if (url === undefined) {
    throw new UsageError(
      "missing option --ari-url URL (Asterisk's HTTP server, e.g. http://127.0.0.1:8088)",
      'serve',
    );
  }
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (
    parsed === undefined ||
    (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') ||
    parsed.username !== '' ||
    parsed.password !== '' ||
    parsed.search !== '' ||
    parsed.hash !== ''
  ) {
    throw new UsageError(
      `option --ari-url takes Asterisk's HTTP address such as http://127.0.0.1:8088 (no user or password in it), not ${printable(JSON.stringify(parsed === undefined ? url : parsed.origin + parsed.pathname))}`,
      'serve',
    );
  }
  const user = stringOption(args, 'ari-user');
  if (user === undefined || user === '')
    throw new UsageError('missing option --ari-user USER (ari.conf)', 'serve');
  const passwordFile = resolvePath(stringOption(args, 'ari-password-file'));
  if (passwordFile === undefined && (env[ARI_PASSWORD_ENV] ?? '') === '') {
    throw new UsageError(
      `missing option --ari-password-file FILE (or the ${ARI_PASSWORD_ENV} environment variable)`,
      'serve',
    );
  }
  const app = stringOption(args, 'ari-app') ?? 'ringflow';
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(app)) {
    throw new UsageError(
      `option --ari-app must be a Stasis application name (letters, digits, _ . -), not ${JSON.stringify(app)}`,
      'serve',
    );
  }
  const agentEndpoint = stringOption(args, 'agent-endpoint') ?? DEFAULT_AGENT_ENDPOINT;
  if (!/^[^/\s]+\/\S+$/.test(agentEndpoint) || !/\{(agent|extension)\}/.test(agentEndpoint)) {
    throw new UsageError(
      `option --agent-endpoint must be a dial string with {agent} or {extension}, such as ${DEFAULT_AGENT_ENDPOINT}, not ${JSON.stringify(agentEndpoint)}`,
      'serve',
    );
  }
  const externalEndpoint = stringOption(args, 'external-endpoint') ?? DEFAULT_EXTERNAL_ENDPOINT_TEMPLATE;
  if (!/^[^/\s]+\/\S+$/.test(externalEndpoint) || !externalEndpoint.includes('{number}')) {
    throw new UsageError(
      `option --external-endpoint must be a dial string with {number}, such as ${DEFAULT_EXTERNAL_ENDPOINT_TEMPLATE}, not ${JSON.stringify(externalEndpoint)}`,
      'serve',
    );
  }
  const mohClass = stringOption(args, 'moh-class');
  if (mohClass !== undefined && !/^[A-Za-z0-9_.-]{1,80}$/.test(mohClass)) {
    throw new UsageError(
      `option --moh-class must be a music-on-hold class name, not ${JSON.stringify(mohClass)}`,
      'serve',
    );
  }
  return {
    url: parsed.origin + parsed.pathname.replace(/\/+$/, ''),
    user,
    passwordFile,
    app,
    agentEndpoint,
    externalEndpoint,
    presence: stringOption(args, 'presence') === 'off' ? 'off' : 'asterisk',
    mohClass,
    recordingsDir: resolvePath(stringOption(args, 'recordings-dir')),
    ttsCacheDir: resolvePath(stringOption(args, 'tts-cache')),
    ttsPort: portOption(args, 'tts-port', 0),
    soundsDir: resolvePath(stringOption(args, 'sounds-dir')),
  };
}

/** The command line of `serve`, checked: every mistake is a UsageError, before anything starts. */
export function serverConfigOf(
  args: ParsedArgs,
  cwd: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): ServerConfig {
  const store = stringOption(args, 'store');
  if (store === undefined || store === '') throw new UsageError('missing option --store DIR', 'serve');
  const adapter = stringOption(args, 'adapter');
  if (adapter === undefined) {
    throw new UsageError(`missing option --adapter ${SERVE_ADAPTERS.join('|')}`, 'serve');
  }
  const port = portOption(args, 'port', DEFAULT_PORT);
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
  if (adapter !== 'asterisk-ari') {
    const misplaced = ASTERISK_OPTIONS.find((name) => args.values[name] !== undefined);
    if (misplaced !== undefined) {
      throw new UsageError(`option --${misplaced} only applies to --adapter asterisk-ari`, 'serve');
    }
  }
  return {
    storeDir: resolvePath(store)!,
    routesFile: resolvePath(stringOption(args, 'routes')),
    adapter: adapter as ServeAdapter,
    ...(adapter === 'asterisk-ari' ? { asterisk: asteriskConfigOf(args, resolvePath, env) } : {}),
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
    'ari-url': {
      type: 'string',
      valueName: 'URL',
      description: "asterisk-ari: Asterisk's HTTP server (http.conf), e.g. http://127.0.0.1:8088; required",
    },
    'ari-user': {
      type: 'string',
      valueName: 'USER',
      description: 'asterisk-ari: the ARI user (ari.conf); required',
    },
    'ari-password-file': {
      type: 'string',
      valueName: 'FILE',
      description: `asterisk-ari: a file holding the ARI password (else the ${ARI_PASSWORD_ENV} variable)`,
    },
    'ari-app': {
      type: 'string',
      valueName: 'NAME',
      description: 'asterisk-ari: the Stasis application the dialplan sends calls to (default: ringflow)',
    },
    'agent-endpoint': {
      type: 'string',
      valueName: 'TEMPLATE',
      description: `asterisk-ari: dial string of an agent, {agent} or {extension} (default: ${DEFAULT_AGENT_ENDPOINT})`,
    },
    'external-endpoint': {
      type: 'string',
      valueName: 'TEMPLATE',
      description: `asterisk-ari: dial string of an external number, {number} (default: ${DEFAULT_EXTERNAL_ENDPOINT_TEMPLATE})`,
    },
    presence: {
      type: 'string',
      valueName: 'asterisk|off',
      choices: ['asterisk', 'off'],
      description:
        'asterisk-ari: agent presences from device states, or off: all available (default: asterisk)',
    },
    'moh-class': {
      type: 'string',
      valueName: 'CLASS',
      description:
        "asterisk-ari: music-on-hold class played while agents ring (default: the flow's ring music)",
    },
    'recordings-dir': {
      type: 'string',
      valueName: 'DIR',
      description:
        "asterisk-ari: Asterisk's recordings folder as seen here (voicemail paths become absolute)",
    },
    'tts-cache': {
      type: 'string',
      valueName: 'DIR',
      description: 'asterisk-ari: folder of rendered text-to-speech prompts (default: DIR/tts-cache)',
    },
    'tts-port': {
      type: 'string',
      valueName: 'PORT',
      description: 'asterisk-ari: loopback port Asterisk fetches prompts from; 0 picks one (default: 0)',
    },
    'sounds-dir': {
      type: 'string',
      valueName: 'DIR',
      description: 'asterisk-ari: folder of the background music files of TTS sounds (default: DIR)',
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
    '',
    'With --adapter asterisk-ari, calls come from Asterisk through ARI (docs/adapters/asterisk-ari.md):',
    'the dialplan sends them to Stasis(<--ari-app>). The ARI password is read from --ari-password-file',
    `or the ${ARI_PASSWORD_ENV} environment variable, never from the command line, and never printed.`,
    'Test calls (POST /v1/test-calls) need --adapter memory.',
  ],
  exitCodes:
    '0 stopped by SIGTERM or SIGINT, 2 usage error, the store, token or port cannot be used, or Asterisk cannot be reached or refuses the ARI credentials',
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
        error instanceof StoreError ||
        error instanceof AdapterStartError
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
