import type { BrowserContext, Page } from '@playwright/test';

/** The screens of the app, each with the heading that shows it has rendered. */
export const screens = [
  { name: 'today', path: '/', heading: /nothing to review yet|today/i },
  { name: 'decks', path: '/decks', heading: /^decks$/i },
  { name: 'settings', path: '/settings', heading: /^settings$/i },
  { name: 'deck', path: '/decks/wartime-aid', heading: /wartime aid/i },
  { name: 'facts', path: '/decks/cambodia-split/facts', heading: /^facts$/i },
  {
    name: 'fact',
    path: '/decks/cold-war-alliance/facts/cw-ho-chi-minh-visit-1957',
    heading: /ho chi minh/i
  },
  {
    name: 'conflict',
    path: '/decks/wartime-aid/facts/cf-north-korean-pilots-count',
    heading: /pilots/i
  }
] as const;

export const phone = { width: 390, height: 844 };
export const desktop = { width: 1280, height: 800 };

/**
 * Waits until the service worker is installed and controls the page, reloading as
 * needed (the first load is never controlled).
 */
export async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await page.evaluate(() => navigator.serviceWorker.controller !== null)) return;
    await page.reload();
  }
  throw new Error('the service worker never took control of the page');
}

/** Cuts the network for the whole context and reloads the page. */
export async function reloadOffline(page: Page, context: BrowserContext): Promise<void> {
  await context.setOffline(true);
  await page.reload();
}
