import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { udpPortIsFree } from '../../../../scripts/asterisk/ports.js';
import { renderRtpPcap, type KeyPress } from '../../../../scripts/asterisk/rtp-pcap.js';

/*
 * A scenario's caller as a SIP phone: sipp places the call to Asterisk with RTP audio and RFC 4733
 * key presses at set times after the answer (scripts/asterisk/rtp-pcap.ts), and hangs up when the
 * driver tells it to: a SIP MESSAGE on the call's Call-ID makes it send a CANCEL before the answer,
 * a BYE after. scripts/asterisk/sipp.ts's placeSippCall hangs up at a set time after the answer
 * only, which cannot say "hang up 30 s after dialing, whether answered or not".
 */

const TEMPLATE = fileURLToPath(new URL('./sipp/caller.xml', import.meta.url));

/** SIP final responses the caller accepts as "refused" (it then ACKs and ends cleanly). */
const FAILURE_CODES = [403, 404, 408, 410, 480, 484, 486, 487, 488, 500, 501, 502, 503, 504, 600, 603, 604];

/** sipp steps that take any of `codes` as the INVITE's final response and go ACK it. */
const failureRecvs = (codes: readonly number[]) =>
  codes.map((code) => `  <recv response="${code}" optional="true" next="failed"/>`).join('\n');

/**
 * Media ports of the callers: sipp binds four from its `-mp` port (audio RTP and RTCP, then video
 * RTP and RTCP), so each caller gets a block of four that no other caller of this process has, all
 * free when handed out. Blocks are taken above Asterisk's RTP range (20000-31999 in the lab).
 */
const MEDIA_BLOCKS = { first: 36000, last: 59996, size: 4 } as const;
const mediaBlocksInUse = new Set<number>();
let nextMediaBlock: number = MEDIA_BLOCKS.first;

/** A block of four free UDP ports for a sipp process's media (see MEDIA_BLOCKS); give it back with {@link releaseMediaBlock}. */
export async function takeMediaBlock(): Promise<number> {
  const blocks = (MEDIA_BLOCKS.last - MEDIA_BLOCKS.first) / MEDIA_BLOCKS.size + 1;
  for (let tried = 0; tried < blocks; tried++) {
    const port = nextMediaBlock;
    nextMediaBlock =
      port + MEDIA_BLOCKS.size > MEDIA_BLOCKS.last ? MEDIA_BLOCKS.first : port + MEDIA_BLOCKS.size;
    if (mediaBlocksInUse.has(port)) continue;
    mediaBlocksInUse.add(port);
    const free = await Promise.all([0, 1, 2, 3].map((offset) => udpPortIsFree(port + offset)));
    if (free.every(Boolean)) return port;
    mediaBlocksInUse.delete(port);
  }
  throw new Error(
    `no free block of ${MEDIA_BLOCKS.size} UDP ports for sipp media in ${MEDIA_BLOCKS.first}-${MEDIA_BLOCKS.last + 3}`,
  );
}

/** Gives back a block of {@link takeMediaBlock}. */
export function releaseMediaBlock(port: number): void {
  mediaBlocksInUse.delete(port);
}

/** sipp callers whose process is running, in this test process. */
const runningCallers = new Set<object>();

/** How many sipp callers are running (a test checks that none is left behind). */
export function sippCallersRunning(): number {
  return runningCallers.size;
}

/** Options of {@link placeSippCaller}. */
export interface SippCallerOptions {
  /** Asterisk's SIP port on 127.0.0.1. */
  readonly sipPort: number;
  /** The caller's SIP port on 127.0.0.1. */
  readonly port: number;
  /** The number dialed. */
  readonly to: string;
  /** The caller's number; null: anonymous (From: anonymous@anonymous.invalid, Privacy: id). */
  readonly from: string | null;
  /** The Stasis app of the call (X-Ringflow-App header); also names the call (its Call-ID). */
  readonly app: string;
  /** Key presses, each `atSeconds` after the answer. */
  readonly keys: readonly KeyPress[];
  /** Seconds of audio sent after the answer. */
  readonly audioSeconds: number;
}

/** A call in progress. */
export interface SippCaller {
  /** Settles when sipp has ended: its exit code, and its folder and errors when it failed (the folder is kept). */
  readonly done: Promise<{
    readonly exitCode: number | null;
    readonly dir: string | null;
    readonly errors: string;
  }>;
  /** Whether sipp is still running. */
  readonly running: boolean;
  /** The caller hangs up now: CANCEL before the answer, BYE after. */
  hangUp(): Promise<void>;
  /** Kills sipp (nothing more is sent). */
  stop(): Promise<void>;
}

/** Places one call with sipp as the caller. */
export function placeSippCaller(options: SippCallerOptions): SippCaller {
  const dir = mkdtempSync(join(tmpdir(), 'ringflow-conformance-caller-'));
  const callId = `${options.app}-1@127.0.0.1`;
  let killed = false;
  let running = false;
  let child: ReturnType<typeof spawn> | undefined;
  const token = {};
  let mediaPort: number | undefined;
  const done = (async () => {
    const media = await takeMediaBlock();
    mediaPort = media;
    const pcap = join(dir, 'media.pcap');
    await writeFile(
      pcap,
      renderRtpPcap({ keys: options.keys, durationSeconds: options.audioSeconds, sourcePort: media }),
    );
    await writeFile(join(dir, 'caller.xml'), renderCaller(options, pcap));
    if (killed) return { exitCode: null, dir: null, errors: '' };
    const sipp = spawn(
      'sipp',
      [
        ...[
          `127.0.0.1:${options.sipPort}`,
          '-sf',
          join(dir, 'caller.xml'),
          '-i',
          '127.0.0.1',
          '-p',
          String(options.port),
        ],
        ...['-t', 'u1', '-mi', '127.0.0.1', '-mp', String(media), '-m', '1', '-nostdin', '-nr'],
        // The Call-ID the driver's MESSAGE names: <app>-1@127.0.0.1.
        ...['-cid_str', `${options.app}-%u@%s`, '-trace_msg', '-trace_err'],
      ],
      { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    child = sipp;
    running = true;
    runningCallers.add(token);
    let stderr = '';
    sipp.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    const exitCode = await new Promise<number | null>((resolve) => {
      sipp.once('exit', (code) => resolve(code));
      sipp.once('error', (error) => {
        stderr += `\n${error.message}`;
        resolve(-1);
      });
    });
    running = false;
    runningCallers.delete(token);
    if (exitCode === 0) {
      await rm(dir, { recursive: true, force: true });
      return { exitCode, dir: null, errors: '' };
    }
    const errorLog = readdirSync(dir).find((file) => file.endsWith('_errors.log'));
    const errors = errorLog === undefined ? '' : await readFile(join(dir, errorLog), 'utf8');
    return { exitCode, dir, errors: `${stderr}\n${errors}`.trim() };
  })();
  const release = () => {
    if (mediaPort !== undefined) releaseMediaBlock(mediaPort);
  };
  done.then(release, release);
  let hungUp = false;
  return {
    done,
    get running() {
      return running;
    },
    async hangUp() {
      if (hungUp || !running) return;
      hungUp = true;
      await sendSignal(options.port, callId);
    },
    async stop() {
      killed = true;
      if (child !== undefined && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await done.catch(() => undefined);
    },
  };
}

/** Sends the caller at 127.0.0.1:`port` the MESSAGE that makes it hang up call `callId`. */
async function sendSignal(port: number, callId: string): Promise<void> {
  const socket = createSocket('udp4');
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, '127.0.0.1', () => resolve());
    });
    const local = socket.address().port;
    const message = [
      `MESSAGE sip:caller@127.0.0.1:${port} SIP/2.0`,
      `Via: SIP/2.0/UDP 127.0.0.1:${local};branch=z9hG4bK-hangup-${local}`,
      'From: <sip:conformance-driver@127.0.0.1>;tag=driver',
      'To: <sip:caller@127.0.0.1>',
      `Call-ID: ${callId}`,
      'CSeq: 1 MESSAGE',
      'Max-Forwards: 70',
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n');
    await new Promise<void>((resolve, reject) =>
      socket.send(message, port, '127.0.0.1', (error) => (error ? reject(error) : resolve())),
    );
  } finally {
    socket.close();
  }
}

function renderCaller(options: SippCallerOptions, pcap: string): string {
  if (!/^[+0-9A-Za-z*#_.-]{1,64}$/.test(options.to))
    throw new Error(`sipp caller: "${options.to}" is not a dialable number`);
  if (options.from !== null && !/^[+0-9A-Za-z_.-]{1,64}$/.test(options.from)) {
    throw new Error(`sipp caller: "${options.from}" is not a caller number`);
  }
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(options.app))
    throw new Error(`sipp caller: invalid app "${options.app}"`);
  const from =
    options.from === null
      ? '"Anonymous" <sip:anonymous@anonymous.invalid>'
      : `<sip:${options.from}@[local_ip]:[local_port]>`;
  const headers = [`X-Ringflow-App: ${options.app}`, ...(options.from === null ? ['Privacy: id'] : [])];
  return readFileSync(TEMPLATE, 'utf8')
    .replaceAll('{{TO}}', options.to)
    .replaceAll('{{FROM}}', from)
    .replaceAll('{{CONTACT_USER}}', options.from ?? 'anonymous')
    .replaceAll('{{BRANCH}}', `${options.app}-invite`)
    .replace('{{EXTRA_HEADERS}}', headers.map((header) => `      ${header}\n`).join(''))
    .replace('{{FAILURE_RECVS}}', failureRecvs(FAILURE_CODES))
    .replace('{{CANCEL_FAILURE_RECVS}}', failureRecvs(FAILURE_CODES.filter((code) => code !== 487)))
    .replaceAll('{{PCAP}}', pcap);
}
