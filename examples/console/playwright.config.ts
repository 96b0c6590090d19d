/**
 * End-to-end tests of the console in a real browser: Debian's Chromium
 * (`apt-get install chromium`; `npx playwright install` is not needed). The
 * console is served on 127.0.0.1 on a port picked at run time (e2e/fixtures.ts).
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  // One browser at a time: the tests share a small machine with others.
  workers: 1,
  fullyParallel: false,
  // Generous: axe on the longer pages takes seconds on a loaded machine.
  timeout: 60_000,
  expect: { timeout: 5_000 },
  forbidOnly: true,
  reporter: [['list']],
  // The screenshots for docs/images/ run only when asked for (npm run console:screenshots).
  ...(process.argv.includes('@screenshots') ? {} : { grepInvert: /@screenshots/ }),
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1200, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
