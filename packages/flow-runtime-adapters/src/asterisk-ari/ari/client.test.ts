import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLabAsterisk, type LabAsterisk } from '../testing/lab.js';
import { startTcpProxy, type TcpProxy } from '../testing/tcp-proxy.js';
import { AriError, isAriNotFound } from './ari-error.js';
import { createAriClient, type AriClient } from './client.js';
import type { AriConnectionEvent } from './event-socket.js';
import type { AriEvent } from './events.js';
import { reconnectDelay } from './event-socket.js';

/*
 * The ARI client against a real Asterisk (the lab of scripts/asterisk): REST calls, typed events,
 * errors, credentials, and reconnection after the event socket is cut for real (a TCP proxy
 * between the client and Asterisk drops its connections).
 */

let lab: LabAsterisk;
let tmp: string;
const clients: AriClient[] = [];
const logs: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  lab = await startLabAsterisk('ari-client', 0);
  tmp = await mkdtemp(join(tmpdir(), 'ringflow-ari-client-'));
}, 60_000);

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await lab?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

async function client(options: Partial<Parameters<typeof createAriClient>[0]> = {}): Promise<AriClient> {
  const created = await createAriClient({
    url: lab.ariUrl,
    user: lab.ariUser,
    password: lab.ariPassword,
    log: (level, event, fields) => logs.push({ level, event, ...fields }),
    ...options,
  });
  clients.push(created);
  return created;
}

/** The next event of a type that matches, within `timeoutMs`. */
function next<T extends AriEvent['type']>(
  ari: AriClient,
  type: T,
  match: (event: Extract<AriEvent, { type: T }>) => boolean = () => true,
  timeoutMs = 5000,
): Promise<Extract<AriEvent, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${type} within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = ari.events.on(type, (event) => {
      if (!match(event)) return;
      clearTimeout(timer);
      off();
      resolve(event);
    });
  });
}

/** Waits for a connection change. */
function nextConnection(
  ari: AriClient,
  type: AriConnectionEvent['type'],
  timeoutMs = 10_000,
): Promise<AriConnectionEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} within ${timeoutMs} ms`)), timeoutMs);
    const off = ari.events.onConnection((event) => {
      if (event.type !== type) return;
      clearTimeout(timer);
      off();
      resolve(event);
    });
  });
}

/** A call into `app`: a Local channel whose `;2` half runs [ringflow-inbound] and enters the app. */
async function callInto(ari: AriClient, app: string, tag: string) {
  const phoneApp = `${app}-phone`;
  return ari.channels.originate({
    endpoint: 'Local/+33180000000@ringflow-inbound',
    app: phoneApp,
    callerId: '"Bob" <+33612345678>',
    channelId: `${tag}-phone`,
    otherChannelId: `${tag}-call`,
    variables: { RINGFLOW_APP: app },
  });
}

describe('the ARI client on a real Asterisk', () => {
  it('takes a call: StasisStart, answer, variables, hang-up with a cause', async () => {
    const ari = await client({ apps: ['client-basic', 'client-basic-phone'] });
    await ari.events.connect();
    expect(ari.events.state).toBe('open');
    expect((await ari.asterisk.info()).system?.version).toMatch(/^22\./);

    const started = next(ari, 'StasisStart', (event) => event.application === 'client-basic');
    await callInto(ari, 'client-basic', 'basic');
    const start = await started;
    expect(start.channel).toMatchObject({
      id: 'basic-call',
      state: 'Ring',
      caller: { number: '+33612345678' },
    });
    expect(start.channel.dialplan.exten).toBe('+33180000000');
    expect(await ari.channels.getVariable('basic-call', 'RINGFLOW_APP')).toBe('client-basic');

    const up = next(
      ari,
      'ChannelStateChange',
      (event) => event.channel.id === 'basic-call' && event.channel.state === 'Up',
    );
    await ari.channels.answer('basic-call');
    await up;
    expect((await ari.channels.get('basic-call')).state).toBe('Up');

    const destroyed = next(ari, 'ChannelDestroyed', (event) => event.channel.id === 'basic-call');
    await ari.channels.hangup('basic-call', { reason_code: 21 });
    expect((await destroyed).cause).toBe(21);
  });

  it('plays, records and reports their ends; bridges two channels', async () => {
    const ari = await client({ apps: ['client-media', 'client-media-phone'] });
    await ari.events.connect();
    const started = next(ari, 'StasisStart', (event) => event.channel.id === 'media-call');
    await callInto(ari, 'client-media', 'media');
    await started;
    const phoneUp = next(ari, 'StasisStart', (event) => event.channel.id === 'media-phone');
    await ari.channels.answer('media-call');
    await phoneUp;
    // The caller's phone sends audio (silence), so that the recording has frames.
    await ari.channels.startSilence('media-phone');

    const finished = next(ari, 'PlaybackFinished', (event) => event.playback.id === 'media-pb');
    const playback = await ari.channels.play('media-call', {
      media: ['sound:beep', 'sound:beep'],
      playbackId: 'media-pb',
    });
    expect(playback.id).toBe('media-pb');
    expect((await finished).playback.state).toBe('done');

    const failed = next(ari, 'PlaybackFinished', (event) => event.playback.id === 'media-missing');
    await ari.channels.play('media-call', { media: 'sound:no-such-sound', playbackId: 'media-missing' });
    expect((await failed).playback.state).toBe('failed');

    const recorded = next(ari, 'RecordingFinished', (event) => event.recording.name === 'client-test/media');
    await ari.channels.record('media-call', {
      name: 'client-test/media',
      format: 'wav',
      maxDurationSeconds: 1,
      ifExists: 'overwrite',
    });
    expect((await recorded).recording.duration).toBeGreaterThanOrEqual(0);
    expect(await ari.recordings.getStored('client-test/media')).toEqual({
      name: 'client-test/media',
      format: 'wav',
    });
    const bytes = await ari.recordings.getStoredFile('client-test/media');
    expect(Buffer.from(bytes.subarray(0, 4)).toString()).toBe('RIFF');
    await ari.recordings.deleteStored('client-test/media');

    const bridge = await ari.bridges.create({ type: 'mixing', bridgeId: 'media-bridge' });
    expect(bridge.bridge_type).toBe('mixing');
    const entered = next(ari, 'ChannelEnteredBridge', (event) => event.bridge.id === 'media-bridge');
    await ari.bridges.addChannel('media-bridge', { channel: 'media-call' });
    expect((await entered).channel?.id).toBe('media-call');
    expect((await ari.bridges.list()).map((b) => b.id)).toContain('media-bridge');
    await ari.bridges.destroy('media-bridge');
    await ari.channels.hangup('media-call');
  });

  it('dials a channel it created and reports Dial progress', async () => {
    const ari = await client({ apps: ['client-dial'] });
    await ari.events.connect();
    const answered = next(
      ari,
      'Dial',
      (event) => event.peer.id === 'dial-leg' && event.dialstatus === 'ANSWER',
    );
    const ringing = next(
      ari,
      'Dial',
      (event) => event.peer.id === 'dial-leg' && event.dialstatus === 'RINGING',
    );
    // Asterisk may answer the request before the channel is in the app; it cannot be dialed until then.
    const entered = next(ari, 'StasisStart', (event) => event.channel.id === 'dial-leg');
    await ari.channels.create({
      endpoint: 'Local/answer-0.2@ringflow-agents',
      app: 'client-dial',
      appArgs: 'leg,x,y',
      channelId: 'dial-leg',
      variables: { 'CALLERID(num)': '+33600000001' },
    });
    expect((await entered).args).toEqual(['leg', 'x', 'y']);
    await ari.channels.dial('dial-leg', { timeout: 5 });
    await ringing;
    await answered;
    await ari.channels.hangup('dial-leg');
  });

  it('reads device states, endpoints and application subscriptions', async () => {
    const ari = await client();
    expect(await ari.deviceStates.get('Local/answer-1@ringflow-agents')).toEqual({
      name: 'Local/answer-1@ringflow-agents',
      state: 'NOT_INUSE',
    });
    expect(Array.isArray(await ari.endpoints.list())).toBe(true);
    const listener = await client({ apps: ['client-subscribe'] });
    await listener.events.connect();
    const app = await ari.applications.subscribe('client-subscribe', 'deviceState:PJSIP/nobody');
    expect(app.device_names).toContain('PJSIP/nobody');
  });

  it('fails with an AriError that names the request and tells "not found" apart', async () => {
    const ari = await client();
    const error = await ari.channels.answer('no-such-channel').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AriError);
    expect(isAriNotFound(error)).toBe(true);
    expect((error as AriError).message).toBe(
      'ARI POST /channels/no-such-channel/answer failed: 404 (Channel not found)',
    );
    expect(error).toMatchObject({
      method: 'POST',
      path: '/channels/no-such-channel/answer',
      status: 404,
      asteriskMessage: 'Channel not found',
    });
    await ari.bridges.create({ bridgeId: 'errors-bridge' });
    const conflict = await ari.bridges.create({ bridgeId: 'errors-bridge' }).catch((e: unknown) => e);
    await ari.bridges.destroy('errors-bridge');
    expect(conflict).toMatchObject({ status: 409, method: 'POST', path: '/bridges' });
    expect(isAriNotFound(conflict)).toBe(false);
    // A parameter the route does not declare is a programming error, refused before anything is sent.
    await expect(ari.channels.dial('x', { loudly: true } as never)).rejects.toThrow(
      /query parameter "loudly" is not declared/,
    );
  });

  it('never lets the password out: wrong credentials, refused connections, logs, properties', async () => {
    const secret = 'Sup3r-Secret-Pw!';
    const wrong = await client({ password: secret, apps: ['client-wrong'] });
    const rest = await wrong.channels.list().catch((e: unknown) => e);
    expect(rest).toMatchObject({ status: 401 });
    const socket = await wrong.events.connect().catch((e: unknown) => e);
    expect(socket).toBeInstanceOf(AriError);
    expect((socket as Error).message).toMatch(/401.*check the ARI user and password/);
    const nowhere = await client({
      url: 'http://127.0.0.1:18249',
      password: secret,
      apps: ['client-nowhere'],
    });
    const refused = await nowhere.asterisk.info().catch((e: unknown) => e);
    expect((refused as Error).message).toMatch(
      /no answer from http:\/\/127\.0\.0\.1:18249\/ari \(ECONNREFUSED\)/,
    );
    const refusedSocket = await nowhere.events.connect().catch((e: unknown) => e);
    expect((refusedSocket as Error).message).toMatch(/ECONNREFUSED/);

    const everything = JSON.stringify([
      String(rest),
      String(socket),
      String(refused),
      String(refusedSocket),
      (rest as Error).stack,
      logs,
      Object.keys(wrong),
      wrong.url,
    ]);
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(Buffer.from(`${lab.ariUser}:${secret}`).toString('base64'));
    await expect(
      createAriClient({ url: `http://ringflow:${secret}@127.0.0.1:1`, user: 'ringflow', password: secret }),
    ).rejects.toThrow('ARI url must not contain credentials');
  });

  it('reads the password from a file (trimmed) or RINGFLOW_ARI_PASSWORD, and says where it looked', async () => {
    const file = join(tmp, 'ari-password');
    await writeFile(file, `  ${lab.ariPassword}\n`, { mode: 0o600 });
    const fromFile = await client({ password: undefined, passwordFile: file });
    expect((await fromFile.asterisk.info()).system?.version).toMatch(/^22\./);
    const fromEnv = await client({ password: undefined, env: { RINGFLOW_ARI_PASSWORD: lab.ariPassword } });
    expect((await fromEnv.asterisk.info()).system?.version).toMatch(/^22\./);
    await expect(client({ password: undefined, env: {} })).rejects.toThrow(
      'ARI password: none given; pass `password` or `passwordFile`, or set RINGFLOW_ARI_PASSWORD',
    );
    await expect(client({ password: undefined, passwordFile: join(tmp, 'missing') })).rejects.toThrow(
      /cannot read the password file .*missing \(ENOENT\)/,
    );
  });
});

describe('reconnection of the event socket', () => {
  let proxy: TcpProxy;

  beforeAll(async () => {
    proxy = await startTcpProxy(lab.httpPort);
  });

  afterAll(async () => {
    await proxy.close();
  });

  it('comes back after the connection is cut, with backoff, and gets the events again', async () => {
    const changes: string[] = [];
    const ari = await client({
      url: proxy.url,
      apps: ['client-reconnect', 'client-reconnect-phone'],
      reconnect: { initialDelayMs: 50, maxDelayMs: 400, factor: 2, jitter: 0 },
    });
    ari.events.onConnection((event) =>
      changes.push(event.type === 'reconnecting' ? `reconnecting ${event.delayMs}` : event.type),
    );
    await ari.events.connect();

    // Cut every connection, and refuse new ones for a while: several attempts, each waiting longer.
    proxy.refusing = true;
    const disconnected = nextConnection(ari, 'disconnected');
    proxy.cut();
    expect(await disconnected).toMatchObject({ willReconnect: true });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(ari.events.state).toBe('reconnecting');
    const reconnected = nextConnection(ari, 'reconnected');
    proxy.refusing = false;
    const back = await reconnected;
    expect(back.type === 'reconnected' && back.attempts).toBeGreaterThanOrEqual(3);
    expect(changes.slice(0, 5)).toEqual([
      'connected',
      'disconnected',
      'reconnecting 50',
      'reconnecting 100',
      'reconnecting 200',
    ]);
    expect(changes.at(-1)).toBe('reconnected');

    // Events flow again on the new connection.
    const started = next(ari, 'StasisStart', (event) => event.channel.id === 'again-call');
    await callInto(ari, 'client-reconnect', 'again');
    await started;
    await ari.channels.hangup('again-call');

    // close() stops it for good: no reconnection after.
    await ari.close();
    expect(ari.events.state).toBe('closed');
    expect(changes.at(-1)).toBe('disconnected');
  });

  it('grows the delay exponentially, caps it, and spreads it with jitter', () => {
    const options = { initialDelayMs: 100, maxDelayMs: 1000, factor: 2, jitter: 0.5 };
    expect([1, 2, 3, 4, 5, 10].map((attempt) => reconnectDelay(attempt, options, () => 0.5))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
    expect(reconnectDelay(1, options, () => 0)).toBe(50);
    expect(reconnectDelay(1, options, () => 0.999999)).toBe(150);
    expect(reconnectDelay(10, options, () => 0.999999)).toBe(1000);
  });
});
