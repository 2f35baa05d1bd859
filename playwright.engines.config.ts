import { defineConfig, devices } from '@playwright/test';
import { previewServer, suiteUse } from './scripts/chromium';

/**
 * The real-engine browser tests (`npm run test:engines`): the model engines' real code on models
 * of the real architectures with generated weights (`npm run fixtures -- --webllm` writes them),
 * loaded through the app's own loader from its own origin. On a machine without a GPU, WebGPU is
 * SwiftShader: correct, and slow (tens of seconds per prompt), hence the long limits. Own port
 * and build folder, so it can run beside the other suites.
 */
const port = Number(process.env.ENGINES_PORT ?? 4193);

export default defineConfig({
  testDir: 'tests/engines',
  outputDir: '.tmp/engines-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  timeout: 30 * 60_000,
  expect: { timeout: 60_000 },
  use: { ...devices['Desktop Chrome'], ...suiteUse(port), actionTimeout: 60_000, trace: 'off', video: 'off', screenshot: 'only-on-failure', serviceWorkers: 'block' },
  webServer: previewServer(port, '.tmp/engines-dist'),
});
