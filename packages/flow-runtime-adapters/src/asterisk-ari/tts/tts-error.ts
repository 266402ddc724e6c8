/** Why a TTS sound could not be made; stable codes, safe to match on. */
export type TtsErrorCode =
  /** The TTS engine (espeak-ng) or a helper tool (sox) is not installed or not executable. */
  | 'tool_missing'
  /** The provider has no voice for the requested language. */
  | 'language_unknown'
  /** The provider has no voice by the requested name. */
  | 'voice_unknown'
  /** The engine ran but failed, or returned something that is not a usable WAV. */
  | 'render_failed'
  /** The audio could not be decoded (unsupported or broken file). */
  | 'audio_invalid'
  /** Rendering took longer than allowed, or the media was closed while rendering. */
  | 'aborted';

/**
 * A TTS failure with a stable `code` and a message naming what is wrong and where. The adapter lets
 * it reject the `play` command, which the runtime turns into an engine event.
 */
export class TtsError extends Error {
  override readonly name = 'TtsError';

  constructor(
    readonly code: TtsErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
