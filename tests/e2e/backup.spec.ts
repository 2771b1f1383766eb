import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import initSqlJs from 'sql.js';
import { expect, test } from '@playwright/test';
import { answerByKeyboard, openToday, phone, readStore, deleteAppDatabase } from './helpers';

test.use({ viewport: phone, timezoneId: 'UTC' });

test('a backup restored into a cleared browser gives back every answer, and a bad file changes nothing', async ({
  page
}, testInfo) => {
  await page.clock.install({ time: new Date('2026-12-01T09:00:00Z') });
  await openToday(page);
  await page.getByRole('link', { name: 'Start studying' }).click();
  for (let i = 0; i < 4; i++) await answerByKeyboard(page);
  const before = {
    log: await readStore(page, 'log'),
    cards: await readStore(page, 'cards'),
    settings: await readStore(page, 'settings')
  };
  expect(before.log.length).toBeGreaterThanOrEqual(4);

  await page.goto('/settings');
  const section = page.getByRole('region', { name: 'Your data' });
  await expect(section).toContainText('Last backup: never');
  const downloading = page.waitForEvent('download');
  await section.getByRole('button', { name: 'Back up' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('sourcedeck-backup-2026-12-01.json.gz');
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  await expect(section).toContainText('Last backup: 1 December 2026');
  expect(
    await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze()
  ).toMatchObject({ violations: [] });

  // The browser clears the site's data; the learner opens the app again and restores.
  await deleteAppDatabase(page);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Set up your study' })).toBeVisible({
    timeout: 30_000
  });
  expect(await readStore(page, 'log')).toHaveLength(0);
  await page.goto('/settings');

  // A file that is not a backup: a message, nothing written.
  const input = page.locator('input[type="file"]');
  await input.setInputFiles({
    name: 'notes.json.gz',
    mimeType: 'application/gzip',
    buffer: Buffer.from('<script>alert(1)</script>')
  });
  await expect(section.getByRole('alert')).toHaveText(/not a Sourcedeck backup/);
  expect(await readStore(page, 'log')).toHaveLength(0);

  await input.setInputFiles(file);
  await expect(section.getByRole('status')).toContainText(`Added: ${before.log.length} answers`);
  await expect(section.getByRole('alert')).toHaveCount(0);
  expect(await readStore(page, 'log')).toEqual(before.log);
  expect(await readStore(page, 'cards')).toEqual(before.cards);

  // Restoring the same file again adds nothing.
  await input.setInputFiles({
    name: 'again.json.gz',
    mimeType: 'application/gzip',
    buffer: readFileSync(file)
  });
  await expect(section.getByRole('status')).toContainText(/Nothing new|Kept as they were/);
  expect(await readStore(page, 'log')).toEqual(before.log);

  // Today counts from the restored history: the plan came back, so no setup.
  await page.goto('/');
  await expect(
    page.getByRole('heading', { level: 1, name: /cards? to study|all caught up/i })
  ).toBeVisible();
});

test('a deck downloads as an Anki package holding every fact and the answers given', async ({
  page
}, testInfo) => {
  await page.clock.install({ time: new Date('2026-12-01T09:00:00Z') });
  await openToday(page);
  await page.getByRole('link', { name: 'Start studying' }).click();
  for (let i = 0; i < 4; i++) await answerByKeyboard(page);
  const log = (await readStore(page, 'log')) as {
    id: number;
    type: string;
    deckId: string;
    undoes?: number;
  }[];
  const deckId = log[0]!.deckId;
  const undone = new Set(log.map((row) => row.undoes));
  const answers = log.filter(
    (row) => row.type === 'answer' && row.deckId === deckId && !undone.has(row.id)
  ).length;
  const facts = ((await readStore(page, 'facts')) as { deckId: string; retired: number }[]).filter(
    (f) => f.deckId === deckId && f.retired === 0
  ).length;

  await page.goto(`/decks/${deckId}`);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download for Anki' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${deckId}-2026-12-01.apkg`);
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toHaveText(
    `Saved ${deckId}-2026-12-01.apkg: ${facts} notes and ${answers} past answer${answers === 1 ? '' : 's'}.`
  );
  await page.screenshot({ path: testInfo.outputPath('anki-export.png'), fullPage: true });

  const zip = unzipSync(readFileSync(await download.path()));
  const SQL = await initSqlJs();
  const db = new SQL.Database(zip['collection.anki2']);
  const count = (table: string) =>
    Number(db.exec(`SELECT count(*) FROM ${table}`)[0]!.values[0]![0]);
  expect(count('notes')).toBe(facts);
  expect(count('cards')).toBe(facts);
  expect(count('revlog')).toBe(answers);
  db.close();
});
