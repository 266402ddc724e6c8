/**
 * `npm run asterisk:up | asterisk:down | asterisk:status`: a long-lived lab Asterisk named `dev` for trying
 * ringflow by hand (ARI on 127.0.0.1:8088, SIP on 127.0.0.1:5060). `asterisk:install` runs install.sh.
 *
 * Usage: tsx scripts/asterisk/cli.ts up [--http-port N] [--sip-port N] | down | status
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  attachAsterisk,
  defaultAsteriskRoot,
  DEFAULT_STASIS_APP,
  REPO_ROOT,
  startAsterisk,
  VERSION_STAMP,
  type AsteriskInstance,
} from './instance.js';

const NAME = 'dev';

/** The pid file `asterisk:up` writes (and `asterisk:down` removes). */
function pidFile(root: string): string {
  return join(root, 'ringflow', NAME, 'asterisk-up.pid');
}

async function up(httpPort: number, sipPort: number): Promise<void> {
  const root = defaultAsteriskRoot();
  if (!existsSync(join(root, VERSION_STAMP))) {
    process.stdout.write('Asterisk is not installed yet: running scripts/asterisk/install.sh\n');
    execFileSync('bash', [join(REPO_ROOT, 'scripts/asterisk/install.sh')], { stdio: 'inherit' });
  }
  const existing = await running(root);
  if (existing) {
    process.stdout.write(`The lab Asterisk "${NAME}" is already running (pid ${existing.pid}).\n`);
    printHowTo(existing);
    return;
  }
  const asterisk = await startAsterisk({ name: NAME, httpPort, sipPort, root, detached: true, verbose: 3 });
  await writeFile(pidFile(root), `${asterisk.pid}\n`);
  process.stdout.write(`Started the lab Asterisk "${NAME}" (pid ${asterisk.pid}).\n`);
  printHowTo(asterisk);
}

function printHowTo(asterisk: AsteriskInstance): void {
  const lines = [
    '',
    `  ARI URL        ${asterisk.ariUrl}  (REST under /ari, events at /ari/events)`,
    `  ARI user       ${asterisk.ariUser}`,
    `  ARI password   in ${asterisk.ariPasswordFile}`,
    `  SIP (UDP)      127.0.0.1:${asterisk.sipPort}  every INVITE from 127.0.0.1 goes to Stasis(${DEFAULT_STASIS_APP})`,
    `  Test agents    Local/answer-2@ringflow-agents, never, busy, reject, ... (docs/asterisk-lab.md)`,
    `  Log            tail -f ${asterisk.logFile}`,
    `  CLI            chroot ${asterisk.root} asterisk -C /ringflow/${asterisk.name}/etc/asterisk.conf -r`,
    '',
    'Run ringflow on it:',
    `  npx ringflow serve --store .ringflow --adapter asterisk-ari --ari-url ${asterisk.ariUrl} \\`,
    `    --ari-user ${asterisk.ariUser} --ari-password-file ${asterisk.ariPasswordFile} --ari-app ${DEFAULT_STASIS_APP}`,
    '',
    'Stop it with `npm run asterisk:down`.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

/** The `dev` instance if it is running. */
async function running(root: string): Promise<AsteriskInstance | undefined> {
  if (!existsSync(join(root, 'ringflow', NAME, 'etc/http.conf'))) return undefined;
  const asterisk = await attachAsterisk(NAME, root);
  return asterisk.running ? asterisk : undefined;
}

async function down(): Promise<void> {
  const root = defaultAsteriskRoot();
  const asterisk = await running(root);
  if (!asterisk) {
    process.stdout.write(`The lab Asterisk "${NAME}" is not running.\n`);
  } else {
    const pid = asterisk.pid;
    await asterisk.stop();
    process.stdout.write(`Stopped the lab Asterisk "${NAME}" (pid ${pid}).\n`);
  }
  await rm(pidFile(root), { force: true });
}

async function status(): Promise<number> {
  const root = defaultAsteriskRoot();
  const stamp = await readFile(join(root, VERSION_STAMP), 'utf8').catch(() => undefined);
  process.stdout.write(
    `Install   ${stamp ? `${stamp.trim()} in ${root}` : `not installed (npm run asterisk:install)`}\n`,
  );
  const asterisk = stamp ? await running(root) : undefined;
  if (!asterisk) {
    process.stdout.write(`Instance  "${NAME}" not running (npm run asterisk:up)\n`);
    return 1;
  }
  let ari: string;
  try {
    const response = await fetch(`${asterisk.ariUrl}/ari/channels`, {
      headers: asterisk.authHeaders,
      signal: AbortSignal.timeout(3000),
    });
    ari = response.ok
      ? `answering, ${((await response.json()) as unknown[]).length} channel(s) up`
      : `HTTP ${response.status}`;
  } catch (error) {
    ari = `not answering (${error instanceof Error ? error.message : String(error)})`;
  }
  process.stdout.write(
    `Instance  "${NAME}" running, pid ${asterisk.pid}, ARI ${asterisk.ariUrl} ${ari}, SIP 127.0.0.1:${asterisk.sipPort}\n`,
  );
  return 0;
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { 'http-port': { type: 'string' }, 'sip-port': { type: 'string' } },
  });
  const command = positionals[0];
  if (command === 'up') {
    await up(Number(values['http-port'] ?? 8088), Number(values['sip-port'] ?? 5060));
    return 0;
  }
  if (command === 'down') {
    await down();
    return 0;
  }
  if (command === 'status') return status();
  process.stderr.write(
    'usage: tsx scripts/asterisk/cli.ts up [--http-port N] [--sip-port N] | down | status\n',
  );
  return 2;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`asterisk: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
