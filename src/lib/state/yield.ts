/**
 * Lets the browser paint and handle input before the rest of a long piece of main-thread
 * work: the work after `await yieldToBrowser()` runs in a task of its own. Uses
 * `scheduler.yield()` where the browser has it (the rest keeps its place in the queue),
 * else a zero timeout.
 */
export function yieldToBrowser(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}
