import { randomBytes } from 'node:crypto';
import { createAriClient, type AriClient } from '../ari/client.js';
import { isAriNotFound } from '../ari/ari-error.js';

/*
 * Test tooling: callers played by Asterisk itself. A call is a Local channel originated into the
 * lab's [ringflow-inbound] context: its `;2` half runs the dialplan and enters the adapter's Stasis
 * app (that is the call the adapter sees, with the id we chose), while its `;1` half is the caller's
 * phone, held by a Stasis app of its own, from which the test presses keys, speaks and hangs up.
 */

/** One caller's phone. */
export interface LocalCall {
  /** The id the adapter sees the call under (the `;2` half). */
  readonly callId: string;
  /** The caller's side (the `;1` half). */
  readonly phoneId: string;
  /** Settles once the flow answered the call. */
  readonly answered: Promise<void>;
  /** Settles once the caller's line is gone (whoever hung up). */
  readonly ended: Promise<void>;
  readonly isAnswered: boolean;
  readonly isEnded: boolean;
  /** Presses keys (RFC 4733-like DTMF through the Local channel), 100 ms each, 100 ms apart. */
  sendDtmf(digits: string): Promise<void>;
  /**
   * The caller speaks: plays media into the call (a Local channel carries no audio by itself, so a
   * recording of a silent caller is empty). Keys pressed meanwhile wait until it ends.
   */
  say(media: string | readonly string[]): Promise<void>;
  /** The caller hangs up. */
  hangup(): Promise<void>;
}

/** Places calls as Local channels, into a given adapter app. */
export interface LocalCallers {
  readonly client: AriClient;
  /** The Stasis app the phones are in. */
  readonly app: string;
  /** `variables` are set on the caller's channel (the Local channel passes them to the call's side). */
  place(call: {
    to: string;
    from: string | null;
    app: string;
    variables?: Record<string, string>;
  }): Promise<LocalCall>;
  close(): Promise<void>;
}

/** A connected caller side on a lab Asterisk. */
export async function createLocalCallers(lab: {
  ariUrl: string;
  ariUser: string;
  ariPassword: string;
}): Promise<LocalCallers> {
  const app = `phones-${randomBytes(3).toString('hex')}`;
  const client = await createAriClient({
    url: lab.ariUrl,
    user: lab.ariUser,
    password: lab.ariPassword,
    apps: [app],
  });
  const watchers = new Map<string, { answered: () => void; ended: () => void }>();
  client.events.on('StasisStart', (event) => watchers.get(event.channel.id)?.answered());
  client.events.on('ChannelDestroyed', (event) => watchers.get(event.channel.id)?.ended());
  await client.events.connect();
  let sequence = 0;

  return {
    client,
    app,
    async place({ to, from, app: target, variables = {} }) {
      const tag = `${Date.now().toString(36)}-${++sequence}-${randomBytes(2).toString('hex')}`;
      const phoneId = `phone-${tag}`;
      const callId = `call-${tag}`;
      let isAnswered = false;
      let isEnded = false;
      let answer!: () => void;
      let end!: () => void;
      const answered = new Promise<void>((resolve) => (answer = resolve));
      const ended = new Promise<void>((resolve) => (end = resolve));
      watchers.set(phoneId, {
        answered: () => {
          isAnswered = true;
          answer();
        },
        ended: () => {
          isEnded = true;
          watchers.delete(phoneId);
          end();
        },
      });
      await client.channels.originate({
        endpoint: `Local/${to}@ringflow-inbound`,
        app,
        channelId: phoneId,
        otherChannelId: callId,
        ...(from !== null ? { callerId: from } : {}),
        variables: { ...variables, RINGFLOW_APP: target },
      });
      return {
        callId,
        phoneId,
        answered,
        ended,
        get isAnswered() {
          return isAnswered;
        },
        get isEnded() {
          return isEnded;
        },
        sendDtmf: (digits) =>
          client.channels.sendDtmf(phoneId, { dtmf: digits, duration: 100, between: 100 }),
        say: async (media) => {
          await client.channels.play(phoneId, { media });
        },
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
