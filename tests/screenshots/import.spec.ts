import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { skipSetup } from '../e2e/helpers';

const mixed = resolve('../shared/fixtures/anki/mixed-legacy-2.apkg');

test.use({ timezoneId: 'UTC' });

for (const colorScheme of ['light', 'dark'] as const) {
  test(`import preview (${colorScheme})`, async ({ page }) => {
    test.skip(!existsSync(mixed), 'the shared fixtures are not beside the project');
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    await page.goto('/');
    await skipSetup(page);
    await page.goto('/decks/import');
    await page.screenshot({ path: `docs/screenshots/import-${colorScheme}.png` });
    await page.locator('input[type="file"]').setInputFiles({
      name: 'mixed-legacy-2.apkg',
      mimeType: 'application/octet-stream',
      buffer: readFileSync(mixed)
    });
    const preview = page.getByRole('region', { name: 'What will be imported' });
    await expect(preview).toBeVisible();
    // The bar at the bottom would lie across an element's picture.
    await page
      .locator('nav.app-nav')
      .evaluate((nav) => ((nav as HTMLElement).style.display = 'none'));
    await preview.screenshot({ path: `docs/screenshots/import-preview-${colorScheme}.png` });
  });
}
