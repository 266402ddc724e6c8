import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the server answered, for logs and tests. */
export interface TtsHttpRequestInfo {
  readonly method: string;
  /** The request target, cut to 200 characters. */
  readonly path: string;
  readonly status: number;
  /** The cache hash asked for, when the path had the right shape. */
  readonly hash?: string;
}

/** Options of {@link startTtsHttpServer}. */
export interface TtsHttpServerOptions {
  readonly host: string;
  readonly port: number;
  /** Which files are served: `<hash>.wav` (8 kHz) or `<hash>.wav16` (16 kHz). */
  readonly extension: 'wav' | 'wav16';
  /** The file of a hash, or undefined when there is none (404). May render it again. */
  readonly fileOf: (hash: string) => Promise<string | undefined>;
  readonly onRequest?: (info: TtsHttpRequestInfo) => void;
  /** Called when `fileOf` fails (the request gets a 500). */
  readonly onError?: (error: unknown, hash: string) => void;
}

/** A running TTS file server. */
export interface TtsHttpServer {
  /** `http://127.0.0.1:PORT` (brackets around an IPv6 host). */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const ROUTE = /^\/tts\/([0-9a-f]{64})\.(wav|wav16)$/;

/**
 * The MIME types Asterisk's format_wav registers. res_http_media_cache picks the format from the
 * Content-Type before the URL's extension, and 16 kHz WAV is only recognized by this exact type.
 */
export const WAV_CONTENT_TYPES = {
  wav: 'audio/wav',
  wav16: 'audio/x-wav;codec=pcm;bit=16;rate=16000',
} as const;

/**
 * Serves rendered prompts at `GET /tts/<hash>.wav` (or `.wav16`) and nothing else: the path must
 * be exactly that shape (64 lower-case hex digits), so no request can name another file. Answers
 * with the WAV type Asterisk knows, a Content-Length, a strong ETag and a one-year immutable Cache-Control (a hash
 * never changes content), so Asterisk's media cache fetches each prompt once.
 */
export async function startTtsHttpServer(options: TtsHttpServerOptions): Promise<TtsHttpServer> {
  const server = createServer((request, response) => {
    void handle(request, response, options).then(
      (info) => options.onRequest?.(info),
      () => {
        if (!response.headersSent) response.writeHead(500).end();
        else response.destroy();
      },
    );
  });
  // Asterisk opens one connection per fetch; idle keep-alive sockets must not hold close() up.
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  options: TtsHttpServerOptions,
): Promise<TtsHttpRequestInfo> {
  const method = request.method ?? 'GET';
  const target = request.url ?? '';
  const info = (status: number, hash?: string): TtsHttpRequestInfo => ({
    method,
    path: target.slice(0, 200),
    status,
    ...(hash === undefined ? {} : { hash }),
  });
  if (method !== 'GET' && method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD', 'content-length': 0 }).end();
    return info(405);
  }
  // Only the path counts; a query string (cache busting) is ignored. No decoding, no
  // normalization: anything but the exact shape is refused.
  const path = target.split('?', 1)[0]!;
  const route = ROUTE.exec(path);
  const hash = route?.[1];
  if (hash === undefined || route?.[2] !== options.extension) {
    notFound(response);
    return info(404);
  }
  let file: string | undefined;
  try {
    file = await options.fileOf(hash);
  } catch (error) {
    options.onError?.(error, hash);
    response.writeHead(500, { 'content-length': 0 }).end();
    return info(500, hash);
  }
  const facts = file === undefined ? undefined : await stat(file).catch(() => undefined);
  if (file === undefined || facts === undefined || !facts.isFile()) {
    notFound(response);
    return info(404, hash);
  }
  const etag = `"${hash}"`;
  const headers = {
    'content-type': WAV_CONTENT_TYPES[options.extension],
    etag,
    'cache-control': 'public, max-age=31536000, immutable',
    'last-modified': facts.mtime.toUTCString(),
  };
  if (request.headers['if-none-match']?.split(/\s*,\s*/).some((tag) => tag === etag || tag === '*')) {
    response.writeHead(304, headers).end();
    return info(304, hash);
  }
  response.writeHead(200, { ...headers, 'content-length': facts.size });
  if (method === 'HEAD') {
    response.end();
    return info(200, hash);
  }
  await new Promise<void>((resolve, reject) => {
    const stream = createReadStream(file);
    stream.once('error', (error) => {
      response.destroy(error);
      reject(error);
    });
    response.once('close', () => {
      stream.destroy();
      resolve();
    });
    stream.pipe(response);
  });
  return info(200, hash);
}

function notFound(response: ServerResponse): void {
  response
    .writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'content-length': 10 })
    .end('not found\n');
}
