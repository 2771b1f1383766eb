// Serves the production build (build/) over HTTP on localhost, as a static host would:
// extension-less page URLs map to their .html file, unknown paths get the app shell,
// the service worker script is never cached. No dependencies beyond Node.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createSecureServer } from 'node:http2';
import { readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2'
};
const compressible = new Set([
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.json',
  '.webmanifest',
  '.svg',
  '.txt'
]);

async function isFile(path) {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Each file's compressed bodies, made once per version of the file and encoding: every
 * test's first visit fetches the same megabyte of decks, twice with the service worker's
 * precache.
 * @type {Map<string, { mtimeMs: number, body: Buffer }>}
 */
const compressedCache = new Map();

/**
 * Brotli where the browser takes it, as most static hosts and CDNs serve today (quality 5,
 * the on-the-fly level they use: the decks come out about a quarter smaller than gzip's),
 * else gzip.
 */
const encoders = {
  br: (body) => brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }),
  gzip: (body) => gzipSync(body)
};

async function compressed(file, body, encoding) {
  const { mtimeMs } = await stat(file);
  const key = `${encoding}:${file}`;
  const cached = compressedCache.get(key);
  if (cached && cached.mtimeMs === mtimeMs) return cached.body;
  const zipped = encoders[encoding](body);
  compressedCache.set(key, { mtimeMs, body: zipped });
  return zipped;
}

/**
 * A throwaway self-signed certificate for 127.0.0.1, made with the openssl command, or null
 * where there is none. For measuring over HTTP/2 on loopback (browsers speak it only over TLS).
 */
export function loopbackCertificate() {
  const dir = mkdtempSync(join(tmpdir(), 'sourcedeck-tls-'));
  try {
    const made = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem')
      ],
      { stdio: 'ignore' }
    );
    if (made.status !== 0) return null;
    return {
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8')
    };
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Maps a URL path to a file in root, or null. Never leaves root. */
async function resolveFile(root, pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  const target = normalize(join(root, decoded));
  if (target !== root && !target.startsWith(root + '/')) return null;
  const candidates = [target, `${target}.html`, join(target, 'index.html')];
  for (const candidate of candidates) if (await isFile(candidate)) return candidate;
  return null;
}

/**
 * Starts the server. Resolves with the server and its URL once it listens. With `tls` (a key
 * and certificate) it speaks HTTP/2 over TLS, as static hosts do, and HTTP/1.1 to clients
 * that ask for it.
 * @param {{ root?: string, port?: number, host?: string, tls?: { key: string, cert: string } }} [options]
 */
export function serve({ root = 'build', port = 4173, host = '127.0.0.1', tls } = {}) {
  const base = resolve(root);
  const handler = async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    let file = await resolveFile(base, url.pathname);
    const status = 200;
    if (!file) {
      // Unknown paths that look like pages get the shell (the client router shows its
      // own "not found"); missing assets are a plain 404.
      if (extname(url.pathname) === '') {
        file = (await isFile(join(base, '200.html')))
          ? join(base, '200.html')
          : join(base, 'index.html');
      } else {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
        return;
      }
    }
    const ext = extname(file);
    let body = await readFile(file);
    const headers = {
      'Content-Type': types[ext] ?? 'application/octet-stream',
      'Cache-Control': file.includes('/_app/immutable/')
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
      'X-Content-Type-Options': 'nosniff'
    };
    const accepted = req.headers['accept-encoding'] ?? '';
    const encoding = /\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : null;
    if (compressible.has(ext)) headers['Vary'] = 'Accept-Encoding';
    if (compressible.has(ext) && encoding) {
      body = await compressed(file, body, encoding);
      headers['Content-Encoding'] = encoding;
    }
    headers['Content-Length'] = String(body.length);
    res.writeHead(status, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  const server = tls
    ? createSecureServer({ ...tls, allowHTTP1: true }, handler)
    : createServer(handler);
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () =>
      resolvePromise({
        server,
        url: `${tls ? 'https' : 'http'}://${['127.0.0.1', '0.0.0.0', '::'].includes(host) ? 'localhost' : host}:${server.address().port}/`
      })
    );
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT ?? 4173);
  const { url } = await serve({ port });
  console.log(`Serving build/ at ${url}`);
}
