import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTtsHttpServer, type TtsHttpRequestInfo, type TtsHttpServer } from './http-server.js';

const HASH = 'ab'.repeat(32);
const OTHER = 'cd'.repeat(32);

let dir: string;
let server: TtsHttpServer;
let seen: TtsHttpRequestInfo[];
let asked: string[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ringflow-tts-http-'));
  await writeFile(join(dir, `${HASH}.wav`), 'RIFF....WAVE-bytes');
  // A file next to the cache that no request may reach.
  await writeFile(join(dir, 'secret.txt'), 'secret');
  seen = [];
  asked = [];
  server = await startTtsHttpServer({
    host: '127.0.0.1',
    port: 0,
    extension: 'wav',
    async fileOf(hash) {
      asked.push(hash);
      if (hash === OTHER) throw new Error('render failed');
      return hash === HASH ? join(dir, `${hash}.wav`) : undefined;
    },
    onRequest: (info) => seen.push(info),
  });
});
afterEach(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

/** Sends `target` byte for byte (fetch would normalize `..` and `%2e` away before sending). */
function rawGet(target: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1', () => {
      socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    });
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('end', () => resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1]), text }));
    socket.on('error', reject);
  });
}

describe('startTtsHttpServer', () => {
  it('serves a cached prompt with the headers Asterisk needs', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    const response = await fetch(`${server.url}/tts/${HASH}.wav`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/wav');
    expect(response.headers.get('content-length')).toBe('18');
    expect(response.headers.get('etag')).toBe(`"${HASH}"`);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await response.text()).toBe('RIFF....WAVE-bytes');
    // Logged once the response has closed, which may come after the client has read the body.
    await vi.waitFor(() =>
      expect(seen).toEqual([{ method: 'GET', path: `/tts/${HASH}.wav`, status: 200, hash: HASH }]),
    );
  });

  it('answers HEAD without a body and a matching If-None-Match with 304', async () => {
    const head = await fetch(`${server.url}/tts/${HASH}.wav`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('18');
    expect(await head.text()).toBe('');
    const again = await fetch(`${server.url}/tts/${HASH}.wav?cache=bust`, {
      headers: { 'if-none-match': `"${HASH}"` },
    });
    expect(again.status).toBe(304);
  });

  it('answers 404 for an unknown hash, 500 when producing it fails, 405 for other methods', async () => {
    expect((await fetch(`${server.url}/tts/${'ef'.repeat(32)}.wav`)).status).toBe(404);
    expect((await fetch(`${server.url}/tts/${OTHER}.wav`)).status).toBe(500);
    const post = await fetch(`${server.url}/tts/${HASH}.wav`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    // The other rate's extension is not this server's.
    expect((await fetch(`${server.url}/tts/${HASH}.wav16`)).status).toBe(404);
  });

  it('refuses every path that is not exactly /tts/<64 hex>.wav, so no other file can be reached', async () => {
    const attempts = [
      '/tts/../secret.txt',
      '/tts/..%2fsecret.txt',
      '/tts/%2e%2e/secret.txt',
      `/tts/${HASH}.wav/../../secret.txt`,
      `/tts/../tts/${HASH}.wav`,
      `//tts/${HASH}.wav`,
      `/tts//${HASH}.wav`,
      `/tts/${HASH.toUpperCase()}.wav`,
      `/tts/${HASH}.wav%00.txt`,
      `/tts/${HASH}`,
      '/tts/',
      '/',
      '/secret.txt',
      `/TTS/${HASH}.wav`,
      `http://127.0.0.1/tts/../secret.txt`,
      '*',
    ];
    for (const target of attempts) {
      const { status, text } = await rawGet(target);
      expect([400, 404], target).toContain(status);
      expect(text).not.toContain('secret');
      expect(text).not.toContain('WAVE-bytes');
    }
    // None of them even reached the file lookup.
    expect(asked).toEqual([]);
  });

  it('closes promptly even with an idle keep-alive connection open', async () => {
    await fetch(`${server.url}/tts/${HASH}.wav`).then((response) => response.arrayBuffer());
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(fetch(`${server.url}/tts/${HASH}.wav`)).rejects.toThrow();
  });
});
