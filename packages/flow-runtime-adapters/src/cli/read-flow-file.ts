import { constants } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createIssue, FLOW_LIMITS, type FlowIssue, type Locale } from '@ringflow/flow-core';

/** Why a file could not be read; stable, as the `reason` param of a `file_unreadable` issue. */
export type UnreadableReason =
  | 'not_found'
  | 'is_directory'
  | 'not_regular_file'
  | 'permission_denied'
  | 'too_many_links'
  | 'name_too_long'
  | 'io_error';

/** What reading a flow file gave. */
export type FlowFileResult =
  /** The text (UTF-8 decoded, without a BOM) and the bytes as they are on disk. */
  | { readonly kind: 'text'; readonly path: string; readonly text: string; readonly bytes: Uint8Array }
  /** The file exists but is no flow document: too large or not UTF-8. It is an issue of the document. */
  | { readonly kind: 'rejected'; readonly path: string; readonly issue: FlowIssue }
  /** The file cannot be read at all. `detail` is the system error code when there is one. */
  | {
      readonly kind: 'unreadable';
      readonly path: string;
      readonly reason: UnreadableReason;
      readonly detail?: string;
    };

const REASONS_BY_ERROR_CODE: Readonly<Record<string, UnreadableReason>> = {
  ENOENT: 'not_found',
  ENOTDIR: 'not_found',
  EISDIR: 'is_directory',
  EACCES: 'permission_denied',
  EPERM: 'permission_denied',
  ELOOP: 'too_many_links',
  ENAMETOOLONG: 'name_too_long',
};

/** Maps an error of node:fs to a reason, keeping the system code of the unusual ones. */
export function unreadableReasonOf(error: unknown): { reason: UnreadableReason; detail?: string } {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return { reason: 'io_error' };
  const reason = Object.hasOwn(REASONS_BY_ERROR_CODE, code) ? REASONS_BY_ERROR_CODE[code]! : 'io_error';
  return reason === 'io_error' ? { reason, detail: code } : { reason };
}

// Reading in bounded slices keeps memory bounded even if the file grows after the size check.
const CHUNK_BYTES = 1024 * 1024;
// Opening a FIFO for reading blocks until a writer comes; a non-blocking open never waits.
// (O_NONBLOCK does not exist on Windows, which has no FIFOs in the file system anyway.)
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** Sizes as flow-core writes them in `document_too_large`. */
function humanSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

function tooLarge(path: string, bytes: number, locale: Locale): FlowFileResult {
  const issue = createIssue(
    'document_too_large',
    { params: { size: humanSize(bytes), limit: humanSize(FLOW_LIMITS.maxBytes) } },
    locale,
  );
  return { kind: 'rejected', path, issue };
}

/**
 * Reads a flow document from a file without trusting it: refuses anything but a regular file
 * (a directory, /dev/zero, a FIFO) and a file over `FLOW_LIMITS.maxBytes` before reading a byte
 * of it, never reads more than the limit, strips a UTF-8 byte order mark and refuses bytes that
 * are not UTF-8 with an `invalid_json` issue that says where they are.
 */
export async function readFlowFile(
  file: string,
  cwd: string,
  locale: Locale = 'en',
): Promise<FlowFileResult> {
  const path = resolve(cwd, file);
  const unreadable = (error: unknown): FlowFileResult => ({
    kind: 'unreadable',
    path,
    ...unreadableReasonOf(error),
  });

  let info;
  try {
    info = await stat(path);
  } catch (error) {
    return unreadable(error);
  }
  if (info.isDirectory()) return { kind: 'unreadable', path, reason: 'is_directory' };
  if (!info.isFile()) return { kind: 'unreadable', path, reason: 'not_regular_file' };
  if (info.size > FLOW_LIMITS.maxBytes) return tooLarge(path, info.size, locale);

  let handle: FileHandle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (error) {
    return unreadable(error);
  }
  try {
    // The path may have been replaced between stat and open: check what was actually opened.
    const opened = await handle.stat();
    if (!opened.isFile()) return { kind: 'unreadable', path, reason: 'not_regular_file' };
    if (opened.size > FLOW_LIMITS.maxBytes) return tooLarge(path, opened.size, locale);
    const chunks: Uint8Array[] = [];
    let total = 0;
    // The first read asks for the whole file and one byte more, to see its end in one call.
    let wanted = opened.size + 1;
    for (;;) {
      const chunk = new Uint8Array(Math.min(wanted, FLOW_LIMITS.maxBytes + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > FLOW_LIMITS.maxBytes) {
        return tooLarge(path, Math.max(total, (await handle.stat()).size), locale);
      }
      wanted = CHUNK_BYTES;
    }
    const bytes = Buffer.concat(chunks, total);
    const decoded = decodeUtf8(bytes, locale);
    return decoded.ok
      ? { kind: 'text', path, text: decoded.text, bytes }
      : { kind: 'rejected', path, issue: decoded.issue };
  } catch (error) {
    return unreadable(error);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

const INVALID_UTF8_DETAIL = {
  en: (byte: string) => `invalid UTF-8 byte ${byte}; save the file as UTF-8`,
  fr: (byte: string) => `octet ${byte} invalide en UTF-8 ; enregistrez le fichier en UTF-8`,
} as const satisfies Record<Locale, (byte: string) => string>;

const UTF16_DETAIL = {
  en: 'the file is UTF-16 text; save it as UTF-8',
  fr: 'le fichier est en UTF-16 ; enregistrez-le en UTF-8',
} as const satisfies Record<Locale, string>;

/**
 * Decodes UTF-8 strictly: a byte order mark is dropped, and bytes that are not UTF-8 give an
 * `invalid_json` issue with the line and column of the first of them.
 */
export function decodeUtf8(
  bytes: Uint8Array,
  locale: Locale = 'en',
): { ok: true; text: string } | { ok: false; issue: FlowIssue } {
  try {
    // The decoder drops one leading byte order mark (ignoreBOM is false by default).
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const found = firstInvalidUtf8Offset(bytes);
    const offset = found < 0 ? bytes.length : found;
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    let line = 1;
    let lineStart = bom;
    for (let i = bom; i < offset; i++) {
      if (bytes[i] === 0x0a) {
        line++;
        lineStart = i + 1;
      }
    }
    // Columns count characters, as flow-core's JSON scanner does; this slice is valid UTF-8.
    const column = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset)).length + 1;
    const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
    const byte = `0x${(bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0')}`;
    const detail = utf16 ? UTF16_DETAIL[locale] : INVALID_UTF8_DETAIL[locale](byte);
    return { ok: false, issue: createIssue('invalid_json', { params: { line, column, detail } }, locale) };
  }
}

/**
 * The offset of the first byte that does not start a well-formed UTF-8 sequence (Unicode table
 * 3-7: no overlong forms, no surrogates, nothing above U+10FFFF), or -1 when every byte does.
 */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const length =
      lead >= 0xc2 && lead <= 0xdf
        ? 2
        : lead >= 0xe0 && lead <= 0xef
          ? 3
          : lead >= 0xf0 && lead <= 0xf4
            ? 4
            : 0;
    if (length === 0) return i;
    // The second byte has a narrower range after some leads; every other continuation is 80-BF.
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined) return i;
      if (k === 1 ? next < low || next > high : next < 0x80 || next > 0xbf) return i;
    }
    i += length;
  }
  return -1;
}
