import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createAriRequester } from './rest.js';

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A loopback HTTP server answering every request after `delayMs`, counting those in progress. */
async function slowServer(delayMs: number) {
  const seen = { inProgress: 0, most: 0 };
  server = createServer((_request, response) => {
    seen.inProgress += 1;
    seen.most = Math.max(seen.most, seen.inProgress);
    setTimeout(() => {
      seen.inProgress -= 1;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ system: { version: '22' } }));
    }, delayMs);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { seen, baseUrl: `http://127.0.0.1:${port}/ari` };
}

describe('createAriRequester', () => {
  it('keeps at most maxConcurrentRequests requests in flight, and answers every one', async () => {
    const { seen, baseUrl } = await slowServer(40);
    const request = createAriRequester({
      baseUrl,
      user: 'u',
      password: 'p',
      timeoutMs: 5000,
      maxConcurrentRequests: 3,
    });
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => request<{ system: { version: string } }>('asteriskInfo')),
    );
    expect(answers.map((answer) => answer.system.version)).toEqual(Array(12).fill('22'));
    expect(seen.most).toBe(3);
  });

  it('refuses a limit that is not a whole number of at least 1', () => {
    expect(() =>
      createAriRequester({
        baseUrl: 'http://127.0.0.1:1/ari',
        user: 'u',
        password: 'p',
        timeoutMs: 10,
        maxConcurrentRequests: 0,
      }),
    ).toThrow(/maxConcurrentRequests/);
  });
});
