import { execFileSync } from 'node:child_process';
import diagnostics from 'node:diagnostics_channel';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/*
 * What the load test measures besides calls: memory after full collections (this process, and
 * Asterisk's resident size), CPU time, and the moment each ARI request is created and sent, from
 * undici's diagnostics channels (Node's fetch), without touching the client.
 */

/**
 * Numbers stored in a buffer allocated once, so that collecting figures during the run does not
 * itself grow the heap that is being watched for leaks.
 */
export class SampleBuffer {
  readonly #values: Float64Array;
  #length = 0;
  #dropped = 0;

  constructor(capacity: number) {
    this.#values = new Float64Array(capacity);
  }

  push(value: number): void {
    if (this.#length === this.#values.length) this.#dropped += 1;
    else this.#values[this.#length++] = value;
  }

  get length(): number {
    return this.#length;
  }

  /** Values that did not fit (the capacity was too small for the run). */
  get dropped(): number {
    return this.#dropped;
  }

  values(): number[] {
    return Array.from(this.#values.subarray(0, this.#length));
  }
}

/** A full collection: global.gc when Node runs with --expose-gc, else the same function fetched via v8 flags. */
export function findGc(): { gc: (() => void) | null; how: string } {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return { gc: exposed, how: 'global.gc (--expose-gc)' };
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    if (typeof gc === 'function') {
      return { gc: gc as () => void, how: "gc() exposed at run time (v8.setFlagsFromString('--expose-gc'))" };
    }
  } catch {
    // No collection available: said in the report.
  }
  return { gc: null, how: 'no gc available: heap figures include garbage not yet collected' };
}

/** Resident memory of a process in bytes (/proc/<pid>/status VmRSS), null when it cannot be read. */
export function processRss(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

let ticksPerSecond: number | undefined;

/** CPU time (user + system) a process has used, in seconds, from /proc/<pid>/stat; null when unreadable. */
export function processCpuSeconds(pid: number): number | null {
  try {
    ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
  } catch {
    return null;
  }
}

/** One memory sample. */
export interface MemorySample {
  /** Seconds since the load started. */
  readonly atSeconds: number;
  /** heapUsed after full collections (bytes). */
  readonly heapUsed: number;
  readonly rss: number;
  /** Asterisk's resident memory (bytes), null when unknown. */
  readonly asteriskRss: number | null;
  /** How long the collections took (ms): the event loop was blocked that long. */
  readonly gcMs: number;
  /** Calls the runtime had in progress at the sample. */
  readonly activeCalls: number;
  /** The machine's 1-minute load average at the sample. */
  readonly loadAverage: number;
}

/** Takes one memory sample (full collections first when `gc` is given). */
export function sampleMemory(
  atSeconds: number,
  gc: (() => void) | null,
  asteriskPid: number | undefined,
  activeCalls: number,
): MemorySample {
  const start = performance.now();
  // One full (mark-compact) collection: what is live at that moment, at half the pause of two.
  gc?.();
  const gcMs = performance.now() - start;
  const usage = process.memoryUsage();
  return {
    atSeconds,
    heapUsed: usage.heapUsed,
    rss: usage.rss,
    asteriskRss: asteriskPid === undefined ? null : processRss(asteriskPid),
    gcMs,
    activeCalls,
    loadAverage: loadavg()[0]!,
  };
}

/**
 * Theil–Sen slope of y over x (units of y per unit of x): the median of the slopes between every
 * two points. A sample taken while the machine was starved (a backlog of events in flight) moves
 * it much less than it moves a least-squares fit. 0 with fewer than two points.
 */
export function robustSlope(points: readonly { x: number; y: number }[]): number {
  const slopes: number[] = [];
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      const dx = points[j]!.x - points[i]!.x;
      if (dx !== 0) slopes.push((points[j]!.y - points[i]!.y) / dx);
    }
  }
  if (slopes.length === 0) return 0;
  slopes.sort((a, b) => a - b);
  const middle = slopes.length >> 1;
  return slopes.length % 2 === 1 ? slopes[middle]! : (slopes[middle - 1]! + slopes[middle]!) / 2;
}

/** The mean of values; NaN when there are none. */
export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** One ARI request as undici saw it. */
export interface AriRequestEvent {
  /** Created, headers written to the socket, answered (response headers received), or failed. */
  readonly phase: 'created' | 'sent' | 'answered' | 'failed';
  readonly method: string;
  /** Path and query, e.g. `/ari/channels/load-1/answer`. */
  readonly path: string;
  /** performance.now() of the moment. */
  readonly at: number;
  /** For `answered` and `failed`: ms since the request was created. */
  readonly durationMs?: number;
}

interface UndiciRequestMessage {
  readonly request: { readonly origin: string; readonly method: string; readonly path: string };
}

/**
 * Calls `listener` for every HTTP request to `origin` made with Node's fetch: when it is created
 * (`undici:request:create`), when its headers are written to the socket
 * (`undici:client:sendHeaders`), when the answer's headers arrive (`undici:request:headers`) or
 * when it fails (`undici:request:error`). Counts the connections to `origin`: opened in all, and the most
 * open at once.
 */
export function watchHttpRequests(
  origin: string,
  listener: (event: AriRequestEvent) => void,
): { stop(): void; readonly connections: number; readonly peakOpen: number } {
  const wanted = new URL(origin).origin;
  let connections = 0;
  let open = 0;
  let peakOpen = 0;
  const createdAt = new WeakMap<object, number>();
  const on = (phase: AriRequestEvent['phase']) => (message: unknown) => {
    const { request } = message as UndiciRequestMessage;
    if (request.origin !== wanted) return;
    const at = performance.now();
    if (phase === 'created') createdAt.set(request, at);
    const start = createdAt.get(request);
    listener({
      phase,
      method: request.method,
      path: request.path,
      at,
      ...((phase === 'answered' || phase === 'failed') && start !== undefined
        ? { durationMs: at - start }
        : {}),
    });
  };
  const created = on('created');
  const sent = on('sent');
  const answered = on('answered');
  const failed = on('failed');
  const connected = (message: unknown) => {
    const { connectParams, socket } = message as {
      connectParams?: { protocol: string; hostname: string; port: string };
      socket?: { once(event: 'close', listener: () => void): unknown };
    };
    if (connectParams === undefined) return;
    const port = connectParams.port === '' ? '' : `:${connectParams.port}`;
    if (`${connectParams.protocol}//${connectParams.hostname}${port}` !== wanted) return;
    connections += 1;
    open += 1;
    peakOpen = Math.max(peakOpen, open);
    socket?.once('close', () => (open -= 1));
  };
  diagnostics.subscribe('undici:request:create', created);
  diagnostics.subscribe('undici:client:sendHeaders', sent);
  diagnostics.subscribe('undici:client:connected', connected);
  diagnostics.subscribe('undici:request:headers', answered);
  diagnostics.subscribe('undici:request:error', failed);
  return {
    stop() {
      diagnostics.unsubscribe('undici:request:headers', answered);
      diagnostics.unsubscribe('undici:request:error', failed);
      diagnostics.unsubscribe('undici:request:create', created);
      diagnostics.unsubscribe('undici:client:sendHeaders', sent);
      diagnostics.unsubscribe('undici:client:connected', connected);
    },
    get connections() {
      return connections;
    },
    get peakOpen() {
      return peakOpen;
    },
  };
}
