import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../../../scripts/asterisk/instance.js';
import { startSippAgent, type SippAgent } from '../../../../scripts/asterisk/sipp.js';
import { behaviourName, type PhoneBehaviour } from './scenario-pbx.js';
import { releaseMediaBlock, takeMediaBlock } from './sipp-caller.js';

/*
 * The agents' and external numbers' phones as SIP phones: one sipp server per behaviour a scenario
 * needs (`answer-4-hangup-60`, `never`, `busy`, `reject-2`), each reachable as `PJSIP/<behaviour>`
 * and answering every INVITE it gets that way, so that calls of several scenarios share them.
 */

/** A SIP phone of the lab, as startAsterisk's `sipAgents` wants it. */
export interface SippPhone {
  readonly id: string;
  readonly port: number;
  /** Whether its sipp is running. */
  readonly running: boolean;
  stop(): Promise<void>;
}

/** The sipp templates of the lab (scripts/asterisk/sipp). */
const TEMPLATES = join(REPO_ROOT, 'scripts/asterisk/sipp');

/**
 * Starts a sipp server playing `behaviour` on 127.0.0.1:`port`, its id the behaviour's name.
 * `unreachable` has no SIP phone (a lab endpoint always has a contact): see {@link sippEndpointOf}.
 */
export async function startSippPhone(behaviour: PhoneBehaviour, port: number): Promise<SippPhone> {
  const id = behaviourName(behaviour);
  if (behaviour.kind === 'reject') return startDecliningPhone(id, behaviour.afterSeconds, port);
  if (behaviour.kind === 'unreachable')
    throw new Error('startSippPhone: an unreachable phone is not a SIP phone (see sippEndpointOf)');
  // Media ports from the callers' blocks (sipp-caller.ts): a kernel-chosen port could lie just
  // below a caller's block, and sipp binds four ports from it.
  const mediaPort = await takeMediaBlock();
  let agent: SippAgent;
  try {
    agent = await startSippAgent({
      id,
      port,
      mediaPort,
      behaviour:
        behaviour.kind === 'answer'
          ? { answerAfterSeconds: behaviour.afterSeconds, hangupAfterSeconds: behaviour.talkSeconds }
          : behaviour.kind,
    });
  } catch (error) {
    releaseMediaBlock(mediaPort);
    throw error;
  }
  return {
    id,
    port,
    get running() {
      return agent.running;
    },
    async stop() {
      await agent.stop();
      releaseMediaBlock(mediaPort);
    },
  };
}

/**
 * The dial string of a phone behaving as `behaviour`: its sipp phone (`PJSIP/<behaviour>`); a phone
 * that cannot be reached is the lab's `Local/unreachable@ringflow-agents` (cause 3), since every
 * PJSIP endpoint of the lab has a contact that answers.
 */
export function sippEndpointOf(behaviour: PhoneBehaviour): string {
  return behaviour.kind === 'unreachable'
    ? 'Local/unreachable@ringflow-agents'
    : `PJSIP/${behaviourName(behaviour)}`;
}

/**
 * A phone that rings `seconds`, then declines (603, cause 21): scripts/asterisk/sipp.ts's `reject`
 * declines after 300 ms, a scenario's `reject` after `rejectAfterSeconds` (default 2).
 */
async function startDecliningPhone(id: string, seconds: number, port: number): Promise<SippPhone> {
  const template = (name: string) => readFileSync(join(TEMPLATES, name), 'utf8');
  const body =
    template('uas-ring.xml').replaceAll(
      '{{RING_TIMEOUT}}',
      `timeout="${Math.round(seconds * 1000)}" ontimeout="refuse"`,
    ) +
    '\n  <label id="refuse"/>\n' +
    template('uas-refuse.xml').replaceAll('{{STATUS}}', '603 Decline');
  const scenario = template('uas.xml')
    .replace('{{INVITE_ACTIONS}}', '')
    .replace('{{BODY}}', body)
    .replaceAll('{{BEHAVIOUR}}', `rings ${seconds} s, then answers 603 Decline`)
    .replaceAll('{{ID}}', id);
  const dir = mkdtempSync(join(tmpdir(), `ringflow-conformance-${id}-`));
  await writeFile(join(dir, 'phone.xml'), scenario);
  const mediaPort = await takeMediaBlock();
  const child = spawn(
    'sipp',
    [
      ...['-sf', join(dir, 'phone.xml'), '-i', '127.0.0.1', '-p', String(port), '-t', 'u1'],
      ...['-mi', '127.0.0.1', '-mp', String(mediaPort), '-nostdin', '-trace_err', '-aa', '-nr'],
    ],
    { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => releaseMediaBlock(mediaPort));
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 150))]);
  if (child.exitCode !== null) {
    throw new Error(`sipp phone ${id} could not start on 127.0.0.1:${port}: ${stderr.trim() || 'exited'}`);
  }
  return {
    id,
    port,
    get running() {
      return child.exitCode === null && child.signalCode === null;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const stopped = await Promise.race([
          exited.then(() => true),
          new Promise((r) => setTimeout(() => r(false), 2000)),
        ]);
        if (!stopped) {
          child.kill('SIGKILL');
          await exited;
        }
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
