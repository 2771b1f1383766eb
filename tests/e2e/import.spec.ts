import AxeBuilder from '@axe-core/playwright';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { expect, test, type Page } from '@playwright/test';
import { answerByKeyboard, phone, readStore, skipSetup } from './helpers';

test.use({ viewport: phone, timezoneId: 'UTC' });

const mixed = resolve('../shared/fixtures/anki/mixed-legacy-2.apkg');

async function openImport(page: Page) {
  await page.goto('/');
  await skipSetup(page);
  await page.goto('/decks/import');
  await expect(page.getByRole('heading', { level: 1, name: 'Import cards' })).toBeVisible();
}

function chooseFile(page: Page, name: string, buffer: Buffer | Uint8Array) {
  return page
    .locator('input[type="file"]')
    .setInputFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(buffer) });
}

test.describe('an Anki package', () => {
  test.skip(!existsSync(mixed), `the shared fixtures are not beside the project (${mixed})`);

  test('previews, imports with its history, and a cloze card is studied typed', async ({
    page
  }) => {
    await page.clock.install({ time: new Date('2026-12-01T09:00:00Z') });
    await openImport(page);
    await chooseFile(page, 'mixed-legacy-2.apkg', readFileSync(mixed));
    const preview = page.getByRole('region', { name: 'What will be imported' });
    await expect(preview).toContainText('read as Anki package');
    // The counts the fixture's README lists, and as many here: each card of the Image
    // Occlusion note is a card of its own, with its history.
    await expect(preview).toContainText('In the package: 8 notes, 13 cards and 26 past reviews');
    await expect(preview).toContainText('13 cards here');
    await expect(preview).toContainText('History: 26 past reviews of 13 cards');
    await expect(preview).toContainText('Image Occlusion');
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      expect(
        await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze()
      ).toMatchObject({ violations: [] });
    }
    // Nothing is written before the learner confirms.
    expect((await readStore(page, 'decks')).filter((d) => !d.builtIn)).toHaveLength(0);

    await preview.getByRole('button', { name: /^Import \d+ cards$/ }).click();
    const done = page.getByRole('region', { name: 'Imported' });
    await expect(done.getByRole('status')).toContainText('13 cards and 26 past reviews');
    const log = (await readStore(page, 'log')) as { imported?: boolean }[];
    expect(log.filter((r) => r.imported)).toHaveLength(26);

    // Study until a cloze card and an Image Occlusion card have come: the cloze is answered
    // by typing; the picture shows its shapes, the asked one highlighted, and uncovers it
    // with the answer.
    await done.getByRole('link', { name: 'Study it now' }).click();
    let typedCloze = false;
    let sawPicture = false;
    let uncovered = false;
    for (let i = 0; i < 40 && !(typedCloze && uncovered); i++) {
      const question = page.locator('[data-kind]');
      await question.waitFor();
      const picture = question.getByRole('img', { name: /^Picture from the imported card/ });
      if (!uncovered && (await picture.isVisible())) {
        await expect(picture).toHaveAccessibleName(/highlighted and covered/);
        sawPicture = await picture.evaluate((img) => (img as HTMLImageElement).naturalWidth > 0);
        const shapes = question.locator('figure svg');
        await expect(shapes.locator('.target')).toHaveCount(1);
        // The fixture's other shapes are hidden too ("hide all, guess one"), and its label shown.
        await expect(shapes.locator('rect, ellipse, polygon')).toHaveCount(3);
        await expect(shapes.locator('text')).toHaveText('Some text on image');
        await page.keyboard.press('Space');
        await expect(picture).toHaveAccessibleName(/uncovered/);
        await expect(shapes.locator('.target')).toHaveCount(0);
        await expect(shapes.locator('rect, ellipse, polygon')).toHaveCount(2);
        uncovered = true;
        await page.keyboard.press('3');
        await page.getByRole('button', { name: /Continue/ }).waitFor();
        await page.keyboard.press('Enter');
        continue;
      }
      if ((await question.getAttribute('data-kind')) === 'cloze')
        await expect(question.getByRole('heading')).toContainText('_____');
      // Answers by keyboard: a cloze is answered by typing into its gap.
      if ((await answerByKeyboard(page)) === 'cloze') typedCloze = true;
    }
    expect(typedCloze).toBe(true);
    // The package's one picture (a JPEG in its media) shows with its cards, masked.
    expect(sawPicture).toBe(true);
    expect(uncovered).toBe(true);

    // Taken back to Anki, the picture goes with its notes, stored once.
    const [deck] = (await readStore(page, 'decks')).filter((d) => !d.builtIn) as { id: string }[];
    await page.goto(`/decks/${deck!.id}`);
    const exports = page.getByRole('region', { name: 'Take it elsewhere' });
    const download = page.waitForEvent('download');
    await exports.getByRole('button', { name: 'Download for Anki' }).click();
    const zip = unzipSync(readFileSync((await (await download).path())!));
    const media = JSON.parse(strFromU8(zip.media!)) as Record<string, string>;
    expect(Object.values(media)).toEqual([expect.stringMatching(/^sourcedeck-[0-9a-f]{16}\.jpg$/)]);
    // A JPEG's first bytes.
    expect([...zip['0']!.slice(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    await expect(exports.getByRole('status')).toContainText('notes');
  });
});

test('a long read shows its progress and can be cancelled, writing nothing', async ({
  page,
  context
}) => {
  await openImport(page);
  // SQLite's WebAssembly is held back, so the read is still under way when Cancel is pressed.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await context.route('**/*.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await chooseFile(page, 'slow.apkg', zipSync({ 'collection.anki21': strToU8('SQLite format 3') }));
  const progress = page.getByRole('status').filter({ has: page.locator('progress') });
  await expect(progress).toContainText('Unpacking the file…');
  await progress.getByRole('button', { name: 'Cancel' }).click();
  release();
  await expect(page.getByRole('alert')).toHaveText('Import cancelled: nothing was written.');
  await expect(page.getByRole('button', { name: 'Choose a file' })).toBeEnabled();
  expect((await readStore(page, 'decks')).filter((d) => !d.builtIn)).toHaveLength(0);
});

test('a Quizlet list pasted becomes a deck', async ({ page }) => {
  await openImport(page);
  await page
    .getByLabel('Cards, one per line')
    .fill(
      'Hanoi\tCapital of Vietnam\nPyongyang\tCapital of North Korea\nSeoul\tCapital of South Korea'
    );
  await page.getByRole('button', { name: 'Read the pasted cards' }).click();
  const preview = page.getByRole('region', { name: 'What will be imported' });
  await expect(preview).toContainText('read as Quizlet export');
  await expect(preview.getByRole('listitem').first()).toContainText('3 cards');
  await page.getByLabel('Deck title').fill('Capitals');
  await preview.getByRole('button', { name: 'Import 3 cards' }).click();
  await page.getByRole('link', { name: 'Open the deck' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Capitals' })).toBeVisible();
});

/** A small zip whose directory claims its one entry unpacks to `bytes`: a zip bomb's promise. */
function declaring(bytes: number): Uint8Array {
  const zip = zipSync({ 'collection.anki21': strToU8('SQLite format 3') });
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let i = zip.length - 22; i >= 0; i--)
    if (view.getUint32(i, true) === 0x02014b50) {
      view.setUint32(i + 24, bytes, true);
      break;
    }
  return zip;
}

test('a GIFT quiz keeps its own wrong options, and an essay is left out with its reason', async ({
  page
}) => {
  await openImport(page);
  await chooseFile(
    page,
    'quiz.gift',
    strToU8(
      [
        '$CATEGORY: $course$/top/Capitals',
        '::Q1:: Which city is the capital of Vietnam? {=Hanoi ~Saigon ~Hue ~Da Nang}',
        '::Q2:: Pyongyang is the capital of North Korea. {T}',
        '::Q3:: In which year did the war in Vietnam end? {#1975}',
        '::Q4:: Write about the 2019 summit. {}'
      ].join('\n\n')
    )
  );
  const preview = page.getByRole('region', { name: 'What will be imported' });
  await expect(preview).toContainText('read as GIFT quiz (Moodle)');
  await expect(preview).toContainText('3 cards');
  await expect(preview.getByRole('heading', { name: 'Left out' })).toBeVisible();
  await expect(preview).toContainText(/essay/i);
  await preview.getByRole('button', { name: 'Import 3 cards' }).click();
  await expect(page.getByRole('region', { name: 'Imported' })).toBeVisible();
  const questions = (
    (await readStore(page, 'questions')) as { deckId: string; kind: string; options?: string[] }[]
  ).filter((q) => q.deckId.startsWith('mine-'));
  const choice = questions.find((q) => q.kind === 'choice');
  expect(choice?.options?.slice().sort()).toEqual(['Da Nang', 'Hanoi', 'Hue', 'Saigon']);
  expect(questions.some((q) => q.kind === 'truefalse')).toBe(true);
  expect(questions.some((q) => q.kind === 'numeric')).toBe(true);
});

test('hostile and broken files each get a message and write nothing', async ({ page }) => {
  await openImport(page);
  const alert = page.getByRole('alert');
  const cases: [string, Uint8Array, RegExp][] = [
    ['notes.apkg', strToU8('this is not a zip'), /not an Anki package/],
    [
      'escape.apkg',
      zipSync({ '../../evil.txt': strToU8('x'), 'collection.anki21': strToU8('x') }),
      /\.\./
    ],
    [
      'broken.apkg',
      zipSync({ 'collection.anki21': strToU8('SQLite format 3\0 cut short') }),
      /SQLite|damaged|corrupt|not a database/i
    ],
    ['bomb.apkg', declaring(600 * 1024 * 1024), /MB/],
    ['huge.txt', new Uint8Array(21 * 1024 * 1024).fill(0x61), /20 MB/],
    ['quotes.csv', strToU8('front,back\n"Paris,France\nRome,Italy\n'), /line 2/i],
    ['quiz.gift', strToU8('::Q1:: What? {=yes ~no}\n\n::Q2:: Broken {=yes ~no\n'), /line 3/i]
  ];
  for (const [name, bytes, message] of cases) {
    await chooseFile(page, name, bytes);
    await expect(alert, name).toHaveText(message);
  }
  // HTML in a text file is shown as text and never run.
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  await chooseFile(
    page,
    'hostile.csv',
    strToU8(
      'front,back\n"<script>alert(1)</script>","<img src=x onerror=alert(2)>"\nok,<a href="javascript:alert(3)">x</a>\n'
    )
  );
  const preview = page.getByRole('region', { name: 'What will be imported' });
  await expect(preview).toContainText('<script>alert(1)</script>');
  await expect(preview.locator('img, script, a[href^="javascript"]')).toHaveCount(0);
  expect(dialogs).toBe(0);
  expect((await readStore(page, 'decks')).filter((d) => !d.builtIn)).toHaveLength(0);
});
