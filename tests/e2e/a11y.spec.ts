import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { desktop, openScreen, phone, screens } from './helpers';

const viewports = [
  { name: 'phone', size: phone },
  { name: 'desktop', size: desktop }
];
const schemes = ['light', 'dark'] as const;

// One page per viewport and scheme walks every screen in `screens`' order (the first run
// first, on a fresh profile), so the decks are installed once per walk rather than once per
// screen. Each screen's violations are reported under its name, and every screen is checked
// even when an earlier one fails.
for (const viewport of viewports) {
  for (const colorScheme of schemes) {
    test(`axe finds nothing on any screen (${viewport.name}, ${colorScheme})`, async ({ page }) => {
      test.setTimeout(300_000);
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize(viewport.size);
      for (const screen of screens) {
        await test.step(screen.name, async () => {
          await openScreen(page, screen);
          await expect(page.getByRole('heading', { level: 1, name: screen.heading })).toBeVisible({
            timeout: 30_000
          });
          const results = await new AxeBuilder({ page })
            .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
            .analyze();
          expect
            .soft(
              results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`),
              `axe violations on ${screen.name}`
            )
            .toEqual([]);
        });
      }
    });
  }
}
