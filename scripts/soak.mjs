// `npm run soak [-- --kills N] [-- --seed S]`: a benchmark, not a test. Repeats the study
// tab-kill test N times (default 1,000) in real Chromium against the production build: open
// a study session, answer, and close the tab at once at a seeded random moment, half the
// time after the feedback showed (the answer is then acknowledged and must be kept), half
// the time sooner. Before each answer it counts the kept answers, so it knows whether every
// acknowledged one survived; at the end it checks that every card's review count matches
// its answers (card and log are written in one transaction). Prints how many acknowledged
// answers were lost (must be 0) and exits non-zero otherwise.
import { chromium } from '@playwright/test';
import { ensureBrowser, launchArgs, readStores } from './browser.mjs';
import { buildIfStale } from './build-if-stale.mjs';
import { serve } from './serve.mjs';

const argument = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 && process.argv[at + 1] ? Number(process.argv[at + 1]) : fallback;
};
const kills = argument('--kills', 1000);
let seed = argument('--seed', 20261203);
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

buildIfStale();
const { server } = await serve({ port: 0 });
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: ensureBrowser(), args: launchArgs });
const context = await browser.newContext({
  viewport: { width: 390, height: 844 },
  serviceWorkers: 'block'
});

/** Kept answers (not undone) and the cards whose reviews do not match them, from the app's database. */
async function readLog(page) {
  const { log, cards } = await readStores(page, ['log', 'cards']);
  const undone = new Set(log.filter((r) => r.type === 'undo').map((r) => r.undoes));
  const kept = log.filter((r) => r.type === 'answer' && !undone.has(r.id));
  const reps = {};
  for (const a of kept) reps[a.factId] = (reps[a.factId] ?? 0) + 1;
  const mismatched = cards.filter((c) => c.memory.reps !== (reps[c.factId] ?? 0));
  return { kept: kept.length, mismatched: mismatched.map((c) => c.factId) };
}

const started = Date.now();
let lost = 0;
let acknowledged = 0;
let answered = 0;
let days = 0;
// What the previous tab left: kept answers before its answer, and whether it was acknowledged.
let previous = null;
try {
  await context.clock.install({ time: new Date('2026-12-01T09:00:00Z') });
  const first = await context.newPage();
  await first.goto(`${origin}/`);
  await first.getByRole('button', { name: /^Skip/ }).click({ timeout: 60_000 });
  await first.close();

  for (let i = 0; i < kills; i++) {
    const page = await context.newPage();
    await page.goto(`${origin}/study`);
    const done = page.getByText('All done for now');
    const continueButton = page.getByRole('button', { name: /Continue/ });
    const ready = page.locator(
      '[data-kind] .option:not([disabled]), [data-kind] input:not([disabled]), [data-kind] .reveal'
    );
    await continueButton.or(ready).or(done).first().waitFor({ timeout: 60_000 });
    const before = await readLog(page);
    if (previous) {
      if (previous.acknowledged && before.kept <= previous.kept) lost++;
    }
    if (await done.isVisible()) {
      // Nothing left today: the next day brings new cards and reviews.
      await context.clock.fastForward('24:00:00');
      days++;
      previous = null;
      await page.close();
      i--;
      continue;
    }
    if (await continueButton.isVisible()) await continueButton.click();
    await ready.first().waitFor({ timeout: 60_000 });
    const kind = await page.locator('[data-kind]').getAttribute('data-kind');
    if (kind === 'flashcard') {
      await page.keyboard.press('Space');
      await page.keyboard.press('3');
    } else if (kind === 'choice' || kind === 'truefalse') {
      await page.keyboard.press(random() < 0.5 ? 'a' : 'b');
    } else {
      await page.getByRole('textbox', { name: 'Your answer' }).fill('a guess');
      await page.keyboard.press('Enter');
    }
    answered++;
    const acknowledge = random() < 0.5;
    if (acknowledge) {
      await continueButton.waitFor({ timeout: 60_000 });
      acknowledged++;
    }
    await page.waitForTimeout(Math.floor(random() * 40));
    // The tab goes at once, as when the learner swipes it away: no unload handlers run.
    await page.close({ runBeforeUnload: false });
    previous = { kept: before.kept, acknowledged: acknowledge };
    if ((i + 1) % 100 === 0) process.stdout.write(`${i + 1} `);
  }
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  const end = await readLog(page);
  if (previous?.acknowledged && end.kept <= previous.kept) lost++;
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(
    `\n\n${kills} tab kills in ${seconds} s over ${days + 1} study day${days > 0 ? 's' : ''}: ${answered} answers given, ${acknowledged} acknowledged (feedback shown), ${end.kept} kept.`
  );
  console.log(`Acknowledged answers lost: ${lost}`);
  console.log(`Cards whose review count differs from their kept answers: ${end.mismatched.length}`);
  if (lost > 0 || end.mismatched.length > 0) process.exitCode = 1;
} finally {
  await browser.close();
  server.close();
}
