import { defineConfig, devices } from '@playwright/test';
import { previewServer, suiteUse } from './scripts/chromium';

/** Browser tests run in a real Chromium (see scripts/chromium.ts for which one and its flags). */
const port = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    ...devices['Desktop Chrome'],
    ...suiteUse(port),
    trace: 'retain-on-failure',
    // The service worker is tested on its own (offline.spec.ts); elsewhere it would route the
    // page's requests around page.route() and make interception depend on timing.
    serviceWorkers: 'block',
  },
  // Prepare the generated assets first: `vite build` copies public/ (the pool) into the build.
  // The suite runs on a build made for tests; the production build (dist/) is checked as served.
  webServer: previewServer(port, '.tmp/e2e-dist', 240_000, 'dist'),
});
