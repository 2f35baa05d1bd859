/**
 * The pool indexed in the browser (SPEC §4, §10), with the perf-shape encoder (bge-small-en-v1.5's
 * architecture and weights files, generated weights): on WASM with 1 and 2 threads and on WebGPU
 * (SwiftShader here: a correctness run), the indexing runs in the background of a pool without
 * embeddings (`/pool-noindex/`) while searches keep answering rule-only. For each path it
 * measures the indexing rate the indexer reports and the click-to-results time of searches made
 * while it runs, and puts both in the performance report. It does not wait for the whole pool
 * (10 000 candidates at tens per second): the rate is steady after the first batches.
 */
import { expect, test, type Page } from '@playwright/test';
import type { WorkerStatus } from '../../src/protocol';
import { type IndexRow, indexTable, saveIndexRows } from '../support/engineReport';

const MODEL = 'fixtures/perf-encoder';
/** How long each path indexes while it is measured. */
const MEASURE_MS = 40_000;

const status = (page: Page) => page.evaluate(async () => (globalThis as unknown as { rovermitra: { matcher: { status(): Promise<WorkerStatus> } } }).rovermitra.matcher.status());

/** One search; click to results on screen (the page's own rm:click-to-result measure). */
async function timedSearch(page: Page, persona: number): Promise<number> {
  const funnel = page.getByTestId('funnel');
  const shown = (await funnel.count()) > 0 ? await funnel.getAttribute('data-search') : null;
  await page.getByTestId('persona').nth(persona % 5).click();
  await page.getByTestId('find-matches').click();
  if (shown) await expect(page.getByTestId('funnel')).not.toHaveAttribute('data-search', shown, { timeout: 60_000 });
  else await expect(page.getByTestId('funnel')).toBeVisible({ timeout: 60_000 });
  return page.evaluate(() => performance.getEntriesByName('rm:click-to-result').at(-1)?.duration ?? Number.NaN);
}

const PATHS: { path: string; params: Record<string, string> }[] = [
  { path: 'wasm, 1 thread', params: { device: 'wasm', threads: '1' } },
  { path: 'wasm, 2 threads', params: { device: 'wasm', threads: '2' } },
  { path: 'webgpu', params: { device: 'webgpu' } },
];

test('the pool is indexed in the background on each backend; searches keep answering meanwhile', async ({ browser }) => {
  test.setTimeout(PATHS.length * (MEASURE_MS + 120_000));
  const rows: IndexRow[] = [];
  for (const { path, params } of PATHS) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const q = new URLSearchParams({ ...params, pool: '/pool-noindex/', embed_model: MODEL, model_host: '/models/', warm: '1' });
    await page.goto(`/?${q.toString()}`);
    await expect(page.getByTestId('pool-status')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
    // warm=1: the model loads and the indexing starts without a search.
    await expect.poll(async () => (await status(page)).similarity?.indexing?.loaded ?? 0, { timeout: 120_000 }).toBeGreaterThan(0);
    const searches: number[] = [];
    const t0 = Date.now();
    for (let i = 0; Date.now() - t0 < MEASURE_MS; i++) {
      searches.push(await timedSearch(page, i));
      await expect(page.getByTestId('result-card').first()).toBeVisible();
    }
    const s = await status(page);
    expect(s.similarity?.state).toBe('indexing');
    const sorted = [...searches].sort((a, b) => a - b);
    rows.push({
      path,
      model: MODEL,
      weights: 'q8',
      device: path.startsWith('webgpu') ? `webgpu (${s.device.adapter ?? 'adapter'}${s.device.fallbackAdapter ? ', software' : ''})` : path,
      chromium: browser.version(),
      measured_at: new Date().toISOString(),
      candidates: s.similarity?.indexing?.total ?? 0,
      profiles_per_s: s.similarity?.indexing?.rate ?? null,
      search_during_median_ms: sorted.length ? Math.round(sorted[Math.floor(sorted.length / 2)] * 10) / 10 : null,
      search_during_p95_ms: sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] * 10) / 10 : null,
      search_during_max_ms: sorted.length ? Math.round(sorted[sorted.length - 1] * 10) / 10 : null,
      searches: searches.length,
    });
    expect(s.similarity?.indexing?.rate ?? 0).toBeGreaterThan(0);
    await context.close();
  }
  saveIndexRows(rows);
  console.log(['', 'Indexing in the browser (perf-shape encoder):', ...indexTable(rows)].join('\n'));
});
