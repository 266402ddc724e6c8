import type { LegTarget } from '@ringflow/flow-core';

/** ARI media schemes a file sound may already be written in; they are passed through as they are. */
const MEDIA_SCHEME = /^(sound|recording|tone|digits|number|characters):/;
const HTTP_URL = /^https?:\/\//i;
const EXTENSION = /\.[A-Za-z0-9]{1,5}$/;

/**
 * The default media URI of a file sound (`{ kind: 'file', file }`):
 * - a media URI (`sound:...`, `recording:...`, `tone:...`) is used as it is;
 * - an http(s) URL is played through Asterisk's media cache (`sound:https://...`);
 * - a path (`welcome.wav`, `sounds/soft-piano.mp3`, `/var/lib/ringflow/sounds/hold`) becomes
 *   `sound:<path without extension>`: Asterisk picks the best format it has of that sound, in the
 *   channel's language, relative paths from its sounds folder.
 */
export function defaultMediaForFile(file: string): string {
  if (MEDIA_SCHEME.test(file)) return file;
  if (HTTP_URL.test(file)) return `sound:${file}`;
  return `sound:${file.replace(EXTENSION, '')}`;
}

/** The default external endpoint template: `{number}` is replaced by the E.164 number dialed. */
export const DEFAULT_EXTERNAL_ENDPOINT = 'PJSIP/{number}@trunk';

/**
 * The default dial string of a ring leg: an agent is `PJSIP/<agent id>`; an external number is the
 * `externalEndpoint` template with `{number}` replaced (default `PJSIP/{number}@trunk`).
 */
export function defaultEndpointFor(target: LegTarget, externalEndpoint = DEFAULT_EXTERNAL_ENDPOINT): string {
  if (target.kind === 'agent') return `PJSIP/${target.agent}`;
  return externalEndpoint.replaceAll('{number}', target.number);
}

/**
 * The device whose state tells an endpoint's presence. `PJSIP/alice` and `PJSIP/alice/sip:...` are
 * device `PJSIP/alice`; `PJSIP/<number>@trunk` dials through the trunk, device `PJSIP/trunk`; other
 * technologies (`Local/answer-1@agents`) are their own device.
 */
export function deviceOfEndpoint(endpoint: string): string {
  const slash = endpoint.indexOf('/');
  if (slash < 0 || endpoint.slice(0, slash).toUpperCase() !== 'PJSIP') return endpoint;
  const first = endpoint.slice(slash + 1).split('/')[0] ?? '';
  const at = first.indexOf('@');
  return `${endpoint.slice(0, slash)}/${at >= 0 ? first.slice(at + 1) : first}`;
}

/** Characters safe in a recording name (it becomes a file path under Asterisk's recordings folder). */
export function safeNamePart(value: string): string {
  const cleaned = value.replace(/[^A-Za-z0-9_.+-]/g, '_').replace(/^\.+/, '_');
  return cleaned === '' ? '_' : cleaned.slice(0, 80);
}
