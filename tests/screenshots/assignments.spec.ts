import { expect, test } from '@playwright/test';

test.use({ timezoneId: 'UTC' });

const CSV = `prompt,answer,topic,source
What is the chemical symbol for gold?,Au,Elements,"Textbook, chapter 2"
What is the chemical symbol for iron?,Fe,Elements,"Textbook, chapter 2"
Which gas do plants take in to make sugar?,Carbon dioxide,Plants,"Textbook, chapter 5"
In which year did Mendeleev publish his periodic table?,1869,Elements,"Textbook, chapter 2"`;

for (const colorScheme of ['light', 'dark'] as const) {
  test(`assignments (${colorScheme})`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.clock.install({ time: new Date('2026-11-23T09:00:00Z') });
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    const shot = (name: string, fullPage = false) =>
      page.screenshot({ path: `docs/screenshots/${name}-${colorScheme}.png`, fullPage });

    // The teacher's own facts, first with a mistake pointed at by line.
    await page.goto('/teach/new');
    await expect(page.getByRole('combobox', { name: 'Deck' })).toHaveValue('cold-war-alliance');
    await page.getByLabel('My own facts').check();
    await page.getByLabel('Or paste your facts').fill(CSV.replace('Fe,', ','));
    await expect(page.getByRole('alert')).toContainText('Line 3');
    await page.getByRole('alert').scrollIntoViewIfNeeded();
    await shot('teach-own-problem');
    await page.getByLabel('Or paste your facts').fill(CSV);
    await expect(page.getByText('4 facts read')).toBeVisible();
    await page.getByRole('heading', { name: 'The 4 facts' }).scrollIntoViewIfNeeded();
    await shot('teach-own-preview');
    await page.getByLabel('Class', { exact: true }).fill('10B Science');
    await page.getByLabel('Teacher', { exact: true }).fill('Ms Tran');
    await page.getByLabel('Due', { exact: true }).fill('2026-12-04');
    await page.getByRole('button', { name: 'Make the assignment' }).click();
    await expect(page.getByRole('img', { name: 'QR code of the assignment link' })).toBeVisible();
    await shot('teach-share');
    if (colorScheme === 'light') {
      // The printed sheet: title, class, goal, QR code and link, without the app around it.
      await page.emulateMedia({ media: 'print' });
      await page.screenshot({ path: 'docs/screenshots/teach-print.png', fullPage: true });
      await page.emulateMedia({ media: 'screen' });
    }
    const link = await page.getByLabel(/Assignment link/).inputValue();
    const classView = page.url();

    // The student (here on the same device) opens the link and accepts.
    await page.goto(link);
    await page.getByLabel(/Your name/).fill('Ana Lee');
    await shot('assignment-preview');
    await page.getByRole('button', { name: 'Accept the assignment' }).click();
    await expect(page.getByRole('heading', { name: /of the goal/ })).toBeVisible();
    await page.getByRole('button', { name: 'Make my report' }).click();
    const report = await page.getByLabel(/Report link/).inputValue();
    await page.getByRole('heading', { name: /of the goal/ }).scrollIntoViewIfNeeded();
    await shot('assignment-progress');

    // Back to the teacher: the report in the class view.
    await page.goto(classView);
    await page.getByLabel('Report links').fill(report);
    await page.getByRole('button', { name: 'Import links' }).click();
    await expect(page.getByRole('row', { name: /Ana Lee/ })).toBeVisible();
    await page
      .getByRole('heading', { name: 'The class', exact: true })
      .evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot('teach-class');
  });
}
