// A Vite plugin for the bundle report of `npm run size -- --report`: after a client build it
// writes which source modules each JavaScript file holds, and how many minified bytes each
// contributes, to .svelte-kit/bundle-modules.json. Nothing of it reaches the app.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const BUNDLE_MODULES = '.svelte-kit/bundle-modules.json';

/** @returns {import('vite').Plugin} */
export function bundleModules() {
  return {
    name: 'sourcedeck-bundle-modules',
    apply: 'build',
    generateBundle(_options, bundle) {
      if (this.environment && this.environment.name !== 'client') return;
      /** @type {Record<string, Record<string, number>>} */
      const files = {};
      for (const [file, chunk] of Object.entries(bundle)) {
        if (chunk.type !== 'chunk') continue;
        files[file] = Object.fromEntries(
          Object.entries(chunk.modules)
            .filter(([, info]) => info.renderedLength > 0)
            .map(([id, info]) => [
              id
                .replace(process.cwd() + '/', '')
                .replace(/^.*node_modules\//, 'node_modules/')
                .replace(/\?.*$/, ''),
              info.renderedLength
            ])
        );
      }
      mkdirSync(dirname(BUNDLE_MODULES), { recursive: true });
      writeFileSync(BUNDLE_MODULES, JSON.stringify(files));
    }
  };
}
