import { defineConfig, devices } from '@playwright/test';
import base from './playwright.config';

// `npm run screenshots`: every screen at phone size, light and dark, into docs/screenshots/.
export default defineConfig({
  ...base,
  testDir: 'tests/screenshots',
  projects: [
    {
      name: 'phone',
      use: {
        ...devices['Desktop Chrome'],
        ...base.projects?.[0]?.use,
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        hasTouch: true
      }
    }
  ]
});
