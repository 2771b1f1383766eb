import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import {
  answerByKeyboard,
  openToday,
  phone,
  readStore,
  waitForServiceWorkerControl
} from './helpers';

test.use({ timezoneId: 'UTC' });
const DAY1 = new Date('2026-11-23T09:00:00Z');

/** A teacher's own facts, as a spreadsheet exports them: the answers are known here. */
const FACTS: Record<string, string> = {
  'What is the chemical symbol for gold?': 'Au',
  'What is the chemical symbol for iron?': 'Fe',
  'What is the chemical symbol for sodium?': 'Na',
  'Which gas do plants take in to make sugar?': 'Carbon dioxide'
};
const CSV = [
  'prompt,answer,topic,source',
  ...Object.entries(FACTS).map(([q, a]) => `${q},${a},Chemistry,"Textbook, chapter 2"`)
].join('\n');

async function violations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`);
}

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: phone, timezoneId: 'UTC' });
  const page = await context.newPage();
  await page.clock.install({ time: DAY1 });
  return page;
}

/** Fills the builder's goal and class fields and makes the assignment; returns its link. */
async function finish(page: Page, reviews: number, testScore: number): Promise<string> {
  await page.getByLabel('Class', { exact: true }).fill('10B Science');
  await page.getByLabel('Teacher', { exact: true }).fill('Ms Tran');
  await page.getByLabel('Due', { exact: true }).fill('2026-12-04');
  await page.getByLabel('Answers of each fact').fill(String(reviews));
  await page.getByLabel('Final test score (%)').fill(String(testScore));
  await page.getByRole('button', { name: 'Make the assignment' }).click();
  await expect(page).toHaveURL(/\/teach\/[a-z0-9]+$/);
  await expect(page.getByRole('img', { name: 'QR code of the assignment link' })).toBeVisible();
  expect(await violations(page)).toEqual([]);
  return page.getByLabel(/Assignment link/).inputValue();
}

/**
 * Types the known answer to each question of the own-facts deck until `until` shows: in a
 * study session each answer is followed by its feedback and Continue; in a test the next
 * question follows at once.
 */
async function answerOwn(page: Page, until: RegExp, study: boolean) {
  for (let i = 0; i < 40; i++) {
    const question = page.locator('[data-kind]');
    await expect(page.getByText(until).or(question.first())).toBeVisible();
    if (await page.getByText(until).isVisible()) return;
    const prompt = (await question.locator('.prompt').first().textContent())?.trim() ?? '';
    const answer = FACTS[prompt];
    expect(answer, `a known prompt: ${prompt}`).toBeDefined();
    const field = page.getByRole('textbox', { name: 'Your answer' });
    const counter = study ? '' : ((await page.getByText(/^Question \d+ of/).textContent()) ?? '');
    await field.fill(answer!);
    await field.press('Enter');
    if (study) {
      await expect(page.getByText('Correct', { exact: true })).toBeVisible();
      // A fast later answer is proposed as Easy; Good brings it back once today.
      await page.keyboard.press('3');
      await expect(
        page.getByRole('button', { name: /^Good/ }).and(page.locator('[aria-pressed="true"]'))
      ).toBeVisible();
      await page.getByRole('button', { name: /Continue/ }).click();
    } else {
      const n = Number(/Question (\d+)/.exec(counter)?.[1]);
      await expect(page.getByText(until).or(page.getByText(`Question ${n + 1} of`))).toBeVisible();
    }
  }
  await expect(page.getByText(until)).toBeVisible();
}

// The student studies offline after one visit: the service worker's work.
test.use({ serviceWorkers: 'allow' });

test('a teacher assigns a built-in deck and their own CSV; a student does both offline and reports back', async ({
  browser
}) => {
  test.setTimeout(180_000);
  const teacher = await newPage(browser);
  const student = await newPage(browser);

  // The teacher: a built-in deck, three facts, one answer each, no final test.
  await teacher.goto('/teach/new');
  // A first visit installs the built-in decks before the builder can offer them.
  await expect(teacher.getByRole('combobox', { name: 'Deck' })).toHaveValue('cold-war-alliance', {
    timeout: 30_000
  });
  await teacher.getByLabel(/How many facts/).fill('3');
  await expect(teacher.getByRole('heading', { name: 'The 3 facts' })).toBeVisible();
  expect(await violations(teacher)).toEqual([]);
  const builtInLink = await finish(teacher, 1, 0);
  const builtInClass = teacher.url();

  // Their own facts: a broken spreadsheet is pointed at by line, then the right one.
  await teacher.goto('/teach/new');
  await teacher.getByLabel('My own facts').check();
  const paste = teacher.getByLabel('Or paste your facts');
  await paste.fill('prompt,answer\nWhat is H2O?,Water\nWhat is NaCl?,\n');
  await expect(teacher.getByRole('alert')).toContainText('Line 3');
  await paste.fill(CSV);
  await expect(teacher.getByText('4 facts read in 1 topic')).toBeVisible();
  await teacher.getByRole('checkbox', { name: 'Multiple choice' }).uncheck();
  await teacher.getByRole('checkbox', { name: 'True or false' }).uncheck();
  await teacher.getByRole('checkbox', { name: 'Flashcard' }).uncheck();
  await teacher.getByRole('checkbox', { name: 'Fill the gap' }).uncheck();
  await expect(teacher.getByRole('heading', { name: 'The 4 facts' })).toBeVisible();
  expect(await violations(teacher)).toEqual([]);
  const ownLink = await finish(teacher, 2, 75);
  const ownClass = teacher.url();

  // The student: the app once online, then each link: preview, name, accept.
  await openToday(student);
  await waitForServiceWorkerControl(student);
  await student.goto(builtInLink);
  await expect(student.getByRole('heading', { name: 'The Cold War alliance' })).toBeVisible();
  await expect(student.getByText('3 facts from')).toBeVisible();
  expect(await violations(student)).toEqual([]);
  await student.getByLabel(/Your name/).fill('Ana Lee');
  await student.getByRole('button', { name: 'Accept the assignment' }).click();
  await expect(student).toHaveURL(/\/assignments\/[a-z0-9]+$/);
  const builtInHome = student.url();
  await student.goto(ownLink);
  await expect(student.getByText('4 facts from “My facts”')).toBeVisible();
  await expect(student.getByLabel(/Your name/)).toHaveValue('Ana Lee');
  await student.getByRole('button', { name: 'Accept the assignment' }).click();
  await expect(student).toHaveURL(/\/assignments\/[a-z0-9]+$/);
  const ownHome = student.url();

  // Offline from here on.
  await student.context().setOffline(true);
  await openToday(student);
  const today = student.getByRole('region', { name: 'Assignments' });
  await expect(today.getByRole('link', { name: 'The Cold War alliance' })).toBeVisible();
  await expect(today.getByText('due in 11 days').first()).toBeVisible();

  await student.goto(builtInHome);
  await student.getByRole('link', { name: 'Study this assignment' }).click();
  for (let i = 0; i < 30; i++) {
    if (await student.getByText('All done for now').isVisible()) break;
    await answerByKeyboard(student, '3');
  }
  await student.getByRole('link', { name: 'Back to the assignment' }).click();
  await expect(student.getByRole('heading', { name: 'Goal met' })).toBeVisible();
  await expect(student.getByText('3 of 3 facts answered at least 1 time')).toBeVisible();
  expect(await violations(student)).toEqual([]);
  await student.getByRole('button', { name: 'Make my report' }).click();
  const builtInReport = await student.getByLabel(/Report link/).inputValue();
  expect(builtInReport).toContain('/report#sd1.r.');
  expect(await violations(student)).toEqual([]);

  await student.goto(ownHome);
  await student.getByRole('link', { name: 'Study this assignment' }).click();
  await answerOwn(student, /All done for now/, true);
  await student.getByRole('link', { name: 'Back to the assignment' }).click();
  await expect(student.getByText('4 of 4 facts answered at least 2 times')).toBeVisible();
  await student.getByRole('link', { name: 'Take the final test' }).click();
  await student.getByRole('button', { name: 'Start the test' }).click();
  await answerOwn(student, /Your score: 100%/, false);
  await student.getByRole('link', { name: 'Back to the assignment' }).click();
  await expect(student.getByRole('heading', { name: 'Goal met' })).toBeVisible();
  await student.getByRole('button', { name: 'Make my report' }).click();
  const ownReport = await student.getByLabel(/Report link/).inputValue();
  const tests = await readStore<{ assignment?: string }>(student, 'practice');
  expect(tests.filter((t) => t.assignment)).toHaveLength(1);

  // The teacher imports: a tampered link changes nothing, the real ones fill the class.
  await teacher.goto(builtInClass);
  const box = teacher.getByLabel('Report links');
  const at = builtInReport.length - 12;
  await box.fill(
    builtInReport.slice(0, at) +
      (builtInReport[at] === 'A' ? 'B' : 'A') +
      builtInReport.slice(at + 1)
  );
  await teacher.getByRole('button', { name: 'Import links' }).click();
  await expect(teacher.getByText(/damaged.*Nothing was changed/)).toBeVisible();
  await expect(teacher.getByText('No reports yet')).toBeVisible();
  await box.fill(builtInReport);
  await teacher.getByRole('button', { name: 'Import links' }).click();
  const row = teacher.getByRole('row', { name: /Ana Lee/ });
  await expect(row).toContainText('3 of 3');
  await expect(row).toContainText('Goal met');
  expect(await violations(teacher)).toEqual([]);

  await teacher.goto(ownClass);
  await teacher.locator('input[type="file"][multiple]').setInputFiles({
    name: 'report-ana-lee.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(`${ownReport}\n`)
  });
  const ownRow = teacher.getByRole('row', { name: /Ana Lee/ });
  await expect(ownRow).toContainText('4 of 4');
  await expect(ownRow).toContainText('100%');
  await expect(ownRow).toContainText('Goal met');
  await expect(teacher.getByText('nobody is behind')).toBeVisible();
  const download = teacher.waitForEvent('download');
  await teacher.getByRole('button', { name: 'Export CSV' }).click();
  const csv = await (await download).createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of csv) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  expect(text.split('\r\n')[1]).toMatch(/^Ana Lee,100,4,4,/);

  await teacher.context().close();
  await student.context().close();
});

test('an uploaded YAML mistake is shown at its line; a tampered link changes nothing; markup in a title stays text; a met goal can be archived', async ({
  browser
}) => {
  test.setTimeout(90_000);
  const teacher = await newPage(browser);
  const student = await newPage(browser);
  const title = '<img src=x onerror="window.pwned=1">Week 1';

  await teacher.goto('/teach/new');
  // A first visit installs the built-in decks before the builder can offer them.
  await expect(teacher.getByRole('combobox', { name: 'Deck' })).toHaveValue('cold-war-alliance', {
    timeout: 30_000
  });
  await teacher.getByLabel(/How many facts/).fill('2');
  await teacher.getByLabel('Title').fill(title);
  const link = await finish(teacher, 0, 0);
  await expect(teacher.getByRole('heading', { level: 1 })).toHaveText(title);

  // A YAML file with a misspelt field is pointed at by its line.
  await teacher.goto('/teach/new');
  await teacher.getByLabel('My own facts').check();
  await teacher.getByLabel(/Upload a file/).setInputFiles({
    name: 'chemistry.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from(
      'title: Chemistry\nfacts:\n  - prompt: What is the symbol for gold?\n    answer: Au\n    explantion: From the Latin aurum.\n'
    )
  });
  await expect(teacher.getByRole('alert')).toContainText('Line 5');
  await expect(teacher.getByRole('alert')).toContainText('unknown field');

  await openToday(student);
  const at = link.length - 20;
  await student.goto(`${link.slice(0, at)}${link[at] === 'A' ? 'B' : 'A'}${link.slice(at + 1)}`);
  await expect(student.getByRole('alert')).toContainText(/damaged.*Nothing was changed/);
  expect(await readStore(student, 'assignments')).toEqual([]);

  await student.goto(link);
  await expect(student.getByRole('heading', { level: 1 })).toHaveText(title);
  expect(await student.evaluate(() => 'pwned' in window)).toBe(false);
  await student.getByLabel(/Your name/).fill('Ana Lee');
  await student.getByRole('button', { name: 'Accept the assignment' }).click();
  await expect(student.getByRole('heading', { name: 'Goal met' })).toBeVisible();

  await openToday(student);
  const today = student.getByRole('region', { name: 'Assignments' });
  await expect(today.getByRole('link', { name: title })).toBeVisible();
  await today.getByRole('button', { name: /^Archive/ }).click();
  await expect(today).toBeHidden();
  await student.goto('/assignments');
  await expect(student.getByRole('heading', { name: 'Archived' })).toBeVisible();
  await expect(student.getByRole('button', { name: /^Bring back/ })).toBeVisible();
  expect(await readStore<{ status: string }>(student, 'assignments')).toMatchObject([
    { status: 'archived' }
  ]);

  await teacher.context().close();
  await student.context().close();
});

test('an assignment or class this device does not have gets a not-found page, not a blank one', async ({
  page
}) => {
  await page.goto('/assignments/no-such-id');
  await expect(page.getByRole('heading', { level: 1, name: 'Assignment not found' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Open an assignment' })).toBeVisible();
  await page.goto('/assignments/no-such-id/test');
  await expect(page.getByRole('heading', { level: 1, name: 'Assignment not found' })).toBeVisible();
  await page.goto('/teach/no-such-id');
  await expect(page.getByRole('heading', { level: 1, name: 'Assignment not found' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'All assignments' })).toBeVisible();
});
