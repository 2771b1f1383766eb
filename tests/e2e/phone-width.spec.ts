import {
  expect as baseExpect,
  test,
  type Browser,
  type BrowserContext,
  type Page
} from '@playwright/test';
import { openScreen, openToday, screens } from './helpers';

/*
 * No screen may be wider than a phone, whatever the app holds: long deck names, source
 * addresses, titles, class and student names, answers. Each screen is checked at two phone
 * sizes with the longest content a teacher, a student or a deck can put into it.
 */

test.use({ timezoneId: 'UTC' });
// Each screen loads its data from the database after a full page load: allow a busy machine.
const expect = baseExpect.configure({ timeout: 10_000 });
const DAY1 = new Date('2026-11-23T09:00:00Z');

/** A 98-character source address: no spaces, so only a link that may wrap keeps it inside. */
const LONG_URL =
  'https://www.example.org/archives/education/history-of-alliances/north-korea-and-vietnam?page=12345';
/** A word too long for any phone's line, as compound words and pasted codes are. */
const LONG_WORD = 'Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsanstalt';
const LONG_DECK_ID = 'cold-war-alliance';
const LONG_FACT = 'cw-ho-chi-minh-visit-1957';
/** A source LONG_FACT cites, given a script for an address. */
const SCRIPT_SOURCE = 'hankyoreh-2019';
const LONG_DECK = `The Cold War alliance and its ${LONG_WORD}, from the first state visit to the last`;
const LONG_TITLE = `Week 12 revision: ${LONG_WORD} and the alliance`.slice(0, 120);
const LONG_CLASS = `10B ${LONG_WORD}`.slice(0, 80);
const LONG_STUDENT = `Ana ${LONG_WORD}`.slice(0, 80);
const LONG_ANSWER = `The ${LONG_WORD} of the northern river ports`;

/** A teacher's own facts with long prompts, answers and a long source address. */
const OWN_CSV = [
  'prompt,answer,topic,source',
  `Which institution paid for the ${LONG_WORD}?,${LONG_ANSWER},${LONG_WORD},${LONG_URL}`,
  `What is the chemical symbol for gold?,Au,${LONG_WORD},${LONG_URL}`,
  `What is the chemical symbol for iron?,Fe,${LONG_WORD},${LONG_URL}`,
  `What is the chemical symbol for sodium?,Na,${LONG_WORD},${LONG_URL}`
].join('\n');

const sizes = [
  { width: 390, height: 844 },
  { width: 360, height: 640 }
];

/**
 * Asserts that the page is no wider than the window. On failure the message names the
 * outermost elements that stick out, to find the cause without a screenshot; the check is
 * soft, so one run lists every screen that is too wide.
 */
async function expectFits(page: Page, screen: string): Promise<void> {
  // Layout settles after the heading renders (fonts, late data): wait one frame.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => done(null))));
  const { scrollWidth, innerWidth, culprits } = await page.evaluate(() => {
    const width = window.innerWidth;
    const sticksOut = (el: Element) => el.getBoundingClientRect().right > width + 0.5;
    const culprits = [...document.querySelectorAll('body *')]
      .filter((el) => sticksOut(el) && !(el.parentElement && sticksOut(el.parentElement)))
      .slice(0, 5)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} (${Math.round(el.getBoundingClientRect().right)} px)`
      );
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: width, culprits };
  });
  expect
    .soft(
      scrollWidth,
      `${screen} is ${scrollWidth} px wide in a ${innerWidth} px window: ${culprits.join(', ')}`
    )
    .toBeLessThanOrEqual(innerWidth);
}

/**
 * Serves one built-in deck as a deck with long content would be: a long name and topic, a
 * fact with a long answer, and every source with a long title and address (one address a
 * script). The service worker is blocked so that every deck request reaches this route.
 */
async function seedLongDeck(context: BrowserContext): Promise<void> {
  await context.route('**/decks/index.json', async (route) => {
    const response = await route.fetch();
    const index = (await response.json()) as { decks: { id: string; title: string }[] };
    for (const deck of index.decks) if (deck.id === LONG_DECK_ID) deck.title = LONG_DECK;
    await route.fulfill({ response, json: index });
  });
  await context.route(`**/decks/${LONG_DECK_ID}.json`, async (route) => {
    const response = await route.fetch();
    const deck = (await response.json()) as {
      title: string;
      topics: { title: string }[];
      sources: { id: string; title: string; url?: string }[];
      facts: { id: string; answer?: string; explanation: string }[];
    };
    deck.title = LONG_DECK;
    deck.topics[0]!.title = `${LONG_WORD} and other visits`;
    for (const source of deck.sources) {
      source.title = `${source.title}: ${LONG_WORD}`;
      // One address is a script, which must never become a link.
      source.url = source.id === SCRIPT_SOURCE ? 'javascript:alert(1)' : LONG_URL;
    }
    const fact = deck.facts.find((f) => f.id === LONG_FACT)!;
    fact.answer = LONG_ANSWER;
    fact.explanation = `${fact.explanation} ${LONG_WORD}.`;
    await route.fulfill({ response, json: deck });
  });
}

async function newPage(browser: Browser, viewport: { width: number; height: number }) {
  const context = await browser.newContext({
    viewport,
    timezoneId: 'UTC',
    serviceWorkers: 'block'
  });
  await seedLongDeck(context);
  const page = await context.newPage();
  await page.clock.install({ time: DAY1 });
  // The built-in decks install on the first visit, the long one with them.
  await openToday(page);
  return page;
}

/** Answers the study question on screen with anything and waits for its feedback. */
async function answerStudyQuestion(page: Page): Promise<void> {
  const kind = await page.locator('[data-kind]').getAttribute('data-kind');
  if (kind === 'flashcard') {
    await page.getByRole('button', { name: /^Show answer/ }).click();
  } else if (kind === 'choice' || kind === 'truefalse') {
    await page.getByRole('group', { name: 'Options' }).getByRole('button').first().click();
  } else {
    await page.getByRole('textbox', { name: 'Your answer' }).fill('a guess');
    await page.keyboard.press('Enter');
  }
  await expect(page.getByRole('button', { name: /Continue/ })).toBeVisible();
}

/** Answers a test question of any kind with anything: an option, a reveal, a check, a guess. */
async function answerTestQuestion(page: Page): Promise<void> {
  const kind = await page.locator('[data-kind]').getAttribute('data-kind');
  if (kind === 'choice' || kind === 'truefalse') {
    await page.getByRole('group', { name: 'Options' }).getByRole('button').first().click();
  } else if (kind === 'flashcard') {
    await page.getByRole('button', { name: /^Show answer/ }).click();
  } else if (kind === 'order' || kind === 'match') {
    await page.getByRole('button', { name: /^Check (order|matches)$/ }).click();
  } else {
    await page.getByRole('textbox', { name: 'Your answer' }).fill('a guess');
    await page.keyboard.press('Enter');
  }
}

for (const size of sizes) {
  const phone = `${size.width}×${size.height}`;

  test(`every screen of the decks, study and practice fits a ${phone} phone with a long deck name, answer and source address`, async ({
    browser
  }) => {
    test.setTimeout(240_000);
    const student = await newPage(browser, size);

    // The app's screens, with the long deck name wherever decks are listed.
    // (The first-run setup is past on this device; first-run.spec.ts checks its width.)
    for (const screen of screens.filter((s) => s.name !== 'first-run')) {
      await openScreen(student, screen);
      await expect(
        student.getByRole('heading', { level: 1, name: screen.heading }).first()
      ).toBeVisible();
      await expectFits(student, screen.name);
    }
    await student.goto(`/decks/${LONG_DECK_ID}`);
    await expect(student.getByRole('heading', { level: 1, name: LONG_DECK })).toBeVisible();
    await expectFits(student, 'a deck with a long name');
    await student.goto(`/decks/${LONG_DECK_ID}/facts/${LONG_FACT}`);
    await expect(student.getByText(LONG_ANSWER).first()).toBeVisible();
    const cited = student.getByRole('link', { name: /opens in a new tab/ }).first();
    await expect(cited).toHaveAttribute('href', LONG_URL);
    await expect(cited).toHaveAttribute('rel', 'noopener noreferrer');
    await expect(student.getByText(/^A brief rundown of North Korea-Vietnam/)).toBeVisible();
    await expect(student.getByRole('link', { name: /A brief rundown/ })).toHaveCount(0);
    await expectFits(student, 'a fact with a long answer and long sources');
    await student.goto(`/decks/${LONG_DECK_ID}/facts`);
    await expect(student.getByRole('heading', { level: 1, name: 'Facts' })).toBeVisible();
    await expectFits(student, 'the facts of a deck with a long name');
    await student.goto(`/decks/${LONG_DECK_ID}/settings`);
    await expect(student.getByRole('heading', { level: 1, name: 'Study settings' })).toBeVisible();
    await expectFits(student, 'study settings of a deck with a long name');

    // Practice: a test's setup, a question and its results; timeline and match.
    await student.goto('/practice');
    await expect(student.getByRole('checkbox', { name: LONG_DECK })).toBeVisible();
    await expectFits(student, 'practice setup');
    await student.getByRole('button', { name: 'Start' }).click();
    await expect(student.getByText('Question 1 of')).toBeVisible({ timeout: 15_000 });
    await expectFits(student, 'a practice question');
    await answerTestQuestion(student);
    await expect(student.getByText('Question 2 of')).toBeVisible();
    await student.getByRole('button', { name: 'Finish now' }).click();
    await expect(student.getByRole('heading', { level: 1, name: /^Your score/ })).toBeVisible();
    await expectFits(student, 'practice results');
    for (const mode of ['timeline', 'match']) {
      await student.goto(`/practice/${mode}`);
      await expect(student.getByRole('heading', { level: 1 })).toBeVisible();
      await expectFits(student, `${mode} setup`);
      await student.getByRole('button', { name: 'Start' }).click();
      await expect(student.getByText('Question 1 of')).toBeVisible({ timeout: 15_000 });
      await expectFits(student, `a ${mode} question`);
    }

    // Study a built-in deck: the question, then the feedback.
    await student.goto(`/study?decks=${LONG_DECK_ID}`);
    await expect(student.locator('[data-kind]')).toBeVisible();
    await expectFits(student, 'a study question');
    await answerStudyQuestion(student);
    await expectFits(student, 'study feedback');
    await student.context().close();
  });

  test(`an assignment of own facts with long names and addresses fits a ${phone} phone from the builder to the class view`, async ({
    browser
  }) => {
    test.setTimeout(240_000);
    const teacher = await newPage(browser, size);
    const student = await newPage(browser, size);

    // The teacher makes an assignment of their own facts, long everything.
    await teacher.goto('/teach/new');
    const deck = teacher.getByRole('combobox', { name: 'Deck' });
    await expect(deck).toHaveValue(LONG_DECK_ID);
    await expect(deck.locator('option:checked')).toContainText(LONG_DECK);
    await teacher.getByLabel('Title').fill(LONG_TITLE);
    await teacher.getByLabel('Class', { exact: true }).fill(LONG_CLASS);
    await teacher.getByLabel('Teacher', { exact: true }).fill(LONG_STUDENT);
    await expectFits(teacher, 'a new assignment from a deck with a long name');
    await teacher.getByLabel('My own facts').check();
    await teacher.getByLabel('Or paste your facts').fill(OWN_CSV);
    await expect(teacher.getByText('4 facts read in 1 topic')).toBeVisible();
    await expect(teacher.getByRole('heading', { name: 'Some of the questions' })).toBeVisible();
    await expectFits(teacher, 'a new assignment of own facts, with their preview');
    // Nothing lies over the button: a tap reaches it (Playwright's click checks).
    await teacher.getByRole('button', { name: 'Make the assignment' }).click();
    await expect(teacher).toHaveURL(/\/teach\/[a-z0-9]+$/);
    await expect(teacher.getByRole('heading', { level: 1, name: LONG_TITLE })).toBeVisible();
    await expectFits(teacher, 'a class view before any report');
    const link = await teacher.getByLabel(/Assignment link/).inputValue();
    await teacher.goto('/teach');
    await expect(teacher.getByText(LONG_TITLE)).toBeVisible();
    await expectFits(teacher, 'Teach with a long title');

    // The student opens the link, accepts under a very long name, studies and is tested.
    await student.goto(link);
    await expect(student.getByRole('heading', { level: 1, name: LONG_TITLE })).toBeVisible();
    await expectFits(student, 'an assignment opened from its link');
    await student.getByLabel(/Your name/).fill(LONG_STUDENT);
    await student.getByRole('button', { name: 'Accept the assignment' }).click();
    await expect(student).toHaveURL(/\/assignments\/[a-z0-9]+$/);
    await expectFits(student, "an assignment's page");
    const home = student.url();
    await student.goto('/assignments');
    await expect(student.getByRole('link', { name: LONG_TITLE })).toBeVisible();
    await expectFits(student, 'the list of assignments');
    await openToday(student);
    await expect(student.getByRole('link', { name: LONG_TITLE })).toBeVisible();
    await expectFits(student, 'Today with an assignment');

    await student.goto(home);
    await student.getByRole('link', { name: 'Study this assignment' }).click();
    await expect(student.locator('[data-kind]')).toBeVisible();
    await expectFits(student, 'a study question of own facts');
    await answerStudyQuestion(student);
    const source = student.getByRole('link', { name: LONG_URL });
    await expect(source).toBeVisible();
    await expect(source).toHaveAttribute('href', LONG_URL);
    await expect(source).toHaveAttribute('rel', 'noopener noreferrer');
    await expectFits(student, 'study feedback citing a long address');

    // The final test, its results citing the long address, then the report.
    await student.goto(home);
    await student.getByRole('link', { name: 'Take the final test' }).click();
    await expect(student.getByRole('button', { name: 'Start the test' })).toBeVisible();
    await expectFits(student, "an assignment's final test");
    await student.getByRole('button', { name: 'Start the test' }).click();
    const score = student.getByRole('heading', { level: 1, name: /^Your score/ });
    for (let i = 0; i < 10 && !(await score.isVisible()); i++) {
      await expect(student.locator('[data-kind]').or(score).first()).toBeVisible();
      if (await score.isVisible()) break;
      const counter = (await student.getByText(/^Question \d+ of/).textContent()) ?? '';
      await answerTestQuestion(student);
      await expect(student.getByText(counter, { exact: true })).toBeHidden();
    }
    await expect(score).toBeVisible();
    await expect(student.getByRole('link', { name: /opens in a new tab/ }).first()).toHaveAttribute(
      'href',
      LONG_URL
    );
    await expectFits(student, 'final test results citing a long address');
    await student.goto(home);
    await student.getByRole('button', { name: 'Make my report' }).click();
    const report = await student.getByLabel(/Report link/).inputValue();
    await expectFits(student, "an assignment's page with its report link");

    // The teacher opens the report from a student with a very long name: the class view.
    await teacher.goto(report);
    await expect(
      teacher.getByRole('heading', { level: 1, name: `Report from ${LONG_STUDENT}` })
    ).toBeVisible();
    await expectFits(teacher, 'a report opened from its link');
    await teacher.getByRole('link', { name: 'Open the class view' }).click();
    await expect(teacher.getByRole('row', { name: new RegExp(LONG_STUDENT) })).toBeVisible();
    await expectFits(teacher, 'a class view with a report');
    // The table scrolls inside its own box, which a keyboard can reach and scroll.
    const table = teacher.getByRole('region', { name: 'Class progress table' });
    await table.focus();
    await teacher.keyboard.press('ArrowRight');
    await expect
      .poll(() => table.evaluate((box) => box.scrollWidth > box.clientWidth && box.scrollLeft > 0))
      .toBe(true);
    await teacher.goto('/teach');
    await expectFits(teacher, 'Teach with a class');

    await teacher.context().close();
    await student.context().close();
  });
}
