/**
 * A person knows what the AI is doing and decides what it downloads: the AI status lines next to
 * the results, the download question before a model's first load (remembered), the retry after
 * a failure, a setting change that re-runs the search, the keyboard shortcut, and screenshots of
 * the results with a model loading and with the AI status (360 px and 1280 px).
 */
import { expect, test, type Page, type Route } from '@playwright/test';
import { TINY_ENCODER } from '../../scripts/make-fixtures';

const FIXTURE = `device=wasm&embed_model=${TINY_ENCODER}&model_host=/models/`;

async function open(page: Page, query: string) {
  await page.goto(`/?${query}`);
  await expect(page.getByTestId('pool-status')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
}

async function clickSearch(page: Page) {
  await page.getByTestId('persona').first().click();
  await page.getByTestId('find-matches').click();
}

const line = (page: Page, stage: 'prefilter' | 'ranking') => page.getByTestId('ai-line').and(page.locator(`[data-stage="${stage}"]`));

test.describe('a fresh browser profile: the download question', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('asked before the first load of a model, with its size; the answer is remembered after a reload', async ({ page }) => {
    test.setTimeout(120_000);
    const modelRequests: string[] = [];
    page.on('request', (r) => { if (new URL(r.url()).pathname.startsWith(`/models/${TINY_ENCODER}/`)) modelRequests.push(r.url()); });
    await open(page, FIXTURE);
    await clickSearch(page);
    const prompt = page.getByTestId('consent-prompt');
    await expect(prompt).toBeVisible();
    const row = page.getByTestId('consent-model').and(page.locator(`[data-model="${TINY_ENCODER}"]`));
    await expect(row).toContainText('AI prefilter');
    await expect(row).toHaveAttribute('data-cached', 'false');
    // Nothing of the model was fetched while the question is open, and no result is shown yet.
    expect(modelRequests).toEqual([]);
    await expect(page.getByTestId('result-card')).toHaveCount(0);
    await page.getByTestId('consent-accept').click();
    await expect(page.getByTestId('result-card').first()).toBeVisible({ timeout: 60_000 });
    await expect.poll(() => modelRequests.length).toBeGreaterThan(0);
    await expect(prompt).toHaveCount(0);

    await page.reload();
    await expect(page.getByTestId('pool-status')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
    await clickSearch(page);
    await expect(page.getByTestId('result-card').first()).toBeVisible({ timeout: 60_000 });
    await expect(prompt).toHaveCount(0);
    await expect(line(page, 'prefilter')).toHaveAttribute('data-state', 'ran', { timeout: 30_000 });
  });

  test('a declined model is never downloaded; its stage says so and the search works', async ({ page }) => {
    test.setTimeout(120_000);
    const modelRequests: string[] = [];
    page.on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/models/')) modelRequests.push(r.url()); });
    await open(page, FIXTURE);
    await clickSearch(page);
    await page.getByTestId('consent-decline').click();
    await expect(page.getByTestId('result-card').first()).toBeVisible({ timeout: 60_000 });
    await expect(line(page, 'prefilter')).toHaveAttribute('data-state', 'skipped');
    await expect(line(page, 'prefilter')).toContainText('You chose not to download');
    await expect(line(page, 'ranking')).toContainText('you chose not to download');
    expect(modelRequests).toEqual([]);
  });

  test('warm=1 counts as consent: no question', async ({ page }) => {
    test.setTimeout(120_000);
    await open(page, `${FIXTURE}&warm=1`);
    await clickSearch(page);
    await expect(page.getByTestId('result-card').first()).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('consent-prompt')).toHaveCount(0);
  });
});

test('offline: the AI status names the host, keeps the library text behind a disclosure, and offers a retry', async ({ page }) => {
  test.setTimeout(120_000);
  await page.route('https://huggingface.co/**', (route) => route.abort('internetdisconnected'));
  await open(page, 'device=wasm');
  await clickSearch(page);
  await expect(page.getByTestId('result-card').first()).toBeVisible({ timeout: 60_000 });
  // The first search set the model loading; the next one finds it failed.
  await expect.poll(async () => {
    await page.getByTestId('find-matches').click();
    return line(page, 'prefilter').getAttribute('data-state');
  }, { timeout: 60_000 }).toBe('failed');
  const prefilter = line(page, 'prefilter');
  const said = prefilter.getByTestId('ai-text');
  await expect(said).toContainText('huggingface.co could not be reached');
  await expect(said).toContainText('offline');
  // The library's own words only behind the disclosure.
  await expect(said).not.toContainText('fetch');
  await expect(prefilter.locator('details code')).not.toHaveText('');
  await expect(line(page, 'ranking')).toHaveAttribute('data-state', 'failed');
  await expect(line(page, 'ranking')).toContainText('huggingface.co could not be reached');
  const shown = await page.getByTestId('funnel').getAttribute('data-search');
  await prefilter.getByTestId('ai-retry').click();
  await expect(page.getByTestId('notice').and(page.locator('[data-code="models_retry"]'))).toBeVisible();
  // The last search runs again on a fresh worker.
  await expect(page.getByTestId('funnel')).not.toHaveAttribute('data-search', shown!, { timeout: 60_000 });
  await expect(page.getByTestId('result-card').first()).toBeVisible();
});

test('a setting change restarts the matcher, says so and re-runs the search with fresh notices', async ({ page }) => {
  test.setTimeout(120_000);
  await open(page, `device=off&embed_model=${TINY_ENCODER}&model_host=/models/`);
  await clickSearch(page);
  await expect(page.getByTestId('result-card').first()).toBeVisible();
  await expect(page.getByTestId('notice').and(page.locator('[data-code="similarity_off"]'))).toBeVisible();
  await expect(line(page, 'prefilter')).toHaveAttribute('data-state', 'skipped');
  await page.getByTestId('device-setting').selectOption('wasm');
  await expect(page.getByTestId('notice').and(page.locator('[data-code="settings_applied"]'))).toBeVisible();
  await expect(page.getByTestId('result-card').first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('similarity-backend')).toHaveAttribute('data-backend', 'wasm', { timeout: 60_000 });
  await expect(page.getByTestId('notice').and(page.locator('[data-code="similarity_off"]'))).toHaveCount(0);
  await expect(line(page, 'prefilter')).toHaveAttribute('data-state', 'ran');
});

test('Ctrl+Enter finds matches from anywhere in the form', async ({ page }) => {
  await open(page, 'device=off');
  await page.getByTestId('persona').first().click();
  await page.locator('#f-name').focus();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('result-card').first()).toBeVisible();
});

for (const vp of [{ width: 360, height: 800 }, { width: 1280, height: 900 }]) {
  test(`screenshots at ${vp.width} px: results with a model loading, then with the AI status`, async ({ page }, info) => {
    test.setTimeout(120_000);
    await page.setViewportSize(vp);
    // The encoder's weights are held back until the first screenshot is taken; then it indexes
    // the pool (a few seconds with the tiny encoder) and the searches use it.
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => { release = r; });
    await page.route(`**/models/${TINY_ENCODER}/onnx/**`, async (route: Route) => { await held; await route.continue(); });
    // A pool without embeddings: the first search answers by the rules while the model loads.
    await open(page, `${FIXTURE}&pool=/pool-noindex/`);
    await clickSearch(page);
    await expect(page.getByTestId('result-card').first()).toBeVisible({ timeout: 60_000 });
    await expect(line(page, 'prefilter')).toHaveAttribute('data-state', 'working');
    await page.getByTestId('ai-status').scrollIntoViewIfNeeded();
    await page.screenshot({ path: info.outputPath(`results-model-loading-${vp.width}.png`) });
    release();
    await expect.poll(async () => {
      await page.getByTestId('find-matches').click();
      return line(page, 'prefilter').getAttribute('data-state');
    }, { timeout: 60_000 }).toBe('ran');
    await page.getByTestId('ai-status').scrollIntoViewIfNeeded();
    await page.screenshot({ path: info.outputPath(`results-ai-status-${vp.width}.png`) });
  });
}
