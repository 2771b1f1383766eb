import { expect, test } from '@playwright/test';

/** Reads width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  const signature = '89504e470d0a1a0a';
  expect(bytes.subarray(0, 8).toString('hex'), 'PNG signature').toBe(signature);
  expect(bytes.subarray(12, 16).toString('ascii'), 'first chunk').toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('the web manifest describes an installable education app', async ({ page, request }) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  const manifestUrl = new URL(href!, page.url()).toString();

  const response = await request.get(manifestUrl);
  expect(response.ok()).toBe(true);
  expect(response.headers()['content-type']).toContain('application/manifest+json');
  const manifest = await response.json();

  expect(manifest).toMatchObject({
    name: 'Sourcedeck',
    short_name: 'Sourcedeck',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    categories: ['education']
  });
  expect(manifest.description.length).toBeGreaterThan(20);
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);

  const icons: { src: string; sizes: string; type: string; purpose?: string }[] = manifest.icons;
  const declared = icons.map((icon) => `${icon.sizes} ${icon.purpose ?? 'any'}`).sort();
  expect(declared).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);

  for (const icon of icons) {
    const image = await request.get(new URL(icon.src, manifestUrl).toString());
    expect(image.ok(), icon.src).toBe(true);
    expect(image.headers()['content-type']).toBe(icon.type);
    const [width, height] = icon.sizes.split('x').map(Number);
    expect(pngSize(await image.body()), icon.src).toEqual({ width, height });
  }
});
