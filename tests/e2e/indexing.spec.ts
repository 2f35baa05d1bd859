/**
 * The AI prefilter for a pool without embeddings (SPEC §4): the browser indexes the pool itself,
 * in the background, with the fixture encoder (real transformers.js, generated weights) on WASM.
 * Each test has a fresh browser profile (Playwright's default context): nothing from another test
 * is on the device. `/pool-noindex/` is the site's pool without its embeddings files.
 */
import { expect, test, type Page } from '@playwright/test';
import { TINY_ENCODER } from '../../scripts/make-fixtures';
import type { WorkerStatus } from '../../src/protocol';

const URL = `/?device=wasm&pool=/pool-noindex/&embed_model=${TINY_ENCODER}&model_host=/models/`;

async function open(page: Page, url = URL) {
  await page.goto(url);
  await expect(page.getByTestId('pool-status')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
}

/** Search with the first persona; what the page shows of it. */
async function search(page: Page) {
  const funnel = page.getByTestId('funnel');
  const shown = (await funnel.count()) > 0 ? await funnel.getAttribute('data-search') : null;
  await page.getByTestId('persona').first().click();
  await page.getByTestId('find-matches').click();
  if (shown) await expect(page.getByTestId('funnel')).not.toHaveAttribute('data-search', shown);
  await expect(page.getByTestId('result-card').first()).toBeVisible({ timeout: 30_000 });
  return {
    ranked: (await page.getByTestId('funnel').getAttribute('data-ranked-ids'))?.split(' ') ?? [],
    backend: await page.getByTestId('similarity-backend').getAttribute('data-backend'),
    notices: await page.getByTestId('notice').evaluateAll((els) => els.map((e) => e.getAttribute('data-code'))),
  };
}

const status = (page: Page) => page.evaluate(async () => (globalThis as unknown as { rovermitra: { matcher: { status(): Promise<WorkerStatus> } } }).rovermitra.matcher.status());

async function similarityState(page: Page) {
  return (await status(page)).similarity;
}

test.describe('indexing on the device', () => {
  test('first search rule-only with the progress, then semantic; after a reload semantic at once, no indexing', async ({ page }) => {
    test.setTimeout(180_000);
    await open(page);
    const first = await search(page);
    expect(first.backend).toBe('none');
    expect(first.notices).toContain('index_building');
    await expect(page.getByTestId('index-progress')).toBeVisible({ timeout: 30_000 });
    // Searches during the indexing stay rule-only.
    const during = await search(page);
    expect(during.backend).toBe('none');
    // The builder's own rate and time left, once its first batch is in.
    await expect(page.getByTestId('index-progress')).toContainText(/per second, about \d+ (s|min) left/, { timeout: 30_000 });
    await expect(page.getByTestId('index-progress')).toHaveCount(0, { timeout: 150_000 });
    await expect.poll(async () => (await similarityState(page))?.state, { timeout: 30_000 }).toBe('ready');
    expect((await similarityState(page))?.source).toBe('indexed');
    const after = await search(page);
    expect(after.backend).toBe('wasm');
    expect(after.notices).not.toContain('index_building');
    expect(after.ranked).toHaveLength(first.ranked.length);
    expect(after.ranked).not.toEqual(first.ranked);

    await page.reload();
    await expect(page.getByTestId('pool-status')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
    const again = await search(page);
    expect(again.backend).toBe('wasm');
    expect(again.notices).not.toContain('index_building');
    expect(again.ranked).toEqual(after.ranked);
    expect((await similarityState(page))?.source).toBe('device');
    await expect(page.getByTestId('index-progress')).toHaveCount(0);
  });

  test('an indexing interrupted by a reload goes on where it stopped', async ({ page }) => {
    test.setTimeout(180_000);
    await open(page);
    await search(page);
    // Parts of 256 candidates are saved as they are done: wait for two.
    await expect.poll(async () => (await similarityState(page))?.indexing?.loaded ?? 0, { timeout: 60_000 }).toBeGreaterThanOrEqual(600);
    const before = (await similarityState(page))!.indexing!;
    expect(before.loaded).toBeLessThan(before.total);
    await page.reload();
    await expect(page.getByTestId('pool-status')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
    await search(page);
    await expect.poll(async () => (await similarityState(page))?.indexing?.loaded ?? 0, { timeout: 60_000 }).toBeGreaterThan(0);
    // The first report of the resumed run starts after the saved parts, not at 0.
    expect((await similarityState(page))!.indexing!.loaded).toBeGreaterThanOrEqual(512);
  });

  test('storage that refuses the index: it is built and used for this visit, with a notice', async ({ page }) => {
    test.setTimeout(180_000);
    await open(page, `${URL}&fault=index_storage_full`);
    expect((await search(page)).notices).toContain('index_building');
    await expect.poll(async () => (await similarityState(page))?.state, { timeout: 150_000 }).toBe('ready');
    const after = await search(page);
    expect(after.backend).toBe('wasm');
    expect(after.notices).toContain('index_not_saved');
    // Nothing of the index is on the device.
    const saved = await page.evaluate(async () => (await caches.keys()).filter((n) => n.startsWith('rovermitra-index:')));
    for (const name of saved) expect(await page.evaluate(async (n) => (await (await caches.open(n)).keys()).length, name)).toBe(0);
  });

  test('a model that cannot be loaded leaves a working rule-only search with the reason', async ({ page }) => {
    test.setTimeout(120_000);
    await open(page, URL.replace('model_host=/models/', 'model_host=/no-models-here/'));
    const first = await search(page);
    expect(first.backend).toBe('none');
    await expect.poll(async () => (await similarityState(page))?.state, { timeout: 60_000 }).toBe('failed');
    const next = await search(page);
    expect(next.backend).toBe('none');
    expect(next.notices).toContain('embedder_unavailable');
    expect(next.ranked.length).toBeGreaterThan(0);
  });
});
