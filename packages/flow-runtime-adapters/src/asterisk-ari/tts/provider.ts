/** What to say, in which language, with which voice. */
export interface TtsRequest {
  readonly text: string;
  /** A BCP 47 tag such as `fr-FR` or `en`. */
  readonly language: string;
  /** A provider-specific voice name; the provider's default voice for the language when absent. */
  readonly voice?: string;
}

/**
 * The spoken audio: a WAV file, as bytes or as the path of a file the provider keeps (it is read,
 * never moved or deleted). Any WAV a PBX would play is fine (integer PCM, float, A-law or mu-law,
 * any rate, mono or stereo): ringflow converts it to the telephone format itself.
 */
export interface TtsAudio {
  readonly wav: Uint8Array | string;
}

/**
 * A text-to-speech engine. ringflow ships `espeakNgProvider()`; an integrator plugs a cloud TTS
 * by implementing these three members. Renders are cached by ringflow, so `render` is called once
 * per distinct sound (and per `version()`), never per call.
 *
 * @example
 * const cloud: TtsProvider = {
 *   name: 'acme-tts',
 *   version: async () => 'v2',
 *   async render({ text, language, voice }, signal) {
 *     const response = await fetch('https://tts.example/v2/synthesize', {
 *       method: 'POST', signal, headers: { 'content-type': 'application/json' },
 *       body: JSON.stringify({ text, language, voice, format: 'wav', sampleRate: 8000 }),
 *     });
 *     if (!response.ok) throw new Error(`acme-tts answered ${response.status}`);
 *     return { wav: new Uint8Array(await response.arrayBuffer()) };
 *   },
 * };
 * const tts = await createTtsMedia({ provider: cloud, cacheDir: '/var/cache/ringflow/tts' });
 */
export interface TtsProvider {
  /** A short stable name (`espeak-ng`, `acme-tts`): part of the cache key and of log lines. */
  readonly name: string;
  /**
   * Everything besides the request that decides the audio: engine and voice-data versions,
   * settings such as the speaking rate. When it changes, every sound is rendered anew. Called
   * once when the media is created, so a provider that cannot work should reject here.
   */
  version(signal?: AbortSignal): Promise<string>;
  /**
   * Speaks `request`. Rejects when it cannot (a `TtsError` with code `language_unknown` or
   * `voice_unknown` when the request names what the engine does not have). `signal` aborts a
   * render that takes too long or that nobody waits for any more.
   */
  render(request: TtsRequest, signal?: AbortSignal): Promise<TtsAudio>;
}
