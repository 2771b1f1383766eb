// Imports a TypeScript module of the project from a Node script, through Vite's module
// runner, with the $lib alias resolved. Nothing else of the app's build is loaded.
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const lib = fileURLToPath(new URL('../src/lib', import.meta.url));

/** @param {string} path a project-relative path to a .ts module */
export async function runTs(path) {
  const { module } = await runnerImport(path, {
    configFile: false,
    logLevel: 'error',
    resolve: { alias: { $lib: lib } }
  });
  return module;
}
