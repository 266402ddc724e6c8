/**
 * sipp helpers for the Asterisk lab: SIP agents that ring, answer, stay busy or refuse (sipp in server
 * mode), and callers that dial a number, press keys over RFC 4733 and hang up (sipp as a client). The
 * scenario templates live in scripts/asterisk/sipp/; each run gets its own temp folder with its logs.
 *
 * @example
 * const agent = await startSippAgent({ id: 'alice', behaviour: { answerAfterSeconds: 1 } });
 * const asterisk = await startAsterisk({ sipAgents: [{ id: 'alice', port: agent.port }] });
 * const call = placeSippCall({ sipPort: asterisk.sipPort, to: '+33100000000', from: '+33612345678',
 *   keys: [{ atSeconds: 1, digit: '1' }], hangupAfterSeconds: 3 });
 * const { answered } = await call.done;
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freeSippMediaPort, freeUdpPort } from './ports.js';
import { renderRtpPcap, type KeyPress } from './rtp-pcap.js';

export type { KeyPress } from './rtp-pcap.js';

const TEMPLATES = join(dirname(fileURLToPath(import.meta.url)), 'sipp');

/** What a sipp agent does with each INVITE. */
export type SippAgentBehaviour =
  /** Rings, answers after N seconds, and hangs up itself after M seconds if given (else waits for BYE). */
  | { answerAfterSeconds: number; hangupAfterSeconds?: number }
  /** Rings until cancelled. */
  | 'never'
  /** 486 Busy Here at once (Asterisk: cause 17, User busy). */
  | 'busy'
  /** Rings, then 603 Decline (Asterisk: cause 21, Call Rejected). */
  | 'reject';

/** A running sipp agent. */
export interface SippAgent {
  readonly id: string;
  /** UDP port on 127.0.0.1 the agent listens on (give it to startAsterisk's sipAgents). */
  readonly port: number;
  /** Folder with the scenario and sipp's logs. */
  readonly dir: string;
  /** Pid of the sipp process. */
  readonly pid: number | undefined;
  /** Whether sipp is still running. */
  readonly running: boolean;
  /** Stops sipp; safe to call twice. */
  stop(): Promise<void>;
}

/** Starts a sipp server answering every INVITE with `behaviour`, until stopped. */
export async function startSippAgent(options: {
  id: string;
  behaviour: SippAgentBehaviour;
  port?: number;
  /**
   * First of the four UDP ports its media binds (see freeSippMediaPort), for callers that hand out
   * ports themselves. Default: four free ports chosen by the kernel.
   */
  mediaPort?: number;
  /** Keep the temp folder (scenario and sipp's logs) after stop(). Default false. */
  keepFiles?: boolean;
}): Promise<SippAgent> {
  const { id, behaviour } = options;
  if (!/^[A-Za-z0-9_.-]{1,40}$/.test(id)) throw new Error(`startSippAgent: invalid agent id "${id}"`);
  const port = options.port || (await freeUdpPort());
  const mediaPort = options.mediaPort ?? (await freeSippMediaPort());
  const dir = mkdtempSync(join(tmpdir(), `ringflow-sipp-agent-${id}-`));
  const scenario = join(dir, 'agent.xml');
  await writeFile(scenario, renderAgentScenario(id, behaviour));
  const child = spawn(
    'sipp',
    [
      ...['-sf', scenario, '-i', '127.0.0.1', '-p', String(port), '-t', 'u1'],
      ...['-mi', '127.0.0.1', '-mp', String(mediaPort), '-nostdin', '-trace_err', '-trace_msg'],
      ...['-aa', '-nr'],
    ],
    { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const sipp = watch(child, `sipp agent ${id}`);
  // sipp binds at once or exits; give it a moment to fail loudly on a taken port.
  await Promise.race([sipp.exited, sleep(150)]);
  if (sipp.exitCode() !== undefined) {
    throw new Error(
      `sipp agent ${id} could not start on 127.0.0.1:${port}: ${sipp.stderr().trim() || 'exited'}`,
    );
  }
  return {
    id,
    port,
    dir,
    pid: child.pid,
    get running() {
      return sipp.exitCode() === undefined;
    },
    async stop() {
      await sipp.stop();
      if (!options.keepFiles) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Options of {@link placeSippCall}. */
export interface SippCallOptions {
  /** Asterisk's SIP port on 127.0.0.1. */
  sipPort: number;
  /** The dialed number (request URI user part), e.g. `+33100000000` or `100`. */
  to: string;
  /** Caller number, or null for an anonymous call (From: anonymous@anonymous.invalid, Privacy: id). */
  from: string | null;
  /** Caller display name. */
  fromName?: string;
  /** Key presses, each `atSeconds` after the answer. */
  keys: readonly KeyPress[];
  /** Hang up this long after the answer; absent: wait for the far end to hang up. */
  hangupAfterSeconds?: number;
  /** Stasis app for this call (X-Ringflow-App header); absent: the lab default. */
  app?: string;
  /** Local SIP port; absent: a free one. */
  port?: number;
  /** Keep the temp folder (scenario, pcap, sipp's logs) of a successful call too. Default: only failures keep it. */
  keepFiles?: boolean;
}

/** What a finished sipp call reports. */
export interface SippCallResult {
  /** sipp's exit code: 0 when the scenario ran to its end (answered or cleanly refused). */
  exitCode: number | null;
  /** Whether Asterisk answered (200 OK to the INVITE). */
  answered: boolean;
  /** The final status code Asterisk gave the INVITE (200, 486, 603, ...), undefined if none came. */
  finalStatus: number | undefined;
  /** Who sent the BYE, for an answered call. */
  hungUpBy: 'caller' | 'asterisk' | undefined;
  /** sipp's counters and the temp folder with its logs (removed after a successful call unless keepFiles). */
  stats: { successfulCalls: number; failedCalls: number; dir: string; messages: number };
}

/** A sipp call in progress. */
export interface SippCall {
  readonly port: number;
  readonly done: Promise<SippCallResult>;
  /** Kills sipp (the call is dropped without a BYE). */
  stop(): Promise<void>;
}

/** SIP final responses a caller accepts as "refused" (it then ACKs and ends cleanly). */
const FAILURE_CODES = [403, 404, 408, 410, 480, 484, 486, 487, 488, 500, 501, 502, 503, 504, 600, 603, 604];

/** Places one call to Asterisk with sipp as the caller. */
export function placeSippCall(options: SippCallOptions): SippCall {
  const dir = mkdtempSync(join(tmpdir(), 'ringflow-sipp-call-'));
  let stopRequested = false;
  let child: ChildProcess | undefined;
  let port = options.port ?? 0;
  const done = (async (): Promise<SippCallResult> => {
    port = port || (await freeUdpPort());
    const mediaPort = await freeSippMediaPort();
    const scenario = join(dir, 'caller.xml');
    const pcap = join(dir, 'media.pcap');
    const duration = Math.min(120, options.hangupAfterSeconds ?? 0);
    await writeFile(
      pcap,
      renderRtpPcap({ keys: options.keys, durationSeconds: duration, sourcePort: mediaPort }),
    );
    await writeFile(scenario, renderCallerScenario(options, pcap));
    if (stopRequested) return emptyResult(dir);
    child = spawn(
      'sipp',
      [
        ...[
          '127.0.0.1:' + options.sipPort,
          '-sf',
          scenario,
          '-i',
          '127.0.0.1',
          '-p',
          String(port),
          '-t',
          'u1',
        ],
        ...['-mi', '127.0.0.1', '-mp', String(mediaPort), '-m', '1', '-nostdin', '-nr'],
        ...['-trace_msg', '-trace_err', '-trace_stat', '-stf', join(dir, 'stats.csv')],
      ],
      { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const sipp = watch(child, 'sipp caller');
    await sipp.exited;
    const result = await readCallResult(dir, sipp.exitCode() ?? null);
    // A failed call keeps its folder (scenario, pcap, sipp's logs) for the post-mortem.
    if (result.exitCode === 0 && !options.keepFiles) await rm(dir, { recursive: true, force: true });
    return result;
  })();
  return {
    get port() {
      return port;
    },
    done,
    async stop() {
      stopRequested = true;
      if (child && child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await done.catch(() => undefined);
      }
    },
  };
}

function renderAgentScenario(id: string, behaviour: SippAgentBehaviour): string {
  const template = (name: string) => readFileSync(join(TEMPLATES, name), 'utf8');
  let body: string;
  let description: string;
  if (behaviour === 'busy') {
    body = template('uas-refuse.xml').replaceAll('{{STATUS}}', '486 Busy Here');
    description = 'answers 486 Busy Here';
  } else if (behaviour === 'reject') {
    body =
      template('uas-ring.xml').replaceAll('{{RING_TIMEOUT}}', 'timeout="300" ontimeout="refuse"') +
      '\n  <label id="refuse"/>\n' +
      template('uas-refuse.xml').replaceAll('{{STATUS}}', '603 Decline');
    description = 'rings, then answers 603 Decline';
  } else if (behaviour === 'never') {
    body = template('uas-ring.xml').replaceAll('{{RING_TIMEOUT}}', '');
    description = 'rings until cancelled';
  } else {
    const ringMs = Math.round(behaviour.answerAfterSeconds * 1000);
    const talkMs =
      behaviour.hangupAfterSeconds === undefined ? 0 : Math.round(behaviour.hangupAfterSeconds * 1000);
    body =
      (ringMs > 0
        ? template('uas-ring.xml').replaceAll('{{RING_TIMEOUT}}', `timeout="${ringMs}" ontimeout="answer"`)
        : '') +
      '\n' +
      template('uas-answer.xml').replaceAll(
        '{{TALK_TIMEOUT}}',
        talkMs > 0 ? `timeout="${talkMs}" ontimeout="hangup"` : '',
      );
    description = `answers after ${behaviour.answerAfterSeconds} s`;
  }
  // Only an agent that may hang up itself needs the dialog's headers (its BYE swaps From and To); sipp
  // refuses a scenario that keeps variables it never uses.
  const inviteActions =
    typeof behaviour === 'object'
      ? `
    <action>
      <ereg regexp=".*" search_in="hdr" header="From:" check_it="true" assign_to="remote_from"/>
      <ereg regexp=".*" search_in="hdr" header="To:" check_it="true" assign_to="local_to"/>
      <ereg regexp="&lt;([^&gt;]*)&gt;" search_in="hdr" header="Contact:" check_it="true" assign_to="contact_header,remote_contact"/>
      <assignstr assign_to="contact_header" value="[$contact_header]"/>
    </action>
  `
      : '';
  return template('uas.xml')
    .replace('{{INVITE_ACTIONS}}', inviteActions)
    .replace('{{BODY}}', body)
    .replaceAll('{{BEHAVIOUR}}', description)
    .replaceAll('{{ID}}', id);
}

function renderCallerScenario(options: SippCallOptions, pcap: string): string {
  if (!/^[+0-9A-Za-z*#_.-]{1,64}$/.test(options.to)) {
    throw new Error(`placeSippCall: "${options.to}" is not a dialable number or name`);
  }
  if (options.from !== null && !/^[+0-9A-Za-z_.-]{1,64}$/.test(options.from)) {
    throw new Error(`placeSippCall: caller "${options.from}" must be a number or a SIP user name`);
  }
  const name = (options.fromName ?? '').replace(/["\\\r\n]/g, '');
  const from =
    options.from === null
      ? '"Anonymous" <sip:anonymous@anonymous.invalid>'
      : `${name ? `"${name}" ` : ''}<sip:${options.from}@[local_ip]:[local_port]>`;
  const headers: string[] = [];
  if (options.from === null) headers.push('Privacy: id');
  if (options.app) {
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(options.app))
      throw new Error(`placeSippCall: invalid app "${options.app}"`);
    headers.push(`X-Ringflow-App: ${options.app}`);
  }
  const hangupMs =
    options.hangupAfterSeconds === undefined ? 0 : Math.round(options.hangupAfterSeconds * 1000);
  const failures = FAILURE_CODES.map(
    (code) => `  <recv response="${code}" optional="true" response_txn="invite" next="failed"/>`,
  ).join('\n');
  return readFileSync(join(TEMPLATES, 'uac.xml'), 'utf8')
    .replaceAll('{{TO}}', options.to)
    .replaceAll('{{FROM}}', from)
    .replaceAll('{{CONTACT_USER}}', options.from ?? 'anonymous')
    .replace('{{EXTRA_HEADERS}}', headers.map((h) => `      ${h}\n`).join(''))
    .replace('{{FAILURE_RECVS}}', failures)
    .replace('{{BYE_TIMEOUT}}', hangupMs > 0 ? `timeout="${hangupMs}" ontimeout="hangup"` : '')
    .replaceAll('{{PCAP}}', pcap)
    .replaceAll('{{NAME}}', 'caller');
}

async function readCallResult(dir: string, exitCode: number | null): Promise<SippCallResult> {
  const files = await readdir(dir);
  const messagesFile = files.find((f) => f.endsWith('_messages.log'));
  const log = messagesFile ? await readFile(join(dir, messagesFile), 'utf8') : '';
  // Each logged message: a header line saying sent/received, a blank line, then the SIP start line.
  const messages = [
    ...log.matchAll(/message (sent|received)[^\n]*\n\n([^\n]*)\n(?:[^\n]*\n)*?CSeq:\s*\d+\s+(\w+)/gi),
  ].map((m) => ({ direction: m[1]!.toLowerCase(), startLine: m[2]!.trim(), method: m[3]!.toUpperCase() }));
  const inviteFinal = messages
    .filter(
      (m) => m.direction === 'received' && m.method === 'INVITE' && /^SIP\/2\.0 [2-6]\d\d/.test(m.startLine),
    )
    .pop();
  const finalStatus = inviteFinal ? Number(inviteFinal.startLine.split(' ')[1]) : undefined;
  const bye = messages.find((m) => m.startLine.startsWith('BYE '));
  const statsText = await readFile(join(dir, 'stats.csv'), 'utf8').catch(() => '');
  return {
    exitCode,
    answered: finalStatus === 200,
    finalStatus,
    hungUpBy: bye ? (bye.direction === 'sent' ? 'caller' : 'asterisk') : undefined,
    stats: {
      successfulCalls: statsColumn(statsText, 'SuccessfulCall(C)'),
      failedCalls: statsColumn(statsText, 'FailedCall(C)'),
      dir,
      messages: messages.length,
    },
  };
}

function statsColumn(csv: string, column: string): number {
  const lines = csv.trim().split('\n');
  if (lines.length < 2) return 0;
  const index = lines[0]!.split(';').indexOf(column);
  return index < 0 ? 0 : Number(lines[lines.length - 1]!.split(';')[index]) || 0;
}

function emptyResult(dir: string): SippCallResult {
  return {
    exitCode: null,
    answered: false,
    finalStatus: undefined,
    hungUpBy: undefined,
    stats: { successfulCalls: 0, failedCalls: 0, dir, messages: 0 },
  };
}

/** Tracks a sipp child: its exit, its stderr, and a stop that waits for the exit. */
function watch(child: ChildProcess, what: string) {
  let stderr = '';
  let exitCode: number | null | undefined;
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code) => {
      exitCode = code;
      resolve();
    });
    child.once('error', (error) => {
      stderr += `\n${what}: ${error.message}`;
      exitCode = -1;
      resolve();
    });
  });
  return {
    exited,
    exitCode: () => exitCode,
    stderr: () => stderr,
    async stop() {
      if (exitCode !== undefined) return;
      child.kill('SIGTERM');
      const stopped = await Promise.race([exited.then(() => true), sleep(2000).then(() => false)]);
      if (!stopped) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
