import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { desktop, openScreen, phone, screens } from './helpers';

const viewports = [
  { name: 'phone', size: phone },
  { name: 'desktop', size: desktop }
];
const schemes = ['light', 'dark'] as const;

for (const screen of screens) {
  for (const viewport of viewports) {
    for (const colorScheme of schemes) {
      test(`axe finds nothing on ${screen.name} (${viewport.name}, ${colorScheme})`, async ({
        page
      }) => {
        await page.emulateMedia({ colorScheme });
        await page.setViewportSize(viewport.size);
        await openScreen(page, screen);
        await expect(page.getByRole('heading', { level: 1, name: screen.heading })).toBeVisible({
          timeout: 30_000
        });
        const results = await new AxeBuilder({ page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
          .analyze();
        expect(
          results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)
        ).toEqual([]);
      });
    }
  }
}
