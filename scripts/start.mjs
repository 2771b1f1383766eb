// `npm start`: builds the app with the built-in decks, then serves the production build
// and prints the URL to open.
import { spawnSync } from 'node:child_process';
import { serve } from './serve.mjs';

const build = spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const port = Number(process.env.PORT ?? 4173);
const { url } = await serve({ port, host: process.env.HOST ?? '127.0.0.1' }).catch((error) => {
  console.error(
    error?.code === 'EADDRINUSE'
      ? `Port ${port} is in use. Start on another one with: PORT=5000 npm start`
      : error
  );
  process.exit(1);
});
console.log(`\nSourcedeck is running. Open ${url} in your browser (Ctrl+C to stop).`);
