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
