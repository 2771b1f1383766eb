// `npm run bench:study`: the study loop at scale in real Chromium. Seeds 50,000 cards and
// 500,000 log rows into the app's IndexedDB, then measures, from marks the app sets:
// - answer to the next card on screen (Continue pressed → next question rendered),
// - answer to its feedback (the answer's transaction and the feedback rendered),
// - opening Today until its counts are shown,
// - start-up: a fresh load of the study screen until the first card is shown.
// Prints median and p95 against the budgets; exits non-zero above them.
import { chromium } from '@playwright/test';
import { ensureBrowser, launchArgs } from './browser.mjs';
import { serve } from './serve.mjs';
import { buildIfStale } from './build-if-stale.mjs';

const CARDS = Number(process.env.BENCH_CARDS ?? 50_000);
const LOG_ROWS = Number(process.env.BENCH_LOG ?? 500_000);
const BUDGET = { answerToCard: 16, today: 200, startup: 1000 };

buildIfStale({ force: process.argv.includes('--build') });

const { server } = await serve({ port: 0 });
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: ensureBrowser(), args: launchArgs });
const context = await browser.newContext({
  viewport: { width: 390, height: 844 },
  serviceWorkers: 'block'
});
const page = await context.newPage();

const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p95: at(0.95), n: sorted.length };
};
const fmt = (ms) => `${ms.toFixed(1)} ms`;

try {
  // First visit: the app creates its database and installs the built-in decks.
  // The first run asks for a study plan: skip it (every deck, 20 new a day).
  await page.goto(`${origin}/`);
  await page.getByRole('button', { name: /^Skip/ }).click({ timeout: 30_000 });
  await page.getByRole('link', { name: 'Start studying' }).waitFor({ timeout: 30_000 });

  const seedStart = Date.now();
  await page.evaluate(
    async ({ cards, logRows }) => {
      const db = await new Promise((resolve, reject) => {
        const request = indexedDB.open('sourcedeck');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const DAY = 86_400_000;
      const now = Date.now();
      const topics = ['t1', 't2', 't3', 't4', 't5'];
      const write = (stores, fill) =>
        new Promise((resolve, reject) => {
          const tx = db.transaction(stores, 'readwrite');
          fill(tx);
          tx.oncomplete = resolve;
          tx.onerror = () => reject(tx.error);
        });
      const memory = (i) => {
        const isNew = i % 10 === 0;
        const due = isNew ? now : now + ((i % 97) - 3) * DAY; // ~3% due today or overdue
        return {
          due,
          stability: isNew ? 0 : 2 + (i % 60),
          difficulty: isNew ? 0 : 5,
          scheduledDays: isNew ? 0 : 10,
          learningSteps: 0,
          reps: isNew ? 0 : 3,
          lapses: 0,
          state: isNew ? 0 : 2,
          lastReview: isNew ? null : due - 10 * DAY
        };
      };
      await write(['decks'], (tx) =>
        tx.objectStore('decks').put({
          id: 'bench',
          title: 'Benchmark deck',
          description: 'Synthetic',
          order: 99,
          topics: topics.map((id) => ({ id, title: id })),
          sources: [],
          contentHash: 'bench',
          builtIn: false,
          installedAt: now,
          updatedAt: now
        })
      );
      const batch = 5_000;
      for (let start = 0; start < cards; start += batch) {
        await write(['facts', 'questions', 'cards'], (tx) => {
          for (let i = start; i < Math.min(cards, start + batch); i++) {
            const id = `bench-${i}`;
            const topic = topics[i % topics.length];
            tx.objectStore('facts').put({
              id,
              deckId: 'bench',
              retired: 0,
              kind: 'number',
              statement: `Fact number ${i} is ${i}.`,
              prompt: `What is fact ${i}?`,
              answer: String(i),
              variants: [],
              topic,
              era: '2011-2019',
              importance: 2,
              citations: [{ source: 'bench', para: 1 }]
            });
            tx.objectStore('questions').put({
              id: `${id}:choice:0`,
              deckId: 'bench',
              factId: id,
              factIds: [id],
              kind: 'choice',
              prompt: `What is fact ${i}?`,
              answer: String(i),
              options: [String(i), String(i + 1), String(i + 2)],
              explanation: 'Synthetic.',
              citations: [{ source: 'bench', para: 1 }]
            });
            const m = memory(i);
            tx.objectStore('cards').put({
              factId: id,
              deckId: 'bench',
              topic,
              retired: 0,
              due: m.due,
              state: m.state,
              memory: m,
              createdAt: now - 400 * DAY
            });
          }
        });
      }
      const logBatch = 20_000;
      for (let start = 0; start < logRows; start += logBatch) {
        await write(['log'], (tx) => {
          const store = tx.objectStore('log');
          for (let i = start; i < Math.min(logRows, start + logBatch); i++) {
            const f = i % cards;
            // A year of history that ends two days ago: whatever the hour and the day's
            // start hour, today has no answers yet, so the session has cards to show.
            const at = now - 365 * DAY + Math.floor((i / logRows) * 363 * DAY);
            const m = memory(f);
            store.add({
              type: 'answer',
              factId: `bench-${f}`,
              deckId: 'bench',
              questionId: `bench-${f}:choice:0`,
              kind: 'choice',
              rating: 3,
              given: String(f),
              correct: true,
              durationMs: 6000,
              at,
              day: Math.floor(at / DAY),
              before: m,
              after: m
            });
          }
        });
      }
      db.close();
    },
    { cards: CARDS, logRows: LOG_ROWS }
  );
  console.log(
    `Seeded ${CARDS.toLocaleString('en')} cards and ${LOG_ROWS.toLocaleString('en')} log rows in ${((Date.now() - seedStart) / 1000).toFixed(1)} s.`
  );

  if (process.env.BENCH_DIAG) {
    console.log(
      await page.evaluate(async () => {
        const db = await new Promise((resolve) => {
          const r = indexedDB.open('sourcedeck');
          r.onsuccess = () => resolve(r.result);
        });
        const time = async (fn) => {
          const t = performance.now();
          const n = await fn();
          return `${(performance.now() - t).toFixed(1)} ms (${n})`;
        };
        const req = (r) => new Promise((res) => (r.onsuccess = () => res(r.result)));
        const out = {};
        out.uniqueDays = await time(
          () =>
            new Promise((res) => {
              let n = 0;
              const c = db
                .transaction('log')
                .objectStore('log')
                .index('day')
                .openKeyCursor(null, 'nextunique');
              c.onsuccess = () => (c.result ? (n++, c.result.continue()) : res(n));
            })
        );
        out.dueRange = await time(
          async () =>
            (
              await req(
                db
                  .transaction('cards')
                  .objectStore('cards')
                  .index('[deckId+retired+due]')
                  .getAll(
                    IDBKeyRange.bound(['bench', 0, -Infinity], ['bench', 0, Date.now() + 86400000])
                  )
              )
            ).length
        );
        out.lastLog = await time(async () => {
          const c = db.transaction('log').objectStore('log').openCursor(null, 'prev');
          return (await req(c)) ? 1 : 0;
        });
        db.close();
        return JSON.stringify(out);
      })
    );
  }

  // Today: a fresh load until the counts are on screen.
  const today = [];
  for (let i = 0; i < 7; i++) {
    await page.goto(`${origin}/`);
    await page.getByRole('link', { name: 'Start studying' }).waitFor();
    today.push(
      await page.evaluate(
        () =>
          performance.getEntriesByName('sd:today-ready')[0].startTime -
          performance.getEntriesByName('sd:today-shown')[0].startTime
      )
    );
  }
  const todayLoad = [];
  for (let i = 0; i < 3; i++) {
    await page.goto(`${origin}/`);
    await page.getByRole('link', { name: 'Start studying' }).waitFor();
    todayLoad.push(
      await page.evaluate(() => performance.getEntriesByName('sd:today-ready')[0].startTime)
    );
  }

  // Start-up: a fresh load of the study screen until the first card is shown.
  const startup = [];
  for (let i = 0; i < 5; i++) {
    await page.evaluate(() => indexedDB.open('sourcedeck'));
    await page.goto(`${origin}/study?decks=bench`);
    await page.locator('[data-kind] .option').first().waitFor();
    startup.push(
      await page.evaluate(() => performance.getEntriesByName('sd:card-shown')[0].startTime)
    );
  }

  // Answers: click an option, then Continue; the app measures both steps.
  await page.goto(`${origin}/study?decks=bench`);
  for (let i = 0; i < 60; i++) {
    await page.locator('[data-kind] .option:not([disabled])').first().click();
    await page.getByRole('button', { name: /Continue/ }).click();
  }
  await page.waitForTimeout(200);
  const measures = await page.evaluate(() => ({
    toCard: performance.getEntriesByName('sd:answer-to-card').map((e) => e.duration),
    toFeedback: performance.getEntriesByName('sd:answer-to-feedback').map((e) => e.duration),
    render: performance.getEntriesByName('sd:card-render').map((e) => e.duration)
  }));

  const rows = [
    ['answer → next card shown', stats(measures.toCard), BUDGET.answerToCard],
    ['  of which: rendering it', stats(measures.render), null],
    ['answer → feedback shown (the saving transaction)', stats(measures.toFeedback), null],
    ['open Today: counts computed and shown', stats(today), BUDGET.today],
    ['open Today: from navigation start', stats(todayLoad), null],
    ['start-up to the first card (fresh load)', stats(startup), BUDGET.startup]
  ];
  console.log(
    `\nStudy loop with ${CARDS.toLocaleString('en')} cards and ${LOG_ROWS.toLocaleString('en')} log rows (Chromium, phone viewport)\n`
  );
  let failed = false;
  for (const [name, s, budget] of rows) {
    const over = budget !== null && s.median > budget;
    failed ||= over;
    console.log(
      `${name.padEnd(50)} median ${fmt(s.median).padStart(9)}  p95 ${fmt(s.p95).padStart(9)}  n=${s.n}${budget !== null ? `  budget ${budget} ms${over ? '  OVER' : ''}` : ''}`
    );
  }
  if (failed) process.exitCode = 1;
} finally {
  await browser.close();
  server.close();
}
