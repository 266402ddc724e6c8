import { existsSync, statSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import type { AriMessage } from './ari/events.js';
import { startLabAsterisk } from './testing/lab.js';
import { useAriLab } from './testing/use-ari-lab.js';
import { callTrace, testFlow, until } from './testing/world.js';

/*
 * Media on a real Asterisk: voicemail, call recording and its opt-out, the ring's music, early
 * media, and a TTS sound the adapter cannot play.
 */

const { lab, world } = useAriLab(() => startLabAsterisk('ari-media', 2));

const sounds = [
  { id: 'hello', file: 'hello-world.gsm' },
  { id: 'beep', file: 'beep.gsm' },
];

/** A WAV file's length in seconds (8 kHz 16-bit mono as Asterisk writes `wav`). */
const wavSeconds = (path: string) => (statSync(path).size - 44) / 16_000;

describe.concurrent('media of the Asterisk ARI adapter', { timeout: 20_000 }, () => {
  it('records a voicemail up to its length and keeps the file', async () => {
    const flow = testFlow({
      id: 'voicemail',
      entry: 'box',
      nodes: [{ id: 'box', kind: 'voicemail', config: { mailbox: 'sales', maxSeconds: 5 } }],
      edges: [],
    });
    const w = await world(flow);
    const call = await w.place();
    await call.answered;
    await call.say('sound:tt-monkeys');
    const record = await w.record(call.callId);
    expect(record.outcome).toBe('voicemail');
    expect(record.voicemail).toEqual({
      mailbox: 'sales',
      seconds: expect.any(Number),
      file: `${lab().recordingsDir}/ringflow/voicemail/sales/${call.callId}-vm1.wav`,
    });
    // Asterisk counts whole seconds: a message cut at 5 s may read 4.
    expect(record.voicemail!.seconds).toBeGreaterThanOrEqual(4);
    expect(record.voicemail!.seconds).toBeLessThanOrEqual(5);
    expect(wavSeconds(record.voicemail!.file!)).toBeGreaterThan(4);
  });

  it('keeps the message of a caller who hangs up while recording, reported before the hang-up', async () => {
    const flow = testFlow({
      id: 'voicemail-hangup',
      entry: 'box',
      nodes: [{ id: 'box', kind: 'voicemail', config: { mailbox: 'support', maxSeconds: 30 } }],
      edges: [],
    });
    const w = await world(flow);
    const call = await w.place();
    await call.answered;
    await call.say('sound:tt-monkeys');
    await w.until(call.callId, (c) => c.voicemail !== null, 'the recording');
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await call.hangup();
    const record = await w.record(call.callId);
    expect(record.outcome).toBe('voicemail');
    const file = `${lab().recordingsDir}/ringflow/voicemail/support/${call.callId}-vm1.wav`;
    expect(record.voicemail).toEqual({ mailbox: 'support', seconds: expect.any(Number), file });
    expect(record.voicemail!.seconds).toBeGreaterThanOrEqual(1);
    expect(wavSeconds(file)).toBeGreaterThan(0.5);
    // The message is reported before the hang-up, with its file; the flow then ends the call.
    expect(callTrace(w.logs, call.callId).slice(-2)).toEqual([
      `< voicemail.recorded recordingId=vm1 seconds=${record.voicemail!.seconds} file=${file}`,
      '> hangup cause=normal',
    ]);
    expect(record.adapterErrors).toBeUndefined();
  });

  it('records the whole call through a snoop channel, and discards it when the caller opts out', async () => {
    const flow = testFlow({
      id: 'recorded',
      entry: 'bye',
      sounds,
      settings: { recording: { enabled: true, announcement: 'hello', optOutDigit: '*' } },
      nodes: [{ id: 'bye', kind: 'announcement', config: { sound: 'beep' } }],
      edges: [],
    });
    const w = await world(flow);
    const kept = await w.place();
    const keptRecord = await w.record(kept.callId);
    expect(keptRecord.recording).toEqual({ optedOut: false });
    const keptFile = `${lab().recordingsDir}/ringflow/calls/${kept.callId}.wav`;
    await until(() => existsSync(keptFile) && wavSeconds(keptFile) > 0.5, 'the call recording', 8000);
    expect(await w.adapter.client.recordings.getStored(`ringflow/calls/${kept.callId}`)).toMatchObject({
      format: 'wav',
    });

    const refused = await w.place();
    await w.until(refused.callId, (c) => c.recording !== null, 'the recording to start');
    await refused.sendDtmf('*');
    const refusedRecord = await w.record(refused.callId);
    expect(refusedRecord.recording).toEqual({ optedOut: true });
    expect(callTrace(w.logs, refused.callId)).toContain('> stopRecording');
    expect(existsSync(`${lab().recordingsDir}/ringflow/calls/${refused.callId}.wav`)).toBe(false);
    expect(refusedRecord.adapterErrors).toBeUndefined();
  });

  it('plays the ring music in a loop while agents ring, and stops it to bridge', async () => {
    const flow = testFlow({
      id: 'music',
      entry: 'team',
      agents: [{ id: 'answer-2', name: 'Answers after 2 s' }],
      sounds,
      nodes: [
        {
          id: 'team',
          kind: 'ringGroup',
          config: { members: [{ agent: 'answer-2' }], ringSeconds: 10, music: 'beep' },
        },
      ],
      edges: [],
    });
    const w = await world(flow);
    const messages: AriMessage[] = [];
    w.adapter.onEvent((message) => messages.push(message));
    const call = await w.place();
    await w.until(call.callId, (c) => c.legs[0]?.phase === 'bridged', 'the bridge', 8000);
    const music = messages.filter(
      (m) => m.type === 'PlaybackStarted' && (m.playback as { media_uri: string }).media_uri === 'sound:beep',
    );
    // beep lasts about 0.25 s: several rounds in the 2 s of ringing, as early media (the flow did not answer first).
    expect(music.length).toBeGreaterThanOrEqual(3);
    expect(w.adapter.inspect(call.callId)!.hold).toBeNull();
    // Stopped before the bridge; Asterisk says it has stopped a moment later.
    await vi.waitFor(() => expect(w.adapter.inspect(call.callId)!.playbacks).toEqual([]), { timeout: 3000 });
    await call.hangup();
    const record = await w.record(call.callId);
    expect(record).toMatchObject({ outcome: 'answered', legs: [{ status: 'ANSWERED' }] });
  });

  it('plays early media before answering when the flow says so', async () => {
    const flow = testFlow({
      id: 'early',
      entry: 'notice',
      sounds,
      nodes: [{ id: 'notice', kind: 'announcement', config: { sound: 'beep', answer: false } }],
      edges: [],
    });
    const w = await world(flow);
    const call = await w.place();
    const record = await w.record(call.callId);
    expect(record.outcome).toBe('completed');
    expect(callTrace(w.logs, call.callId)).toEqual([
      '> play playbackId=pb1 early=true',
      '< playback.finished playbackId=pb1',
      '> hangup cause=normal',
    ]);
    // Never answered: the caller's phone side never entered its app (that happens on answer).
    expect(call.isAnswered).toBe(false);
  });

  it('skips a TTS prompt it cannot play, and says why in the record', async () => {
    const flow = testFlow({
      id: 'tts',
      entry: 'hello',
      sounds: [{ id: 'spoken', tts: { text: 'Bonjour', language: 'fr-FR' } }],
      nodes: [{ id: 'hello', kind: 'announcement', config: { sound: 'spoken' } }],
      edges: [],
    });
    const w = await world(flow);
    const call = await w.place();
    const record = await w.record(call.callId);
    expect(record.outcome).toBe('completed');
    expect(record.adapterErrors).toEqual([
      expect.objectContaining({
        command: 'play',
        message: expect.stringContaining('the adapter has no `tts` option'),
      }),
    ]);
  });

  it('plays TTS through the media URI its tts gives', async () => {
    const flow = testFlow({
      id: 'tts-ok',
      entry: 'hello',
      sounds: [{ id: 'spoken', tts: { text: 'Hello', language: 'en' } }],
      nodes: [{ id: 'hello', kind: 'announcement', config: { sound: 'spoken' } }],
      edges: [],
    });
    const asked: string[] = [];
    const w = await world(flow, {
      tts: {
        uriFor: async (sound) => {
          asked.push(`${sound.language}:${sound.text}`);
          return 'sound:beep';
        },
      },
    });
    const call = await w.place();
    const record = await w.record(call.callId);
    expect(record).toMatchObject({ outcome: 'completed' });
    expect(record.adapterErrors).toBeUndefined();
    expect(asked).toEqual(['en:Hello']);
  });
});
