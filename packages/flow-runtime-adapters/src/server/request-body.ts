import type { IncomingMessage } from 'node:http';
import { parseFlowText } from '@ringflow/flow-core';
import { decodeUtf8 } from '../cli/read-flow-file.js';
import { UNSOUND_JSON_CODES } from '../store/store-rules.js';
import { ApiError } from './api-error.js';

/** Whether a request carries a body (a length above zero, or chunks). */
export function hasBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  if (length !== undefined) return length !== '0';
  return request.headers['transfer-encoding'] !== undefined;
}

/**
 * Checks that a request body is JSON: `Content-Type: application/json`, with no charset or UTF-8.
 * Anything else is 415, before a byte of the body is read.
 */
export function checkJsonContentType(request: IncomingMessage): void {
  const header = request.headers['content-type'];
  const [type = '', ...parameters] = (header ?? '').split(';').map((part) => part.trim().toLowerCase());
  const charset = parameters
    .find((p) => p.startsWith('charset='))
    ?.slice(8)
    .replace(/"/g, '');
  if (type !== 'application/json' || (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')) {
    throw new ApiError(
      415,
      'unsupported_media_type',
      `The request body must be JSON sent as "Content-Type: application/json"${header === undefined ? '' : `, not "${header.slice(0, 100)}"`}.`,
    );
  }
}

function tooLarge(limit: number): ApiError {
  return new ApiError(
    413,
    'payload_too_large',
    `The request body is larger than the limit of ${limit} bytes.`,
    {
      details: { limit },
    },
  );
}

/**
 * Reads a request body of at most `limit` bytes. A declared length over the limit is refused before
 * reading anything; a body that grows past it (chunked, or a lying length) is refused as soon as it
 * does, without keeping more than `limit` bytes in memory.
 */
export function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = request.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const cleanup = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) {
        // Stop reading but leave the socket alone: the 413 still has to reach the client.
        cleanup();
        request.pause();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, total));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onClose = () => {
      cleanup();
      reject(
        new ApiError(400, 'request_aborted', 'The client closed the connection before the end of the body.'),
      );
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
    request.on('close', onClose);
  });
}

/** Decodes a body as UTF-8; bytes that are not UTF-8 are a 400 with their line and column. */
export function decodeBody(bytes: Uint8Array): string {
  const decoded = decodeUtf8(bytes);
  if (decoded.ok) return decoded.text;
  throw invalidJson(decoded.issue.params ?? {});
}

function invalidJson(params: Readonly<Record<string, unknown>>): ApiError {
  const { line, column, detail } = params;
  return new ApiError(
    400,
    'invalid_json',
    `The request body is not valid JSON (line ${String(line)}, column ${String(column)}): ${String(detail)}.`,
    { details: { line, column } },
  );
}

/**
 * Parses a JSON body with flow-core's JSON reader, which every ringflow document goes through:
 * syntax errors with line and column, and no duplicate key, `__proto__` key or deep nesting.
 */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') {
    throw new ApiError(400, 'invalid_json', 'The request body is empty; send a JSON object.');
  }
  const read = parseFlowText(text);
  const unsound = read.issues.filter((issue) => UNSOUND_JSON_CODES.has(issue.code));
  const syntax = unsound.find((issue) => issue.code === 'invalid_json');
  if (syntax !== undefined) throw invalidJson(syntax.params ?? {});
  if (unsound.length > 0) {
    throw new ApiError(400, 'invalid_json', `The request body is refused: ${unsound[0]!.message}`, {
      details: { issues: unsound },
    });
  }
  return JSON.parse(text) as unknown;
}
