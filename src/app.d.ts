// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  /** The app's version from package.json, set at build time. */
  const __APP_VERSION__: string;
  /** The build's date, YYYY-MM-DD, set at build time. */
  const __BUILD_DATE__: string;
}

export {};
