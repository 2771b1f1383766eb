import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { answerByKeyboard, openToday } from './helpers';

/**
 * What a teacher can choose on Teach → New assignment, and what it does for the student:
 * messages for empty or broken facts, kinds of question offered only when the facts are
 * made into them, typed-only assignments typed from the first card, fields that do not
 * carry over, and time spent. Each flow runs at both phone sizes.
 */
test.use({ timezoneId: 'UTC' });
const DAY1 = new Date('2026-11-23T09:00:00Z');

const SIZES = [
  { name: '390x844', viewport: { width: 390, height: 844 } },
  { name: '360x640', viewport: { width: 360, height: 640 } }
];

/** A teacher's own facts with no statement column: the answers are known here. */
const FACTS: Record<string, string> = {
  'What is the chemical symbol for gold?': 'Au',
  'What is the chemical symbol for iron?': 'Fe',
  'What is the chemical symbol for sodium?': 'Na',
  'What is the chemical symbol for tin?': 'Sn'
};
const CSV = [
  'prompt,answer,source',
  ...Object.entries(FACTS).map(([q, a]) => `${q},${a},Textbook`)
].join('\n');

async function violations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`);
}

/** A page in a context of its own (a device of its own), at the given size. */
async function newPage(browser: Browser, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport, timezoneId: 'UTC' });
  const page = await context.newPage();
  await page.clock.install({ time: DAY1 });
  return page;
}

/** Teach → New assignment, with the built-in decks in (a first visit installs them all). */
async function openBuilder(page: Page) {
  await page.goto('/teach/new');
  await expect(page.getByRole('combobox', { name: 'Deck' })).toHaveValue('cold-war-alliance', {
    timeout: 30_000
  });
}

async function pasteOwn(page: Page, text: string) {
  await page.getByLabel('My own facts').check();
  await page.getByLabel('Or paste your facts').fill(text);
}

/** The class field, a text box or (with earlier classes to suggest) a combo box. */
function classField(page: Page) {
  return page
    .getByRole('textbox', { name: 'Class', exact: true })
    .or(page.getByRole('combobox', { name: 'Class', exact: true }));
}

/** Fills what is left and makes the assignment; returns its link. */
async function make(page: Page, className = '10B Science'): Promise<string> {
  await classField(page).fill(className);
  await page.getByRole('textbox', { name: 'Teacher', exact: true }).fill('Ms Tran');
  await page.getByRole('button', { name: 'Make the assignment' }).click();
  await expect(page).toHaveURL(/\/teach\/[a-z0-9]+$/);
  return page.getByLabel(/Assignment link/).inputValue();
}

/**
 * Opens the link on the student's device; returns the preview's list of kinds of question.
 * A first visit installs the built-in decks before the preview shows.
 */
async function openLink(student: Page, link: string) {
  await student.goto(link);
  const kinds = student.locator('dt', { hasText: 'Questions' }).locator('+ dd');
  await expect(kinds).toBeVisible({ timeout: 30_000 });
  return kinds;
}

/** Opens the link on the student's device and accepts it; lands on the assignment's page. */
async function accept(student: Page, link: string) {
  await openLink(student, link);
  await student.getByLabel(/Your name/).fill('Ana Lee');
  await student.getByRole('button', { name: 'Accept the assignment' }).click();
  await expect(student).toHaveURL(/\/assignments\/[a-z0-9]+$/);
}

for (const size of SIZES) {
  test.describe(`at ${size.name}`, () => {
    // Each flow installs the built-in decks on a new device first.
    test.describe.configure({ timeout: 90_000 });

    test('an empty upload or a blank paste says so at once, beside the input', async ({
      browser
    }) => {
      const page = await newPage(browser, size.viewport);
      await openBuilder(page);
      await page.getByLabel('My own facts').check();
      const file = page.getByLabel(/Upload a file/);
      // Where a teacher choosing a file has it: on screen, with the message just below it.
      await file.scrollIntoViewIfNeeded();
      await file.setInputFiles({
        name: 'facts.csv',
        mimeType: 'text/csv',
        buffer: Buffer.alloc(0)
      });
      const fileMessage = page.getByRole('alert').filter({ hasText: 'facts.csv' });
      await expect(fileMessage).toHaveText(
        'The file “facts.csv” is empty (0 bytes): there are no facts in it. Choose another file, or paste your facts.'
      );
      await expect(file).toHaveAccessibleDescription(/is empty \(0 bytes\)/);
      await expect(fileMessage).toBeInViewport();

      const paste = page.getByLabel('Or paste your facts');
      await paste.fill('   \n\n  ');
      await expect(fileMessage).toBeHidden();
      await expect(page.getByRole('status').filter({ hasText: 'Only spaces' })).toHaveText(
        'Only spaces and blank lines are pasted: there are no facts in them. Paste the rows of your spreadsheet, the header row first, or a YAML deck.'
      );
      await expect(paste).toHaveAttribute('aria-invalid', 'true');
      await expect(paste).toHaveAccessibleDescription(/Only spaces and blank lines/);
      expect(await violations(page)).toEqual([]);

      // Make: the focus goes to the paste box, and nothing is made.
      await page.getByRole('button', { name: 'Make the assignment' }).click();
      await expect(paste).toBeFocused();
      await expect(page).toHaveURL(/\/teach\/new$/);
      await page.context().close();
    });

    test('a mismatched CSV quote is named with its line and column; Make points at it', async ({
      browser
    }) => {
      const page = await newPage(browser, size.viewport);
      await openBuilder(page);
      await pasteOwn(page, 'prompt,answer\n"What is gold?,Au\nWhat is iron?,Fe\n');
      const problems = page.getByRole('alert').filter({ hasText: 'to fix' });
      await expect(problems).toContainText(
        'Line 2: a quote opened in "prompt" is never closed: add the closing " or remove the opening one'
      );
      await expect(problems).not.toContainText('is empty');
      await page.getByRole('button', { name: 'Make the assignment' }).click();
      const paste = page.getByLabel('Or paste your facts');
      await expect(paste).toBeFocused();
      await expect(paste).toHaveAccessibleDescription(
        /Your facts have one thing to fix, listed below: fix it first\./
      );
      await expect(page.getByText('Paste or upload your facts first')).toHaveCount(0);
      expect(await violations(page)).toEqual([]);
      await page.context().close();
    });

    test('YAML nested a thousand deep is refused in words, not with a stack overflow', async ({
      browser
    }) => {
      const page = await newPage(browser, size.viewport);
      await openBuilder(page);
      await pasteOwn(page, `title: Deep\nfacts: ${'['.repeat(1000)}${']'.repeat(1000)}\n`);
      const problems = page.getByRole('alert').filter({ hasText: 'to fix' });
      await expect(problems).toContainText(
        'Line 2: lists and mappings are nested more than 20 levels deep here'
      );
      await expect(problems).not.toContainText(/call stack/i);
      await page.context().close();
    });

    test('own facts without statements cannot be given true/false or fill the gap, and no page lists them', async ({
      browser
    }) => {
      const teacher = await newPage(browser, size.viewport);
      const student = await newPage(browser, size.viewport);
      await openBuilder(teacher);
      await pasteOwn(teacher, CSV);
      await expect(teacher.getByText('4 facts read in 1 topic')).toBeVisible();
      const trueFalse = teacher.getByRole('checkbox', { name: 'True or false' });
      const gap = teacher.getByRole('checkbox', { name: 'Fill the gap' });
      for (const box of [trueFalse, gap]) {
        await expect(box).toBeDisabled();
        await expect(box).not.toBeChecked();
      }
      await expect(trueFalse).toHaveAccessibleDescription('(needs statements)');
      await expect(gap).toHaveAccessibleDescription('(needs statements that contain the answer)');
      await expect(teacher.getByText('(needs statements)', { exact: true })).toBeVisible();
      for (const name of ['Flashcard', 'Multiple choice', 'Typed answer']) {
        await expect(teacher.getByRole('checkbox', { name })).toBeChecked();
      }
      expect(await violations(teacher)).toEqual([]);

      const link = await make(teacher);
      await expect(
        teacher.getByText('Questions: Flashcard, Multiple choice, Typed answer.')
      ).toBeVisible();
      const preview = await openLink(student, link);
      await expect(preview).toHaveText('Flashcard, Multiple choice, Typed answer');

      // With a statement column, true/false comes back, ticked as before.
      await openBuilder(teacher);
      await pasteOwn(
        teacher,
        'prompt,answer,statement\nWhat is the chemical symbol for gold?,Au,The chemical symbol for gold is Au.\nWhat is the chemical symbol for iron?,Fe,The chemical symbol for iron is Fe.\nWhat is the chemical symbol for tin?,Sn,The chemical symbol for tin is Sn.'
      );
      await expect(teacher.getByText('3 facts read')).toBeVisible();
      await expect(trueFalse).toBeEnabled();
      await expect(trueFalse).toBeChecked();
      await teacher.context().close();
      await student.context().close();
    });

    test('a typed-only assignment shows a text box on the very first card, wherever it is studied', async ({
      browser
    }) => {
      const teacher = await newPage(browser, size.viewport);
      const student = await newPage(browser, size.viewport);
      await openBuilder(teacher);
      await pasteOwn(teacher, CSV);
      await expect(teacher.getByText('4 facts read in 1 topic')).toBeVisible();
      await teacher.getByRole('checkbox', { name: 'Flashcard' }).uncheck();
      await teacher.getByRole('checkbox', { name: 'Multiple choice' }).uncheck();
      const link = await make(teacher);
      await expect(teacher.getByText('Questions: Typed answer.')).toBeVisible();

      await student.goto('/');
      await expect(await openLink(student, link)).toHaveText('Typed answer');
      await accept(student, link);
      const home = student.url();
      await student.getByRole('link', { name: 'Study this assignment' }).click();
      await expect(student.locator('[data-kind]')).toHaveAttribute('data-kind', 'typed');
      await expect(student.getByRole('textbox', { name: 'Your answer' })).toBeVisible();
      const prompt = (await student.locator('[data-kind] .prompt').first().textContent())?.trim();
      expect(FACTS[prompt ?? '']).toBeDefined();

      // Studying the deck from Today, outside the assignment: still typed.
      await openToday(student);
      await student.getByRole('link', { name: 'Study My facts' }).click();
      await expect(student.locator('[data-kind]')).toHaveAttribute('data-kind', 'typed');
      const field = student.getByRole('textbox', { name: 'Your answer' });
      await expect(field).toBeVisible();
      for (let i = 0; i < 4; i++) {
        await expect(student.locator('[data-kind]')).toHaveAttribute('data-kind', 'typed');
        const shown = (await student.locator('[data-kind] .prompt').first().textContent())?.trim();
        await field.fill(FACTS[shown ?? ''] ?? '');
        await field.press('Enter');
        await expect(student.getByText('Correct', { exact: true })).toBeVisible();
        await student.getByRole('button', { name: /Continue/ }).click();
      }
      // Those answers count towards the assignment: typed, as the teacher asked.
      await student.goto(home);
      await expect(student.getByText('0 of 4 facts answered at least 2 times')).toBeVisible();
      await teacher.context().close();
      await student.context().close();
    });

    test('a second assignment starts with an empty class, the first one only suggested', async ({
      browser
    }) => {
      const page = await newPage(browser, size.viewport);
      await openBuilder(page);
      await page.getByLabel(/How many facts/).fill('2');
      await make(page, '10B Science');
      await openBuilder(page);
      await expect(classField(page)).toHaveValue('');
      await expect(page.getByRole('textbox', { name: 'Teacher', exact: true })).toHaveValue(
        'Ms Tran'
      );
      await expect(page.locator('datalist option')).toHaveAttribute('value', '10B Science');
      await page.getByRole('button', { name: 'Make the assignment' }).click();
      await expect(classField(page)).toBeFocused();
      await expect(classField(page)).toHaveAccessibleDescription('Name the class.');
      await page.context().close();
    });

    test('Make with no class on a new device says so beside the field and moves there', async ({
      browser
    }) => {
      const page = await newPage(browser, size.viewport);
      await openBuilder(page);
      await page.getByLabel(/How many facts/).fill('2');
      await page.getByRole('textbox', { name: 'Teacher', exact: true }).fill('Ms Tran');
      await page.getByRole('button', { name: 'Make the assignment' }).click();
      const field = classField(page);
      await expect(field).toBeFocused();
      await expect(field).toHaveAttribute('aria-invalid', 'true');
      await expect(field).toHaveAccessibleDescription('Name the class.');
      const message = page.locator('label', { has: field }).getByText('Name the class.');
      await expect(message).toBeInViewport();
      await expect(page.getByRole('alert')).toHaveText('Not made yet: see the class above.');
      await expect(page).toHaveURL(/\/teach\/new$/);
      expect(await violations(page)).toEqual([]);
      // Filled in, the message goes and the assignment is made.
      await field.fill('10B Science');
      await expect(field).not.toHaveAttribute('aria-invalid', 'true');
      await page.getByRole('button', { name: 'Make the assignment' }).click();
      await expect(page).toHaveURL(/\/teach\/[a-z0-9]+$/);
      await page.context().close();
    });

    test('time spent short of a minute reads "under a minute", not "0 min"', async ({
      browser
    }) => {
      const teacher = await newPage(browser, size.viewport);
      const student = await newPage(browser, size.viewport);
      await openBuilder(teacher);
      await teacher.getByLabel(/How many facts/).fill('2');
      const link = await make(teacher);
      await student.goto('/');
      await accept(student, link);
      await expect(student.getByText('0 min spent')).toBeVisible();
      const home = student.url();
      await student.getByRole('link', { name: 'Study this assignment' }).click();
      for (let i = 0; i < 2; i++) {
        await student.locator('[data-kind]').waitFor();
        await student.clock.runFor(4000);
        await answerByKeyboard(student, '3');
      }
      await student.goto(home);
      await expect(student.getByText('under a minute spent')).toBeVisible();
      await expect(student.getByText('0 min spent')).toHaveCount(0);
      await teacher.context().close();
      await student.context().close();
    });
  });
}
