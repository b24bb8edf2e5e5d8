import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests in Debian's Chromium against a running portal; run them
 * with scripts/e2e.sh, which starts that portal (see e2e/app-config.e2e.yaml).
 */
export default defineConfig({
  testDir: 'e2e/tests',
  timeout: 90_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  // A flaky test is a bug to fix, not to retry away.
  retries: 0,
  workers: 1,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-test-report' }],
  ],
  outputDir: 'e2e/results',
  use: {
    baseURL: process.env.OPSREADY_E2E_URL ?? 'http://localhost:3001',
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-dev-shm-usage',
      ],
    },
  },
  projects: [{ name: 'chromium' }],
});
