import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileDurably } from '../store/durable-file.js';

/*
 * The API's bearer token. The server never keeps a token it generated: only its SHA-256, in a
 * 0600 file of the store folder, so that a copy of the store (a backup) gives no access. The token
 * itself is printed once, when it is generated.
 */

/** Where the hash of a generated token is kept, inside the store folder. */
export const TOKEN_HASH_FILE = 'api-token.sha256';

/** Shortest token accepted from a --token-file: 128 bits as hex. */
export const MIN_TOKEN_LENGTH = 32;
/** Longest token accepted (from a file or a request). */
export const MAX_TOKEN_LENGTH = 512;

/** Characters of a token: those of base64url, base64 and hex, and of RFC 6750 `b64token`. */
const TOKEN_PATTERN = /^[A-Za-z0-9._~+/=-]+$/;

/** A new token: `rf_` and 256 random bits in base64url. */
export function generateToken(): string {
  return `rf_${randomBytes(32).toString('base64url')}`;
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** SHA-256 of a token, in hex. */
export function hashToken(token: string): string {
  return digest(token).toString('hex');
}

/**
 * A check of presented tokens against one hash. Hashing first makes both sides 32 bytes, so the
 * comparison (timingSafeEqual) takes the same time whatever was presented.
 */
export function createTokenCheck(expectedHashHex: string): (presented: string) => boolean {
  const expected = Buffer.from(expectedHashHex, 'hex');
  if (expected.length !== 32) throw new TypeError('the token hash must be 32 bytes of hex');
  return (presented) => timingSafeEqual(digest(presented), expected);
}

/** Whether `token` has the characters and the length of a token. */
export function isWellFormedToken(token: string): boolean {
  return token.length >= 1 && token.length <= MAX_TOKEN_LENGTH && TOKEN_PATTERN.test(token);
}

/** Where the server's token came from. */
export type TokenSource =
  /** Generated now, on the first start: `token` must be shown to the operator, once. */
  | { readonly kind: 'generated'; readonly hash: string; readonly token: string; readonly file: string }
  /** The hash of a token generated on an earlier start. */
  | { readonly kind: 'stored'; readonly hash: string; readonly file: string }
  /** Read from the --token-file the operator gave. */
  | {
      readonly kind: 'file';
      readonly hash: string;
      readonly file: string;
      readonly looselyProtected: boolean;
    };

/** A token file or hash file that cannot be used; the message says why. */
export class TokenFileError extends Error {
  override readonly name = 'TokenFileError';
}

/**
 * The token of a store: the hash kept in `<storeDir>/api-token.sha256`, or, on the first start,
 * a new token whose hash is written there (mode 0600, atomically).
 */
export async function loadOrCreateStoreToken(storeDir: string): Promise<TokenSource> {
  const file = join(storeDir, TOKEN_HASH_FILE);
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
  }
  if (text !== undefined) {
    const match = /^sha256:([0-9a-f]{64})\s*$/.exec(text);
    if (match === null) {
      throw new TokenFileError(`${file} is not a token hash; delete it to generate a new token`);
    }
    return { kind: 'stored', hash: match[1]!, file };
  }
  const token = generateToken();
  const hash = hashToken(token);
  await writeFileDurably(file, `sha256:${hash}\n`, 0o600);
  return { kind: 'generated', hash, token, file };
}

/**
 * The token of a `--token-file`: its first line, trimmed. Refused when missing, empty, shorter than
 * MIN_TOKEN_LENGTH or made of other characters; `looselyProtected` when others may read the file.
 */
export async function readTokenFile(file: string): Promise<TokenSource> {
  let text: string;
  let mode: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new TokenFileError(`${file} is not a file`);
    if (info.size > 4096) throw new TokenFileError(`${file} is too large to be a token file`);
    mode = info.mode;
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof TokenFileError) throw error;
    throw new TokenFileError(`cannot read ${file}: ${(error as { code?: string }).code ?? String(error)}`);
  }
  const token = (text.split(/\r?\n/)[0] ?? '').trim();
  if (token.length < MIN_TOKEN_LENGTH || !isWellFormedToken(token)) {
    throw new TokenFileError(
      `${file} must hold a token of at least ${MIN_TOKEN_LENGTH} characters (letters, digits, . _ ~ + / = -) on its first line`,
    );
  }
  return { kind: 'file', hash: hashToken(token), file, looselyProtected: (mode & 0o077) !== 0 };
}
