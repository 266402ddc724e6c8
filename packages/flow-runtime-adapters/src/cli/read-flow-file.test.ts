import type * as fsPromises from 'node:fs/promises';
import { mkdir, open as realOpen, stat, symlink, truncate, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { FLOW_LIMITS } from '@ringflow/flow-core';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeTempDir } from '../../test/helpers.js';
import { decodeUtf8, firstInvalidUtf8Offset, readFlowFile, unreadableReasonOf } from './read-flow-file.js';

// Spies on open() to prove which files are refused before a single byte of them is read.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof fsPromises>();
  return { ...actual, open: vi.fn(actual.open) };
});
const openSpy = vi.mocked(realOpen);

let dir: string;
let removeDir: () => Promise<void>;

beforeAll(async () => {
  ({ dir, remove: removeDir } = await makeTempDir());
});

afterAll(async () => {
  await removeDir();
});

beforeEach(() => {
  openSpy.mockClear();
});

describe('readFlowFile', () => {
  it('reads a regular file as text and keeps its bytes', async () => {
    await writeFile(join(dir, 'ok.json'), '\ufeff{"a": "é"}');
    const result = await readFlowFile('ok.json', dir);
    expect(result).toMatchObject({ kind: 'text', path: join(dir, 'ok.json'), text: '{"a": "é"}' });
    expect(result.kind === 'text' && result.bytes.length).toBe(14);
  });

  it('refuses a file over the limit from its size alone, without opening it', async () => {
    const path = join(dir, 'huge.json');
    await writeFile(path, '');
    await truncate(path, 50 * 1024 * 1024);
    const result = await readFlowFile(path, '/');
    expect(result).toMatchObject({
      kind: 'rejected',
      issue: { code: 'document_too_large', params: { size: '50.0 MB' } },
    });
    expect(openSpy).not.toHaveBeenCalled();
  });

  it('reads a file of exactly the limit', async () => {
    const path = join(dir, 'limit.json');
    await writeFile(path, '');
    await truncate(path, FLOW_LIMITS.maxBytes);
    const result = await readFlowFile(path, '/');
    expect(result.kind).toBe('text');
    expect(result.kind === 'text' && result.bytes.length).toBe(FLOW_LIMITS.maxBytes);
  });

  it('reads past the size the file system gives, up to the end of the file', async () => {
    // Files of /proc claim a size of 0 and yet have content.
    expect((await stat('/proc/self/status')).size).toBe(0);
    const result = await readFlowFile('/proc/self/status', '/');
    expect(result.kind === 'text' && result.text).toMatch(/^Name:/);
  });

  it('refuses what is not a regular file without opening it', async () => {
    await mkdir(join(dir, 'folder'));
    expect(await readFlowFile('folder', dir)).toMatchObject({ kind: 'unreadable', reason: 'is_directory' });
    expect(await readFlowFile('/dev/zero', dir)).toMatchObject({
      kind: 'unreadable',
      reason: 'not_regular_file',
    });
    execFileSync('mkfifo', [join(dir, 'fifo.json')]);
    expect(await readFlowFile('fifo.json', dir)).toMatchObject({
      kind: 'unreadable',
      reason: 'not_regular_file',
    });
    expect(openSpy).not.toHaveBeenCalled();
  });

  it('names why a file cannot be read', async () => {
    expect(await readFlowFile('missing.json', dir)).toMatchObject({
      kind: 'unreadable',
      reason: 'not_found',
    });
    await writeFile(join(dir, 'plain'), '{}');
    expect(await readFlowFile('plain/child.json', dir)).toMatchObject({
      kind: 'unreadable',
      reason: 'not_found',
    });
    await symlink('loop-b', join(dir, 'loop-a'));
    await symlink('loop-a', join(dir, 'loop-b'));
    expect(await readFlowFile('loop-a', dir)).toMatchObject({ kind: 'unreadable', reason: 'too_many_links' });
  });

  it('maps file system errors to stable reasons', () => {
    expect(unreadableReasonOf(Object.assign(new Error('x'), { code: 'EACCES' }))).toEqual({
      reason: 'permission_denied',
    });
    expect(unreadableReasonOf(Object.assign(new Error('x'), { code: 'EPERM' }))).toEqual({
      reason: 'permission_denied',
    });
    expect(unreadableReasonOf(Object.assign(new Error('x'), { code: 'EIO' }))).toEqual({
      reason: 'io_error',
      detail: 'EIO',
    });
    expect(unreadableReasonOf(new Error('no code'))).toEqual({ reason: 'io_error' });
    expect(unreadableReasonOf(null)).toEqual({ reason: 'io_error' });
  });
});

describe('decodeUtf8', () => {
  const bytes = (...values: number[]) => Uint8Array.from(values);

  it('decodes UTF-8 and drops a byte order mark', () => {
    expect(decodeUtf8(new TextEncoder().encode('\ufeff{"é": "😀"}'))).toEqual({
      ok: true,
      text: '{"é": "😀"}',
    });
  });

  it('says on which line and column the first invalid byte is', () => {
    const text = Buffer.concat([Buffer.from('{\n  "a": "😀x'), bytes(0xff), Buffer.from('"\n}')]);
    const result = decodeUtf8(text);
    expect(result).toMatchObject({
      ok: false,
      issue: { code: 'invalid_json', params: { line: 2, column: 12 } },
    });
    expect(!result.ok && result.issue.message).toBe(
      'The file is not valid JSON (line 2, column 12): invalid UTF-8 byte 0xFF; save the file as UTF-8.',
    );
  });

  it('counts columns after a byte order mark as the JSON scanner does', () => {
    expect(decodeUtf8(bytes(0xef, 0xbb, 0xbf, 0x7b, 0xc0, 0x80))).toMatchObject({
      issue: { params: { line: 1, column: 2 } },
    });
    expect(decodeUtf8(bytes(0x80))).toMatchObject({ issue: { params: { line: 1, column: 1 } } });
  });

  it('recognizes UTF-16 text and says so, in French too', () => {
    const utf16 = Buffer.from('\ufeff{}', 'utf16le');
    expect(decodeUtf8(utf16)).toMatchObject({
      issue: { params: { detail: 'the file is UTF-16 text; save it as UTF-8' } },
    });
    expect(decodeUtf8(utf16, 'fr')).toMatchObject({
      issue: {
        message:
          "Le fichier n'est pas un JSON valide (ligne 1, colonne 1) : le fichier est en UTF-16 ; enregistrez-le en UTF-8.",
      },
    });
  });
});

describe('firstInvalidUtf8Offset', () => {
  const cases: Array<[string, number[], number]> = [
    ['ASCII', [0x7b, 0x7d], -1],
    ['two, three and four byte characters', [0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80], -1],
    ['a lone continuation byte', [0x41, 0x80], 1],
    ['an overlong two-byte form', [0xc0, 0xaf], 0],
    ['an overlong three-byte form', [0xe0, 0x80, 0xaf], 0],
    ['a UTF-16 surrogate', [0x41, 0xed, 0xa0, 0x80], 1],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['a byte that never appears in UTF-8', [0x41, 0x42, 0xf5], 2],
    ['a sequence cut short by the end', [0x41, 0xe2, 0x82], 1],
    ['a sequence cut short by ASCII', [0xe2, 0x41, 0x41], 0],
  ];
  it.each(cases)('%s', (_name, values, expected) => {
    expect(firstInvalidUtf8Offset(Uint8Array.from(values))).toBe(expected);
    // It agrees with the platform's strict decoder on what is valid.
    let valid = true;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(values));
    } catch {
      valid = false;
    }
    expect(expected === -1).toBe(valid);
  });
});

describe('firstInvalidUtf8Offset on any bytes', () => {
  it('agrees with the strict decoder, and everything before the offset decodes', () => {
    // Bytes near the UTF-8 boundaries are what finds mistakes, so they are drawn often.
    const byte = fc.oneof(
      fc.integer({ min: 0, max: 255 }),
      fc.constantFrom(
        0x7f,
        0x80,
        0xbf,
        0xc0,
        0xc1,
        0xc2,
        0xdf,
        0xe0,
        0xed,
        0xef,
        0xf0,
        0xf4,
        0xf5,
        0xa0,
        0x9f,
        0x8f,
        0x90,
      ),
    );
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 12 }), (values) => {
        const bytes = Uint8Array.from(values);
        const offset = firstInvalidUtf8Offset(bytes);
        const strict = new TextDecoder('utf-8', { fatal: true });
        let valid = true;
        try {
          strict.decode(bytes);
        } catch {
          valid = false;
        }
        expect(offset === -1).toBe(valid);
        if (offset >= 0) expect(() => strict.decode(bytes.subarray(0, offset))).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });
});
