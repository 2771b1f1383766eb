import { expect, test } from '@playwright/test';
import { openScreen, screens } from '../e2e/helpers';

for (const screen of screens) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`${screen.name} (${colorScheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
      await openScreen(page, screen);
      await expect(page.getByRole('heading', { level: 1, name: screen.heading })).toBeVisible({
        timeout: 30_000
      });
      await page.screenshot({ path: `docs/screenshots/${screen.name}-${colorScheme}.png` });
    });
  }
}
