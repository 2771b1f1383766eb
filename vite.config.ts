import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';
import { webManifest } from './src/lib/pwa/manifest.ts';
import { bundleModules } from './scripts/bundle-modules.js';
import pkg from './package.json' with { type: 'json' };

export default defineConfig({
  define: {
    __APP_VERSION__: JSON.stringify(pkg.version),
    __BUILD_DATE__: JSON.stringify(new Date().toISOString().slice(0, 10))
  },
  resolve: {
    // Dexie's modern ES module: 1.3 kB smaller gzipped than the ES5 build its import wrapper
    // loads, and the app only ever imports Dexie from src/lib/db, so one copy is loaded.
    alias: [{ find: /^dexie$/, replacement: 'dexie/dist/modern/dexie.mjs' }]
  },
  // The deck installer runs in a module worker that shares chunks with the app.
  worker: { format: 'es' },
  plugins: [
    sveltekit(),
    bundleModules(),
    SvelteKitPWA({
      // 'prompt': a new version waits for the learner to accept it, never reloads by itself.
      registerType: 'prompt',
      injectRegister: false,
      // Kit builds with a relative base; the worker must register at the root whatever
      // page the learner opens first (a deep link to a fact, say).
      base: '/',
      scope: '/',
      manifest: webManifest,
      workbox: {
        // The built-in decks and icons live in static/ and prerendered/: precache them too,
        // so the app works fully offline after one visit.
        globPatterns: [
          'client/**/*.{js,css,ico,png,svg,webp,woff2,webmanifest,wasm}',
          'prerendered/**/*.{html,json}'
        ],
        navigateFallback: '/',
        cleanupOutdatedCaches: true
      }
    })
  ],
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // Tests check behaviour, not speed (speed has its benchmarks): a QR scan, a lint run or a
    // few hundred property runs must not fail because the machine is busy.
    testTimeout: 60_000,
    hookTimeout: 60_000
  }
});
