import { describe, expect, it } from 'vitest';
import { requestPersistentStorage } from './storage';
import { isStorageFull, writeFailureMessage } from './write-failure';

function fakeStorage(persisted: boolean, grant: boolean) {
  let asked = 0;
  const storage = {
    persisted: async () => persisted,
    persist: async () => {
      asked++;
      return grant;
    },
    estimate: async () => ({ usage: 1200, quota: 50_000_000 })
  } as unknown as StorageManager;
  return { storage, asked: () => asked };
}

describe('requestPersistentStorage', () => {
  it('reports granted without asking again when storage is already persistent', async () => {
    const { storage, asked } = fakeStorage(true, false);
    expect(await requestPersistentStorage(storage)).toEqual({
      persistence: 'granted',
      usage: 1200,
      quota: 50_000_000
    });
    expect(asked()).toBe(0);
  });

  it('asks once and reports a refusal', async () => {
    const { storage, asked } = fakeStorage(false, false);
    expect((await requestPersistentStorage(storage)).persistence).toBe('denied');
    expect(asked()).toBe(1);
  });

  it('reports unsupported where the Storage API is missing', async () => {
    expect(await requestPersistentStorage(undefined)).toEqual({
      persistence: 'unsupported',
      usage: null,
      quota: null
    });
  });
});

describe('a full device', () => {
  it('is told in words, also when the error is wrapped as Dexie wraps it', () => {
    const quota = Object.assign(new Error('QuotaExceededError'), { name: 'QuotaExceededError' });
    const wrapped = Object.assign(new Error('Transaction aborted'), {
      name: 'AbortError',
      inner: quota
    });
    expect(isStorageFull(quota)).toBe(true);
    expect(isStorageFull(wrapped)).toBe(true);
    expect(isStorageFull(new Error('other'))).toBe(false);
    expect(writeFailureMessage(wrapped)).toMatch(/out of storage space/);
    expect(writeFailureMessage(new Error('Something else'))).toBe('Something else');
  });
});
