import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ES module without types
import { serve } from './serve.mjs';

let server: { close: () => void };
let origin: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'serve-'));
  const root = join(dir, 'build');
  mkdirSync(join(root, 'decks'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<p>shell</p>');
  writeFileSync(join(root, 'settings.html'), '<p>settings</p>');
  writeFileSync(join(root, 'decks', 'a.json'), '{"id":"a"}');
  writeFileSync(join(dir, 'secret.txt'), 'outside the root');
  const started = await serve({ root, port: 0 });
  server = started.server;
  const address = (started.server as unknown as { address(): { port: number } }).address();
  origin = `http://127.0.0.1:${address.port}`;
});

afterAll(() => server.close());

describe('the static server behind npm start', () => {
  it('serves a page by its extension-less URL', async () => {
    const response = await fetch(`${origin}/settings`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<p>settings</p>');
  });

  it('serves JSON with its type', async () => {
    const response = await fetch(`${origin}/decks/a.json`);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({ id: 'a' });
  });

  it('answers an unknown page with the app shell and a missing file with 404', async () => {
    expect(await (await fetch(`${origin}/no/such/page`)).text()).toBe('<p>shell</p>');
    expect((await fetch(`${origin}/missing.js`)).status).toBe(404);
  });

  it('never serves a file outside the build folder', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/decks/%2e%2e%2f%2e%2e%2fsecret.txt'
    ]) {
      const response = await fetch(`${origin}${path}`);
      expect(await response.text()).not.toContain('outside the root');
    }
  });
});
