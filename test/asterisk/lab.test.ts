/**
 * The Asterisk lab against a real Asterisk 22 in its chroot: start, CLI, the test agents and their
 * hang-up causes, sipp callers and agents, sound:http playback, the native ring group, stop/kill/restart.
 * One instance serves the whole file (ports in the infra range 18100-18149 / 15100-15149 when free).
 */
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  REPO_ROOT,
  startAsterisk,
  synthesizeTune,
  type AsteriskInstance,
} from '../../scripts/asterisk/instance.js';
import { placeSippCall, startSippAgent, type SippAgent } from '../../scripts/asterisk/sipp.js';
import { ari, channelId, connectAri, type AriEvent, type AriEvents } from './ari.js';

let asterisk: AsteriskInstance;
let events: AriEvents;
const agents: SippAgent[] = [];
let media: Server;
let mediaRequests = 0;

beforeAll(async () => {
  // A fresh machine gets the chroot here (about a minute); afterwards this is a fast no-op.
  execFileSync('bash', [join(REPO_ROOT, 'scripts/asterisk/install.sh')], { stdio: 'pipe' });
  // One at a time, so afterAll stops whichever started even when a later one fails.
  agents.push(await startSippAgent({ id: 'alice', behaviour: { answerAfterSeconds: 0.3 } }));
  agents.push(await startSippAgent({ id: 'bob', behaviour: 'busy' }));
  agents.push(await startSippAgent({ id: 'carol', behaviour: 'reject' }));
  asterisk = await startAsterisk({
    name: 'lab-test',
    sipAgents: agents.map((agent) => ({ id: agent.id, port: agent.port })),
  });
  events = await connectAri(asterisk, 'lab');
  media = createServer((request, response) => {
    mediaRequests += 1;
    response.writeHead(200, { 'content-type': 'audio/wav' });
    response.end(synthesizeTune());
  });
  await new Promise<void>((resolve) => media.listen(0, '127.0.0.1', resolve));
}, 300_000);

afterAll(async () => {
  await events?.close();
  await asterisk?.stop();
  for (const agent of agents) await agent.stop();
  if (media) await new Promise((resolve) => media.close(resolve));
}, 30_000);

/** Originates `endpoint` into the `lab` app and returns the channel id. */
async function originate(endpoint: string, extra: Record<string, unknown> = {}): Promise<string> {
  const channel = (await ari(asterisk, 'POST', '/channels', {}, { endpoint, app: 'lab', ...extra })) as {
    id: string;
  };
  return channel.id;
}

function destroyed(id: string, timeoutMs = 8000): Promise<AriEvent> {
  return events.waitFor(
    (e) => e.type === 'ChannelDestroyed' && channelId(e) === id,
    timeoutMs,
    `destroy of ${id}`,
  );
}

function stasisStart(id: string, timeoutMs = 8000): Promise<AriEvent> {
  return events.waitFor(
    (e) => e.type === 'StasisStart' && channelId(e) === id,
    timeoutMs,
    `StasisStart of ${id}`,
  );
}

describe('the lab Asterisk', () => {
  it('starts with ARI on 127.0.0.1 and reports Asterisk 22', async () => {
    const info = (await ari(asterisk, 'GET', '/asterisk/info')) as { system: { version: string } };
    expect(info.system.version).toMatch(/^22\./);
    expect(asterisk.ariUrl).toBe(`http://127.0.0.1:${asterisk.httpPort}`);
    expect(statSync(asterisk.ariPasswordFile).mode & 0o777).toBe(0o600);
    const wrong = await fetch(`${asterisk.ariUrl}/ari/asterisk/info`, {
      headers: { authorization: `Basic ${Buffer.from(`${asterisk.ariUser}:nope`).toString('base64')}` },
    });
    expect(wrong.status).toBe(401);
    expect(asterisk.toChroot(join(asterisk.dir, 'etc'))).toBe('/ringflow/lab-test/etc');
    expect(asterisk.fromChroot('/ringflow/lab-test/etc')).toBe(join(asterisk.dir, 'etc'));
    expect(() => asterisk.toChroot('/etc')).toThrow(/outside the Asterisk chroot/);
  });

  it('loads only the listed modules, with no error in the log', async () => {
    expect(await asterisk.cli('core show version')).toMatch(/^Asterisk 22\./);
    expect(await asterisk.cli('module show like res_http_media_cache')).toMatch(/Running/);
    expect(await asterisk.cli('module show like chan_iax2')).toMatch(/0 modules loaded/);
    expect(await asterisk.logTail(500)).not.toMatch(/ERROR\[|WARNING\[/);
  });

  it('refuses to start without an installed chroot, naming the fix', async () => {
    await expect(startAsterisk({ root: '/nonexistent/ringflow-root' })).rejects.toThrow(
      /npm run asterisk:install/,
    );
  });

  it('gives each test agent its documented hang-up cause', async () => {
    const cases: [agent: string, cause: number, answered: boolean][] = [
      ['answer-0.2-hangup-0.3', 16, true],
      ['never', 19, false],
      ['busy', 17, false],
      ['reject', 21, false],
      ['congestion', 34, false],
      ['unreachable', 3, false],
    ];
    const results = await Promise.all(
      cases.map(async ([agent]) => {
        const id = await originate(`Local/${agent}@ringflow-agents`, { timeout: 1 });
        const end = await destroyed(id);
        // ChannelDestroyed of a Local channel hung up by its far side after the answer now and then says
        // cause 0 (an Asterisk race, measured 1 in 12); ChannelHangupRequest always carries the cause.
        const request = events.events.find((e) => e.type === 'ChannelHangupRequest' && channelId(e) === id);
        return {
          agent,
          cause: request?.cause ?? end.cause,
          answered: events.events.some((e) => e.type === 'StasisStart' && channelId(e) === id),
        };
      }),
    );
    expect(results).toEqual(cases.map(([agent, cause, answered]) => ({ agent, cause, answered })));
  });

  it('delivers a sipp call to the Stasis app with caller, dialed number and DTMF', async () => {
    const call = placeSippCall({
      sipPort: asterisk.sipPort,
      to: '+33100000000',
      from: '+33612345678',
      app: 'lab',
      keys: [
        { atSeconds: 0.3, digit: '1' },
        { atSeconds: 0.6, digit: '1' },
        { atSeconds: 0.9, digit: '#' },
      ],
      hangupAfterSeconds: 1.5,
    });
    const start = await events.waitFor(
      (e) => e.type === 'StasisStart' && (e.channel as { name: string }).name.startsWith('PJSIP/caller-'),
      8000,
      'the sipp call',
    );
    const channel = start.channel as { id: string; caller: { number: string }; dialplan: { exten: string } };
    expect(channel.caller.number).toBe('+33612345678');
    expect(channel.dialplan.exten).toBe('+33100000000');
    await ari(asterisk, 'POST', `/channels/${channel.id}/answer`);
    const result = await call.done;
    expect(result).toMatchObject({ exitCode: 0, answered: true, finalStatus: 200, hungUpBy: 'caller' });
    const digits = events.events
      .filter((e) => e.type === 'ChannelDtmfReceived' && channelId(e) === channel.id)
      .map((e) => e.digit);
    expect(digits).toEqual(['1', '1', '#']);
  });

  it('gives an anonymous sipp caller, and accepts the far end hanging up', async () => {
    const call = placeSippCall({ sipPort: asterisk.sipPort, to: '100', from: null, app: 'lab', keys: [] });
    const start = await events.waitFor(
      (e) =>
        e.type === 'StasisStart' &&
        (e.channel as { dialplan: { exten: string } }).dialplan.exten === '100' &&
        (e.channel as { name: string }).name.startsWith('PJSIP/caller-'),
      8000,
      'the anonymous call',
    );
    const channel = start.channel as { id: string; caller: { number: string } };
    expect(channel.caller.number).toBe('anonymous');
    await ari(asterisk, 'POST', `/channels/${channel.id}/answer`);
    await ari(asterisk, 'DELETE', `/channels/${channel.id}`);
    expect(await call.done).toMatchObject({ exitCode: 0, answered: true, hungUpBy: 'asterisk' });
  });

  it('reaches the sipp agents as PJSIP/<id>', async () => {
    const alice = await originate('PJSIP/alice');
    expect(((await stasisStart(alice)).channel as { state: string }).state).toBe('Up');
    await ari(asterisk, 'DELETE', `/channels/${alice}`);
    await destroyed(alice);
    const bob = await originate('PJSIP/bob');
    expect((await destroyed(bob)).cause).toBe(17);
    const carol = await originate('PJSIP/carol');
    expect((await destroyed(carol)).cause).toBe(21);
  });

  it('plays sound:http:// media through res_http_media_cache', async () => {
    const id = await originate('Local/answer-0@ringflow-agents');
    await stasisStart(id);
    const port = (media.address() as { port: number }).port;
    const playback = (await ari(asterisk, 'POST', `/channels/${id}/play`, {
      media: `sound:http://127.0.0.1:${port}/tune.wav`,
    })) as { id: string };
    const finished = await events.waitFor(
      (e) => e.type === 'PlaybackFinished' && (e.playback as { id: string }).id === playback.id,
      10_000,
      'PlaybackFinished',
    );
    expect((finished.playback as { state: string }).state).toBe('done');
    expect(mediaRequests).toBeGreaterThanOrEqual(1);
    await ari(asterisk, 'DELETE', `/channels/${id}`);
    await destroyed(id);
  });

  it('runs the native ring group and honours RINGFLOW_APP', async () => {
    const group = await originate('Local/group-3-answer-0.3@ringflow-native');
    await stasisStart(group, 5000);
    await ari(asterisk, 'DELETE', `/channels/${group}`);
    await destroyed(group);

    const other = await connectAri(asterisk, 'lab-other');
    try {
      const id = await originate('Local/555@ringflow-inbound', { variables: { RINGFLOW_APP: 'lab-other' } });
      const start = await other.waitFor((e) => e.type === 'StasisStart', 5000, 'StasisStart on lab-other');
      expect((start.channel as { dialplan: { exten: string } }).dialplan.exten).toBe('555');
      await ari(asterisk, 'DELETE', `/channels/${id}`);
    } finally {
      await other.close();
    }
  });

  it('survives kill and restart, and stops cleanly', async () => {
    const pid = asterisk.pid;
    await events.close();
    await asterisk.kill();
    expect(asterisk.running).toBe(false);
    await asterisk.restart();
    expect(asterisk.pid).not.toBe(pid);
    const info = (await ari(asterisk, 'GET', '/asterisk/info')) as { system: { version: string } };
    expect(info.system.version).toMatch(/^22\./);
    events = await connectAri(asterisk, 'lab');
    await events.close();
    await asterisk.stop();
    expect(asterisk.running).toBe(false);
    expect(() => process.kill(pid!, 0)).toThrow();
    for (const agent of agents) await agent.stop();
    expect(agents.map((agent) => agent.running)).toEqual([false, false, false]);
  });
});
