/*
 * What the `serve` command line needs before the server is loaded: kept apart from the server's
 * modules so that `ringflow validate` and the other commands never load HTTP or runtime code. The
 * Asterisk adapter and its TTS are loaded on demand, by `createAsteriskServeAdapter`.
 */
import { join } from 'node:path';
import type { LegTarget } from '@ringflow/flow-core';
import type { CallAdapter } from '../adapter/adapter.js';
import type { RuntimeLogger } from '../runtime/logger.js';

/** The adapters `ringflow serve` knows. */
export const SERVE_ADAPTERS = ['memory', 'asterisk-ari'] as const;
export type ServeAdapter = (typeof SERVE_ADAPTERS)[number];

/** Checks and normalizes an origin for --cors-origin: `scheme://host[:port]`, nothing more. */
export function normalizeOrigin(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') return undefined;
  if (url.pathname !== '/' || value.endsWith('/')) return undefined;
  return url.origin;
}

/** The dial string of an agent when --agent-endpoint is not given. */
export const DEFAULT_AGENT_ENDPOINT = 'PJSIP/{agent}';
/** The dial string of an external number when --external-endpoint is not given. */
export const DEFAULT_EXTERNAL_ENDPOINT_TEMPLATE = 'PJSIP/{number}@trunk';

/** `ringflow serve --adapter asterisk-ari`: how to reach Asterisk and how calls map onto it. */
export interface AsteriskServeConfig {
  /** Asterisk's HTTP server (http.conf), e.g. `http://127.0.0.1:8088`. */
  readonly url: string;
  /** The ARI user (ari.conf). */
  readonly user: string;
  /** A file holding the ARI password; absent: the RINGFLOW_ARI_PASSWORD environment variable. */
  readonly passwordFile?: string | undefined;
  /** The Stasis application the dialplan sends calls to. */
  readonly app: string;
  /** Dial string of an agent; `{agent}` is the agent id, `{extension}` its extension (else the id). */
  readonly agentEndpoint: string;
  /** Dial string of an external number; `{number}` is the number. */
  readonly externalEndpoint: string;
  /** `asterisk`: presences from device and endpoint states; `off`: every agent available. */
  readonly presence: 'asterisk' | 'off';
  /** Music-on-hold class played while agents ring; absent: the flow's ring music (or ringback). */
  readonly mohClass?: string | undefined;
  /** Asterisk's recordings folder as this machine sees it (voicemail paths in records become absolute). */
  readonly recordingsDir?: string | undefined;
  /** TTS cache folder; default `<store>/tts-cache`. */
  readonly ttsCacheDir?: string | undefined;
  /** Port of the loopback HTTP server Asterisk fetches TTS prompts from; 0 picks a free one. */
  readonly ttsPort: number;
  /** Folder that background music files of TTS sounds are read from; default the store folder. */
  readonly soundsDir?: string | undefined;
}

/** Fills an endpoint template (`PJSIP/{agent}`, `PJSIP/{number}@trunk`) for one ring leg. */
export function endpointTemplateFor(
  agentEndpoint: string,
  externalEndpoint: string,
): (target: LegTarget) => string {
  return (target) =>
    target.kind === 'agent'
      ? agentEndpoint
          .replaceAll('{agent}', target.agent)
          .replaceAll('{extension}', target.extension ?? target.agent)
      : externalEndpoint.replaceAll('{number}', target.number);
}

/** What `createAsteriskServeAdapter` made: the adapter, and what to close after the runtime stopped. */
export interface AsteriskServeAdapter {
  readonly adapter: CallAdapter;
  /** Whether TTS prompts can be played (false when espeak-ng is missing). */
  readonly tts: boolean;
  /** Stops the TTS server. */
  close(): Promise<void>;
}

/**
 * The Asterisk ARI adapter of `ringflow serve`, with text to speech (espeak-ng, cached, served to
 * Asterisk over loopback HTTP). Without espeak-ng, it still runs: TTS prompts are then skipped and
 * recorded as failed, and a warning says so at start.
 */
export async function createAsteriskServeAdapter(
  config: AsteriskServeConfig,
  context: { readonly storeDir: string; readonly logger: RuntimeLogger },
): Promise<AsteriskServeAdapter> {
  const { createAsteriskAriAdapter, createTtsMedia } = await import('../asterisk-ari/index.js');
  let tts: Awaited<ReturnType<typeof createTtsMedia>> | undefined;
  try {
    tts = await createTtsMedia({
      cacheDir: config.ttsCacheDir ?? join(context.storeDir, 'tts-cache'),
      musicDir: config.soundsDir ?? context.storeDir,
      serve: { host: '127.0.0.1', port: config.ttsPort },
      logger: context.logger,
    });
  } catch (error) {
    context.logger({
      time: new Date().toISOString(),
      level: 'warn',
      event: 'server.ttsUnavailable',
      message: error instanceof Error ? error.message : String(error),
      hint: 'install espeak-ng to play text-to-speech prompts; they are skipped until then',
    });
  }
  const adapter = createAsteriskAriAdapter({
    url: config.url,
    user: config.user,
    ...(config.passwordFile !== undefined ? { passwordFile: config.passwordFile } : {}),
    app: config.app,
    endpointFor: endpointTemplateFor(config.agentEndpoint, config.externalEndpoint),
    externalEndpoint: config.externalEndpoint,
    presence: { source: config.presence },
    ...(config.mohClass !== undefined ? { ringMusic: { mohClass: config.mohClass } } : {}),
    ...(config.recordingsDir !== undefined ? { recordingsDir: config.recordingsDir } : {}),
    ...(tts !== undefined ? { tts } : {}),
    logger: context.logger,
  });
  return { adapter, tts: tts !== undefined, close: async () => tts?.close() };
}

/**
 * A PBX that cannot be used at start (unreachable, credentials refused, no password): one line
 * for the operator that names the URL and the user, never the password.
 */
export class AdapterStartError extends Error {
  override readonly name = 'AdapterStartError';
}

/** The start failure of the Asterisk adapter, said for the operator. */
export function asteriskStartError(config: AsteriskServeConfig, error: unknown): AdapterStartError {
  const reason = (error instanceof Error ? error.message : String(error)).replace(
    /^asterisk-ari: cannot connect to Asterisk: /,
    '',
  );
  return new AdapterStartError(
    `cannot connect to Asterisk at ${config.url} as ARI user "${config.user}" (app "${config.app}"): ${reason}`,
    { cause: error },
  );
}
