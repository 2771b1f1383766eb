import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * SvelteKit's route announcer (for screen readers) carries one fixed style attribute.
 * CSP allows exactly that attribute by its hash, read from the installed Kit so an
 * upgrade cannot silently break it.
 */
function announcerStyleHash() {
  const require = createRequire(import.meta.url);
  const kitDir = require.resolve('@sveltejs/kit/package.json').replace(/package\.json$/, '');
  const source = readFileSync(`${kitDir}src/core/sync/write_root.js`, 'utf8');
  const style = /id="svelte-announcer"[^>]*style="([^"]+)"/.exec(source)?.[1];
  if (!style) throw new Error("Could not find the style of SvelteKit's route announcer");
  return `sha256-${createHash('sha256').update(style).digest('base64')}`;
}

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: {
    runes: true
  },
  kit: {
    // Every page is prerendered as the same client-only shell; the service worker serves
    // the root shell for any navigation when offline.
    // Pages with a deck or fact in their address are not prerendered one by one: the
    // host serves 200.html (the same shell) for them, the service worker serves '/'.
    // Absolute asset paths, so the one shell works at any depth (the worker serves it for
    // every navigation when offline).
    paths: { relative: false },
    adapter: adapter({ pages: 'build', assets: 'build', fallback: '200.html', strict: true }),
    // The app talks to nobody but its own origin. Kit hashes its inline boot script.
    csp: {
      mode: 'hash',
      directives: {
        'default-src': ['self'],
        // WebAssembly (SQLite, for Anki packages) compiles only with this; it allows no eval.
        'script-src': ['self', 'wasm-unsafe-eval'],
        'style-src': ['self'],
        'style-src-attr': ['unsafe-hashes', announcerStyleHash()],
        'img-src': ['self', 'data:', 'blob:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'manifest-src': ['self'],
        'worker-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self']
      }
    }
  }
};

export default config;
