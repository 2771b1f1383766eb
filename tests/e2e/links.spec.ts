import AxeBuilder from '@axe-core/playwright';
import { expect as baseExpect, test, type Browser, type Page } from '@playwright/test';
import { readStore } from './helpers';

/**
 * Links as they arrive in real life: changed by hand, cut short, made up, or opened on the
 * wrong device. Each gets a clear message, throws nothing in the page and stores nothing;
 * a genuine report is kept only on the device where its assignment was made.
 */

test.use({ timezoneId: 'UTC' });
// Each test starts fresh devices, whose first visit installs the built-in decks before an
// assignment can be shown: on a busy machine that takes longer than the usual 5 seconds.
const expect = baseExpect.configure({ timeout: 20_000 });
const DAY1 = new Date('2026-11-23T09:00:00Z');
const TITLE = 'Cold War week 1';
const sizes = [
  { width: 390, height: 844 },
  { width: 360, height: 640 }
];

/** A device of its own (its own database), collecting every error thrown in its pages. */
async function device(browser: Browser, size: { width: number; height: number }) {
  const context = await browser.newContext({ viewport: size, timezoneId: 'UTC' });
  const page = await context.newPage();
  await page.clock.install({ time: DAY1 });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`));
  return { page, errors };
}

/** The teacher makes a two-fact assignment of a built-in deck; returns its link. */
async function makeAssignment(teacher: Page): Promise<string> {
  await teacher.goto('/teach/new');
  // A first visit installs the built-in decks before the builder can offer them.
  await expect(teacher.getByRole('combobox', { name: 'Deck' })).toHaveValue('cold-war-alliance', {
    timeout: 30_000
  });
  await teacher.getByLabel(/How many facts/).fill('2');
  await teacher.getByLabel('Title').fill(TITLE);
  await teacher.getByLabel('Class', { exact: true }).fill('10B History');
  await teacher.getByLabel('Teacher', { exact: true }).fill('Ms Tran');
  await teacher.getByLabel('Due', { exact: true }).fill('2026-12-04');
  await teacher.getByRole('button', { name: 'Make the assignment' }).click();
  await expect(teacher).toHaveURL(/\/teach\/[a-z0-9]+$/);
  return teacher.getByLabel(/Assignment link/).inputValue();
}

/** The student accepts the assignment and makes a report at once; returns the report link. */
async function reportFrom(student: Page, link: string): Promise<string> {
  await student.goto(link);
  await expect(student.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  await student.getByLabel(/Your name/).fill('Ana Lee');
  await student.getByRole('button', { name: 'Accept the assignment' }).click();
  await expect(student).toHaveURL(/\/assignments\/[a-z0-9]+$/);
  await student.getByRole('button', { name: 'Make my report' }).click();
  const report = await student.getByLabel(/Report link/).inputValue();
  expect(report).toContain('/report#sd1.r.');
  return report;
}

async function violations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`);
}

/** The link with the character `back` places before its end changed to `%`. */
const percentAt = (link: string, back: number) =>
  `${link.slice(0, link.length - back)}%${link.slice(link.length - back + 1)}`;

/** Opens `url` as a fresh load (not a same-page fragment change) and waits for the heading. */
async function open(page: Page, url: string) {
  await page.goto('about:blank');
  await page.goto(url);
}

for (const size of sizes) {
  const at = `${size.width}x${size.height}`;

  test(`a % or a cut-back prefix in an assignment link gets a clear message, no page error, nothing stored (${at})`, async ({
    browser
  }) => {
    test.setTimeout(150_000);
    const { page: teacher } = await device(browser, size);
    const { page: student, errors } = await device(browser, size);
    const link = await makeAssignment(teacher);
    const fragment = link.indexOf('#') + 1;

    for (const bad of [
      percentAt(link, 15),
      `${link.slice(0, fragment)}%${link.slice(fragment + 1)}`,
      `${link.slice(0, -8)}%E0%A4%A`
    ]) {
      await open(student, bad);
      await expect(student.getByRole('heading', { level: 1 })).toHaveText('Open an assignment');
      const alert = student.getByRole('alert');
      await expect(alert).toContainText('damaged or incomplete');
      await expect(alert).toContainText('Copy the whole link again, or ask your teacher');
      await expect(alert).toContainText('Nothing was changed');
    }

    await open(student, '/assignment#sd1.a.');
    const alert = student.getByRole('alert');
    await expect(alert).toContainText('damaged or incomplete');
    await expect(alert).not.toContainText('newer version');
    expect(await violations(student)).toEqual([]);

    expect(errors).toEqual([]);
    expect(await readStore(student, 'assignments')).toEqual([]);
    expect(await readStore(student, 'settings')).not.toContainEqual(
      expect.objectContaining({ key: 'studentName' })
    );

    // The genuine link still opens on the same device; a % typed into its fragment
    // afterwards (the page reads the fragment again) is refused the same way.
    await open(student, link);
    await expect(student.getByRole('heading', { level: 1 })).toHaveText(TITLE);
    await student.evaluate(
      () => (location.hash = `${location.hash.slice(1, -3)}%${location.hash.slice(-2)}`)
    );
    await expect(student.getByRole('heading', { level: 1 })).toHaveText('Open an assignment');
    await expect(student.getByRole('alert')).toContainText('damaged or incomplete');
    expect(await readStore(student, 'assignments')).toEqual([]);
    expect(errors).toEqual([]);

    await teacher.context().close();
    await student.context().close();
  });

  test(`a report link is kept only on the device that made the assignment; a % or random one gets a message (${at})`, async ({
    browser
  }) => {
    test.setTimeout(240_000);
    const { page: teacher, errors: teacherErrors } = await device(browser, size);
    const { page: student, errors: studentErrors } = await device(browser, size);
    const { page: stranger, errors: strangerErrors } = await device(browser, size);
    const link = await makeAssignment(teacher);
    const report = await reportFrom(student, link);

    // On the student's own device and on one that never saw the assignment: explained, not kept.
    for (const page of [student, stranger]) {
      await open(page, report);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Report from Ana Lee');
      await expect(page.getByRole('status')).toContainText(
        `This is Ana Lee’s report on “${TITLE}”. That assignment was not made on this device, so the report was not kept here.`
      );
      await expect(page.getByRole('heading', { name: 'To import it' })).toBeVisible();
      await expect(
        page.getByText(/On the device where the assignment was made, open this link/)
      ).toBeVisible();
      expect(await violations(page)).toEqual([]);
      expect(await readStore(page, 'reports')).toEqual([]);
      await page.goto('/teach');
      await expect(page.getByText('No assignments yet')).toBeVisible();
      await expect(page.getByRole('link', { name: TITLE })).toHaveCount(0);
      // The report file dropped on Teach meets the same rule and says the same.
      await page.locator('input[type="file"][multiple]').setInputFiles({
        name: 'report-ana-lee.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from(`${report}\n`)
      });
      const result = page.getByRole('listitem').filter({ hasText: 'report-ana-lee.txt' });
      await expect(result).toContainText(`This is a report from Ana Lee for “${TITLE}”`);
      await expect(result).toContainText('on the device where the assignment was made');
      await expect(result).toContainText('Nothing was changed');
      await expect(page.getByText('No assignments yet')).toBeVisible();
      expect(await readStore(page, 'reports')).toEqual([]);
    }

    // The teacher's device: a changed character or made-up content is refused.
    for (const bad of [
      percentAt(report, 20),
      `${report.slice(0, report.indexOf('#') + 1)}%E0%A4%A${report.slice(report.indexOf('#') + 9)}`
    ]) {
      await open(teacher, bad);
      await expect(teacher.getByRole('heading', { level: 1 })).toHaveText(
        'This report cannot be used'
      );
      await expect(teacher.getByRole('alert')).toContainText('damaged or incomplete');
      await expect(teacher.getByRole('alert')).toContainText('Nothing was changed');
    }
    for (const random of [
      '/report#sd1.r.9f3c.x_Yq.Lk2',
      '/report#Zm9vYmFy.cXV4',
      '/report#sd1.q.'
    ]) {
      await open(teacher, random);
      const alert = teacher.getByRole('alert');
      await expect(alert).toContainText('damaged or incomplete');
      await expect(alert).not.toContainText('newer version');
    }
    expect(await readStore(teacher, 'reports')).toEqual([]);

    // The genuine report on the teacher's device is imported as before.
    await open(teacher, report);
    await expect(teacher.getByRole('heading', { level: 1 })).toHaveText('Report from Ana Lee');
    await expect(teacher.getByRole('status')).toContainText('is now in your class view');
    await teacher.getByRole('link', { name: 'Open the class view' }).click();
    await expect(teacher.getByRole('row', { name: /Ana Lee/ })).toContainText('0 of 2');
    expect(await readStore(teacher, 'reports')).toHaveLength(1);

    expect([...teacherErrors, ...studentErrors, ...strangerErrors]).toEqual([]);
    for (const page of [teacher, student, stranger]) await page.context().close();
  });
}
