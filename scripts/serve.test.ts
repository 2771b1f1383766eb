import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:http2';
import { tmpdir } from 'node:os';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ES module without types
import { loopbackCertificate, serve } from './serve.mjs';

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

  it('compresses with brotli where the browser takes it, else gzip, else not at all', async () => {
    // fetch() asks for and undoes compression by itself; a raw request shows what was sent.
    const get = (encoding: string) =>
      new Promise<{ encoding?: string; vary?: string; body: Buffer }>((resolve, reject) => {
        const headers = encoding ? { 'Accept-Encoding': encoding } : undefined;
        request(`${origin}/decks/a.json`, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              encoding: res.headers['content-encoding'],
              vary: res.headers.vary,
              body: Buffer.concat(chunks)
            })
          );
        })
          .on('error', reject)
          .end();
      });
    const br = await get('gzip, deflate, br');
    expect(br.encoding).toBe('br');
    expect(br.vary).toBe('Accept-Encoding');
    expect(brotliDecompressSync(br.body).toString()).toBe('{"id":"a"}');
    const gzip = await get('gzip');
    expect(gzip.encoding).toBe('gzip');
    expect(gunzipSync(gzip.body).toString()).toBe('{"id":"a"}');
    const plain = await get('');
    expect(plain.encoding).toBeUndefined();
    expect(plain.body.toString()).toBe('{"id":"a"}');
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

  it('speaks HTTP/2 over TLS when given a certificate', async (context) => {
    const tls = loopbackCertificate();
    if (!tls) return context.skip('no openssl on this machine to make a certificate with');
    const root = mkdtempSync(join(tmpdir(), 'serve-h2-'));
    writeFileSync(join(root, 'index.html'), '<p>shell</p>');
    const secure = await serve({ root, port: 0, tls });
    const port = (secure.server as unknown as { address(): { port: number } }).address().port;
    expect(secure.url).toBe(`https://localhost:${port}/`);
    const session = connect(`https://127.0.0.1:${port}`, { rejectUnauthorized: false });
    try {
      const text = await new Promise<string>((resolve, reject) => {
        const stream = session.request({ ':path': '/' });
        let body = '';
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => (body += chunk));
        stream.on('end', () => resolve(body));
        stream.on('error', reject);
      });
      expect(text).toBe('<p>shell</p>');
    } finally {
      session.close();
      secure.server.close();
    }
  });
});
