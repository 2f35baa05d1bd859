/**
 * The newcomer's first `npm start` (README): the port flag reaches the server, and the first
 * visit is not reloaded by the dev server discovering a dependency late (`--force`: the
 * dependency cache starts cold, as on a fresh clone). The search uses a model through the
 * worker, so the model libraries' imports are part of the visit.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { consentedState } from '../../scripts/chromium';

const PORT = 5199;
test.use({ storageState: consentedState(`http://localhost:${PORT}`) });
let server: ChildProcess | null = null;
let log = '';

test.beforeAll(async () => {
  test.setTimeout(180_000);
  server = spawn('npm', ['start', '--', '--port', String(PORT), '--strictPort', '--force'], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      log += d.toString().replace(/\x1b\[[0-9;]*m/g, ''); // without colours
      if (log.includes(`http://localhost:${PORT}/`)) resolve();
    };
    server!.stdout!.on('data', onData);
    server!.stderr!.on('data', onData);
    server!.on('exit', (code) => reject(new Error(`npm start exited (${code}): ${log}`)));
  });
});

test.afterAll(() => {
  if (server?.pid) process.kill(-server.pid, 'SIGTERM');
});

test('npm start -- --port N serves on N, and the first visit is never reloaded', async ({ page }) => {
  test.setTimeout(180_000);
  let navigations = 0;
  page.on('framenavigated', (f) => { if (f === page.mainFrame()) navigations++; });
  await page.goto(`http://localhost:${PORT}/?device=wasm&embed_model=fixtures/tiny-encoder&model_host=/models/`);
  await expect(page.getByTestId('pool-status')).toHaveAttribute('data-ready', 'true', { timeout: 120_000 });
  await page.getByTestId('persona').first().click();
  await page.getByTestId('find-matches').click();
  await expect(page.getByTestId('result-card').first()).toBeVisible({ timeout: 120_000 });
  // The embedder ran (its library was imported by the worker), then the page is still the first one.
  await expect(page.getByTestId('embedder-state')).toHaveAttribute('data-state', /ready|indexing/, { timeout: 60_000 });
  const shown = await page.getByTestId('funnel').getAttribute('data-search');
  await page.getByTestId('find-matches').click();
  await expect(page.getByTestId('funnel')).not.toHaveAttribute('data-search', shown!);
  expect(log).not.toMatch(/reloading/);
  expect(navigations).toBe(1);
});

test('the dev server never sends the canonical profiles in .pool-data/ (private fields), however asked', async ({ request }) => {
  const file = fileURLToPath(new URL('../../.pool-data/pool/profiles.jsonl', import.meta.url));
  // `npm start` prepares the pool first, so the file is there to be refused.
  expect(existsSync(file)).toBe(true);
  const firstId = /"id":"([^"]+)"/.exec(readFileSync(file, 'utf8').slice(0, 4096))?.[1];
  expect(firstId).toBeTruthy();
  const plain = await request.get(`http://localhost:${PORT}/.pool-data/pool/profiles.jsonl`);
  expect(plain.status()).not.toBe(200);
  expect(await plain.text()).not.toContain(firstId!);
  // Other ways in: as a module's text, as an import, by file-system path. (An `?import` may be
  // answered with a module naming the URL; never with the file's contents.)
  for (const path of ['/.pool-data/pool/profiles.jsonl?raw', '/.pool-data/pool/profiles.jsonl?import', `/@fs${file}`]) {
    const res = await request.get(`http://localhost:${PORT}${path}`);
    expect(await res.text(), path).not.toContain(firstId!);
  }
});
