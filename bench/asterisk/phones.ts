import { performance } from 'node:perf_hooks';
import { createAriClient, isAriNotFound, type AriClient } from './ari.js';

/*
 * The callers of the load test, played by Asterisk itself. A call is a Local channel originated
 * into a dialplan context: its `;2` half runs the dialplan (Stasis(<ringflow app>) for a ringflow
 * call, Dial(A&B&C) for the native ring group) under the id the test chose, and its `;1` half is
 * the caller's phone, held in a Stasis app of the test. One event socket serves every phone.
 *
 * When a ring group bridges an agent, Asterisk's bridging core sets BRIDGEPEER on the caller's
 * channel, in a native Dial() bridge as in an ARI mixing bridge: the phone app subscribes to the
 * caller's channel and takes the first non-empty BRIDGEPEER as the moment the caller is bridged.
 */

/** One caller on the line. */
export interface Phone {
  /** The id of the call's `;2` half (the call id the adapter sees). */
  readonly callId: string;
  readonly phoneId: string;
  /** performance.now() just before the originate request. */
  readonly placedAt: number;
  /** Settles when the phone's channel is destroyed (whoever hung up). */
  readonly ended: Promise<void>;
  /** With `watchBridge`: performance.now() when the caller was bridged with an agent. */
  readonly bridged: Promise<number>;
  /** Hangs the phone up (nothing if it is gone). */
  hangup(): Promise<void>;
}

/** What a call dials. */
export interface PlaceOptions {
  readonly callId: string;
  /** `Local/<exten>@<context>/n`. */
  readonly endpoint: string;
  readonly from: string;
  /** Channel variables of the phone, copied by the Local channel to the call's half. */
  readonly variables?: Record<string, string>;
  /** Subscribe to the caller's channel and resolve `bridged` on BRIDGEPEER. */
  readonly watchBridge?: boolean;
}

/** The phones of one Asterisk. */
export interface Phones {
  readonly app: string;
  /** The ARI client of the phones (its event socket is open on `app`). */
  readonly client: AriClient;
  /** Originates a call; resolves once Asterisk has created its channels. */
  place(options: PlaceOptions): Promise<Phone>;
  /** Phones still on the line. */
  readonly active: number;
  close(): Promise<void>;
}

interface Watch {
  ended: () => void;
  bridged?: (at: number) => void;
}

/** Connects the phones' Stasis app `app` on an Asterisk. */
export async function createPhones(asterisk: {
  ariUrl: string;
  ariUser: string;
  ariPassword: string;
  app: string;
}): Promise<Phones> {
  const app = asterisk.app;
  const client = await createAriClient({
    url: asterisk.ariUrl,
    user: asterisk.ariUser,
    password: asterisk.ariPassword,
    apps: [app],
    // The load places many requests at once; Asterisk answers them in order.
    requestTimeoutMs: 30_000,
  });
  /** By phone id: its end; by call id: its bridge. */
  const byPhone = new Map<string, Watch>();
  const byCall = new Map<string, Watch>();
  client.events.on('ChannelDestroyed', (event) => {
    const watch = byPhone.get(event.channel.id);
    if (watch === undefined) return;
    byPhone.delete(event.channel.id);
    watch.ended();
  });
  client.events.on('ChannelVarset', (event) => {
    if (event.variable !== 'BRIDGEPEER' || event.value === '' || event.channel === undefined) return;
    const watch = byCall.get(event.channel.id);
    if (watch?.bridged === undefined) return;
    const at = performance.now();
    byCall.delete(event.channel.id);
    watch.bridged(at);
  });
  await client.events.connect();
  let sequence = 0;

  return {
    app,
    client,
    get active() {
      return byPhone.size;
    },
    async place({ callId, endpoint, from, variables = {}, watchBridge = false }) {
      const phoneId = `${app}-${++sequence}`;
      let ended!: () => void;
      let bridged!: (at: number) => void;
      const endedPromise = new Promise<void>((resolve) => (ended = resolve));
      const bridgedPromise = new Promise<number>((resolve) => (bridged = resolve));
      // A probe that never bridges leaves `bridged` pending: nobody waits on it without a timeout.
      const watch: Watch = { ended, ...(watchBridge ? { bridged } : {}) };
      byPhone.set(phoneId, watch);
      if (watchBridge) byCall.set(callId, watch);
      const placedAt = performance.now();
      try {
        await client.channels.originate({
          endpoint,
          app,
          channelId: phoneId,
          otherChannelId: callId,
          callerId: from,
          variables,
        });
        // BRIDGEPEER comes a second after the agent rings at the earliest: there is time to subscribe.
        if (watchBridge) await client.applications.subscribe(app, `channel:${callId}`);
      } catch (error) {
        byPhone.delete(phoneId);
        byCall.delete(callId);
        throw error;
      }
      const done = endedPromise.then(() => {
        byCall.delete(callId);
      });
      return {
        callId,
        phoneId,
        placedAt,
        ended: done,
        bridged: bridgedPromise,
        async hangup() {
          try {
            await client.channels.hangup(phoneId);
          } catch (error) {
            if (!isAriNotFound(error)) throw error;
          }
        },
      };
    },
    close: () => client.close(),
  };
}
