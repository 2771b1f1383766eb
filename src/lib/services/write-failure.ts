/** Telling the learner why a write failed, a full device above all. */
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
