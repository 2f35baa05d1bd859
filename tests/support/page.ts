/**
 * What the browser suites do over and over with the app: open it with settings and wait until
 * the pool is ready, and search with the first persona until its cards are on screen.
 */
import { expect, type Page } from '@playwright/test';

/** The fixture models from the app's own origin (`/models/`): the tiny encoder and decoder. */
export const FIXTURE_MODELS = 'embed_model=fixtures/tiny-encoder&wasm_llm=fixtures/tiny-decoder&model_host=/models/';

export async function openReady(page: Page, query = ''): Promise<void> {
  await page.goto(`/?${query}`);
  await expect(page.getByTestId('pool-status')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
}

/** Open with `query` (null: stay on the page) and search with the first persona; its first card is on screen. */
export async function searchFirstPersona(page: Page, query: string | null, timeout = 60_000): Promise<void> {
  if (query !== null) await openReady(page, query);
  await page.getByTestId('persona').first().click();
  await page.getByTestId('find-matches').click();
  await expect(page.getByTestId('result-card').first()).toBeVisible({ timeout });
}

/**
 * Long tasks of the page's main thread, from before the page's first script: `count()` now, and
 * the durations of those after a count taken earlier.
 */
export async function watchLongTasks(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __long: number[] };
    w.__long = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__long.push(e.duration); }).observe({ type: 'longtask', buffered: true });
  });
  return {
    count: () => page.evaluate(() => (window as unknown as { __long: number[] }).__long.length),
    since: (n: number) => page.evaluate((from) => (window as unknown as { __long: number[] }).__long.slice(from), n),
  };
}
