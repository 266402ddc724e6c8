/**
 * Text to speech for the Asterisk ARI adapter: renders the flow's TTS sounds (with background
 * music) to cached 8 kHz WAV files and gives Asterisk a URI to play them, over a loopback HTTP
 * server (res_http_media_cache) or by file path. espeak-ng is the default engine; any other
 * (a cloud TTS) plugs in as a {@link TtsProvider}.
 *
 * @example
 * const tts = await createTtsMedia({ provider: espeakNgProvider(), cacheDir: '.cache/tts', musicDir: flowFolder });
 * const media = await tts.uriFor({ kind: 'tts', text: 'Bonjour', language: 'fr-FR' });
 * // POST /ari/channels/{channelId}/play?media=<media>&playbackId=<the engine's playbackId>
 * await tts.close();
 *
 * @packageDocumentation
 */

export { createTtsMedia, canonicalLanguage, TTS_SAMPLE_RATE } from './tts-media.js';
export { espeakNgProvider } from './espeak-ng.js';
export { TtsError } from './tts-error.js';

export type { TtsHttpServe, TtsMedia, TtsMediaOptions, TtsPathServe, TtsSound } from './tts-media.js';
export type { TtsAudio, TtsProvider, TtsRequest } from './provider.js';
export type { EspeakNgOptions } from './espeak-ng.js';
export type { MusicMix } from './audio.js';
export type { TtsErrorCode } from './tts-error.js';
