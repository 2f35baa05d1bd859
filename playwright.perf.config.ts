import { defineConfig, devices } from '@playwright/test';
import { previewServer, suiteUse } from './scripts/chromium';

/**
 * The performance suite (SPEC §10): `npm run test:perf` (PERF_RUNS searches per device path,
 * default 15) or `npm run test:perf:short` (3). It measures and reports — perf-report.json and
 * perf-report.md in the repository root — and fails only on a gross regression (≥ 5× a budget).
 *
 * Same Chromium launch setup as the browser tests (scripts/chromium.ts); its own port and its
 * own build folder, so it can run while the browser tests rebuild dist/.
 */
const port = Number(process.env.PERF_PORT ?? 4183);
const outDir = '.tmp/perf-dist';

export default defineConfig({
  testDir: 'tests/perf',
  outputDir: '.tmp/perf-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  // Per path: a cold load, a warm-up search, PERF_RUNS searches and warm revisits. Real models
  // (PERF_MODEL_HOST) download and compile on the first search: generous limits.
  timeout: (process.env.PERF_MODEL_HOST ? 90 : 20) * 60_000,
  expect: { timeout: 30_000 },
  use: { ...devices['Desktop Chrome'], ...suiteUse(port), trace: 'off', video: 'off', screenshot: 'off' },
  webServer: previewServer(port, outDir),
});
