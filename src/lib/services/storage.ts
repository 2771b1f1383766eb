/** Outcome of asking the browser to keep this app's data when space runs low. */
export type PersistenceStatus = 'granted' | 'denied' | 'unsupported';

export interface StorageReport {
  persistence: PersistenceStatus;
  /** Bytes used and available to this origin, when the browser tells. */
  usage: number | null;
  quota: number | null;
}

/**
 * Asks for persistent storage (once granted, the browser will not evict IndexedDB under
 * storage pressure) and reports the outcome with the current usage.
 */
export async function requestPersistentStorage(
  storage: StorageManager | undefined = globalThis.navigator?.storage
): Promise<StorageReport> {
  if (!storage || typeof storage.persist !== 'function') {
    return { persistence: 'unsupported', usage: null, quota: null };
  }
  const already = typeof storage.persisted === 'function' ? await storage.persisted() : false;
  const granted = already || (await storage.persist());
  const estimate = typeof storage.estimate === 'function' ? await storage.estimate() : {};
  return {
    persistence: granted ? 'granted' : 'denied',
    usage: estimate.usage ?? null,
    quota: estimate.quota ?? null
  };
}

/** True when `error` (or the error it wraps, as Dexie does) says the device's storage is full. */
export function isStorageFull(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 4; depth++) {
    const { name, inner } = e as { name?: unknown; inner?: unknown };
    if (name === 'QuotaExceededError') return true;
    e = inner;
  }
  return false;
}

/** What to tell the learner when a write failed: in words for a full device, else the error. */
export function writeFailureMessage(error: unknown): string {
  if (isStorageFull(error)) {
    return 'This device is out of storage space, so this was not saved and nothing was half-written. Free some space, then try again.';
  }
  return error instanceof Error ? error.message : String(error);
}
