/**
 * Starts and drives a real Asterisk 22 for tests, benchmarks and the `npm run asterisk:up` lab.
 *
 * Asterisk lives in a Debian chroot made by scripts/asterisk/install.sh. Each instance gets its own
 * folder ROOT/ringflow/<name>/ (config, logs, spool, database) and its own ports, so several instances
 * run side by side.
 *
 * @example
 * const asterisk = await startAsterisk({ sipAgents: [{ id: 'alice', port: 15102 }] });
 * const info = await fetch(`${asterisk.ariUrl}/ari/asterisk/info`, { headers: asterisk.authHeaders });
 * await asterisk.stop();
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, openSync, closeSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INBOUND_ENDPOINT, renderAsteriskConfig } from './config.js';
import { freeTcpPort, freeUdpPort } from './ports.js';

export { DEFAULT_STASIS_APP, INBOUND_ENDPOINT, LAB_MODULES } from './config.js';

/** The repository this script belongs to. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Where install.sh puts the chroot unless RINGFLOW_ASTERISK_ROOT says otherwise. */
export function defaultAsteriskRoot(): string {
  return process.env.RINGFLOW_ASTERISK_ROOT ?? join(REPO_ROOT, '.cache/asterisk/root');
}

/** The file install.sh writes last, holding the Asterisk version: a chroot without it is not complete. */
export const VERSION_STAMP = '.ringflow-asterisk-version';

/** Options of {@link startAsterisk}; every field has a default. */
export interface StartAsteriskOptions {
  /** Instance folder name under ROOT/ringflow/ ([A-Za-z0-9_-]). Default: `t<pid>-<n>`. */
  name?: string;
  /** ARI/HTTP port on 127.0.0.1; 0 or absent picks a free one. */
  httpPort?: number;
  /** SIP UDP port on 127.0.0.1; 0 or absent picks a free one. */
  sipPort?: number;
  /** Default `ringflow`. */
  ariUser?: string;
  /** Default: random. Written to `ariPasswordFile` (mode 600), never logged. */
  ariPassword?: string;
  /** sipp (or other SIP) agents reachable as `PJSIP/<id>`, each listening on 127.0.0.1:<port>. */
  sipAgents?: { id: string; port: number }[];
  /** The chroot. Default: {@link defaultAsteriskRoot}. */
  root?: string;
  /** RTP port range (inclusive). Default 20000-31999, away from the SIP ports tests use. */
  rtpPorts?: [number, number];
  /** Verbosity of the `messages` log: 0 (default) notices/warnings/errors, 3 adds each dialplan step. */
  verbose?: number;
  /** Keep Asterisk running after this Node process exits (the `asterisk:up` lab). Default false. */
  detached?: boolean;
  /** How long to wait for ARI to answer. Default 30 000 ms. */
  startTimeoutMs?: number;
}

/** A running (or stopped) lab Asterisk. */
export interface AsteriskInstance {
  readonly name: string;
  /** Host path of the chroot. */
  readonly root: string;
  /** Host path of the instance folder (ROOT/ringflow/<name>). */
  readonly dir: string;
  /** `http://127.0.0.1:<httpPort>` (ARI lives under /ari). */
  readonly ariUrl: string;
  readonly ariUser: string;
  readonly ariPassword: string;
  /** Host path of a mode-600 file holding the ARI password. */
  readonly ariPasswordFile: string;
  /** `Authorization` header for ARI requests. */
  readonly authHeaders: { authorization: string };
  readonly httpPort: number;
  readonly sipPort: number;
  readonly sipAgents: readonly { id: string; port: number }[];
  /** Host path where ARI recordings land (`recording` under the spool folder). */
  readonly recordingsDir: string;
  /** Host path of the `messages` log. */
  readonly logFile: string;
  /** Pid of the Asterisk process, undefined when not running. */
  readonly pid: number | undefined;
  /** Whether the Asterisk process is alive. */
  readonly running: boolean;
  /** Host path -> path as Asterisk sees it inside the chroot. Throws for a path outside the chroot. */
  toChroot(hostPath: string): string;
  /** Path inside the chroot -> host path. */
  fromChroot(path: string): string;
  /** Runs one CLI command (`asterisk -rx`) and returns its output. */
  cli(command: string): Promise<string>;
  /** Graceful shutdown (`SIGTERM`, then `SIGKILL` after 5 s). Safe to call twice. */
  stop(): Promise<void>;
  /** `SIGKILL`: simulates a crash. */
  kill(): Promise<void>;
  /** Starts Asterisk again with the same configuration and ports (stopping it first if running). */
  restart(): Promise<void>;
  /** The last lines of the `messages` log (and of stdout/stderr if Asterisk died before logging). */
  logTail(lines?: number): Promise<string>;
}

const NAME_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;
const AGENT_PATTERN = /^[A-Za-z0-9_.-]{1,40}$/;
let counter = 0;
/** Children to kill if this Node process exits without stopping them (a crashed test run). */
const attached = new Set<ChildProcess>();
let exitHookInstalled = false;

/**
 * Writes a fresh configuration into ROOT/ringflow/<name>/ and starts Asterisk in the chroot; resolves
 * once ARI answers `GET /ari/asterisk/info` and Asterisk is fully booted.
 */
export async function startAsterisk(options: StartAsteriskOptions = {}): Promise<AsteriskInstance> {
  const root = resolve(options.root ?? defaultAsteriskRoot());
  const name = options.name ?? `t${process.pid}-${++counter}`;
  if (!NAME_PATTERN.test(name)) {
    throw new Error(
      `startAsterisk: instance name "${name}" must match ${NAME_PATTERN} (it is a folder name)`,
    );
  }
  assertInstalled(root);
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new Error(
      'startAsterisk: Asterisk runs in a chroot, which needs root; run the tests as root (or in CI)',
    );
  }
  const sipAgents = (options.sipAgents ?? []).map((agent) => ({ ...agent }));
  for (const agent of sipAgents) {
    if (!AGENT_PATTERN.test(agent.id) || agent.id === INBOUND_ENDPOINT || agent.id.endsWith('-identify')) {
      throw new Error(
        `startAsterisk: SIP agent id "${agent.id}" must match ${AGENT_PATTERN} and not be "${INBOUND_ENDPOINT}"`,
      );
    }
    if (!Number.isInteger(agent.port) || agent.port <= 0 || agent.port > 65535) {
      throw new Error(`startAsterisk: SIP agent "${agent.id}" has an invalid port ${agent.port}`);
    }
  }
  const httpPort = options.httpPort || (await freeTcpPort());
  const sipPort = options.sipPort || (await freeUdpPort());
  const ariUser = options.ariUser ?? 'ringflow';
  const ariPassword = options.ariPassword ?? randomBytes(12).toString('hex');
  const dir = join(root, 'ringflow', name);
  const chrootDir = `/ringflow/${name}`;

  await stopLeftover(dir);
  await rm(dir, { recursive: true, force: true });
  await pruneMediaCache(root);
  await pruneDeadDefaultInstances(root);
  for (const sub of ['etc', 'run', 'log', 'lib', 'moh', 'spool/recording']) {
    await mkdir(join(dir, sub), { recursive: true });
  }
  const files = renderAsteriskConfig({
    chrootDir,
    httpPort,
    sipPort,
    ariUser,
    ariPassword,
    sipAgents,
    rtpPorts: options.rtpPorts ?? [20000, 31999],
    verbose: options.verbose ?? 0,
  });
  for (const [file, text] of Object.entries(files)) {
    await writeFile(join(dir, 'etc', file), text, { mode: 0o600 });
  }
  await writeFile(join(dir, 'moh', 'ringflow-lab-tune.wav'), synthesizeTune());
  const ariPasswordFile = join(dir, 'ari-password');
  await writeFile(ariPasswordFile, `${ariPassword}\n`, { mode: 0o600 });
  await chmod(ariPasswordFile, 0o600);

  const instance = new LabAsterisk({
    name,
    root,
    dir,
    chrootDir,
    httpPort,
    sipPort,
    ariUser,
    ariPassword,
    ariPasswordFile,
    sipAgents,
    detached: options.detached ?? false,
    startTimeoutMs: options.startTimeoutMs ?? 30_000,
  });
  await instance.launch();
  return instance;
}

/**
 * Connects to an instance started earlier (possibly by another process, e.g. `asterisk:up`) from its
 * folder: reads the ports and password back from its configuration. Does not start anything.
 */
export async function attachAsterisk(name: string, root = defaultAsteriskRoot()): Promise<AsteriskInstance> {
  const dir = join(resolve(root), 'ringflow', name);
  const http = await readFile(join(dir, 'etc/http.conf'), 'utf8').catch(() => {
    throw new Error(`attachAsterisk: no instance "${name}" in ${dir}`);
  });
  const pjsip = await readFile(join(dir, 'etc/pjsip.conf'), 'utf8');
  const ari = await readFile(join(dir, 'etc/ari.conf'), 'utf8');
  const user = /^\[(?!general\])([^\]]+)\]\s*\ntype = user/m.exec(ari)?.[1] ?? 'ringflow';
  const agents = [
    ...pjsip.matchAll(/^\[([^\]]+)\]\ntype = aor\ncontact = sip:[^@]+@127\.0\.0\.1:(\d+)/gm),
  ].map((m) => ({ id: m[1]!, port: Number(m[2]) }));
  const instance = new LabAsterisk({
    name,
    root: resolve(root),
    dir,
    chrootDir: `/ringflow/${name}`,
    httpPort: Number(/bindport = (\d+)/.exec(http)?.[1]),
    sipPort: Number(/bind = 127\.0\.0\.1:(\d+)/.exec(pjsip)?.[1]),
    ariUser: user,
    ariPassword: (await readFile(join(dir, 'ari-password'), 'utf8')).trim(),
    ariPasswordFile: join(dir, 'ari-password'),
    sipAgents: agents,
    detached: true,
    startTimeoutMs: 30_000,
  });
  instance.adoptPid(readPid(dir));
  return instance;
}

/** Throws a clear error when install.sh has not completed for `root`. */
export function assertInstalled(root: string): void {
  if (!existsSync(join(root, VERSION_STAMP))) {
    throw new Error(
      `Asterisk is not installed in ${root} (no ${VERSION_STAMP}); run \`npm run asterisk:install\` ` +
        '(scripts/asterisk/install.sh, as root) first',
    );
  }
}

interface LabSettings {
  name: string;
  root: string;
  dir: string;
  chrootDir: string;
  httpPort: number;
  sipPort: number;
  ariUser: string;
  ariPassword: string;
  ariPasswordFile: string;
  sipAgents: { id: string; port: number }[];
  detached: boolean;
  startTimeoutMs: number;
}

class LabAsterisk implements AsteriskInstance {
  readonly name: string;
  readonly root: string;
  readonly dir: string;
  readonly ariUrl: string;
  readonly ariUser: string;
  readonly ariPassword: string;
  readonly ariPasswordFile: string;
  readonly authHeaders: { authorization: string };
  readonly httpPort: number;
  readonly sipPort: number;
  readonly sipAgents: readonly { id: string; port: number }[];
  readonly recordingsDir: string;
  readonly logFile: string;
  readonly #settings: LabSettings;
  readonly #conf: string;
  #child: ChildProcess | undefined;
  #exited: Promise<void> = Promise.resolve();
  #adoptedPid: number | undefined;

  constructor(settings: LabSettings) {
    this.#settings = settings;
    this.name = settings.name;
    this.root = settings.root;
    this.dir = settings.dir;
    this.httpPort = settings.httpPort;
    this.sipPort = settings.sipPort;
    this.ariUrl = `http://127.0.0.1:${settings.httpPort}`;
    this.ariUser = settings.ariUser;
    this.ariPassword = settings.ariPassword;
    this.ariPasswordFile = settings.ariPasswordFile;
    this.authHeaders = {
      authorization: `Basic ${Buffer.from(`${settings.ariUser}:${settings.ariPassword}`).toString('base64')}`,
    };
    this.sipAgents = settings.sipAgents;
    this.recordingsDir = join(settings.dir, 'spool/recording');
    this.logFile = join(settings.dir, 'log/messages');
    this.#conf = `${settings.chrootDir}/etc/asterisk.conf`;
  }

  get pid(): number | undefined {
    const pid = this.#child?.pid ?? this.#adoptedPid;
    return pid !== undefined && isAlive(pid) ? pid : undefined;
  }

  get running(): boolean {
    return this.pid !== undefined;
  }

  /** For attachAsterisk: a process this object did not spawn. */
  adoptPid(pid: number | undefined): void {
    this.#adoptedPid = pid;
  }

  toChroot(hostPath: string): string {
    const rel = relative(this.root, resolve(hostPath));
    if (rel.startsWith('..') || isAbsolute(rel)) {
      throw new Error(`toChroot: ${hostPath} is outside the Asterisk chroot ${this.root}`);
    }
    return `/${rel}`;
  }

  fromChroot(path: string): string {
    if (!path.startsWith('/'))
      throw new Error(`fromChroot: "${path}" is not an absolute path inside the chroot`);
    return join(this.root, path);
  }

  async launch(): Promise<void> {
    const { root, dir, detached, startTimeoutMs } = this.#settings;
    const consoleLog = join(dir, 'log/console.log');
    const out = openSync(consoleLog, 'a');
    let child: ChildProcess;
    try {
      child = spawn('chroot', [root, '/usr/sbin/asterisk', '-C', this.#conf, '-f', '-n'], {
        stdio: ['ignore', out, out],
        detached,
      });
    } finally {
      closeSync(out);
    }
    this.#child = child;
    this.#adoptedPid = undefined;
    let exitInfo: string | undefined;
    this.#exited = new Promise<void>((resolveExit) => {
      child.once('exit', (code, signal) => {
        exitInfo = signal ? `signal ${signal}` : `exit code ${code}`;
        attached.delete(child);
        resolveExit();
      });
      child.once('error', (error) => {
        exitInfo = `spawn error: ${error.message}`;
        attached.delete(child);
        resolveExit();
      });
    });
    if (detached) {
      child.unref();
    } else {
      attached.add(child);
      installExitHook();
    }
    const deadline = Date.now() + startTimeoutMs;
    let lastProblem = 'no answer yet';
    while (Date.now() < deadline) {
      if (exitInfo) {
        throw new Error(
          `Asterisk "${this.name}" exited during start (${exitInfo}); log tail:\n${await this.logTail(30)}`,
        );
      }
      try {
        const response = await fetch(`${this.ariUrl}/ari/asterisk/info`, {
          headers: this.authHeaders,
          signal: AbortSignal.timeout(2000),
        });
        await response.arrayBuffer();
        if (response.status === 200) {
          await this.cli('core waitfullybooted');
          return;
        }
        lastProblem = `HTTP ${response.status}`;
      } catch (error) {
        lastProblem =
          error instanceof Error
            ? ((error.cause as Error | undefined)?.message ?? error.message)
            : String(error);
      }
      await sleep(100);
    }
    const tail = await this.logTail(30);
    await this.kill();
    throw new Error(
      `Asterisk "${this.name}" did not answer GET ${this.ariUrl}/ari/asterisk/info within ${startTimeoutMs} ms ` +
        `(${lastProblem}); log tail:\n${tail}`,
    );
  }

  cli(command: string): Promise<string> {
    return new Promise((resolveCli, reject) => {
      const child = spawn('chroot', [this.root, '/usr/sbin/asterisk', '-C', this.#conf, '-rx', command], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`asterisk -rx "${command}" (${this.name}) could not run: ${error.message}`));
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        if (code === 0) resolveCli(output);
        else
          reject(
            new Error(`asterisk -rx "${command}" (${this.name}) failed with code ${code}: ${output.trim()}`),
          );
      });
    });
  }

  async stop(): Promise<void> {
    const pid = this.pid;
    if (pid === undefined) return;
    process.kill(pid, 'SIGTERM');
    if (!(await this.#waitExit(pid, 5000))) {
      process.kill(pid, 'SIGKILL');
      await this.#waitExit(pid, 5000);
    }
  }

  async kill(): Promise<void> {
    const pid = this.pid;
    if (pid === undefined) return;
    process.kill(pid, 'SIGKILL');
    await this.#waitExit(pid, 5000);
  }

  async restart(): Promise<void> {
    await this.stop();
    // A killed Asterisk leaves its control socket and pid file behind; a new one refuses to start over them.
    await rm(join(this.dir, 'run'), { recursive: true, force: true });
    await mkdir(join(this.dir, 'run'), { recursive: true });
    await this.launch();
  }

  async logTail(lines = 40): Promise<string> {
    const parts: string[] = [];
    for (const file of [this.logFile, join(this.dir, 'log/console.log')]) {
      const text = await readFile(file, 'utf8').catch(() => '');
      if (text.trim()) parts.push(`==> ${file} <==\n${text.trimEnd().split('\n').slice(-lines).join('\n')}`);
    }
    return parts.join('\n') || '(no log written yet)';
  }

  async #waitExit(pid: number, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    if (this.#child?.pid === pid) {
      const exited = await Promise.race([this.#exited.then(() => true), sleep(timeoutMs).then(() => false)]);
      return exited;
    }
    while (Date.now() < deadline) {
      if (!isAlive(pid)) return true;
      await sleep(50);
    }
    return false;
  }
}

/**
 * Removes http media cache files older than a day from the chroot's /tmp, which all instances share as
 * their cache folder (see astcachedir in config.ts).
 */
async function pruneMediaCache(root: string): Promise<void> {
  const dir = join(root, 'tmp');
  const names = await readdir(dir).catch(() => [] as string[]);
  const limit = Date.now() - 24 * 3600_000;
  for (const name of names.filter((n) => n.startsWith('bucket-'))) {
    const info = await stat(join(dir, name)).catch(() => undefined);
    if (info && info.mtimeMs < limit) await rm(join(dir, name), { force: true });
  }
}

/**
 * Removes the folders of default-named instances (`t<pid>-<n>`) whose Node process is gone and whose
 * Asterisk is not running, so test runs do not pile up folders in the chroot.
 */
async function pruneDeadDefaultInstances(root: string): Promise<void> {
  const base = join(root, 'ringflow');
  const names = await readdir(base).catch(() => [] as string[]);
  for (const name of names) {
    const owner = /^t(\d+)-\d+$/.exec(name)?.[1];
    if (owner === undefined || Number(owner) === process.pid || isAlive(Number(owner))) continue;
    if (readPid(join(base, name)) !== undefined) continue;
    await rm(join(base, name), { recursive: true, force: true });
  }
}

/** Kills an Asterisk still running from an earlier start of the same instance (a crashed test run). */
async function stopLeftover(dir: string): Promise<void> {
  const pid = readPid(dir);
  if (pid === undefined) return;
  process.kill(pid, 'SIGKILL');
  const deadline = Date.now() + 5000;
  while (isAlive(pid) && Date.now() < deadline) await sleep(50);
}

/** The pid in run/asterisk.pid if that process is alive and is this instance's Asterisk. */
function readPid(dir: string): number | undefined {
  let pid: number;
  try {
    pid = Number(readFileSync(join(dir, 'run/asterisk.pid'), 'utf8').trim());
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const chrootDir = `/ringflow/${dir.split('/').pop()}/etc/asterisk.conf`;
    return cmdline.includes('asterisk') && cmdline.includes(chrootDir) ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of attached) child.kill('SIGKILL');
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolveSleep) => setTimeout(resolveSleep, ms));
}

/**
 * A short music-on-hold tune (a few plucked-sounding notes, 8 kHz mono 16-bit WAV), generated here rather
 * than with sox so a start needs no extra process and the file is identical on every machine.
 */
export function synthesizeTune(): Buffer {
  const rate = 8000;
  // C major arpeggio and back, each note 0.35 s, then a rest.
  const notes = [261.63, 329.63, 392.0, 523.25, 392.0, 329.63, 261.63, 0];
  const noteSamples = Math.round(rate * 0.35);
  const samples = new Int16Array(notes.length * noteSamples);
  notes.forEach((frequency, n) => {
    for (let i = 0; i < noteSamples; i += 1) {
      const t = i / rate;
      const envelope = Math.exp(-4 * t);
      const value =
        frequency === 0
          ? 0
          : envelope * (Math.sin(2 * Math.PI * frequency * t) + 0.3 * Math.sin(4 * Math.PI * frequency * t));
      samples[n * noteSamples + i] = Math.round(value * 0.35 * 32767);
    }
  });
  const data = Buffer.from(samples.buffer);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}
