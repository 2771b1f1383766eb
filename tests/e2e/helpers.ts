import { expect, type BrowserContext, type Page } from '@playwright/test';

/** The screens of the app, each with the heading that shows it has rendered. */
export const screens = [
  { name: 'first-run', path: '/', heading: /^set up your study$/i },
  { name: 'today', path: '/', heading: /cards? to study|all caught up/i },
  { name: 'decks', path: '/decks', heading: /^decks$/i },
  { name: 'settings', path: '/settings', heading: /^settings$/i },
  { name: 'deck', path: '/decks/wartime-aid', heading: /wartime aid/i },
  { name: 'study-settings', path: '/decks/wartime-aid/settings', heading: /^study settings$/i },
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
  },
  { name: 'teach', path: '/teach', heading: /^assignments$/i },
  { name: 'teach-new', path: '/teach/new', heading: /^new assignment$/i },
  { name: 'assignment-open', path: '/assignment', heading: /^open an assignment$/i },
  { name: 'assignments', path: '/assignments', heading: /^your assignments$/i }
] as const;

export const phone = { width: 390, height: 844 };

const TODAY_HEADING = /cards? to study|all caught up/i;

/**
 * On a first run Today asks what to study; tests that are not about that skip it, keeping
 * every deck and 20 new cards a day.
 */
export async function skipSetup(page: Page): Promise<void> {
  const setup = page.getByRole('heading', { level: 1, name: 'Set up your study' });
  const today = page.getByRole('heading', { level: 1, name: TODAY_HEADING });
  // A first visit installs the decks before either shows.
  await expect(setup.or(today)).toBeVisible({ timeout: 30_000 });
  if (await setup.isVisible()) {
    await page.getByRole('button', { name: /^Skip/ }).click();
    await expect(today).toBeVisible();
  }
}

/** Opens Today, past the first-run setup. */
export async function openToday(page: Page): Promise<void> {
  await page.goto('/');
  await skipSetup(page);
}

/** Opens one of `screens` as a learner sees it. */
export async function openScreen(page: Page, screen: (typeof screens)[number]): Promise<void> {
  if (screen.name === 'today') await openToday(page);
  else await page.goto(screen.path);
}
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

/** Reads a whole object store of the app's database, from inside the page. */
export async function readStore<T = Record<string, unknown>>(
  page: Page,
  store: string
): Promise<T[]> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('sourcedeck');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      return await new Promise<T[]>((resolve, reject) => {
        const request = db.transaction(name).objectStore(name).getAll();
        request.onsuccess = () => resolve(request.result as T[]);
        request.onerror = () => reject(request.error);
      });
    } finally {
      db.close();
    }
  }, store);
}

/** The session's progress bar value: cards answered so far. */
export async function answeredCount(page: Page): Promise<number> {
  return Number(
    await page.getByRole('progressbar', { name: 'Session progress' }).getAttribute('aria-valuenow')
  );
}

/**
 * Answers the card on screen by keyboard alone (any answer), then rates it `rating` and
 * moves on. Returns the kind of question it was.
 */
export async function answerByKeyboard(
  page: Page,
  rating: '1' | '2' | '3' | '4' = '3'
): Promise<string> {
  const before = await answeredCount(page);
  const question = page.locator('[data-kind]');
  await question.waitFor();
  const kind = (await question.getAttribute('data-kind')) ?? '';
  if (kind === 'flashcard') {
    await page.keyboard.press('Space');
  } else if (kind === 'choice' || kind === 'truefalse') {
    await page.keyboard.press('a');
  } else {
    await page.getByRole('textbox', { name: 'Your answer' }).focus();
    await page.keyboard.type('no idea');
    await page.keyboard.press('Enter');
  }
  if (kind === 'flashcard') await page.keyboard.press(rating);
  const next = page.getByRole('button', { name: /Continue/ });
  await next.waitFor();
  if (kind !== 'flashcard') {
    await page.keyboard.press(rating);
    await page
      .getByRole('button', {
        name: new RegExp(`^${['Again', 'Hard', 'Good', 'Easy'][Number(rating) - 1]}`)
      })
      .and(page.locator('[aria-pressed="true"]'))
      .waitFor();
  }
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => {
    const bar = document.querySelector('[role="progressbar"]');
    const done = document.body.textContent?.includes('All done for now');
    return (
      done ||
      (bar &&
        Number(bar.getAttribute('aria-valuenow')) === n + 1 &&
        document.querySelector(
          '[data-kind] input:not([disabled]), [data-kind] .option:not([disabled]), [data-kind] .reveal'
        ))
    );
  }, before);
  return kind;
}

/** Answers in the log that still count: not undone, not replaced by a changed rating. */
export function keptAnswers<T extends { type: string; id: number; undoes?: number }>(
  log: T[]
): T[] {
  const undone = new Set(log.filter((r) => r.type === 'undo').map((r) => r.undoes));
  return log.filter((r) => r.type === 'answer' && !undone.has(r.id));
}

/** Deletes the app's database, as a browser clearing the site's data does. */
export async function deleteAppDatabase(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.deleteDatabase('sourcedeck');
        request.onsuccess = () => resolve();
        request.onerror = () => reject(request.error);
      })
  );
}
