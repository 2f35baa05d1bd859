/**
 * Installable and offline (SPEC §6): after one visit the service worker serves the app shell and
 * the pool, so a reload with no network still renders, loads the pool, matches, and stays
 * cross-origin isolated (the cached responses keep COOP/COEP). Synchronisation is on DOM states,
 * the service worker's own promises and the cache contents, never on sleeps.
 */

// This file tests the service worker: allow it here (the config blocks it elsewhere).
test.use({ serviceWorkers: 'allow' });
import { expect, test, type Page } from '@playwright/test';

async function poolReady(page: Page) {
  await expect(page.getByTestId('pool-status')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
}

/** Paths held in the saved pool pairs (src/core/util/savedPair.ts), sorted. */
function savedPoolPaths(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const out: string[] = [];
    for (const name of await caches.keys()) {
      if (!name.startsWith('rovermitra-pair:pool:')) continue;
      for (const r of await (await caches.open(name)).keys()) out.push(new URL(r.url).pathname);
    }
    return out.sort();
  });
}

test('the web app manifest is linked and parses', async ({ page }) => {
  await page.goto('/?device=off');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  const manifest = await page.evaluate(async (url) => {
    const res = await fetch(url);
    return { ok: res.ok, body: await res.json() };
  }, href!);
  expect(manifest.ok).toBe(true);
  expect(manifest.body).toMatchObject({ name: 'RoverMitra Web', short_name: 'RoverMitra', start_url: '.', display: 'standalone' });
  expect(manifest.body.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  expect(manifest.body.background_color).toMatch(/^#[0-9a-f]{6}$/i);
  const icon = manifest.body.icons.find((i: { type?: string }) => i.type === 'image/svg+xml');
  expect(icon).toBeTruthy();
  const iconUrl = new URL(icon.src, new URL(href!, page.url())).href;
  const iconRes = await page.request.get(iconUrl);
  expect(iconRes.ok()).toBe(true);
  expect(await iconRes.text()).toContain('<svg');
});

test('once visited, the app loads, matches and stays cross-origin isolated with no network', async ({ page, context }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await page.goto('/?device=off');
  await poolReady(page);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

  // The service worker is active and controls this page.
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(scope).toBe(new URL('.', page.url()).href);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  // The pool was saved as one pair (manifest and pool.bin) by the matcher worker; nothing from
  // the model libraries or the ONNX Runtime wasm is in the app's or the service worker's caches.
  await expect.poll(() => savedPoolPaths(page)).toEqual([expect.stringMatching(/\/pool\/manifest\.json$/), expect.stringMatching(/\/pool\/pool\.bin$/)]);
  const allCached = await page.evaluate(async () => {
    const out: string[] = [];
    for (const name of await caches.keys()) {
      if (!/workbox|rovermitra/.test(name)) continue;
      for (const r of await (await caches.open(name)).keys()) out.push(new URL(r.url).pathname);
    }
    return out;
  });
  expect(allCached.some((p) => p.endsWith('.wasm') || p.includes('/models/'))).toBe(false);

  await context.setOffline(true);
  // Really offline, the service worker included: a URL it fetches from the network (nothing cached) fails.
  const probe = await page.evaluate(() => fetch('pool/embeddings/offline-probe.json').then((r) => `status ${r.status}`, () => 'network error'));
  expect(probe).toBe('network error');

  await page.reload();
  await expect(page.getByTestId('profile-form')).toBeVisible();
  await poolReady(page);
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

  await page.getByTestId('persona').first().click();
  await page.getByTestId('find-matches').click();
  const cards = page.getByTestId('result-card');
  await expect(cards.first()).toBeVisible({ timeout: 30_000 });
  const n = await cards.count();
  expect(n).toBeGreaterThanOrEqual(1);
  expect(n).toBeLessThanOrEqual(5);
  expect(errors).toEqual([]);

  await context.setOffline(false);
});

test('after a partial update (new manifest, pool.bin lost) the last whole pool is used, online and offline', async ({ page, context }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/?device=off');
  await poolReady(page);
  const count = Number(await page.getByTestId('pool-status').getAttribute('data-count'));
  expect(count).toBeGreaterThan(0);
  await expect.poll(() => savedPoolPaths(page)).toHaveLength(2);

  // The server now has a new pool: its manifest arrives, its pool.bin does not.
  const manifest = await (await page.request.get('pool/manifest.json')).json();
  const next = { ...manifest, count: count + 1, files: { packed: { ...manifest.files.packed, sha256: 'f'.repeat(64), bytes: manifest.files.packed.bytes + 8 } } };
  await context.route('**/pool/manifest.json', (route) => route.fulfill({ json: next }));
  await context.route('**/pool/pool.bin', (route) => route.abort('connectionreset'));
  await page.reload();
  await poolReady(page);
  await expect(page.getByTestId('pool-status')).toHaveAttribute('data-count', String(count));
  const notice = page.locator('[data-testid="notice"][data-code="pool_saved"]');
  await expect(notice).toBeVisible();
  await expect(notice.locator('.notice-message')).not.toContainText('net::');
  // The saved pair was not replaced by the half that arrived.
  expect(await savedPoolPaths(page)).toHaveLength(2);

  // And offline, the same whole pair (once the service worker controls the page: it serves the shell).
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.unrouteAll();
  await context.setOffline(true);
  await page.reload();
  await poolReady(page);
  await expect(page.getByTestId('pool-status')).toHaveAttribute('data-count', String(count));
  await page.getByTestId('persona').first().click();
  await page.getByTestId('find-matches').click();
  await expect(page.getByTestId('result-card').first()).toBeVisible({ timeout: 30_000 });
  expect(errors).toEqual([]);
  await context.setOffline(false);
});
