// End-to-end tests: Playwright drives Debian's Chromium against the web shell (the same renderer
// and core as the Electron app), with a real central server seeded with the full demo catalog.
import { defineConfig } from '@playwright/test';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export default defineConfig({
  testDir: '.',
  testMatch: '*.e2e.ts',
  globalSetup: './global-setup.ts',
  globalTeardown: './global-teardown.ts',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  outputDir: '../../test-results/e2e',
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
    locale: 'ru-RU',
    viewport: { width: 1440, height: 860 },
    trace: 'retain-on-failure',
  },
});
