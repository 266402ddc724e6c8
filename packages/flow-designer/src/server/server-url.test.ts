import { describe, expect, it } from 'vitest';
import { isLoopbackUrl, isSendableToken, normalizeServerUrl } from './server-url.js';

const TOKEN = 'rf_2hQm6y1wS0q0b8Hc3E0n2l4dKJ3sVqk7Jd8l0xM9pZQ';

describe('server addresses and tokens', () => {
  it('normalizes what an admin types into a base URL', () => {
    expect(normalizeServerUrl(' http://127.0.0.1:8300/ ')).toEqual({
      ok: true,
      url: 'http://127.0.0.1:8300',
    });
    expect(normalizeServerUrl('127.0.0.1:8300')).toEqual({ ok: true, url: 'http://127.0.0.1:8300' });
    expect(normalizeServerUrl('https://pbx.example.com/ringflow/')).toEqual({
      ok: true,
      url: 'https://pbx.example.com/ringflow',
    });
    expect(normalizeServerUrl('')).toEqual({ ok: false, problem: 'empty' });
    expect(normalizeServerUrl('ftp://example.com')).toEqual({ ok: false, problem: 'protocol' });
    expect(normalizeServerUrl('http://admin:secret@example.com')).toEqual({
      ok: false,
      problem: 'credentials',
    });
    expect(normalizeServerUrl('http://example.com/?token=x')).toEqual({ ok: false, problem: 'invalid' });
    expect(normalizeServerUrl('http://exa mple.com')).toEqual({ ok: false, problem: 'invalid' });
  });

  it('knows which servers are on this machine', () => {
    expect(isLoopbackUrl('http://127.0.0.1:8300')).toBe(true);
    expect(isLoopbackUrl('http://localhost:8300')).toBe(true);
    expect(isLoopbackUrl('http://[::1]:8300')).toBe(true);
    expect(isLoopbackUrl('http://192.168.1.20:8300')).toBe(false);
  });

  it('accepts the tokens the server issues and nothing that breaks a header', () => {
    expect(isSendableToken(TOKEN)).toBe(true);
    expect(isSendableToken('')).toBe(false);
    expect(isSendableToken('rf_abc def')).toBe(false);
    expect(isSendableToken('jeton-é')).toBe(false);
  });
});
