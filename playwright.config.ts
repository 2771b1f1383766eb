import { defineConfig, devices } from '@playwright/test';
import { findBrowser, launchArgs } from './scripts/browser.mjs';

const port = Number(process.env.E2E_PORT ?? 4183);
const launchOptions = { executablePath: findBrowser() ?? undefined, args: launchArgs };

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  // A minute a test: on a two-core machine running two browsers, a first visit and a few
  // answers can take half of it.
  timeout: 60_000,
  // Assertions wait up to 10 s: a first visit installs the decks, which on a busy two-core
  // machine outlasts 5 s. Passing tests do not wait longer for it.
  expect: { timeout: 10_000 },
  reporter: 'list',
  use: {
    baseURL: `http://localhost:${port}`,
    // The service worker precaches the whole app and its decks on every fresh profile: a
    // third of a first visit's work. Tests of offline use and updates allow it.
    serviceWorkers: 'block',
    trace: 'retain-on-failure'
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: /(responsive|optimise)\.spec\.ts/,
      use: { ...devices['Desktop Chrome'], launchOptions }
    },
    // Input delay is a timing: measured after the rest, one test at a time, with no second
    // browser competing for the two cores (with one, a click waited 103–133 ms in 1 run of 8
    // where it waits 14–57, and a fit in a worker ran slower than the clicks meant to land in it).
    {
      name: 'timing',
      testMatch: /responsive\.spec\.ts/,
      dependencies: ['chromium'],
      use: { ...devices['Desktop Chrome'], launchOptions }
    },
    {
      name: 'timing-optimiser',
      testMatch: /optimise\.spec\.ts/,
      dependencies: ['timing'],
      use: { ...devices['Desktop Chrome'], launchOptions }
    }
  ],
  webServer: {
    command: 'node scripts/serve.mjs',
    env: { PORT: String(port) },
    url: `http://localhost:${port}/`,
    reuseExistingServer: !process.env.CI,
    stdout: 'ignore'
  }
});
