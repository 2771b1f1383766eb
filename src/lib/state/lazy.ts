/**
 * Code a screen needs only after its first paint (the use cases and the database under
 * them), loaded on first use and kept. A failed load (offline before the file was cached)
 * is tried again on the next call. Call it once when the screen is created so the request
 * starts at once.
 */
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () =>
    (pending ??= load().catch((error: unknown) => {
      pending = null;
      throw error;
    }));
}
