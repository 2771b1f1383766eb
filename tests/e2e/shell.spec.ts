import { expect, test } from '@playwright/test';
import { desktop, phone } from './helpers';

test('on a phone the navigation sits at the bottom and reaches every screen', async ({ page }) => {
  await page.setViewportSize(phone);
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Main' });
  const box = await nav.boundingBox();
  expect(box).not.toBeNull();
  expect(box!.y + box!.height).toBeCloseTo(phone.height, 0);
  expect(box!.width).toBe(phone.width);

  for (const [label, heading] of [
    ['Decks', 'Decks'],
    ['Settings', 'Settings']
  ]) {
    await nav.getByRole('link', { name: label }).click();
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(nav.getByRole('link', { name: label })).toHaveAttribute('aria-current', 'page');
  }
  // Every touch target is at least 44 px tall.
  for (const link of await nav.getByRole('link').all()) {
    expect((await link.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  }
});

test('on a wide screen the navigation is a sidebar on the left', async ({ page }) => {
  await page.setViewportSize(desktop);
  await page.goto('/settings');
  const box = await page.getByRole('navigation', { name: 'Main' }).boundingBox();
  expect(box!.x).toBe(0);
  expect(box!.height).toBe(desktop.height);
  expect(box!.width).toBeLessThan(300);
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeInViewport();
});

test('the offline indicator follows the connection', async ({ page, context }) => {
  await page.goto('/');
  const indicator = page.getByRole('status').filter({ hasText: 'Offline' });
  await expect(indicator).toHaveCount(0);
  await context.setOffline(true);
  await expect(indicator).toBeVisible();
  await context.setOffline(false);
  await expect(indicator).toHaveCount(0);
});

test('settings shows the outcome of asking for persistent storage', async ({ page }) => {
  await page.goto('/settings');
  await expect(page.getByTestId('persistence')).toHaveText(
    /^(Kept\.|Not guaranteed:|This browser cannot)/
  );
});

test('the content security policy allows the app and blocks nothing it uses', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/content security policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto('/');
  const csp = await page
    .locator('meta[http-equiv="content-security-policy"]')
    .getAttribute('content');
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain('unsafe-inline');
  await page.getByRole('link', { name: 'Settings' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  expect(violations).toEqual([]);
});

test('the system colour scheme picks the theme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(dark).toBe('rgb(18, 25, 28)');
  expect(light).toBe('rgb(247, 244, 238)');
});

test('a keyboard user can skip straight to the content', async ({ page }) => {
  await page.goto('/decks');
  await expect(page.getByRole('heading', { level: 1, name: 'Decks' })).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});
