// End-to-end tests in headless Chromium from Debian's package (/usr/bin/chromium: `scripts/e2e-setup` installs
// it; Playwright downloads no browser), against the local chain with the SBF programs and the app's production
// build served by `vite preview`.
import { defineConfig } from '@playwright/test';

const chromium = process.env['PST_CHROMIUM'] ?? '/usr/bin/chromium';
const appPort = Number(process.env['PST_E2E_APP_PORT'] ?? 4_174);

export default defineConfig({
  testDir: './e2e',
  globalSetup: './e2e/global-setup.ts',
  timeout: 240_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${appPort}`,
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: chromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: `npx vite build --logLevel warn && npx vite preview --port ${appPort} --strictPort`,
    url: `http://127.0.0.1:${appPort}`,
    reuseExistingServer: false,
    timeout: 120_000,
  },
});
