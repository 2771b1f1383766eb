/**
 * SQLite (sql.js, compiled to WebAssembly) for reading and writing Anki packages. It loads
 * only when a screen asks for an Anki file, in a worker: its WASM is about 340 kB gzip and
 * no screen needs it at first paint. The service worker precaches it, so it works offline.
 */
import type { SqlJsStatic } from 'sql.js';

let engine: Promise<SqlJsStatic> | null = null;

/** The SQLite engine, loaded once per worker. */
export function loadSqlite(): Promise<SqlJsStatic> {
  engine ??= (async () => {
    const [{ default: initSqlJs }, { default: wasmUrl }] = await Promise.all([
      import('sql.js'),
      import('sql.js/dist/sql-wasm-browser.wasm?url')
    ]);
    return initSqlJs({ locateFile: () => wasmUrl });
  })();
  return engine;
}
