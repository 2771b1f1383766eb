import { ensureBrowser } from './browser.mjs';

console.log(`End-to-end tests use Chromium at ${ensureBrowser()}`);
