import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../io/memory-storage.js';
import {
  AUTHOR_KEY,
  CONNECTION_KEY,
  forgetConnection,
  readAuthor,
  readStoredConnection,
  serverFlowFromSearch,
  serverFromSearch,
  storeAuthor,
  storeConnection,
} from './connection.js';

const TOKEN = 'rf_2hQm6y1wS0q0b8Hc3E0n2l4dKJ3sVqk7Jd8l0xM9pZQ';
const storages = () => ({ session: createMemoryStorage(), local: createMemoryStorage() });

describe('the stored connection', () => {
  it('keeps the token for this tab by default, and on the device only when asked', () => {
    const both = storages();
    expect(storeConnection(both, { url: 'http://127.0.0.1:8300', token: TOKEN, remember: false })).toBe(true);
    expect(both.session.getItem(CONNECTION_KEY)).toContain(TOKEN);
    expect(both.local.getItem(CONNECTION_KEY)).toBeNull();
    expect(readStoredConnection(both)).toEqual({
      url: 'http://127.0.0.1:8300',
      token: TOKEN,
      remember: false,
    });

    // Remembered: moved to the device, and no copy left in the tab's storage.
    storeConnection(both, { url: 'http://127.0.0.1:8300', token: TOKEN, remember: true });
    expect(both.session.getItem(CONNECTION_KEY)).toBeNull();
    expect(readStoredConnection(both)).toEqual({
      url: 'http://127.0.0.1:8300',
      token: TOKEN,
      remember: true,
    });

    forgetConnection(both);
    expect(both.local.getItem(CONNECTION_KEY)).toBeNull();
    expect(readStoredConnection(both)).toBeUndefined();
  });

  it('ignores what it did not write, and works without any storage', () => {
    const both = storages();
    both.session.setItem(CONNECTION_KEY, '{not json');
    both.local.setItem(CONNECTION_KEY, JSON.stringify({ url: 'http://x', token: TOKEN }));
    expect(readStoredConnection(both)).toBeUndefined();
    const none = { session: undefined, local: undefined };
    expect(storeConnection(none, { url: 'http://127.0.0.1:8300', token: TOKEN, remember: false })).toBe(
      false,
    );
    expect(readStoredConnection(none)).toBeUndefined();
  });

  it('reads the server, never a token, from the address', () => {
    expect(serverFromSearch('?server=127.0.0.1:8300&lang=en')).toBe('http://127.0.0.1:8300');
    expect(serverFromSearch('?server=ftp://x')).toBeUndefined();
    expect(serverFromSearch('?lang=en')).toBeUndefined();
    expect(serverFlowFromSearch('?serverFlow=support-line')).toBe('support-line');
    expect(serverFlowFromSearch('?serverFlow=')).toBeUndefined();
  });

  it('remembers who publishes on this device', () => {
    const local = createMemoryStorage();
    expect(readAuthor(local)).toBe('');
    storeAuthor(local, '  Camille Roux ');
    expect(local.getItem(AUTHOR_KEY)).toBe('Camille Roux');
    expect(readAuthor(local)).toBe('Camille Roux');
    storeAuthor(local, '');
    expect(readAuthor(local)).toBe('');
  });
});
